//! Finds the content files under `content/`, in a stable sorted order. The only user of walkdir.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;

/// The content files of a site.
#[derive(Debug, Default)]
pub(crate) struct Discovered {
    /// `content/_index.md`, if present.
    pub(crate) index: Option<PathBuf>,
    /// Every other Markdown file, sorted by path.
    pub(crate) documents: Vec<PathBuf>,
    /// Every file that is not Markdown, in `_`-folders too (a document's PDF, `_sources/`),
    /// sorted by path: what a document may name besides itself, so its changes are seen.
    pub(crate) attachments: Vec<PathBuf>,
    /// Every folder walked, `content_dir` first: adding or removing a document changes one.
    pub(crate) folders: Vec<PathBuf>,
    /// Folders that could not be read (errors) and links not followed (warnings).
    pub(crate) problems: Vec<Diagnostic>,
}

/// Walks `content_dir`. Names starting with `.` are skipped; Markdown files whose name or
/// folder starts with `_` (other than `_index.md`) are not pages: `_sources/` keeps raw
/// extractions and PDFs, which are listed with the other files that are not Markdown.
/// Symbolic links are not followed, so a link loop cannot hang the build.
pub(crate) fn discover(content_dir: &Path) -> Discovered {
    let mut found = Discovered::default();
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().as_encoded_bytes().starts_with(b".")
        });
    // Whether a path below `content_dir` has a name starting with `_` on its way.
    let private = |path: &Path| {
        (path.strip_prefix(content_dir).ok().into_iter())
            .flat_map(Path::components)
            .any(|c| c.as_os_str().as_encoded_bytes().starts_with(b"_"))
    };
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => found.folders.push(entry.into_path()),
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                if path.extension().is_none_or(|ext| ext != "md") {
                    found.attachments.push(path);
                } else if path.parent() == Some(content_dir)
                    && path.file_name().is_some_and(|n| n == "_index.md")
                {
                    found.index = Some(path);
                } else if !private(&path) {
                    found.documents.push(path);
                }
            }
            Ok(entry) if entry.path_is_symlink() && other_file(entry.path()) => {
                found.attachments.push(entry.into_path());
            }
            Ok(entry) if entry.path_is_symlink() && !private(entry.path()) => {
                found.problems.push(
                    Diagnostic::warning(
                        entry.path(),
                        (1, 1),
                        "this is a symbolic link; Warraq does not follow links, so nothing behind it is published",
                    )
                    .field("content")
                    .hint("copy the file or folder into content/ instead of linking to it"),
                );
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(content_dir).to_path_buf();
                let message = match err.io_error() {
                    Some(io) => format!("cannot read this folder: {io}"),
                    None => "cannot read this folder".to_string(),
                };
                found.problems.push(
                    Diagnostic::error(&path, (1, 1), message)
                        .hint("check the folder's permissions"),
                );
            }
        }
    }
    found
}

/// Whether the link at `path` leads to a file that is not Markdown: such a file is read
/// through the link (a document's PDF), so it is no reason for a warning.
fn other_file(path: &Path) -> bool {
    path.extension().is_some_and(|ext| ext != "md")
        && std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    #[test]
    fn sorted_and_skips_private_names() {
        let dir = std::env::temp_dir().join(format!("warraq-discover-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for file in [
            "b.md",
            "a.md",
            "_index.md",
            "_sources/x.md",
            ".hidden.md",
            "sub/c.md",
            "notes.txt",
            "sub/_draft.md",
            "_sources/a.pdf",
            ".hidden/b.pdf",
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let found = discover(&dir);
        let names: Vec<_> = found
            .documents
            .iter()
            .map(|p| p.strip_prefix(&dir).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [PathBuf::from("a.md"), "b.md".into(), "sub/c.md".into()]
        );
        assert_eq!(found.index, Some(dir.join("_index.md")));
        let attachments: Vec<_> = (found.attachments.iter())
            .map(|p| p.strip_prefix(&dir).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            attachments,
            [PathBuf::from("_sources/a.pdf"), "notes.txt".into()]
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
