//! One digit style per document: Western (0–9) or Arabic-Indic (٠–٩), whichever the body's
//! prose uses more (Western when it has no digits). Generated numbers (footnote markers and
//! note numbers) are shown in that style; a body that mixes the two gets a warning at the
//! first digit of the minority style.
//!
//! Digits inside code and, in Arabic documents, inside Latin islands (a citation's year, a
//! URL) belong to the Latin text and are not counted. The islands are those the bidi pass
//! wraps, found by the same finder over the same inline runs, so a year the reader sees inside
//! a `bdi` is never counted as the prose's (`*Welt* (2021)`: the emphasis splits the text, not
//! the island).

use std::ops::Range;

use pulldown_cmark::Event;

use super::parser::Spanned;
use super::{bidi, scan};
use crate::chars::{self, ARABIC_INDIC_ZERO, EXTENDED_ARABIC_INDIC_ZERO};
use crate::diagnostics::FileDiagnostics;
use crate::lang::Lang;

/// How a document writes its numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum DigitStyle {
    /// 0–9.
    #[default]
    Western,
    /// ٠–٩ (U+0660–U+0669).
    ArabicIndic,
}

impl DigitStyle {
    /// `n` written in this style.
    #[cfg(test)]
    pub(crate) fn number(self, n: usize) -> String {
        let mut out = String::new();
        self.push_number(&mut out, n);
        out
    }

    /// Appends `n` written in this style to `out`.
    pub(crate) fn push_number(self, out: &mut String, n: usize) {
        // The decimal digits of `n`, most significant first (a `usize` has at most 20).
        let mut digits = [0u8; 20];
        let mut len = 0;
        let mut rest = n;
        loop {
            digits[len] = (rest % 10) as u8;
            len += 1;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        for &value in digits[..len].iter().rev() {
            out.push(match self {
                DigitStyle::Western => char::from(b'0' + value),
                DigitStyle::ArabicIndic => chars::digit(ARABIC_INDIC_ZERO, value),
            });
        }
    }

    /// The CSS `list-style-type` that numbers list items in this style.
    pub(crate) fn list_style(self) -> &'static str {
        match self {
            DigitStyle::Western => "decimal",
            DigitStyle::ArabicIndic => "arabic-indic",
        }
    }

    fn name(self) -> &'static str {
        match self {
            DigitStyle::Western => "Western (0–9)",
            DigitStyle::ArabicIndic => "Arabic-Indic (٠–٩)",
        }
    }
}

/// A digit of the prose and where it is in the body.
struct Seen {
    digit: char,
    offset: usize,
}

/// The digits of the prose, counted by style, with the first of each style.
#[derive(Default)]
struct Tally {
    counts: [usize; 2],
    first: [Option<Seen>; 2],
}

/// The body's digit style; warns (at `base` + offset) when the prose mixes the two styles.
pub(crate) fn detect(
    events: &[Spanned],
    body: &str,
    lang: Lang,
    diags: &mut FileDiagnostics,
    base: usize,
) -> DigitStyle {
    // Without Arabic-Indic digits the style is Western and nothing is mixed, however many
    // Western digits there are: only then is it worth counting them (and finding islands).
    let mut runs = bidi::InlineRuns::default();
    if !events.iter().any(|(event, _)| {
        runs.joins(event)
            && matches!(event, Event::Text(text)
                if scan::suspect_chunks(text.as_bytes(), starts_arabic_indic).next().is_some())
    }) {
        return DigitStyle::Western;
    }
    let Tally { counts, first } = tally(events, body, lang);
    let style = if counts[1] > counts[0] {
        DigitStyle::ArabicIndic
    } else {
        DigitStyle::Western
    };
    let minority = match style {
        DigitStyle::Western => DigitStyle::ArabicIndic,
        DigitStyle::ArabicIndic => DigitStyle::Western,
    };
    if let Some(seen) = &first[minority as usize] {
        diags
            .warning(
                base + seen.offset,
                format!(
                    "the digit `{}` is {}, but most digits of this document are {} ({} to {})",
                    seen.digit,
                    minority.name(),
                    style.name(),
                    counts[style as usize],
                    counts[minority as usize],
                ),
            )
            .set_field("digits")
            .set_hint(format!(
                "write every number of the text in one style; notes are numbered in the {} style",
                style.name()
            ));
    }
    style
}

/// Counts the digits of the prose: the text of the inline runs, as the bidi pass reads them.
/// In Arabic documents a Western digit inside a Latin island is the Latin text's and is not
/// counted; the islands are the bidi pass's own ([`bidi::RunIslands`]), found for a run only
/// when it has a Western digit.
fn tally(events: &[Spanned], body: &str, lang: Lang) -> Tally {
    let mut tally = Tally::default();
    let mut runs = bidi::InlineRuns::default();
    let mut finder = bidi::RunIslands::default();
    let mut islands = Vec::new();
    let mut start = 0;
    for (i, (event, _)) in events.iter().enumerate() {
        if !runs.joins(event) {
            tally.run(&events[start..i], body, lang, &mut finder, &mut islands);
            start = i + 1;
        }
    }
    tally.run(&events[start..], body, lang, &mut finder, &mut islands);
    tally
}

impl Tally {
    /// Counts the digits of one inline run; `islands` is a buffer.
    fn run(
        &mut self,
        run: &[Spanned],
        body: &str,
        lang: Lang,
        finder: &mut bidi::RunIslands,
        islands: &mut Vec<Range<bidi::events::Point>>,
    ) {
        let mut found = false;
        // The first island that does not end before the digit being read.
        let mut next = 0;
        for (index, (event, range)) in run.iter().enumerate() {
            let Event::Text(text) = event else {
                continue;
            };
            for (at, c, style) in digits_of(text) {
                if lang == Lang::Ar && style == DigitStyle::Western {
                    if !found {
                        islands.clear();
                        islands.extend(finder.of(run));
                        found = true;
                    }
                    let here = (index, at);
                    while islands.get(next).is_some_and(|island| island.end <= here) {
                        next += 1;
                    }
                    if islands.get(next).is_some_and(|island| island.start <= here) {
                        continue;
                    }
                }
                let slot = style as usize;
                self.counts[slot] += 1;
                if self.first[slot].is_none() {
                    self.first[slot] = Some(Seen {
                        digit: c,
                        offset: source_offset(body, range, text, at, c),
                    });
                }
            }
        }
    }
}

/// The digits of `text` with their byte index and style: ASCII digits, and the two-byte
/// Arabic-Indic (U+0660–U+0669) and Eastern Arabic-Indic (U+06F0–U+06F9) digits, whose first
/// bytes are never part of another character. Only the bytes [`may_be_digit`] marks are
/// decoded, and it marks exactly the first bytes of digits.
fn digits_of(text: &str) -> impl Iterator<Item = (usize, char, DigitStyle)> + '_ {
    let bytes = text.as_bytes();
    scan::suspects(bytes, may_be_digit).map(move |at| {
        let next = bytes.get(at + 1).map_or(0, |&b| b);
        match bytes[at] {
            0xD9 => (
                at,
                chars::digit(ARABIC_INDIC_ZERO, next - 0xA0),
                DigitStyle::ArabicIndic,
            ),
            0xDB => (
                at,
                chars::digit(EXTENDED_ARABIC_INDIC_ZERO, next - 0xB0),
                DigitStyle::ArabicIndic,
            ),
            b => (at, char::from(b), DigitStyle::Western),
        }
    })
}

/// Whether the byte `b`, followed by `next`, starts an Arabic-Indic digit (without branches).
fn starts_arabic_indic(b: u8, next: u8) -> bool {
    ((b == 0xD9) & (next.wrapping_sub(0xA0) < 10)) | ((b == 0xDB) & (next.wrapping_sub(0xB0) < 10))
}

/// Whether the byte `b`, followed by `next`, starts a digit (without branches).
fn may_be_digit(b: u8, next: u8) -> bool {
    (b.wrapping_sub(b'0') < 10) | starts_arabic_indic(b, next)
}

/// Where in `body` the digit `c` at byte `at` of a text event (source `range`) was written.
///
/// Merged text holds the source's characters in order, so the n-th `c` of the text is the
/// n-th `c` of its source span (escapes aside, which is why it falls back to the span start).
fn source_offset(body: &str, range: &Range<usize>, text: &str, at: usize, c: char) -> usize {
    let nth = text[..at].matches(c).count();
    body.get(range.clone())
        .and_then(|source| source.match_indices(c).nth(nth))
        .map_or(range.start, |(i, _)| range.start + i)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::markdown::parser::parse;
    use crate::markdown::text::merge_text;

    fn run(body: &str, lang: Lang) -> (DigitStyle, Vec<String>) {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let style = detect(&merge_text(parse(body)), body, lang, &mut diags, 0);
        (style, diags.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn numbers_in_each_style() {
        assert_eq!(DigitStyle::Western.number(1207), "1207");
        assert_eq!(DigitStyle::ArabicIndic.number(1207), "١٢٠٧");
        assert_eq!(DigitStyle::ArabicIndic.number(0), "٠");
        assert_eq!(DigitStyle::Western.number(0), "0");
        assert_eq!(
            DigitStyle::Western.number(usize::MAX),
            usize::MAX.to_string()
        );
        let mut out = String::from("x");
        DigitStyle::ArabicIndic.push_number(&mut out, 30);
        assert_eq!(out, "x٣٠");
    }

    #[test]
    fn digits_of_finds_every_digit_and_nothing_else() {
        let texts = [
            "",
            "7",
            "عام 2020 و ٤٤ يوماً، و۱۲ (Welt & Bowen, 2021, 12)",
            // Bytes that look like digit starts: ٠ is D9 A0, ۰ is DB B0; ـ is D9 80, ۀ is DB 80.
            "ـ۰ۀ٩ـ9",
            &"نص 1 ".repeat(40),
        ];
        for text in texts {
            let expected: Vec<(usize, char, DigitStyle)> = text
                .char_indices()
                .filter_map(|(at, c)| match c {
                    '0'..='9' => Some((at, c, DigitStyle::Western)),
                    c if chars::is_digit(c) => Some((at, c, DigitStyle::ArabicIndic)),
                    _ => None,
                })
                .collect();
            assert_eq!(digits_of(text).collect::<Vec<_>>(), expected, "{text}");
        }
    }

    #[test]
    fn the_majority_wins_and_western_by_default() {
        let cases = [
            ("نص بلا أرقام.\n", DigitStyle::Western),
            ("عام 2020 و 44 يوماً.\n", DigitStyle::Western),
            ("عام ٢٠٢٠ و ٤٤ يوماً.\n", DigitStyle::ArabicIndic),
            ("تعادل ١٢ و 34.\n", DigitStyle::Western),
        ];
        for (body, expected) in cases {
            assert_eq!(run(body, Lang::Ar).0, expected, "{body}");
        }
    }

    #[test]
    fn mixing_is_a_warning_at_the_first_minority_digit() {
        let body = "عام ٢٠٢٠ و ٤٤ يوماً.\n\nثم `2021` و (Welt & Bowen, 2021, 12)\nوفي *سنة* 1994.\n";
        let (style, diags) = run(body, Lang::Ar);
        assert_eq!(style, DigitStyle::ArabicIndic);
        assert_eq!(
            diags,
            [
                "d.md:4:11: warning: digits: the digit `1` is Western (0–9), but most digits of this document are Arabic-Indic (٠–٩) (6 to 4)\n  hint: write every number of the text in one style; notes are numbered in the Arabic-Indic (٠–٩) style"
            ]
        );
    }

    /// The Western digits a reader sees outside every `bdi` of the isolated body (in text,
    /// not in tags or attribute values).
    fn western_outside_islands(body: &str) -> usize {
        let events = bidi::isolate(merge_text(parse(body)), Lang::Ar);
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, events.into_iter().map(|(event, _)| event));
        let mut outside = String::new();
        for (i, part) in html.split(bidi::OPEN).enumerate() {
            let after_island = match i {
                0 => part,
                _ => part.split_once(bidi::CLOSE).map_or("", |(_, after)| after),
            };
            outside.push_str(after_island);
        }
        let mut in_tag = false;
        let mut western = 0;
        for c in outside.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag && c.is_ascii_digit() => western += 1,
                _ => {}
            }
        }
        western
    }

    // Regression: the digit style looked for islands in each text event and the bidi pass in
    // each inline run, so a year after a Latin word in emphasis, a link or a code span was
    // counted as the prose's while the page showed it inside the Latin island.
    #[test]
    fn digits_inside_islands_are_those_the_bidi_pass_isolates() {
        // (body, Western digits counted)
        let cases = [
            ("نص *Welt* (2021) و ٣\n", 0),
            ("نص **Foreign Policy**, 28/3/2012 و ٣\n", 0),
            ("نص [Welt](https://x.org/9) (2021) و ٣\n", 0),
            ("نص [Welt 7](https://x.org/9) 2021 و ٣\n", 0),
            ("نص `code` 2021 و ٣\n", 0),
            ("نص *عربي* 2021 و ٣\n", 4),
            ("*نص Welt* 2021 و ٣\n", 4),
            ("نص (Welt & Bowen, 2021, 12) و 7 ٣\n", 1),
            ("1 نص ~~Old~~ 1990s و ٣\n", 1),
            ("## عنوان *TRG*-300 و ٣\n", 0),
            ("| أ | ب |\n| - | - |\n| *SU*-25 | ٣ |\n", 0),
        ];
        for (body, western) in cases {
            let counted = tally(&merge_text(parse(body)), body, Lang::Ar).counts[0];
            assert_eq!(counted, western, "{body}");
            assert_eq!(western_outside_islands(body), western, "{body}");
        }
        // The one Arabic-Indic digit is the prose's only digit: the style follows it.
        assert_eq!(
            run("نص *Welt* (2021) و ٣\n", Lang::Ar),
            (DigitStyle::ArabicIndic, vec![])
        );
    }

    #[test]
    fn code_blocks_and_single_style_bodies_say_nothing() {
        let (style, diags) = run("عام ٢٠٢٠\n\n```\n1 2 3 4 5 6\n```\n", Lang::Ar);
        assert_eq!((style, diags.len()), (DigitStyle::ArabicIndic, 0));
        let (style, diags) = run("عام 2020\n\n```\n١ ٢ ٣\n```\n", Lang::Ar);
        assert_eq!((style, diags.len()), (DigitStyle::Western, 0));
        // Western digits in islands are not counted: the one Arabic-Indic digit wins.
        let (style, diags) = run("نص (Welt, 2021, 12) و ٣\n", Lang::Ar);
        assert_eq!((style, diags.len()), (DigitStyle::ArabicIndic, 0));
    }
}
