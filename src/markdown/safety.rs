//! Keeps author Markdown from injecting markup: raw HTML is shown as text, script links refused.
//!
//! Warraq documents are text; HTML written inside them is escaped and displayed literally,
//! unless the site settings say `allow_raw_html: true`. Links and images whose URL would run
//! a script are refused either way (raw HTML, when allowed, is the editor's responsibility).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parser::Spanned;
use crate::diagnostics::FileDiagnostics;

/// URL schemes that run code when followed.
const REFUSED_SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Turns raw HTML into text (unless `raw_html` allows it) and reports links or images whose
/// URL would run a script: one event at a time, as the parser makes them.
pub(crate) fn sanitize<'a>(
    (mut event, range): Spanned<'a>,
    raw_html: bool,
    diags: &mut FileDiagnostics,
    base: usize,
) -> Spanned<'a> {
    if !raw_html {
        event = match event {
            Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
            Event::Start(Tag::HtmlBlock) => Event::Start(Tag::Paragraph),
            Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
            other => other,
        };
    }
    if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = &mut event {
        let url = std::mem::replace(dest_url, CowStr::Borrowed(""));
        *dest_url = checked(url, base + range.start, diags);
    }
    (event, range)
}

fn checked<'a>(url: CowStr<'a>, offset: usize, diags: &mut FileDiagnostics) -> CowStr<'a> {
    let normalized: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    match REFUSED_SCHEMES
        .iter()
        .find(|scheme| normalized.starts_with(*scheme))
    {
        Some(scheme) => {
            diags
                .error(
                    offset,
                    format!("links with `{scheme}` URLs are not allowed"),
                )
                .set_field("link")
                .set_hint("link to an http(s) address or to a place in the site");
            "#".into()
        }
        None => url,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use pulldown_cmark::html;

    use super::*;
    use crate::markdown::parser::parse;

    fn run(body: &str) -> (String, Vec<String>) {
        run_with(body, false)
    }

    fn run_with(body: &str, raw_html: bool) -> (String, Vec<String>) {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let events = parse(body).into_iter();
        let events = events.map(|event| sanitize(event, raw_html, &mut diags, 0));
        let mut out = String::new();
        html::push_html(&mut out, events.map(|(e, _)| e));
        (out, diags.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn raw_html_is_escaped() {
        let cases = [
            (
                "a <script>alert(1)</script> b\n",
                "<p>a &lt;script&gt;alert(1)&lt;/script&gt; b</p>\n",
            ),
            (
                "<div onclick=\"x\">\nhi\n</div>\n",
                "<p>&lt;div onclick=\"x\"&gt;\nhi\n&lt;/div&gt;\n</p>\n",
            ),
            (
                "<img src=x onerror=alert(1)>\n",
                "<p>&lt;img src=x onerror=alert(1)&gt;\n</p>\n",
            ),
        ];
        for (md, expected) in cases {
            assert_eq!(run(md).0, expected, "{md}");
        }
    }

    #[test]
    fn script_links_are_refused() {
        for md in [
            "[x](javascript:alert(1))",
            "[x]( JaVaScRiPt:alert(1))",
            "![i](data:text/html,x)",
        ] {
            let (out, diags) = run(md);
            assert!(
                !out.to_ascii_lowercase().contains("script:") && !out.contains("data:"),
                "{md}: {out}"
            );
            assert_eq!(diags.len(), 1, "{md}: {diags:?}");
        }
        assert!(run("[x](https://example.org)").1.is_empty());
    }

    #[test]
    fn raw_html_passes_when_allowed_but_script_links_do_not() {
        let (out, diags) = run_with("<div class=\"x\">\nhi\n</div>\n\na <b>b</b>\n", true);
        assert_eq!(out, "<div class=\"x\">\nhi\n</div>\n<p>a <b>b</b></p>\n");
        assert!(diags.is_empty());
        let (out, diags) = run_with("<b>x</b> [y](javascript:alert(1))\n", true);
        assert_eq!(out, "<p><b>x</b> <a href=\"#\">y</a></p>\n");
        assert_eq!(diags.len(), 1, "{diags:?}");
    }
}
