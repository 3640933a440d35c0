//! Character classes and normalisation shared by the splitters and the aligner.
//!
//! Everything here is a pure function of one `char` or one `&str`. Nothing here
//! decides where sentences end or how they pair. The classes themselves (Arabic
//! and Latin letters, marks, digits) are in `crate::chars`.

use crate::chars::{is_arabic_letter, is_arabic_mark, is_bidi_control, is_joiner, is_tatweel};

/// Characters that carry no text: bidi controls, zero-width joiners and spaces, the BOM, the
/// soft hyphen and the Arabic tatweel. They are skipped when looking for sentence boundaries
/// and when measuring or comparing text.
pub(crate) fn is_ignorable(c: char) -> bool {
    is_bidi_control(c)
        || is_joiner(c)
        || is_tatweel(c)
        || matches!(c, '\u{200B}' | '\u{FEFF}' | '\u{00AD}')
}

/// A letter of any script (marks excluded).
pub(crate) fn is_letter(c: char) -> bool {
    is_arabic_letter(c) || c.is_alphabetic()
}

/// Folds Arabic spelling variants that writers use interchangeably:
/// alef with hamza or madda to bare alef, alef maqsura to ya, ta marbuta to ha,
/// hamza on waw or ya to the bare letter, and Persian kaf/ya to Arabic ones.
pub(crate) fn fold_arabic(c: char) -> char {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ئ' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ک' => 'ك',
        _ => c,
    }
}

/// Length used by the length model: characters that carry text, with each run
/// of whitespace counted once and marks and controls not counted at all.
pub(crate) fn text_len(s: &str) -> usize {
    let mut n = 0;
    let mut in_space = true;
    for c in s.chars() {
        if is_ignorable(c) || is_arabic_mark(c) {
            continue;
        }
        if c.is_whitespace() {
            if !in_space {
                n += 1;
            }
            in_space = true;
        } else {
            n += 1;
            in_space = false;
        }
    }
    if in_space && n > 0 { n - 1 } else { n }
}

/// Arabic text reduced for matching: marks and controls removed, letters
/// folded with [`fold_arabic`], Latin lowercased.
pub(crate) fn normalise_for_matching(s: &str) -> String {
    s.chars()
        .filter(|&c| !is_ignorable(c) && !is_arabic_mark(c))
        .map(|c| fold_arabic(c).to_lowercase().next().unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_len_skips_marks_controls_and_extra_space() {
        let cases = [
            ("", 0),
            ("abc", 3),
            ("  a   b  ", 3),
            ("دراسةً", 5),
            ("د\u{202A}.\u{202C}", 2),
            ("كتـــاب", 4),
        ];
        for (s, n) in cases {
            assert_eq!(text_len(s), n, "{s:?}");
        }
    }

    #[test]
    fn folding_for_matching() {
        assert_eq!(normalise_for_matching("أذربيجانَ Baku"), "اذربيجان baku");
        assert_eq!(normalise_for_matching("مدرسة على"), "مدرسه علي");
    }
}
