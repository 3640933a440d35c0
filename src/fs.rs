//! The only module that reads the file system for the pipeline; every error names its path.
//!
//! Writing the site is `output::write`'s job; content discovery walks folders in
//! `content::discover`. This module reads files (and asks the kernel to fetch them ahead of
//! the reads), lists template folders and stamps files.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::error::Error;

/// Reads a whole file as bytes.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>, Error> {
    fs::read(path).map_err(|e| Error::io("read", path, e))
}

/// Asks the kernel to start reading `paths` into its cache, and returns without waiting for
/// the disk. Run on a thread of its own while `workers` threads read the same files, each
/// from its own contiguous share of the list (as rayon splits a slice), so the files are
/// asked for in the order they will be read: the first of every share, then the second, and
/// so on. With the files already cached this is a few microseconds a file; with a cold cache
/// (the first build after a checkout, or after the system dropped the cache) the workers
/// otherwise wait on the disk one file at a time. Errors are ignored: the read itself will
/// report them.
pub(crate) fn prefetch(paths: &[PathBuf], workers: usize) {
    for path in interleaved(paths, workers) {
        advise_will_need(path);
    }
}

/// `items` cut into `parts` contiguous shares, taken the first of each share, then the second...
fn interleaved<T>(items: &[T], parts: usize) -> impl Iterator<Item = &T> {
    let parts = parts.max(1);
    let share = items.len().div_ceil(parts);
    (0..share).flat_map(move |i| (0..parts).filter_map(move |p| items.get(p * share + i)))
}

#[cfg(any(target_os = "linux", target_os = "android"))]
fn advise_will_need(path: &Path) {
    use rustix::fs::{Advice, fadvise};
    if let Ok(file) = fs::File::open(path) {
        let _ = fadvise(&file, 0, None, Advice::WillNeed);
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn advise_will_need(_: &Path) {}

/// Reads a UTF-8 text file the program itself relies on (a template), BOM stripped.
pub fn read_text(path: &Path) -> Result<String, Error> {
    let bytes = read(path)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::io(
            "read",
            path,
            std::io::Error::new(std::io::ErrorKind::InvalidData, e),
        )
    })?;
    Ok(strip_bom(&text).to_string())
}

/// `bytes` as text when they are valid UTF-8: the check for whole files (content files,
/// built pages), vectorised, as most of their bytes are Arabic letters.
pub(crate) fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Removes a leading UTF-8 byte order mark.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The files directly in `dir` (not in sub-folders), sorted by name; none if `dir` is absent.
pub(crate) fn files_in(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| Error::io("list", dir, e))? {
        let entry = entry.map_err(|e| Error::io("list", dir, e))?;
        let path = entry.path();
        if path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_checked() {
        assert_eq!(utf8("عربي x".as_bytes()), Some("عربي x"));
        assert_eq!(utf8(b"ab\xff"), None);
        assert_eq!(utf8(b"\xd8"), None);
        assert_eq!(utf8(b""), Some(""));
    }

    #[test]
    fn prefetching_follows_the_workers_shares() {
        let order = |n: usize, parts| {
            interleaved(&(0..n).collect::<Vec<_>>(), parts)
                .copied()
                .collect::<Vec<_>>()
        };
        assert_eq!(order(5, 2), [0, 3, 1, 4, 2]);
        assert_eq!(order(6, 3), [0, 2, 4, 1, 3, 5]);
        assert_eq!(order(3, 1), [0, 1, 2]);
        assert_eq!(order(2, 4), [0, 1]);
        assert_eq!(order(3, 0), [0, 1, 2]);
        assert!(order(0, 2).is_empty());
    }

    #[test]
    fn bom_is_stripped_once() {
        assert_eq!(strip_bom("\u{feff}---"), "---");
        assert_eq!(strip_bom("---"), "---");
        assert_eq!(strip_bom("\u{feff}\u{feff}x"), "\u{feff}x");
    }

    #[test]
    fn errors_name_the_path() {
        let err = read(Path::new("/no/such/file.md")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("cannot read /no/such/file.md: "),
            "{err}"
        );
    }
}

/// What tells that a file changed without reading it: its size, modification and
/// status-change times (nanoseconds since 1970) and inode. Tools can set a file's
/// modification time back (`touch -d`) but not its status-change time, so an edit that keeps
/// the size and restores the time still changes the stamp. `serve` watches sources by their
/// stamps, and a build's record keeps them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    pub(crate) len: u64,
    pub(crate) modified: i128,
    pub(crate) changed: i128,
    pub(crate) inode: u64,
}

impl Stamp {
    /// The stamp of the file or folder at `path`, following a symbolic link as reading it
    /// would (a template may be a link).
    pub(crate) fn of(path: &Path) -> Option<Stamp> {
        fs::metadata(path).ok().map(|m| Stamp::from(&m))
    }

    /// The later of the two times.
    pub(crate) fn latest(&self) -> i128 {
        self.modified.max(self.changed)
    }
}

impl From<&fs::Metadata> for Stamp {
    #[cfg(unix)]
    fn from(meta: &fs::Metadata) -> Stamp {
        use std::os::unix::fs::MetadataExt;
        let nanos = |secs: i64, nsec: i64| i128::from(secs) * 1_000_000_000 + i128::from(nsec);
        Stamp {
            len: meta.len(),
            modified: nanos(meta.mtime(), meta.mtime_nsec()),
            changed: nanos(meta.ctime(), meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }

    #[cfg(not(unix))]
    fn from(meta: &fs::Metadata) -> Stamp {
        let modified = meta.modified().map_or(0, since_epoch);
        Stamp {
            len: meta.len(),
            modified,
            changed: modified,
            inode: 0,
        }
    }
}

/// Nanoseconds from 1970 to `time` (negative before).
pub(crate) fn since_epoch(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}
