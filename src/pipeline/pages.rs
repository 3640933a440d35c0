//! What every page is rendered with ([`Templates`], the context the templates get), and a
//! file of the site ([`OutputFile`]).

use std::path::Path;

use crate::content::schema::{Meta, SiteConfig};
use crate::error::Error;
use crate::lang::Lang;
use crate::output::minify;
use crate::render::Renderer;
use crate::render::context::{DocumentPage, ListEntry, PageView, SiteView};

/// A file of the site: where it goes and its contents (minified HTML for pages).
pub struct OutputFile<T = Vec<u8>> {
    /// `/`-separated path inside the site, e.g. `my-paper/index.html`.
    pub path: String,
    /// The contents.
    pub html: T,
}

/// The parsed templates and the site-wide values every page is rendered with.
pub struct Templates<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) site: SiteView<'a>,
    pub(super) renderer: &'a Renderer,
    /// The content folder, where the documents' PDFs are read from.
    pub(super) content: &'a Path,
}

impl<'a> Templates<'a> {
    /// Pages of the site `config` through `renderer`.
    pub fn new(config: &'a SiteConfig, renderer: &'a Renderer) -> Self {
        Templates {
            config,
            site: SiteView::new(config, renderer.has_extra_css()),
            renderer,
            content: Path::new("content"),
        }
    }

    /// These templates for the site whose content folder is `content` (`content/` of the
    /// working folder otherwise).
    pub fn reading_from(self, content: &'a Path) -> Self {
        Templates { content, ..self }
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
        self.renderer.render(template, context)
    }
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
    /// The papers listed, on the home pages and the archive's lists.
    pub(super) entries: Vec<&'a ListEntry<'a>>,
    /// The list a listing page shows (its kind, heading and paging).
    pub(super) list: Option<super::archive::ListView>,
    /// The lines of an index page (topics, series, authors).
    pub(super) index: Vec<super::archive::IndexLine<'a>>,
    /// Links to the archive's index pages, on the listings.
    pub(super) nav: Option<super::archive::Nav>,
    /// Home page text rendered from Markdown.
    pub(super) intro_html: String,
    /// Home page text as plain text (the English description).
    pub(super) intro_text: Option<&'a str>,
    /// On a page at an old address: the renamed paper, or why the paper was withdrawn.
    pub(super) old_address: Option<crate::render::context::OldAddressView<'a>>,
}

impl<'a> PageContext<'a> {
    pub(super) fn new(site: &'a SiteView<'a>, page: PageView) -> Self {
        PageContext {
            site,
            page,
            doc: None,
            entries: Vec::new(),
            list: None,
            index: Vec::new(),
            nav: None,
            intro_html: String::new(),
            intro_text: None,
            old_address: None,
        }
    }
}

/// The relative path from a page at `url` (a folder URL of the site, `` for the home page) to
/// the site root.
pub(crate) fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// The page of the paper `meta` that a list or address in `lang` leads to, from the site
/// root: an Arabic paper's English page for English, its own page otherwise.
pub(crate) fn paper_url(meta: &Meta, lang: Lang) -> String {
    match (lang, meta.lang) {
        (Lang::En, Lang::Ar) => format!("en/{}/", meta.slug),
        _ => format!("{}/", meta.slug),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_from_a_page() {
        assert_eq!(root_of(""), "");
        assert_eq!(root_of("en/"), "../");
        assert_eq!(root_of("en/topics/gas/page/3/"), "../../../../../");
    }
}
