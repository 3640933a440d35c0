//! `warraq serve`: a local preview that rebuilds on change and reloads the open page.
//!
//! `watch` notices changed files (told by the system, or polling), `incremental` rebuilds only
//! what they touch (into a preview folder of its own, never `site/`), `http` serves the folder
//! on loopback, and `reload` adds the script that reloads a page after a good rebuild. Content
//! errors are printed, the last good preview keeps being served, and its pages show the errors
//! over themselves (`overlay`) until a rebuild succeeds.

pub(crate) mod http;
pub mod incremental;
pub(crate) mod overlay;
pub mod reload;
pub mod watch;

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::fs::Stamp;
use crate::output::lock;
use crate::pipeline::{self, Options};

use overlay::Failure;
use reload::Status;

/// The longest the sources go unchecked while no notice comes (`watch`).
const RECHECK: Duration = Duration::from_secs(2);

/// What to preview and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// Where the preview is written; a folder of its own under the system's temp folder by
    /// default.
    pub out: Option<PathBuf>,
    /// Include drafts.
    pub drafts: bool,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Path prefix the site is served under (`/repo/` mimics a GitHub project page).
    pub base_path: String,
}

/// Builds, serves and rebuilds until the process is stopped; returns only on a failure to
/// start (the port is taken, the site folder is not usable).
pub fn run(options: &ServeOptions) -> Result<(), Error> {
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| default_out(&options.root));
    // Held while the preview is served: a second `serve` into this folder fails naming this
    // one, and a `build --out` into it waits (`output::lock`).
    let _lock = lock::take(&out, lock::Role::Serve)?;
    let base_path = normalize_base(&options.base_path);
    let listener = TcpListener::bind(("127.0.0.1", options.port))
        .map_err(|e| Error::io("listen on", format!("127.0.0.1:{}", options.port), e))?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::io("listen on", "127.0.0.1", e))?;
    let status = Arc::new(Status::default());
    let mut preview = incremental::Preview::new(Options {
        root: options.root.clone(),
        out: out.clone(),
        base_url: None,
        drafts: options.drafts,
        write: true,
        // The preview keeps its own state of what changed (`incremental`), not a record.
        full: true,
    });
    // Watching from before the first snapshot, so that no edit falls between them.
    let mut watcher = watch::Watcher::start(&options.root);
    let mut seen = watch::snapshot(&options.root);
    rebuild(&mut preview, &seen, &status);
    let served = Arc::new(http::Served {
        dir: out.clone(),
        base_path: base_path.clone(),
        status: Arc::clone(&status),
    });
    std::thread::spawn(move || http::serve(listener, served));
    eprintln!(
        "warraq: serving {} at http://{address}{base_path} (preview files in {}); stop with Ctrl-C",
        options.root.display(),
        out.display()
    );
    loop {
        watcher.wait(RECHECK);
        let now = watch::snapshot(&options.root);
        if now != seen {
            for line in removed(&seen, &now) {
                eprintln!("{line}");
            }
            seen = now;
            rebuild(&mut preview, &seen, &status);
        }
    }
}

/// One rebuild, reported on stderr and to the open pages (`status`); environment failures are
/// reported and survived.
fn rebuild(preview: &mut incremental::Preview, snapshot: &watch::Snapshot, status: &Status) {
    let start = Instant::now();
    let was_failing = status.failing();
    match preview.update(snapshot) {
        Ok(report) => {
            for diagnostic in &report.diagnostics {
                eprintln!("{diagnostic}");
            }
            let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
            if report.written {
                status.built();
                eprintln!(
                    "warraq: {} rebuild: {} page(s) in {} ms{}",
                    report.kind,
                    report.pages,
                    start.elapsed().as_millis(),
                    if was_failing {
                        "; no error remains"
                    } else {
                        ""
                    }
                );
            } else if errors > 0 {
                status.failed_with(&report.diagnostics);
                eprintln!(
                    "warraq: {errors} error(s); the previous preview is still served, with the \
                     errors shown over its pages"
                );
            }
        }
        Err(err) => {
            eprintln!("warraq: error: {err}; the previous preview is still served");
            status.failed(Failure::Environment(err.to_string()));
        }
    }
}

/// A line for each source file gone since `before`, as messages name it.
fn removed(before: &watch::Snapshot, now: &watch::Snapshot) -> Vec<String> {
    let gone = |was: &BTreeMap<PathBuf, Option<Stamp>>, is: &BTreeMap<PathBuf, Option<Stamp>>| {
        (was.keys())
            .filter(|path| !is.contains_key(*path))
            .map(|path| format!("warraq: removed {}", pipeline::display(path).display()))
            .collect::<Vec<_>>()
    };
    let mut lines = gone(&before.documents, &now.documents);
    lines.extend(gone(&before.site, &now.site));
    lines
}

/// `/repo` → `/repo/`; empty → `/`.
fn normalize_base(base: &str) -> String {
    let trimmed = base.trim_matches('/');
    if trimmed.is_empty() {
        "/".to_string()
    } else {
        format!("/{trimmed}/")
    }
}

/// A preview folder per site under the temp folder, reused across runs.
fn default_out(root: &Path) -> PathBuf {
    let absolute = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    absolute.hash(&mut hasher);
    std::env::temp_dir().join(format!("warraq-serve-{:016x}", hasher.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_paths_are_normalized() {
        for (given, expected) in [
            ("", "/"),
            ("/", "/"),
            ("repo", "/repo/"),
            ("/repo/", "/repo/"),
            ("/a/b", "/a/b/"),
        ] {
            assert_eq!(normalize_base(given), expected, "{given}");
        }
    }
}
