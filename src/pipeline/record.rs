//! The record a build leaves beside the folder it wrote, so that building an unchanged site
//! again has nothing to do.
//!
//! The record holds what the build's result depends on and what it made: the program and the
//! options it ran with, a stamp of every source file it read (documents, `content/_index.md`,
//! templates, and every other file under `content/`, where a document's PDF is), every file (with its length) and folder of the site it wrote, and what it
//! reported. A build that finds its record still true reports the recorded diagnostics again
//! and leaves the site as it is. Any difference or doubt means a full build, after which a new
//! record is written:
//! - a record that is missing, unreadable or from another version of the program;
//! - other options, or the program itself rebuilt;
//! - a source added, removed or changed;
//! - a source changed so shortly before the build that a later edit might leave the same
//!   stamp ([`RACY`]);
//! - in the output folder, a file or folder added or removed, a length changed, or anything
//!   modified after the record was written (its own modification time is that moment).
//!
//! A source's stamp ([`Stamp`]) is its size, modification and status-change times and inode:
//! comparing them costs one `stat` per file, not reading the file. The record keeps digests
//! of the sources' stamps and of the site's entries ([`crate::hash`]), not the lists, so it is
//! read and compared in a moment; the diagnostics, which can be thousands, follow one per
//! line and are read only when the site is up to date. A full build pays for the sources'
//! `stat`s and the record's diagnostics, not for reading its own output back: the entries
//! come from the staging folder's own list ([`Written`]).
//!
//! The record is `.<name>.warraq-build` beside the output folder (`.site.warraq-build` for
//! `site/`), so it is not published with the site. A build removes it before it starts and
//! writes it once the new site is in place: a build that fails or is killed leaves none, and
//! the next build is a full one.

use std::fs;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Options, Outcome};
use crate::diagnostics::Diagnostic;
use crate::fs::{Stamp, since_epoch};
use crate::hash::WordHasher;
use crate::output::write::{Written, beside, write_atomically};

/// How long before a build a source must have last changed for its stamp to be trusted. File
/// systems keep times to a clock tick (FAT, to two seconds), and an edit within the same tick
/// as the previous one, keeping the size, would leave the same stamp: such a source is
/// recorded as unknown, and the next build is a full one.
pub const RACY: Duration = Duration::from_secs(2);

/// What a build's result depends on besides its sources: the program and the options.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Key {
    version: String,
    /// The stamp of the running executable: a rebuilt program may render differently.
    program: Stamp,
    root: PathBuf,
    base_url: Option<String>,
    drafts: bool,
}

impl Key {
    /// The key of a build with `options` by this program; `None` when the executable cannot
    /// be found, so no record can be trusted.
    pub(crate) fn of(options: &Options) -> Option<Key> {
        let program = Stamp::of(&std::env::current_exe().ok()?)?;
        Some(Key {
            version: env!("CARGO_PKG_VERSION").to_string(),
            program,
            root: options.root.clone(),
            base_url: options.base_url.clone(),
            drafts: options.drafts,
        })
    }
}

/// A digest of every source file of a site and the folders holding them with their stamps, and
/// of what finding them reported; `None` when a stamp is too recent to trust ([`RACY`]) or a
/// file cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SourceStamps(Option<u64>);

impl SourceStamps {
    /// The sources of the site at `root` now, for a build that started at `started`. Taken
    /// before the build reads them, a later edit changes a stamp; taken after it, an edit
    /// while it ran makes a stamp later than its start, which is not trusted.
    pub(crate) fn take(root: &Path, started: SystemTime) -> SourceStamps {
        let started = since_epoch(started);
        let racy = RACY.as_nanos() as i128;
        let found = super::sources(root);
        // The folders too: a document removed while a build runs changes no file left, only
        // its folder, whose stamp is then too recent to trust.
        let files: Vec<&PathBuf> = (found.documents.iter())
            .chain(&found.site)
            .chain(&found.attachments)
            .chain(&found.folders)
            .chain(found.bundles.values().flatten())
            .collect();
        let stamps = files
            .par_iter()
            .map(|path| Stamp::of(path).filter(|s| s.latest() < started - racy))
            .collect::<Option<Vec<Stamp>>>();
        SourceStamps(stamps.map(|stamps| {
            let mut digest = Digest::default();
            for (path, stamp) in files.iter().zip(&stamps) {
                digest.path(path.as_os_str().as_encoded_bytes());
                digest.stamp(stamp);
            }
            for problem in &found.problems {
                digest.path(problem.to_string().as_bytes());
            }
            digest.finish()
        }))
    }
}

/// A digest of paths, stamps and lengths, each path with its length so that no two lists run
/// together.
#[derive(Default)]
struct Digest(WordHasher);

impl Digest {
    fn path(&mut self, bytes: &[u8]) {
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
    }

    fn stamp(&mut self, s: &Stamp) {
        for n in [s.len, s.inode] {
            self.0.write_u64(n);
        }
        for t in [s.modified, s.changed] {
            self.0.write_u64(t as u64);
            self.0.write_u64((t >> 64) as u64);
        }
    }

    /// A file's length, or a folder (`None`).
    fn len(&mut self, len: Option<u64>) {
        self.0.write_u64(len.unwrap_or(u64::MAX));
    }

    fn finish(&self) -> u64 {
        self.0.finish()
    }
}

/// The digest of a site's entries, as [`Written`] lists them.
fn entries_digest(entries: &[(String, Option<u64>)]) -> u64 {
    let mut digest = Digest::default();
    for (path, len) in entries {
        digest.path(path.as_bytes());
        digest.len(*len);
    }
    digest.finish()
}

/// The entries of the folder `out` as it is now, listed as [`Written`] lists them, and the
/// latest time any of them was modified or changed; the top-level entries are read on every
/// core. `None` when the folder or an entry in it cannot be read.
fn entries_now(out: &Path) -> Option<(Written, i128)> {
    let top = fs::read_dir(out)
        .ok()?
        .collect::<Result<Vec<_>, _>>()
        .ok()?;
    let parts = top
        .par_iter()
        .map(|entry| {
            let mut found = Found::default();
            let name = entry.file_name().into_string().ok()?;
            found.add(&entry.path(), name).then_some(found)
        })
        .collect::<Option<Vec<Found>>>()?;
    let latest = parts.iter().map(|f| f.latest).max().unwrap_or_default();
    let mut entries: Vec<(String, Option<u64>)> =
        parts.into_iter().flat_map(|f| f.entries).collect();
    entries.sort_unstable();
    Some((Written(entries), latest))
}

/// Entries of part of an output folder, and the latest time one of them changed (0, 1970,
/// for none).
#[derive(Default)]
struct Found {
    entries: Vec<(String, Option<u64>)>,
    latest: i128,
}

impl Found {
    /// Adds `path` (named `relative`) and, for a folder, everything in it; false when a name
    /// is not UTF-8 or an entry cannot be read.
    fn add(&mut self, path: &Path, relative: String) -> bool {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return false;
        };
        self.latest = self.latest.max(Stamp::from(&meta).latest());
        if !meta.is_dir() {
            self.entries.push((relative, Some(meta.len())));
            return true;
        }
        let Ok(entries) = fs::read_dir(path) else {
            return false;
        };
        for entry in entries {
            let Ok(entry) = entry else { return false };
            let Ok(name) = entry.file_name().into_string() else {
                return false;
            };
            if !self.add(&entry.path(), format!("{relative}/{name}")) {
                return false;
            }
        }
        self.entries.push((relative, None));
        true
    }
}

/// The first line of a record: what a build depended on and what it made.
#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    key: Key,
    sources: u64,
    output: u64,
    documents: usize,
    pages: usize,
}

/// Writes the record of the build `outcome`, made with `key`, beside `out` (written aside,
/// then renamed); `sources` gives the sources' digest (taken while the diagnostics are
/// serialized). Nothing is written when a source's stamp is not to be trusted; a record that
/// cannot be written only means that the next build is a full one, so failure is not an
/// error.
pub(crate) fn save(
    out: &Path,
    key: Key,
    sources: impl FnOnce() -> SourceStamps + Send,
    outcome: &Outcome,
) {
    let (sources, diagnostics) = rayon::join(sources, || lines_of(&outcome.diagnostics));
    let (Some(sources), Some(diagnostics)) = (sources.0, diagnostics) else {
        return;
    };
    let header = Header {
        key,
        sources,
        output: entries_digest(&outcome.files.0),
        documents: outcome.documents,
        pages: outcome.pages,
    };
    let Ok(mut json) = serde_json::to_vec(&header) else {
        return;
    };
    json.push(b'\n');
    json.extend_from_slice(&diagnostics);
    let _ = write_atomically(&path_of(out), &json);
}

/// `diagnostics` as JSON, one per line, serialized on every core: a large site can have tens
/// of thousands of warnings, which took a build's last 20 ms on one core as one JSON array.
fn lines_of(diagnostics: &[Diagnostic]) -> Option<Vec<u8>> {
    let chunks: Vec<Vec<u8>> = diagnostics
        .par_chunks(256)
        .map(|chunk| {
            let mut lines = Vec::new();
            for diagnostic in chunk {
                serde_json::to_writer(&mut lines, diagnostic).ok()?;
                lines.push(b'\n');
            }
            Some(lines)
        })
        .collect::<Option<_>>()?;
    Some(chunks.concat())
}

/// The diagnostics of [`lines_of`], read back on every core.
fn read_lines(lines: &[u8]) -> Option<Vec<Diagnostic>> {
    lines
        .par_split(|&b| b == b'\n')
        .filter(|line| !line.is_empty())
        .map(|line| serde_json::from_slice(line).ok())
        .collect()
}

/// The record of the last build into a folder, as read back.
pub(crate) struct Record {
    header: Header,
    /// The record file's modification time: any change to the site after it is a change.
    written_at: i128,
    /// The serialized diagnostics, read only when the record holds.
    diagnostics: Vec<u8>,
}

/// What the last build into a folder reported, when its record says the site is up to date.
#[derive(Debug)]
pub(crate) struct Recorded {
    pub(crate) diagnostics: Vec<Diagnostic>,
    pub(crate) documents: usize,
    pub(crate) pages: usize,
}

impl Record {
    /// The record beside `out`, if there is one made by a build with `key`.
    pub(crate) fn read(out: &Path, key: &Key) -> Option<Record> {
        let path = path_of(out);
        let written_at = Stamp::of(&path)?.modified;
        let mut text = fs::read(&path).ok()?;
        let newline = memchr::memchr(b'\n', &text)?;
        let header: Header = serde_json::from_slice(&text[..newline]).ok()?;
        if header.key != *key {
            return None;
        }
        Some(Record {
            header,
            written_at,
            diagnostics: text.split_off(newline + 1),
        })
    }

    /// What the build reported, when its record is still true of `out` and of a site whose
    /// sources are `sources` now: the folder holds the entries the build wrote, none of them
    /// changed since the record was written.
    pub(crate) fn holds(self, out: &Path, sources: SourceStamps) -> Option<Recorded> {
        // The cheapest question first: a folder removed, then the sources, then every entry.
        if !out.is_dir() || sources.0 != Some(self.header.sources) {
            return None;
        }
        let (entries, latest) = entries_now(out)?;
        if entries_digest(&entries.0) != self.header.output || latest > self.written_at {
            return None;
        }
        Some(Recorded {
            diagnostics: read_lines(&self.diagnostics)?,
            documents: self.header.documents,
            pages: self.header.pages,
        })
    }
}

/// Removes the record of `out`, before a build changes the folder.
pub(crate) fn forget(out: &Path) {
    let _ = fs::remove_file(path_of(out));
}

/// Where the record of the output folder `out` is kept.
pub fn path_of(out: &Path) -> PathBuf {
    beside(out, "warraq-build")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::write::Staging;

    /// A folder holding a small site written through a staging folder, as a build writes it,
    /// and the key of that build; removed on drop.
    struct Scratch {
        dir: PathBuf,
        out: PathBuf,
        written: Written,
        key: Key,
    }

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("warraq-record-{name}-{}", std::process::id()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir).unwrap();
            let out = dir.join("site");
            let staging = Staging::begin(&out).unwrap();
            for (path, text) in [
                ("a/index.html", "<p>a</p>"),
                ("en/a/index.html", "<p>en</p>"),
                ("404.html", "<p>404</p>"),
                ("assets/style.css", "p{}"),
            ] {
                staging.write(path, text.as_bytes()).unwrap();
            }
            let written = staging.commit().unwrap();
            let key = Key::of(&Options {
                root: dir.clone(),
                out: out.clone(),
                base_url: None,
                drafts: false,
                write: true,
                full: false,
            })
            .expect("the test executable has a stamp");
            Scratch {
                dir,
                out,
                written,
                key,
            }
        }

        /// Records the build of the site from `sources`, with `diagnostics`.
        fn save(&self, sources: SourceStamps, diagnostics: Vec<Diagnostic>) {
            let outcome = Outcome {
                diagnostics,
                documents: 1,
                pages: 2,
                files: self.written.clone(),
                ..Outcome::default()
            };
            save(&self.out, self.key.clone(), || sources, &outcome);
        }

        /// What the record says, when it holds for a build with `key` from `sources`.
        fn check_with(&self, key: &Key, sources: SourceStamps) -> Option<Recorded> {
            Record::read(&self.out, key)?.holds(&self.out, sources)
        }

        fn check(&self, sources: SourceStamps) -> Option<Recorded> {
            self.check_with(&self.key, sources)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }

    #[test]
    fn the_staging_folder_lists_what_a_walk_of_the_site_finds() {
        let site = Scratch::new("listing");
        let (found, _) = entries_now(&site.out).unwrap();
        let written = &site.written;
        assert_eq!(*written, found);
        assert!(written.0.contains(&("en".to_string(), None)), "{written:?}");
        assert!(
            written
                .0
                .contains(&("en/a/index.html".to_string(), Some(9)))
        );
    }

    #[test]
    fn diagnostics_are_kept_one_per_line_in_order() {
        let many: Vec<Diagnostic> = (0..700)
            .map(|i| {
                Diagnostic::warning(
                    Path::new("content/a.md"),
                    (i, 1),
                    format!("line one\nline {i}"),
                )
            })
            .collect();
        let lines = lines_of(&many).unwrap();
        assert_eq!(lines.iter().filter(|&&b| b == b'\n').count(), 700);
        assert_eq!(read_lines(&lines).unwrap(), many);
        assert_eq!(read_lines(b"").unwrap(), []);
        assert!(read_lines(b"[]\n").is_none(), "not a diagnostic");
    }

    #[test]
    fn a_record_holds_until_the_output_or_the_key_changes() {
        let site = Scratch::new("holds");
        let out = &site.out;
        let warning = Diagnostic::warning(Path::new("content/a.md"), (3, 4), "look").hint("here");
        let fine = SourceStamps(Some(7));
        assert!(site.check(fine).is_none(), "no record yet");
        site.save(fine, vec![warning.clone()]);
        assert_eq!(path_of(out), site.dir.join(".site.warraq-build"));

        let recorded = site.check(fine).expect("nothing changed");
        assert_eq!(recorded.diagnostics, [warning]);
        assert_eq!((recorded.documents, recorded.pages), (1, 2));
        assert!(
            site.check(SourceStamps(Some(8))).is_none(),
            "a source changed"
        );
        assert!(
            site.check(SourceStamps(None)).is_none(),
            "a source too recent"
        );
        let other = Key {
            drafts: true,
            ..site.key.clone()
        };
        assert!(site.check_with(&other, fine).is_none(), "other options");

        // Each change to the output: an edit keeping the length, a new file, a new folder, a
        // removed file. The edit waits for the clock to move on: times are kept to a clock
        // tick (a few milliseconds), and the record was written just now.
        std::thread::sleep(Duration::from_millis(50));
        fs::write(out.join("404.html"), "<p>405</p>").unwrap();
        assert!(site.check(fine).is_none(), "an edited file");
        site.save(fine, Vec::new());
        assert!(site.check(fine).is_some());
        fs::write(out.join("a/extra.html"), "").unwrap();
        assert!(site.check(fine).is_none(), "a new file");
        fs::remove_file(out.join("a/extra.html")).unwrap();
        site.save(fine, Vec::new());
        assert!(site.check(fine).is_some());
        fs::create_dir(out.join("b")).unwrap();
        assert!(site.check(fine).is_none(), "a new folder");
        fs::remove_dir(out.join("b")).unwrap();
        fs::remove_file(out.join("a/index.html")).unwrap();
        site.save(fine, Vec::new());
        assert!(site.check(fine).is_none(), "a removed file");

        forget(out);
        assert!(!path_of(out).exists());
    }

    #[test]
    fn untrusted_sources_leave_no_record_and_broken_records_are_ignored() {
        let site = Scratch::new("untrusted");
        site.save(SourceStamps(None), Vec::new());
        assert!(
            !path_of(&site.out).exists(),
            "no record from sources that may change unseen"
        );
        for broken in ["", "{}", "{\"key\":1}\n[]", "not json at all\n[]"] {
            fs::write(path_of(&site.out), broken).unwrap();
            assert!(site.check(SourceStamps(Some(1))).is_none(), "{broken:?}");
        }
    }

    #[test]
    fn sources_just_written_are_not_trusted_older_ones_are() {
        let site = Scratch::new("racy");
        let dir = &site.dir;
        fs::create_dir_all(dir.join("content")).unwrap();
        fs::write(dir.join("content/_index.md"), "---\ntitle: t\n---\n").unwrap();
        assert_eq!(
            SourceStamps::take(dir, SystemTime::now()),
            SourceStamps(None),
            "written just now"
        );
        // Only the status-change time can tell a file written just now, and no tool sets it
        // back: the file is older once the window has passed.
        std::thread::sleep(RACY + Duration::from_millis(100));
        let first = SourceStamps::take(dir, SystemTime::now());
        assert!(first.0.is_some());
        assert_eq!(
            SourceStamps::take(dir, SystemTime::now()),
            first,
            "the same stamps, the same digest"
        );
        // Stamps taken after a build read the sources: an edit while it ran is not trusted.
        let started = SystemTime::now();
        fs::write(dir.join("content/_index.md"), "---\ntitle: t\n---\n").unwrap();
        assert_eq!(
            SourceStamps::take(dir, started),
            SourceStamps(None),
            "edited during the build"
        );
        fs::write(dir.join("content/a.md"), "x").unwrap();
        assert_eq!(
            SourceStamps::take(dir, SystemTime::now()),
            SourceStamps(None),
            "a new document, just written"
        );
    }

    #[test]
    fn a_document_removed_while_a_build_runs_is_not_trusted() {
        let site = Scratch::new("removed");
        let dir = &site.dir;
        fs::create_dir_all(dir.join("content/part")).unwrap();
        for file in ["_index.md", "a.md", "part/b.md", "part/c.md"] {
            fs::write(dir.join("content").join(file), "---\ntitle: t\n---\n").unwrap();
        }
        std::thread::sleep(RACY + Duration::from_millis(100));
        assert!(SourceStamps::take(dir, SystemTime::now()).0.is_some());
        // The build lists the documents and renders `part/c.md`, which is then removed: the
        // files left are as they were, their folder is not.
        let started = SystemTime::now();
        fs::remove_file(dir.join("content/part/c.md")).unwrap();
        assert_eq!(SourceStamps::take(dir, started), SourceStamps(None));
    }

    #[test]
    fn a_changed_stamp_or_entry_changes_the_digest() {
        let stamp = Stamp {
            len: 10,
            modified: 1_700_000_000_000_000_000,
            changed: 1_700_000_000_000_000_001,
            inode: 42,
        };
        let digest = |stamp: &Stamp| {
            let mut digest = Digest::default();
            digest.path(b"a");
            digest.stamp(stamp);
            digest.finish()
        };
        let changes = [
            Stamp { len: 11, ..stamp },
            Stamp {
                modified: stamp.modified + 1,
                ..stamp
            },
            Stamp {
                changed: stamp.changed + (1 << 70),
                ..stamp
            },
            Stamp { inode: 43, ..stamp },
        ];
        for changed in changes {
            assert_ne!(digest(&changed), digest(&stamp), "{changed:?}");
        }
        let entries = |list: &[(&str, Option<u64>)]| {
            let list: Vec<(String, Option<u64>)> =
                list.iter().map(|(p, l)| (p.to_string(), *l)).collect();
            entries_digest(&list)
        };
        let base = entries(&[("a", None), ("a/b", Some(3))]);
        assert_ne!(entries(&[("a", None), ("a/b", Some(4))]), base);
        assert_ne!(entries(&[("a", None), ("a/c", Some(3))]), base);
        assert_ne!(entries(&[("a", None)]), base);
        assert_ne!(entries(&[("a", None), ("a/b", None)]), base);
    }
}
