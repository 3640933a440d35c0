//! Bidi isolation: finds the Latin-script runs ("islands") inside Arabic text and wraps each
//! in `<bdi lang="en" dir="ltr">`, so that a citation such as `(Welt & Bowen, 2021, 12)` or a
//! designator such as `TRG-300 Tiger` keeps its own order and its punctuation on the right side.
//!
//! An island starts at a Latin letter and runs on through Latin letters, combining marks, ASCII
//! digits, spaces and the punctuation and symbols Latin text uses, until it meets an Arabic
//! letter (or any other letter that is not Latin), Arabic punctuation, `«`/`»`, a bidi control
//! character, an emoji, or a closing bracket it did not open. Then what belongs to the Arabic
//! sentence is given back: trailing spaces, commas, colons, semicolons, dashes and `&`, an opening
//! bracket that is never closed inside the island (with all after it), and a final `.` unless
//! it ends an abbreviation (`n.d.`, `et al.`, `D.`). Digits on their own never make an island.
//!
//! This module holds the finder (pure, over characters or over the units of an inline event
//! run) and [`isolate_plain`] for front matter strings; [`events`] is the Markdown pass, and
//! [`RunIslands`] gives its islands to the digit style, so that the two agree on which digits
//! are Latin text.

pub(crate) mod events;

use std::ops::Range;

pub use events::{InlineRuns, RunIslands, isolate};

use super::scan;
use crate::chars::{is_arabic_letter, is_arabic_mark, is_latin_letter, is_latin_mark};

/// The element that opens an island.
pub(crate) const OPEN: &str = "<bdi lang=en dir=ltr>";
/// The element that closes an island.
pub(crate) const CLOSE: &str = "</bdi>";

/// Words that keep their final `.` at the end of an island (compared in lowercase).
const ABBREVIATIONS: [&str; 30] = [
    "al", "cf", "ch", "co", "corp", "dr", "ed", "eds", "etc", "fig", "ibid", "inc", "jr", "ltd",
    "mr", "mrs", "ms", "no", "nos", "op", "p", "pp", "prof", "repr", "sr", "st", "trans", "vol",
    "vols", "vs",
];

/// One position of the text the finder walks: a character, or something from the event stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    /// A character of the text.
    Char(char),
    /// A run of ASCII letters: no rule looks inside one, except to tell an abbreviation (for
    /// which the finder asks for its text).
    Word,
    /// A run of ASCII digits.
    Digits,
    /// Left-to-right content that is not text (an inline code span): starts or joins an island.
    Ltr,
    /// Inline markup (a footnote reference): joins an island, never starts or ends one.
    Mark,
    /// The start of an inline element; the index of its end.
    Open(usize),
    /// The end of an inline element; the index of its start.
    Close(usize),
    /// Something no island crosses (an image, a hard line break).
    Break,
}

/// The byte ranges of the Latin islands of `text`, in order and never overlapping.
pub(crate) fn islands(text: &str) -> Vec<Range<usize>> {
    Islands::default().of(text).to_vec()
}

/// The island finder for plain strings, keeping its buffers from one string to the next.
#[derive(Debug, Default)]
pub(crate) struct Islands {
    units: Vec<Unit>,
    starts: Vec<usize>,
    found: Vec<Range<usize>>,
}

impl Islands {
    /// The byte ranges of the Latin islands of `text`, as [`islands`] finds them.
    pub(crate) fn of(&mut self, text: &str) -> &[Range<usize>] {
        self.found.clear();
        if !has_latin_letter(text) {
            return &self.found;
        }
        self.units.clear();
        self.starts.clear();
        for_units(text, |unit, bytes| {
            self.units.push(unit);
            self.starts.push(bytes.start);
        });
        let at = |i: usize| self.starts.get(i).copied().unwrap_or(text.len());
        find_into(&self.units, &|i| &text[at(i)..at(i + 1)], &mut self.found);
        for island in &mut self.found {
            *island = at(island.start)..at(island.end);
        }
        &self.found
    }
}

/// Whether `text` has a Latin letter.
pub(crate) fn has_latin_letter(text: &str) -> bool {
    next_latin_letter(text, 0) < text.len()
}

/// The byte index of the first Latin letter of `text` at or after `from` (a character
/// boundary), or `text.len()`. Only ASCII letters and characters outside the Arabic block can
/// be one, so chunks of Arabic text and ASCII spaces, digits and punctuation are passed over
/// undecoded.
fn next_latin_letter(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes().get(from..).unwrap_or_default();
    let maybe_latin = |b: u8, _| b.is_ascii_alphabetic() | ((b >= 0xC0) & !is_arabic_lead(b));
    scan::suspects(bytes, maybe_latin)
        .map(|at| from + at)
        .find(|&at| is_latin_letter(char_at(text, at)))
        .unwrap_or(text.len())
}

/// Whether `b` is the first byte of a character of the Arabic block (U+0600–U+06FF), which
/// in UTF-8 takes two bytes and never belongs to an island.
fn is_arabic_lead(b: u8) -> bool {
    b.wrapping_sub(0xD8) < 4
}

/// The character that starts at byte `at` of `text` (a character boundary).
fn char_at(text: &str, at: usize) -> char {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .unwrap_or(char::REPLACEMENT_CHARACTER)
}

/// Calls `f` with each unit of `text` and its bytes. A character that stops islands starts a
/// stretch that runs on to the next Latin letter and is one unit: no island can reach into it
/// (islands start at a Latin letter and never cross what stops them), so the finder only needs
/// to know it stops islands, and what its first character is (whether it is a space or a
/// letter, next to a quote). An Arabic phrase with its spaces, digits and punctuation is so
/// one unit, found by a byte scan.
///
/// A run of ASCII letters is one [`Unit::Word`] and a run of ASCII digits one
/// [`Unit::Digits`]: an island never starts or ends inside either (it starts at the first
/// letter of a word, and only punctuation, spaces and what stops islands end one), so the
/// finder, which reads each character of the run alike, finds the same islands.
pub(crate) fn for_units(text: &str, mut f: impl FnMut(Unit, Range<usize>)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        let (unit, end) = if b.is_ascii_alphabetic() {
            (Unit::Word, run_end(bytes, at, u8::is_ascii_alphabetic))
        } else if b.is_ascii_digit() {
            (Unit::Digits, run_end(bytes, at, u8::is_ascii_digit))
        } else {
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                char_at(text, at)
            };
            let next = at + c.len_utf8();
            let end = if stops(c) {
                next_latin_letter(text, next)
            } else {
                next
            };
            (Unit::Char(c), end)
        };
        f(unit, at..end);
        at = end;
    }
}

/// The end of the run of bytes from `from` on that are `kind`.
fn run_end(bytes: &[u8], from: usize, kind: impl Fn(&u8) -> bool) -> usize {
    let rest = bytes.get(from..).unwrap_or_default();
    from + rest.iter().position(|b| !kind(b)).unwrap_or(rest.len())
}

/// `text` HTML-escaped, with each Latin island wrapped in [`OPEN`] … [`CLOSE`].
///
/// For plain strings shown inside Arabic text (titles, abstract sentences): whatever `text`
/// holds, the result is markup only through the `bdi` elements this function adds.
pub fn isolate_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut at = 0;
    for island in islands(text) {
        escape_into(&mut out, &text[at..island.start]);
        out.push_str(OPEN);
        escape_into(&mut out, &text[island.clone()]);
        out.push_str(CLOSE);
        at = island.end;
    }
    escape_into(&mut out, &text[at..]);
    out
}

/// `text` HTML-escaped, with each run of Arabic words wrapped in
/// `<bdi lang="ar" dir="rtl">`: the mirror of [`isolate_plain`], for plain strings shown inside
/// English text (an English citation naming an author who has no romanised name).
pub(crate) fn isolate_arabic_plain(text: &str) -> String {
    let arabic = |c: char| is_arabic_letter(c) || is_arabic_mark(c);
    // Spaces and Arabic punctuation belong to a run only between two Arabic words.
    let joins = |c: char| c.is_whitespace() || matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}');
    // Arabic letters and marks are in the Arabic block (first bytes D8–DB), Arabic Supplement
    // (DD), Extended-A (E0) and the presentation forms (EF): only the characters starting with
    // one of these bytes are decoded, found a chunk at a time.
    let next_arabic = |from: usize| {
        let bytes = text.as_bytes().get(from..).unwrap_or_default();
        let may_be_arabic = |b: u8, _| is_arabic_lead(b) | (b == 0xDD) | (b == 0xE0) | (b == 0xEF);
        scan::suspects(bytes, may_be_arabic)
            .map(|i| (from + i, char_at(text, from + i)))
            .find(|&(_, c)| arabic(c))
    };
    let mut out = String::with_capacity(text.len() + 32);
    let mut at = 0;
    while let Some((start, c)) = next_arabic(at) {
        let after_first = start + c.len_utf8();
        let mut end = after_first;
        for (i, c) in text[after_first..].char_indices() {
            if arabic(c) {
                end = after_first + i + c.len_utf8();
            } else if !joins(c) {
                break;
            }
        }
        escape_into(&mut out, &text[at..start]);
        out.push_str("<bdi lang=ar dir=rtl>");
        escape_into(&mut out, &text[start..end]);
        out.push_str(CLOSE);
        at = end;
    }
    escape_into(&mut out, &text[at..]);
    out
}

/// Escapes with the same table pulldown-cmark's HTML writer uses for attribute values.
fn escape_into(out: &mut String, text: &str) {
    // Writing into a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(out, text);
}

/// The text of the [`Unit::Word`] at an index of the units.
pub(crate) type WordText<'t> = dyn Fn(usize) -> &'t str + 't;

/// The islands of `units`, as index ranges, in order and never overlapping; `word` gives the
/// text of a word.
///
/// An island may contain `Open`/`Close` units whose partner lies outside it; the event pass
/// turns such a unit into a `Break` and looks again.
#[cfg(test)]
pub(crate) fn find<'t>(units: &[Unit], word: &WordText<'t>) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    find_into(units, word, &mut found);
    found
}

/// [`find`], appending to `found`.
pub(crate) fn find_into<'t>(units: &[Unit], word: &WordText<'t>, found: &mut Vec<Range<usize>>) {
    let mut i = 0;
    while i < units.len() {
        if !starts_island(units[i]) {
            i += 1;
            continue;
        }
        let end = trim_end(units, word, i, scan(units, i));
        let (start, end) = take_tags(units, i, end);
        found.push(start..end);
        i = end;
    }
}

/// Whether an island starts at `unit`: a Latin letter or left-to-right content.
fn starts_island(unit: Unit) -> bool {
    match unit {
        Unit::Char(c) => is_latin_letter(c),
        Unit::Word | Unit::Ltr => true,
        _ => false,
    }
}

/// The greedy end of the island starting at `start`: brackets opened inside must close inside.
fn scan(units: &[Unit], start: usize) -> usize {
    // Opening brackets not yet closed: (index, the closer that matches).
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut j = start;
    while j < units.len() {
        match units[j] {
            // Letters, digits and spaces (most of a Latin island) neither open nor close.
            Unit::Char(c) if c.is_ascii_alphanumeric() || c == ' ' => {}
            Unit::Char(c) => {
                if let Some(closer) = opener(units, j, c) {
                    open.push((j, closer));
                } else if is_closer(c) {
                    if open.last().is_some_and(|&(_, closer)| closer == c) {
                        open.pop();
                    } else {
                        break;
                    }
                } else if !continues(c) {
                    break;
                }
            }
            Unit::Break => break,
            // Words, numbers, code, markup and tags neither open nor close.
            _ => {}
        }
        j += 1;
    }
    // A bracket never closed in the island is the Arabic sentence's, with all after it.
    open.first().map_or(j, |&(i, _)| i)
}

/// The closer that matches `c` if `c` opens a bracket at `at`.
fn opener(units: &[Unit], at: usize, c: char) -> Option<char> {
    match c {
        '(' => Some(')'),
        '[' => Some(']'),
        '{' => Some('}'),
        '\u{201C}' => Some('\u{201D}'),
        // A straight quote opens when it follows a space or bracket and precedes a word.
        '"' => {
            let before = at.checked_sub(1).map(|i| units[i]);
            let after = units.get(at + 1).copied();
            let opens_after = matches!(before, None | Some(Unit::Char('(' | '[' | '{')))
                || matches!(before, Some(Unit::Char(b)) if b.is_whitespace());
            let word_follows = match after {
                Some(Unit::Char(a)) => a.is_alphanumeric(),
                Some(Unit::Word | Unit::Digits | Unit::Ltr) => true,
                _ => false,
            };
            (opens_after && word_follows).then_some('"')
        }
        _ => None,
    }
}

fn is_closer(c: char) -> bool {
    matches!(c, ')' | ']' | '}' | '\u{201D}' | '"')
}

/// Gives back what belongs to the Arabic sentence at the end of `start..end`.
fn trim_end<'t>(units: &[Unit], word: &WordText<'t>, start: usize, mut end: usize) -> usize {
    // The first unit is a letter or code and always stays.
    while end > start + 1 {
        let keep = match units[end - 1] {
            Unit::Char('.') => ends_abbreviation(units, word, start, end - 1),
            Unit::Char(c) => {
                !(c.is_whitespace()
                    || matches!(
                        c,
                        ',' | ';' | ':' | '-' | '&' | '|' | '\u{2013}' | '\u{2014}'
                    ))
            }
            Unit::Word | Unit::Digits | Unit::Ltr => true,
            Unit::Mark | Unit::Open(_) | Unit::Close(_) | Unit::Break => false,
        };
        if keep {
            break;
        }
        end -= 1;
    }
    end
}

/// Whether the `.` at `dot` ends an abbreviation (and so stays in the island).
fn ends_abbreviation<'t>(units: &[Unit], word: &WordText<'t>, start: usize, dot: usize) -> bool {
    let in_token = |unit| match unit {
        Unit::Char(c) => is_latin_letter(c) || is_latin_mark(c) || c == '.',
        Unit::Word => true,
        _ => false,
    };
    let mut k = dot;
    while k > start && in_token(units[k - 1]) {
        k -= 1;
    }
    let mut token = String::new();
    for (unit, i) in units[k..dot].iter().zip(k..) {
        match unit {
            Unit::Char(c) => token.push(*c),
            _ => token.push_str(word(i)),
        }
    }
    if token.is_empty() {
        return false;
    }
    token.contains('.')
        || token.chars().filter(|c| !is_latin_mark(*c)).count() == 1
        || ABBREVIATIONS.contains(&token.to_lowercase().as_str())
}

/// Widens `start..end` over element tags around it whose partners are inside it.
fn take_tags(units: &[Unit], mut start: usize, mut end: usize) -> (usize, usize) {
    loop {
        if let Some(Unit::Close(partner)) = units.get(end)
            && *partner >= start
        {
            end += 1;
        } else if let Some(Unit::Open(partner)) = start.checked_sub(1).map(|i| units[i])
            && partner <= end
        {
            start -= 1;
            if partner == end {
                end += 1;
            }
        } else {
            return (start, end);
        }
    }
}

/// Characters no island contains.
fn stops(c: char) -> bool {
    if c.is_ascii() {
        return !continues_ascii(c);
    }
    // The Arabic block first: most characters of an Arabic document are there.
    matches!(c, '\u{600}'..='\u{6FF}') || !(continues(c) || matches!(c, '\u{201C}' | '\u{201D}'))
}

/// [`continues`] for an ASCII character: letters, digits, punctuation and the spaces
/// `char::is_whitespace` knows (tab to carriage return, space).
fn continues_ascii(c: char) -> bool {
    c.is_ascii_graphic() || matches!(c, ' ' | '\t'..='\r')
}

/// Characters an island runs on through once started (brackets are handled apart).
fn continues(c: char) -> bool {
    if c.is_ascii() {
        return continues_ascii(c);
    }
    is_latin_letter(c)
        || is_latin_mark(c)
        || c.is_ascii_digit()
        || c.is_ascii_punctuation()
        || (c.is_whitespace() && !matches!(c, '\u{2028}' | '\u{2029}'))
        || matches!(c,
            // Latin-1 punctuation and symbols, without « and ».
            '\u{A1}'..='\u{AA}'
            | '\u{AC}'..='\u{BA}'
            | '\u{BC}'..='\u{BF}'
            | '\u{D7}'
            | '\u{F7}'
            // Dashes, single quotes and apostrophes, daggers, bullets, ellipsis, primes.
            | '\u{2010}'..='\u{201B}'
            | '\u{201E}'..='\u{2027}'
            | '\u{2030}'..='\u{2038}'
            // Currency signs, №, ™.
            | '\u{20A0}'..='\u{20C0}'
            | '\u{2116}'
            | '\u{2122}')
}

#[cfg(test)]
mod tests;
