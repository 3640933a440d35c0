//! The one place that configures pulldown-cmark: which extensions a Warraq document may use.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

/// An event with the byte range of the Markdown it came from (relative to the body).
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// CommonMark plus footnotes, tables, heading attributes (`{#id}`) and strikethrough.
pub fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// Parses a Markdown body once, keeping each event's source range.
pub fn parse(body: &str) -> Vec<Spanned<'_>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .collect()
}
