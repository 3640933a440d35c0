//! Listings stage: the pages that list documents or belong to no document (both home pages,
//! both search pages, the pages at old addresses and `404.html`), made from the index alone,
//! alongside the document stage.

use std::collections::BTreeMap;

use super::document::publish;
use super::pages::{OutputFile, PageContext, Templates};
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

/// The listings stage: the pages of the site `home` listing `documents`, put in `sink`.
pub fn render_listings(
    home: &Home,
    documents: &[&Meta],
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

/// The pages that list documents or belong to no document: both home pages and `404.html`.
/// The home pages are minified as paper pages are; `404.html`, which carries the style sheet
/// inline, always goes through minify-html.
pub fn site_pages(
    home: &Home,
    documents: &[&Meta],
    templates: &Templates,
    anchor_index: &mut anchors::Index,
    diags: &mut Vec<Diagnostic>,
) -> Result<Vec<OutputFile>, Error> {
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
                ListEntry::new(meta, href)
            })
            .collect();
        let context = match lang {
            Lang::Ar => PageContext {
                intro_html: home_intro(home, templates.renderer.markup(), diags),
                ..PageContext::new(&templates.site, page)
            },
            Lang::En => PageContext {
                intro_text: config.description_en.as_deref(),
                ..PageContext::new(&templates.site, page)
            },
        };
        let html = templates.render("index.html", &PageContext { entries, ..context })?;
        pages.push(OutputFile {
            path: path.to_string(),
            html: templates.finish(html),
        });
    }

    if config.search {
        pages.extend(search_pages(templates)?);
    }
    pages.extend(super::old_addresses::old_address_pages(
        documents,
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
