//! Incremental rebuilds for `serve`: only what a change touches is rendered again.
//!
//! The first build, and any build after `content/_index.md` or a template changed, is a full
//! build (atomic, like `warraq build`). After that, a changed document re-renders its own
//! page, and the home pages are rendered again only when what they show of a document (its
//! list entry) changed or a document came or went. Nothing is written while any document has
//! an error: the previous pages keep being served, and pages still to be written stay pending
//! until the errors are fixed. Each page is replaced atomically.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::watch::{Snapshot, Stamp};
use crate::content::document::Home;
use crate::content::indexed::Indexed;
use crate::content::schema::Meta;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Error;
use crate::output::write::{remove_dir, replace_file};
use crate::pipeline::{self, Options, Page, Templates};
use crate::render::Renderer;
use crate::render::context::Entry;

/// A document's pages (none if it could not be read again) and its diagnostics.
type Rendered = (Vec<Page>, Vec<Diagnostic>);

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Report {
    /// `full` or `incremental`; empty when nothing had changed.
    pub kind: &'static str,
    /// Pages written.
    pub pages: usize,
    /// New diagnostics, and every error still standing, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the served site changed.
    pub written: bool,
}

/// A site being previewed, with what its last build knew.
pub struct Preview {
    options: Options,
    state: Option<State>,
}

struct State {
    /// Where the preview is written.
    out: PathBuf,
    site: BTreeMap<PathBuf, Stamp>,
    home: Home,
    renderer: Renderer,
    documents: BTreeMap<PathBuf, Doc>,
    /// Published documents whose page has not been written since they changed.
    pending: BTreeSet<PathBuf>,
    /// The home pages must be rendered again.
    listings: bool,
    /// Page folders of documents that went away or changed slug, still to be removed.
    removed: BTreeSet<String>,
}

/// One document file as last seen.
struct Doc {
    stamp: Stamp,
    /// Its index entry, when it loaded and is published (not a draft left out).
    indexed: Option<Indexed>,
    /// What the home pages show of it (JSON of its entry), to see whether they must change.
    entry: Option<String>,
    /// Diagnostics of its last load; errors here stop writing.
    loaded: Vec<Diagnostic>,
    /// Diagnostics of its last render.
    rendered: Vec<Diagnostic>,
}

impl Preview {
    /// A preview of `options.root` written to `options.out` (nothing built yet).
    pub fn new(options: Options) -> Preview {
        Preview {
            options,
            state: None,
        }
    }

    /// Brings the output up to date with `snapshot`, the state of the sources just taken.
    pub fn update(&mut self, snapshot: &Snapshot) -> Result<Report, Error> {
        match &self.state {
            Some(state) if state.site == snapshot.site => self.incremental(snapshot),
            _ => self.full(snapshot),
        }
    }

    fn full(&mut self, snapshot: &Snapshot) -> Result<Report, Error> {
        let (outcome, index) = pipeline::build_site(&self.options, true)?;
        let mut report = Report {
            kind: "full",
            pages: outcome.pages,
            written: outcome.written,
            diagnostics: outcome.diagnostics,
        };
        let Some((index, renderer)) = index.filter(|_| outcome.written) else {
            // The previous output stays; the next change of any file tries a full build again.
            self.state = None;
            report.pages = 0;
            return Ok(report);
        };
        let mut published: BTreeMap<PathBuf, Indexed> = index
            .documents
            .into_iter()
            .map(|d| (d.path.clone(), d))
            .collect();
        let documents = snapshot
            .documents
            .iter()
            .map(|(path, stamp)| {
                let indexed = published.remove(&pipeline::display(path));
                let doc = Doc {
                    stamp: *stamp,
                    entry: indexed.as_ref().map(|d| entry_key(&d.meta)),
                    indexed,
                    loaded: Vec::new(),
                    rendered: Vec::new(),
                };
                (pipeline::display(path), doc)
            })
            .collect();
        self.state = Some(State {
            out: self.options.out.clone(),
            site: snapshot.site.clone(),
            home: index.home,
            // The templates the build just used: parsed once, and the same ones.
            renderer,
            documents,
            pending: BTreeSet::new(),
            listings: false,
            removed: BTreeSet::new(),
        });
        Ok(report)
    }

    fn incremental(&mut self, snapshot: &Snapshot) -> Result<Report, Error> {
        let drafts = self.options.drafts;
        let state = self.state.as_mut().expect("incremental after a full build");
        let mut report = Report {
            kind: "incremental",
            ..Report::default()
        };
        let wanted: BTreeMap<PathBuf, (&PathBuf, Stamp)> = snapshot
            .documents
            .iter()
            .map(|(path, stamp)| (pipeline::display(path), (path, *stamp)))
            .collect();

        // Documents that went away.
        let gone: Vec<PathBuf> = state
            .documents
            .keys()
            .filter(|p| !wanted.contains_key(*p))
            .cloned()
            .collect();
        for path in gone {
            let doc = state.documents.remove(&path).expect("listed");
            state.pending.remove(&path);
            if let Some(indexed) = doc.indexed {
                state.removed.insert(indexed.meta.slug.to_string());
                state.listings = true;
            }
        }

        // Documents that are new or changed: loaded again, in parallel.
        let changed: Vec<(&PathBuf, &PathBuf, Stamp)> = wanted
            .iter()
            .filter(|(shown, (_, stamp))| {
                state
                    .documents
                    .get(*shown)
                    .is_none_or(|d| d.stamp != *stamp)
            })
            .map(|(shown, (path, stamp))| (shown, *path, *stamp))
            .collect();
        let default_lang = state.home.config.default_language;
        let loaded: Vec<(PathBuf, Doc)> = changed
            .par_iter()
            .map(|(shown, path, stamp)| {
                let mut diagnostics = Vec::new();
                let indexed = pipeline::load_document(path, default_lang, &mut diagnostics)
                    .filter(|doc| drafts || !doc.meta.draft)
                    .map(Indexed::new);
                let doc = Doc {
                    stamp: *stamp,
                    entry: indexed.as_ref().map(|d| entry_key(&d.meta)),
                    indexed,
                    loaded: diagnostics,
                    rendered: Vec::new(),
                };
                ((*shown).clone(), doc)
            })
            .collect();
        for (path, doc) in loaded {
            report.diagnostics.extend(doc.loaded.iter().cloned());
            let old = state.documents.remove(&path);
            let old_slug = old
                .as_ref()
                .and_then(|d| d.indexed.as_ref())
                .map(|d| d.meta.slug.to_string());
            let new_slug = doc.indexed.as_ref().map(|d| d.meta.slug.to_string());
            if let Some(slug) = old_slug.filter(|s| Some(s) != new_slug.as_ref()) {
                state.removed.insert(slug);
            }
            if old.and_then(|d| d.entry) != doc.entry {
                state.listings = true;
            }
            if doc.indexed.is_some() {
                state.pending.insert(path.clone());
            } else {
                state.pending.remove(&path);
            }
            state.documents.insert(path, doc);
        }

        if state.pending.is_empty() && !state.listings && state.removed.is_empty() {
            report.kind = "";
            return Ok(report);
        }
        state.render(&mut report)?;
        Ok(report)
    }
}

impl State {
    /// Renders what is pending and writes it, unless some document has an error.
    fn render(&mut self, report: &mut Report) -> Result<(), Error> {
        let templates = Templates::new(&self.home.config, &self.renderer, true);
        let documents = &self.documents;
        let pending: Vec<&PathBuf> = self.pending.iter().collect();
        let rendered: Vec<Result<Rendered, Error>> = pending
            .par_iter()
            .map(|path| {
                let mut diags = Vec::new();
                let indexed = documents[*path]
                    .indexed
                    .as_ref()
                    .expect("pending is published");
                let Some(doc) = pipeline::reload(indexed, &mut diags) else {
                    return Ok((Vec::new(), diags));
                };
                let made = pipeline::document_files(&doc, &templates, &mut diags)?;
                Ok((made.files, diags))
            })
            .collect();
        let mut pages = Vec::new();
        let mut render_diags: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
        for (path, result) in pending.iter().zip(rendered) {
            let (page, diags) = result?;
            pages.extend(page);
            render_diags.push(((*path).clone(), diags));
        }
        let mut standing: Vec<Diagnostic> = Vec::new();
        if self.listings {
            let metas: Vec<&Meta> = documents
                .values()
                .filter_map(|d| d.indexed.as_ref().map(|i| &i.meta))
                .collect();
            let mut list = Vec::new();
            // `anchors.json` is written by full builds only; the preview does not need it.
            let mut anchors = crate::anchors::Index::default();
            pages.extend(pipeline::site_pages(
                &self.home,
                &metas,
                &templates,
                &mut anchors,
                &mut list,
            )?);
            standing.extend(list.into_iter().filter(Diagnostic::is_error));
        }
        for (path, diags) in render_diags {
            report.diagnostics.extend(diags.iter().cloned());
            let doc = self.documents.get_mut(&path).expect("pending is listed");
            doc.rendered = diags;
        }

        // Errors still standing anywhere, and duplicate slugs, over the documents in path order.
        let mut slugs: BTreeMap<&str, &Path> = BTreeMap::new();
        for doc in self.documents.values() {
            let own = doc.loaded.iter().chain(&doc.rendered);
            standing.extend(own.filter(|d| d.is_error()).cloned());
            if let Some(indexed) = &doc.indexed {
                let slug = indexed.meta.slug.as_str();
                match slugs.get(slug) {
                    Some(first) => standing.push(pipeline::duplicate_slug(
                        &indexed.path,
                        indexed.slug_position,
                        slug,
                        first,
                    )),
                    None => {
                        slugs.insert(slug, &indexed.path);
                    }
                }
            }
        }
        if diagnostics::has_errors(&standing) {
            for d in standing {
                if !report.diagnostics.contains(&d) {
                    report.diagnostics.push(d);
                }
            }
            diagnostics::sort(&mut report.diagnostics);
            return Ok(());
        }
        diagnostics::sort(&mut report.diagnostics);

        for slug in &self.removed {
            if !slugs.contains_key(slug.as_str()) {
                remove_dir(&self.out, slug)?;
                remove_dir(&self.out, &format!("en/{slug}"))?;
            }
        }
        for page in &pages {
            replace_file(&self.out, &page.path, &page.html)?;
        }
        self.removed.clear();
        self.pending.clear();
        self.listings = false;
        report.pages = pages.len();
        report.written = true;
        Ok(())
    }
}

/// What the home pages show of a document, as text to compare.
fn entry_key(meta: &Meta) -> String {
    serde_json::to_string(&Entry::new(meta, String::new())).unwrap_or_default()
}
