//! The HTML writer: Markdown events to HTML that is already minified.
//!
//! pulldown-cmark's own writer puts a newline after every block and writes `<br />`; the page
//! would then need a minifier pass over the whole body. This writer emits no whitespace
//! between tags, a space for a soft line break, and attribute values without quotes where
//! HTML allows it, so the body goes into the page as it is and only the template's part of a
//! page is minified (`output::minify`). Text is escaped by pulldown-cmark's escaper; code
//! blocks keep their text exactly. `tests` check that minify-html finds nothing to change.

#[cfg(test)]
use std::borrow::Borrow;

use pulldown_cmark::{
    Alignment, BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Tag, TagEnd,
};
use pulldown_cmark_escape::{escape_href, escape_html, escape_html_body_text};

/// Appends the HTML of `events` (owned or borrowed) to `out`.
#[cfg(test)]
pub(crate) fn push_html<'a, E: Borrow<Event<'a>>>(
    out: &mut String,
    events: impl IntoIterator<Item = E>,
) {
    let mut writer = Writer::new(out);
    for event in events {
        writer.event(event.borrow());
    }
}

/// The writer's state: the table being written and whether an image's alt text is open.
///
/// [`push_html`] writes a stream of events; a serializer that puts markup of its own between
/// events (`markdown::serialize`) drives a writer itself.
pub(crate) struct Writer<'o> {
    out: &'o mut String,
    /// Column alignments of the table being written.
    table: Vec<Alignment>,
    /// The next cell's column.
    cell: usize,
    /// In the table's head row (cells are `th`).
    in_head: bool,
    /// The table's `tbody` has been opened.
    body_open: bool,
    /// Nesting inside an image: its content is the alt text, so only text is written.
    image_depth: usize,
}

impl<'o> Writer<'o> {
    /// A writer appending to `out`.
    pub(crate) fn new(out: &'o mut String) -> Self {
        Writer {
            out,
            table: Vec::new(),
            cell: 0,
            in_head: false,
            body_open: false,
            image_depth: 0,
        }
    }

    /// Appends markup as it is.
    pub(crate) fn raw(&mut self, html: &str) {
        self.out.push_str(html);
    }

    /// Appends the HTML of one event.
    pub(crate) fn event(&mut self, event: &Event) {
        if self.image_depth > 0 {
            return self.alt_text(event);
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(text),
            Event::Code(code) => {
                self.out.push_str("<code>");
                self.text(code);
                self.out.push_str("</code>");
            }
            Event::InlineMath(math) => self.text(math),
            Event::DisplayMath(math) => self.text(math),
            Event::Html(html) | Event::InlineHtml(html) => self.out.push_str(html),
            Event::FootnoteReference(name) => {
                self.out.push_str("<sup><a href=");
                let mut href = String::with_capacity(name.len() + 1);
                href.push('#');
                href.push_str(name);
                self.attr_value(&href);
                self.out.push('>');
                self.text(name);
                self.out.push_str("</a></sup>");
            }
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak => self.out.push_str("<br>"),
            Event::Rule => self.out.push_str("<hr>"),
            Event::TaskListMarker(done) => self.out.push_str(if *done {
                "<input checked disabled type=checkbox>"
            } else {
                "<input disabled type=checkbox>"
            }),
        }
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Paragraph => self.out.push_str("<p>"),
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                self.out.push('<');
                self.out.push_str(heading_tag(*level));
                if let Some(id) = id {
                    self.attr("id", id);
                }
                if !classes.is_empty() {
                    let joined: Vec<&str> = classes.iter().map(|c| c.as_ref()).collect();
                    self.attr("class", &joined.join(" "));
                }
                for (name, value) in attrs {
                    self.out.push(' ');
                    escape_html(&mut *self.out, name).ok();
                    if let Some(value) = value {
                        self.out.push('=');
                        self.attr_value(value);
                    }
                }
                self.out.push('>');
            }
            Tag::BlockQuote(kind) => {
                self.out.push_str("<blockquote");
                if let Some(kind) = kind {
                    self.attr("class", alert_class(*kind));
                }
                self.out.push('>');
            }
            Tag::CodeBlock(kind) => {
                self.out.push_str("<pre><code");
                if let CodeBlockKind::Fenced(info) = kind
                    && let Some(lang) = info.split_whitespace().next()
                {
                    self.attr("class", &format!("language-{lang}"));
                }
                self.out.push('>');
            }
            Tag::HtmlBlock => {}
            Tag::List(Some(1)) => self.out.push_str("<ol>"),
            Tag::List(Some(start)) => {
                self.out.push_str("<ol");
                self.attr("start", &start.to_string());
                self.out.push('>');
            }
            Tag::List(None) => self.out.push_str("<ul>"),
            Tag::Item => self.out.push_str("<li>"),
            Tag::FootnoteDefinition(name) => {
                self.out.push_str("<div class=footnote-definition");
                self.attr("id", name);
                self.out.push('>');
            }
            Tag::DefinitionList => self.out.push_str("<dl>"),
            Tag::DefinitionListTitle => self.out.push_str("<dt>"),
            Tag::DefinitionListDefinition => self.out.push_str("<dd>"),
            Tag::Table(alignments) => {
                self.table.clone_from(alignments);
                self.body_open = false;
                self.out.push_str("<table>");
            }
            Tag::TableHead => {
                self.in_head = true;
                self.cell = 0;
                self.out.push_str("<thead><tr>");
            }
            Tag::TableRow => {
                self.cell = 0;
                if !self.body_open {
                    self.body_open = true;
                    self.out.push_str("<tbody>");
                }
                self.out.push_str("<tr>");
            }
            Tag::TableCell => {
                self.out.push_str(if self.in_head { "<th" } else { "<td" });
                let align = match self.table.get(self.cell) {
                    Some(Alignment::Left) => Some("text-align:left"),
                    Some(Alignment::Center) => Some("text-align:center"),
                    Some(Alignment::Right) => Some("text-align:right"),
                    Some(Alignment::None) | None => None,
                };
                if let Some(style) = align {
                    self.attr("style", style);
                }
                self.out.push('>');
            }
            Tag::Emphasis => self.out.push_str("<em>"),
            Tag::Strong => self.out.push_str("<strong>"),
            Tag::Strikethrough => self.out.push_str("<del>"),
            Tag::Superscript => self.out.push_str("<sup>"),
            Tag::Subscript => self.out.push_str("<sub>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => {
                self.out.push_str("<a");
                self.attr_href("href", *link_type, dest_url);
                if !title.is_empty() {
                    self.attr("title", title);
                }
                self.out.push('>');
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                ..
            } => {
                // Figures load as the reader comes to them.
                self.out.push_str("<img loading=lazy");
                self.attr_href("src", *link_type, dest_url);
                if !title.is_empty() {
                    self.attr("title", title);
                }
                // The alt text is the image's content, written as the events arrive.
                self.out.push_str(" alt=\"");
                self.image_depth = 1;
            }
            Tag::MetadataBlock(_) => {}
        }
    }

    fn end(&mut self, tag: &TagEnd) {
        let close = match tag {
            TagEnd::Paragraph => "</p>",
            TagEnd::Heading(level) => {
                self.out.push_str("</");
                self.out.push_str(heading_tag(*level));
                self.out.push('>');
                return;
            }
            TagEnd::BlockQuote(_) => "</blockquote>",
            TagEnd::CodeBlock => "</code></pre>",
            TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) | TagEnd::Image => "",
            TagEnd::List(true) => "</ol>",
            TagEnd::List(false) => "</ul>",
            TagEnd::Item => "</li>",
            TagEnd::FootnoteDefinition => "</div>",
            TagEnd::DefinitionList => "</dl>",
            TagEnd::DefinitionListTitle => "</dt>",
            TagEnd::DefinitionListDefinition => "</dd>",
            TagEnd::Table => {
                if self.body_open {
                    self.out.push_str("</tbody>");
                }
                self.table.clear();
                "</table>"
            }
            TagEnd::TableHead => {
                // As pulldown-cmark's writer: the body opens even when no row follows.
                self.in_head = false;
                self.body_open = true;
                "</tr></thead><tbody>"
            }
            TagEnd::TableRow => "</tr>",
            TagEnd::TableCell => {
                self.cell += 1;
                if self.in_head { "</th>" } else { "</td>" }
            }
            TagEnd::Emphasis => "</em>",
            TagEnd::Strong => "</strong>",
            TagEnd::Strikethrough => "</del>",
            TagEnd::Superscript => "</sup>",
            TagEnd::Subscript => "</sub>",
            TagEnd::Link => "</a>",
        };
        self.out.push_str(close);
    }

    /// Inside an image: text becomes the alt text; the image ends at its matching end.
    fn alt_text(&mut self, event: &Event) {
        match event {
            Event::Start(_) => self.image_depth += 1,
            Event::End(_) => {
                self.image_depth -= 1;
                if self.image_depth == 0 {
                    self.out.push_str("\">");
                }
            }
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text)
            | Event::Html(text)
            | Event::InlineHtml(text) => {
                escape_html(&mut *self.out, text).ok();
            }
            Event::SoftBreak | Event::HardBreak => self.out.push(' '),
            Event::FootnoteReference(name) => {
                escape_html(&mut *self.out, name).ok();
            }
            Event::Rule | Event::TaskListMarker(_) => {}
        }
    }

    fn text(&mut self, text: &str) {
        escape_html_body_text(&mut *self.out, text).ok();
    }

    /// ` name=value`, the value quoted only when HTML needs it.
    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push('=');
        self.attr_value(value);
    }

    /// A link target: e-mail autolinks get `mailto:`, and the address is percent-escaped.
    /// `escape_href` already writes `&` and `'` as character references and percent-encodes
    /// quotes, `<`, `>` and white space, so its output goes into the attribute as it is
    /// (quoted when needed): escaping it again would turn `?a=1&b=2` into `?a=1&amp;b=2`.
    fn attr_href(&mut self, name: &str, link_type: LinkType, dest: &CowStr) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push('=');
        let mut href = String::with_capacity(dest.len() + 7);
        if link_type == LinkType::Email {
            href.push_str("mailto:");
        }
        escape_href(&mut href, dest).ok();
        if needs_quotes(&href) {
            self.out.push('"');
            self.out.push_str(&href);
            self.out.push('"');
        } else {
            self.out.push_str(&href);
        }
    }

    fn attr_value(&mut self, value: &str) {
        push_attr_value(self.out, value);
    }
}

/// `value` written as an attribute value: bare where HTML allows it, else quoted and escaped.
pub fn attr_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    push_attr_value(&mut out, value);
    out
}

/// Appends `value` to `out` as [`attr_value`] writes it.
pub(crate) fn push_attr_value(out: &mut String, value: &str) {
    if needs_quotes(value) {
        out.push('"');
        escape_html(&mut *out, value).ok();
        out.push('"');
    } else {
        out.push_str(value);
    }
}

/// Whether an attribute value must be quoted: empty, or holding a character an unquoted value
/// may not (white space, quotes, `=`, `<`, `>`, backtick) or an `&` that could start a
/// character reference.
pub(crate) fn needs_quotes(value: &str) -> bool {
    value.is_empty()
        || value.bytes().any(|b| {
            matches!(
                b,
                b' ' | b'\t'
                    | b'\n'
                    | b'\x0c'
                    | b'\r'
                    | b'"'
                    | b'\''
                    | b'='
                    | b'<'
                    | b'>'
                    | b'`'
                    | b'&'
            )
        })
}

fn heading_tag(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::H1 => "h1",
        HeadingLevel::H2 => "h2",
        HeadingLevel::H3 => "h3",
        HeadingLevel::H4 => "h4",
        HeadingLevel::H5 => "h5",
        HeadingLevel::H6 => "h6",
    }
}

fn alert_class(kind: BlockQuoteKind) -> &'static str {
    match kind {
        BlockQuoteKind::Note => "markdown-alert-note",
        BlockQuoteKind::Tip => "markdown-alert-tip",
        BlockQuoteKind::Important => "markdown-alert-important",
        BlockQuoteKind::Warning => "markdown-alert-warning",
        BlockQuoteKind::Caution => "markdown-alert-caution",
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::Parser;

    use super::*;
    use crate::markdown::parser::options;

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        push_html(&mut out, Parser::new_ext(markdown, options()));
        out
    }

    fn page(body: &str) -> String {
        format!("<!doctype html><html><head></head><body>{body}</body></html>")
    }

    /// What minify-html makes of `body` in a page, without the spaces it keeps where a browser
    /// shows none: between tags, after `<br>` and before a block (pulldown-cmark's writer puts
    /// a newline there).
    fn minified(body: &str) -> String {
        let out = String::from_utf8(crate::output::minify::html(page(body))).unwrap();
        let mut normal = String::with_capacity(out.len());
        for (i, piece) in out.split(' ').enumerate() {
            let after_tag = normal.ends_with('>') && piece.starts_with('<');
            let after_br = normal.ends_with("<br>");
            let before_block = ["<ul>", "<ol", "<p>", "<table>", "<blockquote>", "<pre>"]
                .iter()
                .any(|tag| piece.starts_with(tag));
            if i > 0 && !(after_tag || after_br || before_block) {
                normal.push(' ');
            }
            normal.push_str(piece);
        }
        normal
    }

    const SAMPLE: &str = "# Title {#top .wide data-x=1}\n\nA *soft*\nbreak and a hard  \nbreak, `code <b>`, **bold**, ~~gone~~, [link](<https://e.org/a b> \"T & t\"), <x@y.org>, a & b < c.\n\n> quoted\n> text\n\n1. one\n2. two\n\n3) loose\n\n   three\n\n- a\n  - b\n\n```rust title\nfn main() {\n    let x = 1 < 2;\n}\n```\n\n    indented\n\n| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| x |\n\n| only | head |\n|---|---|\n\n![alt *with* `code`](img.png \"pic\")\n\n---\n\nنصٌّ عربيّ (Alkan, n.d.).\n";

    #[test]
    fn link_addresses_are_escaped_once() {
        // What a browser reads back from the attribute is the address as written.
        for (markdown, address) in [
            ("[a](https://e.org/?a=1&b=2)", "https://e.org/?a=1&b=2"),
            ("<https://e.org/x?a=1&b=2>", "https://e.org/x?a=1&b=2"),
            ("[a](https://e.org/it's)", "https://e.org/it's"),
            ("[a](#a&b)", "#a&b"),
            ("[a](<#x y>)", "#x%20y"),
            ("[a](https://e.org/a)", "https://e.org/a"),
        ] {
            let html = render(markdown);
            let mut hrefs = Vec::new();
            crate::links::scan::each_tag(&html, |tag| {
                hrefs.extend(tag.attr("href").map(|h| h.into_owned()))
            });
            assert_eq!(hrefs, [address], "{markdown} → {html}");
        }
        assert!(
            render("[a](https://e.org/?a=1&b=2)").contains("href=\"https://e.org/?a=1&amp;b=2\"")
        );
    }

    #[test]
    fn pages_need_no_further_minifying() {
        let html = render(SAMPLE);
        // The same document as minify-html reads it, whichever writer made it.
        let mut reference = String::new();
        pulldown_cmark::html::push_html(&mut reference, Parser::new_ext(SAMPLE, options()));
        // Ours loads images lazily.
        let reference = reference.replace("<img ", "<img loading=\"lazy\" ");
        assert_ne!(html, reference);
        assert_eq!(minified(&html), minified(&reference));
        // Newlines only in code blocks, and almost nothing left for minify-html to take out
        // (it writes `&` and `>` bare where it can).
        let outside_pre: String = html
            .split("<pre>")
            .map(|s| s.split_once("</pre>").map_or(s, |(_, after)| after))
            .collect();
        assert!(!outside_pre.contains('\n'), "{html}");
        let ours = page(&html).len();
        let theirs = crate::output::minify::html(page(&html)).len();
        assert!(theirs * 100 >= ours * 98, "{theirs} of {ours} bytes");
    }

    #[test]
    fn writes_tags_compactly() {
        let html = render(SAMPLE);
        for expected in [
            "<h1 id=top class=wide data-x=1>Title</h1>",
            "<p>A <em>soft</em> break and a hard<br>break, <code>code &lt;b&gt;</code>",
            "<a href=https://e.org/a%20b title=\"T &amp; t\">link</a>",
            "<a href=mailto:x@y.org>x@y.org</a>",
            "a &amp; b &lt; c.</p><blockquote><p>quoted text</p></blockquote><ol><li>one</li><li>two</li></ol>",
            "<ol start=3><li><p>loose</p><p>three</p></li></ol><ul><li>a<ul><li>b</li></ul></li></ul>",
            "<pre><code class=language-rust>fn main() {\n    let x = 1 &lt; 2;\n}\n</code></pre><pre><code>indented\n</code></pre>",
            "<table><thead><tr><th style=text-align:left>a</th><th style=text-align:center>b</th><th style=text-align:right>c</th></tr></thead><tbody><tr><td style=text-align:left>1</td>",
            "<table><thead><tr><th>only</th><th>head</th></tr></thead><tbody></tbody></table>",
            "<p><img loading=lazy src=img.png title=pic alt=\"alt with code\"></p><hr>",
        ] {
            assert!(html.contains(expected), "missing {expected}\nin {html}");
        }
    }

    #[test]
    fn quotes_only_where_needed() {
        assert!(!needs_quotes("fn-1"));
        assert!(!needs_quotes("#s1-p2"));
        assert!(!needs_quotes("../a/b.html"));
        for value in ["", "a b", "a=b", "a\"b", "a'b", "a<b", "a>b", "a`b", "a&b"] {
            assert!(needs_quotes(value), "{value}");
        }
    }
}
