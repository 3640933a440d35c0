//! The build, stage by stage. This is the one place that knows their order; [`build_site`]
//! reads as the list of them:
//!
//! 1. **load** (`load.rs`): `content/` found, the settings and every document's front matter
//!    read and validated on every core, the documents to publish selected: a [`Site`] of
//!    [`Indexed`] entries (front matter, no text);
//! 2. **documents** (`document.rs`): each document read again and taken through Markdown,
//!    abstract pairs, citations and templates, on every core, its files put in the [`Sink`] as
//!    they are made: a [`DocumentOutput`] each (diagnostics, public addresses, link
//!    summaries); the **listings** (`listings.rs`: home pages, the archive's topic, series and
//!    author pages, `404.html`) are made alongside, from the index alone (the reading times
//!    come from the words counted at load);
//! 3. **site files** (`site_files.rs`): assets, crawler files, `CNAME`, and `anchors.json`
//!    from every page's addresses; the **search index** (`search.rs`) from every document's
//!    passages, which the document stage took from its model;
//! 4. **check** (`check.rs`): every link of every file, over the summaries;
//! 5. **write**: the staging folder swapped in for the site, when there is no error.
//!
//! Content problems are collected from every stage and returned together. Results are gathered
//! in path order, so pages and diagnostics are the same as a one-thread build's. `serve`
//! runs the same stages for what an edit touched (`serve/incremental.rs`).

mod archive;
mod check;
mod document;
mod listings;
mod load;
mod old_addresses;
mod pages;
mod pdf;
pub mod record;
mod search;
mod site_files;

pub use archive::Listed;
pub(crate) use archive::is_list_page;
pub use document::{
    DocumentFiles, Paper, abstract_rows, document_files, document_html, document_pages,
    render_markdown, render_markdown_with,
};
pub(crate) use document::{DocumentOutput, render_documents};
pub use listings::{Listings, render_listings, site_pages};
pub(crate) use load::check_archive;
pub use load::{Content, Loaded, Site, display, load, load_document, reload, select};
pub use pages::{OutputFile, Templates};

use std::path::{Path, PathBuf};

use crate::content::discover::discover;
use crate::content::indexed::Indexed;
use crate::content::schema::Meta;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Error;

use crate::output::sink::{Destination, Sink};
use crate::output::write::{Staging, Written};
use crate::render::Renderer;
use crate::{anchors, links};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder holding `content/` and `templates/`.
    pub root: PathBuf,
    /// Where the site goes; `<root>/site` by default.
    pub out: PathBuf,
    /// Overrides the settings' `base_url`.
    pub base_url: Option<String>,
    /// Publish documents marked `draft: true` too.
    pub drafts: bool,
    /// Write the site (`build`), or only check everything (`check`).
    pub write: bool,
    /// Build everything even when the output's record says nothing changed since the last
    /// build ([`record`]).
    pub full: bool,
}

/// What a build did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Every error and warning, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// Documents published.
    pub documents: usize,
    /// HTML pages written (or that would be written).
    pub pages: usize,
    /// Whether the site folder was replaced.
    pub written: bool,
    /// True when nothing had changed since the last build into the same folder: the site was
    /// left as it was and the diagnostics are that build's ([`record`]).
    pub up_to_date: bool,
    /// Every public page and its fragments (`site/anchors.json`).
    pub anchors: crate::anchors::Index,
    /// Every file and folder of the site written, for its record.
    pub(crate) files: Written,
    /// True when the site was built without `base_url`: its citations carry relative
    /// addresses (said once per build, with how to set it).
    pub no_base_url: bool,
}

impl Outcome {
    /// True when any diagnostic is an error.
    pub fn failed(&self) -> bool {
        diagnostics::has_errors(&self.diagnostics)
    }
}

/// Builds (or checks) the site described by `options`.
///
/// A build that writes first looks at the record the last build left beside the output
/// folder: when the program, the options, every source and the output are as that build
/// left them, there is nothing to do, and the outcome is that build's (`up_to_date`).
/// Otherwise the record is removed, the site built, and a new record written once the new
/// site is in place.
pub fn build(options: &Options) -> Result<Outcome, Error> {
    if !options.write {
        return Ok(build_site(options, None)?.outcome);
    }
    // One build at a time into a folder, from before its record is read until it is saved.
    let _lock = crate::output::lock::take(&options.out, crate::output::lock::Role::Build)?;
    let started = std::time::SystemTime::now();
    let key = record::Key::of(options);
    let last = key
        .as_ref()
        .filter(|_| !options.full)
        .and_then(|key| record::Record::read(&options.out, key));
    // With a record to check, the sources are stamped before anything is read; without one,
    // after the build (an edit while it ran leaves a stamp later than `started`).
    let mut sources = None;
    if let Some(last) = last {
        let now = record::SourceStamps::take(&options.root, started);
        if let Some(recorded) = last.holds(&options.out, now) {
            return Ok(Outcome {
                diagnostics: recorded.diagnostics,
                documents: recorded.documents,
                pages: recorded.pages,
                up_to_date: true,
                ..Outcome::default()
            });
        }
        sources = Some(now);
    }
    record::forget(&options.out);
    let Built { outcome, made } = build_site(options, None)?;
    // The index and templates are freed on one core while the record is written on the other.
    rayon::join(
        move || drop(made),
        || {
            if outcome.written
                && let Some(key) = key
            {
                let sources = || {
                    sources.unwrap_or_else(|| record::SourceStamps::take(&options.root, started))
                };
                record::save(&options.out, key, sources, &outcome);
            }
        },
    );
    Ok(outcome)
}

/// Every file a build of a site reads, in a fixed order, with what finding them reported.
pub(crate) struct Sources {
    /// The documents, sorted by path.
    pub(crate) documents: Vec<PathBuf>,
    /// `content/_index.md` and the template files, which every page depends on.
    pub(crate) site: Vec<PathBuf>,
    /// The other files under `content/` (a document's PDF among them), sorted by path.
    pub(crate) attachments: Vec<PathBuf>,
    /// The folders holding them: a file added or removed changes one of these.
    pub(crate) folders: Vec<PathBuf>,
    /// Each document's bundle files (figures, data), by the document's path.
    pub(crate) bundles: std::collections::BTreeMap<PathBuf, Vec<PathBuf>>,
    /// Folders that could not be read and links not followed under `content/`.
    pub(crate) problems: Vec<Diagnostic>,
}

/// The source files of the site at `root`: what `serve` watches and a build's record stamps.
pub(crate) fn sources(root: &Path) -> Sources {
    let found = discover(&display(&root.join("content")));
    let templates = root.join("templates");
    let mut site: Vec<PathBuf> = found.index.into_iter().collect();
    site.extend(Renderer::source_files(&templates));
    let mut folders = found.folders;
    folders.extend(
        [templates.join("assets"), templates]
            .into_iter()
            .filter(|d| d.is_dir()),
    );
    Sources {
        documents: found.documents,
        site,
        attachments: found.attachments,
        folders,
        bundles: found.bundles,
        problems: found.problems,
    }
}

/// A finished build, and what `serve` keeps of it to rebuild only what an edit touches.
pub(crate) struct Built {
    pub(crate) outcome: Outcome,
    /// The site as loaded, when it could be: its index, templates and documents' outputs.
    pub(crate) made: Option<Made>,
}

/// A site whose stages ran.
pub(crate) struct Made {
    /// The settings (with `--base-url` applied) and the documents published.
    pub(crate) site: Site,
    /// The templates every page was rendered with.
    pub(crate) renderer: Renderer,
    /// Each document's output, in the order of `site.documents`.
    pub(crate) documents: Vec<DocumentOutput>,
}

/// The build: the stages in order, each from a named input to a named output. `page_script`
/// is added to every page (`serve`'s live-reload script).
pub(crate) fn build_site(
    options: &Options,
    page_script: Option<&'static str>,
) -> Result<Built, Error> {
    let mut diagnostics = Vec::new();
    // Load: the settings and every document's front matter; the documents to publish.
    let site = load::content(&options.root, &mut diagnostics, Indexed::new)?
        .site(options.drafts, &mut diagnostics);
    let mut site = match site {
        Ok(site) => site,
        Err(unbuildable) => return Ok(unbuildable_site(*unbuildable, diagnostics)),
    };
    if let Some(url) = &options.base_url {
        let slash = if url.ends_with('/') { "" } else { "/" };
        site.home.config.base_url = Some(format!("{url}{slash}"));
    }
    // Documents, each into its files, and the listings alongside, all put in the sink.
    let renderer = Renderer::load(&options.root.join("templates"))?;
    let content = display(&options.root.join("content"));
    let templates = Templates::new(&site.home.config, &renderer).reading_from(&content);
    let sink = Sink::new(match options.write {
        true => Destination::Staging(Staging::begin(&options.out)?),
        false => Destination::Nowhere,
    })
    .adding_to_pages(page_script);
    let metas: Vec<&Meta> = site.documents.iter().map(|d| &d.meta).collect();
    // The listings need only the index (front matter and the words counted at load), so they
    // are made on one core while the documents take the other.
    let listed: Vec<Listed> = site.documents.iter().map(Listed::of).collect();
    let (documents, listings) = rayon::join(
        || render_documents(&site.documents, &templates, &sink),
        || render_listings(&site.home, &listed, &templates, &sink),
    );
    let (documents, listings) = (documents?, listings?);
    drop(listed);
    // Site files, `anchors.json` and the link check, over what the documents made.
    let outputs: Vec<&DocumentOutput> = documents.iter().collect();
    let site_wide = site_wide(
        &templates,
        &metas,
        &outputs,
        listings,
        &sink,
        &options.out,
        &mut diagnostics,
    )?;
    drop((metas, outputs));
    let mut outcome = Outcome {
        documents: documents.len(),
        pages: site_wide.pages,
        anchors: site_wide.anchors,
        no_base_url: site.home.config.base_url.is_none(),
        ..Outcome::default()
    };
    // Write: the staging folder swapped in for the site, unless there is an error.
    if let Destination::Staging(staging) = sink.destination()
        && !diagnostics::has_errors(&diagnostics)
    {
        outcome.files = staging.commit()?;
        outcome.written = true;
    }
    outcome.diagnostics = diagnostics;
    Ok(Built {
        outcome,
        made: Some(Made {
            site,
            renderer,
            documents,
        }),
    })
}

/// What the stages after the documents made of the site.
pub(crate) struct SiteWide {
    /// Every public page and its fragments (`anchors.json`).
    pub(crate) anchors: anchors::Index,
    /// The number of HTML pages.
    pub(crate) pages: usize,
}

/// The stages after the documents, for `build` and `serve` alike: the documents' and
/// listings' diagnostics gathered, the site files and `anchors.json` put in `sink`, then the link check over every file, unless `diagnostics`
/// already hold an error, and the documents' broken in-page links added; diagnostics sorted
/// at the end.
pub(crate) fn site_wide(
    templates: &Templates,
    metas: &[&Meta],
    documents: &[&DocumentOutput],
    listings: Listings,
    sink: &Sink,
    out: &Path,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<SiteWide, Error> {
    let config = templates.config;
    let files = site_files::site_files(config, templates.renderer, metas, &listings.anchors, sink)?;
    for output in documents {
        diagnostics.extend(output.diagnostics.iter().cloned());
    }
    diagnostics.extend(listings.diagnostics);
    let anchors = site_files::anchor_index(documents, listings.anchors);
    let anchors_file = (anchors::FILE, links::Summary::File);
    let summaries: Vec<(&str, &links::Summary)> = (documents.iter().flat_map(|d| &d.files))
        .chain(&listings.files)
        .chain(&files)
        .map(|(path, summary)| (path.as_str(), summary))
        .chain([(anchors_file.0, &anchors_file.1)])
        .collect();
    let pages = summaries
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .count();
    let failed = diagnostics::has_errors(diagnostics);
    // `anchors.json` and the search's index are made while the links are checked: the check
    // needs only to know that `anchors.json` exists, and no page links to the index's files.
    // Pages of content with errors are not worth checking: their problems are already named.
    let ((), (json, index)) = rayon::join(
        || {
            if !failed {
                let base_url = config.base_url.as_deref();
                let placed: Vec<&document::PlacedLink> =
                    documents.iter().flat_map(|d| &d.site_links).collect();
                check::check_links(summaries, &placed, base_url, out, diagnostics);
            }
        },
        || {
            rayon::join(
                || anchors.to_json(),
                || config.search.then(|| search::index_files(documents, sink)),
            )
        },
    );
    index.transpose()?;
    for output in documents {
        diagnostics.extend(output.broken_links.iter().cloned());
    }
    sink.put_owned(anchors::FILE, json.into_bytes())?;
    diagnostics::sort(diagnostics);
    Ok(SiteWide { anchors, pages })
}

/// The outcome of a site that cannot be built: every document that loaded still gets its
/// Markdown checked, so one run reports every error.
fn unbuildable_site(site: load::Unbuildable<Indexed>, mut diagnostics: Vec<Diagnostic>) -> Built {
    use rayon::prelude::*;
    let raw_html = site.home.as_ref().is_some_and(|h| h.config.allow_raw_html);
    let lists: Vec<Vec<Diagnostic>> = site
        .documents
        .par_iter()
        .map(|indexed| {
            let mut diags = Vec::new();
            if let Some(doc) = reload(indexed, &mut diags) {
                render_markdown(&doc, raw_html, &mut diags);
            }
            diags
        })
        .collect();
    diagnostics.extend(lists.into_iter().flatten());
    diagnostics::sort(&mut diagnostics);
    Built {
        outcome: Outcome {
            diagnostics,
            ..Outcome::default()
        },
        made: None,
    }
}
