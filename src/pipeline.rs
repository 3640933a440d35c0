//! The build, stage by stage: load → Markdown → templates → minify → write.
//!
//! This is the one place that knows the order of the stages. Content problems are collected
//! from every stage and returned together; nothing is written unless there are none.
//!
//! Two passes over the documents, each in parallel on every core (rayon): the first reads and
//! validates the front matter and keeps only that (an [`Indexed`] per document), the second
//! reads each document again, takes it through Markdown, templates and minification, and
//! writes its files at once. Results are gathered in path order, so pages and diagnostics are
//! the same as a one-thread build's.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::discover::discover;
use crate::content::document::{self, Document, Home};
use crate::content::indexed::Indexed;
use crate::content::schema::{Meta, SiteConfig};
use crate::content::yaml_path::Seg;
use crate::diagnostics::{self, Diagnostic, FileDiagnostics};
use crate::error::Error;
use crate::lang::Lang;
use crate::markdown::{self, Rendered};
use crate::output::write::{Staging, Written};
use crate::output::{minify, record};
use crate::render::Renderer;
use crate::render::context::{
    AbstractRow, DocumentPage, DocumentView, Entry, PageView, SharedDocument, SiteView,
};
use crate::render::head::{BIB_FILE, CiteView, HeadView, Place, RIS_FILE};
use crate::render::parts;
use crate::{anchors, cite, links, publish};

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

/// The loaded content of a site.
pub struct Site {
    /// `content/_index.md`.
    pub home: Home,
    /// Documents to publish, sorted by path.
    pub documents: Vec<Document>,
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
        let target = problem
            .link
            .as_deref()
            .and_then(|l| l.trim().strip_prefix('#'));
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
            crate::markdown::local_links::message(target),
        );
        let Some(i) = self.0.get_mut(&key).and_then(Vec::pop) else {
            return false;
        };
        outcome.diagnostics[i].severity = diagnostics::Severity::Error;
        true
    }
}

/// A file of the site: where it goes and its contents (minified HTML for pages).
pub struct Page<T = Vec<u8>> {
    /// `/`-separated path inside the site, e.g. `my-paper/index.html`.
    pub path: String,
    /// The contents.
    pub html: T,
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

/// Everything one document adds to the site.
pub struct DocumentFiles {
    /// Its pages and citation files.
    pub files: Vec<Page>,
    /// Its public addresses: (url, fragments, source file), for `anchors.json`.
    pub anchors: Vec<(String, Vec<String>, PathBuf)>,
}

/// The parsed templates and the site-wide values every page is rendered with.
pub struct Templates<'a> {
    config: &'a SiteConfig,
    site: SiteView<'a>,
    renderer: &'a Renderer,
    live_reload: bool,
}

impl<'a> Templates<'a> {
    /// Pages of the site `config` through `renderer`; `live_reload` is for `serve` only.
    pub fn new(config: &'a SiteConfig, renderer: &'a Renderer, live_reload: bool) -> Self {
        Templates {
            config,
            site: SiteView::new(config),
            renderer,
            live_reload,
        }
    }

    /// A rendered page, minified: as it is when the templates are compact (the Markdown
    /// writer's HTML and the compact templates make minified pages), through minify-html
    /// otherwise.
    fn finish(&self, html: Vec<u8>) -> Vec<u8> {
        if self.renderer.compact {
            html
        } else {
            minify::html(&html)
        }
    }

    fn render(&self, template: &str, context: &PageContext) -> Result<Vec<u8>, Error> {
        let mut html = self.renderer.render(template, context)?;
        if self.live_reload {
            crate::serve::reload::inject(&mut html);
        }
        Ok(html)
    }
}

/// Template stage of one document: the paper's page and, for an Arabic paper, its English
/// page (metadata, abstracts, outline, citation), as rendered; `notes` are the rendered
/// notes, joined. With `marks`, both pages are given [`parts::BODY`] and [`parts::NOTES`] in
/// place of the body and the notes (those that are not empty), for [`parts::splice`].
pub fn document_html<'a>(
    doc: &'a Document,
    rendered: &'a Rendered,
    notes: &'a str,
    rows: &[AbstractRow],
    templates: &Templates,
    marks: bool,
) -> Result<Vec<Page>, Error> {
    let config = templates.config;
    let base_url = config.base_url.as_deref();
    let slug = doc.meta.slug.as_str();
    let url = format!("{slug}/");
    let place = Place {
        path: &url,
        base_url,
        root: "../",
    };
    let cite = CiteView::new(&doc.meta, place, &rendered.headings);
    let mut pages = Vec::new();

    // The paper's own page.
    let mut page = PageView::new(doc.meta.lang, doc.meta.title.clone(), "../");
    page.canonical = place.absolute();
    page.head = Some(HeadView::document(
        &doc.meta,
        config,
        place,
        &rendered.headings,
    ));
    // An Arabic paper's English page, and the citations as linked from it.
    let english = (doc.meta.lang == Lang::Ar).then(|| {
        let cite = cite.linked_from(&format!("../../{slug}/"));
        (format!("en/{slug}/"), cite)
    });
    page.other_lang_href = english.as_ref().map(|_| format!("../en/{slug}/"));
    let mut view = DocumentView::new(&doc.meta, rendered, notes, rows);
    if marks {
        view.body_html = parts::mark(view.body_html, parts::BODY);
        view.notes_html = parts::mark(view.notes_html, parts::NOTES);
    }
    // Both pages show the same view; only their citations' links differ.
    let view = SharedDocument::new(&view);
    let html = templates.render(
        "document.html",
        &PageContext {
            doc: Some(view.with_cite(cite)),
            ..PageContext::new(&templates.site, page)
        },
    )?;
    pages.push(Page {
        path: format!("{url}index.html"),
        html,
    });

    if let Some((en_url, en_cite)) = english {
        let en_place = Place {
            path: &en_url,
            base_url,
            root: "../../",
        };
        let mut page = PageView::new(Lang::En, doc.meta.title_en.clone(), "../../");
        page.canonical = en_place.absolute();
        page.other_lang_href = Some(format!("../../{slug}/"));
        page.head = Some(HeadView::translation(&doc.meta, config, en_place));
        let html = templates.render(
            "document-en.html",
            &PageContext {
                doc: Some(view.with_cite(en_cite)),
                ..PageContext::new(&templates.site, page)
            },
        )?;
        pages.push(Page {
            path: format!("{en_url}index.html"),
            html,
        });
    }
    Ok(pages)
}

/// Every stage for one document: Markdown, abstract pairs, citation files, templates,
/// minification.
pub fn document_files(
    doc: &Document,
    templates: &Templates,
    diags: &mut Vec<Diagnostic>,
) -> Result<DocumentFiles, Error> {
    let rendered = render_markdown(doc, templates.config.allow_raw_html, diags);
    let rows = abstract_rows(doc, &templates.config.glossary, diags);
    let slug = doc.meta.slug.as_str();
    let url = format!("{slug}/");
    let place = Place {
        path: &url,
        base_url: templates.config.base_url.as_deref(),
        root: "../",
    };
    let source = doc.source.path.clone();
    let mut anchors = vec![(
        url.clone(),
        anchors::document_fragments(
            &rendered.anchors,
            &doc.meta.aliases,
            rows.len(),
            rendered.notes.count,
        ),
        source.clone(),
    )];
    if doc.meta.lang == Lang::Ar {
        // The English page shows the abstract pairs and nothing else of the body.
        let fragments = anchors::document_fragments(&[], &BTreeMap::new(), rows.len(), 0);
        anchors.push((format!("en/{slug}/"), fragments, source));
    }
    let work = cite::Work::new(&doc.meta);
    let mut files = vec![
        Page {
            path: format!("{url}{BIB_FILE}"),
            html: cite::bibtex::entry(&work, &place.cited(None)).into_bytes(),
        },
        Page {
            path: format!("{url}{RIS_FILE}"),
            html: cite::ris::record(&work, &place.cited(None)).into_bytes(),
        },
    ];
    files.extend(document_pages(doc, &rendered, &rows, templates)?);
    Ok(DocumentFiles { files, anchors })
}

/// Template and minify stages of one document: its pages, minified. The body and notes come
/// from the Markdown stage already minified and are put in after the template has rendered
/// (unless the page's text holds a mark itself); with compact templates the rest of the page
/// is minified too, otherwise minify-html reads it.
pub fn document_pages(
    doc: &Document,
    rendered: &Rendered,
    rows: &[AbstractRow],
    templates: &Templates,
) -> Result<Vec<Page>, Error> {
    let notes = rendered.notes.items.concat();
    let parts = parts::of_paper(&rendered.html, &notes);
    // Compact templates render minified pages; pages from the templates as written are
    // minified here.
    let finish = |html| templates.finish(html);
    let mut pages = document_html(doc, rendered, &notes, rows, templates, true)?;
    // The pages as rendered with the body and notes themselves, made only if a page needs them.
    let mut whole: Option<Vec<Page>> = None;
    for (i, page) in pages.iter_mut().enumerate() {
        let html = finish(std::mem::take(&mut page.html));
        // The paper's page comes first and shows the body and notes once each; the English
        // page shows neither, so it holds no mark.
        let spliced = if i == 0 {
            parts::splice(&html, &parts)
        } else {
            parts::none_in(&html, &parts).then_some(html)
        };
        page.html = match spliced {
            Some(html) => html,
            None => {
                if whole.is_none() {
                    whole = Some(document_html(
                        doc, rendered, &notes, rows, templates, false,
                    )?);
                }
                let whole = whole.as_mut().expect("made above");
                finish(std::mem::take(&mut whole[i].html))
            }
        };
    }
    Ok(pages)
}

/// The pages that list documents or belong to no document: both home pages and `404.html`.
/// The home pages are minified as paper pages are; `404.html`, which carries the style sheet
/// inline, always goes through minify-html.
pub fn site_pages(
    home: &Home,
    documents: &[&Meta],
    templates: &Templates,
    anchor_index: &mut anchors::Index,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Page>, Error> {
    let config = templates.config;
    let base_url = config.base_url.as_deref();
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let (path, root) = match lang {
            Lang::Ar => ("index.html", ""),
            Lang::En => ("en/index.html", "../"),
        };
        let title = match lang {
            Lang::Ar => config.title.clone(),
            Lang::En => config.title_en.clone(),
        };
        let mut page = PageView::new(lang, title, root);
        page.other_lang_href = Some(match lang {
            Lang::Ar => "en/".to_string(),
            Lang::En => "../".to_string(),
        });
        let url = path.trim_end_matches("index.html");
        let place = Place {
            path: url,
            base_url,
            root,
        };
        page.canonical = place.absolute();
        page.head = Some(HeadView::home(config, lang, place));
        anchor_index.add(url, Vec::new(), None);
        let entries = documents
            .iter()
            .map(|meta| {
                // The English home links Arabic papers to their English pages (`en/<slug>/`).
                let href = match (lang, meta.lang) {
                    (Lang::En, Lang::En) => format!("../{}/", meta.slug),
                    _ => format!("{}/", meta.slug),
                };
                Entry::new(meta, href)
            })
            .collect();
        let context = match lang {
            Lang::Ar => PageContext {
                intro_html: home_intro(home, diags),
                ..PageContext::new(&templates.site, page)
            },
            Lang::En => PageContext {
                intro_text: config.description_en.as_deref(),
                ..PageContext::new(&templates.site, page)
            },
        };
        let html = templates.render("index.html", &PageContext { entries, ..context })?;
        pages.push(Page {
            path: path.to_string(),
            html: templates.finish(html),
        });
    }

    let mut page = PageView::new(
        Lang::Ar,
        format!(
            "{} — {}",
            config.title,
            crate::i18n::strings(Lang::Ar).not_found_title
        ),
        // GitHub Pages serves this page at any depth: see `HeadView::not_found`.
        &base_url.map_or("/".to_string(), links::base_path),
    );
    let css = templates
        .renderer
        .assets
        .iter()
        .find(|(name, _)| name == "style.css");
    page.head = Some(HeadView::not_found(
        base_url,
        css.map(|(_, bytes)| bytes.as_slice()),
    ));
    let html = templates.render("404.html", &PageContext::new(&templates.site, page))?;
    pages.push(Page {
        path: "404.html".to_string(),
        // Its inline style sheet is minified only here.
        html: minify::html(&html),
    });
    Ok(pages)
}

/// The context every template gets; each page fills its part.
#[derive(serde::Serialize)]
struct PageContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    doc: Option<DocumentPage<'a>>,
    entries: Vec<Entry<'a>>,
    /// Home page text rendered from Markdown.
    intro_html: String,
    /// Home page text as plain text (the English description).
    intro_text: Option<&'a str>,
}

impl<'a> PageContext<'a> {
    fn new(site: &'a SiteView<'a>, page: PageView) -> Self {
        PageContext {
            site,
            page,
            doc: None,
            entries: Vec::new(),
            intro_html: String::new(),
            intro_text: None,
        }
    }
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
fn load_all<T: Send>(
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

/// Markdown stage for one document, with the checks that need both body and front matter.
pub fn render_markdown(doc: &Document, raw_html: bool, diags: &mut Vec<Diagnostic>) -> Rendered {
    let text = &doc.source.text;
    let mut file_diags = FileDiagnostics::new(&doc.source.path, text);
    let fields = doc.source.fields();
    let byline: Vec<(&str, usize)> = doc
        .meta
        .authors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let label = a.note.as_deref()?;
            Some((
                label,
                fields.value_offset(&[Seg::Key("authors"), Seg::Index(i), Seg::Key("note")]),
            ))
        })
        .collect();
    let input = markdown::Input {
        body: doc.source.body(),
        body_offset: doc.source.body_offset,
        lang: doc.meta.lang,
        byline_notes: &byline,
        raw_html,
        aliases: &doc.meta.aliases,
    };
    let mut rendered = markdown::render(&input, &mut file_diags);
    // One entry per author, empty for authors without a note, so the template can zip them.
    let mut references = std::mem::take(&mut rendered.notes.byline).into_iter();
    rendered.notes.byline = doc
        .meta
        .authors
        .iter()
        .map(|a| {
            a.note
                .as_ref()
                .and_then(|_| references.next())
                .unwrap_or_default()
        })
        .collect();
    for id in doc.meta.sections.keys() {
        if !rendered.headings.iter().any(|h| &h.id == id) {
            let offset = fields.value_offset(&[Seg::Key("sections"), Seg::Key(id)]);
            let known: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
            file_diags
                .warning(offset, format!("no heading has the id `{id}`"))
                .set_field("sections")
                .set_hint(format!("the headings' ids are: {}", known.join(", ")));
        }
    }
    for problem in
        crate::anchors::aliases::check(&doc.meta.aliases, &rendered.anchors, rendered.notes.count)
    {
        let offset = fields.value_offset(&[Seg::Key("aliases"), Seg::Key(&problem.old)]);
        file_diags
            .error(offset, problem.message)
            .set_field(format!("aliases.{}", problem.old))
            .set_hint(problem.hint);
    }
    diags.append(&mut file_diags.list);
    rendered
}

/// Transform stage for the abstracts: sentence pairs, or none when they cannot be paired well.
///
/// A pinned alignment that does not fit the sentences is an error; a computed one that is
/// poor is a warning, and the page shows the two abstracts side by side.
pub fn abstract_rows(
    doc: &Document,
    glossary: &[(String, String)],
    diags: &mut Vec<Diagnostic>,
) -> Vec<AbstractRow> {
    let Some((ar, en)) = doc
        .meta
        .abstract_
        .as_ref()
        .and_then(|a| a.ar.as_deref().zip(a.en.as_deref()))
    else {
        return Vec::new();
    };
    let position = || doc.source.field_position(&[Seg::Key("alignment")]);
    let aligned = match crate::align::align_texts(
        ar,
        en,
        false,
        doc.meta.alignment.as_ref(),
        glossary,
    ) {
        Ok(aligned) => aligned,
        Err(message) => {
            diags.push(
                Diagnostic::error(&doc.source.path, position(), message)
                    .field("alignment")
                    .hint("run `warraq align` on the document to see its sentences, then fix the pinned beads"),
            );
            return Vec::new();
        }
    };
    if doc.meta.alignment.is_none() && !aligned.alignment.is_reliable() {
        diags.push(
            Diagnostic::warning(&doc.source.path, doc.source.field_position(&[Seg::Key("abstract")]), format!("the abstracts of `{}` do not align well; they are shown side by side without pairing", doc.meta.slug))
                .field("abstract")
                .hint("check them with `warraq align`, and pin the pairs with `alignment:` if they are right"),
        );
        return Vec::new();
    }
    aligned
        .alignment
        .beads
        .iter()
        .enumerate()
        .map(|(i, bead)| AbstractRow {
            n: i + 1,
            label_ar: crate::i18n::fill(
                &crate::i18n::strings(Lang::Ar).abstract_pair,
                &(i + 1).to_string(),
            ),
            label_en: crate::i18n::fill(
                &crate::i18n::strings(Lang::En).abstract_pair,
                &(i + 1).to_string(),
            ),
            ar: aligned.ar[bead.ar.clone()].join(" "),
            en: aligned.en[bead.en.clone()].join(" "),
        })
        .collect()
}

fn home_intro(home: &Home, diags: &mut Vec<Diagnostic>) -> String {
    let mut file_diags = FileDiagnostics::new(&home.source.path, &home.source.text);
    let input = markdown::Input {
        body: home.source.body(),
        body_offset: home.source.body_offset,
        lang: home.config.default_language,
        byline_notes: &[],
        raw_html: home.config.allow_raw_html,
        aliases: &BTreeMap::new(),
    };
    let rendered = markdown::render(&input, &mut file_diags);
    diags.append(&mut file_diags.list);
    let mut html = rendered.html;
    if !rendered.notes.items.is_empty() {
        html.push_str(&format!(
            "<ol class=\"notes\">{}</ol>",
            rendered.notes.items.concat()
        ));
    }
    html
}
