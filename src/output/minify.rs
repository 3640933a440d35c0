//! The one minify-html configuration: smaller pages, same text and behaviour.
//!
//! Kept: the doctype as written, `<html>`/`<head>` tags and closing tags (so the output stays
//! valid HTML a validator accepts), every character of text including Arabic and bidi
//! controls, and `<pre>` content. Inline CSS and JS are minified.
//!
//! A paper's body and notes are most of its page, and they come from Warraq's own HTML writer
//! (`markdown::html`) already minified. So a page is rendered with [`BODY`] and [`NOTES`] marks
//! in their place, minify-html works on the rest, and [`with_parts`] puts the parts in.

use std::sync::LazyLock;

use minify_html::{Cfg, minify};

/// Stands for a paper's body in the page given to minify-html. Private-use characters, so a
/// page only holds it where the template put it (and [`with_parts`] checks that).
pub const BODY: &str = "\u{E000}warraq:body\u{E000}";
/// Stands for a paper's notes, like [`BODY`].
pub const NOTES: &str = "\u{E000}warraq:notes\u{E000}";

static CFG: LazyLock<Cfg> = LazyLock::new(|| {
    let mut cfg = Cfg::new();
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    cfg.minify_doctype = false;
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg
});

/// Minifies one HTML page.
pub fn html(page: &str) -> Vec<u8> {
    minify(page.as_bytes(), &CFG)
}

/// Minifies `page`, then replaces each mark of `parts` with its (minified) HTML; `None` when a
/// mark is not in the minified page exactly once, so that the caller minifies the whole page.
pub fn with_parts(page: &str, parts: &[(&str, &str)]) -> Option<Vec<u8>> {
    let minified = html(page);
    let mut found: Vec<(usize, &str, &str)> = Vec::with_capacity(parts.len());
    for &(mark, part) in parts {
        let mut hits = memchr::memmem::find_iter(&minified, mark.as_bytes());
        let at = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        found.push((at, mark, part));
    }
    found.sort_unstable_by_key(|&(at, ..)| at);
    let extra: usize = parts.iter().map(|(_, part)| part.len()).sum();
    let mut out = Vec::with_capacity(minified.len() + extra);
    let mut from = 0;
    for (at, mark, part) in found {
        out.extend_from_slice(&minified[from..at]);
        out.extend_from_slice(part.as_bytes());
        from = at + mark.len();
    }
    out.extend_from_slice(&minified[from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> String {
        String::from_utf8(html(input)).unwrap()
    }

    #[test]
    fn keeps_arabic_text_and_marks() {
        let out = run(
            "<!DOCTYPE html><html lang=ar dir=rtl><head></head><body><p>  نصٌّ  عربيّ\u{2067}(Alkan, n.d.)\u{2069} ـ  </p></body></html>",
        );
        assert!(
            out.to_ascii_lowercase().starts_with("<!doctype html><html"),
            "{out}"
        );
        assert!(
            out.contains("نصٌّ عربيّ\u{2067}(Alkan, n.d.)\u{2069} ـ"),
            "{out}"
        );
        assert!(out.contains("</p>"));
    }

    #[test]
    fn puts_parts_in_place_of_their_marks() {
        let page = format!(
            "<!doctype html><html><head></head><body><div class=\"x\">\n  {BODY}\n</div>\n<ol>\n{NOTES}\n</ol></body></html>"
        );
        let out = with_parts(&page, &[(BODY, "<p id=a>نص  x</p>"), (NOTES, "<li>n</li>")]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<!doctype html><html><head></head><body><div class=x><p id=a>نص  x</p></div><ol><li>n</li></ol></body></html>"
        );
        // A mark twice (front matter text could hold one) or not at all: no splicing.
        let twice = format!("<p>{BODY}</p><p>{BODY}</p>");
        assert!(with_parts(&twice, &[(BODY, "b")]).is_none());
        assert!(with_parts("<p></p>", &[(BODY, "b")]).is_none());
    }

    #[test]
    fn keeps_pre_and_scripts_working() {
        let out = run(
            "<pre>a\n    b  c</pre><script>\nconst  x = 1;\nif (x) { document.title = \"t\"; }\n</script><style>p { color : red ; }</style>",
        );
        assert!(out.contains("<pre>a\n    b  c</pre>"), "{out}");
        assert!(
            out.contains("<script>const x=1;document.title=`t`;</script>"),
            "{out}"
        );
        assert!(out.contains("p{color:red}"), "{out}");
    }
}
