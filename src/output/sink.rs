//! Where the render stages put the files they make, as they make them: a staging folder
//! (`build`), memory (`serve`, which writes only once the whole site checks out), or nowhere
//! (`check`). The stages do not know which.

use std::sync::{Mutex, PoisonError};

use super::write::Staging;
use crate::error::Error;

/// The destination of a build's files; files may be put from several threads at once.
pub enum Sink {
    /// Made and checked, never written (`warraq check`).
    Nowhere,
    /// Written into the staging folder that becomes the new site.
    Staging(Staging),
    /// Kept in memory, for a caller that writes them itself.
    Memory(Mutex<Vec<(String, Vec<u8>)>>),
}

impl Sink {
    /// A sink that keeps what it is given.
    pub fn memory() -> Sink {
        Sink::Memory(Mutex::new(Vec::new()))
    }

    /// Puts `bytes` at `path`, a `/`-separated path inside the site.
    pub fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        match self {
            Sink::Nowhere => Ok(()),
            Sink::Staging(staging) => staging.write(path, bytes),
            Sink::Memory(files) => {
                let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
                files.push((path.to_string(), bytes.to_vec()));
                Ok(())
            }
        }
    }

    /// Like [`Sink::put`], handing over the bytes, which memory keeps without a copy.
    pub fn put_owned(&self, path: &str, bytes: Vec<u8>) -> Result<(), Error> {
        match self {
            Sink::Memory(files) => {
                let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
                files.push((path.to_string(), bytes));
                Ok(())
            }
            _ => self.put(path, &bytes),
        }
    }

    /// The files kept in memory, sorted by path (none for the other sinks).
    pub fn into_files(self) -> Vec<(String, Vec<u8>)> {
        match self {
            Sink::Memory(files) => {
                let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
                files.sort_by(|a, b| a.0.cmp(&b.0));
                files
            }
            _ => Vec::new(),
        }
    }
}
