//! The editor's marks inside the text: `{sic}` right after a slip that is the source's own,
//! and `{+…+}` around words the editor supplied.
//!
//! Both add nothing of the source: `verify` reads the text with the marks taken out and the
//! supplied words left out ([`Mode::Strip`]); the pages show a small «[كذا]» or "[sic]" (in
//! the language of the word before it) and the supplied words in square brackets, as the
//! site's `partials/body.html` writes them ([`Mode::Render`]). Either becomes one `InlineHtml`
//! event, which plain texts (search, citations, the contents) leave out, as they leave out
//! permalinks and note numbers.
//!
//! The marks are read in text outside code. A backslash before the brace (`\{sic}`, `\{+`)
//! keeps it as text. A supplied passage must close on its line, with plain text inside (no
//! emphasis, links or notes): anything else is an error at the mark.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::context::Context;
use super::html::attr_value;
use super::markup::BodyMarkup;
use super::parser::Spanned;
use crate::chars::{is_arabic_letter, is_latin_letter};
use crate::diagnostics::FileDiagnostics;
use crate::i18n;
use crate::lang::Lang;

/// The mark after a slip.
pub const SIC: &str = "{sic}";
/// Opens words the editor supplied.
pub const SUPPLIED_OPEN: &str = "{+";
/// Closes them.
pub const SUPPLIED_CLOSE: &str = "+}";

/// What becomes of the marks.
#[derive(Clone, Copy)]
pub(crate) enum Mode<'m> {
    /// Written as the site's markup.
    Render(&'m BodyMarkup),
    /// Taken out with the supplied words: the text as the source has it, for `verify`.
    Strip,
}

/// One mark found in a text event.
enum Found<'t> {
    Sic,
    Supplied(&'t str),
}

/// Replaces the marks in `events` (text runs already merged) by what `mode` makes of them.
/// `body` is the Markdown the events' ranges point into; problems are reported at
/// `base` + their offset in it.
pub(crate) fn apply<'a>(
    events: Vec<Spanned<'a>>,
    body: &str,
    mode: Mode<'_>,
    diags: &mut FileDiagnostics,
    base: usize,
) -> Vec<Spanned<'a>> {
    if !events.iter().any(|(e, _)| has_mark(e)) {
        return events;
    }
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut context = Context::default();
    let mut in_image = 0usize;
    for (event, range) in events {
        let in_code = context.step(&event).in_code();
        match &event {
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ => {}
        }
        let Event::Text(text) = &event else {
            out.push((event, range));
            continue;
        };
        if in_code || in_image > 0 || !(text.contains(SIC) || text.contains(SUPPLIED_OPEN)) {
            out.push((event, range));
            continue;
        }
        let source = body.get(range.clone()).unwrap_or_default();
        split(text, source, range.start, mode, &mut out, diags, base);
    }
    out
}

fn has_mark(event: &Event) -> bool {
    matches!(event, Event::Text(t) if t.contains(SIC) || t.contains(SUPPLIED_OPEN))
}

/// Writes `text` into `out` with its marks replaced. `source` is the Markdown it came from,
/// starting at `start`: a mark counts only as often as the source writes it unescaped.
fn split<'a>(
    text: &CowStr<'a>,
    source: &str,
    start: usize,
    mode: Mode<'_>,
    out: &mut Vec<Spanned<'a>>,
    diags: &mut FileDiagnostics,
    base: usize,
) {
    // Where the event's text is the source as written, offsets match it exactly.
    let verbatim = source == text.as_ref();
    let at = |offset: usize| if verbatim { start + offset } else { start };
    let mut sics = unescaped(source, SIC);
    let mut opens = unescaped(source, SUPPLIED_OPEN);
    let mut from = 0;
    let mut rest = 0;
    while let Some((offset, found, len)) = next_mark(text, rest, &mut sics, &mut opens) {
        let found = match found {
            Ok(found) => found,
            Err(message) => {
                diags
                    .error(base + at(offset), message)
                    .set_field("editor's mark")
                    .set_hint(
                        "write `{+words+}` on one line around plain text, or `\\{+` for a brace",
                    );
                rest = offset + len;
                continue;
            }
        };
        if offset > from {
            out.push((Event::Text(piece(text, from..offset)), at(from)..at(offset)));
        }
        if let Mode::Render(markup) = mode {
            let lang = match found {
                Found::Sic => script_before(&text[..offset], out),
                Found::Supplied(words) => script_of(words),
            };
            let html = match found {
                Found::Sic => sic_html(markup, lang),
                Found::Supplied(words) => supplied_html(markup, lang, words),
            };
            out.push((Event::InlineHtml(html.into()), at(offset)..at(offset + len)));
        }
        if matches!(found, Found::Sic) && offset == 0 && text_before(out).is_none() {
            diags
                .error(base + at(offset), "`{sic}` must follow the slip it marks")
                .set_field("editor's mark")
                .set_hint("write it right after the word, as in `لبأكو{sic}`");
        }
        from = offset + len;
        rest = from;
    }
    // What follows the last mark (the whole text when none counted).
    if from < text.len() {
        out.push((
            Event::Text(piece(text, from..text.len())),
            at(from)..start + source.len(),
        ));
    }
}

/// The next mark at or after `rest`: its offset, what it is (or why it is not one) and its
/// length. `sics` and `opens` count the unescaped marks of the source still to be met.
#[allow(clippy::type_complexity)]
fn next_mark<'t>(
    text: &'t str,
    rest: usize,
    sics: &mut usize,
    opens: &mut usize,
) -> Option<(usize, Result<Found<'t>, String>, usize)> {
    let tail = &text[rest..];
    let sic = (*sics > 0).then(|| tail.find(SIC)).flatten();
    let open = (*opens > 0).then(|| tail.find(SUPPLIED_OPEN)).flatten();
    match (sic, open) {
        (Some(s), o) if o.is_none_or(|o| s < o) => {
            *sics -= 1;
            Some((rest + s, Ok(Found::Sic), SIC.len()))
        }
        (_, Some(o)) => {
            *opens -= 1;
            let inner_start = rest + o + SUPPLIED_OPEN.len();
            let Some(close) = text[inner_start..].find(SUPPLIED_CLOSE) else {
                return Some((
                    rest + o,
                    Err(
                        "these supplied words are not closed with `+}` on their line, or \
                         hold emphasis, a link or a note"
                            .to_string(),
                    ),
                    SUPPLIED_OPEN.len(),
                ));
            };
            let words = &text[inner_start..inner_start + close];
            let len = SUPPLIED_OPEN.len() + close + SUPPLIED_CLOSE.len();
            if words.trim().is_empty() {
                return Some((rest + o, Err("`{++}` supplies nothing".to_string()), len));
            }
            Some((rest + o, Ok(Found::Supplied(words)), len))
        }
        _ => None,
    }
}

/// How often `source` writes `mark` without a backslash before it.
fn unescaped(source: &str, mark: &str) -> usize {
    source
        .match_indices(mark)
        .filter(|&(at, _)| !source[..at].ends_with('\\'))
        .count()
}

/// `range` of `text`, borrowed from the source when the text is.
fn piece<'a>(text: &CowStr<'a>, range: std::ops::Range<usize>) -> CowStr<'a> {
    match text {
        CowStr::Borrowed(s) => CowStr::Borrowed(&s[range]),
        other => CowStr::from(other[range].to_string()),
    }
}

/// The text of the block so far, from the events already written: `None` when a block starts
/// with the mark.
fn text_before<'o>(out: &'o [Spanned]) -> Option<&'o str> {
    for (event, _) in out.iter().rev() {
        match event {
            Event::Text(text) | Event::Code(text) if !text.trim().is_empty() => {
                return Some(text);
            }
            Event::Start(tag) if !super::parser::is_inline_tag(tag.to_end()) => return None,
            Event::End(tag) if !super::parser::is_inline_tag(*tag) => return None,
            _ => {}
        }
    }
    None
}

/// The language of the last letter before a `{sic}`: in `head`, else earlier in its block.
fn script_before(head: &str, out: &[Spanned]) -> Lang {
    let last_letter = |s: &str| {
        s.chars()
            .rev()
            .find(|&c| is_latin_letter(c) || is_arabic_letter(c))
    };
    let letter = last_letter(head).or_else(|| text_before(out).and_then(last_letter));
    match letter {
        Some(c) if is_latin_letter(c) => Lang::En,
        _ => Lang::Ar,
    }
}

/// The language of supplied words: English when their first letter is Latin.
fn script_of(words: &str) -> Lang {
    match words
        .chars()
        .find(|&c| is_latin_letter(c) || is_arabic_letter(c))
    {
        Some(c) if is_latin_letter(c) => Lang::En,
        _ => Lang::Ar,
    }
}

/// The mark after a slip, in `lang`.
pub(crate) fn sic_html(markup: &BodyMarkup, lang: Lang) -> String {
    let strings = i18n::strings(lang);
    mark_html(&markup.sic, lang, &strings.sic_label, &strings.sic_mark)
}

/// Supplied words, in `lang`.
pub(crate) fn supplied_html(markup: &BodyMarkup, lang: Lang, words: &str) -> String {
    mark_html(
        &markup.supplied,
        lang,
        &i18n::strings(lang).supplied_label,
        words,
    )
}

/// One of the editor's marks: `pattern` with the language, its label and its text.
fn mark_html(pattern: &super::markup::Pattern, lang: Lang, label: &str, text: &str) -> String {
    let mut html = String::new();
    pattern.write(&mut html, &[lang.code(), &attr_value(label), &escape(text)]);
    html
}

/// The opening of the supplied-words markup in `lang` up to the words: what tells the bidi
/// pass that English words were supplied.
pub(crate) fn supplied_head(markup: &BodyMarkup, lang: Lang) -> String {
    let html = supplied_html(markup, lang, "\u{E000}");
    html.split('\u{E000}')
        .next()
        .unwrap_or_default()
        .to_string()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::markdown::parser::parse;
    use crate::markdown::text::merge_text;

    fn run(body: &str, mode: Mode) -> (Vec<String>, Vec<String>) {
        let mut diags = FileDiagnostics::new(Path::new("t.md"), body);
        let events = apply(merge_text(parse(body)), body, mode, &mut diags, 0);
        let shown = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(format!("T:{t}")),
                Event::InlineHtml(h) => Some(format!("H:{h}")),
                Event::Code(c) => Some(format!("C:{c}")),
                _ => None,
            })
            .collect();
        let problems = diags.list.iter().map(|d| d.message.clone()).collect();
        (shown, problems)
    }

    #[test]
    fn sic_takes_the_language_of_the_slip() {
        let markup = BodyMarkup::default();
        let (events, problems) = run("قال لبأكو{sic} ثم Groung{sic}.\n", Mode::Render(&markup));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(events.len(), 5, "{events:?}");
        assert_eq!(events[0], "T:قال لبأكو");
        assert!(events[1].contains("lang=ar") && events[1].contains("[كذا]"));
        assert_eq!(events[2], "T: ثم Groung");
        assert!(events[3].contains("lang=en") && events[3].contains("[sic]"));
        assert_eq!(events[4], "T:.");
    }

    #[test]
    fn supplied_words_are_escaped_and_stripped_for_verify() {
        let markup = BodyMarkup::default();
        let body = "Black Sea Economic {+Co & \"op\"+} BSEC\n";
        let (events, _) = run(body, Mode::Render(&markup));
        assert!(
            events[1].contains("[Co &amp; &quot;op&quot;]"),
            "{events:?}"
        );
        assert!(events[1].contains("lang=en"));
        let (events, _) = run(body, Mode::Strip);
        assert_eq!(events, ["T:Black Sea Economic ", "T: BSEC"]);
    }

    #[test]
    fn escaped_marks_and_code_stay_text() {
        let markup = BodyMarkup::default();
        let (events, problems) = run("كلمة\\{sic} و`x{sic}` و\\{+y+}\n", Mode::Render(&markup));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(events, ["T:كلمة{sic} و", "C:x{sic}", "T: و{+y+}"]);
    }

    #[test]
    fn bad_marks_are_errors_at_their_place() {
        let markup = BodyMarkup::default();
        for body in [
            "{sic} أول\n",
            "كلمة {+ناقص\nتتمة+}\n",
            "كلمة {++} هنا\n",
            "a {+*b*+}\n",
        ] {
            let (_, problems) = run(body, Mode::Render(&markup));
            assert_eq!(problems.len(), 1, "{body}: {problems:?}");
        }
    }
}
