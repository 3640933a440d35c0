//! Character classes: which characters are Arabic letters, Arabic marks (harakat), the tatweel,
//! Latin letters and the marks Latin text combines with, the digits of the three systems a paper
//! may use, and the invisible controls (bidi marks, embeddings and isolates, joiners). The
//! Markdown passes (`bidi`, `digits`), the aligner and `warraq verify` all ask here, so they
//! agree on every character; each class is a test of one `char`.
//!
//! What this module does not do: decide what a word, a sentence or a Latin island is (its
//! callers do), fold text, or scan bytes. It is where Unicode's compatibility decomposition
//! lives (the unicode-normalization crate), for the search's folding and the importer's
//! presentation forms. The Markdown passes find candidates in
//! UTF-8 bytes first (`markdown/scan.rs`) and only then ask a class here about one character;
//! the classes answer ASCII first, because most characters a Latin class is asked about are.
//!
//! The classes are taken by Unicode block, with the characters of a block that are not what the
//! class names left out where that matters (`×`, `÷`, the Arabic comma, ornate parentheses):
//!
//! - **Arabic letters**: the letters of the Arabic block (Persian and Urdu ones included), Arabic
//!   Supplement, Extended-A, and the presentation forms that PDF extractions leave in text.
//!   Harakat, digits and Arabic punctuation are not letters, and neither is the tatweel.
//! - **Latin letters**: ASCII letters, the Latin-1 letters (`ª º À–ÿ` without `× ÷`), Latin
//!   Extended-A to -E, IPA, the spacing modifier letters transliteration uses (`ʿ ʾ`; the block's
//!   few modifier symbols such as `˜` come along), phonetic extensions, Latin Extended
//!   Additional (`ṣ ḥ ā` and the dotted letters of transliterated Arabic), the ligatures `ﬀ–ﬆ` and
//!   the fullwidth letters. Combining marks (a decomposed `é`) are [`is_latin_mark`], not letters.
//! - **Digits**: ASCII `0–9`, Arabic-Indic `٠–٩` (U+0660–0669) and Extended Arabic-Indic
//!   (Persian) `۰–۹` (U+06F0–06F9); [`digit_value`] reads any of them.

/// The first Arabic-Indic digit, `٠` (U+0660); the others follow it in order.
pub(crate) const ARABIC_INDIC_ZERO: char = '\u{660}';
/// The first Extended Arabic-Indic (Persian) digit, `۰` (U+06F0); the others follow it in order.
pub(crate) const EXTENDED_ARABIC_INDIC_ZERO: char = '\u{6F0}';
/// The tatweel (kashida), `ـ` (U+0640): stretches a word, says nothing.
pub(crate) const TATWEEL: char = '\u{640}';

/// An Arabic-script letter (see the module comment for what counts).
#[inline]
pub(crate) fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{620}'..='\u{63F}'
        | '\u{641}'..='\u{64A}'
        | '\u{66E}'..='\u{66F}'
        | '\u{671}'..='\u{6D3}'
        | '\u{6D5}'
        | '\u{6EE}'..='\u{6EF}'
        | '\u{6FA}'..='\u{6FC}'
        | '\u{6FF}'
        // Arabic Supplement and Extended-A.
        | '\u{750}'..='\u{77F}'
        | '\u{8A0}'..='\u{8C9}'
        // Presentation forms A, without the Arabic symbols, ornate parentheses and signs.
        | '\u{FB50}'..='\u{FBB1}'
        | '\u{FBD3}'..='\u{FD3D}'
        | '\u{FD50}'..='\u{FD8F}'
        | '\u{FD92}'..='\u{FDC7}'
        | '\u{FDF0}'..='\u{FDFB}'
        // Presentation forms B (the forms of harakat before them are marks).
        | '\u{FE80}'..='\u{FEFC}')
}

/// Harakat (fatha, damma, kasra, tanween, shadda, sukun), the superscript alef and the other
/// Arabic combining marks, Quranic annotation signs and the small high letters included, and
/// the presentation forms of harakat (U+FE70–FE7F): they do not change which word is written.
/// The tatweel is not one ([`is_tatweel`]).
#[inline]
pub(crate) fn is_arabic_mark(c: char) -> bool {
    matches!(c,
        '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6DC}'
        | '\u{6DF}'..='\u{6E8}'
        | '\u{6EA}'..='\u{6ED}'
        | '\u{8CA}'..='\u{8E1}'
        | '\u{8E3}'..='\u{8FF}'
        | '\u{FE70}'..='\u{FE7F}')
}

/// The tatweel, [`TATWEEL`].
#[inline]
pub(crate) fn is_tatweel(c: char) -> bool {
    c == TATWEEL
}

/// A Latin letter (see the module comment for what counts). ASCII is answered first.
#[inline]
pub(crate) fn is_latin_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(c,
        '\u{AA}' | '\u{BA}'
        | '\u{C0}'..='\u{D6}'
        | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{24F}'
        | '\u{250}'..='\u{2FF}'
        | '\u{1D00}'..='\u{1DBF}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{2C60}'..='\u{2C7F}'
        | '\u{A720}'..='\u{A7FF}'
        | '\u{AB30}'..='\u{AB6F}'
        | '\u{FB00}'..='\u{FB06}'
        | '\u{FF21}'..='\u{FF3A}'
        | '\u{FF41}'..='\u{FF5A}')
}

/// A combining mark of the kind Latin text uses (a decomposed accent, `e` + U+0301), not
/// Arabic harakat.
#[inline]
pub(crate) fn is_latin_mark(c: char) -> bool {
    matches!(c,
        '\u{300}'..='\u{36F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// An Arabic-Indic digit, `٠–٩` (U+0660–0669).
#[inline]
pub(crate) fn is_arabic_indic_digit(c: char) -> bool {
    matches!(c, '\u{660}'..='\u{669}')
}

/// An Extended Arabic-Indic (Persian, Urdu) digit, `۰–۹` (U+06F0–06F9).
#[inline]
pub(crate) fn is_extended_arabic_indic_digit(c: char) -> bool {
    matches!(c, '\u{6F0}'..='\u{6F9}')
}

/// The value of a digit of any of the three systems: ASCII, Arabic-Indic or Extended
/// Arabic-Indic.
#[inline]
pub(crate) fn digit_value(c: char) -> Option<u8> {
    let zero = if c.is_ascii_digit() {
        '0'
    } else if is_arabic_indic_digit(c) {
        ARABIC_INDIC_ZERO
    } else if is_extended_arabic_indic_digit(c) {
        EXTENDED_ARABIC_INDIC_ZERO
    } else {
        return None;
    };
    u8::try_from(u32::from(c) - u32::from(zero)).ok()
}

/// A digit of any of the three systems [`digit_value`] reads.
#[inline]
pub(crate) fn is_digit(c: char) -> bool {
    digit_value(c).is_some()
}

/// The digit worth `value` (below 10) in the system whose zero is `zero`
/// ([`ARABIC_INDIC_ZERO`], [`EXTENDED_ARABIC_INDIC_ZERO`] or `'0'`).
#[inline]
pub(crate) fn digit(zero: char, value: u8) -> char {
    char::from_u32(u32::from(zero) + u32::from(value.min(9))).unwrap_or(zero)
}

/// A bidi control: the marks LRM, RLM and ALM (U+200E, U+200F, U+061C), the embeddings and
/// overrides (U+202A–202E) and the isolates (U+2066–2069).
#[inline]
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The zero-width non-joiner and joiner (U+200C, U+200D), which only change how letters join.
#[inline]
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Characters that take no room on screen: bidi controls, joiners, the soft hyphen, zero-width
/// spaces, the word joiner and invisible operators, byte order marks. Editors cannot see them,
/// so checks name them.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    is_bidi_control(c)
        || is_joiner(c)
        || matches!(
            c,
            '\u{AD}' | '\u{180E}' | '\u{200B}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        )
}

/// Whether `c` is an Arabic presentation form: Forms-A (U+FB50–U+FDFF) or Forms-B
/// (U+FE70–U+FEFE; U+FEFF is the byte order mark).
pub(crate) fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}')
}

/// Calls `each` with the characters `c` stands for under Unicode's compatibility
/// decomposition (a ligature its letters, a letter with a hamza its base and the hamza mark).
pub(crate) fn decompose_compatible(c: char, each: impl FnMut(char)) {
    unicode_normalization::char::decompose_compatible(c, each);
}

/// Whether `c` is a combining mark (Unicode's general category M).
pub(crate) fn is_combining_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}

/// The letters a presentation form shows, composed again (`ﻷ` → «لأ», `ﷲ` → «الله»); the
/// space Unicode puts before an isolated haraka form is left out. `None` for any other
/// character.
pub(crate) fn presentation_letters(c: char) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    if !is_presentation_form(c) {
        return None;
    }
    let letters: String = std::iter::once(c).nfkc().collect();
    let letters = letters.trim_start_matches(' ');
    (!letters.is_empty() && letters != c.to_string()).then(|| letters.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Which classes hold for a character, in the order of the table's columns.
    fn classes(c: char) -> [bool; 6] {
        [
            is_arabic_letter(c),
            is_arabic_mark(c),
            is_latin_letter(c),
            is_latin_mark(c),
            is_digit(c),
            is_invisible(c),
        ]
    }

    #[test]
    fn each_character_is_in_the_classes_it_should_be() {
        const F: bool = false;
        const T: bool = true;
        // (character, [Arabic letter, Arabic mark, Latin letter, Latin mark, digit, invisible])
        let cases = [
            ('ا', [T, F, F, F, F, F]),
            ('ي', [T, F, F, F, F, F]),
            ('ک', [T, F, F, F, F, F]),
            ('ی', [T, F, F, F, F, F]),
            ('ݐ', [T, F, F, F, F, F]),
            ('ﻻ', [T, F, F, F, F, F]),
            ('ﭖ', [T, F, F, F, F, F]),
            ('\u{64E}', [F, T, F, F, F, F]),
            ('\u{651}', [F, T, F, F, F, F]),
            ('\u{670}', [F, T, F, F, F, F]),
            ('\u{FE76}', [F, T, F, F, F, F]),
            (TATWEEL, [F, F, F, F, F, F]),
            ('،', [F, F, F, F, F, F]),
            ('؟', [F, F, F, F, F, F]),
            ('\u{6DD}', [F, F, F, F, F, F]),
            ('\u{FD3E}', [F, F, F, F, F, F]),
            ('\u{FDFC}', [F, F, F, F, F, F]),
            ('\u{6FD}', [F, F, F, F, F, F]),
            ('a', [F, F, T, F, F, F]),
            ('Z', [F, F, T, F, F, F]),
            ('ü', [F, F, T, F, F, F]),
            ('ş', [F, F, T, F, F, F]),
            ('ṣ', [F, F, T, F, F, F]),
            ('ḥ', [F, F, T, F, F, F]),
            ('ā', [F, F, T, F, F, F]),
            ('ʿ', [F, F, T, F, F, F]),
            ('ﬁ', [F, F, T, F, F, F]),
            ('Ａ', [F, F, T, F, F, F]),
            ('×', [F, F, F, F, F, F]),
            ('÷', [F, F, F, F, F, F]),
            ('«', [F, F, F, F, F, F]),
            ('\u{301}', [F, F, F, T, F, F]),
            ('7', [F, F, F, F, T, F]),
            ('٧', [F, F, F, F, T, F]),
            ('۷', [F, F, F, F, T, F]),
            ('٫', [F, F, F, F, F, F]),
            ('\u{200C}', [F, F, F, F, F, T]),
            ('\u{200D}', [F, F, F, F, F, T]),
            ('\u{200E}', [F, F, F, F, F, T]),
            ('\u{200F}', [F, F, F, F, F, T]),
            ('\u{61C}', [F, F, F, F, F, T]),
            ('\u{202B}', [F, F, F, F, F, T]),
            ('\u{2067}', [F, F, F, F, F, T]),
            ('\u{FEFF}', [F, F, F, F, F, T]),
            (' ', [F, F, F, F, F, F]),
            ('.', [F, F, F, F, F, F]),
            ('Ж', [F, F, F, F, F, F]),
        ];
        for (c, expected) in cases {
            assert_eq!(classes(c), expected, "{c:?} U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn controls_and_joiners_apart() {
        let cases = [
            ('\u{200C}', (false, true)),
            ('\u{200D}', (false, true)),
            ('\u{200E}', (true, false)),
            ('\u{200F}', (true, false)),
            ('\u{61C}', (true, false)),
            ('\u{202A}', (true, false)),
            ('\u{202E}', (true, false)),
            ('\u{2066}', (true, false)),
            ('\u{2069}', (true, false)),
            ('\u{200B}', (false, false)),
            ('\u{AD}', (false, false)),
            (TATWEEL, (false, false)),
        ];
        for (c, expected) in cases {
            assert_eq!((is_bidi_control(c), is_joiner(c)), expected, "{c:?}");
        }
        assert!(is_tatweel('ـ') && !is_tatweel('ا'));
    }

    #[test]
    fn digits_of_three_systems() {
        let cases = [
            ('0', Some(0)),
            ('9', Some(9)),
            ('٠', Some(0)),
            ('٧', Some(7)),
            ('۰', Some(0)),
            ('۹', Some(9)),
            ('a', None),
            ('٪', None),
            ('\u{66A}', None),
            ('\u{6FA}', None),
        ];
        for (c, value) in cases {
            assert_eq!(digit_value(c), value, "{c}");
            assert_eq!(is_digit(c), value.is_some(), "{c}");
        }
        for value in 0..10 {
            for zero in ['0', ARABIC_INDIC_ZERO, EXTENDED_ARABIC_INDIC_ZERO] {
                assert_eq!(digit_value(digit(zero, value)), Some(value));
            }
        }
    }

    /// The ASCII answers are the classic ones, and no class holds for two scripts at once.
    #[test]
    fn classes_do_not_overlap() {
        for c in (0..0x1_0000).filter_map(char::from_u32) {
            if c.is_ascii() {
                assert_eq!(is_latin_letter(c), c.is_ascii_alphabetic(), "{c:?}");
                assert!(!is_arabic_letter(c) && !is_arabic_mark(c) && !is_latin_mark(c));
                assert_eq!(is_digit(c), c.is_ascii_digit(), "{c:?}");
            }
            let held = [
                is_arabic_letter(c),
                is_arabic_mark(c),
                is_tatweel(c),
                is_latin_letter(c),
                is_latin_mark(c),
                is_digit(c),
                is_invisible(c),
            ];
            assert!(
                held.iter().filter(|&&h| h).count() <= 1,
                "U+{:04X}",
                u32::from(c)
            );
        }
    }
}
