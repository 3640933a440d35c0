//! Proper names matched across scripts through consonant skeletons.
//!
//! Both scripts are reduced to the same small alphabet of consonant classes,
//! with vowels, `w`, `y`, alef, waw, ya and ʿayn dropped: `Azerbaijan` and
//! `أذربيجان` both become `zrbjn`. Two skeletons match when their edit
//! distance is at most a quarter of the longer one. This needs no lexicon and
//! catches most place and person names; it does not know that `Germany` is
//! `ألمانيا` (a translated, not transliterated, name).

use super::text::fold_arabic;
use crate::chars::{TATWEEL, is_arabic_letter, is_arabic_mark, is_latin_letter};

/// Shortest skeleton worth comparing; shorter ones match too much by chance.
pub(crate) const MIN_SKELETON: usize = 3;

/// The consonant class of an Arabic letter, `None` for letters dropped.
fn arabic_class(c: char) -> Option<u8> {
    Some(match fold_arabic(c) {
        'ب' | 'پ' => b'b',
        'ت' | 'ط' | 'ث' => b't',
        'ج' | 'غ' | 'گ' | 'چ' => b'j',
        'ح' | 'ه' => b'h',
        'خ' | 'ق' | 'ك' => b'k',
        'د' | 'ض' => b'd',
        'ذ' | 'ز' | 'ظ' | 'ژ' => b'z',
        'س' | 'ص' | 'ش' => b's',
        'ف' | 'ڤ' => b'f',
        'ل' => b'l',
        'م' => b'm',
        'ن' => b'n',
        'ر' => b'r',
        _ => return None,
    })
}

/// Skeleton of one Arabic word, without marks. Doubled classes collapse, as
/// Arabic writes a doubled consonant once.
pub(crate) fn arabic_skeleton(word: &str) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    for c in word.chars().filter(|&c| !is_arabic_mark(c)) {
        if let Some(k) = arabic_class(c).filter(|&k| out.last() != Some(&k)) {
            out.push(k);
        }
    }
    out
}

/// Clitics stripped from the front of an Arabic word before its skeleton is
/// taken, longest first: `والأرمن` → `أرمن`.
const PREFIXES: &[&str] = &[
    "وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف",
];

/// Skeletons of an Arabic word: as written and with a clitic removed.
pub(crate) fn arabic_variants(word: &str) -> Vec<Vec<u8>> {
    let bare: String = word
        .chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(fold_arabic)
        .collect();
    let mut out = vec![arabic_skeleton(&bare)];
    let stripped = PREFIXES.iter().find_map(|p| {
        bare.strip_prefix(p)
            .filter(|rest| rest.chars().count() >= 3)
    });
    if let Some(rest) = stripped {
        out.push(arabic_skeleton(rest));
    }
    out.retain(|s| s.len() >= MIN_SKELETON);
    out.dedup();
    out
}

/// Skeleton of an English (Latin-script) word.
pub(crate) fn latin_skeleton(word: &str) -> Vec<u8> {
    let w: Vec<char> = word
        .chars()
        .flat_map(char::to_lowercase)
        .map(strip_accent)
        .collect();
    let mut out: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < w.len() {
        let next = w.get(i + 1).copied();
        let (k, step): (&[u8], usize) = match (w[i], next) {
            ('p', Some('h')) => (b"f", 2),
            ('t' | 's' | 'k' | 'g' | 'd' | 'z', Some('h')) => (latin_class(w[i]), 2),
            ('c', Some('h')) => (b"j", 2),
            ('c', Some('k')) => (b"k", 2),
            ('c', Some('e' | 'i' | 'y')) => (b"s", 1),
            ('x', _) => (b"ks", 1),
            (c, _) => (latin_class(c), 1),
        };
        for &b in k {
            if out.last() != Some(&b) {
                out.push(b);
            }
        }
        i += step;
    }
    out
}

fn latin_class(c: char) -> &'static [u8] {
    match c {
        'b' | 'p' => b"b",
        't' => b"t",
        'g' | 'j' => b"j",
        'h' => b"h",
        'c' | 'k' | 'q' => b"k",
        'd' => b"d",
        'z' => b"z",
        's' => b"s",
        'f' | 'v' => b"f",
        'l' => b"l",
        'm' => b"m",
        'n' => b"n",
        'r' => b"r",
        _ => b"",
    }
}

fn strip_accent(c: char) -> char {
    match c {
        'à'..='å' => 'a',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ò'..='ö' => 'o',
        'ù'..='ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        _ => c,
    }
}

/// True when two skeletons are close enough to be one name.
pub(crate) fn similar(a: &[u8], b: &[u8]) -> bool {
    let allowed = a.len().max(b.len()) / 4;
    a.len().abs_diff(b.len()) <= allowed && edit_distance(a, b) <= allowed
}

/// Longest skeleton compared; longer ones are cut (names are short).
const MAX_SKELETON: usize = 31;

/// Levenshtein distance over at most [`MAX_SKELETON`] bytes, without allocating.
fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    let (a, b) = (
        &a[..a.len().min(MAX_SKELETON)],
        &b[..b.len().min(MAX_SKELETON)],
    );
    let mut row = [0usize; MAX_SKELETON + 1];
    for (j, cell) in row.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j;
    }
    for (i, &x) in a.iter().enumerate() {
        let mut diag = row[0];
        row[0] = i + 1;
        for (j, &y) in b.iter().enumerate() {
            let next = (diag + usize::from(x != y))
                .min(row[j] + 1)
                .min(row[j + 1] + 1);
            diag = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Words of a sentence in one script: maximal runs of its letters.
pub(crate) fn words(s: &str, arabic: bool) -> impl Iterator<Item = &str> {
    let in_word = move |c: char| {
        if arabic {
            is_arabic_letter(c) || is_arabic_mark(c) || c == TATWEEL
        } else {
            is_latin_letter(c)
        }
    };
    s.split(move |c: char| !in_word(c))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_share_a_skeleton() {
        let pairs = [
            ("أذربيجان", "Azerbaijan"),
            ("كازاخستان", "Kazakhstan"),
            ("وأرمينيا", "Armenia"),
            ("كافانو", "Kavanaugh"),
            ("نوتنغهام", "Nottingham"),
            ("بيتسبرغ", "Pittsburgh"),
            ("سويسرا", "Switzerland"),
        ];
        for (ar, en) in pairs {
            let e = latin_skeleton(en);
            let hit = arabic_variants(ar).iter().any(|a| similar(a, &e));
            assert_eq!(
                hit,
                en != "Switzerland",
                "{ar} {:?} vs {en} {:?}",
                arabic_variants(ar),
                e
            );
        }
    }

    #[test]
    fn skeletons() {
        assert_eq!(latin_skeleton("Azerbaijan"), b"zrbjn");
        assert_eq!(arabic_skeleton("أذربيجان"), b"zrbjn");
        assert_eq!(latin_skeleton("Philip"), b"flb");
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
    }
}
