//! Finds the content files under `content/`, in a stable sorted order. The only user of walkdir.
//!
//! A folder beside a document and named after its file's stem (`content/paper/` beside
//! `content/paper.md`) is that document's bundle: its own files (figures, data, PDFs), which
//! the build copies to the paper's folder of the site. Nothing in a bundle is a document, a
//! Markdown file included.

use std::collections::{BTreeMap, BTreeSet};
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
    /// Every file that is not Markdown and not a bundle's, in `_`-folders too (a document's
    /// PDF, `_sources/`), sorted by path: what a document may name besides itself, so its
    /// changes are seen. A bundle's files are listed once, in `bundles`.
    pub(crate) attachments: Vec<PathBuf>,
    /// Every folder walked, `content_dir` first: adding or removing a document changes one.
    pub(crate) folders: Vec<PathBuf>,
    /// Every document's bundle files (see [`bundle`]), by the document's path, sorted.
    pub(crate) bundles: BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Folders that could not be read (errors) and links not followed (warnings).
    pub(crate) problems: Vec<Diagnostic>,
}

/// Walks `content_dir`. Names starting with `.` are skipped; Markdown files whose name or
/// folder starts with `_` (other than `_index.md`) are not pages: `_sources/` keeps raw
/// extractions and PDFs, which are listed with the other files that are not Markdown. A
/// bundle's files (names starting with `_` left out, as [`bundle`] leaves them) are listed by
/// their document, and only there. Symbolic links are not followed, so a link loop cannot
/// hang the build.
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
    // Folders are walked before what they hold (and `x/` before `x.md`): a file's bundle, if
    // any, is known when the file is reached. A private document (`_x.md`) has no bundle.
    let mut bundle_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {
                let path = entry.into_path();
                if path != content_dir
                    && !private(&path)
                    && bundle_of(&path, &bundle_dirs).is_none()
                    && document_of_bundle(&path).is_file()
                {
                    bundle_dirs.insert(path.clone());
                }
                found.folders.push(path);
            }
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                let bundle_dir = bundle_of(&path, &bundle_dirs).filter(|_| !private(&path));
                if let Some(dir) = bundle_dir {
                    (found.bundles.entry(document_of_bundle(dir)))
                        .or_default()
                        .push(path);
                } else if path.extension().is_none_or(|ext| ext != "md") {
                    found.attachments.push(path);
                } else if path.parent() == Some(content_dir)
                    && path.file_name().is_some_and(|n| n == "_index.md")
                {
                    found.index = Some(path);
                } else if !private(&path) && bundle_of(&path, &bundle_dirs).is_none() {
                    found.documents.push(path);
                }
            }
            Ok(entry)
                if entry.path_is_symlink()
                    && other_file(entry.path())
                    && bundle_of(entry.path(), &bundle_dirs).is_none() =>
            {
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

/// A document's bundle: the folder beside it named after its file's stem, and the files in
/// it as the site will hold them under the paper's folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bundle {
    /// The folder as editors name it: `content/paper/`.
    pub folder: String,
    /// The folder's name as a link from the document starts with it: `paper/`.
    pub prefix: String,
    /// Each file's path inside the bundle (`images/fig1.png`, `/`-separated), sorted.
    pub names: Vec<String>,
    /// Where each of `names` is.
    pub paths: Vec<PathBuf>,
}

/// The bundle of the document at `document` (`content/paper.md` → `content/paper/`), walked
/// as [`discover`] walks it: sorted, names starting with `_` or `.` left out, links not
/// followed; file names that are not UTF-8 are left out too (no link can name them).
pub fn bundle(document: &Path) -> Bundle {
    let dir = document.with_extension("");
    let Some(stem) = dir.file_name().and_then(|n| n.to_str()) else {
        return Bundle::default();
    };
    let mut found = Bundle {
        folder: format!("{}/", dir.display()),
        prefix: format!("{stem}/"),
        ..Bundle::default()
    };
    if !dir.is_dir() {
        return found;
    }
    let walker = WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.depth() == 0 || !(name.starts_with('.') || name.starts_with('_'))
        });
    let mut files = Vec::new();
    for entry in walker.flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.into_path();
        let inside = path.strip_prefix(&dir).ok().and_then(|p| {
            let parts: Option<Vec<&str>> = p.components().map(|c| c.as_os_str().to_str()).collect();
            parts.map(|parts| parts.join("/"))
        });
        if let Some(name) = inside {
            files.push((name, path));
        }
    }
    // Sorted by name as the site names them (a walk sorts by each part), for lookups.
    files.sort();
    (found.names, found.paths) = files.into_iter().unzip();
    found
}

/// The document a bundle folder belongs to: `content/paper/` → `content/paper.md`.
fn document_of_bundle(dir: &Path) -> PathBuf {
    let mut name = dir.as_os_str().to_owned();
    name.push(".md");
    PathBuf::from(name)
}

/// The bundle folder (of `bundle_dirs`) that `path` is in, if any.
fn bundle_of<'a>(path: &Path, bundle_dirs: &'a BTreeSet<PathBuf>) -> Option<&'a PathBuf> {
    if bundle_dirs.is_empty() {
        return None;
    }
    path.ancestors()
        .skip(1)
        .find_map(|dir| bundle_dirs.get(dir))
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
            "_sources/x/y.pdf",
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
            [
                PathBuf::from("_sources/a.pdf"),
                "_sources/x/y.pdf".into(),
                "notes.txt".into()
            ]
        );
        // `_sources/x/` is beside `_sources/x.md`, which is no document: no bundle either.
        assert!(found.bundles.is_empty());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_folder_named_after_a_document_is_its_bundle() {
        let dir = std::env::temp_dir().join(format!("warraq-bundle-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        for file in [
            "paper.md",
            "paper/fig1.png",
            "paper/notes.md",
            "paper/data/t.csv",
            "paper/.DS_Store",
            "paper/_draft.png",
            "other/c.md",
            "loose.png",
        ] {
            let path = dir.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        let found = discover(&dir);
        // `paper/notes.md` is a file of the paper; `other/` is no bundle (no `other.md`).
        assert_eq!(
            found.documents,
            [dir.join("other/c.md"), dir.join("paper.md")]
        );
        assert_eq!(
            found.bundles.get(&dir.join("paper.md")),
            Some(&vec![
                dir.join("paper/data/t.csv"),
                dir.join("paper/fig1.png"),
                dir.join("paper/notes.md")
            ])
        );
        // What the bundle leaves out is listed with the other files, once.
        assert_eq!(
            found.attachments,
            [dir.join("loose.png"), dir.join("paper/_draft.png")]
        );
        let paper = bundle(&dir.join("paper.md"));
        assert_eq!(paper.prefix, "paper/");
        assert_eq!(paper.names, ["data/t.csv", "fig1.png", "notes.md"]);
        assert_eq!(paper.paths[1], dir.join("paper/fig1.png"));
        assert_eq!(bundle(&dir.join("other/c.md")).names, Vec::<String>::new());
        fs::remove_dir_all(&dir).unwrap();
    }
}
