//! HTML out of the document model: the body with its paragraph ids, and the endnote items.
//!
//! The events are written by `html::Writer` (already-minified HTML, see `html.rs`); what
//! this adds is the markup that comes from the model rather than from the events: each body
//! paragraph opens with its id, and each note is a list item `fn-N` numbered in the
//! document's digits. The markup of permalinks, note references, backlinks and alias targets
//! is made by the passes that place it (`anchors`, `footnotes`); that of Latin islands in
//! `bidi`.

use pulldown_cmark::{Event, Tag, TagEnd};

use super::digits::DigitStyle;
use super::html::{Writer, push_attr_value};
use super::model::{BlockKind, Body, Note};
use super::parser::Spanned;

/// The notes of a page as HTML.
#[derive(Debug, Default, Clone)]
pub struct NotesHtml {
    /// How many notes are referenced (and so listed).
    pub(crate) count: usize,
    /// Reference markup for each byline label, in the order given.
    pub byline: Vec<String>,
    /// The `<li>` items of the endnotes list, in number order.
    pub items: Vec<String>,
}

/// The HTML of a body.
pub fn body_html(body: &Body) -> String {
    let ids = (body.blocks.iter())
        .filter(|block| block.kind == BlockKind::Paragraph)
        .map(|block| block.id.as_deref().unwrap_or_default());
    // About one and a half times the Markdown: markup, and permalinks after every paragraph.
    let source_len = body.events.last().map_or(0, |(_, range)| range.end);
    let mut out = String::with_capacity(source_len * 3 / 2);
    push_body(&mut out, &body.events, ids);
    out
}

/// Appends the HTML of a body's events to `out`; `paragraph_ids` are the ids of its
/// paragraphs, in order.
pub(crate) fn push_body<'i>(
    out: &mut String,
    events: &[Spanned],
    mut paragraph_ids: impl Iterator<Item = &'i str>,
) {
    let mut writer = Writer::new(out);
    let mut open = String::new();
    for (event, _) in events {
        match event {
            Event::Start(Tag::Paragraph) => {
                open.clear();
                open.push_str("<p id=");
                push_attr_value(&mut open, paragraph_ids.next().unwrap_or_default());
                open.push('>');
                writer.raw(&open);
            }
            // As the page has always had it: a line break after each body paragraph.
            Event::End(TagEnd::Paragraph) => writer.raw("</p>\n"),
            event => writer.event(event),
        }
    }
}

/// The notes of a body as HTML, with the byline's references.
pub fn notes_html(body: &Body, byline: Vec<String>) -> NotesHtml {
    let items = (body.notes.iter())
        .map(|note| note_item(note, &body.note_events, body.digits))
        .collect();
    NotesHtml {
        count: body.notes.len(),
        byline,
        items,
    }
}

/// One `<li>` of the endnotes.
fn note_item(note: &Note, events: &[Spanned], digits: DigitStyle) -> String {
    let events = &events[note.content.clone()];
    // Room for the note's text as written, its markup and the backlinks, so the item is
    // seldom copied as it grows.
    let text_len: usize = (events.iter())
        .map(|(event, _)| match event {
            Event::Text(text) | Event::InlineHtml(text) | Event::Html(text) => text.len(),
            _ => 8,
        })
        .sum();
    let mut out = String::with_capacity(64 + text_len + text_len / 4);
    out.push_str("<li id=");
    out.push_str(&note.id);
    // The list's own numbers follow the digits too, without depending on the stylesheet.
    if digits != DigitStyle::Western {
        out.push_str(" style=list-style-type:");
        out.push_str(digits.list_style());
    }
    out.push('>');
    let mut writer = Writer::new(&mut out);
    for (event, _) in events {
        writer.event(event);
    }
    out.push_str("</li>");
    out
}
