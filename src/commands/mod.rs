//! Commands beside the build: each reads what it needs, calls a pure module, and prints.
//!
//! `verify` checks converted documents against their raw sources; `align` shows how an
//! abstract's sentences pair up; `previous` compares a build's anchors with an earlier release;
//! `init` makes a new site folder and `import` turns a raw extraction into a draft document.

pub mod align;
pub mod import;
pub mod init;
pub mod previous;
pub mod verify;

use std::path::Path;

use crate::content::document::{self, Document};
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// Reads one document file on its own (for commands that take a path).
pub(crate) fn read_document(path: &Path) -> Result<(Option<Document>, Vec<Diagnostic>), Error> {
    let bytes = crate::fs::read(path)?;
    match document::decode(path, bytes) {
        Ok(text) => Ok(document::document(path, text, crate::lang::Lang::Ar)),
        Err(diag) => Ok((None, vec![diag])),
    }
}
