//! Load stage: the content folder found, `_index.md` and every document read and validated
//! on every core, duplicate slugs and drafts sorted out in path order; and a document read
//! again for the second pass.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::discover::discover;
use crate::content::document::{self, Document, Home};
use crate::content::indexed::Indexed;
use crate::content::yaml_path::Seg;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Error;
use crate::lang::Lang;

/// The loaded content of a site.
pub struct Site {
    /// `content/_index.md`.
    pub home: Home,
    /// Documents to publish, sorted by path.
    pub documents: Vec<Document>,
}

/// Load stage: every content file read and validated; `None` when the site cannot be built.
pub fn load(root: &Path, drafts: bool, diags: &mut Vec<Diagnostic>) -> Result<Option<Site>, Error> {
    let (home, documents) = load_all(root, drafts, diags, |doc| doc)?;
    match home {
        Some(home) if !diagnostics::has_errors(diags) => Ok(Some(Site { home, documents })),
        _ => Ok(None),
    }
}

/// Load stage: the settings (if valid) and every document that validated, each passed
/// through `keep` as soon as it is loaded (in parallel; the result is in path order).
pub(super) fn load_all<T: Send>(
    root: &Path,
    drafts: bool,
    diags: &mut Vec<Diagnostic>,
    keep: impl Fn(Document) -> T + Sync,
) -> Result<(Option<Home>, Vec<T>), Error> {
    let content_dir = root.join("content");
    if !content_dir.is_dir() {
        return Err(Error::Usage(format!(
            "{} is not a folder: run warraq in a site folder (one with content/), or pass --root",
            display(&content_dir).display()
        )));
    }
    let found = discover(&display(&content_dir));
    diags.extend(found.problems);
    let Some(index_path) = found.index else {
        diags.push(
            Diagnostic::error(
                &display(&content_dir.join("_index.md")),
                (1, 1),
                "the site settings file is missing",
            )
            .hint("create content/_index.md with `title:` and `title_en:` in its front matter"),
        );
        return Ok((None, Vec::new()));
    };
    let home = read(&index_path, diags).and_then(|text| {
        let (home, list) = document::home(&display(&index_path), text);
        diags.extend(list);
        home
    });
    let default_lang = home
        .as_ref()
        .map_or(Lang::Ar, |h| h.config.default_language);
    let loaded: Vec<(Option<Loaded<T>>, Vec<Diagnostic>)> = std::thread::scope(|scope| {
        scope.spawn(|| crate::fs::prefetch(&found.documents, rayon::current_num_threads()));
        found
            .documents
            .par_iter()
            .with_max_len(1)
            .map(|path| {
                let mut list = Vec::new();
                let loaded = load_document(path, default_lang, &mut list).map(|doc| Loaded {
                    slug: doc.meta.slug.to_string(),
                    slug_position: doc.source.field_position(&[Seg::Key("slug")]),
                    draft: doc.meta.draft,
                    path: doc.source.path.clone(),
                    item: keep(doc),
                });
                (loaded, list)
            })
            .collect()
    });
    let mut documents = Vec::new();
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (loaded, list) in loaded {
        diags.extend(list);
        let Some(doc) = loaded else { continue };
        if let Some(first) = slugs.get(&doc.slug) {
            diags.push(duplicate_slug(
                &doc.path,
                doc.slug_position,
                &doc.slug,
                first,
            ));
            continue;
        }
        slugs.insert(doc.slug, doc.path);
        if doc.draft && !drafts {
            continue;
        }
        documents.push(doc.item);
    }
    Ok((home, documents))
}

/// A loaded document with what the sequential checks after loading need.
struct Loaded<T> {
    slug: String,
    slug_position: (usize, usize),
    draft: bool,
    path: PathBuf,
    item: T,
}

/// Reads and validates one document.
pub fn load_document(
    path: &Path,
    default_lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Document> {
    let text = read(path, diags)?;
    let (doc, list) = document::document(&display(path), text, default_lang);
    diags.extend(list);
    doc
}

/// The error for a second document with the slug of `first`.
pub fn duplicate_slug(
    path: &Path,
    position: (usize, usize),
    slug: &str,
    first: &Path,
) -> Diagnostic {
    Diagnostic::error(
        path,
        position,
        format!("the slug `{slug}` is already used by {}", first.display()),
    )
    .field("slug")
    .hint("every document needs its own slug")
}

/// The whole document of an index entry, read again; `None` after reporting why not.
pub fn reload(indexed: &Indexed, diags: &mut Vec<Diagnostic>) -> Option<Document> {
    let text = read(&indexed.path, diags)?;
    indexed.restore(text).map_err(|d| diags.push(d)).ok()
}

fn read(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = display(path);
    match crate::fs::read(path) {
        Ok(bytes) => document::decode(&shown, bytes)
            .map_err(|d| diags.push(d))
            .ok(),
        Err(err) => {
            let reason = match &err {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            diags.push(
                Diagnostic::error(&shown, (1, 1), format!("cannot read the file: {reason}"))
                    .hint("check that it exists and is readable"),
            );
            None
        }
    }
}

/// The path as editors should see it: without a leading `./`.
pub fn display(path: &Path) -> PathBuf {
    path.strip_prefix(".")
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}
