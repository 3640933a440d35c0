//! Check stage: every link of the site resolves, every id is used once on its page. Works on
//! the link summaries the render stages kept of each file, so no page is read again. (A
//! document's own links to `#ids` of its page were checked when the page was made, and
//! reported at their source: `markdown::local_links`; their links to other pages are
//! checked here and reported at their source too.)

use std::collections::{HashMap, VecDeque};
use std::path::Path;

use super::document::PlacedLink;
use super::load::display;
use crate::diagnostics::Diagnostic;
use crate::links;

/// The check stage: the problems of `files` (every file of the site, with its summary, in any
/// order) added to `diagnostics`, each at its page; `out` names the pages. A broken link an
/// author wrote (one of `placed`) is reported at its line of the Markdown instead.
pub(crate) fn check_links(
    mut files: Vec<(&str, &links::Summary)>,
    placed: &[&PlacedLink],
    base_url: Option<&str>,
    out: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    // The authors' links by page and address, each taken once, in the order of the page.
    let mut by_page: HashMap<&str, HashMap<&str, VecDeque<&PlacedLink>>> = HashMap::new();
    for link in placed {
        (by_page.entry(&link.page).or_default())
            .entry(&link.href)
            .or_default()
            .push_back(link);
    }
    for problem in links::check_site(&files, base_url) {
        let authored = (problem.href.as_deref()).and_then(|href| {
            by_page
                .get_mut(problem.page.as_str())?
                .get_mut(href)?
                .pop_front()
        });
        let diagnostic = match authored {
            Some(link) => Diagnostic::error(&link.file, link.position, problem.message),
            None => Diagnostic::error(
                &display(&out.join(&problem.page)),
                problem.position,
                problem.message,
            ),
        };
        diagnostics.push(diagnostic.field("link").hint(problem.hint));
    }
}
