//! What every page is rendered with ([`Templates`], the context the templates get), a file of
//! the site ([`Page`]), and the pages that belong to no document: both home pages and
//! `404.html`.

use std::collections::BTreeMap;

use crate::content::document::Home;
use crate::content::schema::{Meta, SiteConfig};
use crate::diagnostics::{Diagnostic, FileDiagnostics};
use crate::error::Error;
use crate::lang::Lang;
use crate::markdown;
use crate::output::minify;
use crate::render::Renderer;
use crate::render::context::{DocumentPage, Entry, PageView, SiteView};
use crate::render::head::{HeadView, Place};
use crate::{anchors, links};

/// A file of the site: where it goes and its contents (minified HTML for pages).
pub struct Page<T = Vec<u8>> {
    /// `/`-separated path inside the site, e.g. `my-paper/index.html`.
    pub path: String,
    /// The contents.
    pub html: T,
}

/// The parsed templates and the site-wide values every page is rendered with.
pub struct Templates<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) site: SiteView<'a>,
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
    pub(super) fn finish(&self, html: Vec<u8>) -> Vec<u8> {
        if self.renderer.compact {
            html
        } else {
            minify::html(&html)
        }
    }

    pub(super) fn render(&self, template: &str, context: &PageContext) -> Result<Vec<u8>, Error> {
        let mut html = self.renderer.render(template, context)?;
        if self.live_reload {
            crate::serve::reload::inject(&mut html);
        }
        Ok(html)
    }
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
pub(super) struct PageContext<'a> {
    /// Site-wide values, the same for every page.
    pub(super) site: &'a SiteView<'a>,
    /// This page's language, title, addresses and head metadata.
    pub(super) page: PageView,
    /// The paper, on its own page and its English page.
    pub(super) doc: Option<DocumentPage<'a>>,
    /// The papers listed, on the home pages.
    pub(super) entries: Vec<Entry<'a>>,
    /// Home page text rendered from Markdown.
    pub(super) intro_html: String,
    /// Home page text as plain text (the English description).
    pub(super) intro_text: Option<&'a str>,
}

impl<'a> PageContext<'a> {
    pub(super) fn new(site: &'a SiteView<'a>, page: PageView) -> Self {
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
