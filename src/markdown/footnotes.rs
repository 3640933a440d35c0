//! Footnotes: references become links, definitions become one endnotes list with backlinks.
//!
//! Notes are numbered by first reference (references from the byline come first, then the
//! body in reading order, then references made inside notes). A note referenced k times gets
//! k backlinks, each to its own reference (`fnref-N`, `fnref-N-2`, …), labelled ↑ with a
//! letter in the document's script when there are several. Markers and note numbers are
//! shown in the document's digit style; ids stay ASCII. In Arabic documents each note's
//! Latin runs are isolated as it is rendered. A reference without a definition is an error
//! at its line; a definition never referenced is a warning.

use std::collections::BTreeMap;
use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::bidi;
use super::context::Context;
use super::digits::DigitStyle;
use super::html;
use super::markup::BodyMarkup;
use super::parser::Spanned;
use crate::diagnostics::FileDiagnostics;
use crate::i18n;
use crate::lang::Lang;

/// The notes of a page as events, before any HTML: what [`extract`] takes out of the body.
#[derive(Debug, Default, Clone)]
pub(crate) struct Endnotes<'a> {
    /// Reference markup for each byline label, in the order given (empty when the label has
    /// no definition).
    pub(crate) byline: Vec<String>,
    /// The events of every listed note, one after another in number order: isolated, with
    /// their backlinks.
    pub(crate) events: Vec<Spanned<'a>>,
    /// The listed (referenced) notes in number order: note N is `listed[N - 1]`.
    pub(crate) listed: Vec<Listed>,
}

/// One referenced note: its label, where it is defined, and its events in [`Endnotes::events`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    pub(crate) label: String,
    /// Byte offset of its definition in the file.
    pub(crate) offset: usize,
    pub(crate) events: Range<usize>,
}

/// How the notes of a document are written: its language, its digits and the markup of
/// references and backlinks.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NoteScript<'m> {
    pub(crate) lang: Lang,
    pub(crate) digits: DigitStyle,
    pub(crate) markup: &'m BodyMarkup,
}

/// A note's definition: where its events are in the page's note events, and its offset.
struct Definition {
    events: Range<usize>,
    offset: usize,
}

/// Numbering state: label → number, and how many references each note has had.
struct Numbering<'m> {
    script: NoteScript<'m>,
    numbers: BTreeMap<String, usize>,
    order: Vec<String>,
    refs: Vec<usize>,
    /// Kept from one reference to the next: the number as shown, the accessible name (as
    /// written and as an attribute value), the reference's id and its link target.
    shown: String,
    label: String,
    quoted: String,
    id: String,
    href: String,
}

impl<'m> Numbering<'m> {
    fn new(script: NoteScript<'m>) -> Self {
        Numbering {
            script,
            numbers: BTreeMap::new(),
            order: Vec::new(),
            refs: Vec::new(),
            shown: String::new(),
            label: String::new(),
            quoted: String::new(),
            id: String::new(),
            href: String::new(),
        }
    }

    /// Markup for the next reference to `label`.
    fn reference(&mut self, label: &str) -> String {
        let number = match self.numbers.get(label) {
            Some(&n) => n,
            None => {
                let label = label.to_string();
                self.order.push(label.clone());
                self.refs.push(0);
                self.numbers.insert(label, self.order.len());
                self.order.len()
            }
        };
        self.refs[number - 1] += 1;
        let Numbering {
            shown,
            label,
            quoted,
            id,
            href,
            ..
        } = self;
        shown.clear();
        self.script.digits.push_number(shown, number);
        label.clear();
        i18n::push_fill(label, &i18n::strings(self.script.lang).note_ref, shown);
        quoted.clear();
        html::push_attr_value(quoted, label);
        id.clear();
        push_reference_id(id, number, self.refs[number - 1]);
        href.clear();
        href.push_str("#fn-");
        DigitStyle::Western.push_number(href, number);
        let pattern = &self.script.markup.note_ref;
        let mut out = String::with_capacity(pattern.len() + 40 + quoted.len());
        pattern.write(&mut out, &[id, href, quoted, shown]);
        out
    }
}

/// Appends the id of the `nth` reference to note `number`: `fnref-N`, then `fnref-N-2` ….
fn push_reference_id(out: &mut String, number: usize, nth: usize) {
    out.push_str("fnref-");
    DigitStyle::Western.push_number(out, number);
    if nth != 1 {
        out.push('-');
        DigitStyle::Western.push_number(out, nth);
    }
}

/// Takes the footnote definitions out of `events`, links every reference, and lists the notes
/// with their backlinks.
///
/// `byline` holds the labels referenced from the title block with their file offsets.
pub(crate) fn extract<'a>(
    events: Vec<Spanned<'a>>,
    byline: &[(&str, usize)],
    script: NoteScript<'_>,
    diags: &mut FileDiagnostics,
    base: usize,
) -> (Vec<Spanned<'a>>, Endnotes<'a>) {
    // The events before the first definition stay where they are; from there on each event
    // goes to the notes' events, in the range of its definition, or back to the body.
    let mut body = events;
    let first = body
        .iter()
        .position(|(event, _)| matches!(event, Event::Start(Tag::FootnoteDefinition(_))))
        .unwrap_or(body.len());
    let rest = body.split_off(first);
    let mut note_events: Vec<Spanned<'a>> = Vec::with_capacity(rest.len());
    let mut definitions: BTreeMap<String, Definition> = BTreeMap::new();
    let mut open: Option<(String, Definition)> = None;
    for (event, range) in rest {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let start = note_events.len();
                open = Some((
                    String::from(label.as_ref()),
                    Definition {
                        events: start..start,
                        offset: base + range.start,
                    },
                ));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((label, mut def)) = open.take() {
                    def.events.end = note_events.len();
                    if let Some(first) = definitions.get(&label) {
                        let (line, _) = diags.position(first.offset);
                        diags.error(def.offset, format!("the note [^{label}] is defined twice")).set_field("footnote").set_hint(format!("the first definition is on line {line}; give this one another label"));
                        note_events.truncate(def.events.start);
                    } else {
                        definitions.insert(label, def);
                    }
                }
            }
            event => match open {
                Some(_) => note_events.push((event, range)),
                None => body.push((event, range)),
            },
        }
    }

    let mut numbering = Numbering::new(script);
    let mut notes = Endnotes::default();
    for &(label, offset) in byline {
        if definitions.contains_key(label) {
            notes.byline.push(numbering.reference(label));
        } else {
            diags
                .error(
                    offset,
                    format!("the byline refers to the note [^{label}], which is not defined"),
                )
                .set_field("authors.note")
                .set_hint(format!(
                    "add a definition `[^{label}]: …` to the text, or remove the `note`"
                ));
            notes.byline.push(String::new());
        }
    }
    link_references(&mut body, &definitions, &mut numbering, diags, base);

    // Link the notes in number order; references inside notes may add more notes to the end.
    // Each label is numbered once, so each note's events are linked once.
    let mut next = 0;
    while next < numbering.order.len() {
        let events = definitions[&numbering.order[next]].events.clone();
        next += 1;
        link_references(
            &mut note_events[events],
            &definitions,
            &mut numbering,
            diags,
            base,
        );
    }
    let mut isolator = bidi::events::Isolator::new(script.markup);
    notes
        .events
        .reserve(note_events.len() + note_events.len() / 4);
    for (index, label) in numbering.order.iter().enumerate() {
        let definition = &definitions[label];
        // Taken out of the notes' events: each note is listed once.
        let events = note_events[definition.events.clone()]
            .iter_mut()
            .map(|event| std::mem::replace(event, (Event::SoftBreak, 0..0)));
        let start = notes.events.len();
        list_item(
            index + 1,
            numbering.refs[index],
            events,
            script,
            &mut isolator,
            &mut notes.events,
        );
        notes.listed.push(Listed {
            label: label.clone(),
            offset: definition.offset,
            events: start..notes.events.len(),
        });
    }

    for (label, def) in &definitions {
        if !numbering.numbers.contains_key(label) {
            diags
                .warning(
                    def.offset,
                    format!("the note [^{label}] is never referenced"),
                )
                .set_field("footnote")
                .set_hint(format!(
                    "refer to it with [^{label}] where it belongs, or delete it"
                ));
        }
    }
    (body, notes)
}

/// Replaces each footnote reference with its link; reports references to undefined notes.
fn link_references<'a>(
    events: &mut [Spanned<'a>],
    definitions: &BTreeMap<String, Definition>,
    numbering: &mut Numbering,
    diags: &mut FileDiagnostics,
    base: usize,
) {
    let mut context = Context::default();
    for (event, range) in events.iter_mut() {
        let in_code = context.step(event).in_code();
        match event {
            Event::Text(_) if in_code => {}
            Event::FootnoteReference(label) if definitions.contains_key(label.as_ref()) => {
                *event = Event::InlineHtml(numbering.reference(label).into());
            }
            Event::FootnoteReference(label) => {
                report_undefined(label, base + range.start, diags);
                *event = Event::Text(format!("[^{label}]").into());
            }
            Event::Text(text) => {
                // Without a definition, pulldown-cmark leaves `[^label]` as plain text.
                for (i, label) in undefined_in_text(text) {
                    report_undefined(label, base + range.start + i, diags);
                }
            }
            _ => {}
        }
    }
}

fn report_undefined(label: &str, offset: usize, diags: &mut FileDiagnostics) {
    diags
        .error(
            offset,
            format!("the note [^{label}] is referenced but never defined"),
        )
        .set_field("footnote")
        .set_hint(format!("add a line `[^{label}]: …` with the note's text"));
}

/// `[^label]` occurrences in merged text, with their byte index.
fn undefined_in_text(text: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    // Looking for `[` alone is a fast byte search; most texts have none.
    while let Some(i) = memchr::memchr(b'[', &text.as_bytes()[from..]) {
        let start = from + i;
        if text.as_bytes().get(start + 1) != Some(&b'^') {
            from = start + 1;
            continue;
        }
        let rest = &text[start + 2..];
        match rest.find(']') {
            Some(end) if end > 0 && !rest[..end].contains(char::is_whitespace) => {
                found.push((start, &rest[..end]));
                from = start + 2 + end;
            }
            _ => from = start + 2,
        }
    }
    found
}

/// The events of one endnote, isolated, with a backlink per reference, appended to `out`.
fn list_item<'a>(
    number: usize,
    refs: usize,
    events: impl Iterator<Item = Spanned<'a>>,
    script: NoteScript<'_>,
    isolator: &mut bidi::events::Isolator<'a>,
    out: &mut Vec<Spanned<'a>>,
) {
    let NoteScript {
        lang,
        digits,
        markup,
    } = script;
    let mut events = isolator.isolate(events, lang);
    let mut shown = String::new();
    digits.push_number(&mut shown, number);
    // When the note ends with a paragraph the backlinks close it; otherwise they are a
    // paragraph of their own.
    let in_last_paragraph = matches!(events.last(), Some((Event::End(TagEnd::Paragraph), _)));
    // Room for the backlinks (each well under 200 bytes with an Arabic label), so the string
    // is not copied as it grows.
    let mut backlinks = String::with_capacity(32 + 200 * refs);
    if in_last_paragraph {
        backlinks.push(' ');
    }
    let mut quoted = String::with_capacity(128);
    let mut named = String::with_capacity(32);
    let mut label = String::with_capacity(128);
    let mut href = String::with_capacity(16);
    for k in 1..=refs {
        let letter = if refs > 1 {
            lang.backlink_letter(k - 1)
        } else {
            String::new()
        };
        named.clear();
        named.push_str(&shown);
        if !letter.is_empty() {
            named.push(' ');
            named.push_str(&letter);
        }
        label.clear();
        i18n::push_fill(&mut label, &i18n::strings(lang).note_back, &named);
        quoted.clear();
        html::push_attr_value(&mut quoted, &label);
        href.clear();
        href.push('#');
        push_reference_id(&mut href, number, k);
        if k > 1 {
            backlinks.push(' ');
        }
        markup
            .backlink
            .write(&mut backlinks, &[&href, &quoted, &letter]);
    }
    if in_last_paragraph {
        let end = events.len() - 1;
        events.insert(end, (Event::InlineHtml(backlinks.into()), 0..0));
    } else {
        let mut paragraph = String::with_capacity(markup.backlinks.len() + backlinks.len());
        markup.backlinks.write(&mut paragraph, &[&backlinks]);
        events.push((Event::Html(paragraph.into()), 0..0));
    }
    out.append(&mut events);
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::markdown::Body;
    use crate::markdown::parser::parse;
    use crate::markdown::serialize::{self, NotesHtml};
    use crate::markdown::text::merge_text;

    /// The notes' HTML, as the serializer writes it.
    fn html(notes: Endnotes, digits: DigitStyle) -> NotesHtml {
        let listed = (notes.events, notes.listed);
        let body = Body::new(Vec::new(), listed, Vec::new(), Vec::new(), digits, 0);
        serialize::notes_html(&body, notes.byline)
    }

    fn run(body: &str, byline: &[(&str, usize)], lang: Lang) -> (String, NotesHtml, Vec<String>) {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let events = merge_text(parse(body));
        let script = NoteScript {
            markup: BodyMarkup::builtin(),
            lang,
            digits: DigitStyle::Western,
        };
        let (events, notes) = extract(events, byline, script, &mut diags, 0);
        let notes = html(notes, DigitStyle::Western);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        (
            out,
            notes,
            diags.list.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn numbered_by_first_reference() {
        let (body, notes, diags) = run(
            "A[^z] B[^a] C[^z].\n\n[^a]: first def\n[^z]: second def\n",
            &[],
            Lang::En,
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert!(body.contains(r##"<a id=fnref-1 href=#fn-1"##), "{body}");
        assert!(body.contains(r##"<a id=fnref-2 href=#fn-2"##));
        assert!(body.contains(r##"<a id=fnref-1-2 href=#fn-1"##));
        assert_eq!(notes.count, 2);
        assert!(
            notes.items[0].starts_with("<li id=fn-1><p>second def"),
            "{}",
            notes.items[0]
        );
        assert!(notes.items[0].contains(r##"<a href=#fnref-1 class=fn-back role=doc-backlink aria-label="Back to reference 1 a">↑a</a> <a href=#fnref-1-2"##));
        assert!(
            notes.items[1].contains("aria-label=\"Back to reference 2\">↑</a></p></li>"),
            "{}",
            notes.items[1]
        );
    }

    #[test]
    fn three_references_three_arabic_backlinks() {
        let (_, notes, _) = run("أ[^n] ب[^n] ج[^n]\n\n[^n]: نص\n", &[], Lang::Ar);
        let item = &notes.items[0];
        for (k, letter) in [(1, "أ"), (2, "ب"), (3, "ت")] {
            let id = if k == 1 {
                "fnref-1".to_string()
            } else {
                format!("fnref-1-{k}")
            };
            assert!(item.contains(&format!("href=#{id} class=fn-back role=doc-backlink aria-label=\"العودة إلى موضع الإحالة 1 {letter}\">↑{letter}</a>")), "{item}");
        }
    }

    #[test]
    fn arabic_indic_documents_number_their_notes_so_with_ascii_ids() {
        let body = "أ[^a] ب[^b] ج[^b]\n\n[^a]: نص (Alkan, n.d.).\n[^b]: نص\n";
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let script = NoteScript {
            lang: Lang::Ar,
            digits: DigitStyle::ArabicIndic,
            markup: BodyMarkup::builtin(),
        };
        let (events, notes) = extract(merge_text(parse(body)), &[], script, &mut diags, 0);
        let notes = html(notes, DigitStyle::ArabicIndic);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        assert!(
            out.contains(
                r##"<a id=fnref-2-2 href=#fn-2 role=doc-noteref aria-label="الحاشية ٢">٢</a>"##
            ),
            "{out}"
        );
        assert!(
            notes.items[0].starts_with(r##"<li id=fn-1 style=list-style-type:arabic-indic><p>نص (<bdi lang=en dir=ltr>Alkan, n.d.</bdi>). <a href=#fnref-1 class=fn-back role=doc-backlink aria-label="العودة إلى موضع الإحالة ١">↑</a>"##),
            "{}",
            notes.items[0]
        );
        assert!(notes.items[1].contains("aria-label=\"العودة إلى موضع الإحالة ٢ ب\">↑ب</a>"));
    }

    #[test]
    fn byline_notes_come_first() {
        let (body, notes, _) = run(
            "Text[^2].\n\n[^1]: about the author\n[^2]: body note\n",
            &[("1", 0)],
            Lang::Ar,
        );
        assert!(notes.byline[0].contains("id=fnref-1 "));
        assert!(body.contains("id=fnref-2 "));
        assert!(notes.items[0].contains("about the author"));
    }

    #[test]
    fn notes_with_paragraphs_lists_and_nested_references() {
        let body = "X[^a].\n\n[^a]: one[^b]\n\n    - item\n\n[^b]: inner\n";
        let (_, notes, diags) = run(body, &[], Lang::En);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(notes.count, 2);
        assert!(
            notes.items[0].contains("<li>item</li>"),
            "{}",
            notes.items[0]
        );
        assert!(
            notes.items[0].contains("<p class=fn-backlinks>"),
            "{}",
            notes.items[0]
        );
        assert!(notes.items[0].contains("id=fnref-2 "));
    }

    #[test]
    fn missing_unused_and_duplicate_notes() {
        let body = "A[^gone] and [^x].\n\n[^x]: x\n[^unused]: u\n[^x]: again\n";
        let (_, _, diags) = run(body, &[("nope", 0)], Lang::En);
        assert_eq!(
            diags,
            [
                "d.md:5:1: error: footnote: the note [^x] is defined twice\n  hint: the first definition is on line 3; give this one another label",
                "d.md:1:1: error: authors.note: the byline refers to the note [^nope], which is not defined\n  hint: add a definition `[^nope]: …` to the text, or remove the `note`",
                "d.md:1:2: error: footnote: the note [^gone] is referenced but never defined\n  hint: add a line `[^gone]: …` with the note's text",
                "d.md:4:1: warning: footnote: the note [^unused] is never referenced\n  hint: refer to it with [^unused] where it belongs, or delete it",
            ]
        );
    }
}
