//! Listings stage: the pages that list documents or belong to no document (both home pages,
//! both search pages, the pages at old addresses and `404.html`), made from the index alone,
//! alongside the document stage.

use std::collections::BTreeMap;

use super::document::publish;
use super::pages::{OutputFile, PageContext, Templates, root_of};
use crate::content::document::Home;
use crate::content::schema::Meta;
use crate::diagnostics::{Diagnostic, FileDiagnostics};
use crate::error::Error;
use crate::lang::Lang;
use crate::markdown;
use crate::markdown::markup::BodyMarkup;
use crate::output::minify;
use crate::output::sink::Sink;
use crate::render::context::{ListEntry, PageView};
use rayon::prelude::*;

use super::archive::{self, Groups, Kind, List, Listed};
use crate::render::head::{HeadView, Place};
use crate::{anchors, links};

/// What the listings added to the site.
#[derive(Debug, Default, Clone)]
pub struct Listings {
    /// Their files, by path, with what the link check needs of them.
    pub(crate) files: Vec<(String, links::Summary)>,
    /// Their public pages (the home pages), for `anchors.json`.
    pub(crate) anchors: anchors::Index,
    /// Problems in the home page's text.
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// A page of the listings to make: its language (an index into the languages' entries and
/// lists) and which page.
enum Spec {
    Home { lang: usize, n: usize },
    List { lang: usize, list: usize, n: usize },
    Index { lang: usize, kind: Kind },
}

impl Spec {
    fn lang(&self) -> usize {
        match *self {
            Spec::Home { lang, .. } | Spec::List { lang, .. } | Spec::Index { lang, .. } => lang,
        }
    }
}

/// The context of page `n` of `list` in `lang`, its entries taken from `entries`.
fn page_context<'a>(
    list: &List,
    n: usize,
    templates: &'a Templates,
    entries: &'a [ListEntry<'a>],
    lang: Lang,
) -> PageContext<'a> {
    let config = templates.config;
    let count = archive::page_count(list.documents.len());
    let url = archive::page_url(&list.url, n);
    let root = root_of(&url);
    let paging = archive::Paging::of(&list.url, n, count, lang);
    let site_title = match lang {
        Lang::Ar => &config.title,
        Lang::En => &config.title_en,
    };
    let mut title = match list.kind {
        Kind::Home => site_title.clone(),
        _ => format!("{} — {site_title}", list.title),
    };
    if let Some(paging) = paging.as_ref().filter(|_| n > 1) {
        title = format!("{title} — {}", paging.label);
    }
    let mut page = PageView::new(lang, title, &root);
    page.other_lang_href = Some(format!("{root}{}", archive::page_url(&list.other_url, n)));
    let place = Place {
        path: &url,
        base_url: config.base_url.as_deref(),
        root: &root,
    };
    page.canonical = place.absolute();
    let mut head = match (list.kind, n) {
        (Kind::Home, 1) => HeadView::home(config, lang, place),
        _ => HeadView::listing(config, lang, place, &page.title),
    };
    if let Some(paging) = &paging {
        head.prev_href = paging.prev.as_ref().map(|p| format!("{root}{p}"));
        head.next_href = paging.next.as_ref().map(|p| format!("{root}{p}"));
    }
    page.head = Some(head);
    let shown = list
        .documents
        .iter()
        .skip((n - 1) * archive::PER_PAGE)
        .take(archive::PER_PAGE);
    PageContext {
        entries: shown.map(|&i| &entries[i]).collect(),
        list: Some(archive::ListView {
            kind: list.kind,
            title: list.title.clone(),
            title_other: list.title_other.as_ref().map(|(text, _)| text.clone()),
            title_other_lang: list.title_other.as_ref().map(|(_, lang)| *lang),
            paging,
        }),
        ..PageContext::new(&templates.site, page)
    }
}

/// The listings stage: the pages of the site `home` listing `documents`, put in `sink`.
pub fn render_listings(
    home: &Home,
    documents: &[Listed],
    templates: &Templates,
    sink: &Sink,
) -> Result<Listings, Error> {
    let mut listings = Listings::default();
    let pages = site_pages(
        home,
        documents,
        templates,
        &mut listings.anchors,
        &mut listings.diagnostics,
    )?;
    listings.files = pages
        .into_iter()
        .map(|page| publish(sink, page))
        .collect::<Result<_, _>>()?;
    Ok(listings)
}

/// The pages that list documents or belong to no document: the home pages and the pages of
/// every topic, series and author in both languages, paged ([`archive`]), and `404.html`.
/// The lists are minified as paper pages are; `404.html`, which carries the style sheet
/// inline, always goes through minify-html.
pub fn site_pages(
    home: &Home,
    documents: &[Listed],
    templates: &Templates,
    anchor_index: &mut anchors::Index,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<OutputFile>, Error> {
    let config = templates.config;
    let base_url = config.base_url.as_deref();
    let groups = Groups::of(documents);
    let intro_html = home_intro(home, templates.renderer.markup(), diags);
    // Per language: every document's entry, made once, and the lists of the archive.
    let langs: Vec<(Lang, Vec<ListEntry>, Vec<List>)> = Lang::ALL
        .into_iter()
        .map(|lang| {
            let entries = archive::entries(documents, lang);
            (lang, entries, archive::lists(config, &groups, lang))
        })
        .collect();
    // Every page to make, then made on every core, in this order.
    let mut specs = Vec::new();
    for (l, (_, _, lists)) in langs.iter().enumerate() {
        for n in 1..=archive::page_count(groups.newest.len()) {
            specs.push(Spec::Home { lang: l, n });
        }
        for (i, list) in lists.iter().enumerate() {
            for n in 1..=archive::page_count(list.documents.len()) {
                specs.push(Spec::List {
                    lang: l,
                    list: i,
                    n,
                });
            }
        }
        for kind in [Kind::Topics, Kind::Series, Kind::Authors] {
            if lists.iter().any(|list| list.kind == kind) {
                specs.push(Spec::Index { lang: l, kind });
            }
        }
    }
    let render = |spec: &Spec| -> Result<OutputFile, Error> {
        let (lang, entries, lists) = &langs[spec.lang()];
        let lang = *lang;
        // The home page and the index pages are lists of their own, made here.
        let (home, index);
        let (template, list, n) = match *spec {
            Spec::Home { n, .. } => {
                let (url, other_url) = match lang {
                    Lang::Ar => (String::new(), "en/".to_string()),
                    Lang::En => ("en/".to_string(), String::new()),
                };
                let title = match lang {
                    Lang::Ar => config.title.clone(),
                    Lang::En => config.title_en.clone(),
                };
                home = List {
                    kind: Kind::Home,
                    url,
                    other_url,
                    title,
                    title_other: None,
                    documents: &groups.newest,
                };
                ("index.html", &home, n)
            }
            Spec::List { list, n, .. } => ("list.html", &lists[list], n),
            Spec::Index { kind, .. } => {
                let (url, other_url) = archive::index_urls(kind, lang);
                index = List {
                    kind,
                    url,
                    other_url,
                    title: archive::index_title(kind, lang).to_string(),
                    title_other: None,
                    documents: &[],
                };
                ("index-of.html", &index, 1)
            }
        };
        let mut context = page_context(list, n, templates, entries, lang);
        context.nav = Some(archive::Nav::of(lists, lang));
        match *spec {
            Spec::Home { n: 1, .. } => match lang {
                Lang::Ar => context.intro_html = intro_html.clone(),
                Lang::En => context.intro_text = config.description_en.as_deref(),
            },
            Spec::Index { kind, .. } => context.index = archive::index_lines(lists, kind),
            _ => {}
        }
        let path = format!("{}index.html", archive::page_url(&list.url, n));
        let html = templates.render(template, &context)?;
        Ok(OutputFile {
            path,
            html: templates.finish(html),
        })
    };
    let mut pages: Vec<OutputFile> = specs.par_iter().map(render).collect::<Result<_, _>>()?;
    for page in &pages {
        anchor_index.add(page.path.trim_end_matches("index.html"), Vec::new(), None);
    }

    if config.search {
        pages.extend(search_pages(templates)?);
    }
    let metas: Vec<&Meta> = documents.iter().map(|listed| listed.meta).collect();
    pages.extend(super::old_addresses::old_address_pages(
        &metas,
        templates,
        anchor_index,
    )?);

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
    pages.push(OutputFile {
        path: "404.html".to_string(),
        // Its inline style sheet is minified only here.
        html: minify::html(&html),
    });
    Ok(pages)
}

/// The search pages, `search/` and `en/search/`: a form and an empty list that
/// `assets/search.js` fills.
fn search_pages(templates: &Templates) -> Result<Vec<OutputFile>, Error> {
    let config = templates.config;
    let mut pages = Vec::new();
    for lang in Lang::ALL {
        let (url, root, other) = match lang {
            Lang::Ar => ("search/", "../", "../en/search/"),
            Lang::En => ("en/search/", "../../", "../../search/"),
        };
        let site_title = match lang {
            Lang::Ar => &config.title,
            Lang::En => &config.title_en,
        };
        let words = crate::i18n::strings(lang);
        let mut page = PageView::new(lang, format!("{} — {site_title}", words.search), root);
        page.other_lang_href = Some(other.to_string());
        page.search_page = true;
        page.canonical = Place {
            path: url,
            base_url: config.base_url.as_deref(),
            root,
        }
        .absolute();
        let html = templates.render("search.html", &PageContext::new(&templates.site, page))?;
        pages.push(OutputFile {
            path: format!("{url}index.html"),
            html: templates.finish(html),
        });
    }
    Ok(pages)
}

fn home_intro(home: &Home, markup: &BodyMarkup, diags: &mut Vec<Diagnostic>) -> String {
    let mut file_diags = FileDiagnostics::new(&home.file.path, &home.file.text);
    let input = markdown::Input {
        body: home.file.body(),
        body_offset: home.file.body_offset,
        lang: home.config.default_language,
        byline_notes: &[],
        raw_html: home.config.allow_raw_html,
        aliases: &BTreeMap::new(),
        markup,
        files: None,
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
