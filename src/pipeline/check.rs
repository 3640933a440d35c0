//! Check stage: every link of the site resolves, every id is used once on its page. Works on
//! the link summaries the render stages kept of each file, so no page is read again. (A
//! document's own links to `#ids` of its page were checked when the page was made, and
//! reported at their source: `markdown::local_links`.)

use std::path::Path;

use super::load::display;
use crate::diagnostics::Diagnostic;
use crate::links;

/// The check stage: the problems of `files` (every file of the site, with its summary, in any
/// order) added to `diagnostics`, each at its page; `out` names the pages.
pub(crate) fn check_links(
    mut files: Vec<(&str, &links::Summary)>,
    base_url: Option<&str>,
    out: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for problem in links::check_site(&files, base_url) {
        diagnostics.push(
            Diagnostic::error(
                &display(&out.join(&problem.page)),
                problem.position,
                problem.message,
            )
            .field("link")
            .hint(problem.hint),
        );
    }
}
