//! Words of a text as the search compares them: normalised, then cut into tokens.
//!
//! Normalising folds what readers type differently into one form, character by character:
//! the compatibility decomposition (NFKD: accents come off Latin letters, presentation forms
//! become letters, hamza seats become the letter under a mark), then marks (harakat and
//! accents), tatweel and invisible characters are dropped; أ إ آ ٱ become ا, ة ه, ى and
//! Persian ی become ي, Persian ک ك; Arabic-Indic and Persian digits become ASCII digits, the
//! Arabic decimal and thousands separators `.` and `,`; letters are lowercased.
//!
//! Tokens are runs of letters and digits (a dropped character does not end one). Numbers
//! keep their decimal point (`3.8`, `٣٫٨` → `3.8`); a hyphenated run with a digit in it is a
//! code, kept whole (`S-300` → `s-300`) beside its parts, which are marked as parts.
//!
//! The browser does the same at query time (`templates/assets/search.js`); the two are held
//! equal by the test vectors (`tests/search/vectors.json`). This module does no stemming
//! (`stem.rs`).

use std::sync::OnceLock;

use crate::chars;

/// Calls `each(token, part)` for every token of `text`, in order; `part` is true for the
/// pieces of a code, which also comes whole.
pub(crate) fn tokens(text: &str, mut each: impl FnMut(&str, bool)) {
    let mut chain = Chain::default();
    let arabic = arabic_fast();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // The two kinds of character nearly all text is made of take a short way: ASCII, and
        // the Arabic block (two bytes led by D8–DB) when its letter folds to one letter or to
        // nothing.
        if b < 0x80 {
            match ASCII[b as usize] {
                0 => chain.push(b as char, &mut each),
                lower => chain.push_word(lower as char, &mut each),
            }
            i += 1;
            continue;
        }
        if (0xD8..=0xDB).contains(&b) {
            let index = usize::from(b & 0x03) << 6 | usize::from(bytes[i + 1] & 0x3F);
            i += 2;
            match arabic[index] {
                Fast::Dropped => {}
                Fast::Letter(f) => chain.push_word(f, &mut each),
                Fast::Other => fold(
                    char::from_u32(0x600 + index as u32).unwrap_or(' '),
                    &mut |f| chain.push(f, &mut each),
                ),
            }
            continue;
        }
        let c = text[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        fold(c, &mut |f| chain.push(f, &mut each));
    }
    chain.flush(&mut each);
}

/// An ASCII character's lowercase form when it is a letter or digit, else 0.
const ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    table
};

/// What a character of the Arabic block comes to, for the short way of [`tokens`].
#[derive(Clone, Copy)]
enum Fast {
    /// Nothing (a mark, tatweel).
    Dropped,
    /// One letter, a word character.
    Letter(char),
    /// Anything else: folded the general way.
    Other,
}

/// [`Fast`] for each character of U+0600–U+06FF, made once from the general folding.
fn arabic_fast() -> &'static [Fast; 256] {
    static TABLE: OnceLock<[Fast; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let mut folded = arabic_table()[i].chars();
            match (folded.next(), folded.next()) {
                (None, _) => Fast::Dropped,
                (Some(f), None) if class(f) == Class::Word => Fast::Letter(f),
                _ => Fast::Other,
            }
        })
    })
}

/// `text` normalised, every character kept (for tests and the test vectors).
#[cfg(test)]
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        fold(c, &mut |f| out.push(f));
    }
    out
}

/// What a normalised character does to a token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// A letter or digit: part of a token.
    Word,
    /// `-`, `.` or `,`: may join two runs into one token.
    Joiner,
    /// Anything else ends the token.
    Space,
}

fn class(c: char) -> Class {
    // Arabic letters first: the general test of `is_alphabetic` is a slow table search, and
    // took a fifth of a 1,000-paper build's time when every letter went through it.
    if ('\u{621}'..='\u{64A}').contains(&c) {
        Class::Word
    } else if c.is_ascii() {
        if c.is_ascii_alphanumeric() {
            Class::Word
        } else if matches!(c, '-' | '.' | ',') {
            Class::Joiner
        } else {
            Class::Space
        }
    } else if c.is_alphabetic() || c.is_numeric() {
        Class::Word
    } else {
        Class::Space
    }
}

/// Sends the normalised form of `c` (none, one or several characters) to `out`.
#[inline]
fn fold(c: char, out: &mut impl FnMut(char)) {
    if c.is_ascii() {
        out(c.to_ascii_lowercase());
    } else if ('\u{600}'..='\u{6FF}').contains(&c) {
        // Most of what is indexed is Arabic: its block is folded once, into a table.
        for f in arabic_table()[c as usize - 0x600].chars() {
            out(f);
        }
    } else {
        fold_slow(c, out);
    }
}

/// The folding of one character by the general rule: decomposed, then each piece mapped.
fn fold_slow(c: char, out: &mut impl FnMut(char)) {
    chars::decompose_compatible(c, |d| {
        if let Some(m) = map(d) {
            m.to_lowercase()
                .filter(|l| !is_dropped(*l))
                .for_each(&mut *out);
        }
    });
}

/// A decomposed character's normalised form, or `None` when it is dropped.
fn map(d: char) -> Option<char> {
    if is_dropped(d) {
        return None;
    }
    Some(match d {
        'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ی' => 'ي',
        'ک' => 'ك',
        '\u{66B}' => '.',
        '\u{66C}' => ',',
        '\u{2010}' | '\u{2011}' => '-',
        _ if chars::is_arabic_indic_digit(d) || chars::is_extended_arabic_indic_digit(d) => {
            chars::digit('0', chars::digit_value(d).unwrap_or(0))
        }
        _ => d,
    })
}

/// Marks, tatweel and characters that take no room on screen.
fn is_dropped(c: char) -> bool {
    chars::is_tatweel(c) || chars::is_invisible(c) || chars::is_combining_mark(c)
}

/// The folding of U+0600–U+06FF, made once by the general rule.
fn arabic_table() -> &'static [String; 256] {
    static TABLE: OnceLock<[String; 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        std::array::from_fn(|i| {
            let mut s = String::new();
            if let Some(c) = char::from_u32(0x600 + i as u32) {
                fold_slow(c, &mut |f| s.push(f));
            }
            s
        })
    })
}

/// True between an ASCII digit and an Arabic letter, either way round.
fn script_changes(a: char, b: char) -> bool {
    let arabic = |c: char| ('\u{600}'..='\u{6FF}').contains(&c);
    (a.is_ascii_digit() && arabic(b)) || (arabic(a) && b.is_ascii_digit())
}

/// The runs of the token being read and the joiners between them.
#[derive(Default)]
struct Chain {
    /// The runs' characters, joiners included.
    text: String,
    /// Where each run starts and ends in `text` (the open run's end is set when it closes).
    runs: Vec<(usize, usize)>,
    /// A joiner read after the last run, not yet followed by a word character.
    pending: Option<char>,
    /// True while a run is open.
    open: bool,
    /// The last character pushed to `text`.
    last: char,
    /// The runs with numbers joined, kept between tokens for its room.
    merged: Vec<(usize, usize)>,
}

impl Chain {
    fn push(&mut self, c: char, each: &mut impl FnMut(&str, bool)) {
        match class(c) {
            Class::Word => self.push_word(c, each),
            Class::Joiner if self.open => {
                self.close_run();
                self.pending = Some(c);
            }
            _ => self.flush(each),
        }
    }

    /// Adds `c`, a letter or digit.
    #[inline]
    fn push_word(&mut self, c: char, each: &mut impl FnMut(&str, bool)) {
        if self.open {
            // Digits and Arabic letters written together are two words: «2020م», «و2020».
            if !script_changes(self.last, c) {
                self.text.push(c);
                self.last = c;
                return;
            }
            self.flush(each);
        }
        if let Some(j) = self.pending.take() {
            self.text.push(j);
        }
        self.runs.push((self.text.len(), 0));
        self.open = true;
        self.text.push(c);
        self.last = c;
    }

    /// Ends the open run, if one is.
    fn close_run(&mut self) {
        if self.open {
            self.open = false;
            if let Some(run) = self.runs.last_mut() {
                run.1 = self.text.len();
            }
        }
    }

    /// Sends the tokens of the runs read and starts again.
    fn flush(&mut self, each: &mut impl FnMut(&str, bool)) {
        self.close_run();
        self.pending = None;
        match self.runs.len() {
            0 => return,
            // Most tokens are one run: nothing to join.
            1 => each(&self.text, false),
            _ => self.flush_chain(each),
        }
        self.text.clear();
        self.runs.clear();
    }

    /// The tokens of two runs or more, with the joiners between them.
    fn flush_chain(&mut self, each: &mut impl FnMut(&str, bool)) {
        let text = &self.text;
        let joiner = |i: usize| text.as_bytes()[self.runs[i].1];
        let digits = |(a, b): (usize, usize)| text[a..b].bytes().all(|b| b.is_ascii_digit());
        // Numbers first: digit runs joined by `.` or `,` are one run.
        let merged = &mut self.merged;
        merged.clear();
        for (i, &run) in self.runs.iter().enumerate() {
            match merged.last_mut() {
                Some(last) if digits(*last) && digits(run) && joiner(i - 1) != b'-' => {
                    last.1 = run.1;
                }
                _ => merged.push(run),
            }
        }
        // Then hyphenated groups: whole when a digit is in them, their parts beside.
        let mut start = 0;
        while start < merged.len() {
            let mut end = start + 1;
            while end < merged.len() && text.as_bytes()[merged[end - 1].1] == b'-' {
                end += 1;
            }
            let group = &merged[start..end];
            let code = group.len() > 1
                && group
                    .iter()
                    .any(|&(a, b)| text[a..b].bytes().any(|b| b.is_ascii_digit()));
            if code {
                each(&text[group[0].0..group[group.len() - 1].1], false);
            }
            for &(a, b) in group {
                each(&text[a..b], code);
            }
            start = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        tokens(text, |t, part| out.push((t.to_string(), part)));
        out
    }

    fn words(text: &str) -> Vec<String> {
        all(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn normalising_folds_what_readers_type_differently() {
        let cases = [
            ("النِّفْط", "النفط"),                     // harakat
            ("الـــنفط", "النفط"),                  // tatweel
            ("أإآٱا", "ااااا"),                     // alef forms
            ("مدرسة", "مدرسه"),                     // taa marbuta
            ("على", "علي"),                         // alef maqsura
            ("فارسی", "فارسي"),                     // Persian yeh
            ("کتاب", "كتاب"),                       // keheh
            ("١٩٩١", "1991"),                       // Arabic-Indic digits
            ("۱۹۹۱", "1991"),                       // Persian digits
            ("٣٫٨", "3.8"),                         // decimal separator
            ("ع\u{200c}ل\u{200d}م", "علم"),         // joiners
            ("\u{202b}علم\u{202c}\u{200f}", "علم"), // bidi controls
            ("\u{fefb}", "لا"),                      // presentation form: lam-alef
            ("\u{fe8d}\u{fedf}\u{fe92}", "الب"),    // presentation forms
            ("Güler", "guler"),                     // accents
            ("İSTANBUL", "istanbul"),               // dotted capital I
            ("Ṣāliḥ", "salih"),                     // transliteration marks
            ("مسؤول", "مسوول"),                     // hamza on waw
            ("لاجئين", "لاجيين"),                     // hamza on yeh
            ("ﷲ", "الله"),                          // ligature
        ];
        for (input, expected) in cases {
            assert_eq!(normalize(input), expected, "{input:?}");
        }
    }

    #[test]
    fn tokens_are_runs_of_letters_and_digits() {
        let cases: [(&str, &[&str]); 8] = [
            ("", &[]),
            ("  ؟!،  ", &[]),
            ("مجلس الأمن، والاتحاد.", &["مجلس", "الامن", "والاتحاد"]),
            ("Turkey's policy", &["turkey", "s", "policy"]),
            ("عام 2020م و2021", &["عام", "2020", "م", "و", "2021"]),
            ("3.8 مليار و 2,907", &["3.8", "مليار", "و", "2,907"]),
            ("Nagorno-Karabakh", &["nagorno", "karabakh"]),
            ("(TB2)", &["tb2"]),
        ];
        for (input, expected) in cases {
            assert_eq!(words(input), expected, "{input:?}");
        }
    }

    #[test]
    fn codes_come_whole_and_in_parts() {
        let part = |t: &str| (t.to_string(), true);
        let whole = |t: &str| (t.to_string(), false);
        assert_eq!(
            all("منظومة S-300 و إس-300"),
            [
                whole("منظومه"),
                whole("s-300"),
                part("s"),
                part("300"),
                whole("و"),
                whole("اس-300"),
                part("اس"),
                part("300"),
            ]
        );
        assert_eq!(
            all("TRG-300."),
            [whole("trg-300"), part("trg"), part("300")]
        );
        // A hyphen between numbers is a range, not a decimal point.
        assert_eq!(
            all("1991-1994"),
            [whole("1991-1994"), part("1991"), part("1994")]
        );
    }

    #[test]
    fn a_dropped_character_does_not_end_a_token() {
        assert_eq!(words("م\u{640}\u{64e}صر"), ["مصر"]);
        assert_eq!(words("a\u{ad}b"), ["ab"]);
    }
}
