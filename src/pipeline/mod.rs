//! The build, stage by stage: load → Markdown → templates → write.
//!
//! This is the one place that knows the order of the stages. Content problems are collected
//! from every stage and returned together; nothing is written unless there are none.
//!
//! Two passes over the documents, each in parallel on every core (rayon): the first reads and
//! validates the front matter and keeps only that (an [`Indexed`] per document; `load.rs`), the
//! second reads each document again, takes it through Markdown, abstract pairs, citations and
//! templates (`document.rs`) and writes its files at once, while the home pages are made
//! alongside (`pages.rs`). Results are gathered in path order, so pages and diagnostics are the
//! same as a one-thread build's. Then the link check over every page, `anchors.json`, and the
//! new site swapped in.

mod document;
mod load;
mod pages;

pub use document::{
    DocumentFiles, abstract_rows, document_files, document_html, document_pages, render_markdown,
};
pub use load::{Site, display, duplicate_slug, load, load_document, reload};
pub use pages::{Page, Templates, site_pages};

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use self::load::load_all;
use crate::content::discover::discover;
use crate::content::document::Home;
use crate::content::indexed::Indexed;
use crate::content::schema::Meta;
use crate::diagnostics::{self, Diagnostic};
use crate::error::Error;
use crate::output::record;
use crate::output::write::{Staging, Written};
use crate::render::Renderer;
use crate::{anchors, links, publish};

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
        return Ok(build_site(options, false)?.0);
    }
    // One build at a time into a folder, from before its record is read until it is saved.
    let _lock = crate::output::lock::take(&options.out, crate::output::lock::Writer::Build)?;
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
    let (outcome, used) = build_site(options, false)?;
    // The index and templates are freed on one core while the record is written on the other.
    rayon::join(
        move || drop(used),
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
pub struct Sources {
    /// The documents, sorted by path.
    pub documents: Vec<PathBuf>,
    /// `content/_index.md` and the template files, which every page depends on.
    pub site: Vec<PathBuf>,
    /// The folders holding them: a file added or removed changes one of these.
    pub folders: Vec<PathBuf>,
    /// Folders that could not be read and links not followed under `content/`.
    pub problems: Vec<Diagnostic>,
}

/// The source files of the site at `root`: what `serve` watches and a build's record stamps.
pub fn sources(root: &Path) -> Sources {
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
        folders,
        problems: found.problems,
    }
}

/// A loaded site whose documents are kept as index entries (front matter, no text).
pub struct Index {
    /// `content/_index.md`, with `--base-url` applied.
    pub home: Home,
    /// Documents to publish, sorted by path.
    pub documents: Vec<Indexed>,
}

/// The build, returning the index of the site and the templates it used when it could be
/// loaded; `live_reload` adds the preview script of `serve` to every page.
pub(crate) fn build_site(
    options: &Options,
    live_reload: bool,
) -> Result<(Outcome, Option<(Index, Renderer)>), Error> {
    let mut outcome = Outcome::default();
    let (home, documents) = load_all(
        &options.root,
        options.drafts,
        &mut outcome.diagnostics,
        Indexed::new,
    )?;
    let mut index = match home {
        Some(home) if !diagnostics::has_errors(&outcome.diagnostics) => Index { home, documents },
        _ => {
            // The site cannot be built, but every document that loaded still gets its
            // Markdown checked, so one run reports every error.
            let raw_html = home.as_ref().is_some_and(|h| h.config.allow_raw_html);
            let lists: Vec<Vec<Diagnostic>> = documents
                .par_iter()
                .map(|indexed| {
                    let mut diags = Vec::new();
                    if let Some(doc) = reload(indexed, &mut diags) {
                        render_markdown(&doc, raw_html, &mut diags);
                    }
                    diags
                })
                .collect();
            outcome.diagnostics.extend(lists.into_iter().flatten());
            diagnostics::sort(&mut outcome.diagnostics);
            return Ok((outcome, None));
        }
    };
    if let Some(url) = &options.base_url {
        index.home.config.base_url = Some(if url.ends_with('/') {
            url.clone()
        } else {
            format!("{url}/")
        });
    }
    let renderer = Renderer::load(&options.root.join("templates"))?;
    let staging = if options.write {
        Some(Staging::begin(&options.out)?)
    } else {
        None
    };
    let stage =
        |path: &str, bytes: &[u8]| staging.as_ref().map_or(Ok(()), |s| s.write(path, bytes));
    // Every output file is written and summarized for the link check as it is made; none is
    // kept.
    let publish = |file: Page| -> Result<(String, links::Summary), Error> {
        stage(&file.path, &file.html)?;
        let summary = links::Summary::of(&file.path, &file.html);
        Ok((file.path, summary))
    };
    let mut files: BTreeMap<String, links::Summary> = BTreeMap::new();
    let templates = Templates::new(&index.home.config, &renderer, live_reload);

    // Documents in parallel, each file written and summarized as soon as it is made; results
    // gathered in path order, so diagnostics, anchors and the first failure are a one-thread
    // build's. The home pages need only the index: they are made alongside.
    let metas: Vec<&Meta> = index.documents.iter().map(|d| &d.meta).collect();
    let listings = || -> Result<Listings, Error> {
        let mut anchors = anchors::Index::default();
        let mut diags = Vec::new();
        let pages = site_pages(&index.home, &metas, &templates, &mut anchors, &mut diags)?;
        let summaries = pages.into_iter().map(publish).collect::<Result<_, _>>()?;
        Ok((summaries, anchors, diags))
    };
    let documents = || -> Vec<Result<Summarized, Error>> {
        index
            .documents
            .par_iter()
            // Split down to single papers, so a core that runs out of work can take one from
            // the other to the end: papers differ in length, and left to itself rayon stops
            // splitting at a few hundred, leaving a core idle for the last of them.
            .with_max_len(1)
            .map(|indexed| {
                let mut diags = Vec::new();
                let Some(doc) = reload(indexed, &mut diags) else {
                    return Ok((diags, None));
                };
                let made = document_files(&doc, &templates, &mut diags)?;
                // Sorted here, on every core, the build's list is made of sorted runs, which
                // the final sort only has to merge.
                diagnostics::sort(&mut diags);
                let summaries = made
                    .files
                    .into_iter()
                    .map(publish)
                    .collect::<Result<_, _>>()?;
                Ok((diags, Some((made.anchors, summaries))))
            })
            .collect()
    };
    let (results, listings) = rayon::join(documents, listings);
    let mut pages = Vec::with_capacity(results.len() * 2);
    let mut summaries = Vec::with_capacity(results.len() * 4);
    for result in results {
        let (diags, made) = result?;
        outcome.diagnostics.extend(diags);
        if let Some((anchors, files)) = made {
            pages.extend(anchors);
            summaries.extend(files);
        }
    }
    // Two sorted maps built at once, each from its entries sorted rather than by an insert per
    // entry (20,000 files and 10,000 pages for 5,000 papers).
    outcome.pages = summaries
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .count();
    let anchors = &mut outcome.anchors;
    rayon::join(
        || files = summaries.into_iter().collect(),
        || *anchors = pages.into_iter().map(|(u, f, s)| (u, f, Some(s))).collect(),
    );
    // Added after the documents' entries, as when the listings were made after them.
    let (summaries, anchors, diags) = listings?;
    outcome.anchors.pages.extend(anchors.pages);
    outcome.diagnostics.extend(diags);
    for (path, summary) in summaries {
        files.insert(path, summary);
        outcome.pages += 1;
    }
    outcome.documents = index.documents.len();
    let mut write = |path: &str, bytes: &[u8]| {
        files.insert(path.to_string(), links::Summary::of(path, bytes));
        stage(path, bytes)
    };

    let config = &index.home.config;
    let base_url = config.base_url.as_deref();
    write(".nojekyll", b"")?;
    for (name, bytes) in &renderer.assets {
        write(&format!("assets/{name}"), bytes)?;
    }
    if let Some(base) = base_url {
        for (name, text) in publish::crawler_files(base, config, &metas) {
            write(name, text.as_bytes())?;
        }
    }
    if let Some(domain) = &config.cname {
        write("CNAME", format!("{domain}\n").as_bytes())?;
    }
    // `anchors.json` is made while the links are checked: the check needs only to know
    // that the file exists.
    files.insert(anchors::FILE.to_string(), links::Summary::File);
    let (problems, anchors_json) = rayon::join(
        || {
            // Pages of content with errors are not worth checking: their problems are
            // already named.
            if outcome.failed() {
                Vec::new()
            } else {
                links::check_site(&files, base_url)
            }
        },
        || outcome.anchors.to_json(),
    );
    // The link summaries of every page are freed on the thread pool, not while the site is
    // put in place.
    rayon::spawn(move || drop(files));
    stage(anchors::FILE, anchors_json.as_bytes())?;
    let mut local_links = LocalLinkWarnings::of(&outcome.diagnostics);
    for problem in problems {
        if local_links.confirm(&mut outcome, &problem) {
            continue;
        }
        outcome.diagnostics.push(
            Diagnostic::error(
                &display(&options.out.join(&problem.page)),
                problem.position,
                problem.message,
            )
            .field("link")
            .hint(problem.hint),
        );
    }

    diagnostics::sort(&mut outcome.diagnostics);
    if let Some(staging) = staging
        && !outcome.failed()
    {
        outcome.files = staging.commit()?;
        outcome.written = true;
    }
    Ok((outcome, Some((index, renderer))))
}

/// The warnings the Markdown stage gave at the source for in-page links (`[see](#x)`), by
/// file and message, each list with its first warning last; looked up once per problem of the
/// link check rather than by a pass over every diagnostic of the build.
struct LocalLinkWarnings(HashMap<(PathBuf, String), Vec<usize>>);

impl LocalLinkWarnings {
    fn of(diagnostics: &[Diagnostic]) -> Self {
        let mut warnings: HashMap<(PathBuf, String), Vec<usize>> = HashMap::new();
        for (i, d) in diagnostics.iter().enumerate().rev() {
            if !d.is_error() && d.field.as_deref() == Some("link") {
                let key = (d.file.clone(), d.message.clone());
                warnings.entry(key).or_default().push(i);
            }
        }
        LocalLinkWarnings(warnings)
    }

    /// Makes the next source warning for the link of `problem` an error, when the link check
    /// confirms that the page has no such id; false when there is none, and the problem is
    /// reported at the page.
    fn confirm(&mut self, outcome: &mut Outcome, problem: &links::Problem) -> bool {
        // Both sides name the target as the browser looks it up, percent-decoded: the page
        // holds `#%D9%85…` where the author wrote `#م…`.
        let target = problem
            .link
            .as_deref()
            .and_then(|l| l.trim().strip_prefix('#'))
            .map(links::percent_decode);
        let url = problem
            .page
            .strip_suffix("index.html")
            .unwrap_or(&problem.page);
        // Only a document's own page, `<slug>/`, holds its Markdown body: the same link on its
        // English page (`en/<slug>/`) came from a template, and is reported there.
        if url.trim_end_matches('/').contains('/') {
            return false;
        }
        let source = outcome
            .anchors
            .pages
            .get(url)
            .and_then(|p| p.source.as_deref());
        let (Some(target), Some(source)) = (target, source) else {
            return false;
        };
        let key = (
            display(source),
            crate::markdown::local_links::message(&target),
        );
        let Some(i) = self.0.get_mut(&key).and_then(Vec::pop) else {
            return false;
        };
        outcome.diagnostics[i].severity = diagnostics::Severity::Error;
        true
    }
}

/// One document's diagnostics, and its anchors and its files' link summaries (none when it
/// could not be read again).
type Summarized = (
    Vec<Diagnostic>,
    Option<(
        Vec<(String, Vec<String>, PathBuf)>,
        Vec<(String, links::Summary)>,
    )>,
);

/// The listing pages' link summaries, their anchors and diagnostics.
type Listings = (
    Vec<(String, links::Summary)>,
    anchors::Index,
    Vec<Diagnostic>,
);
