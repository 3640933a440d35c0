//! Section headings and list items among the lines still taken as text.
//!
//! A heading is a line that: opens with an ordinal (أولاً: …، ثانياً: …), is a section word
//! alone (مقدمة، خاتمة، الاستنتاجات …), repeats a title of the table of contents, or is a short
//! numbered line (`1. دوافع سياسية`). Short lines standing alone are judged later, in
//! `blocks`, where it is known whether the sentence before them is finished. Trailing colons
//! are dropped from headings; each gets a proposed ASCII id.
//!
//! A line opening with a bullet (◀ • ▪ ● ■ ►) is a list item.

use super::{Kind, Source, comparable, word_count};
use crate::chars::{digit_value, is_arabic_mark};

/// Ordinals that open numbered sections, without tanween, with their number.
const ORDINALS: [(&str, u32); 20] = [
    ("أولا", 1),
    ("اولا", 1),
    ("ثانيا", 2),
    ("ثالثا", 3),
    ("رابعا", 4),
    ("خامسا", 5),
    ("سادسا", 6),
    ("سابعا", 7),
    ("ثامنا", 8),
    ("تاسعا", 9),
    ("عاشرا", 10),
    ("إحدى عشر", 11),
    ("حادي عشر", 11),
    ("ثاني عشر", 12),
    ("أولًا", 1),
    ("ثانيًا", 2),
    ("ثالثًا", 3),
    ("رابعًا", 4),
    ("خامسًا", 5),
    ("سادسًا", 6),
];

/// Section words that are a heading on their own, with the id proposed for them.
const SECTION_WORDS: [(&str, &str); 24] = [
    ("مقدمة", "introduction"),
    ("المقدمة", "introduction"),
    ("تمهيد", "preliminary"),
    ("مدخل", "preliminary"),
    ("مدخل تمهيدي", "preliminary"),
    ("خاتمة", "conclusion"),
    ("الخاتمة", "conclusion"),
    ("الخلاصة", "summary"),
    ("خلاصة", "summary"),
    ("الاستنتاجات", "conclusions"),
    ("استنتاجات", "conclusions"),
    ("خاتمة واستنتاجات", "conclusions"),
    ("الخاتمة والاستنتاجات", "conclusions"),
    ("النتائج", "results"),
    ("النتائج والتوصيات", "results"),
    ("التوصيات", "recommendations"),
    ("المراجع", "references"),
    ("المصادر", "references"),
    ("قائمة المراجع", "references"),
    ("المصادر والمراجع", "references"),
    ("الهوامش", "endnotes"),
    ("الملاحق", "appendices"),
    ("Introduction", "introduction"),
    ("Conclusion", "conclusion"),
];

/// Bullets that open a list item.
const BULLETS: [char; 9] = ['◀', '•', '▪', '●', '■', '►', '▶', '◆', '○'];

/// Without harakat, tatweel and markers: the form headings are compared in.
fn bare(text: &str) -> String {
    comparable(text)
        .chars()
        .filter(|&c| !is_arabic_mark(c))
        .collect()
}

/// The ordinal opening `text` (`أولاً: …`), if it opens a heading-like line.
fn ordinal(text: &str) -> Option<u32> {
    let b = bare(text);
    ORDINALS.iter().find_map(|&(word, n)| {
        let word = bare(word);
        let rest = b.strip_prefix(word.as_str())?;
        let rest = rest.trim_start();
        (rest.is_empty() || rest.starts_with([':', '-', '–', '.', ')'])).then_some(n)
    })
}

/// The id proposed for a section word heading.
fn section_word(text: &str) -> Option<&'static str> {
    let b = bare(text);
    SECTION_WORDS
        .iter()
        .find(|(w, _)| bare(w) == b)
        .map(|&(_, id)| id)
}

/// Whether `text` is a heading by its words alone: an ordinal opening a short line, or a
/// section word alone.
pub(crate) fn keyword_or_ordinal(text: &str) -> bool {
    let short = word_count(text) <= 20 && !text.trim_end().ends_with(['.', '؟', '?']);
    section_word(text).is_some() || (short && ordinal(text).is_some())
}

/// `1. دوافع سياسية`, `2- …`, `3) …`: the number, when the line is a short numbered title.
fn numbered(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .take_while(|&c| digit_value(c).is_some())
        .filter_map(digit_value)
        .map(|d| char::from(b'0' + d))
        .collect();
    let rest = text[text
        .char_indices()
        .find(|&(_, c)| digit_value(c).is_none())
        .map_or(text.len(), |(at, _)| at)..]
        .trim_start();
    let short = word_count(text) <= 10 && !text.ends_with(['.', '؟', '?', '،']);
    (!digits.is_empty() && digits.len() <= 2 && rest.starts_with(['.', '-', ')']) && short)
        .then(|| digits.parse().ok())
        .flatten()
}

pub(super) fn mark(source: &mut Source, toc: &[String]) {
    for i in 0..source.lines.len() {
        if source.kinds[i] != Kind::Text {
            continue;
        }
        let text = &source.lines[i].text;
        let in_toc = !toc.is_empty() && toc.iter().any(|t| *t == comparable(text));
        if text.starts_with(BULLETS) {
            source.kinds[i] = Kind::Item;
        } else if keyword_or_ordinal(text) || in_toc {
            source.kinds[i] = Kind::Heading(2);
        } else if numbered(text).is_some() && source.blanks_after(i) > 0 {
            source.kinds[i] = Kind::Heading(3);
        }
    }
}

/// A heading's text: trailing colons and spaces dropped.
pub(crate) fn heading_text(text: &str) -> String {
    text.trim_end_matches([':', ' ', '：']).trim().to_owned()
}

/// Proposes ASCII ids for headings, unique within the document: section words by meaning,
/// ordinals as `s1`, `s2` …, numbered headings under them as `s1-1` …, others `section-N`.
pub(crate) fn ids(headings: &[(u8, String)]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current_section: Option<u32> = None;
    for (n, (_, text)) in headings.iter().enumerate() {
        let base = if let Some(id) = section_word(text) {
            id.to_owned()
        } else if let Some(k) = ordinal(text) {
            current_section = Some(k);
            format!("s{k}")
        } else if let Some(k) = numbered(text) {
            match current_section {
                Some(s) => format!("s{s}-{k}"),
                None => format!("item-{k}"),
            }
        } else {
            format!("section-{}", n + 1)
        };
        let mut id = base.clone();
        let mut k = 2;
        while out.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        out.push(id);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_recognised_by_their_words() {
        let yes = [
            "مقدمة:",
            "أولاً: العلاقات الأذربيجانية – الإسرائيلية:",
            "ثانيا: اندلاع حرب",
            "خاتمة",
            "الاستنتاجات :",
        ];
        for text in yes {
            assert!(keyword_or_ordinal(text), "{text}");
        }
        let no = [
            "أولاً، دعم كل من الكيان",
            "مقدمة الكتاب الذي صدر في سنة 2020 عن دار النشر.",
            "وأولاً كانت",
        ];
        for text in no {
            assert!(!keyword_or_ordinal(text), "{text}");
        }
        assert_eq!(numbered("1. دوافع ثقافية"), Some(1));
        assert_eq!(numbered("12- دوافع"), Some(12));
        assert_eq!(numbered("2020 كانت سنة"), None);
    }

    #[test]
    fn ids_are_ascii_and_unique() {
        let headings: Vec<(u8, String)> = ["مقدمة", "أولاً: أ", "1. ب", "ثانياً: ج", "شيء", "مقدمة"]
            .iter()
            .map(|t| (2, (*t).to_owned()))
            .collect();
        assert_eq!(
            ids(&headings),
            [
                "introduction",
                "s1",
                "s1-1",
                "s2",
                "section-5",
                "introduction-2"
            ]
        );
    }
}
