//! Template sources made compact once, as they are loaded, so the pages they render come out
//! minified and the build need not run a minifier over every paper's page.
//!
//! Only what cannot change how a page reads is taken out:
//! - a run of white space that holds a line break (the template's own layout) is dropped when
//!   it touches the tag of a block element (`</p>⏎<p>`, `<ul>⏎  <li>`), where a browser shows
//!   none, and otherwise becomes one space, which a browser shows the same as the run;
//! - quotes around a fixed attribute value that needs none (`class="toc"` → `class=toc`).
//!
//! Tera syntax (`{{ }}`, `{% %}`, `{# #}`, `{% raw %}` blocks), comments, and the contents of
//! `pre`, `textarea`, `script` and `style` are copied as they are. White space next to Tera
//! syntax counts as next to text: what a tag renders is not known here. `tests` check, on the
//! built-in templates, that minify-html makes the same page of either source.

use crate::markdown::html::needs_quotes;

/// Elements around whose tags white space shows nothing (with the default style sheet, as
/// minify-html also assumes).
const BLOCKS: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "script",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose contents are copied untouched.
const VERBATIM: &[&str] = &["pre", "textarea", "script", "style"];

/// What the output last ended with, or what comes next.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Side {
    /// The tag of a block element.
    Block,
    /// Anything else: text, an inline tag, Tera syntax, the start or end of the template.
    Other,
}

/// The compact form of a template source.
pub(crate) fn compact(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut last = Side::Other;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        if let Some(len) = tera_syntax(rest) {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            last = Side::Other;
        } else if c.is_ascii_whitespace() {
            let len = rest
                .find(|c: char| !c.is_ascii_whitespace())
                .unwrap_or(rest.len());
            let run = &rest[..len];
            rest = &rest[len..];
            if !run.contains('\n') {
                out.push_str(run);
            } else if last != Side::Block && next_side(rest) != Side::Block {
                out.push(' ');
            }
        } else if c == '<' {
            let (len, side) = tag(rest, &mut out);
            rest = &rest[len..];
            last = side;
        } else {
            let len = rest
                .find(|c: char| c == '<' || c == '{' || c.is_ascii_whitespace())
                .map_or(rest.len(), |at| at.max(c.len_utf8()));
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            last = Side::Other;
        }
    }
    out
}

/// The length of the Tera tag, expression or comment (or whole `raw` block) at the start of
/// `text`, if there is one.
fn tera_syntax(text: &str) -> Option<usize> {
    let close = match text.get(..2)? {
        "{{" => "}}",
        "{%" => "%}",
        "{#" => "#}",
        _ => return None,
    };
    let mut len = end_of_tera(text, close);
    let inner =
        text[2..len.saturating_sub(2).max(2)].trim_matches(|c: char| c == '-' || c.is_whitespace());
    if close == "%}" && inner == "raw" {
        // Everything up to the end of `{% endraw %}` is copied as it is.
        let mut at = len;
        while let Some(found) = text[at..].find("{%") {
            let start = at + found;
            let end = end_of_tera(&text[start..], "%}") + start;
            let word = text[start + 2..end.saturating_sub(2).max(start + 2)]
                .trim_matches(|c: char| c == '-' || c.is_whitespace());
            at = end;
            if word == "endraw" {
                break;
            }
        }
        len = at.max(len);
    }
    Some(len)
}

/// Where Tera syntax opened at the start of `text` ends (after `close`), skipping quoted
/// strings; the end of `text` when it is not closed (Tera reports that error).
fn end_of_tera(text: &str, close: &str) -> usize {
    let bytes = text.as_bytes();
    let mut i = 2;
    let mut quote = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if matches!(b, b'"' | b'\'' | b'`') && close != "#}" => quote = Some(b),
            None if bytes[i..].starts_with(close.as_bytes()) => return i + close.len(),
            None => {}
        }
        i += 1;
    }
    text.len()
}

/// Whether what starts `text` is the tag of a block element.
fn next_side(text: &str) -> Side {
    if text.starts_with('<') && is_block(&tag_name(text)) {
        Side::Block
    } else {
        Side::Other
    }
}

/// The element name of the tag at the start of `text` (`<p …>`, `</p>`), lower-cased.
fn tag_name(text: &str) -> String {
    let name = text[1..].trim_start_matches('/');
    let len = name
        .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/' || c == '{')
        .unwrap_or(name.len());
    name[..len].to_ascii_lowercase()
}

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Copies the tag (or comment) at the start of `text` to `out`, with fixed attribute values
/// unquoted where they can be, and the contents of a verbatim element after it; returns the
/// length read and what the output now ends with.
fn tag(text: &str, out: &mut String) -> (usize, Side) {
    if text.starts_with("<!--") {
        let len = text.find("-->").map_or(text.len(), |at| at + 3);
        out.push_str(&text[..len]);
        return (len, Side::Other);
    }
    let name = tag_name(text);
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '!') {
        // A `<` that opens no tag is text.
        out.push('<');
        return (1, Side::Other);
    }
    out.push('<');
    let mut i = 1;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if let Some(len) = tera_syntax(&text[i..]) {
            out.push_str(&text[i..i + len]);
            i += len;
            continue;
        }
        match bytes[i] {
            b'>' => {
                out.push('>');
                i += 1;
                break;
            }
            b'=' if matches!(bytes.get(i + 1), Some(b'"' | b'\'')) => {
                let quote = bytes[i + 1] as char;
                let value_start = i + 2;
                let Some(value_len) = text[value_start..].find(quote) else {
                    out.push_str(&text[i..]);
                    return (text.len(), Side::Other);
                };
                let value = &text[value_start..value_start + value_len];
                let after = bytes.get(value_start + value_len + 1).copied();
                let fixed = !value.contains('{') && !value.contains('}');
                let ends_well = matches!(after, Some(b' ' | b'\t' | b'\n' | b'\r' | b'>'));
                out.push('=');
                if fixed && ends_well && !needs_quotes(value) && !value.ends_with('/') {
                    out.push_str(value);
                } else {
                    out.push(quote);
                    out.push_str(value);
                    out.push(quote);
                }
                i = value_start + value_len + 1;
            }
            _ => {
                let c = text[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    let closing = text[1..].starts_with('/');
    if !closing && VERBATIM.contains(&name.as_str()) {
        // The element's contents, up to its end tag, as they are.
        let end = format!("</{name}");
        let len = text[i..]
            .to_ascii_lowercase()
            .find(&end)
            .unwrap_or(text.len() - i);
        out.push_str(&text[i..i + len]);
        i += len;
    }
    let side = if is_block(&name) {
        Side::Block
    } else {
        Side::Other
    };
    (i, side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_non_ascii_inside_tera_syntax() {
        // Arabic in a comment and a string once made the scan slice inside a character.
        let text = "{#- «[كذا]» -#}\n<p>{{ \"«»\" }}</p>\n";
        assert_eq!(compact(text), "{#- «[كذا]» -#}<p>{{ \"«»\" }}</p>");
    }

    #[test]
    fn drops_layout_white_space_next_to_blocks_only() {
        assert_eq!(
            compact("<ul>\n  <li>a</li>\n  <li><span>b</span>\n<span>c</span></li>\n</ul>\n"),
            "<ul><li>a</li><li><span>b</span> <span>c</span></li></ul>"
        );
        assert_eq!(
            compact("<p>one\n   two  three</p>\n{% if x %}\n<p>{{ x }}</p>\n{% endif %}\n"),
            "<p>one two  three</p>{% if x %}<p>{{ x }}</p>{% endif %} "
        );
        // Next to Tera syntax on both sides, nothing is known: one space.
        assert_eq!(compact("{{ a }}\n{{ b }}"), "{{ a }} {{ b }}");
        assert_eq!(compact("{% if a %}\n{% endif %}"), "{% if a %} {% endif %}");
    }

    #[test]
    fn unquotes_fixed_values_only() {
        assert_eq!(
            compact("<a class=\"toc\" href=\"{{ h }}\" title=\"a b\" data-x='y'>t</a>"),
            "<a class=toc href=\"{{ h }}\" title=\"a b\" data-x=y>t</a>"
        );
        // A value followed directly by Tera output keeps its quotes, so the next attribute
        // cannot run into it; so does one ending in `/` before `>`.
        assert_eq!(
            compact("<a class=\"x\"{{ more }} href=\"../\">"),
            "<a class=\"x\"{{ more }} href=\"../\">"
        );
        assert_eq!(compact("<p class=\"\">"), "<p class=\"\">");
    }

    #[test]
    fn copies_tera_comments_and_verbatim_elements() {
        let source = "<pre>\n  a\n\n  b</pre>\n<script>\nlet x = 1\nlet y = \"<p>\"\n</script>\n<!-- a\n comment -->\n{# note\n here #}\n{% raw %}\n  {{ not }}\n{% endraw %}\n<textarea>\n x</textarea>";
        assert_eq!(
            compact(source),
            "<pre>\n  a\n\n  b</pre><script>\nlet x = 1\nlet y = \"<p>\"\n</script><!-- a\n comment --> {# note\n here #} {% raw %}\n  {{ not }}\n{% endraw %} <textarea>\n x</textarea>"
        );
        assert_eq!(compact("{{ \"%} }}\" }}\n<p>"), "{{ \"%} }}\" }}<p>");
    }

    #[test]
    fn text_and_odd_input_pass_through() {
        for source in [
            "",
            "a < b",
            "<",
            "{{",
            "{% if",
            "<p",
            "<p class=\"x",
            "نص\nعربي",
            "x {y} z",
        ] {
            let out = compact(source);
            assert_eq!(
                out.replace(' ', ""),
                source.replace([' ', '\n'], ""),
                "{source:?}"
            );
        }
    }
}
