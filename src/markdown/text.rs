//! Plain text out of events: adjacent text merged, and the text of each block for `verify`.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parser::Spanned;

/// Joins runs of adjacent `Text` events into one, so later passes see whole words.
///
/// pulldown-cmark splits text at every character that might start markup (`[`, `*` …). A run
/// is gathered in one growing buffer (copying each piece once); a lone text event is kept as
/// it is, borrowed from the source.
pub fn merge_text<'a>(events: impl IntoIterator<Item = Spanned<'a>>) -> Vec<Spanned<'a>> {
    let events = events.into_iter();
    let mut out = Vec::with_capacity(events.size_hint().0);
    merge_text_into(events, &mut out);
    out
}

/// [`merge_text`], appending to `out` (which the caller may have made room in).
pub(crate) fn merge_text_into<'a>(
    events: impl IntoIterator<Item = Spanned<'a>>,
    out: &mut Vec<Spanned<'a>>,
) {
    // The run being joined: its text so far, once it has two pieces.
    let mut joined: Option<String> = None;
    for (event, range) in events {
        if let Event::Text(text) = &event
            && let Some((Event::Text(prev), prev_range)) = out.last_mut()
        {
            joined
                .get_or_insert_with(|| prev.to_string())
                .push_str(text);
            prev_range.end = prev_range.end.max(range.end);
            continue;
        }
        flush(out, &mut joined);
        out.push((event, range));
    }
    flush(out, &mut joined);
}

/// Puts a joined run in place of the first piece of the run.
fn flush(out: &mut [Spanned<'_>], joined: &mut Option<String>) {
    if let Some(text) = joined.take()
        && let Some((Event::Text(prev), _)) = out.last_mut()
    {
        *prev = CowStr::from(text);
    }
}

/// The plain text of one block of a document, for comparison with its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TextBlock {
    /// What it is: `heading`, `paragraph`, `list item`, `table cell`, `code`, or `note [^x] …`.
    pub(crate) label: String,
    /// Byte offset in the body where the block starts.
    pub(crate) offset: usize,
    /// Its text, without markup or footnote numbers; line breaks as spaces.
    pub(crate) text: String,
}

/// Every leaf block's text in reading order; footnote definitions included where they stand.
///
/// The number of an ordered list item is part of its text: readers see it.
pub(crate) fn text_blocks(events: &[Spanned]) -> Vec<TextBlock> {
    let mut blocks = Vec::new();
    let mut note: Option<String> = None;
    let mut stack: Vec<(String, usize, String)> = Vec::new();
    // The next number of each open list (`None` for bullet lists).
    let mut lists: Vec<Option<u64>> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Start(Tag::List(start)) => lists.push(*start),
            Event::End(TagEnd::List(_)) => {
                lists.pop();
            }
            Event::Start(Tag::FootnoteDefinition(label)) => note = Some(label.to_string()),
            Event::End(TagEnd::FootnoteDefinition) => note = None,
            Event::Start(tag) => {
                if let Some(kind) = leaf_kind(tag) {
                    let label = match &note {
                        Some(n) => format!("note [^{n}] {kind}"),
                        None => kind.to_string(),
                    };
                    let mut text = String::new();
                    if matches!(tag, Tag::Item)
                        && let Some(Some(number)) = lists.last_mut()
                    {
                        text = format!("{number}. ");
                        *number += 1;
                    }
                    stack.push((label, range.start, text));
                }
            }
            Event::End(tag) => {
                if is_leaf_end(tag)
                    && let Some((label, offset, text)) = stack.pop()
                {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        blocks.push(TextBlock {
                            label,
                            offset,
                            text,
                        });
                    }
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                if let Some((_, _, text)) = stack.last_mut() {
                    text.push_str(t);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, _, text)) = stack.last_mut() {
                    text.push(' ');
                }
            }
            _ => {}
        }
    }
    blocks
}

fn leaf_kind(tag: &Tag) -> Option<&'static str> {
    Some(match tag {
        Tag::Paragraph => "paragraph",
        Tag::Heading { .. } => "heading",
        Tag::Item => "list item",
        Tag::TableCell => "table cell",
        Tag::CodeBlock(_) => "code",
        Tag::HtmlBlock => "html",
        _ => return None,
    })
}

fn is_leaf_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parser::parse;

    #[test]
    fn merges_split_text() {
        let events = merge_text(parse("a [^x] b *c*\n"));
        let texts: Vec<String> = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, ["a [^x] b ", "c"]);
        // A run at the very end is joined too.
        let events = merge_text(parse("x [y] [z]"));
        assert!(
            matches!(&events[1].0, Event::Text(t) if t.as_ref() == "x [y] [z]"),
            "{events:?}"
        );
    }

    #[test]
    fn blocks_in_reading_order() {
        let body = "## عنوان\n\nفقرة *أولى*\nتتمة[^1].\n\n- بند\n- آخر\n\n3. ثالث\n4. رابع\n\n> اقتباس\n\n[^1]: حاشية <https://x.org>\n";
        let blocks: Vec<(String, String)> = text_blocks(&parse(body))
            .into_iter()
            .map(|b| (b.label, b.text))
            .collect();
        let expected = [
            ("heading", "عنوان"),
            ("paragraph", "فقرة أولى تتمة."),
            ("list item", "بند"),
            ("list item", "آخر"),
            ("list item", "3. ثالث"),
            ("list item", "4. رابع"),
            ("paragraph", "اقتباس"),
            ("note [^1] paragraph", "حاشية https://x.org"),
        ];
        let got: Vec<(&str, &str)> = blocks
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(got, expected);
    }
}
