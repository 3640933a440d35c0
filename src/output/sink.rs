//! Where the render stages put the files they make, as they make them: a staging folder
//! (`build`), memory (`serve`, which writes only once the whole site checks out), or nowhere
//! (`check`). The stages do not know which.

use std::sync::{Mutex, PoisonError};

use super::write::Staging;
use crate::error::Error;

/// The destination of a build's files, and a snippet to add to every page (`serve`'s
/// live-reload script); files may be put from several threads at once.
pub struct Sink {
    to: Destination,
    snippet: Option<&'static str>,
}

/// Where the files go.
pub(crate) enum Destination {
    /// Made and checked, never written (`warraq check`).
    Nowhere,
    /// Written into the staging folder that becomes the new site.
    Staging(Staging),
    /// Kept in memory, for a caller that writes them itself.
    Memory(Mutex<Vec<(String, Vec<u8>)>>),
}

impl Sink {
    /// A sink that sends files `to` a destination.
    pub(crate) fn new(to: Destination) -> Sink {
        Sink { to, snippet: None }
    }

    /// A sink that keeps what it is given.
    pub(crate) fn memory() -> Sink {
        Sink::new(Destination::Memory(Mutex::new(Vec::new())))
    }

    /// The same sink, adding `snippet` to every page just before its last `</body>`.
    pub(crate) fn adding_to_pages(self, snippet: Option<&'static str>) -> Sink {
        Sink { snippet, ..self }
    }

    /// Where the files go.
    pub(crate) fn destination(self) -> Destination {
        self.to
    }

    /// Puts `bytes` at `path`, a `/`-separated path inside the site.
    pub(crate) fn put(&self, path: &str, bytes: &[u8]) -> Result<(), Error> {
        match (&self.to, self.snippet) {
            (Destination::Nowhere, _) => Ok(()),
            (Destination::Staging(staging), None) => staging.write(path, bytes),
            _ => self.put_owned(path, bytes.to_vec()),
        }
    }

    /// Puts a file an author supplied (a paper's figure, a PDF) at `path` as it is: never a
    /// page of the site, so nothing is added to it even when its name ends in `.html`.
    pub(crate) fn put_verbatim(&self, path: &str, bytes: Vec<u8>) -> Result<(), Error> {
        match &self.to {
            Destination::Nowhere => Ok(()),
            Destination::Staging(staging) => staging.write(path, &bytes),
            Destination::Memory(files) => {
                let mut files = files.lock().unwrap_or_else(PoisonError::into_inner);
                files.push((path.to_string(), bytes));
                Ok(())
            }
        }
    }

    /// Like [`Sink::put`], handing over the bytes, which memory keeps without a copy.
    pub(crate) fn put_owned(&self, path: &str, mut bytes: Vec<u8>) -> Result<(), Error> {
        if let Some(snippet) = self.snippet.filter(|_| path.ends_with(".html")) {
            insert_before_body_end(&mut bytes, snippet);
        }
        self.put_verbatim(path, bytes)
    }

    /// The files kept in memory, sorted by path (none for the other destinations).
    pub(crate) fn into_files(self) -> Vec<(String, Vec<u8>)> {
        match self.to {
            Destination::Memory(files) => {
                let mut files = files.into_inner().unwrap_or_else(PoisonError::into_inner);
                files.sort_by(|a, b| a.0.cmp(&b.0));
                files
            }
            _ => Vec::new(),
        }
    }
}

/// Adds `snippet` just before the page's last `</body>` (or at its end).
fn insert_before_body_end(html: &mut Vec<u8>, snippet: &str) {
    match memchr::memmem::rfind(html, b"</body>") {
        Some(at) => {
            html.splice(at..at, snippet.bytes());
        }
        None => html.extend_from_slice(snippet.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_goes_into_pages_before_the_end_of_the_body() {
        let sink = Sink::memory().adding_to_pages(Some("<script>x</script>"));
        sink.put("a/index.html", b"<html><body><p>x</p></body></html>")
            .unwrap();
        sink.put("b.html", b"<p>no body").unwrap();
        sink.put("c.css", b"p{}").unwrap();
        let files = sink.into_files();
        assert_eq!(
            files,
            [
                (
                    "a/index.html".to_string(),
                    b"<html><body><p>x</p><script>x</script></body></html>".to_vec()
                ),
                (
                    "b.html".to_string(),
                    b"<p>no body<script>x</script>".to_vec()
                ),
                ("c.css".to_string(), b"p{}".to_vec()),
            ]
        );
    }
}
