//! The cover: title, authors with their titles (د.، أ.د.), the date as written, publisher and
//! place, read from the short lines before the paper's first heading or paragraph. A repeated
//! title block (cover, then first page) is kept once and the repeat declared removed; a footnote
//! marker on the repeated byline is kept for the author. Abstract labels («الملخص»,
//! «Abstract») anywhere are marked too.
//!
//! Nothing is guessed: a cover line that fits no field stays in the text and the report says so.

use super::{Abstract, Kind, Source, comparable, superscript_value, word_count};
use crate::chars::digit_value;

/// What the cover says.
#[derive(Clone, Debug, Default)]
pub(crate) struct Cover {
    pub(crate) title: Option<(String, usize)>,
    pub(crate) authors: Vec<Author>,
    pub(crate) date_text: Option<(String, usize)>,
    /// `YYYY` or `YYYY-MM`.
    pub(crate) date: Option<String>,
    pub(crate) publisher: Option<(String, usize)>,
    pub(crate) place: Option<String>,
    /// Lines removed as a repeat of the cover.
    pub(crate) repeats: Vec<usize>,
    /// Cover lines that fit no field (1-based), left in the text.
    pub(crate) unplaced: Vec<usize>,
}

/// One author from the byline.
#[derive(Clone, Debug)]
pub(crate) struct Author {
    pub(crate) name: String,
    /// The footnote markers on the byline (value), in order.
    pub(crate) markers: Vec<u32>,
}

/// Titles written before a name.
const HONORIFICS: [&str; 12] = [
    "أ.د.",
    "أ. د.",
    "د.",
    "أ.",
    "م.",
    "الدكتور",
    "الدكتورة",
    "الأستاذ",
    "الأستاذة",
    "بروفيسور",
    "Dr.",
    "Prof.",
];

/// Words naming an institution, a publisher or a periodical.
const INSTITUTIONS: [&str; 16] = [
    "مركز",
    "مؤسسة",
    "معهد",
    "جامعة",
    "دار",
    "مجلة",
    "كلية",
    "منتدى",
    "مجلس",
    "أكاديمية",
    "هيئة",
    "وحدة",
    "المركز",
    "المعهد",
    "الجامعة",
    "Center",
];

/// Month names: the Levantine/Iraqi ones and the ones of Egypt and the Gulf, by number.
const MONTHS: [(&str, u8); 26] = [
    ("كانون الثاني", 1),
    ("شباط", 2),
    ("آذار", 3),
    ("نيسان", 4),
    ("أيار", 5),
    ("حزيران", 6),
    ("تموز", 7),
    ("آب", 8),
    ("أيلول", 9),
    ("تشرين الأول", 10),
    ("تشرين الثاني", 11),
    ("كانون الأول", 12),
    ("يناير", 1),
    ("فبراير", 2),
    ("مارس", 3),
    ("أبريل", 4),
    ("ابريل", 4),
    ("مايو", 5),
    ("يونيو", 6),
    ("يونيه", 6),
    ("يوليو", 7),
    ("يوليه", 7),
    ("أغسطس", 8),
    ("اغسطس", 8),
    ("سبتمبر", 9),
    ("أكتوبر", 10),
];

const MORE_MONTHS: [(&str, u8); 3] = [("نوفمبر", 11), ("ديسمبر", 12), ("اكتوبر", 10)];

/// A date line as `YYYY` or `YYYY-MM`: a four-digit year, at most one month named (the same
/// month may be named twice, «شباط/ فبراير»), at most six words.
pub(crate) fn parse_date(text: &str) -> Option<String> {
    if word_count(text) > 6 {
        return None;
    }
    let digits: String = text
        .chars()
        .map(|c| digit_value(c).map_or(' ', |d| char::from(b'0' + d)))
        .collect();
    let years: Vec<u16> = digits
        .split_whitespace()
        .filter(|n| n.len() == 4)
        .filter_map(|n| n.parse().ok())
        .filter(|y| (1800..=2100).contains(y))
        .collect();
    let [year] = years.as_slice() else {
        return None;
    };
    let spaced = format!(" {} ", text.replace(['/', '،', ',', '-'], " "));
    let mut months: Vec<u8> = MONTHS
        .iter()
        .chain(&MORE_MONTHS)
        .filter(|(name, _)| spaced.contains(&format!(" {name} ")))
        .map(|&(_, m)| m)
        .collect();
    // «كانون الثاني» also holds «الثاني»-less matches of nothing else; dedupe equal months.
    months.sort_unstable();
    months.dedup();
    let letters_left = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .count();
    match months.as_slice() {
        [] if letters_left == 0 => Some(format!("{year:04}")),
        [m] => Some(format!("{year:04}-{m:02}")),
        _ => None,
    }
}

fn honorific(text: &str) -> bool {
    HONORIFICS
        .iter()
        .any(|h| text.starts_with(h) && text.len() > h.len())
}

fn institution(text: &str) -> bool {
    text.split_whitespace()
        .any(|w| INSTITUTIONS.contains(&w.trim_matches(|c: char| !c.is_alphabetic())))
}

/// The first line of the paper proper: a heading word, a long line, an abstract label, or a
/// line run together with the next (cover lines stand alone between blank lines).
fn body_start(source: &Source) -> usize {
    (0..source.lines.len())
        .find(|&i| {
            let text = &source.lines[i].text;
            source.kinds[i] == Kind::Text
                && (word_count(text) > 12
                    || super::headings::keyword_or_ordinal(text)
                    || abstract_label(text).is_some()
                    || (i + 1 < source.lines.len() && source.kinds[i + 1] == Kind::Text))
        })
        .unwrap_or(source.lines.len())
}

/// «الملخص» / «Abstract» alone on a line (a colon allowed).
pub(crate) fn abstract_label(text: &str) -> Option<Abstract> {
    match comparable(text).as_str() {
        "الملخص" | "ملخص" | "ملخص البحث" | "ملخص الدراسة" | "المستخلص" | "مستخلص" => {
            Some(Abstract::Ar)
        }
        "Abstract" | "ABSTRACT" | "Summary" | "SUMMARY" => Some(Abstract::En),
        _ => None,
    }
}

/// Words that introduce a byline («إعداد: د. …»).
const BYLINE_LABELS: [&str; 5] = ["إعداد", "بقلم", "تأليف", "الباحث", "By"];

/// `label: rest` when `label` is one of `labels` (compared as `comparable`).
fn labelled(text: &str, labels: impl Fn(&str) -> bool) -> Option<(&str, &str)> {
    let (label, rest) = text.split_once([':', '：'])?;
    (labels(label.trim()) && word_count(rest) > 0).then_some((label.trim(), rest))
}

pub(super) fn read(source: &mut Source) -> Cover {
    let mut cover = Cover::default();
    for i in 0..source.lines.len() {
        if source.kinds[i] != Kind::Text {
            continue;
        }
        let text = source.lines[i].text.clone();
        if let Some(which) = abstract_label(&text) {
            source.remove(i, i, "abstract label (the site labels its abstracts)");
            source.kinds[i] = Kind::AbstractLabel(which);
        } else if let Some((label, rest)) = labelled(&text, |l| abstract_label(l).is_some())
            && word_count(rest) > 6
            && let Some(which) = abstract_label(label)
        {
            source.remove_label(
                i,
                label,
                rest,
                "abstract label (the site labels its abstracts)",
            );
            source.abstract_starts.push((i + 1, which));
        }
    }
    let end = body_start(source);
    let front: Vec<usize> = (0..end)
        .filter(|&i| source.kinds[i] == Kind::Text)
        .collect();
    // Fields and the line each came from, to recognise repeats.
    let mut seen: Vec<(String, usize, Option<usize>)> = Vec::new();
    for &i in &front {
        let text = source.lines[i].text.clone();
        let key = comparable(&text);
        if !strip_markers(&text).chars().any(char::is_alphabetic) {
            cover.unplaced.push(i + 1);
            continue;
        }
        if let Some(&(_, first, author)) = seen.iter().find(|(k, _, _)| *k == key) {
            if let Some(a) = author {
                cover.authors[a].markers.extend(markers(&text));
            }
            source.remove(i, i, format!("repeat of line {} (the cover)", first + 1));
            cover.repeats.push(i + 1);
            continue;
        }
        let mut author_index = None;
        if let Some((label, rest)) = labelled(&text, |l| BYLINE_LABELS.contains(&l))
            && word_count(rest) <= 8
            && strip_markers(rest).chars().any(char::is_alphabetic)
        {
            source.remove_label(i, label, rest, "byline label");
            let rest = source.lines[i].text.clone();
            author_index = Some(cover.authors.len());
            cover.authors.push(Author {
                name: strip_markers(&rest),
                markers: markers(&rest),
            });
        } else if cover.date_text.is_none()
            && let Some(date) = parse_date(&text)
        {
            cover.date_text = Some((text.clone(), i + 1));
            cover.date = Some(date);
        } else if honorific(&text) && word_count(&text) <= 8 {
            author_index = Some(cover.authors.len());
            cover.authors.push(Author {
                name: strip_markers(&text),
                markers: markers(&text),
            });
        } else if cover.publisher.is_none() && institution(&text) && word_count(&text) <= 12 {
            let (publisher, place) = split_place(&text);
            cover.publisher = Some((publisher, i + 1));
            cover.place = place;
        } else if cover.title.is_none() {
            cover.title = Some((strip_markers(&text), i + 1));
        } else {
            cover.unplaced.push(i + 1);
            continue;
        }
        source.kinds[i] = Kind::Cover;
        seen.push((key, i, author_index));
    }
    cover
}

/// «مركز الزيتونة للدراسات - بيروت»: the publisher, and the place after the last dash or
/// comma when it is one or two words.
fn split_place(text: &str) -> (String, Option<String>) {
    for sep in [" - ", " – ", " — ", "، ", ", "] {
        if let Some((publisher, place)) = text.rsplit_once(sep)
            && (1..=2).contains(&word_count(place))
            && !institution(place)
        {
            return (publisher.trim().to_owned(), Some(place.trim().to_owned()));
        }
    }
    (text.to_owned(), None)
}

fn markers(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut current: Option<u32> = None;
    for c in text.chars() {
        match superscript_value(c) {
            Some(d) => current = Some(current.unwrap_or(0) * 10 + d),
            None => out.extend(current.take()),
        }
    }
    out.extend(current);
    out
}

fn strip_markers(text: &str) -> String {
    text.chars()
        .filter(|&c| superscript_value(c).is_none())
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_parsed_from_month_names() {
        let cases: &[(&str, Option<&str>)] = &[
            ("شباط/ فبراير 2022", Some("2022-02")),
            ("كانون الأول/ ديسمبر 2020", Some("2020-12")),
            ("تشرين الثاني 2019", Some("2019-11")),
            ("مايو ٢٠٢١", Some("2021-05")),
            ("2018", Some("2018")),
            ("شباط/ مارس 2022", None),
            ("مركز الزيتونة للدراسات والاستشارات - بيروت", None),
            ("بين 2011 و2020", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_date(text).as_deref(), *expected, "{text}");
        }
    }

    #[test]
    fn places_are_split_from_publishers() {
        assert_eq!(
            split_place("مركز الزيتونة للدراسات والاستشارات - بيروت"),
            (
                "مركز الزيتونة للدراسات والاستشارات".to_owned(),
                Some("بيروت".to_owned())
            )
        );
        assert_eq!(split_place("دار النشر").1, None);
    }
}
