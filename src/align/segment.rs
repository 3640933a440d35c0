//! Rule-based sentence splitters for Arabic and English paragraphs.
//!
//! A sentence ends at `.` `!` `?` `؟` or `۔`, together with any closing quotes
//! and brackets that follow it, when whitespace (or, in Arabic, a letter) comes
//! next and none of the exceptions below applies. `؛` and `،` never end a
//! sentence: a comma-chained Arabic sentence is a 1-n bead for the aligner.
//!
//! Exceptions, each with a table-driven test in `segment/tests.rs`:
//! - no boundary inside a number (`2.5`, `3,8`, `360.000`), a domain or a DOI,
//!   because whitespace must follow the terminator;
//! - no boundary inside parentheses or brackets (`(Alkan, n.d.)`), nor on an
//!   ellipsis (`...`, `…`);
//! - no boundary after an Arabic abbreviation (a single letter: `د.`, `أ.د.`,
//!   `هـ.`, `ص.ب.`), after a title (`Mr.`, `Dr.`, `Sens.`) or after `e.g.`, `i.e.`,
//!   `cf.`, `vs.`;
//! - after an ambiguous abbreviation (`U.S.`, `Ph.D.`, `et al.`, `Inc.`, `No.`,
//!   a Latin initial such as `P.`) only when the next word clearly starts a
//!   sentence: a common sentence opener (`The`, `As`, `But`...), an opening
//!   quote, or an Arabic word;
//! - no boundary before a lowercase Latin word (`?" she wondered`);
//! - in Arabic, no boundary after a quoted question or exclamation (`؟"`)
//!   followed by a short reporting tag (`تساءلت.`, `قال الرجل.`);
//! - a would-be sentence without any letter (a list number such as `1.`) is
//!   joined to the sentence that follows it.
//!
//! Bidi controls, tatweel and zero-width characters are ignored when looking
//! for boundaries, and Arabic-Indic digits count as digits. The splitters never
//! change the text: they return slices of the input, trimmed of whitespace.
//! They do not detect headings or `Keywords:` lines; the Markdown pipeline
//! hands them one paragraph at a time.

use std::ops::Range;

use self::lexicon::{AMBIGUOUS, NEVER, OPENERS, REPORTING_VERBS};
use super::Side;
use super::text::{fold_arabic, is_ignorable, is_letter};
use crate::chars::{is_arabic_letter, is_arabic_mark};

/// Splits an Arabic paragraph into sentences (slices of `text`).
pub fn split_arabic(text: &str) -> Vec<&str> {
    slices(text, Side::Ar)
}

/// Splits an English paragraph into sentences (slices of `text`).
pub fn split_english(text: &str) -> Vec<&str> {
    slices(text, Side::En)
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace,
/// in order and non-overlapping. Useful for mapping sentences back to source
/// positions.
pub(crate) fn sentence_spans(text: &str, side: Side) -> Vec<Range<usize>> {
    let vis = Visible::new(text);
    let in_parens = parenthesised(&vis.chars);
    let mut cuts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < vis.chars.len() {
        if !is_terminator(vis.chars[i]) {
            i += 1;
            continue;
        }
        let run_end = scan(&vis.chars, i, is_terminator);
        let close_end = scan(&vis.chars, run_end, is_closer);
        let cut = close_end < vis.chars.len()
            && !in_parens[i]
            && is_boundary(&vis, side, i, run_end, close_end)
            && vis.chars[start..close_end].iter().any(|&c| is_letter(c));
        if cut {
            cuts.push(vis.byte_end(text, close_end - 1));
            start = close_end;
        }
        i = close_end.max(i + 1);
    }
    spans_from_cuts(text, &cuts)
}

fn slices(text: &str, side: Side) -> Vec<&str> {
    sentence_spans(text, side)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// Turns cut positions into trimmed spans. A trailing piece without letters
/// is joined to the sentence before it.
fn spans_from_cuts(text: &str, cuts: &[usize]) -> Vec<Range<usize>> {
    let mut spans: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    for &to in cuts.iter().chain(std::iter::once(&text.len())) {
        let piece = &text[from..to];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            let span = from + lead..from + lead + trimmed.len();
            let last = to == text.len();
            match spans.last_mut() {
                Some(prev) if last && !trimmed.chars().any(is_letter) => prev.end = span.end,
                _ => spans.push(span),
            }
        }
        from = to;
    }
    spans
}

/// The text without ignorable characters, with each char's byte offset.
struct Visible {
    chars: Vec<char>,
    offsets: Vec<usize>,
}

impl Visible {
    fn new(text: &str) -> Self {
        let (offsets, chars) = text
            .char_indices()
            .filter(|&(_, c)| !is_ignorable(c))
            .unzip();
        Visible { chars, offsets }
    }

    /// Byte offset just after visible char `k`, extended over any ignorable
    /// characters glued to it (the PDF mark closing `د` LRE `.` PDF stays in the sentence).
    fn byte_end(&self, text: &str, k: usize) -> usize {
        let mut end = self.offsets[k] + self.chars[k].len_utf8();
        while let Some(c) = text[end..].chars().next().filter(|&c| is_ignorable(c)) {
            end += c.len_utf8();
        }
        end
    }
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '۔' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']')
}

fn is_opener(c: char) -> bool {
    matches!(c, '"' | '\'' | '“' | '‘' | '«' | '‹' | '(' | '[')
}

fn scan(chars: &[char], from: usize, keep: fn(char) -> bool) -> usize {
    from + chars[from..].iter().take_while(|&&c| keep(c)).count()
}

/// Longest bracketed span (in characters) that still suppresses boundaries;
/// a longer one is more likely a stray bracket than a citation.
const MAX_PAREN_SPAN: usize = 400;

/// Marks the characters inside matched `()` and `[]` pairs.
fn parenthesised(chars: &[char]) -> Vec<bool> {
    let mut depth_change = vec![0i32; chars.len() + 1];
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (k, &c) in chars.iter().enumerate() {
        let open = match c {
            '(' | '[' => {
                stack.push((c, k));
                continue;
            }
            ')' => '(',
            ']' => '[',
            _ => continue,
        };
        if let Some(at) = stack.iter().rposition(|&(o, _)| o == open) {
            let from = stack[at].1;
            stack.truncate(at);
            if k - from <= MAX_PAREN_SPAN {
                depth_change[from + 1] += 1;
                depth_change[k] -= 1;
            }
        }
    }
    let mut depth = 0;
    depth_change[..chars.len()]
        .iter()
        .map(|d| {
            depth += d;
            depth > 0
        })
        .collect()
}

/// What follows a candidate boundary.
enum Next {
    LowerLatin,
    UpperLatin(String),
    Arabic(String),
    Other,
}

fn next_token(chars: &[char], from: usize) -> (Next, bool) {
    let mut k = from;
    while k < chars.len() && chars[k].is_whitespace() {
        k += 1;
    }
    let opened = k < chars.len() && is_opener(chars[k]);
    while k < chars.len() && is_opener(chars[k]) {
        k += 1;
    }
    let word: String = chars[k..]
        .iter()
        .take_while(|&&c| is_letter(c) || is_arabic_mark(c))
        .collect();
    let next = match word.chars().next() {
        Some(c) if is_arabic_letter(c) => Next::Arabic(word),
        Some(c) if c.is_lowercase() => Next::LowerLatin,
        Some(_) => Next::UpperLatin(word),
        None => Next::Other,
    };
    (next, opened)
}

/// Decides whether the terminator run `chars[run_start..run_end]`, closed by
/// `chars[run_end..close_end]`, ends a sentence.
fn is_boundary(
    vis: &Visible,
    side: Side,
    run_start: usize,
    run_end: usize,
    close_end: usize,
) -> bool {
    let chars = &vis.chars;
    let run = &chars[run_start..run_end];
    if run.contains(&'…') || run.iter().filter(|&&c| c == '.').count() > 1 {
        return false;
    }
    let prev = previous_token(chars, run_start);
    let glued = !chars[close_end].is_whitespace();
    if glued {
        // Arabic typed without a space after the stop: `الحرب.وتكمن`.
        return side == Side::Ar && is_arabic_letter(chars[close_end]) && glued_word_can_end(&prev);
    }
    let (next, opened) = next_token(chars, close_end);
    if matches!(next, Next::LowerLatin) {
        return false;
    }
    if run[0] != '.' && run[0] != '۔' {
        let quoted = chars[run_end..close_end]
            .iter()
            .any(|&c| c != ')' && c != ']');
        let tag = matches!(&next, Next::Arabic(w) if is_reporting_verb(w))
            && is_short_tag(chars, close_end);
        return !(side == Side::Ar && quoted && tag);
    }
    match classify(&prev) {
        Kind::Word => true,
        Kind::Never => false,
        // Before Arabic, only a lone Latin letter ends a sentence (`بحرف u. وذكرت`);
        // `et al.` and `U.S.` inside Arabic prose are followed by more of it.
        Kind::Ambiguous => match next {
            Next::Arabic(_) => prev.chars().count() == 1,
            Next::UpperLatin(w) => opened || is_sentence_opener(&w),
            Next::LowerLatin | Next::Other => false,
        },
    }
}

/// The word before a terminator, including internal dots (`U.S`, `أ.د`).
fn previous_token(chars: &[char], end: usize) -> String {
    let start = chars[..end]
        .iter()
        .rposition(|&c| !(is_letter(c) || c.is_numeric() || is_arabic_mark(c) || c == '.'))
        .map_or(0, |p| p + 1);
    chars[start..end]
        .iter()
        .filter(|&&c| !is_arabic_mark(c))
        .collect::<String>()
        .trim_start_matches('.')
        .to_string()
}

fn glued_word_can_end(prev: &str) -> bool {
    !prev.contains('.') && (prev.chars().count() >= 2 || prev.chars().all(|c| c.is_numeric()))
}

/// How the word before a `.` bears on the boundary.
enum Kind {
    /// An ordinary word or number: the stop ends the sentence.
    Word,
    /// An abbreviation that never ends a sentence (titles, `e.g.`, `د.`).
    Never,
    /// An abbreviation that may end one (`U.S.`, `Inc.`, `et al.`, `P.`).
    Ambiguous,
}

fn classify(prev: &str) -> Kind {
    let letters = prev.chars().filter(|&c| is_letter(c)).count();
    let arabic = prev.chars().any(is_arabic_letter);
    if letters == 0 {
        Kind::Word
    } else if arabic {
        if letters == 1 || prev.contains('.') {
            Kind::Never
        } else {
            Kind::Word
        }
    } else if NEVER.contains(&prev) || NEVER.contains(&prev.to_lowercase().as_str()) {
        Kind::Never
    } else if letters == 1 || prev.contains('.') || AMBIGUOUS.contains(&prev) {
        Kind::Ambiguous
    } else {
        Kind::Word
    }
}

pub(crate) fn is_sentence_opener(word: &str) -> bool {
    OPENERS.contains(&word)
}

/// A reporting tag is short and ends its sentence: `تساءلت.`, `قال الرجل.`,
/// not `ردّ قائلًا: حسنًا ...`, which starts a new sentence.
fn is_short_tag(chars: &[char], from: usize) -> bool {
    let rest = &chars[from..];
    let end = rest
        .iter()
        .position(|&c| is_terminator(c))
        .unwrap_or(rest.len());
    let clause = &rest[..end];
    let words = clause
        .split(|c| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    words <= 4 && !clause.iter().any(|&c| c == ':' || is_opener(c))
}

fn is_reporting_verb(word: &str) -> bool {
    let folded: String = word
        .chars()
        .filter(|&c| !is_arabic_mark(c))
        .map(fold_arabic)
        .collect();
    REPORTING_VERBS.contains(&folded.as_str())
}

mod lexicon;
#[cfg(test)]
mod tests;
