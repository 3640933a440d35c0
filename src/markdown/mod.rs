//! Markdown stage: one parse, then small passes over the event stream, then the document
//! model, then HTML.
//!
//! `parser` configures pulldown-cmark; `safety` escapes raw HTML and refuses script links;
//! `depth` caps nesting; `text` merges text runs (and extracts plain text for `verify`); `editorial`
//! reads the editor's marks (`{sic}`, `{+supplied+}`);
//! `resources` checks the addresses of links and images (the paper's own files found and
//! pointed at from the page, root-relative addresses refused) and requires image descriptions;
//! `digits` picks the document's digit style; `heading_ids` names headings; `footnotes` links
//! references and lists the notes; `anchors` names paragraphs and adds permalinks and alias
//! targets; `bidi` wraps Latin runs of Arabic text in `bdi`; `local_links` checks in-page
//! links; `markup` holds the presentation markup those passes write (from the template
//! `partials/body.html`). `model` names the blocks and notes of the result (ids, positions, plain text,
//! content); `serialize` writes the model as HTML with the `html` writer. Rendering never
//! fails: problems come back as diagnostics. Markdown never sees Tera.

pub(crate) mod anchors;
pub mod bidi;
pub(crate) mod context;
pub(crate) mod depth;
pub(crate) mod digits;
pub(crate) mod editorial;
pub(crate) mod footnotes;
pub(crate) mod heading_ids;
pub mod html;
pub(crate) mod ids;
pub mod local_links;
pub mod markup;
pub(crate) mod model;
pub mod parser;
pub mod resources;
pub(crate) mod safety;
pub(crate) mod scan;
pub mod serialize;
pub mod text;

pub use heading_ids::Heading;
pub use model::{Block, BlockKind, Body, Note};
pub(crate) use serialize::NotesHtml;

use crate::diagnostics::FileDiagnostics;
use crate::lang::Lang;

/// What the Markdown stage needs to know about a document: its body (`'a`, which the model
/// borrows) and what else it reads while rendering (`'i`).
pub struct Input<'a, 'i> {
    /// The Markdown body.
    pub body: &'a str,
    /// Where the body starts in the file, for diagnostics.
    pub body_offset: usize,
    /// The document's language (backlink letters and labels).
    pub lang: Lang,
    /// Footnote labels referenced from the byline, with their file offsets.
    pub byline_notes: &'i [(&'i str, usize)],
    /// Let raw HTML through (the site's `allow_raw_html`); otherwise it is shown as text.
    pub raw_html: bool,
    /// Old ids that must keep working, by the id that replaces them (`aliases:`).
    pub aliases: &'i std::collections::BTreeMap<String, String>,
    /// The permalinks, note references, backlinks and island tags to write (the site's
    /// `partials/body.html`; [`markup::BodyMarkup::default`] is the built-in one).
    pub markup: &'i markup::BodyMarkup,
    /// The paper's own files (its bundle), which its links may name; `None` for the home page.
    pub files: Option<resources::PaperFiles<'i>>,
}

/// A body rendered: its model, and the HTML serialized from it.
#[derive(Debug, Default, Clone)]
pub struct RenderedBody<'a> {
    /// Blocks, notes, headings, anchors and digit style, with their events.
    pub model: Body<'a>,
    /// The body's HTML.
    pub html: String,
    /// The notes' HTML: byline references and endnote items.
    pub notes: NotesHtml,
    /// The author's links to `#ids`, to be checked against the page they end up on
    /// ([`local_links::report_missing`]).
    pub local_links: Vec<local_links::LocalLink>,
    /// The author's links to other pages of the site, for the site's link check to report at
    /// their lines.
    pub site_links: Vec<local_links::SiteLink>,
}

/// Renders a document body; problems are added to `diags`.
pub fn render<'a>(input: &Input<'a, '_>, diags: &mut FileDiagnostics) -> RenderedBody<'a> {
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
    let mut events = editorial::apply(
        merged,
        input.body,
        editorial::Mode::Render(input.markup),
        diags,
        base,
    );
    resources::apply(&mut events, input.files, diags, base);
    let digits = digits::detect(&events, input.body, input.lang, diags, base);
    let mut ids = ids::PageIds::new();
    let headings = heading_ids::assign(&mut events, &mut ids, diags, base);
    let local_links = local_links::collect(&events, base);
    let site_links = local_links::collect_site(&events, base);
    let script = footnotes::NoteScript {
        lang: input.lang,
        digits,
        markup: input.markup,
    };
    let (events, endnotes) = footnotes::extract(events, input.byline_notes, script, diags, base);
    let (events, anchors) =
        anchors::assign(events, input.lang, input.aliases, input.markup, &mut ids);
    // Last, so that note references and permalinks are markup the islands may cross or leave
    // out; the notes' own text is isolated as each note is listed (`footnotes::extract`).
    // Heading texts for the table of contents were read before: they stay plain.
    let events = bidi::events::Isolator::new(input.markup).isolate(events, input.lang);
    let notes = (endnotes.events, endnotes.listed);
    let model = Body::new(events, notes, headings, anchors, digits, base);
    let html = serialize::body_html(&model);
    let notes = serialize::notes_html(&model, endnotes.byline);
    RenderedBody {
        model,
        html,
        notes,
        local_links,
        site_links,
    }
}

/// The plain text of each block of a body as it comes from the source, for `verify`: the
/// editor's marks and supplied words left out.
pub(crate) fn text_blocks(body: &str) -> Vec<text::TextBlock> {
    // The marks' problems are the build's to report.
    let mut ignored = FileDiagnostics::new(std::path::Path::new(""), body);
    let events = text::merge_text(parser::parse(body));
    let events = editorial::apply(events, body, editorial::Mode::Strip, &mut ignored, 0);
    text::text_blocks(&events)
}
