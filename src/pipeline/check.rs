//! Check stage: every link of the site resolves, every id is used once on its page. Works on
//! the link summaries the render stages kept of each file, so no page is read again.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::load::display;
use crate::anchors;
use crate::diagnostics::{self, Diagnostic};
use crate::links;

/// The check stage: the problems of `files` (every file of the site, with its summary, in any
/// order) added to `diagnostics`, each at the page, or at the source line of a document's
/// in-page link that the Markdown stage already pointed out; `out` names the pages.
pub fn check_links(
    mut files: Vec<(&str, &links::Summary)>,
    base_url: Option<&str>,
    anchors: &anchors::Index,
    out: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) {
    files.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let problems = links::check_site(&files, base_url);
    let mut local_links = LocalLinkWarnings::of(diagnostics);
    for problem in problems {
        if local_links.confirm(diagnostics, anchors, &problem) {
            continue;
        }
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

/// The warnings the Markdown stage gave at the source for in-page links (`[see](#x)`), by
/// file and message, each list with its first warning last; looked up once per problem of the
/// link check rather than by a pass over every diagnostic of the build.
struct LocalLinkWarnings(HashMap<(PathBuf, String), Vec<usize>>);

impl LocalLinkWarnings {
    fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut warnings: HashMap<(PathBuf, String), Vec<usize>> = HashMap::new();
        for (i, d) in diagnostics.iter().enumerate().rev() {
            if !d.is_error() && d.field.as_deref() == Some("link") {
                let key = (d.file.clone(), d.message.clone());
                warnings.entry(key).or_default().push(i);
            }
        }
        LocalLinkWarnings(warnings)
    }

    /// Makes the next source warning for the link of `problem` an error, when the link check
    /// confirms that the page has no such id; false when there is none, and the problem is
    /// reported at the page.
    fn confirm(
        &mut self,
        diagnostics: &mut [Diagnostic],
        anchors: &anchors::Index,
        problem: &links::LinkProblem,
    ) -> bool {
        // Both sides name the target as the browser looks it up, percent-decoded: the page
        // holds `#%D9%85…` where the author wrote `#م…`.
        let target = problem
            .link
            .as_deref()
            .and_then(|l| l.trim().strip_prefix('#'))
            .map(links::percent_decode);
        let url = problem
            .page
            .strip_suffix("index.html")
            .unwrap_or(&problem.page);
        // Only a document's own page, `<slug>/`, holds its Markdown body: the same link on its
        // English page (`en/<slug>/`) came from a template, and is reported there.
        if url.trim_end_matches('/').contains('/') {
            return false;
        }
        let source = anchors.pages.get(url).and_then(|p| p.source.as_deref());
        let (Some(target), Some(source)) = (target, source) else {
            return false;
        };
        let key = (
            display(source),
            crate::markdown::local_links::message(&target),
        );
        let Some(i) = self.0.get_mut(&key).and_then(Vec::pop) else {
            return false;
        };
        diagnostics[i].severity = diagnostics::Severity::Error;
        true
    }
}
