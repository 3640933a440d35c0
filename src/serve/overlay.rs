//! `serve`'s error overlay: the errors of the last rebuild as a box over the preview page.
//!
//! Pure: the errors in, one HTML fragment out, in the page's language (the interface words
//! come from `i18n`; the messages are the program's, in English, as the terminal prints
//! them). Everything a diagnostic carries is escaped, since messages quote what the editor
//! wrote. The fragment brings its own style sheet, scoped to its id, so that it reads the
//! same over any site's templates, light or dark. The live-reload script (`reload`) fetches
//! it and adds it to the page; `build` output never contains it.

use std::fmt::Write;

use crate::diagnostics::Diagnostic;
use crate::i18n::{self, fill};
use crate::lang::Lang;

/// The overlay's id on the page; every rule of its style sheet is scoped to it.
pub(crate) const ID: &str = "warraq-errors";

/// What stands in the way of the preview: a rebuild's content errors, or an environment
/// failure (a template that does not parse, a file that cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The errors among a rebuild's diagnostics (never empty).
    Content(Vec<Diagnostic>),
    /// The message of an environment error.
    Environment(String),
}

/// The overlay in `lang`, listing what `failure` holds.
pub(crate) fn render(lang: Lang, failure: &Failure) -> String {
    let t = i18n::strings(lang);
    let count = match failure {
        Failure::Content(errors) => errors.len(),
        Failure::Environment(_) => 1,
    };
    let mut out = String::with_capacity(4096);
    let _ = write!(
        out,
        "<div id=\"{ID}\" role=\"alertdialog\" aria-labelledby=\"{ID}-title\" \
         aria-describedby=\"{ID}-text\" tabindex=\"-1\" lang=\"{}\" dir=\"{}\">\
         <style>{STYLE}</style>\
         <h2 id=\"{ID}-title\">{}</h2>\
         <p id=\"{ID}-text\">{} <span class=\"count\">{}</span></p><ol>",
        lang.code(),
        lang.dir(),
        escape(&t.serve_error_title),
        escape(&t.serve_error_text),
        escape(&fill(&t.serve_error_count, &count.to_string())),
    );
    match failure {
        Failure::Content(errors) => {
            for error in errors {
                item(&mut out, error, &t.serve_error_hint);
            }
        }
        Failure::Environment(message) => {
            let _ = write!(
                out,
                "<li><p class=\"message\" lang=\"en\" dir=\"ltr\">{}</p></li>",
                escape(message)
            );
        }
    }
    let _ = write!(
        out,
        "</ol><button type=\"button\" class=\"close\" aria-keyshortcuts=\"Escape\">{}</button></div>",
        escape(&t.serve_error_close)
    );
    out
}

/// One error: where (file:line:column, left to right), what, and the hint if any.
fn item(out: &mut String, error: &Diagnostic, hint_label: &str) {
    let _ = write!(
        out,
        "<li><p class=\"where\" dir=\"ltr\"><code>{}:{}:{}</code></p>\
         <p class=\"message\" lang=\"en\" dir=\"ltr\">",
        escape(&error.file.to_string_lossy()),
        error.line,
        error.column
    );
    if let Some(field) = &error.field {
        let _ = write!(out, "<code>{}</code>: ", escape(field));
    }
    out.push_str(&escape(&error.message));
    out.push_str("</p>");
    if let Some(hint) = &error.hint {
        let _ = write!(
            out,
            "<p class=\"hint\"><span class=\"label\">{}</span> <bdi lang=\"en\" dir=\"ltr\">{}</bdi></p>",
            escape(hint_label),
            escape(hint)
        );
    }
    out.push_str("</li>");
}

/// Text escaped for HTML, with the table pulldown-cmark's writer uses for attribute values
/// (`&`, `<`, `>`, `"`; `'` needs none where this module writes).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a `String` cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The overlay's look: fixed at the top of the window, scrolling on its own, wrapping long
/// paths and messages (no sideways scroll at 320 px), light or dark as the reader's system
/// asks, and untouched by the site's own style sheet (every rule under the overlay's id,
/// the properties a site might set on these elements given here).
const STYLE: &str = "\
#warraq-errors{--fg:#1b1b1b;--bg:#fff8f6;--edge:#b3261e;--code:#f3e4e1;\
position:fixed;inset:0 0 auto 0;z-index:2147483647;box-sizing:border-box;width:100%;\
max-height:85vh;overflow:auto;margin:0;padding:1rem clamp(.75rem,3vw,2rem);\
background:var(--bg);color:var(--fg);border-block-end:.3rem solid var(--edge);\
box-shadow:0 .5rem 1.5rem rgba(0,0,0,.35);font:1rem/1.55 system-ui,sans-serif;\
overflow-wrap:anywhere;text-align:start}\
#warraq-errors *{box-sizing:border-box;max-width:100%;color:inherit;font-family:inherit;\
letter-spacing:normal}\
#warraq-errors:focus{outline:.2rem solid var(--edge);outline-offset:-.35rem}\
#warraq-errors h2{margin:0 0 .25rem;font-size:1.2rem;line-height:1.3;color:var(--edge)}\
#warraq-errors>p{margin:0 0 .75rem}\
#warraq-errors .count{font-weight:bold;white-space:nowrap}\
#warraq-errors ol{margin:0;padding:0;list-style:none}\
#warraq-errors li{margin:0 0 .75rem;padding:.5rem .75rem;background:var(--code);\
border-inline-start:.25rem solid var(--edge)}\
#warraq-errors li p{margin:.15rem 0}\
#warraq-errors code{font-family:ui-monospace,monospace;font-size:.95em;background:none;\
padding:0;white-space:normal}\
#warraq-errors .where code{font-weight:bold}\
#warraq-errors .hint .label{font-weight:bold}\
#warraq-errors .close{font:inherit;font-size:1rem;margin-top:.25rem;padding:.35rem 1rem;\
min-height:2.75rem;min-width:2.75rem;background:var(--fg);color:var(--bg);border:0;\
border-radius:.3rem;cursor:pointer}\
#warraq-errors .close:focus-visible{outline:.2rem solid var(--edge);outline-offset:.15rem}\
@media (prefers-color-scheme:dark){#warraq-errors{--fg:#f2ecea;--bg:#241a19;\
--edge:#ffb4ab;--code:#3a2a28}}";

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn error() -> Diagnostic {
        Diagnostic::error(
            Path::new("content/<b>.md"),
            (4, 7),
            "unknown key `<script>alert(\"x\")</script>` & more",
        )
        .field("a\"b")
        .hint("did you mean `<i>title</i>`?")
    }

    #[test]
    fn every_part_of_a_diagnostic_is_escaped() {
        let html = render(Lang::En, &Failure::Content(vec![error()]));
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<i>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        for expected in [
            "<code>content/&lt;b&gt;.md:4:7</code>",
            "<code>a&quot;b</code>: unknown key `&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;` &amp; more",
            "<span class=\"label\">hint:</span> <bdi lang=\"en\" dir=\"ltr\">did you mean `&lt;i&gt;title&lt;/i&gt;`?</bdi>",
        ] {
            assert!(html.contains(expected), "{expected} not in {html}");
        }
        let environment = render(
            Lang::En,
            &Failure::Environment("template <x>: broken".into()),
        );
        assert!(
            environment.contains("template &lt;x&gt;: broken"),
            "{environment}"
        );
    }

    #[test]
    fn the_words_are_in_the_page_language() {
        let failure = Failure::Content(vec![error(), error()]);
        let ar = render(Lang::Ar, &failure);
        assert!(ar.starts_with(
            "<div id=\"warraq-errors\" role=\"alertdialog\" aria-labelledby=\"warraq-errors-title\" \
             aria-describedby=\"warraq-errors-text\" tabindex=\"-1\" lang=\"ar\" dir=\"rtl\">"
        ));
        for expected in [
            "تعذّر بناء آخر تعديل",
            "الأخطاء: 2",
            "اقتراح:",
            ">إغلاق</button>",
        ] {
            assert!(ar.contains(expected), "{expected} not in {ar}");
        }
        let en = render(Lang::En, &failure);
        assert!(en.contains("lang=\"en\" dir=\"ltr\">"), "{en}");
        assert!(en.contains("The last edit did not build"), "{en}");
        assert!(en.contains("Errors: 2"), "{en}");
        assert_eq!(en.matches("<li>").count(), 2);
        // The messages are the program's, in English, whatever the page's language.
        assert_eq!(
            ar.matches("<p class=\"message\" lang=\"en\" dir=\"ltr\">")
                .count(),
            2
        );
    }

    #[test]
    fn a_diagnostic_without_field_or_hint_has_neither() {
        let plain = Diagnostic::error(Path::new("content/a.md"), (1, 1), "bad");
        let html = render(Lang::En, &Failure::Content(vec![plain]));
        assert!(html.contains("<p class=\"message\" lang=\"en\" dir=\"ltr\">bad</p></li>"));
        assert!(!html.contains("class=\"hint\""));
    }

    #[test]
    fn every_rule_of_the_style_sheet_is_scoped_to_the_overlay() {
        let rules = STYLE.replace("@media (prefers-color-scheme:dark){", "");
        for rule in rules.split('}').map(str::trim).filter(|r| !r.is_empty()) {
            let selectors = rule.split('{').next().unwrap_or("");
            for selector in selectors.split(',') {
                assert!(selector.starts_with("#warraq-errors"), "{selector}");
            }
        }
    }
}
