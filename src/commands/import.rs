//! `warraq import RAW.txt`: reads a raw extraction, keeps a copy under `content/_sources/`,
//! and writes the draft document that [`crate::import`] makes of it.
//!
//! Nothing an editor wrote is replaced without `--force`: not the draft file, not a different
//! file already kept under the same source name. Every check is made before anything is
//! written, and each file is written atomically (beside it, then renamed into place).

use std::path::{Path, PathBuf};

use crate::content::schema::Slug;
use crate::error::Error;
use crate::import::{self, Draft, Options, decode};
use crate::output::write::write_atomically;

/// What the command was asked.
#[derive(Clone, Debug)]
pub struct ImportRequest {
    /// The raw extraction.
    pub raw: PathBuf,
    /// The site folder.
    pub root: PathBuf,
    /// The slug; by default the raw file's name, when that is a valid slug.
    pub slug: Option<String>,
    /// Where to write the draft [default: `content/<slug>.md`].
    pub output: Option<PathBuf>,
    /// Replace an existing draft or kept source.
    pub force: bool,
}

/// What happened.
#[derive(Debug)]
pub enum Imported {
    /// The draft was written.
    Written {
        /// The draft file.
        draft: PathBuf,
        /// The kept source file, and whether it was copied now.
        source: (PathBuf, bool),
        /// The import and its report.
        result: Box<Draft>,
    },
    /// The raw file is not text Warraq can read: `file:line:column: error: message`.
    Unreadable(String),
}

pub fn run(request: &ImportRequest) -> Result<Imported, Error> {
    let content = request.root.join("content");
    if !content.is_dir() {
        return Err(Error::Usage(format!(
            "{} has no content/ folder: run `warraq init {}` first, or give the site with --root",
            request.root.display(),
            request.root.display()
        )));
    }
    let bytes = crate::fs::read(&request.raw)?;
    let shown = request.raw.display();
    let (text, encoding) = match decode::decode(&bytes) {
        Ok(decoded) => decoded,
        Err(e) => {
            let (line, column) = e.byte().map_or((1, 1), |at| position(&bytes, at));
            return Ok(Imported::Unreadable(format!(
                "{shown}:{line}:{column}: error: {e}"
            )));
        }
    };
    if !text.chars().any(crate::chars::is_arabic_letter) {
        return Ok(Imported::Unreadable(format!(
            "{shown}:1:1: error: the file has no Arabic letters; `warraq import` reads extractions of Arabic papers"
        )));
    }
    let slug = slug(request)?;
    let (source_file, keep) = kept_source(request, &content)?;
    let draft_path = request
        .output
        .clone()
        .unwrap_or_else(|| content.join(format!("{slug}.md")));
    if draft_path.exists() && !request.force {
        return Err(Error::Usage(format!(
            "{} already exists; nothing was written (`--force` replaces it, or choose --slug or --output)",
            draft_path.display()
        )));
    }
    let result = import::import(
        &text,
        &Options {
            slug,
            source_file: source_file.clone(),
        },
    );
    // A UTF-16 file is kept as UTF-8, the only encoding `verify` and the build read.
    let copied = match &keep {
        Some(path) => {
            let kept: &[u8] = match encoding {
                decode::Encoding::Utf8 { .. } => &bytes,
                _ => text.as_bytes(),
            };
            make_parent(path)?;
            write_atomically(path, kept)?;
            true
        }
        None => false,
    };
    let source_path = content.join(&source_file);
    make_parent(&draft_path)?;
    if let Err(e) = write_atomically(&draft_path, result.markdown.as_bytes()) {
        if copied {
            let _ = std::fs::remove_file(&source_path);
        }
        return Err(e);
    }
    Ok(Imported::Written {
        draft: draft_path,
        source: (source_path, copied),
        result: Box::new(result),
    })
}

fn make_parent(path: &Path) -> Result<(), Error> {
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))
        }
        None => Ok(()),
    }
}

/// Line and column (1-based, in characters) of byte `at`.
fn position(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

fn slug(request: &ImportRequest) -> Result<String, Error> {
    let (text, from_name) = match &request.slug {
        Some(s) => (s.clone(), false),
        None => (
            request
                .raw
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            true,
        ),
    };
    match Slug::parse(&text) {
        Ok(slug) => Ok(slug.to_string()),
        Err(why) if from_name => Err(Error::Usage(format!(
            "the file name `{text}` is not a valid slug ({why}); give one with --slug, e.g. --slug karabakh-2020"
        ))),
        Err(why) => Err(Error::Usage(format!("--slug `{text}`: {why}"))),
    }
}

/// `source.file` (relative to content/, `/`-separated) and the path to copy the raw file to,
/// if it must be copied.
fn kept_source(
    request: &ImportRequest,
    content: &Path,
) -> Result<(String, Option<PathBuf>), Error> {
    let raw = request
        .raw
        .canonicalize()
        .map_err(|e| Error::io("read", &request.raw, e))?;
    let content_dir = content
        .canonicalize()
        .map_err(|e| Error::io("read", content, e))?;
    if let Ok(inside) = raw.strip_prefix(&content_dir) {
        let parts: Vec<String> = inside
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        return Ok((parts.join("/"), None));
    }
    let name = raw
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "source.txt".into());
    let target = content.join("_sources").join(&name);
    if target.exists() {
        let same = std::fs::read(&target)
            .is_ok_and(|kept| std::fs::read(&raw).is_ok_and(|new| kept == new));
        if same {
            return Ok((format!("_sources/{name}"), None));
        }
        if !request.force {
            return Err(Error::Usage(format!(
                "{} already exists and differs from {}; nothing was written (`--force` replaces it, or rename the raw file)",
                target.display(),
                request.raw.display()
            )));
        }
    }
    Ok((format!("_sources/{name}"), Some(target)))
}

#[cfg(test)]
mod tests {
    #[test]
    fn byte_positions_become_lines_and_columns() {
        assert_eq!(super::position(b"ab\ncd\xff", 5), (2, 3));
        assert_eq!(super::position("نص\nx".as_bytes(), 5), (2, 1));
        assert_eq!(super::position(b"", 0), (1, 1));
    }
}
