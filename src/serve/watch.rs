//! What `serve` watches: when the sources may have changed ([`Watcher`]), and what they are
//! now ([`Snapshot`]: the stamp, size, times and inode, of every content and template file).
//!
//! The operating system tells of changes under `content/` and `templates/` (the `notify`
//! crate: inotify, FSEvents, ReadDirectoryChangesW; it lives only here); the site folder
//! itself is watched too, not its subfolders, to see either folder made, removed or replaced
//! after the start (`templates/` is optional). A notice only wakes the loop: what changed is
//! always decided by comparing two snapshots, so a notice too many costs a scan of `stat`s
//! (a few milliseconds for 1,000 documents) and a notice lost is found at the next one, or
//! at the latest when [`Watcher::wait`]'s time is up. That covers what notices miss: the
//! target of a template that is a symbolic link, a file written into a new folder before the
//! folder is watched.
//!
//! Where notices cannot be had (notify fails to start, or reports an error later, e.g. the
//! system's limit of watches reached) the watcher says so once on standard error and polls
//! every [`POLL`] instead, as `serve` did before; `WARRAQ_POLL=1` in the environment asks for
//! polling from the start (for file systems that send no notices, such as some network or
//! container mounts).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::fs::Stamp;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::pipeline;

/// How often the sources are checked when polling.
pub(crate) const POLL: Duration = Duration::from_millis(50);

/// How long notices must stop before a change is taken as done: an editor's save can be
/// several (write a new file, rename it over the old one), and they come within this.
const QUIET: Duration = Duration::from_millis(20);

/// The longest a stream of notices keeps the loop waiting (a script writing many files).
const SETTLE: Duration = Duration::from_millis(200);

/// The state of a site's sources at one moment.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// Every document file (as discovered for a build) and its stamp.
    pub(crate) documents: BTreeMap<PathBuf, Option<Stamp>>,
    /// `content/_index.md` and the template files a build reads: a change rebuilds everything.
    pub(crate) site: BTreeMap<PathBuf, Option<Stamp>>,
    /// The other files under `content/`: a change renders again the documents naming the
    /// file (as their `pdf:`).
    pub(crate) attachments: BTreeMap<PathBuf, Option<Stamp>>,
    /// Each document's bundle files and their stamps, by the document's path (as in
    /// `documents`): a change renders that document again.
    pub(crate) bundles: BTreeMap<PathBuf, BTreeMap<PathBuf, Option<Stamp>>>,
}

impl Snapshot {
    /// Every file under `content/` that is not a document, each once: the attachments and
    /// every bundle's files (a document's PDF may be either).
    pub(crate) fn other_files(&self) -> BTreeMap<PathBuf, Option<Stamp>> {
        let bundled = self.bundles.values().flatten();
        (self.attachments.iter().chain(bundled))
            .map(|(path, stamp)| (path.clone(), *stamp))
            .collect()
    }
}

/// Takes a snapshot of the site at `root`.
pub fn snapshot(root: &Path) -> Snapshot {
    let found = pipeline::sources(root);
    let stamped = |paths: Vec<PathBuf>| {
        paths
            .into_iter()
            .map(|path| {
                let stamp = Stamp::of(&path);
                (path, stamp)
            })
            .collect()
    };
    Snapshot {
        documents: stamped(found.documents),
        site: stamped(found.site),
        attachments: stamped(found.attachments),
        bundles: (found.bundles.into_iter())
            .map(|(document, files)| (document, stamped(files)))
            .collect(),
    }
}

/// Wakes `serve` when the sources of a site may have changed.
pub(crate) struct Watcher {
    root: PathBuf,
    /// `None` while polling.
    notices: Option<Notices>,
}

/// The operating system's notices of the site's source folders.
struct Notices {
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<Event>>,
    /// `content/` and `templates/`, each watched with its subfolders when it exists.
    folders: [PathBuf; 2],
}

impl Watcher {
    /// Watches the site at `root`: with the system's notices, or by polling when
    /// `WARRAQ_POLL` is set (and not `0`) or notices cannot be had (said on stderr).
    pub(crate) fn start(root: &Path) -> Watcher {
        if std::env::var_os("WARRAQ_POLL").is_some_and(|v| !v.is_empty() && v != "0") {
            eprintln!(
                "warraq: WARRAQ_POLL is set: checking the sources every {} ms",
                POLL.as_millis()
            );
            return Watcher::polling(root);
        }
        Watcher::notified(root).unwrap_or_else(|err| {
            fall_back(root, &err);
            Watcher::polling(root)
        })
    }

    /// A watcher that polls.
    pub(crate) fn polling(root: &Path) -> Watcher {
        Watcher {
            root: root.to_path_buf(),
            notices: None,
        }
    }

    /// A watcher on the system's notices, or why there can be none.
    pub(crate) fn notified(root: &Path) -> notify::Result<Watcher> {
        // Notices name files by absolute paths (a relative one joined to the working folder,
        // links not followed): the folders are compared with them in that form.
        let absolute = std::path::absolute(root).map_err(notify::Error::io)?;
        let (send, events) = mpsc::channel();
        let mut watcher = RecommendedWatcher::new(send, notify::Config::default())?;
        watcher.watch(&absolute, RecursiveMode::NonRecursive)?;
        let mut notices = Notices {
            watcher,
            events,
            folders: [absolute.join("content"), absolute.join("templates")],
        };
        for i in 0..notices.folders.len() {
            notices.rewatch(i)?;
        }
        Ok(Watcher {
            root: root.to_path_buf(),
            notices: Some(notices),
        })
    }

    /// True when polling (asked for, or fallen back to).
    #[cfg(test)]
    pub(crate) fn is_polling(&self) -> bool {
        self.notices.is_none()
    }

    /// Waits until the sources may have changed, or `longest` has passed: true after a notice
    /// (and the quiet that ends it, [`QUIET`]) or a polling interval, false when the time was
    /// up with no notice.
    pub(crate) fn wait(&mut self, longest: Duration) -> bool {
        let Some(notices) = &mut self.notices else {
            std::thread::sleep(POLL.min(longest));
            return true;
        };
        match notices.wait(longest) {
            Ok(woken) => woken,
            Err(err) => {
                fall_back(&self.root, &err);
                self.notices = None;
                true
            }
        }
    }
}

/// Says once that notices failed and polling takes over.
fn fall_back(root: &Path, err: &notify::Error) {
    eprintln!(
        "warraq: cannot watch {} for changes ({err}); checking the sources every {} ms instead",
        root.display(),
        POLL.as_millis()
    );
}

impl Notices {
    /// The first notice that concerns the sources within `longest`, then every notice until
    /// they pause for [`QUIET`] (at most [`SETTLE`]); whether there was one.
    fn wait(&mut self, longest: Duration) -> notify::Result<bool> {
        let deadline = Instant::now() + longest;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    if self.concerns_sources(event?)? {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => return Ok(false),
                Err(RecvTimeoutError::Disconnected) => return Err(stopped()),
            }
        }
        let settled = Instant::now() + SETTLE;
        while Instant::now() < settled {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => {
                    self.concerns_sources(event?)?;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return Err(stopped()),
            }
        }
        Ok(true)
    }

    /// Whether `event` may change a source; a source folder made, removed or replaced is
    /// watched anew.
    fn concerns_sources(&mut self, event: Event) -> notify::Result<bool> {
        // Reading a file (the build does) changes nothing.
        if matches!(event.kind, EventKind::Access(_)) {
            return Ok(false);
        }
        if event.need_rescan() {
            return Ok(true);
        }
        let mut concerns = false;
        for i in 0..self.folders.len() {
            if event.paths.iter().any(|p| p == &self.folders[i]) {
                self.rewatch(i)?;
            }
            concerns |= event.paths.iter().any(|p| p.starts_with(&self.folders[i]));
        }
        Ok(concerns)
    }

    /// Watches source folder `i` with its subfolders as it is now, if it is there.
    fn rewatch(&mut self, i: usize) -> notify::Result<()> {
        let folder = &self.folders[i];
        // A folder removed or replaced took its watch along; not watched is no error.
        let _ = self.watcher.unwatch(folder);
        if folder.is_dir() {
            self.watcher.watch(folder, RecursiveMode::Recursive)?;
        }
        Ok(())
    }
}

/// The error of a watcher whose thread has stopped.
fn stopped() -> notify::Error {
    notify::Error::generic("the watcher stopped")
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// Long enough for a busy machine; a passing test does not wait for it.
    const PATIENCE: Duration = Duration::from_secs(60);

    fn site(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("warraq-watch-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("content")).unwrap();
        fs::write(dir.join("content/_index.md"), "x").unwrap();
        fs::write(dir.join("content/a.md"), "a").unwrap();
        dir
    }

    /// Lets the notices of what was just done pass, so that the next wake is the next change's.
    fn drain(watcher: &mut Watcher) {
        while watcher.wait(Duration::from_millis(500)) {}
    }

    #[test]
    fn sees_edits_additions_and_template_changes() {
        let dir = site("snapshot");
        fs::create_dir_all(dir.join("templates")).unwrap();
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

    #[test]
    fn wakes_on_an_edit() {
        let dir = site("edit");
        let mut watcher = Watcher::notified(&dir).unwrap();
        let before = snapshot(&dir);
        fs::write(dir.join("content/a.md"), "edited").unwrap();
        assert!(watcher.wait(PATIENCE), "no notice of the edit");
        assert_ne!(snapshot(&dir), before);
        assert!(!watcher.is_polling());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn wakes_on_a_new_file_in_a_new_folder_and_watches_the_folder() {
        let dir = site("folder");
        let mut watcher = Watcher::notified(&dir).unwrap();
        fs::create_dir_all(dir.join("content/new/deeper")).unwrap();
        fs::write(dir.join("content/new/deeper/b.md"), "b").unwrap();
        assert!(watcher.wait(PATIENCE), "no notice of the new folder");
        drain(&mut watcher);
        assert_eq!(snapshot(&dir).documents.len(), 2);
        // Only a watch on the new folder itself can tell of this.
        fs::write(dir.join("content/new/deeper/b.md"), "edited").unwrap();
        assert!(watcher.wait(PATIENCE), "no notice from the new folder");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn wakes_on_templates_made_after_the_start() {
        let dir = site("templates");
        let mut watcher = Watcher::notified(&dir).unwrap();
        fs::create_dir_all(dir.join("templates")).unwrap();
        assert!(watcher.wait(PATIENCE), "no notice of templates/");
        fs::write(dir.join("templates/base.html"), "t").unwrap();
        drain(&mut watcher);
        let before = snapshot(&dir);
        assert_eq!(before.site.len(), 2, "{before:?}");
        // The site folder is watched without its subfolders: this is templates/'s own watch.
        fs::write(dir.join("templates/base.html"), "edited").unwrap();
        assert!(watcher.wait(PATIENCE), "no notice from templates/");
        assert_ne!(snapshot(&dir).site, before.site);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_relative_root_is_watched_too() {
        // Regression: `serve` run in the site folder watches `.`, and notices name absolute
        // paths, which never started with `./content`: every edit waited for the recheck.
        let dir = site("relative");
        let here = std::env::current_dir().unwrap();
        let mut relative: PathBuf = here.components().skip(1).map(|_| "..").collect();
        relative.push(dir.strip_prefix("/").unwrap());
        let mut watcher = Watcher::notified(&relative).unwrap();
        fs::write(dir.join("content/a.md"), "edited").unwrap();
        assert!(watcher.wait(PATIENCE), "no notice of the edit");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reading_the_sources_is_no_change() {
        let dir = site("read");
        let mut watcher = Watcher::notified(&dir).unwrap();
        fs::read(dir.join("content/a.md")).unwrap();
        assert!(!watcher.wait(Duration::from_millis(500)), "woken by a read");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn polling_sees_an_edit_at_the_next_scan() {
        let dir = site("poll");
        let mut watcher = Watcher::polling(&dir);
        assert!(watcher.is_polling());
        let before = snapshot(&dir);
        fs::write(dir.join("content/a.md"), "edited").unwrap();
        assert!(watcher.wait(PATIENCE), "polling wakes at every interval");
        assert_ne!(snapshot(&dir), before);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_watched_falls_back_to_polling() {
        let dir = std::env::temp_dir().join(format!("warraq-watch-{}-none", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        assert!(Watcher::notified(&dir).is_err());
        assert!(Watcher::start(&dir).is_polling());
    }
}
