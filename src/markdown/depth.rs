//! Caps how deeply Markdown may nest (block quotes in block quotes, lists in lists, emphasis
//! in emphasis), so a hostile or broken file cannot blow the stack of the HTML minifier.
//!
//! The minifier parses the page recursively: a few thousand nested `>` overflow its stack and
//! abort the whole build. Real papers nest a handful of levels. Past [`MAX_DEPTH`] the pass
//! reports one error at the first element that goes too deep and drops the start and end tags
//! of every deeper element (keeping their text), so the rest of the build runs safely and
//! still reports every other problem of the run.

use pulldown_cmark::Event;

use super::parser::Spanned;
use crate::diagnostics::FileDiagnostics;

/// The deepest nesting of Markdown elements Warraq accepts.
pub(crate) const MAX_DEPTH: usize = 50;

/// Removes tags nested deeper than [`MAX_DEPTH`], reporting the first at its position: told
/// each event in turn, it says which to keep.
#[derive(Debug, Default)]
pub(crate) struct Limit {
    depth: usize,
    reported: bool,
}

impl Limit {
    /// Whether `event` stays; the first start tag too deep is reported.
    pub(crate) fn keep(
        &mut self,
        (event, range): &Spanned,
        diags: &mut FileDiagnostics,
        base: usize,
    ) -> bool {
        match event {
            Event::Start(_) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH && !self.reported {
                    self.reported = true;
                    diags
                        .error(
                            base + range.start,
                            format!(
                                "the Markdown here is nested more than {MAX_DEPTH} levels deep (block quotes, lists or emphasis inside each other)"
                            ),
                        )
                        .set_field("nesting")
                        .set_hint("flatten the quotes or lists; a converted PDF sometimes turns indentation into `>` or list markers");
                }
                self.depth <= MAX_DEPTH
            }
            Event::End(_) => {
                self.depth = self.depth.saturating_sub(1);
                self.depth < MAX_DEPTH
            }
            _ => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use pulldown_cmark::html;

    use super::*;
    use crate::markdown::parser::parse;

    fn run(body: &str) -> (String, Vec<String>) {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let mut limit = Limit::default();
        let events = parse(body).into_iter();
        let events = events.filter(|event| limit.keep(event, &mut diags, 0));
        let mut out = String::new();
        html::push_html(&mut out, events.map(|(e, _)| e));
        (out, diags.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn shallow_markdown_is_untouched() {
        let body = "> > a\n\n- b\n  - *c*\n";
        let (html, diags) = run(body);
        assert!(diags.is_empty());
        assert_eq!(html.matches("<blockquote>").count(), 2);
        assert_eq!(html.matches("<ul>").count(), 2);
    }

    #[test]
    fn deep_quotes_are_flattened_with_one_error() {
        let body = format!("{} deep\n", ">".repeat(5000));
        let (html, diags) = run(&body);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert!(
            diags[0].starts_with(
                "d.md:1:51: error: nesting: the Markdown here is nested more than 50 levels deep"
            ),
            "{}",
            diags[0]
        );
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(
            html.matches("<blockquote>").count(),
            html.matches("</blockquote>").count()
        );
        assert!(html.contains("deep"));
    }

    #[test]
    fn exactly_the_limit_is_accepted() {
        let body = format!("{} edge\n", ">".repeat(MAX_DEPTH - 1));
        let (_, diags) = run(&body);
        assert!(diags.is_empty(), "{diags:?}");
    }
}
