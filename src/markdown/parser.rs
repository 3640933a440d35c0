//! The one place that configures pulldown-cmark (which extensions a Warraq document may use)
//! and tells its inline tags from its block tags.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, TagEnd};

/// An event with the byte range of the Markdown it came from (relative to the body).
pub(crate) type Spanned<'a> = (Event<'a>, Range<usize>);

/// CommonMark plus footnotes, tables, heading attributes (`{#id}`) and strikethrough.
pub(crate) fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses a Markdown body once, keeping each event's source range.
pub fn parse(body: &str) -> Vec<Spanned<'_>> {
    events(body).collect()
}

/// The events of a Markdown body with their source ranges, as the parser makes them.
pub(crate) fn events(body: &str) -> impl Iterator<Item = Spanned<'_>> {
    Parser::new_ext(body, options()).into_offset_iter()
}

/// Room for the events of `body`, so that collecting them seldom grows the vector: papers
/// have about one event per hundred bytes, seldom more than one per sixty.
pub(crate) fn room_for_events(body: &str) -> usize {
    body.len() / 48 + 16
}

/// True for the tags that open and close inside a line of text (emphasis, links, images…),
/// as opposed to those of blocks and their parts (paragraphs, list items, table cells).
pub(crate) fn is_inline_tag(tag: TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
