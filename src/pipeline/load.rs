//! Load stage: the content folder found, `_index.md` and every document read and validated
//! on every core ([`content`]); then the documents to publish chosen in path order, drafts
//! and second uses of a slug left out ([`select`], which `serve` runs again after an edit);
//! and a document read again for the render stage ([`reload`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::discover::discover;
use crate::content::document::{self, Document, Home};
use crate::content::indexed::Indexed;
use crate::content::schema::{FormerSlug, Meta};
use crate::content::yaml_path::Seg;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Error;
use crate::lang::Lang;

/// A site ready to render: its settings and the documents to publish, sorted by path. The
/// build keeps each document as an [`Indexed`] entry (front matter, no text); `verify` and
/// the tests keep whole [`Document`]s.
pub struct Site<D = Indexed> {
    /// `content/_index.md`.
    pub home: Home,
    /// Documents to publish, sorted by path.
    pub documents: Vec<D>,
}

/// What the load stage read of a site: the settings when they are valid, and every document
/// that validated, in path order, drafts and repeated slugs still among them.
pub struct Content<D> {
    /// `content/_index.md`, when it could be read and validated.
    pub(crate) home: Option<Home>,
    /// Every document that validated, sorted by path.
    pub(crate) documents: Vec<Loaded<D>>,
}

impl<D: Entry> Content<D> {
    /// The site to render, with the documents [`select`]ed and the archive's site-wide
    /// checks run over them ([`check_archive`]); when the settings are missing or any file
    /// has an error, the site cannot be built and what loaded is given back.
    pub(crate) fn site(
        self,
        drafts: bool,
        diags: &mut Vec<Diagnostic>,
    ) -> Result<Site<D>, Box<Unbuildable<D>>> {
        let documents = select(self.documents, drafts, self.home.as_ref(), diags);
        if let Some(home) = &self.home {
            check_archive(home, &documents, diags);
        }
        match self.home {
            Some(home) if !diagnostics::has_errors(diags) => Ok(Site { home, documents }),
            home => Err(Box::new(Unbuildable { home, documents })),
        }
    }
}

/// A document as a stage keeps it, with what the site-wide checks read of it.
pub trait Entry {
    /// Its validated front matter.
    fn meta(&self) -> &Meta;
    /// Its file, as messages name it.
    fn path(&self) -> &Path;
}

impl Entry for Indexed {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn path(&self) -> &Path {
        &self.path
    }
}

impl Entry for &Indexed {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn path(&self) -> &Path {
        &self.path
    }
}

impl Entry for Document {
    fn meta(&self) -> &Meta {
        &self.meta
    }
    fn path(&self) -> &Path {
        &self.file.path
    }
}

/// The archive's checks across the documents to publish (topics and series named, topics
/// used, one name per author id): run after [`select`], by `build` and `serve` alike.
pub(crate) fn check_archive<D: Entry>(home: &Home, documents: &[D], diags: &mut Vec<Diagnostic>) {
    let documents = documents.iter().map(|d| (d.path(), d.meta()));
    crate::content::archive::check(&home.config, &home.file.path, documents, diags);
}

/// What loaded of a site that cannot be built: its documents still get their Markdown
/// checked, so one run reports every error.
pub(crate) struct Unbuildable<D> {
    /// `content/_index.md`, when it loaded.
    pub(crate) home: Option<Home>,
    /// The documents that would be published.
    pub(crate) documents: Vec<D>,
}

/// Load stage with whole documents kept: the site, or `None` when it cannot be built.
pub fn load(
    root: &Path,
    drafts: bool,
    diags: &mut Vec<Diagnostic>,
) -> Result<Option<Site<Document>>, Error> {
    Ok(content(root, diags, |doc| doc)?.site(drafts, diags).ok())
}

/// Load stage: the settings (if valid) and every document that validated, each passed
/// through `keep` as soon as it is loaded (in parallel; the result is in path order).
pub(crate) fn content<T: Send>(
    root: &Path,
    diags: &mut Vec<Diagnostic>,
    keep: impl Fn(Document) -> T + Sync,
) -> Result<Content<T>, Error> {
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
        return Ok(Content {
            home: None,
            documents: Vec::new(),
        });
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
                    slug_position: doc.file.field_position(&[Seg::Key("slug")]),
                    former: doc.meta.former_slugs.clone(),
                    draft: doc.meta.draft,
                    path: doc.file.path.clone(),
                    item: keep(doc),
                });
                (loaded, list)
            })
            .collect()
    });
    let mut documents = Vec::with_capacity(loaded.len());
    for (doc, list) in loaded {
        diags.extend(list);
        documents.extend(doc);
    }
    Ok(Content { home, documents })
}

/// The documents to publish, in path order: a document whose slug an earlier one took is an
/// error, and drafts are left out unless `drafts`. Every old address is claimed once
/// ([`check_old_addresses`]). The one rule for `build` and `serve`.
pub fn select<T>(
    loaded: impl IntoIterator<Item = Loaded<T>>,
    drafts: bool,
    home: Option<&Home>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<T> {
    let loaded: Vec<Loaded<T>> = loaded.into_iter().collect();
    check_old_addresses(&loaded, home, diags);
    let mut documents = Vec::new();
    let mut slugs: BTreeMap<String, PathBuf> = BTreeMap::new();
    for doc in loaded {
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
    documents
}

/// Errors for old addresses claimed twice, over every document loaded (drafts too): a former
/// slug that is a document's slug now, that two documents list, or that `_index.md` also
/// declares withdrawn; and a withdrawn slug that a document still has.
fn check_old_addresses<T>(loaded: &[Loaded<T>], home: Option<&Home>, diags: &mut Vec<Diagnostic>) {
    let mut slugs: BTreeMap<&str, &Path> = BTreeMap::new();
    for doc in loaded {
        slugs.entry(&doc.slug).or_insert(&doc.path);
    }
    let withdrawn = home.map(|home| (&home.file.path, &home.config.withdrawn));
    let mut former: BTreeMap<&str, &Path> = BTreeMap::new();
    for doc in loaded {
        for old in &doc.former {
            let slug = old.slug.as_str();
            let error = |message: String, hint: &str| {
                Diagnostic::error(&doc.path, old.at, message)
                    .field("former_slugs")
                    .hint(hint)
            };
            if let Some(owner) = slugs.get(slug) {
                diags.push(error(
                    format!(
                        "the former slug `{slug}` is the slug of {}",
                        owner.display()
                    ),
                    "an old address can send readers on only when no paper has it now",
                ));
            } else if let Some(first) = former.get(slug) {
                diags.push(error(
                    format!(
                        "the former slug `{slug}` is also listed by {}",
                        first.display()
                    ),
                    "an old address sends readers to one paper: keep it in one `former_slugs`",
                ));
            } else if let Some((index, _)) = withdrawn.filter(|(_, w)| w.contains_key(&old.slug)) {
                diags.push(error(
                    format!(
                        "`{slug}` is a former slug and is withdrawn in {}",
                        index.display()
                    ),
                    "a renamed paper is not withdrawn: remove it from `withdrawn:`",
                ));
            } else {
                former.insert(slug, &doc.path);
            }
        }
    }
    let Some((index, withdrawn)) = withdrawn else {
        return;
    };
    for (slug, withdrawal) in withdrawn {
        if let Some(owner) = slugs.get(slug.as_str()) {
            diags.push(
                Diagnostic::error(
                    index,
                    withdrawal.at,
                    format!(
                        "`{slug}` is withdrawn, but {} still has it as its slug",
                        owner.display()
                    ),
                )
                .field("withdrawn")
                .hint("remove it from `withdrawn:`, or give that document another slug"),
            );
        }
    }
}

/// A loaded document with what [`select`] needs to know of it.
pub struct Loaded<T> {
    slug: String,
    slug_position: (usize, usize),
    former: Vec<FormerSlug>,
    draft: bool,
    path: PathBuf,
    /// The document, as the stage that loaded it keeps it.
    pub(crate) item: T,
}

impl<'a> Loaded<&'a Indexed> {
    /// An index entry, for [`select`].
    pub(crate) fn indexed(indexed: &'a Indexed) -> Self {
        Loaded {
            slug: indexed.meta.slug.to_string(),
            slug_position: indexed.slug_position,
            former: indexed.meta.former_slugs.clone(),
            draft: indexed.meta.draft,
            path: indexed.path.clone(),
            item: indexed,
        }
    }
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
fn duplicate_slug(path: &Path, position: (usize, usize), slug: &str, first: &Path) -> Diagnostic {
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
