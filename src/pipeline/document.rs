//! Document stage: one document through every stage after loading, read again from its file:
//! Markdown with the checks that need the front matter too, the abstract pairs, the citation
//! files, and its pages from the templates with the body and notes put in after; each file
//! put in the sink as soon as it is made, and kept only as its link summary.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::path::Path;

use rayon::prelude::*;

use super::archive::Reading;
use super::load::reload;
use super::pages::{OutputFile, PageContext, Templates};
use super::pdf;
use crate::content::discover::{self, Bundle};
use crate::content::document::Document;
use crate::content::indexed::Indexed;
use crate::content::schema::{Meta, SiteConfig};
use crate::content::yaml_path::Seg;
use crate::diagnostics::{self, Diagnostic, FileDiagnostics};
use crate::error::Error;
use crate::i18n::measures;
use crate::lang::Lang;
use crate::markdown::local_links::{self, LocalLink};
use crate::markdown::markup::BodyMarkup;
use crate::markdown::{self, RenderedBody};
use crate::output::sink::Sink;
use crate::render::context::{
    AbstractRow, DocumentView, PageView, PaperArchive, PdfLink, SharedDocument, TermLink,
};
use crate::render::head::{BIB_FILE, CiteView, HeadView, Place, RIS_FILE};
use crate::render::parts;
use crate::{anchors, cite, links};

/// What one document added to the site, once its files are in the sink.
#[derive(Debug, Default, Clone)]
pub(crate) struct DocumentOutput {
    /// Its diagnostics, sorted.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Its author's links to `#ids` its page lacks, as errors at the links: checked once the
    /// page was made, and kept apart because they do not keep the site's link check from
    /// running, as content errors do.
    pub(crate) broken_links: Vec<Diagnostic>,
    /// Its public pages and their fragments, for `anchors.json`.
    pub(crate) anchors: anchors::Index,
    /// Every file it made, by path, with what the link check needs of it.
    pub(crate) files: Vec<(String, links::Summary)>,
    /// Its passages for the site search, unless the search is off.
    pub(crate) search: Option<crate::search::DocumentIndex>,
    /// Its author's links to other pages of the site, where the site's link check reports a
    /// broken one.
    pub(crate) site_links: Vec<PlacedLink>,
}

/// An author's link to another page of the site, with its place in the Markdown.
#[derive(Debug, Clone)]
pub(crate) struct PlacedLink {
    /// The page it is on, relative to the site root.
    pub(crate) page: String,
    /// Its address as the page has it, percent-decoded.
    pub(crate) href: String,
    /// The Markdown file and the line and column there.
    pub(crate) file: std::path::PathBuf,
    pub(crate) position: (usize, usize),
}

/// The document stage for every document, on every core; the outputs in the documents' order,
/// or the first failure in that order.
pub(crate) fn render_documents<D: Borrow<Indexed> + Sync>(
    documents: &[D],
    templates: &Templates,
    sink: &Sink,
) -> Result<Vec<DocumentOutput>, Error> {
    let outputs: Vec<Result<DocumentOutput, Error>> = documents
        .par_iter()
        // Split down to single papers, so a core that runs out of work can take one from the
        // other to the end: papers differ in length, and left to itself rayon stops splitting
        // at a few hundred, leaving a core idle for the last of them.
        .with_max_len(1)
        .map(|indexed| render_document(indexed.borrow(), templates, sink))
        .collect();
    outputs.into_iter().collect()
}

/// The document stage for one document: read again, rendered, its files put in `sink`.
pub(crate) fn render_document(
    indexed: &Indexed,
    templates: &Templates,
    sink: &Sink,
) -> Result<DocumentOutput, Error> {
    let mut diags = Vec::new();
    let Some(doc) = reload(indexed, &mut diags) else {
        return Ok(DocumentOutput {
            diagnostics: diags,
            ..DocumentOutput::default()
        });
    };
    let made = document_files(&doc, templates, &mut diags)?;
    let mut files: Vec<(String, links::Summary)> = made
        .files
        .into_iter()
        .map(|file| publish(sink, file))
        .collect::<Result<_, _>>()?;
    let pdf = (doc.meta.pdf.as_ref()).map(|pdf| templates.content.join(pdf.as_str()));
    let bundle = copy_bundle(&doc, &made.bundle, &files, pdf.as_deref(), sink, &mut diags)?;
    files.extend(bundle);
    // The author's in-page links are checked here, once, against the page they are on.
    let mut broken = FileDiagnostics::new(&doc.file.path, &doc.file.text);
    if let Some((_, page)) = files.iter_mut().find(|(path, _)| *path == made.page) {
        local_links::report_missing(&made.local_links, page, &mut broken);
    }
    let site_links = (made.site_links.iter())
        .map(|link| PlacedLink {
            page: made.page.clone(),
            href: links::percent_decode(&link.href).into_owned(),
            file: doc.file.path.clone(),
            position: broken.position(link.offset),
        })
        .collect();
    // Sorted here, on every core, the build's list is made of sorted runs, which the final
    // sort only has to merge.
    diagnostics::sort(&mut diags);
    Ok(DocumentOutput {
        diagnostics: diags,
        broken_links: std::mem::take(&mut broken.list),
        anchors: made.anchors,
        files,
        search: made.search,
        site_links,
    })
}

/// What the archive shows on a paper's pages besides its front matter: its reading time and
/// its PDF (name beside the paper, size in bytes).
#[derive(Debug, Default)]
pub struct Paper<'p> {
    pub(crate) reading: Reading,
    pub(crate) pdf: Option<(&'p str, u64)>,
}

impl Paper<'_> {
    /// The paper's topics, series, reading time and PDF as its pages show them.
    fn view<'a>(&self, meta: &'a Meta, config: &'a SiteConfig) -> PaperArchive<'a> {
        let indic = self.reading.arabic_indic;
        let in_both = |f: &dyn Fn(Lang, bool) -> String| (f(Lang::Ar, indic), f(Lang::En, false));
        PaperArchive {
            topics: (meta.topics.iter())
                .filter_map(|t| {
                    let term = config.topics.get(t.as_str())?;
                    Some(TermLink {
                        id: t.as_str(),
                        ar: &term.ar,
                        en: &term.en,
                        number_ar: None,
                        number_en: None,
                    })
                })
                .collect(),
            series: meta.series.as_ref().and_then(|s| {
                let term = config.series.get(s.id.as_str())?;
                let numbers = s.number.map(|n| {
                    in_both(&|lang, indic| {
                        let t = crate::i18n::strings(lang);
                        crate::i18n::fill(&t.series_number, &measures::digits(n as usize, indic))
                    })
                });
                Some(TermLink {
                    id: s.id.as_str(),
                    ar: &term.ar,
                    en: &term.en,
                    number_ar: numbers.as_ref().map(|n| n.0.clone()),
                    number_en: numbers.map(|n| n.1),
                })
            }),
            reading_ar: self.reading.text(Lang::Ar),
            reading_en: self.reading.text(Lang::En),
            pdf: self.pdf.map(|(name, size)| {
                let (size_ar, size_en) =
                    in_both(&|lang, indic| measures::file_size(size, lang, indic));
                PdfLink {
                    name: name.to_string(),
                    size_ar,
                    size_en,
                }
            }),
        }
    }
}

/// Copies the paper's own files (its bundle) into its folder of the site, byte for byte: an
/// unreadable one, or one that would take the place of a file the build makes, is an error at
/// that file. `made` are the document's files already in the sink; `pdf` is the file its
/// `pdf:` names, which is in the sink already when the bundle holds it as `<slug>.pdf`.
fn copy_bundle(
    doc: &Document,
    bundle: &Bundle,
    made: &[(String, links::Summary)],
    pdf: Option<&Path>,
    sink: &Sink,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<(String, links::Summary)>, Error> {
    let slug = doc.meta.slug.as_str();
    let mut copied = Vec::with_capacity(bundle.names.len());
    for (name, path) in bundle.names.iter().zip(&bundle.paths) {
        let site_path = format!("{slug}/{name}");
        if made.iter().any(|(made, _)| *made == site_path) {
            if pdf == Some(path.as_path()) {
                // The paper's PDF, published under this very name from this very file.
                continue;
            }
            diags.push(
                Diagnostic::error(
                    &super::display(path),
                    (1, 1),
                    format!(
                        "this file would take the place of `{site_path}`, which the build makes"
                    ),
                )
                .field("content")
                .hint("rename the file (and the links to it)"),
            );
            continue;
        }
        match crate::fs::read(path) {
            Ok(bytes) => sink.put_verbatim(&site_path, bytes)?,
            Err(err) => {
                let reason = match &err {
                    Error::Io { source, .. } => source.to_string(),
                    other => other.to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        &super::display(path),
                        (1, 1),
                        format!("cannot read the file: {reason}"),
                    )
                    .hint("check that it exists and is readable"),
                );
                continue;
            }
        }
        copied.push((site_path, links::Summary::File));
    }
    Ok(copied)
}

/// Puts a file in `sink` and keeps what the link check needs of it.
pub(super) fn publish(sink: &Sink, file: OutputFile) -> Result<(String, links::Summary), Error> {
    let summary = links::Summary::of(&file.path, &file.html);
    sink.put_owned(&file.path, file.html)?;
    Ok((file.path, summary))
}

/// Everything one document adds to the site, before it is put anywhere.
pub struct DocumentFiles {
    /// Its pages and citation files.
    pub files: Vec<OutputFile>,
    /// Its public pages and their fragments, for `anchors.json`.
    pub anchors: anchors::Index,
    /// The path of its own page, which shows its body.
    pub page: String,
    /// The author's links to `#ids` of that page.
    pub local_links: Vec<LocalLink>,
    /// The author's links to other pages of the site.
    pub site_links: Vec<local_links::SiteLink>,
    /// The paper's own files, which go to its folder of the site.
    pub bundle: Bundle,
    /// Its passages for the site search, unless the search is off.
    pub(crate) search: Option<crate::search::DocumentIndex>,
}

/// Every stage for one document: Markdown, abstract pairs, citation files, templates,
/// minification.
pub fn document_files(
    doc: &Document,
    templates: &Templates,
    diags: &mut Vec<Diagnostic>,
) -> Result<DocumentFiles, Error> {
    let raw_html = templates.config.allow_raw_html;
    let bundle = discover::bundle(&doc.file.path);
    let markup = templates.renderer.markup();
    let rendered = render_markdown_in(doc, raw_html, markup, &bundle, diags);
    let rows = abstract_rows(doc, &templates.config.glossary, diags);
    // The reading time from the words the load counted, as the listings show it.
    let reading = Reading::of(doc.words, doc.meta.lang);
    let pdf = pdf::read(doc, templates.content, diags);
    let slug = doc.meta.slug.as_str();
    let url = format!("{slug}/");
    let place = Place {
        path: &url,
        base_url: templates.config.base_url.as_deref(),
        root: "../",
    };
    let source = Some(doc.file.path.clone());
    let mut anchors = anchors::Index::default();
    anchors.add(
        &url,
        anchors::document_fragments(
            &rendered.model.anchors,
            &doc.meta.aliases,
            rows.len(),
            rendered.notes.count,
        ),
        source.clone(),
    );
    if doc.meta.lang == Lang::Ar {
        // The English page shows the abstract pairs and nothing else of the body.
        let fragments = anchors::document_fragments(&[], &BTreeMap::new(), rows.len(), 0);
        anchors.add(&format!("en/{slug}/"), fragments, source.clone());
    }
    if let Some(pdf) = &pdf {
        // A PDF once published is an address too: `check --previous` notices it lost.
        anchors.add(&format!("{url}{}", pdf.name), Vec::new(), source);
    }
    let work = cite::Work::new(&doc.meta);
    let mut files = vec![
        OutputFile {
            path: format!("{url}{BIB_FILE}"),
            html: cite::bibtex::entry(&work, place.absolute().as_deref()).into_bytes(),
        },
        OutputFile {
            path: format!("{url}{RIS_FILE}"),
            html: cite::ris::record(&work, place.absolute().as_deref()).into_bytes(),
        },
    ];
    let paper = Paper {
        reading,
        pdf: pdf
            .as_ref()
            .map(|p| (p.name.as_str(), p.bytes.len() as u64)),
    };
    files.extend(document_pages(doc, &rendered, &rows, &paper, templates)?);
    if let Some(pdf) = pdf {
        files.push(OutputFile {
            path: format!("{url}{}", pdf.name),
            html: pdf.bytes,
        });
    }
    let search = (templates.config.search)
        .then(|| super::search::document_index(doc, &rendered.model, &rows));
    Ok(DocumentFiles {
        files,
        anchors,
        page: format!("{url}index.html"),
        local_links: rendered.local_links,
        site_links: rendered.site_links,
        bundle,
        search,
    })
}

/// Markdown stage for one document, with the checks that need both body and front matter,
/// writing the built-in markup of `partials/body.html`.
pub fn render_markdown<'d>(
    doc: &'d Document,
    raw_html: bool,
    diags: &mut Vec<Diagnostic>,
) -> RenderedBody<'d> {
    render_markdown_with(doc, raw_html, BodyMarkup::builtin(), diags)
}

/// [`render_markdown`] writing the permalinks, note references, backlinks and island tags
/// of `markup`.
pub fn render_markdown_with<'d>(
    doc: &'d Document,
    raw_html: bool,
    markup: &BodyMarkup,
    diags: &mut Vec<Diagnostic>,
) -> RenderedBody<'d> {
    let bundle = discover::bundle(&doc.file.path);
    render_markdown_in(doc, raw_html, markup, &bundle, diags)
}

/// [`render_markdown_with`] for a paper whose `bundle` was listed already.
fn render_markdown_in<'d>(
    doc: &'d Document,
    raw_html: bool,
    markup: &BodyMarkup,
    bundle: &Bundle,
    diags: &mut Vec<Diagnostic>,
) -> RenderedBody<'d> {
    let text = &doc.file.text;
    let mut file_diags = FileDiagnostics::new(&doc.file.path, text);
    let fields = doc.file.fields();
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
        body: doc.file.body(),
        body_offset: doc.file.body_offset,
        lang: doc.meta.lang,
        byline_notes: &byline,
        raw_html,
        aliases: &doc.meta.aliases,
        markup,
        files: Some(markdown::resources::PaperFiles {
            folder: &bundle.folder,
            prefix: &bundle.prefix,
            names: &bundle.names,
        }),
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
        if !rendered.model.headings.iter().any(|h| &h.id == id) {
            let offset = fields.value_offset(&[Seg::Key("sections"), Seg::Key(id)]);
            let known: Vec<&str> = rendered
                .model
                .headings
                .iter()
                .map(|h| h.id.as_str())
                .collect();
            file_diags
                .warning(offset, format!("no heading has the id `{id}`"))
                .set_field("sections")
                .set_hint(format!("the headings' ids are: {}", known.join(", ")));
        }
    }
    // An Arabic paper with some English section titles shows the others in Arabic in its
    // English contents: each such heading is named.
    if doc.meta.lang == Lang::Ar && !doc.meta.sections.is_empty() {
        let untitled = (rendered.model.blocks.iter())
            .filter(|b| matches!(b.kind, markdown::BlockKind::Heading { .. }))
            .filter_map(|b| Some((b.id.as_deref()?, b.offset)))
            .filter(|(id, _)| !doc.meta.sections.contains_key(*id))
            .filter(|(id, _)| rendered.model.headings.iter().any(|h| h.id == *id));
        for (id, offset) in untitled {
            file_diags
                .warning(
                    offset,
                    format!("the heading `{id}` has no English title in `sections:`, so the English contents show it in Arabic"),
                )
                .set_field("sections")
                .set_hint(format!("add `  {id}: <English title>` under `sections:`"));
        }
    }
    for problem in crate::anchors::aliases::check(
        &doc.meta.aliases,
        &rendered.model.anchors,
        rendered.notes.count,
    ) {
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
    let position = || doc.file.field_position(&[Seg::Key("alignment")]);
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
                Diagnostic::error(&doc.file.path, position(), message)
                    .field("alignment")
                    .hint("run `warraq align` on the document to see its sentences, then fix the pinned beads"),
            );
            return Vec::new();
        }
    };
    if doc.meta.alignment.is_none() && !aligned.alignment.is_reliable() {
        diags.push(
            Diagnostic::warning(&doc.file.path, doc.file.field_position(&[Seg::Key("abstract")]), format!("the abstracts of `{}` do not align well; they are shown side by side without pairing", doc.meta.slug))
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

/// Template and minify stages of one document: its pages, minified. The body and notes come
/// from the Markdown stage already minified and are put in after the template has rendered
/// (unless the page's text holds a mark itself); with compact templates the rest of the page
/// is minified too, otherwise minify-html reads it.
pub fn document_pages(
    doc: &Document,
    rendered: &RenderedBody,
    rows: &[AbstractRow],
    paper: &Paper,
    templates: &Templates,
) -> Result<Vec<OutputFile>, Error> {
    let notes = rendered.notes.items.concat();
    let parts = parts::of_paper(&rendered.html, &notes);
    // Compact templates render minified pages; pages from the templates as written are
    // minified here.
    let finish = |html| templates.finish(html);
    let mut pages = document_html(doc, rendered, &notes, rows, paper, templates, true)?;
    // The pages as rendered with the body and notes themselves, made only if a page needs them.
    let mut whole: Option<Vec<OutputFile>> = None;
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
                        doc, rendered, &notes, rows, paper, templates, false,
                    )?);
                }
                let whole = whole.as_mut().expect("made above");
                finish(std::mem::take(&mut whole[i].html))
            }
        };
    }
    Ok(pages)
}

/// Template stage of one document: the paper's page and, for an Arabic paper, its English
/// page (metadata, abstracts, outline, citation), as rendered; `notes` are the rendered
/// notes, joined. With `marks`, both pages are given [`parts::BODY`] and [`parts::NOTES`] in
/// place of the body and the notes (those that are not empty), for [`parts::splice`].
pub fn document_html<'a>(
    doc: &'a Document,
    rendered: &'a RenderedBody<'a>,
    notes: &'a str,
    rows: &[AbstractRow],
    paper: &Paper,
    templates: &Templates,
    marks: bool,
) -> Result<Vec<OutputFile>, Error> {
    let config = templates.config;
    let base_url = config.base_url.as_deref();
    let slug = doc.meta.slug.as_str();
    let url = format!("{slug}/");
    let place = Place {
        path: &url,
        base_url,
        root: "../",
    };
    let cite = CiteView::new(&doc.meta, place, &rendered.model.headings);

    // The paper's own page.
    let mut page = PageView::new(doc.meta.lang, doc.meta.title.clone(), "../");
    page.canonical = place.absolute();
    page.head = Some(HeadView::document(
        &doc.meta,
        config,
        place,
        &rendered.model.headings,
    ));
    // An Arabic paper's English page, and the citations as linked from it.
    let english = (doc.meta.lang == Lang::Ar).then(|| {
        let cite = cite.linked_from(&format!("../../{slug}/"));
        (format!("en/{slug}/"), cite)
    });
    page.other_lang_href = english.as_ref().map(|_| format!("../en/{slug}/"));
    let mut view = DocumentView::new(&doc.meta, rendered, notes, rows);
    view.archive = paper.view(&doc.meta, config);
    if marks {
        view.body_html = parts::mark(view.body_html, parts::BODY);
        view.notes_html = parts::mark(view.notes_html, parts::NOTES);
    }
    // Both pages show the same view; only their citations' links differ.
    let view = SharedDocument::new(&view);
    let render = |template, url: &str, page, cite| -> Result<OutputFile, Error> {
        let context = PageContext {
            doc: Some(view.with_cite(cite)),
            ..PageContext::new(&templates.site, page)
        };
        Ok(OutputFile {
            path: format!("{url}index.html"),
            html: templates.render(template, &context)?,
        })
    };
    let mut pages = vec![render("document.html", &url, page, cite)?];

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
        pages.push(render("document-en.html", &en_url, page, en_cite)?);
    }
    Ok(pages)
}
