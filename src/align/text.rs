//! Character classes and normalisation shared by the splitters and the aligner.
//!
//! Everything here is a pure function of one `char` or one `&str`. Nothing here
//! decides where sentences end or how they pair; it only answers questions such
//! as "is this an Arabic letter?" or "what is this digit worth?" the same way
//! for every caller.

/// Characters that carry no text: bidi controls, zero-width joiners, the BOM,
/// the soft hyphen and the Arabic tatweel. They are skipped when looking for
/// sentence boundaries and when measuring or comparing text.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
            | '\u{00AD}'
            | '\u{0640}'
    )
}

/// Arabic combining marks: harakat, shadda, sukun, superscript alef and the
/// Quranic annotation signs. They do not change which word is written.
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Arabic-script letters, including the Persian and Urdu additions.
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FF}')
}

/// Latin letters (ASCII plus Latin-1 and Latin Extended-A/B), e.g. `Dânâ`.
pub(crate) fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic()
        || (matches!(c, '\u{00C0}'..='\u{024F}') && c != '\u{00D7}' && c != '\u{00F7}')
}

/// The value of a decimal digit in the ASCII, Arabic-Indic (`٠`–`٩`) or
/// extended Arabic-Indic (`۰`–`۹`) system.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{0660}'..='\u{0669}' => Some(c as u32 - 0x0660),
        '\u{06F0}'..='\u{06F9}' => Some(c as u32 - 0x06F0),
        _ => None,
    }
}

/// True for a digit in any of the systems [`digit_value`] accepts.
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
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
    fn digits_in_three_systems() {
        for (c, v) in [
            ('7', Some(7)),
            ('٧', Some(7)),
            ('۷', Some(7)),
            ('a', None),
            ('٫', None),
        ] {
            assert_eq!(digit_value(c), v, "{c}");
        }
    }

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
