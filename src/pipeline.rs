//! The build, stage by stage: load → Markdown → templates → minify → write.
//!
//! This is the one place that knows the order of the stages. Content problems are collected
//! from every stage and returned together; nothing is written unless there are none.
//!
//! Two passes over the documents, each in parallel on every core (rayon): the first reads and
//! validates the front matter and keeps only that (an [`Indexed`] per document), the second
//! reads each document again and takes it through Markdown, templates and minification, and
//! writes its page at once. Results are gathered in path order, so pages and diagnostics are
//! the same as a one-thread build's; memory grows with the index, the largest document and
//! the number of threads, not with the size of the corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::discover::discover;
use rayon::prelude::*;

use crate::content::document::{self, Document, Home};
use crate::content::indexed::Indexed;
use crate::content::schema::{Meta, SiteConfig};
use crate::content::yaml_path::Seg;
use crate::diagnostics::{self, Diagnostic, FileDiagnostics};
use crate::error::Error;
use crate::lang::Lang;
use crate::markdown::{self, Rendered};
use crate::output::{minify, write::Staging};
use crate::render::Renderer;
use crate::render::context::{AbstractRow, DocumentView, Entry, PageView, SiteView};

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
pub fn build(options: &Options) -> Result<Outcome, Error> {
    Ok(build_site(options, false)?.0)
}

/// A loaded site whose documents are kept as index entries (front matter, no text).
pub struct Index {
    /// `content/_index.md`, with `--base-url` applied.
    pub home: Home,
    /// Documents to publish, sorted by path.
    pub documents: Vec<Indexed>,
}

/// The build, returning the index of the site when it could be loaded; `live_reload` adds
/// the preview script of `serve` to every page.
pub(crate) fn build_site(
    options: &Options,
    live_reload: bool,
) -> Result<(Outcome, Option<Index>), Error> {
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
            let lists: Vec<Vec<Diagnostic>> = documents
                .par_iter()
                .map(|indexed| {
                    let mut diags = Vec::new();
                    if let Some(doc) = reload(indexed, &mut diags) {
                        render_markdown(&doc, &mut diags);
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
    let write =
        |path: &str, bytes: &[u8]| staging.as_ref().map_or(Ok(()), |s| s.write(path, bytes));
    let templates = Templates::new(&index.home.config, &renderer, live_reload);

    // Documents in parallel, each page written as soon as it is made; results gathered in
    // path order, so diagnostics and the first failure are those of a one-thread build.
    let results: Vec<Result<(Vec<Diagnostic>, usize), Error>> = index
        .documents
        .par_iter()
        .map(|indexed| {
            let mut diags = Vec::new();
            let Some(doc) = reload(indexed, &mut diags) else {
                return Ok((diags, 0));
            };
            let pages = document_page(&doc, &templates, &mut diags)?;
            for page in &pages {
                write(&page.path, &page.html)?;
            }
            Ok((diags, pages.len()))
        })
        .collect();
    for result in results {
        let (diags, written) = result?;
        outcome.diagnostics.extend(diags);
        outcome.pages += written;
    }
    outcome.documents = index.documents.len();

    let metas: Vec<&Meta> = index.documents.iter().map(|d| &d.meta).collect();
    for page in site_pages(&index.home, &metas, &templates, &mut outcome.diagnostics)? {
        write(&page.path, &page.html)?;
        outcome.pages += 1;
    }
    write(".nojekyll", b"")?;
    for (name, bytes) in &renderer.assets {
        write(&format!("assets/{name}"), bytes)?;
    }

    diagnostics::sort(&mut outcome.diagnostics);
    if let Some(staging) = staging
        && !outcome.failed()
    {
        staging.commit()?;
        outcome.written = true;
    }
    Ok((outcome, Some(index)))
}

/// A page: where it goes in the site and its HTML (minified bytes when finished).
pub struct Page<T = Vec<u8>> {
    /// `/`-separated path inside the site, e.g. `my-paper/index.html`.
    pub path: String,
    /// The HTML.
    pub html: T,
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

    fn render(&self, template: &str, context: &PageContext) -> Result<String, Error> {
        let mut html = self.renderer.render(template, context)?;
        if self.live_reload {
            crate::serve::reload::inject(&mut html);
        }
        Ok(html)
    }
}

/// Template stage of one document: its page in `lang` (the paper's own page, or its English
/// page with metadata, abstracts and outline), as HTML before minification, and its path.
pub fn document_html(
    doc: &Document,
    rendered: &Rendered,
    rows: Vec<AbstractRow>,
    lang: Lang,
    templates: &Templates,
) -> Result<Page<String>, Error> {
    let slug = doc.meta.slug.as_str();
    let (path, template, title, root, other) = match lang {
        Lang::Ar => (
            format!("{slug}/"),
            "document.html",
            &doc.meta.title,
            "../",
            format!("../en/{slug}/"),
        ),
        Lang::En => (
            format!("en/{slug}/"),
            "document-en.html",
            &doc.meta.title_en,
            "../../",
            format!("../../{slug}/"),
        ),
    };
    let mut page = PageView::new(lang, title.clone(), root);
    page.other_lang_href = Some(other);
    page.canonical = templates
        .config
        .base_url
        .as_ref()
        .map(|base| format!("{base}{path}"));
    let view = DocumentView::new(&doc.meta, rendered, rows);
    let html = templates.render(
        template,
        &PageContext {
            doc: Some(view),
            ..PageContext::new(&templates.site, page)
        },
    )?;
    Ok(Page {
        path: format!("{path}index.html"),
        html,
    })
}

/// Every stage for one document: Markdown, abstract pairs, templates, minification; its
/// pages in both languages.
pub fn document_page(
    doc: &Document,
    templates: &Templates,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Page>, Error> {
    let rendered = render_markdown(doc, diags);
    let rows = abstract_rows(doc, &templates.config.glossary, diags);
    Lang::ALL
        .into_iter()
        .map(|lang| {
            let page = document_html(doc, &rendered, rows.clone(), lang, templates)?;
            Ok(Page {
                path: page.path,
                html: minify::html(&page.html),
            })
        })
        .collect()
}

/// The pages that list documents or belong to no document: both home pages and `404.html`.
pub fn site_pages(
    home: &Home,
    documents: &[&Meta],
    templates: &Templates,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<Page>, Error> {
    let config = templates.config;
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
        page.canonical = config
            .base_url
            .as_ref()
            .map(|base| format!("{base}{}", path.trim_end_matches("index.html")));
        let entries = documents.iter().map(|meta| Entry::new(meta, "")).collect();
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
            html: minify::html(&html),
        });
    }

    let page = PageView::new(
        Lang::Ar,
        format!(
            "{} — {}",
            config.title,
            crate::i18n::strings(Lang::Ar).not_found_title
        ),
        "",
    );
    let html = templates.render("404.html", &PageContext::new(&templates.site, page))?;
    pages.push(Page {
        path: "404.html".to_string(),
        html: minify::html(&html),
    });
    Ok(pages)
}

/// The context every template gets; each page fills its part.
#[derive(serde::Serialize)]
struct PageContext<'a> {
    site: &'a SiteView<'a>,
    page: PageView,
    doc: Option<DocumentView<'a>>,
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
    let found = discover(&content_dir);
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
    let loaded: Vec<(Option<Loaded<T>>, Vec<Diagnostic>)> = found
        .documents
        .par_iter()
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
        .collect();
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
pub fn render_markdown(doc: &Document, diags: &mut Vec<Diagnostic>) -> Rendered {
    let text = &doc.source.text;
    let mut file_diags = FileDiagnostics::new(&doc.source.path, text);
    let byline: Vec<(&str, usize)> = doc
        .meta
        .authors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let offset =
                doc.source
                    .field_offset(&[Seg::Key("authors"), Seg::Index(i), Seg::Key("note")]);
            a.note.as_deref().map(|label| (label, offset))
        })
        .collect();
    let input = markdown::Input {
        body: doc.source.body(),
        body_offset: doc.source.body_offset,
        lang: doc.meta.lang,
        byline_notes: &byline,
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
            let offset = doc
                .source
                .field_offset(&[Seg::Key("sections"), Seg::Key(id)]);
            let known: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
            file_diags
                .warning(offset, format!("no heading has the id `{id}`"))
                .set_field("sections")
                .set_hint(format!("the headings' ids are: {}", known.join(", ")));
        }
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
