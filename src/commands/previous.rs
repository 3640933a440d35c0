//! `warraq check --previous FILE`: every anchor of the previous release must still exist.
//!
//! Reads the previous release's `anchors.json` (or the one inside a previous `site/` folder)
//! and reports, one diagnostic each, the pages and fragments the new build no longer has.
//! Each diagnostic points at the fragment's line in the previous file and names the content
//! file where an alias would fix it. A renamed paper's old address (`former_slugs:`) keeps the
//! fragments its new page has; a withdrawn paper's (`withdrawn:`) keeps them all. The
//! archive's lists (topic, series and author pages, later pages of a list) follow the papers
//! they hold: one gone is a warning, not an error.

use std::path::{Path, PathBuf};

use crate::anchors::{self, Index, Lost};
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::source_map::SourceMap;

/// Diagnostics for everything `previous` (a file or a folder holding `anchors.json`) lists
/// that `current` lacks.
pub fn check(previous: &Path, current: &Index) -> Result<Vec<Diagnostic>, Error> {
    let path: PathBuf = if previous.is_dir() {
        previous.join(anchors::FILE)
    } else {
        previous.to_path_buf()
    };
    let text = crate::fs::read_text(&path)?;
    let old = Index::parse(&text).map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?;
    let map = SourceMap::new(&text);
    let diagnostics = anchors::lost(&old, current)
        .into_iter()
        .map(|lost| match lost {
            Lost::Fragment { url, fragment } => {
                let at = map.position(anchors::offset_in(&text, &url, Some(&fragment)));
                // A renamed paper's old address: the alias goes in the paper it now leads to.
                let page = (current.pages.get(&url))
                    .or_else(|| current.redirects.get(&url).and_then(|to| current.pages.get(to)));
                let file = page.and_then(|p| p.source.as_ref());
                let hint = match file {
                    Some(file) => format!(
                        "if it moved, add `aliases: {{{fragment}: <new id>}}` to the front matter of {}",
                        file.display()
                    ),
                    None => "restore the id, or give the page an alias for it".to_string(),
                };
                Diagnostic::error(
                    &path,
                    at,
                    format!("the anchor `{url}#{fragment}` of the previous release is gone"),
                )
                .field("anchors")
                .hint(hint)
            }
            Lost::Page { url, .. } if crate::pipeline::is_list_page(&url) => {
                let at = map.position(anchors::offset_in(&text, &url, None));
                Diagnostic::warning(
                    &path,
                    at,
                    format!("the list `{url}` of the previous release is gone"),
                )
                .field("anchors")
                .hint("a topic's, series' or author's page goes with the last paper it lists, and a list's later pages with the papers that filled them; papers do not link to a list that is gone")
            }
            Lost::Page { url, fragments } => {
                let at = map.position(anchors::offset_in(&text, &url, None));
                Diagnostic::error(
                    &path,
                    at,
                    format!(
                        "the page `{url}` of the previous release is gone (with {fragments} anchor(s))"
                    ),
                )
                .field("anchors")
                .hint("keep the document's slug; a renamed paper lists it in `former_slugs:`, a withdrawn one goes under `withdrawn:` in content/_index.md")
            }
            Lost::OldAddress { url } => {
                let at = map.position(old_address_offset(&text, &url));
                Diagnostic::error(
                    &path,
                    at,
                    format!("the old address `{url}` that the previous release kept is gone"),
                )
                .field("anchors")
                .hint("keep the slug in the renamed paper's `former_slugs:`, or under `withdrawn:` in content/_index.md")
            }
        })
        .collect();
    Ok(diagnostics)
}

/// Byte offset of an old address in the `redirects` or `withdrawn` part of an index file (0 if
/// not found).
fn old_address_offset(text: &str, url: &str) -> usize {
    let quoted = serde_json::to_string(url).unwrap_or_default();
    ["\"redirects\"", "\"withdrawn\""]
        .iter()
        .filter_map(|part| text.find(part))
        .find_map(|start| text[start..].find(&quoted).map(|i| start + i))
        .unwrap_or(0)
}
