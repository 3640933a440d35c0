//! One writer at a time per output folder: a lock file beside it.
//!
//! A build holds an exclusive lock on `.<name>.warraq-lock` beside its output folder
//! (`.site.warraq-lock` for `site/`) from before it reads the folder's record until the new
//! record is saved; `serve` holds the one of its preview folder for as long as it runs. A
//! build that finds the lock taken waits for it and says so on standard error; so does a
//! `serve` that finds a build writing. A `serve` that finds another `serve` does not wait,
//! since that one runs until it is stopped: it fails, naming the other process.
//!
//! The lock is the operating system's (`File::lock`: `flock` on Unix, `LockFileEx` on
//! Windows). It ends with its process, so a killed build leaves no stale lock behind. The
//! file is never removed: removing it while another process waits on it would let a third
//! lock a new file of the same name at the same time. It holds the holder's process id and
//! what it is (`build` or `serve`) for the messages; the lock does not depend on them, and
//! where a locked file cannot be read (Windows) the messages go without them. The one
//! exception: a lock that had to make the folder it sits in removes itself and that folder
//! again if nothing else was put there, so that a build stopped before writing (a mistyped
//! `--root`) leaves nothing behind.
//!
//! A process that may only read the lock file locks it all the same, naming no holder; one
//! that may not even read it (or create it) goes unlocked: it has no right to write the
//! output either, and finds that out when it tries, after its content problems are reported.
//!
//! This module does not know what is written under the lock: `pipeline::build` and
//! `serve::run` take it.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};

use super::write::beside;
use crate::error::Error;

/// Who holds, or wants, an output folder's lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// `warraq build`: done in a while, so worth waiting for.
    Build,
    /// `warraq serve`: runs until stopped.
    Serve,
}

impl Role {
    fn name(self) -> &'static str {
        match self {
            Role::Build => "build",
            Role::Serve => "serve",
        }
    }
}

/// The process holding a lock, as its lock file tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub(crate) pid: u32,
    pub(crate) writer: Role,
}

impl Holder {
    /// Reads `pid writer` from a lock file's text.
    fn parse(text: &str) -> Option<Holder> {
        let (pid, writer) = text.trim().split_once(' ')?;
        let writer = match writer {
            "build" => Role::Build,
            "serve" => Role::Serve,
            _ => return None,
        };
        Some(Holder {
            pid: pid.parse().ok()?,
            writer,
        })
    }
}

/// An output folder's lock, held until dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    /// `None` where the file system cannot lock files (then nothing is held).
    file: Option<File>,
    path: PathBuf,
    /// The folders made for the lock file, innermost first.
    made: Vec<PathBuf>,
}

/// Where the lock of the output folder `out` lives.
pub(crate) fn path(out: &Path) -> PathBuf {
    beside(out, "warraq-lock")
}

/// Takes the lock of the output folder `out` for `writer`, waiting while a build holds it
/// (and saying so on standard error). A build waits for a `serve` too; a `serve` that finds
/// another `serve` fails instead.
pub(crate) fn take(out: &Path, writer: Role) -> Result<Lock, Error> {
    let path = path(out);
    let (file, made) = open(&path)?;
    let Some(Opened { file, writable }) = file else {
        // No right to write beside the output: the build cannot write it either, and says so
        // when it tries; its content problems are still reported first.
        return Ok(Lock {
            file: None,
            path,
            made,
        });
    };
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let holder = holder(&path);
            if writer == Role::Serve
                && let Some(Holder {
                    pid,
                    writer: Role::Serve,
                }) = holder
            {
                return Err(Error::Usage(format!(
                    "{} is the preview folder of another `warraq serve` (process {pid}); stop \
                     that one, or give this one another --out",
                    out.display()
                )));
            }
            eprintln!("warraq: {}", waiting(out, holder.as_ref()));
            file.lock().map_err(|e| Error::io("lock", &path, e))?;
        }
        Err(TryLockError::Error(e)) if e.kind() == ErrorKind::Unsupported => {
            eprintln!(
                "warraq: warning: cannot lock {}: {e}; another build into {} at the same time \
                 would clash with this one",
                path.display(),
                out.display()
            );
            return Ok(Lock {
                file: None,
                path,
                made,
            });
        }
        Err(TryLockError::Error(e)) => return Err(Error::io("lock", &path, e)),
    }
    // Opened without truncating, so that a waiting process could read the holder; the last
    // holder's line is replaced now that this one holds the lock.
    if writable {
        let line = format!("{} {}\n", std::process::id(), writer.name());
        file.set_len(0)
            .and_then(|()| (&file).write_all(line.as_bytes()))
            .map_err(|e| Error::io("write", &path, e))?;
    }
    Ok(Lock {
        file: Some(file),
        path,
        made,
    })
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Emptied before it is released, so that the next waiter is not told of a process
        // that is gone; closing the file releases the lock.
        if let Some(file) = &self.file {
            let _ = file.set_len(0);
        }
        let Some(folder) = self.made.first() else {
            return;
        };
        let alone = fs::read_dir(folder).is_ok_and(|entries| entries.count() == 1);
        if alone && fs::remove_file(&self.path).is_ok() {
            for folder in &self.made {
                if fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
    }
}

/// A lock file open to be locked.
struct Opened {
    file: File,
    /// False when only reading was allowed: it locks all the same, but names no holder.
    writable: bool,
}

/// Opens (or creates) the lock file, and the folders holding it; the folders it made,
/// innermost first. No file when this process may neither write nor read it.
fn open(path: &Path) -> Result<(Option<Opened>, Vec<PathBuf>), Error> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let made: Vec<PathBuf> = parent
        .ancestors()
        .take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists())
        .map(Path::to_path_buf)
        .collect();
    fs::create_dir_all(parent).map_err(|e| Error::io("create directory", parent, e))?;
    let opened = match OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
    {
        Ok(file) => Some(Opened {
            file,
            writable: true,
        }),
        Err(e)
            if matches!(
                e.kind(),
                ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            File::open(path).ok().map(|file| Opened {
                file,
                writable: false,
            })
        }
        Err(e) => return Err(Error::io("open", path, e)),
    };
    Ok((opened, made))
}

/// The holder named in the lock file at `path`. A holder that has just taken the lock may
/// not have written its line yet: the file is read a second time after a moment.
fn holder(path: &Path) -> Option<Holder> {
    let read = || {
        fs::read_to_string(path)
            .ok()
            .and_then(|t| Holder::parse(&t))
    };
    read().or_else(|| {
        std::thread::sleep(std::time::Duration::from_millis(20));
        read()
    })
}

/// What a process waiting for the lock of `out` says.
fn waiting(out: &Path, holder: Option<&Holder>) -> String {
    let out = out.display();
    match holder {
        Some(Holder {
            pid,
            writer: Role::Build,
        }) => format!("waiting for another build of {out} (process {pid}) to finish"),
        Some(Holder {
            pid,
            writer: Role::Serve,
        }) => format!(
            "waiting for `warraq serve` (process {pid}), which previews into {out}, to stop"
        ),
        None => format!("waiting for another build of {out} to finish"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("warraq-lock-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_lock_file_sits_beside_the_folder() {
        for (out, expected) in [
            ("site", ".site.warraq-lock"),
            ("a/preview", "a/.preview.warraq-lock"),
        ] {
            assert_eq!(path(Path::new(out)), Path::new(expected), "{out}");
        }
    }

    #[test]
    fn the_holder_is_written_while_held_and_cleared_after() {
        let dir = folder("holder");
        let out = dir.join("site");
        let lock = take(&out, Role::Build).unwrap();
        let text = fs::read_to_string(path(&out)).unwrap();
        assert_eq!(text, format!("{} build\n", std::process::id()));
        assert!(!out.exists(), "the lock makes no output folder");
        drop(lock);
        assert_eq!(fs::read_to_string(path(&out)).unwrap(), "");
        // Taken again once released.
        drop(take(&out, Role::Serve).unwrap());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn folders_made_for_the_lock_go_with_it_when_left_empty() {
        let dir = folder("made");
        let out = dir.join("a/b/site");
        drop(take(&out, Role::Build).unwrap());
        assert!(!dir.join("a").exists(), "nothing left behind");
        let lock = take(&out, Role::Build).unwrap();
        fs::create_dir_all(&out).unwrap();
        drop(lock);
        assert!(
            path(&out).is_file(),
            "kept beside a folder that was written"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_second_serve_fails_naming_the_first() {
        let dir = folder("serve");
        let out = dir.join("preview");
        let first = take(&out, Role::Serve).unwrap();
        let err = take(&out, Role::Serve).unwrap_err().to_string();
        let expected = format!(
            "{} is the preview folder of another `warraq serve` (process {}); stop that one, or \
             give this one another --out",
            out.display(),
            std::process::id()
        );
        assert_eq!(err, expected);
        drop(first);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn holders_and_messages() {
        assert_eq!(
            Holder::parse("1234 build\n"),
            Some(Holder {
                pid: 1234,
                writer: Role::Build
            })
        );
        for text in ["", "1234", "x build", "1234 check"] {
            assert_eq!(Holder::parse(text), None, "{text:?}");
        }
        let out = Path::new("site");
        let serve = Holder {
            pid: 7,
            writer: Role::Serve,
        };
        let build = Holder {
            pid: 8,
            writer: Role::Build,
        };
        for (holder, expected) in [
            (
                Some(&build),
                "waiting for another build of site (process 8) to finish",
            ),
            (
                Some(&serve),
                "waiting for `warraq serve` (process 7), which previews into site, to stop",
            ),
            (None, "waiting for another build of site to finish"),
        ] {
            assert_eq!(waiting(out, holder), expected);
        }
    }
}
