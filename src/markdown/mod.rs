//! Markdown stage: one parse, then small passes over the event stream, then HTML.
//!
//! `parser` configures pulldown-cmark; `safety` escapes raw HTML and refuses script links;
//! `depth` caps nesting; `text` merges text runs (and extracts plain text for `verify`);
//! `digits` picks the document's digit style; `heading_ids` names headings; `footnotes` links
//! references and builds the endnotes; `anchors` names paragraphs and adds permalinks and
//! alias targets; `bidi` wraps Latin runs of Arabic text in `bdi`; `local_links` checks
//! in-page links. Rendering never fails: problems come back as diagnostics. Markdown never
//! sees Tera.

pub mod anchors;
pub mod bidi;
pub mod context;
pub mod depth;
pub mod digits;
pub mod footnotes;
pub mod heading_ids;
pub mod html;
pub mod ids;
pub mod local_links;
pub mod parser;
pub mod safety;
pub mod scan;
pub mod text;

pub use heading_ids::Heading;

use crate::diagnostics::FileDiagnostics;
use crate::lang::Lang;

/// What the Markdown stage needs to know about a document.
pub struct Input<'a> {
    /// The Markdown body.
    pub body: &'a str,
    /// Where the body starts in the file, for diagnostics.
    pub body_offset: usize,
    /// The document's language (backlink letters and labels).
    pub lang: Lang,
    /// Footnote labels referenced from the byline, with their file offsets.
    pub byline_notes: &'a [(&'a str, usize)],
    /// Let raw HTML through (the site's `allow_raw_html`); otherwise it is shown as text.
    pub raw_html: bool,
    /// Old ids that must keep working, by the id that replaces them (`aliases:`).
    pub aliases: &'a std::collections::BTreeMap<String, String>,
}

/// A rendered body.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// The body's HTML.
    pub html: String,
    /// Headings in order, with their ids.
    pub headings: Vec<Heading>,
    /// The notes: byline references and endnote items.
    pub notes: footnotes::Notes,
    /// The digit style of the body, in which the notes are numbered.
    pub digits: digits::DigitStyle,
    /// Headings and paragraphs in reading order, with their ids.
    pub anchors: Vec<anchors::Anchor>,
}

/// Renders a document body; problems are added to `diags`.
pub fn render(input: &Input, diags: &mut FileDiagnostics) -> Rendered {
    let base = input.body_offset;
    // The first passes work event by event as the parser makes them; the events are
    // collected once, with their text runs merged.
    let mut limit = depth::Limit::default();
    let events = parser::events(input.body).filter_map(|event| {
        let event = safety::sanitize(event, input.raw_html, diags, base);
        limit.keep(&event, diags, base).then_some(event)
    });
    let mut merged = Vec::with_capacity(parser::room_for_events(input.body));
    text::merge_text_into(events, &mut merged);
    let mut events = merged;
    let digits = digits::detect(&events, input.body, input.lang, diags, base);
    let mut ids = ids::PageIds::new();
    let headings = heading_ids::assign(&mut events, &mut ids, diags, base);
    let links = local_links::collect(&events);
    let script = footnotes::Script {
        lang: input.lang,
        digits,
    };
    let (events, notes) = footnotes::extract(events, input.byline_notes, script, diags, base);
    let (events, anchors) = anchors::assign(events, input.lang, input.aliases, &mut ids);
    // Last, so that note references and permalinks are markup the islands may cross or leave
    // out; the notes' own text is isolated as each note is rendered (`footnotes::render_item`).
    // Heading texts for the table of contents were read before: they stay plain.
    let events = bidi::isolate(events, input.lang);
    let mut out = String::with_capacity(input.body.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter().map(|(event, _)| event));
    if !links.is_empty() {
        let notes_markup = notes.items.concat();
        local_links::check(&links, &[&out, &notes_markup], diags, base);
    }
    Rendered {
        html: out,
        headings,
        notes,
        digits,
        anchors,
    }
}

/// The plain text of each block of a body, for `verify`.
pub fn text_blocks(body: &str) -> Vec<text::TextBlock> {
    text::text_blocks(&parser::parse(body))
}
