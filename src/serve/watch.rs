//! What `serve` watches: the stamp (size, times, inode) of every content and template file.
//!
//! Polling, not OS notifications: a scan of a 1,000-document site is a few milliseconds of
//! `stat` calls, it sees every way editors save (in place, or write-and-rename), works the
//! same on every platform and file system, and needs no extra crate.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::pipeline;

/// The stamp of one file; `None` while it cannot be read.
pub type Stamp = Option<crate::fs::Stamp>;

/// The state of a site's sources at one moment.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Every document file (as discovered for a build) and its stamp.
    pub documents: BTreeMap<PathBuf, Stamp>,
    /// `content/_index.md` and the template files a build reads: a change rebuilds everything.
    pub site: BTreeMap<PathBuf, Stamp>,
}

/// Takes a snapshot of the site at `root`.
pub fn snapshot(root: &Path) -> Snapshot {
    let found = pipeline::sources(root);
    let stamped = |paths: Vec<PathBuf>| {
        paths
            .into_iter()
            .map(|path| {
                let stamp = crate::fs::Stamp::of(&path);
                (path, stamp)
            })
            .collect()
    };
    Snapshot {
        documents: stamped(found.documents),
        site: stamped(found.site),
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn sees_edits_additions_and_template_changes() {
        let dir = std::env::temp_dir().join(format!("warraq-watch-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("content")).unwrap();
        fs::create_dir_all(dir.join("templates")).unwrap();
        fs::write(dir.join("content/_index.md"), "x").unwrap();
        fs::write(dir.join("content/a.md"), "a").unwrap();
        let first = snapshot(&dir);
        assert_eq!(first.documents.len(), 1);
        assert_eq!(first.site.len(), 1);
        fs::write(dir.join("content/a.md"), "longer").unwrap();
        let second = snapshot(&dir);
        assert_ne!(first.documents, second.documents);
        assert_eq!(first.site, second.site);
        fs::write(dir.join("templates/base.html"), "t").unwrap();
        assert_ne!(snapshot(&dir).site, second.site);
        fs::remove_dir_all(&dir).unwrap();
    }
}
