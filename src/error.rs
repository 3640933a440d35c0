//! Failures of the environment: IO, templates and usage. They stop a command at once.
//!
//! Problems in the content are not errors of this kind: they are diagnostics (the
//! `diagnostics` module, which sits above this one), collected and reported together.

use std::fmt;
use std::io;
use std::path::PathBuf;

/// What stopped a command that the content did not cause.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing `path` failed while doing `action`.
    Io {
        /// What Warraq was doing, e.g. "read" or "create directory".
        action: &'static str,
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's answer.
        source: io::Error,
    },
    /// A template failed to parse or render.
    Template {
        /// The template's name, e.g. `document.html`.
        name: String,
        /// Tera's report, which quotes the template line.
        message: String,
    },
    /// The command line or the site layout is not usable.
    Usage(String),
}

impl Error {
    /// An IO failure while doing `action` on `path`.
    pub(crate) fn io(action: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io {
                action,
                path,
                source,
            } => {
                write!(f, "cannot {action} {}: {source}", path.display())
            }
            Error::Template { name, message } => write!(f, "template {name}: {message}"),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
