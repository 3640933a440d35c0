//! Numbers with units for readers: a paper's reading time and a file's size, in the page's
//! language and a digit style, with the Arabic counted noun in the form its number asks for.
//!
//! The reading time comes from the body's word count ([`minutes`]): 200 words a minute for
//! an Arabic paper (Arabic prose read with care, as research is read) and 230 for an English
//! one, rounded up, at least one minute.

use super::{fill, strings};
use crate::lang::Lang;

/// Words a minute, by the paper's language.
pub(crate) const fn words_per_minute(lang: Lang) -> usize {
    match lang {
        Lang::Ar => 200,
        Lang::En => 230,
    }
}

/// The minutes a reader needs for `words` words of a paper in `lang`: rounded up, at least 1.
pub(crate) fn minutes(words: usize, lang: Lang) -> usize {
    words.div_ceil(words_per_minute(lang)).max(1)
}

/// `n` in Western digits, or in Arabic-Indic ones (`١٢`).
pub(crate) fn digits(n: usize, arabic_indic: bool) -> String {
    let western = n.to_string();
    if !arabic_indic {
        return western;
    }
    western
        .bytes()
        .map(|b| crate::chars::digit('٠', b - b'0'))
        .collect()
}

/// "مدة القراءة: 12 دقيقة", "12 min read": `minutes` in `lang`. Arabic says one minute and
/// two minutes with the noun alone (دقيقة واحدة، دقيقتان), 3–10 with the plural (دقائق), 11
/// and on with the singular (دقيقة); a number past 100 takes the form of its last two digits
/// (103 دقائق، 111 دقيقة).
pub(crate) fn reading_time(minutes: usize, lang: Lang, arabic_indic: bool) -> String {
    let t = strings(lang);
    let form = match (minutes, minutes % 100) {
        (1, _) => &t.reading_time_1,
        (2, _) => &t.reading_time_2,
        (_, 3..=10) => &t.reading_time_few,
        _ => &t.reading_time_many,
    };
    fill(form, &digits(minutes, arabic_indic))
}

/// A file's size for readers: whole kilobytes (rounded up) below a megabyte, megabytes with
/// one decimal from there (the Arabic decimal separator `٫` with Arabic-Indic digits).
pub(crate) fn file_size(bytes: u64, lang: Lang, arabic_indic: bool) -> String {
    let t = strings(lang);
    let kb = bytes.div_ceil(1024);
    if kb < 1024 {
        return fill(&t.size_kb, &digits(kb as usize, arabic_indic));
    }
    let tenths = (bytes * 10).div_ceil(1024 * 1024) as usize;
    let point = if arabic_indic { "٫" } else { "." };
    let text = format!(
        "{}{point}{}",
        digits(tenths / 10, arabic_indic),
        digits(tenths % 10, arabic_indic)
    );
    fill(&t.size_mb, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_counts_minutes_in_four_forms() {
        let cases = [
            (1, false, "مدة القراءة: دقيقة واحدة"),
            (2, false, "مدة القراءة: دقيقتان"),
            (3, false, "مدة القراءة: 3 دقائق"),
            (10, true, "مدة القراءة: ١٠ دقائق"),
            (11, false, "مدة القراءة: 11 دقيقة"),
            (12, true, "مدة القراءة: ١٢ دقيقة"),
            (100, false, "مدة القراءة: 100 دقيقة"),
            (103, false, "مدة القراءة: 103 دقائق"),
            (111, false, "مدة القراءة: 111 دقيقة"),
        ];
        for (n, indic, text) in cases {
            assert_eq!(reading_time(n, Lang::Ar, indic), text, "{n}");
        }
        assert_eq!(reading_time(1, Lang::En, false), "1 min read");
        assert_eq!(reading_time(12, Lang::En, false), "12 min read");
    }

    #[test]
    fn minutes_round_up_from_the_rate() {
        assert_eq!(minutes(0, Lang::Ar), 1);
        assert_eq!(minutes(200, Lang::Ar), 1);
        assert_eq!(minutes(201, Lang::Ar), 2);
        assert_eq!(minutes(2300, Lang::En), 10);
    }

    #[test]
    fn sizes() {
        assert_eq!(file_size(300, Lang::En, false), "1 KB");
        assert_eq!(file_size(350 * 1024, Lang::Ar, true), "٣٥٠ كيلوبايت");
        assert_eq!(file_size(1024 * 1024, Lang::En, false), "1.0 MB");
        assert_eq!(file_size(2_500_000, Lang::Ar, true), "٢٫٤ ميغابايت");
    }
}
