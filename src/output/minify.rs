//! The one minify-html configuration: smaller pages, same text and behaviour.
//!
//! Kept: the doctype as written, `<html>`/`<head>` tags and closing tags (so the output stays
//! valid HTML a validator accepts), every character of text including Arabic and bidi
//! controls, and `<pre>` content. Inline CSS and JS are minified.

use std::sync::LazyLock;

use minify_html::{Cfg, minify};

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
pub fn html(page: impl AsRef<[u8]>) -> Vec<u8> {
    minify(page.as_ref(), &CFG)
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
