//! The characters `verify --strict` compares besides letters, called signs here: punctuation,
//! brackets, quotation marks, dashes, other visible symbols, and harakat (every Arabic
//! combining mark: tanween, short vowels, shadda, sukun, maddah, hamza above and below, the
//! superscript alef, …).
//!
//! Not signs: letters and digits (compared already), whitespace, tatweel, joiners, bidi
//! controls and other invisibles, Latin combining marks, and the superscript digits sources use
//! as note markers (`¹²³⁴…`; Markdown writes notes as `[^N]`, which the published text leaves
//! out). Markdown syntax never reaches the comparison: the published side is the plain text of
//! the blocks.
//!
//! A bracket and its mirror image count as one sign: `(` `)`, `[` `]`, `{` `}`, `<` `>`, `«`
//! `»`, `‹` `›`, `﴾` `﴿`. Right-to-left extractions, and those in visual order (000) most of
//! all, hold either glyph for the same bracket, so which way round it stands in the source is
//! no evidence of an edit; a bracket added or dropped still is.
//!
//! Two kinds of delimiter are the plain-text form of what Markdown writes as syntax, so they
//! are not signs in either text: the angle brackets around a URL (`<https://…>`, a Markdown
//! autolink, which the page shows as a link without them) and asterisks pairing up around a
//! phrase (`*Foreign Policy*`, emphasis).
//!
//! Each sign is anchored to the words around it, so that a comparison can tell which of
//! several equal signs changed; see [`Sign`].

use std::ops::Range;

use super::letters::{CharKind, Word, kind};
use crate::chars::{is_arabic_mark, is_invisible};

/// What kind of sign a character is, for reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Class {
    Punctuation,
    Bracket,
    Quotation,
    Dash,
    Symbol,
    Haraka,
}

impl Class {
    pub(crate) const ALL: [Class; 6] = [
        Class::Punctuation,
        Class::Bracket,
        Class::Quotation,
        Class::Dash,
        Class::Symbol,
        Class::Haraka,
    ];

    /// The name in reports, singular and plural.
    pub(crate) fn names(self) -> (&'static str, &'static str) {
        match self {
            Class::Punctuation => ("punctuation mark", "punctuation marks"),
            Class::Bracket => ("bracket", "brackets"),
            Class::Quotation => ("quotation mark", "quotation marks"),
            Class::Dash => ("dash", "dashes"),
            Class::Symbol => ("symbol", "symbols"),
            Class::Haraka => ("haraka", "harakat"),
        }
    }
}

/// The class of `c` when it is a sign.
pub(crate) fn class(c: char) -> Option<Class> {
    if is_arabic_mark(c) {
        return Some(Class::Haraka);
    }
    if c.is_whitespace() || c.is_control() || is_invisible(c) || is_note_marker(c) {
        return None;
    }
    if !matches!(kind(c), CharKind::Separator) {
        return None;
    }
    Some(match c {
        '-'
        | '\u{2010}'..='\u{2015}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}'
        | '\u{2212}' => Class::Dash,
        '"'
        | '\''
        | '\u{AB}'
        | '\u{BB}'
        | '\u{2018}'..='\u{201F}'
        | '\u{2039}'
        | '\u{203A}'
        | '\u{FF02}'
        | '\u{FF07}' => Class::Quotation,
        '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '\u{FD3E}' | '\u{FD3F}' | '\u{2329}'
        | '\u{232A}' | '\u{27E8}' | '\u{27E9}' | '\u{3010}' | '\u{3011}' | '\u{FF08}'
        | '\u{FF09}' => Class::Bracket,
        '.'
        | ','
        | ';'
        | ':'
        | '?'
        | '!'
        | '\u{2026}'
        | '\u{60C}'
        | '\u{61B}'
        | '\u{61F}'
        | '\u{66A}'..='\u{66D}'
        | '\u{6D4}'
        | '\u{B7}'
        | '\u{2022}'
        | '/'
        | '\\'
        | '*'
        | '&'
        | '#'
        | '@'
        | '%'
        | '\u{A7}'
        | '\u{B6}'
        | '\u{2030}'
        | '\u{60D}' => Class::Punctuation,
        _ => Class::Symbol,
    })
}

/// Superscript digits, which sources use as note markers.
fn is_note_marker(c: char) -> bool {
    matches!(c, '\u{B9}' | '\u{B2}' | '\u{B3}' | '\u{2070}'..='\u{2079}')
}

/// The character a sign is compared as: a bracket and its mirror image are one.
pub(crate) fn folded(c: char) -> char {
    match c {
        ')' => '(',
        ']' => '[',
        '}' => '{',
        '>' => '<',
        '\u{BB}' => '\u{AB}',
        '\u{203A}' => '\u{2039}',
        '\u{FD3F}' => '\u{FD3E}',
        '\u{232A}' => '\u{2329}',
        '\u{27E9}' => '\u{27E8}',
        '\u{3011}' => '\u{3010}',
        '\u{FF09}' => '\u{FF08}',
        _ => c,
    }
}

/// What tells equal signs apart: the words around a sign between words, or the word and the
/// place in it of a haraka.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Anchor {
    Between {
        before: Option<String>,
        after: Option<String>,
    },
    Within {
        word: String,
        /// Letters of the word before the haraka.
        at: usize,
    },
}

impl Anchor {
    /// How well two anchors agree: 2 both neighbours, either way round (or same word and
    /// place), 1 one neighbour (or the same word), 0 none.
    pub(super) fn agreement(&self, other: &Anchor) -> u8 {
        match (self, other) {
            (
                Anchor::Between { before, after },
                Anchor::Between {
                    before: b,
                    after: a,
                },
            ) => {
                // Either way round: an extraction in visual order swaps the neighbours.
                let same = |x: &Option<String>, y: &Option<String>| u8::from(x.is_some() && x == y);
                (same(before, b) + same(after, a)).max(same(before, a) + same(after, b))
            }
            (Anchor::Within { word, at }, Anchor::Within { word: w, at: a }) => {
                u8::from(word == w) * (1 + u8::from(at == a))
            }
            _ => 0,
        }
    }
}

/// One sign in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Sign {
    /// As written.
    pub(crate) c: char,
    /// Byte range in the text.
    pub(crate) span: Range<usize>,
    /// The word it goes with (index into the text's words): the word holding a haraka, else
    /// the word it touches (the one before first), else the nearer one.
    pub(crate) word: Option<usize>,
    pub(crate) anchor: Anchor,
}

/// The signs of `text`, whose words (as `letters::words` cut them) are `words`.
pub(super) fn signs(text: &str, words: &[Word]) -> Vec<Sign> {
    let syntax = markdown_delimiters(text);
    let mut out = Vec::new();
    // Index of the first word that does not end before the current position.
    let mut next = 0;
    for (at, c) in text.char_indices() {
        if class(c).is_none() || syntax.binary_search(&at).is_ok() {
            continue;
        }
        let span = at..at + c.len_utf8();
        while next < words.len() && words[next].span.end <= at {
            next += 1;
        }
        let within = words.get(next).filter(|w| w.span.start <= at);
        if let Some(word) = within {
            let before = text[word.span.start..at]
                .chars()
                .filter(|&ch| matches!(kind(ch), CharKind::Letter(..) | CharKind::Ligature(_)))
                .count();
            out.push(Sign {
                c,
                span,
                word: Some(next),
                anchor: Anchor::Within {
                    word: word.text.clone(),
                    at: before,
                },
            });
            continue;
        }
        let before = next.checked_sub(1);
        let after = (next < words.len()).then_some(next);
        let gap = |range: Range<usize>| text[range].chars().filter(|c| c.is_whitespace()).count();
        let touches_before = before.is_some_and(|b| gap(words[b].span.end..at) == 0);
        let touches_after = after.is_some_and(|a| gap(span.end..words[a].span.start) == 0);
        let word = match (before, after) {
            _ if touches_before => before,
            _ if touches_after => after,
            (Some(b), Some(a)) => {
                if at - words[b].span.end <= words[a].span.start - span.end {
                    Some(b)
                } else {
                    Some(a)
                }
            }
            (b, a) => b.or(a),
        };
        out.push(Sign {
            c,
            span,
            word,
            anchor: Anchor::Between {
                before: before.map(|b| words[b].text.clone()),
                after: after.map(|a| words[a].text.clone()),
            },
        });
    }
    out
}

/// Where the URL brackets and emphasis asterisks of `text` are (byte offsets, sorted).
fn markdown_delimiters(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    if text.contains('<') {
        for (at, _) in text.match_indices('<') {
            let rest = &text[at + 1..];
            let is_url = ["http://", "https://", "www.", "mailto:", "ftp://"]
                .iter()
                .any(|scheme| rest.starts_with(scheme));
            let close = rest.find(|c: char| c == '>' || c.is_whitespace());
            if let Some(end) = close.filter(|&end| is_url && rest[end..].starts_with('>')) {
                out.extend([at, at + 1 + end]);
            }
        }
    }
    if text.contains('*') {
        let stars: Vec<usize> = text.match_indices('*').map(|(at, _)| at).collect();
        for pair in stars.chunks_exact(2) {
            let opens = text[pair[0] + 1..]
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace());
            let closes = text[..pair[1]]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_whitespace());
            if opens && closes {
                out.extend_from_slice(pair);
            }
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::super::letters::words;
    use super::*;

    #[test]
    fn classes_and_folding() {
        let cases: &[(char, Option<Class>)] = &[
            ('.', Some(Class::Punctuation)),
            ('،', Some(Class::Punctuation)),
            ('؟', Some(Class::Punctuation)),
            ('(', Some(Class::Bracket)),
            ('«', Some(Class::Quotation)),
            ('“', Some(Class::Quotation)),
            ('-', Some(Class::Dash)),
            ('–', Some(Class::Dash)),
            ('◀', Some(Class::Symbol)),
            ('\u{651}', Some(Class::Haraka)),
            ('\u{64B}', Some(Class::Haraka)),
            ('ب', None),
            ('7', None),
            ('٣', None),
            (' ', None),
            ('\u{640}', None),
            ('\u{200F}', None),
            ('¹', None),
            ('⁵', None),
        ];
        for &(c, expected) in cases {
            assert_eq!(class(c), expected, "{c:?}");
        }
        assert_eq!(folded(')'), '(');
        assert_eq!(folded('»'), '«');
        assert_eq!(folded('“'), '“');
    }

    #[test]
    fn markdown_delimiters_are_not_signs() {
        let cases: &[(&str, &[char])] = &[
            (
                "انظر: <https://a.net/x> (تاريخ)",
                &[':', ':', '/', '/', '.', '/', '(', ')'],
            ),
            ("a <b> c", &['<', '>']),
            ("<https://a.net", &['<', ':', '/', '/', '.']),
            ("site of *Foreign Policy* magazine", &[]),
            ("**bold** and 3 * 4", &['*']),
            ("note*", &['*']),
        ];
        for (text, expected) in cases {
            let found: Vec<char> = signs(text, &words(text)).iter().map(|s| s.c).collect();
            assert_eq!(found, *expected, "{text:?}");
        }
    }

    #[test]
    fn signs_go_with_the_word_they_touch() {
        let text = "قال: «ردٌّ» (واضح) - هنا";
        let found: Vec<(char, Option<String>)> = signs(text, &words(text))
            .into_iter()
            .map(|s| (s.c, s.word.map(|w| words(text)[w].text.clone())))
            .collect();
        let w = |s: &str| Some(s.to_owned());
        assert_eq!(
            found,
            [
                (':', w("قال")),
                ('«', w("رد")),
                ('\u{64C}', w("رد")),
                ('\u{651}', w("رد")),
                ('»', w("رد")),
                ('(', w("واضح")),
                (')', w("واضح")),
                ('-', w("هنا")),
            ]
        );
        let anchors: Vec<Anchor> = signs("ردٌّ", &words("ردٌّ"))
            .into_iter()
            .map(|s| s.anchor)
            .collect();
        assert_eq!(
            anchors,
            [
                Anchor::Within {
                    word: "رد".into(),
                    at: 2
                },
                Anchor::Within {
                    word: "رد".into(),
                    at: 2
                }
            ]
        );
    }
}
