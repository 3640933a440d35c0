//! HTML out of the document model: the body with its paragraph ids, and the endnote items.
//!
//! The events are written by `html::Writer` (already-minified HTML, see `html.rs`); what
//! this adds is the markup that comes from the model rather than from the events: each body
//! paragraph opens with its id (a paragraph that is only a titled image is a `<figure>` with
//! the title as its caption), and each note is a list item `fn-N` numbered in the
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
/// paragraphs, in order. A paragraph that is a figure ([`figure_caption`]) is written as a
/// `<figure>` with the paragraph's id, its title as the `<figcaption>` and the permalink in it.
pub(crate) fn push_body<'i>(
    out: &mut String,
    events: &[Spanned],
    mut paragraph_ids: impl Iterator<Item = &'i str>,
) {
    let mut writer = Writer::new(out);
    let mut open = String::new();
    // The open figure: its caption and where its permalink is.
    let mut figure: Option<(&str, Option<usize>)> = None;
    for (i, (event, _)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::Paragraph) => {
                figure = figure_caption(events, i);
                open.clear();
                open.push_str(if figure.is_some() {
                    "<figure id="
                } else {
                    "<p id="
                });
                push_attr_value(&mut open, paragraph_ids.next().unwrap_or_default());
                open.push('>');
                writer.raw(&open);
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                id,
                ..
            }) if figure.is_some() => {
                // The title is the caption, shown once.
                writer.event(&Event::Start(Tag::Image {
                    link_type: *link_type,
                    dest_url: dest_url.clone(),
                    title: "".into(),
                    id: id.clone(),
                }));
            }
            Event::InlineHtml(_) if figure.is_some_and(|(_, link)| link == Some(i)) => {}
            Event::End(TagEnd::Paragraph) => match figure.take() {
                Some((caption, link)) => {
                    writer.raw("<figcaption>");
                    writer.event(&Event::Text(caption.into()));
                    if let Some(link) = link {
                        writer.event(&events[link].0);
                    }
                    writer.raw("</figcaption></figure>\n");
                }
                // As the page has always had it: a line break after each body paragraph.
                None => writer.raw("</p>\n"),
            },
            event => writer.event(event),
        }
    }
}

/// The caption of the paragraph starting at `events[start]` when it is a figure: an image
/// alone in its paragraph, with a title (`![alt](map.png "caption")`); and the index of the
/// paragraph's permalink (the markup after the image), which goes into the caption. Markup
/// the passes added around the image (alias targets, isolation) does not count as text.
pub(crate) fn figure_caption<'e>(
    events: &'e [Spanned],
    start: usize,
) -> Option<(&'e str, Option<usize>)> {
    let mut caption = None;
    let mut depth = 0;
    let mut link = None;
    for (i, (event, _)) in events.iter().enumerate().skip(start + 1) {
        match event {
            Event::End(TagEnd::Paragraph) if depth == 0 => {
                return caption
                    .filter(|c: &&str| !c.trim().is_empty())
                    .map(|c| (c, link));
            }
            Event::Start(Tag::Image { title, .. }) if depth == 0 => {
                if caption.is_some() {
                    return None;
                }
                caption = Some(title.as_ref());
                depth = 1;
            }
            Event::End(TagEnd::Image) if depth > 0 => depth -= 1,
            Event::Start(Tag::Image { .. }) => depth += 1,
            _ if depth > 0 => {}
            Event::InlineHtml(_) => {
                if caption.is_some() {
                    link = Some(i);
                }
            }
            Event::Text(text) if text.trim().is_empty() => {}
            Event::SoftBreak => {}
            _ => return None,
        }
    }
    None
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
