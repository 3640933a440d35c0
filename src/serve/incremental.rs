//! Incremental rebuilds for `serve`: the build's own stages, run again for what an edit touched.
//!
//! The first build, and any build after `content/_index.md` or a template changed, is the full
//! build of `warraq build` (atomic, with the live-reload script in every page). After that, an
//! edit runs the same stages as the build, each for what it touched:
//! - **load** again for the documents whose files changed, then [`pipeline::select`] over
//!   every document, as the build does;
//! - **documents** for each published document whose output is not known: changed, or
//!   published anew (a draft cleared, a slug freed);
//! - **listings, site files, `anchors.json` and the link check** over the outputs of all of
//!   them ([`pipeline::site_wide`]).
//!
//! When no error stands, the files made are written, each replaced atomically, and the files
//! the site no longer has are removed: the preview folder then holds what `warraq build`
//! writes for the same content, byte for byte, but for the live-reload script. With an error,
//! nothing is written, the previous preview keeps being served, and what was rendered is
//! rendered again after the next change.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::watch::Snapshot;
use crate::content::document::Home;
use crate::content::indexed::Indexed;
use crate::content::schema::Meta;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Error;
use crate::fs::Stamp;
use crate::output::sink::Sink;
use crate::output::write::{remove_file, replace_file};
use crate::pipeline::{self, DocumentOutput, Listed, Loaded, Options, Templates};
use crate::render::Renderer;

/// What one rebuild did.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// `full` or `incremental`; empty when nothing had changed.
    pub kind: &'static str,
    /// Files written.
    pub(crate) pages: usize,
    /// The diagnostics of the documents that changed, and every error standing, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the served site changed.
    pub written: bool,
}

/// A site being previewed, with what its last build knew.
pub struct Preview {
    options: Options,
    state: Option<State>,
}

/// What the preview's last good build knew.
struct State {
    /// The stamps of `content/_index.md` and the templates: a change means a full build.
    site: BTreeMap<PathBuf, Option<Stamp>>,
    /// The stamps of the other files under `content/` (bundles' too), where the documents'
    /// PDFs are.
    attachments: BTreeMap<PathBuf, Option<Stamp>>,
    home: Home,
    renderer: Renderer,
    /// Every document file, by its path as messages show it.
    documents: BTreeMap<PathBuf, Doc>,
    /// Every file of the preview, relative to it.
    files: BTreeSet<String>,
    /// The files no document makes, as last written, so that only those that change are
    /// written again.
    shared: BTreeMap<String, Vec<u8>>,
}

/// One document file as last seen.
struct Doc {
    /// Its stamp when last read; `None` while it could not be.
    stamp: Option<Stamp>,
    /// Its bundle files' stamps when it was last read.
    bundle: BTreeMap<PathBuf, Option<Stamp>>,
    /// Its index entry, when it loaded (drafts and repeated slugs too: `select` decides).
    indexed: Option<Indexed>,
    /// What loading it reported.
    loaded: Vec<Diagnostic>,
    /// Its output as the preview holds it, when it is published.
    output: Option<DocumentOutput>,
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
    pub fn update(&mut self, snapshot: &Snapshot) -> Result<Rebuild, Error> {
        match &self.state {
            Some(state) if state.site == snapshot.site => self.incremental(snapshot),
            _ => self.full(snapshot),
        }
    }

    fn full(&mut self, snapshot: &Snapshot) -> Result<Rebuild, Error> {
        let built = pipeline::build_site(&self.options, Some(super::reload::SCRIPT))?;
        let outcome = built.outcome;
        let mut report = Rebuild {
            kind: "full",
            pages: outcome.pages,
            written: outcome.written,
            diagnostics: outcome.diagnostics,
        };
        let Some(made) = built.made.filter(|_| outcome.written) else {
            // The previous output stays; the next change of any file tries a full build again.
            self.state = None;
            report.pages = 0;
            return Ok(report);
        };
        let mut published: BTreeMap<PathBuf, (Indexed, DocumentOutput)> = (made.site.documents)
            .into_iter()
            .zip(made.documents)
            .map(|(indexed, output)| (indexed.path.clone(), (indexed, output)))
            .collect();
        let default_lang = made.site.home.config.default_language;
        // The documents left out (drafts, repeated slugs) are loaded here: `select` must see
        // them again after every edit.
        let documents = snapshot
            .documents
            .par_iter()
            .map(|(path, stamp)| {
                let shown = pipeline::display(path);
                let bundle = snapshot.bundles.get(path).cloned().unwrap_or_default();
                let doc = match published.get(&shown) {
                    Some((indexed, output)) => Doc {
                        stamp: *stamp,
                        bundle,
                        indexed: Some(indexed.clone()),
                        loaded: Vec::new(),
                        output: Some(output.clone()),
                    },
                    None => load(path, *stamp, bundle, default_lang),
                };
                (shown, doc)
            })
            .collect();
        published.clear();
        let files = (outcome.files.0.into_iter())
            .filter(|(_, length)| length.is_some())
            .map(|(path, _)| path)
            .collect();
        self.state = Some(State {
            site: snapshot.site.clone(),
            attachments: snapshot.other_files(),
            home: made.site.home,
            // The templates the build just used: parsed once, and the same ones.
            renderer: made.renderer,
            documents,
            files,
            shared: BTreeMap::new(),
        });
        Ok(report)
    }

    fn incremental(&mut self, snapshot: &Snapshot) -> Result<Rebuild, Error> {
        let state = self.state.as_mut().expect("incremental after a full build");
        let mut report = Rebuild {
            kind: "incremental",
            ..Rebuild::default()
        };
        let wanted: BTreeMap<PathBuf, (&PathBuf, Option<Stamp>)> = snapshot
            .documents
            .iter()
            .map(|(path, stamp)| (pipeline::display(path), (path, *stamp)))
            .collect();
        let before = state.documents.len();
        state.documents.retain(|path, _| wanted.contains_key(path));
        let mut changed = state.documents.len() != before;

        // Load: the documents that are new or changed, read again, in parallel.
        let default_lang = state.home.config.default_language;
        let no_files = BTreeMap::new();
        let bundle_of = |path: &PathBuf| snapshot.bundles.get(path).unwrap_or(&no_files);
        let loaded: Vec<(PathBuf, Doc)> = wanted
            .par_iter()
            .filter(|(shown, (path, stamp))| {
                (state.documents.get(*shown))
                    .is_none_or(|d| d.stamp != *stamp || d.bundle != *bundle_of(path))
            })
            .map(|(shown, (path, stamp))| {
                let bundle = bundle_of(path).clone();
                (shown.clone(), load(path, *stamp, bundle, default_lang))
            })
            .collect();
        changed |= !loaded.is_empty();
        let mut touched: BTreeSet<PathBuf> = loaded.iter().map(|(path, _)| path.clone()).collect();
        state.documents.extend(loaded);
        // A file under `content/` added, removed or changed: the documents naming it as their
        // PDF are rendered again (the PDF copied, its size shown anew, or its error reported).
        let attachments = snapshot.other_files();
        if state.attachments != attachments {
            let moved: BTreeSet<PathBuf> = (state.attachments.iter())
                .filter(|(path, stamp)| attachments.get(*path) != Some(*stamp))
                .chain(
                    (attachments.iter()).filter(|(path, _)| !state.attachments.contains_key(*path)),
                )
                .map(|(path, _)| pipeline::display(path))
                .collect();
            let content = pipeline::display(&self.options.root.join("content"));
            for (path, doc) in &mut state.documents {
                let pdf = doc.indexed.as_ref().and_then(|i| i.meta.pdf.as_ref());
                if pdf.is_some_and(|pdf| moved.contains(&content.join(pdf.as_str()))) {
                    doc.output = None;
                    touched.insert(path.clone());
                    changed = true;
                }
            }
            state.attachments = attachments;
        }
        if !changed {
            report.kind = "";
            return Ok(report);
        }
        state.render(&self.options, &touched, &mut report)?;
        Ok(report)
    }
}

/// Loads one document file for the preview; `bundle` are its bundle files' stamps.
fn load(
    path: &Path,
    stamp: Option<Stamp>,
    bundle: BTreeMap<PathBuf, Option<Stamp>>,
    default_lang: crate::lang::Lang,
) -> Doc {
    let mut loaded = Vec::new();
    let indexed = pipeline::load_document(path, default_lang, &mut loaded).map(Indexed::new);
    Doc {
        stamp,
        bundle,
        indexed,
        loaded,
        output: None,
    }
}

impl State {
    /// Runs the stages after loading for the documents, and writes what changed when no
    /// error stands; `touched` are the documents loaded again, whose warnings are reported.
    fn render(
        &mut self,
        options: &Options,
        touched: &BTreeSet<PathBuf>,
        report: &mut Rebuild,
    ) -> Result<(), Error> {
        let mut all: Vec<Diagnostic> = (self.documents.values())
            .flat_map(|doc| doc.loaded.iter().cloned())
            .collect();
        // The documents to publish, chosen as the build chooses them.
        let loaded = (self.documents.values())
            .filter_map(|doc| doc.indexed.as_ref())
            .map(Loaded::indexed);
        let selected = pipeline::select(loaded, options.drafts, Some(&self.home), &mut all);
        pipeline::check_archive(&self.home, &selected, &mut all);
        let published: BTreeSet<PathBuf> = selected
            .into_iter()
            .map(|indexed| indexed.path.clone())
            .collect();
        for (path, doc) in &mut self.documents {
            if !published.contains(path) {
                doc.output = None;
            }
        }
        let config = &self.home.config;
        let content = pipeline::display(&options.root.join("content"));
        let templates = Templates::new(config, &self.renderer).reading_from(&content);
        let sink = Sink::memory().adding_to_pages(Some(super::reload::SCRIPT));
        // The document stage for every published document whose output is not known.
        let stale: Vec<&Indexed> = (self.documents.values())
            .filter(|doc| doc.output.is_none())
            .filter_map(|doc| doc.indexed.as_ref())
            .filter(|indexed| published.contains(&indexed.path))
            .collect();
        let fresh: BTreeMap<PathBuf, DocumentOutput> = stale
            .iter()
            .map(|indexed| indexed.path.clone())
            .zip(pipeline::render_documents(&stale, &templates, &sink)?)
            .collect();
        let (listed, outputs): (Vec<Listed>, Vec<&DocumentOutput>) = (self.documents.iter())
            .filter(|(path, _)| published.contains(*path))
            .filter_map(|(path, doc)| {
                let output = doc.output.as_ref().or_else(|| fresh.get(path))?;
                Some((Listed::of(doc.indexed.as_ref()?), output))
            })
            .unzip();
        let metas: Vec<&Meta> = listed.iter().map(|doc| doc.meta).collect();
        let listings = pipeline::render_listings(&self.home, &listed, &templates, &sink)?;
        drop(listed);
        // Every file the site now has, by path: the kept documents' here, the rest as written.
        let mut now: BTreeSet<String> = (outputs.iter())
            .flat_map(|output| output.files.iter().map(|(path, _)| path.clone()))
            .collect();
        pipeline::site_wide(
            &templates,
            &metas,
            &outputs,
            listings,
            &sink,
            &options.out,
            &mut all,
        )?;
        drop((outputs, metas));

        report.diagnostics = all
            .into_iter()
            .filter(|d| d.is_error() || touched.contains(&d.file))
            .collect();
        if diagnostics::has_errors(&report.diagnostics) {
            return Ok(());
        }

        // Write: the documents' new files, the other files that changed, then remove what the
        // site no longer has.
        let rendered: BTreeSet<&str> = (fresh.values())
            .flat_map(|output| output.files.iter().map(|(path, _)| path.as_str()))
            .collect();
        let mut written = 0;
        for (path, bytes) in sink.into_files() {
            // A document's file was made because it changed; any other is written only when
            // its bytes differ from those last written.
            let own = rendered.contains(path.as_str());
            if own || self.shared.get(&path) != Some(&bytes) {
                replace_file(&options.out, &path, &bytes)?;
                written += 1;
            }
            if !own {
                self.shared.insert(path.clone(), bytes);
            }
            now.insert(path);
        }
        drop(rendered);
        for gone in self.files.difference(&now) {
            remove_file(&options.out, gone)?;
        }
        // A file removed is forgotten, so that when it comes back with the bytes it had (a
        // search chunk when a draft is cleared), it is written again.
        self.shared.retain(|path, _| now.contains(path));
        self.files = now;
        for (path, output) in fresh {
            if let Some(doc) = self.documents.get_mut(&path) {
                doc.output = Some(output);
            }
        }
        report.pages = written;
        report.written = true;
        Ok(())
    }
}
