//! Atomic output: the new site is written beside the old one, then swapped in.
//!
//! A build writes into `.<out>.tmp-<pid>` next to the output folder. Only when every page is
//! written does it replace the output folder. On Linux the two folders trade places in one
//! `renameat2(RENAME_EXCHANGE)` call, so there is no moment at which the output folder is
//! missing or half-written; elsewhere (or on a file system without that call) the old folder
//! is renamed aside to `.<out>.old-<pid>` and the new one renamed in, and a build killed
//! between those two renames is undone by the next one. A failed or killed build leaves the
//! previous site untouched; leftovers of a killed build are removed by the next one. A file
//! the previous site already holds byte for byte is hard-linked into the new one, not written.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use crate::error::Error;

/// A site being written.
pub struct Staging {
    out: PathBuf,
    tmp: PathBuf,
    /// Whether there is a previous site whose unchanged files can be linked instead of written.
    previous: bool,
    /// Folders of the new site already made (relative), so each is made once, not per file.
    made: Mutex<HashSet<String>>,
    /// Every file written (or linked), relative, with its length.
    files: Mutex<Vec<(String, u64)>>,
    done: bool,
}

/// What a build put in the site: every file with its length and every folder, relative and
/// `/`-separated, sorted by path. The same for the same site however its files were written.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Written(pub(crate) Vec<(String, Option<u64>)>);

/// `.<name>.<suffix>` beside the output folder `out`: where a build keeps what belongs to
/// the site but is not published with it (its staging folder, its record).
pub(crate) fn beside(out: &Path, suffix: &str) -> PathBuf {
    out.with_file_name(format!(".{}.{suffix}", folder_name(out)))
}

/// The name of the output folder `out` (`site` when it has none).
fn folder_name(out: &Path) -> String {
    out.file_name()
        .map_or_else(|| "site".into(), |n| n.to_string_lossy().into_owned())
}

fn sibling(out: &Path, kind: &str, id: &str) -> PathBuf {
    beside(out, &format!("{kind}-{id}"))
}

impl Staging {
    /// Prepares a fresh temporary folder beside `out`, after cleaning up any killed build.
    pub fn begin(out: &Path) -> Result<Staging, Error> {
        let parent = out
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        fs::create_dir_all(parent).map_err(|e| Error::io("create directory", parent, e))?;
        recover(out, parent)?;
        let tmp = sibling(out, "tmp", &std::process::id().to_string());
        if tmp.exists() {
            fs::remove_dir_all(&tmp).map_err(|e| Error::io("remove", &tmp, e))?;
        }
        fs::create_dir_all(&tmp).map_err(|e| Error::io("create directory", &tmp, e))?;
        Ok(Staging {
            previous: fs::symlink_metadata(out).is_ok_and(|m| m.is_dir()),
            out: out.to_path_buf(),
            tmp,
            made: Mutex::new(HashSet::new()),
            files: Mutex::new(Vec::new()),
            done: false,
        })
    }

    /// Writes `bytes` at `relative` (a `/`-separated path) inside the new site.
    ///
    /// Files may be written from several threads at once.
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<(), Error> {
        let path = self.tmp.join(relative);
        if let Some((folder, _)) = relative.rsplit_once('/') {
            self.make_folder(folder)?;
        }
        if !(self.previous && self.link_unchanged(relative, bytes, &path)) {
            fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))?;
        }
        let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
        files.push((relative.to_string(), bytes.len() as u64));
        Ok(())
    }

    /// Links the previous site's file at `relative` into the new site when it already holds
    /// exactly `bytes`, and says whether it did. A rebuild then makes no new file for a page
    /// that did not change (keeping its modification time), and removing the previous site
    /// frees nothing of it: on this project's machines, making and freeing files costs more
    /// than reading one to compare. The previous site is only read, never changed.
    fn link_unchanged(&self, relative: &str, bytes: &[u8], path: &Path) -> bool {
        let old = self.out.join(relative);
        let same_size =
            fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_size
            && fs::read(&old).is_ok_and(|existing| existing == bytes)
            && fs::hard_link(&old, path).is_ok()
    }

    /// Makes `folder` (relative, with its parents) unless this build already made it.
    fn make_folder(&self, folder: &str) -> Result<(), Error> {
        if self.made().contains(folder) {
            return Ok(());
        }
        // Made outside the lock: two threads may both make it, which `create_dir_all` allows.
        let dir = self.tmp.join(folder);
        fs::create_dir_all(&dir).map_err(|e| Error::io("create directory", &dir, e))?;
        self.made().insert(folder.to_string());
        Ok(())
    }

    /// The set of folders made; a thread that panicked holding it left it as it was.
    fn made(&self) -> MutexGuard<'_, HashSet<String>> {
        self.made.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Puts the new site in place of the old one; says what it holds.
    pub fn commit(mut self) -> Result<Written, Error> {
        let written = self.written();
        if fs::symlink_metadata(&self.out).is_ok()
            && exchange(&self.tmp, &self.out).map_err(|e| Error::io("swap", &self.out, e))?
        {
            // `tmp` now holds the previous site; a kill from here on leaves only litter.
            remove_tree(&self.tmp).map_err(|e| Error::io("remove", &self.tmp, e))?;
            return Ok(written);
        }
        let old = sibling(&self.out, "old", &std::process::id().to_string());
        let had_old = self.out.exists();
        if had_old {
            fs::rename(&self.out, &old).map_err(|e| Error::io("move aside", &self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.tmp, &self.out) {
            if had_old {
                let _ = fs::rename(&old, &self.out);
            }
            return Err(Error::io("move into place", &self.tmp, e));
        }
        self.done = true;
        if had_old {
            remove_tree(&old).map_err(|e| Error::io("remove", &old, e))?;
        }
        Ok(written)
    }

    /// The files written so far and every folder above them (a folder is only made for a
    /// file, so these are all of them).
    fn written(&self) -> Written {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(PoisonError::into_inner));
        // Walking up from each file stops at the first folder already seen, whose own
        // parents were added when it was.
        let mut folders: HashSet<String> = HashSet::new();
        for (path, _) in &files {
            let mut rest = path.as_str();
            while let Some((parent, _)) = rest.rsplit_once('/') {
                if !folders.insert(parent.to_string()) {
                    break;
                }
                rest = parent;
            }
        }
        let mut entries: Vec<(String, Option<u64>)> = files
            .into_iter()
            .map(|(path, len)| (path, Some(len)))
            .chain(folders.into_iter().map(|folder| (folder, None)))
            .collect();
        entries.sort_unstable();
        Written(entries)
    }
}

/// Removes the folder `dir` and everything in it, its entries spread over every core: a
/// previous site has thousands of files, and removing them one after another took about a
/// tenth of a build. Symbolic links are removed, not followed.
fn remove_tree(dir: &Path) -> std::io::Result<()> {
    let entries = fs::read_dir(dir)?.collect::<Result<Vec<_>, _>>()?;
    entries.par_iter().try_for_each(|entry| {
        if entry.file_type()?.is_dir() {
            fs::remove_dir_all(entry.path())
        } else {
            fs::remove_file(entry.path())
        }
    })?;
    fs::remove_dir(dir)
}

/// Swaps two paths in one step; `Ok(false)` when the system or file system cannot.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        // Old kernels (ENOSYS) and file systems without the flag (EINVAL) get the two renames.
        Err(e) if e == Errno::NOSYS || e == Errno::INVAL || e == Errno::NOTSUP => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// Swaps two paths in one step; `Ok(false)` when the system or file system cannot.
#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Replaces one file of a built site in place, atomically (written beside it, then renamed),
/// so a reader of the site sees the old page or the new one, never half of one. For `serve`.
pub(crate) fn replace_file(site: &Path, relative: &str, bytes: &[u8]) -> Result<(), Error> {
    let path = site.join(relative);
    let dir = path.parent().unwrap_or(site);
    fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))?;
    write_atomically(&path, bytes)
}

/// Writes `bytes` at `path` in one step: written beside it, then renamed over it, so a reader
/// finds the old file or the new one, never half of one. Nothing is left beside it on failure.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let written = fs::write(&tmp, bytes)
        .map_err(|e| Error::io("write", &tmp, e))
        .and_then(|()| fs::rename(&tmp, path).map_err(|e| Error::io("move into place", path, e)));
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written
}

/// Removes one file of a built site (a page of a document that went away), if present, and
/// the folders it leaves empty. For `serve`.
pub(crate) fn remove_file(site: &Path, relative: &str) -> Result<(), Error> {
    let path = site.join(relative);
    match fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(Error::io("remove", &path, e));
        }
        _ => {}
    }
    let mut folder = path.parent();
    while let Some(dir) = folder.filter(|d| *d != site && d.starts_with(site)) {
        // A folder that still holds something stays, and so do its parents.
        if fs::remove_dir(dir).is_err() {
            break;
        }
        folder = dir.parent();
    }
    Ok(())
}

/// Removes temporary folders of killed builds; restores the old site if a swap was cut short.
fn recover(out: &Path, parent: &Path) -> Result<(), Error> {
    let name = folder_name(out);
    let (tmp_prefix, old_prefix) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    let mut leftovers: Vec<PathBuf> = Vec::new();
    for entry in fs::read_dir(parent)
        .map_err(|e| Error::io("list", parent, e))?
        .flatten()
    {
        let file = entry.file_name().to_string_lossy().into_owned();
        if file.starts_with(&tmp_prefix) || file.starts_with(&old_prefix) {
            leftovers.push(entry.path());
        }
    }
    leftovers.sort();
    for path in leftovers {
        let is_old = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(&old_prefix));
        if is_old && !out.exists() {
            fs::rename(&path, out).map_err(|e| Error::io("restore", &path, e))?;
        } else {
            fs::remove_dir_all(&path).map_err(|e| Error::io("remove", &path, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("warraq-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn commit_replaces_and_abandon_keeps() {
        let dir = scratch("swap");
        let out = dir.join("site");
        fs::create_dir_all(&out).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();

        let staging = Staging::begin(&out).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        drop(staging); // a failed build
        assert_eq!(fs::read_to_string(out.join("old.html")).unwrap(), "old");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary folder left"
        );

        let staging = Staging::begin(&out).unwrap();
        staging.write("a/index.html", b"new").unwrap();
        staging.commit().unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "new");
        assert_eq!(fs::read_dir(&dir).unwrap().count(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_removed_tree_is_gone_and_links_in_it_are_not_followed() {
        let dir = scratch("tree");
        let outside = dir.join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "kept").unwrap();
        let tree = dir.join("tree");
        fs::create_dir_all(tree.join("a/b")).unwrap();
        fs::write(tree.join("a/b/index.html"), "x").unwrap();
        fs::write(tree.join("top.html"), "y").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, tree.join("a/link")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(&outside, tree.join("link")).unwrap();
        remove_tree(&tree).unwrap();
        assert!(!tree.exists());
        assert_eq!(
            fs::read_to_string(outside.join("keep.txt")).unwrap(),
            "kept"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    #[cfg(unix)]
    fn unchanged_files_are_linked_from_the_previous_site() {
        use std::os::unix::fs::MetadataExt;
        let dir = scratch("link");
        let out = dir.join("site");
        let staging = Staging::begin(&out).unwrap();
        staging.write("a/index.html", b"same").unwrap();
        staging.write("b.html", b"old").unwrap();
        staging.write("c.html", b"gone").unwrap();
        staging.commit().unwrap();
        let inode = |p: &str| fs::metadata(out.join(p)).unwrap().ino();
        let (a, b) = (inode("a/index.html"), inode("b.html"));

        let staging = Staging::begin(&out).unwrap();
        staging.write("a/index.html", b"same").unwrap();
        staging.write("b.html", b"new").unwrap();
        // Until the swap, the previous site is as it was.
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"old");
        staging.commit().unwrap();
        assert_eq!(inode("a/index.html"), a, "the same file, linked");
        assert_ne!(inode("b.html"), b, "a new file for new contents");
        assert_eq!(fs::read(out.join("a/index.html")).unwrap(), b"same");
        assert_eq!(fs::read(out.join("b.html")).unwrap(), b"new");
        assert!(!out.join("c.html").exists());
        assert_eq!(fs::metadata(out.join("a/index.html")).unwrap().nlink(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn leftovers_of_a_killed_build_are_cleaned_and_a_cut_swap_restored() {
        let dir = scratch("recover");
        let out = dir.join("site");
        fs::create_dir_all(dir.join(".site.tmp-99999")).unwrap();
        fs::create_dir_all(dir.join(".site.old-99998")).unwrap();
        fs::write(dir.join(".site.old-99998/index.html"), "previous").unwrap();
        let staging = Staging::begin(&out).unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "previous"
        );
        drop(staging);
        let names: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["site"]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
