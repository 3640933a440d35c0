//! Which characters `warraq verify` counts, words made of them, and multisets of them.
//!
//! Counted ("letters" below): Arabic letters, Latin letters (both as `crate::chars` defines
//! them; case-sensitive: an editor changing case is a change), digits by value (ASCII,
//! Arabic-Indic ٠-٩ and Eastern Arabic-Indic ۰-۹ all become ASCII), and any other alphabetic
//! character (Cyrillic homoglyphs, Greek, Hebrew) so that nothing alphabetic can vanish
//! unnoticed. Ignored inside words ("marks"): tatweel, harakat and
//! other Arabic combining marks, combining diacritics, zero-width joiners and bidi controls.
//! Everything else (spaces, punctuation, Unicode superscript footnote markers) separates words.
//!
//! This module does not normalise Unicode (no NFC/NFKC): an Arabic presentation form counts as a
//! letter of its own, and a decomposed `e` + U+0301 counts as `e`. The Latin ligatures ﬀ–ﬆ are
//! the one exception: they count as their letters.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use crate::chars::{
    digit_value, is_arabic_letter, is_arabic_mark, is_bidi_control, is_joiner, is_latin_letter,
    is_latin_mark, is_tatweel,
};

/// The script of a counted letter, for totals.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Script {
    Arabic,
    Latin,
    Digit,
    Other,
}

/// What one character means for the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum CharKind {
    /// A counted letter, normalised (digits become ASCII).
    Letter(char, Script),
    /// A Latin ligature counted as these letters.
    Ligature(&'static str),
    /// Dropped without separating words (tatweel, harakat, joiners).
    Mark,
    /// Separates words and is not counted.
    Separator,
}

pub(super) fn kind(c: char) -> CharKind {
    let u = u32::from(c);
    if let Some(d) = digit_value(c) {
        return CharKind::Letter(char::from(b'0' + d), Script::Digit);
    }
    if is_mark(c) {
        return CharKind::Mark;
    }
    if let Some(lig) = ligature(u) {
        return CharKind::Ligature(lig);
    }
    if is_arabic_letter(c) {
        return CharKind::Letter(c, Script::Arabic);
    }
    if is_latin_letter(c) {
        return CharKind::Letter(c, Script::Latin);
    }
    if c.is_alphabetic() {
        return CharKind::Letter(c, Script::Other);
    }
    CharKind::Separator
}

/// Dropped inside a word: the tatweel, Arabic and Latin combining marks, joiners, bidi
/// controls, the soft hyphen and the byte order mark.
fn is_mark(c: char) -> bool {
    is_tatweel(c)
        || is_arabic_mark(c)
        || is_latin_mark(c)
        || is_joiner(c)
        || is_bidi_control(c)
        || matches!(c, '\u{AD}' | '\u{FEFF}')
}

fn ligature(u: u32) -> Option<&'static str> {
    Some(match u {
        0xFB00 => "ff",
        0xFB01 => "fi",
        0xFB02 => "fl",
        0xFB03 => "ffi",
        0xFB04 => "ffl",
        0xFB05 => "ſt",
        0xFB06 => "st",
        _ => return None,
    })
}

/// A run of counted letters of one script, with where it sits in its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Word {
    /// The normalised letters (marks dropped, digits in ASCII).
    pub(crate) text: String,
    /// Byte range in the text the word was cut from.
    pub(crate) span: Range<usize>,
}

impl Word {
    pub(super) fn letters(&self) -> Letters {
        Letters::of_word(&self.text)
    }
}

/// Cuts `text` into words: runs of counted letters, also broken where the script changes
/// (so `2020الثانية` glued in an extraction is two words).
pub(super) fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<(Word, Script)> = None;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        let (letters, script) = match kind(c) {
            CharKind::Letter(l, s) => (LetterRun::One(l), s),
            CharKind::Ligature(lig) => (LetterRun::Many(lig), Script::Latin),
            CharKind::Mark => {
                if let Some((word, _)) = current.as_mut() {
                    word.span.end = end;
                }
                continue;
            }
            CharKind::Separator => {
                out.extend(current.take().map(|(w, _)| w));
                continue;
            }
        };
        match current.as_mut() {
            Some((word, s)) if *s == script => word.span.end = end,
            _ => {
                out.extend(current.take().map(|(w, _)| w));
                let word = Word {
                    text: String::new(),
                    span: at..end,
                };
                current = Some((word, script));
            }
        }
        if let Some((word, _)) = current.as_mut() {
            match letters {
                LetterRun::One(l) => word.text.push(l),
                LetterRun::Many(s) => word.text.push_str(s),
            }
        }
    }
    out.extend(current.map(|(w, _)| w));
    out
}

enum LetterRun {
    One(char),
    Many(&'static str),
}

/// A multiset of counted letters.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Letters(BTreeMap<char, usize>);

impl Letters {
    /// The counted letters of `text`.
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> Self {
        let mut letters = Self::default();
        for word in words(text) {
            word.text.chars().for_each(|c| letters.push(c));
        }
        letters
    }

    /// The letters of a word as `words` cut it (already normalised).
    pub(super) fn of_word(text: &str) -> Self {
        let mut letters = Self::default();
        text.chars().for_each(|c| letters.push(c));
        letters
    }

    /// How many letters, with repeats.
    pub(crate) fn len(&self) -> usize {
        self.0.values().sum()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many times `c` (already normalised: ASCII digits) occurs.
    pub(crate) fn count(&self, c: char) -> usize {
        self.0.get(&c).copied().unwrap_or(0)
    }

    /// How many letters of one script.
    pub(crate) fn count_script(&self, script: Script) -> usize {
        self.iter()
            .filter(|&(c, _)| matches!(kind(c), CharKind::Letter(_, s) if s == script))
            .map(|(_, n)| n)
            .sum()
    }

    /// Distinct letters with their counts, in code point order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (char, usize)> + '_ {
        self.0.iter().map(|(&c, &n)| (c, n))
    }

    pub(super) fn push(&mut self, c: char) {
        *self.0.entry(c).or_insert(0) += 1;
    }

    pub(super) fn add(&mut self, other: &Self) {
        for (c, n) in other.iter() {
            *self.0.entry(c).or_insert(0) += n;
        }
    }

    /// The letters both have (per-letter minimum).
    pub(super) fn common(&self, other: &Self) -> Self {
        let map = self
            .iter()
            .filter_map(|(c, n)| Some((c, n.min(other.count(c)))).filter(|&(_, m)| m > 0))
            .collect();
        Self(map)
    }

    /// `self` without `other`'s letters (saturating).
    pub(super) fn minus(&self, other: &Self) -> Self {
        let map = self
            .iter()
            .filter_map(|(c, n)| {
                Some((c, n.saturating_sub(other.count(c)))).filter(|&(_, m)| m > 0)
            })
            .collect();
        Self(map)
    }

    pub(super) fn remove(&mut self, other: &Self) {
        *self = self.minus(other);
    }
}

/// At most this many letters are spelled out; the rest is summarised.
const SHOWN: usize = 40;

impl fmt::Display for Letters {
    /// Letters separated by spaces, repeats written out: `ن ي ي ة`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let all = self.iter().flat_map(|(c, n)| std::iter::repeat_n(c, n));
        for (i, c) in all.take(SHOWN).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{c}")?;
        }
        if self.len() > SHOWN {
            write!(f, " … ({} more)", self.len() - SHOWN)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn words_drop_marks_and_split_at_separators_and_scripts() {
        let cases: &[(&str, &[&str])] = &[
            ("تصمـد الـنار", &["تصمد", "النار"]),
            ("دوراً حاسماً", &["دورا", "حاسما"]),
            ("كثيرا.فالاتفاق", &["كثيرا", "فالاتفاق"]),
            ("2020الثانية", &["2020", "الثانية"]),
            ("سنة ٢٠٢١ و۱۹۹۱", &["سنة", "2021", "و", "1991"]),
            ("العشرين،⁵ ولديها¹²", &["العشرين", "ولديها"]),
            ("Erdoğan WikiLeaks", &["Erdoğan", "WikiLeaks"]),
            ("أمнести", &["أم", "нести"]),
            ("oﬃce", &["office"]),
            ("", &[]),
            ("  ... ، ؛ ", &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(texts(input), *expected, "input {input:?}");
        }
    }

    #[test]
    fn word_spans_cover_marks() {
        let w = words("x الـنار.");
        assert_eq!(w[1].span, 2.."x الـنار".len());
    }

    #[test]
    fn letters_count_by_script_and_display() {
        let l = Letters::of("Ab ٣ بب ж");
        assert_eq!(l.len(), 6);
        assert_eq!(l.count_script(Script::Latin), 2);
        assert_eq!(l.count_script(Script::Digit), 1);
        assert_eq!(l.count_script(Script::Arabic), 2);
        assert_eq!(l.count_script(Script::Other), 1);
        assert_eq!(l.count('3'), 1);
        assert_eq!(Letters::of("نين").to_string(), "ن ن ي");
        assert_eq!(
            Letters::of("ab").minus(&Letters::of("bc")),
            Letters::of("a")
        );
        assert_eq!(
            Letters::of("aab").common(&Letters::of("ab")),
            Letters::of("ab")
        );
    }
}
