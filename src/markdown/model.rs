//! The document model: a body's blocks and notes in reading order, as data, before any HTML.
//!
//! After its passes the Markdown stage holds the body as one vector of events (ids given,
//! notes linked, Latin islands marked) and the notes as another. The model names the blocks
//! in them: each heading, paragraph, list item, quotation, table, code block and note, with
//! its address on the page, the heading it falls under, its position in the file, its plain
//! text and its inline content (a range of those events). Search, citations of a passage, an
//! importer or a second output format read this; HTML is one serializer of it
//! (`markdown::serialize`).
//!
//! It does not own the text: events borrow the Markdown source where they can (`'a`), as
//! the passes made them, so building the model copies no event. Presentation markup the
//! passes put in the stream (permalinks, note references, alias targets, `bdi` tags,
//! backlinks) is `Html`/`InlineHtml` there and never part of a plain text. Abstract pairs are
//! not blocks: they come from the front matter, and the pipeline aligns them
//! (`pipeline::abstract_rows`).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::anchors::{Anchor, AnchorKind};
use super::digits::DigitStyle;
use super::footnotes::Listed;
use super::heading_ids::Heading;
use super::parser::{Spanned, is_inline_tag};
use super::scan;

/// A document body as data: its blocks and notes in reading order, with their events.
#[derive(Debug, Default, Clone)]
pub struct Body<'a> {
    /// The body's events after every pass, each with its source range (relative to the body).
    pub(crate) events: Vec<Spanned<'a>>,
    /// Every block of the body in reading order (a container before what it holds).
    pub blocks: Vec<Block>,
    /// The listed notes' events, one note after another (backlinks included).
    pub(crate) note_events: Vec<Spanned<'a>>,
    /// The notes that are referenced, in number order: note N is `notes[N - 1]`.
    pub notes: Vec<Note>,
    /// The headings of the body, for the table of contents (texts read before isolation).
    pub headings: Vec<Heading>,
    /// Headings and paragraphs in reading order, with their ids.
    pub(crate) anchors: Vec<Anchor>,
    /// The digit style of the body, in which the notes are numbered.
    pub(crate) digits: DigitStyle,
}

/// One block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub(crate) kind: BlockKind,
    /// Its address on the page: a heading's id, a paragraph's `<section>-p<N>`; other blocks
    /// have none.
    pub id: Option<String>,
    /// The heading it falls under (a heading under itself), as an index into
    /// [`Body::blocks`]; `None` before the first heading. [`Body::section_id`] gives its id.
    pub(crate) section: Option<usize>,
    /// The block it sits in (a list item, a quotation), as an index into [`Body::blocks`].
    pub(crate) parent: Option<usize>,
    /// Byte offset of its Markdown in the file.
    pub(crate) offset: usize,
    /// Its content in [`Body::events`]: the events between its start and end tags.
    pub(crate) content: Range<usize>,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, 1–6.
    Heading {
        level: u8,
    },
    Paragraph,
    /// An item of a list; `number` as shown for ordered lists.
    ListItem {
        number: Option<u64>,
    },
    Quotation,
    Table,
    CodeBlock,
    /// Raw HTML (only with `allow_raw_html`; its text is left empty).
    Html,
}

/// One endnote: a footnote definition that is referenced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Its number, from 1, in order of first reference.
    pub(crate) number: usize,
    /// The label the author gave it (`[^label]`).
    pub(crate) label: String,
    /// Its address on the page: `fn-<number>`.
    pub id: String,
    /// Byte offset of its definition in the file.
    pub(crate) offset: usize,
    /// Its content in [`Body::note_events`].
    pub(crate) content: Range<usize>,
}

impl<'a> Body<'a> {
    /// Names the blocks of `events` and the notes of `note_events`; `base` is the body's
    /// offset in the file. Paragraph ids are those of `anchors`, in order.
    pub(crate) fn new(
        events: Vec<Spanned<'a>>,
        (note_events, listed): (Vec<Spanned<'a>>, Vec<Listed>),
        headings: Vec<Heading>,
        anchors: Vec<Anchor>,
        digits: DigitStyle,
        base: usize,
    ) -> Self {
        let blocks = blocks(&events, &anchors, base);
        let notes = listed
            .into_iter()
            .enumerate()
            .map(|(index, listed)| note(index + 1, listed))
            .collect();
        Body {
            events,
            blocks,
            note_events,
            notes,
            headings,
            anchors,
            digits,
        }
    }

    /// The id of the heading `block` falls under.
    pub fn section_id(&self, block: &Block) -> Option<&str> {
        self.blocks.get(block.section?)?.id.as_deref()
    }

    /// What a reader reads of `block` itself, white space collapsed: the text of blocks
    /// nested in it is theirs (a quotation's text is in its paragraphs). Islands' text is in
    /// it; permalinks, note numbers and other markup are not; line breaks are spaces; table
    /// cells are joined with spaces. Made when asked for: a build that shows only HTML does
    /// not pay for it (it was 4% of a whole build's instructions when every block had one).
    pub fn text(&self, block: &Block) -> String {
        let mut text = String::new();
        // Nested blocks' events are theirs: only depth 0 is this block's own.
        let mut depth = 0usize;
        for (event, _) in &self.events[block.content.clone()] {
            match event {
                Event::Start(tag) => depth += usize::from(kind(tag).is_some()),
                Event::End(TagEnd::List(_)) => {}
                Event::End(tag) if ends_block(tag) => depth = depth.saturating_sub(1),
                event if depth == 0 => push_plain(&mut text, event),
                _ => {}
            }
        }
        trim_end(&mut text);
        text
    }

    /// The plain text of `note`, as [`Body::text`] of a block, its paragraphs joined with
    /// spaces; backlinks left out.
    pub fn note_text(&self, note: &Note) -> String {
        let mut text = String::new();
        for (event, _) in &self.note_events[note.content.clone()] {
            push_plain(&mut text, event);
        }
        trim_end(&mut text);
        text
    }

    /// The number of words a reader reads in the body (the notes left out): runs of
    /// characters between white space in its text and code, a word ending where a block or a
    /// line does; markup (permalinks, note numbers, island tags) is no part of any word. The
    /// build counts a paper's words in its Markdown source, at load (`content/words.rs`); this
    /// count of the rendered text is what the tests hold that one to.
    #[cfg(test)]
    pub(crate) fn words(&self) -> usize {
        let mut words = 0;
        let mut in_word = false;
        for (event, _) in &self.events {
            match event {
                Event::Text(text) | Event::Code(text) => {
                    for &byte in text.as_bytes() {
                        let space = byte.is_ascii_whitespace();
                        words += usize::from(!space && !in_word);
                        in_word = !space;
                    }
                }
                Event::Start(tag) if !is_inline_tag(tag.to_end()) => in_word = false,
                Event::End(tag) if !is_inline_tag(*tag) => in_word = false,
                Event::SoftBreak | Event::HardBreak | Event::Rule => in_word = false,
                _ => {}
            }
        }
        words
    }

    /// The inline content of `block`: its events without their source ranges.
    pub fn content(&self, block: &Block) -> impl Iterator<Item = &Event<'a>> {
        self.events[block.content.clone()].iter().map(|(e, _)| e)
    }
}

/// The kind of block a start tag opens, if it opens one.
fn kind(tag: &Tag) -> Option<BlockKind> {
    Some(match tag {
        Tag::Heading { level, .. } => BlockKind::Heading {
            level: *level as u8,
        },
        Tag::Paragraph => BlockKind::Paragraph,
        Tag::Item => BlockKind::ListItem { number: None },
        Tag::BlockQuote(_) => BlockKind::Quotation,
        Tag::Table(_) => BlockKind::Table,
        Tag::CodeBlock(_) => BlockKind::CodeBlock,
        Tag::HtmlBlock => BlockKind::Html,
        _ => return None,
    })
}

fn ends_block(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Heading(_)
            | TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::Table
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
    )
}

/// The blocks of a body's events, in reading order.
fn blocks(events: &[Spanned], anchors: &[Anchor], base: usize) -> Vec<Block> {
    let mut paragraph_ids = (anchors.iter())
        .filter(|a| a.kind == AnchorKind::Paragraph)
        .map(|a| a.id.as_str());
    let mut blocks: Vec<Block> = Vec::with_capacity(anchors.len() + 8);
    // The open blocks, innermost last, and the next number of each open list.
    let mut open: Vec<usize> = Vec::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut section = None;
    for (index, (event, range)) in events.iter().enumerate() {
        match event {
            Event::Start(Tag::List(first)) => lists.push(*first),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(tag) => {
                let Some(mut kind) = kind(tag) else { continue };
                let id = match (&mut kind, tag) {
                    (BlockKind::Heading { .. }, Tag::Heading { id, .. }) => {
                        section = Some(blocks.len());
                        id.as_deref().map(str::to_string)
                    }
                    (BlockKind::Paragraph, _) => paragraph_ids.next().map(str::to_string),
                    (BlockKind::ListItem { number }, _) => {
                        if let Some(Some(next)) = lists.last_mut() {
                            *number = Some(*next);
                            *next += 1;
                        }
                        None
                    }
                    _ => None,
                };
                open.push(blocks.len());
                blocks.push(Block {
                    kind,
                    id,
                    section,
                    parent: open.iter().rev().nth(1).copied(),
                    offset: base + range.start,
                    content: index + 1..index + 1,
                });
            }
            Event::End(tag) if ends_block(tag) => {
                if let Some(block) = open.pop().map(|i| &mut blocks[i]) {
                    block.content.end = index;
                }
            }
            _ => {}
        }
    }
    blocks
}

/// Note `number`.
fn note(number: usize, listed: Listed) -> Note {
    Note {
        number,
        id: format!("fn-{number}"),
        label: listed.label,
        offset: listed.offset,
        content: listed.events,
    }
}

/// Adds what a reader reads of `event` to a plain text, white space collapsed to one space
/// (none at the start); a block ending inside (a table cell, a note's paragraph) and a line
/// break are a space. Markup adds nothing.
fn push_plain(out: &mut String, event: &Event) {
    match event {
        Event::Text(text) | Event::Code(text) => push_collapsed(out, text),
        Event::SoftBreak | Event::HardBreak => push_space(out),
        Event::End(tag) if !is_inline_tag(*tag) => push_space(out),
        _ => {}
    }
}

/// Appends `text` with each run of white space as one space (none at the start of `out`).
///
/// Only where white space must change is the text read closely: a single space after a word
/// stays as it is, and the bytes that may start anything else (a second space, a line break,
/// the lead byte of a non-ASCII space) are found with the chunked scan of `scan`. Splitting
/// the text into words and pushing each made checking the 1,000-paper corpus a quarter
/// slower.
fn push_collapsed(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut start = 0;
    if out.is_empty() || out.ends_with(' ') {
        start = spaces_from(bytes, 0);
    }
    for i in scan::suspects(bytes, may_collapse) {
        if i < start {
            continue;
        }
        let width = if bytes[i] < 0x80 {
            1
        } else {
            let c = text[i..].chars().next().unwrap_or_default();
            if !c.is_whitespace() {
                continue;
            }
            c.len_utf8()
        };
        out.push_str(&text[start..i]);
        push_space(out);
        start = spaces_from(bytes, i + width);
    }
    out.push_str(&text[start..]);
}

/// Whether white space to collapse may start at a byte followed by `next`: a space before a
/// space, a tab, line or page break, or the lead byte of U+0085, U+00A0, U+1680,
/// U+2000–U+205F or U+3000 (Arabic letters never start with these). No branches: see
/// `scan::suspects`.
fn may_collapse(byte: u8, next: u8) -> bool {
    (byte == b' ') & (next == b' ')
        | (byte.wrapping_sub(b'\t') <= b'\r' - b'\t')
        | (byte == 0xC2)
        | (byte.wrapping_sub(0xE1) <= 2)
}

/// The index of the first byte from `from` on that is not a space.
fn spaces_from(bytes: &[u8], from: usize) -> usize {
    from + bytes[from.min(bytes.len())..]
        .iter()
        .take_while(|&&b| b == b' ')
        .count()
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn trim_end(text: &mut String) {
    if text.ends_with(' ') {
        text.pop();
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::FileDiagnostics;
    use crate::lang::Lang;
    use crate::markdown::{Input, RenderedBody, render, serialize};

    /// Where the body starts in its imagined file, so offsets are seen to be the file's.
    const BASE: usize = 40;

    fn rendered(body: &str, lang: Lang) -> RenderedBody<'_> {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let input = Input {
            body,
            body_offset: BASE,
            lang,
            byline_notes: &[],
            raw_html: false,
            aliases: &Default::default(),
            markup: crate::markdown::markup::BodyMarkup::builtin(),
            files: None,
        };
        let rendered = render(&input, &mut diags);
        assert!(diags.list.is_empty(), "{:?}", diags.list);
        rendered
    }

    /// A block as the tables below write it: kind, id, section, where its Markdown starts
    /// (the first occurrence of that text in the body), index of its parent, text.
    type Expected<'e> = (
        BlockKind,
        Option<&'e str>,
        Option<&'e str>,
        &'e str,
        Option<usize>,
        &'e str,
    );

    /// A block as the model gives it: as [`Expected`], with its text made.
    type Got<'e> = (
        BlockKind,
        Option<&'e str>,
        Option<&'e str>,
        &'e str,
        Option<usize>,
        String,
    );

    fn check(body: &str, lang: Lang, expected: &[Expected]) {
        let rendered = rendered(body, lang);
        let model = &rendered.model;
        let got: Vec<Got> = (model.blocks.iter())
            .map(|b| {
                let at = &body[b.offset - BASE..];
                let at = &at[..at.char_indices().nth(6).map_or(at.len(), |(i, _)| i)];
                let id = b.id.as_deref();
                (b.kind, id, model.section_id(b), at, b.parent, model.text(b))
            })
            .collect();
        let expected: Vec<_> = (expected.iter())
            .map(|&(kind, id, section, at, parent, text)| {
                let start = body.find(at).expect("the marker is in the body");
                let at = &body[start..];
                let at = &at[..at.char_indices().nth(6).map_or(at.len(), |(i, _)| i)];
                (kind, id, section, at, parent, text.to_string())
            })
            .collect();
        assert_eq!(got, expected, "{body}");
    }

    use BlockKind::{Heading as H, ListItem, Paragraph as P, Quotation};

    #[test]
    fn words_are_counted_in_the_text_a_reader_reads() {
        let cases = [
            ("", 0),
            ("كلمة واحدة، ثم *ثلاث*كلمات.\n", 4),
            (
                "# عنوان القسم\n\nفقرة[^1] أولى\nوسطر `code here`.\n\n[^1]: حاشية لا تُعد\n",
                7,
            ),
            ("- one\n- two three\n\n> quoted\n", 4),
        ];
        for (body, words) in cases {
            assert_eq!(rendered(body, Lang::Ar).model.words(), words, "{body:?}");
        }
    }

    #[test]
    fn blocks_of_a_body_in_reading_order() {
        let body = "Lead *in*\nline.\n\n## One {#one}\n\n> Quoted  \n> line.\n\n- tight\n  - nested\n- two\n\n3. three\n4. four\n\n- loose\n\n  inside\n";
        #[rustfmt::skip]
        let expected: &[Expected] = &[
            (P, Some("p1"), None, "Lead", None, "Lead in line."),
            (H { level: 2 }, Some("one"), Some("one"), "## One", None, "One"),
            (Quotation, None, Some("one"), "> Quoted", None, ""),
            (P, Some("one-p1"), Some("one"), "Quoted", Some(2), "Quoted line."),
            (ListItem { number: None }, None, Some("one"), "- tight", None, "tight"),
            (ListItem { number: None }, None, Some("one"), "- nested", Some(4), "nested"),
            (ListItem { number: None }, None, Some("one"), "- two", None, "two"),
            (ListItem { number: Some(3) }, None, Some("one"), "3. three", None, "three"),
            (ListItem { number: Some(4) }, None, Some("one"), "4. four", None, "four"),
            (ListItem { number: None }, None, Some("one"), "- loose", None, ""),
            (P, Some("one-p2"), Some("one"), "loose", Some(9), "loose"),
            (P, Some("one-p3"), Some("one"), "inside", Some(9), "inside"),
        ];
        check(body, Lang::En, expected);
    }

    #[test]
    fn arabic_text_keeps_its_islands_and_drops_note_numbers() {
        let body = "## مقدمة\n\nقال Mark Perry في *Foreign Policy*[^1] كلاماً.\n\n[^1]: انظر\n    <https://x.org>.\n";
        #[rustfmt::skip]
        let expected: &[Expected] = &[
            (H { level: 2 }, Some("s1"), Some("s1"), "## مقدمة", None, "مقدمة"),
            (P, Some("s1-p1"), Some("s1"), "قال", None, "قال Mark Perry في Foreign Policy كلاماً."),
        ];
        check(body, Lang::Ar, expected);
        let rendered = rendered(body, Lang::Ar);
        // The islands are there in the HTML, and their text in the plain text.
        assert!(rendered.html.contains("<bdi"), "{}", rendered.html);
        let note = &rendered.model.notes[0];
        assert_eq!(
            (note.number, note.label.as_str(), note.id.as_str()),
            (1, "1", "fn-1")
        );
        assert_eq!(note.offset, BASE + body.find("[^1]:").unwrap());
        assert_eq!(rendered.model.note_text(note), "انظر https://x.org.");
    }

    #[test]
    fn tables_code_and_breaks() {
        let body =
            "| a | *b* |\n|---|---|\n| c | d`x` |\n\n```\nx  y\n```\n\nhard  \nbreak\\\nend\n";
        #[rustfmt::skip]
        let expected: &[Expected] = &[
            (BlockKind::Table, None, None, "| a |", None, "a b c dx"),
            (BlockKind::CodeBlock, None, None, "```", None, "x y"),
            (P, Some("p1"), None, "hard", None, "hard break end"),
        ];
        check(body, Lang::En, expected);
    }

    #[test]
    fn white_space_collapses_to_one_space() {
        let cases = [
            ("", ""),
            ("a b", "a b"),
            ("  a  b ", "a b "),
            ("a\n\tb\r\n", "a b "),
            ("نص\u{a0}\u{2003}آخر\u{3000}", "نص آخر "),
            ("ـ ‌ز\u{200f}", "ـ ‌ز\u{200f}"),
            ("«قول» — “x”\u{85}y \n  z", "«قول» — “x” y z"),
            (&"كلمة ".repeat(40), &"كلمة ".repeat(40)),
        ];
        for (text, expected) in cases {
            let mut out = String::new();
            push_collapsed(&mut out, text);
            assert_eq!(out, expected, "{text:?}");
            assert_eq!(
                out.trim_end(),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
        // After a word, a text that starts with a space adds one; after a space, none.
        let mut out = String::from("a");
        push_collapsed(&mut out, " b");
        push_collapsed(&mut out, " ");
        push_collapsed(&mut out, " c");
        assert_eq!(out, "a b c");
    }

    #[test]
    fn contents_are_the_events_inside_each_block() {
        let rendered = rendered("A *b*.\n\n## T\n", Lang::En);
        let model = &rendered.model;
        let paragraph = &model.blocks[0];
        let events: Vec<&Event> = model.content(paragraph).collect();
        assert!(matches!(events[0], Event::Text(t) if t.as_ref() == "A "));
        assert!(matches!(events[1], Event::Start(Tag::Emphasis)));
        // The permalink is in the content, as markup, after the text.
        assert!(matches!(events.last(), Some(Event::InlineHtml(h)) if h.contains("permalink")));
        assert!(matches!(
            &model.events[paragraph.content.end].0,
            Event::End(TagEnd::Paragraph)
        ));
    }

    #[test]
    fn the_page_html_is_the_model_serialized() {
        let body = "Lead[^a].\n\n## One {#one}\n\n> q\n\n- a\n\n- b\n\n| x |\n|---|\n| y |\n\n[^a]: note *text*\n\n    more\n";
        for lang in [Lang::Ar, Lang::En] {
            let rendered = rendered(body, lang);
            let model = &rendered.model;
            assert_eq!(serialize::body_html(model), rendered.html);
            let notes = serialize::notes_html(model, rendered.notes.byline.clone());
            assert_eq!(notes.items, rendered.notes.items);
            // Every address of the model is an id of the page, in the same order.
            let mut ids = Vec::new();
            crate::links::scan::each_tag(&rendered.html, |tag| {
                ids.extend(tag.attr("id").map(|id| id.into_owned()))
            });
            let addresses: Vec<String> =
                (model.blocks.iter()).filter_map(|b| b.id.clone()).collect();
            let ids: Vec<String> = (ids.into_iter())
                .filter(|id| !id.starts_with("fnref-"))
                .collect();
            assert_eq!(ids, addresses);
            assert!(rendered.notes.items[0].starts_with(&format!("<li id={}", model.notes[0].id)));
        }
    }
}
