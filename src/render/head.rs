//! Views for `partials/meta.html` and `partials/cite.html`: scholarly metadata and citations.
//!
//! `HeadView` carries the Highwire `citation_*` tags Google Scholar reads, OpenGraph, the
//! schema.org `ScholarlyArticle` JSON-LD and, for `404.html`, what that page needs to work at
//! any depth. `CiteView` carries the formatted citations of a document and of each section.
//! All values are plain text escaped by Tera, except `json_ld_html` (from `json_ld`) and
//! `inline_css_html`, which are made safe for their raw-text elements.

use serde::Serialize;

use crate::cite::{self, Citation, Locator, Work};
use crate::content::schema::{Date, Meta, SiteConfig};
use crate::lang::Lang;
use crate::markdown::Heading;

use super::context::excerpt;

/// A `<meta>` tag: `name` (or `property` for OpenGraph) and its content.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct MetaTag {
    pub(crate) name: String,
    pub(crate) content: String,
}

fn tag(name: &str, content: impl Into<String>) -> MetaTag {
    MetaTag {
        name: name.to_string(),
        content: content.into(),
    }
}

/// Everything `partials/meta.html` adds to `<head>`.
#[derive(Debug, Clone, Default, Serialize)]
pub(crate) struct HeadView {
    /// `<meta name="description">`.
    pub(crate) description: Option<String>,
    /// Highwire Press tags (`<meta name="citation_…">`), in the order Scholar documents them.
    pub(crate) citation: Vec<MetaTag>,
    /// OpenGraph tags (`<meta property="og:…">`).
    pub(crate) og: Vec<MetaTag>,
    /// The schema.org JSON-LD, serialized, with `<`, `>` and `&` escaped so it can never end
    /// its `<script>` element.
    pub(crate) json_ld_html: Option<String>,
    /// Relative link to the Atom feed, when there is one.
    pub(crate) feed_href: Option<String>,
    /// Keep the page out of search results (the 404 page).
    pub(crate) noindex: bool,
    /// The stylesheet inlined (the 404 page when the site has no base URL), `</` escaped.
    pub(crate) inline_css_html: Option<String>,
    /// The 404 page finds the site root with a small script (no base URL to derive it from).
    pub(crate) find_root: bool,
    /// The pages before and after a page of a list (`<link rel=prev/next>`), relative.
    pub(crate) prev_href: Option<String>,
    pub(crate) next_href: Option<String>,
}

/// Where a page lives: its URL relative to the site root and the base URL, if known.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    /// `""`, `en/` or `<slug>/`.
    pub(crate) path: &'a str,
    /// The site's public URL, ending in `/`.
    pub(crate) base_url: Option<&'a str>,
    /// Relative path from the page to the site root.
    pub(crate) root: &'a str,
}

impl Place<'_> {
    /// The feed link, when the site has a feed (it needs the base URL).
    fn feed_href(&self) -> Option<String> {
        self.base_url.map(|_| format!("{}feed.xml", self.root))
    }

    /// The absolute URL of the page, when the base URL is known.
    pub(crate) fn absolute(&self) -> Option<String> {
        self.base_url.map(|base| format!("{base}{}", self.path))
    }

    /// The URL to print in a citation: absolute when known, else relative to the site root.
    pub(crate) fn cited(&self, fragment: Option<&str>) -> String {
        let page = self.absolute().unwrap_or_else(|| self.path.to_string());
        match fragment {
            Some(fragment) => format!("{page}#{fragment}"),
            None => page,
        }
    }
}

fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Ar => "ar_AR",
        Lang::En => "en_US",
    }
}

/// `citation_publication_date`: `YYYY/MM/DD` for a full date, the year alone otherwise.
pub(crate) fn highwire_date(date: Date) -> Option<String> {
    match date {
        Date::NotStated => None,
        Date::Known {
            year,
            month: Some(m),
            day: Some(d),
        } => Some(format!("{year:04}/{m:02}/{d:02}")),
        Date::Known { year, .. } => Some(format!("{year:04}")),
    }
}

impl HeadView {
    /// Metadata of a document page.
    pub(crate) fn document(
        meta: &Meta,
        site: &SiteConfig,
        place: Place,
        headings: &[Heading],
    ) -> Self {
        let abstract_ = meta.abstract_.as_ref().and_then(|a| match meta.lang {
            Lang::Ar => a.ar.as_deref(),
            Lang::En => a.en.as_deref(),
        });
        let url = place.absolute();
        let mut citation = vec![tag("citation_title", &meta.title)];
        citation.extend(meta.authors.iter().map(|a| tag("citation_author", &a.name)));
        if let Some(date) = highwire_date(meta.date) {
            citation.push(tag("citation_publication_date", date));
        }
        citation.push(tag("citation_language", meta.lang.code()));
        if let Some(publisher) = &meta.publisher {
            citation.push(tag("citation_publisher", publisher));
        }
        if let Some(url) = &url {
            citation.push(tag("citation_abstract_html_url", url));
            citation.push(tag("citation_fulltext_html_url", url));
        }
        if meta.pdf.is_some() {
            // The PDF beside the paper (`pipeline/pdf.rs`): absolute with a base URL.
            let name = format!("{}.pdf", meta.slug);
            let href = url
                .as_ref()
                .map_or_else(|| name.clone(), |url| format!("{url}{name}"));
            citation.push(tag("citation_pdf_url", href));
        }
        let description = abstract_
            .map(|a| excerpt(a, 300))
            .unwrap_or_else(|| meta.title_en.clone());
        let mut og = vec![
            tag("og:type", "article"),
            tag("og:title", &meta.title),
            tag("og:description", &description),
            tag("og:site_name", &site.title),
            tag("og:locale", og_locale(meta.lang)),
        ];
        if let Some(url) = &url {
            og.push(tag("og:url", url));
        }
        if let Some(iso) = meta.date.iso() {
            og.push(tag("article:published_time", iso));
        }
        HeadView {
            description: Some(description),
            citation,
            og,
            json_ld_html: Some(super::json_ld::article(meta, site, place, headings)),
            feed_href: place.feed_href(),
            ..HeadView::default()
        }
    }

    /// Metadata of a paper's English page. It carries no Highwire tags or JSON-LD: the
    /// paper itself is the Arabic page, and indexers should list it once.
    pub(crate) fn translation(meta: &Meta, site: &SiteConfig, place: Place) -> Self {
        let description = meta
            .abstract_
            .as_ref()
            .and_then(|a| a.en.as_deref())
            .map_or_else(|| meta.title_en.clone(), |a| excerpt(a, 300));
        let mut og = vec![
            tag("og:type", "article"),
            tag("og:title", &meta.title_en),
            tag("og:description", &description),
            tag("og:site_name", &site.title_en),
            tag("og:locale", og_locale(Lang::En)),
        ];
        if let Some(url) = place.absolute() {
            og.push(tag("og:url", url));
        }
        HeadView {
            description: Some(description),
            og,
            feed_href: place.feed_href(),
            ..HeadView::default()
        }
    }

    /// Metadata of a home page.
    pub(crate) fn home(site: &SiteConfig, lang: Lang, place: Place) -> Self {
        let (title, description) = match lang {
            Lang::Ar => (&site.title, site.description.as_ref()),
            Lang::En => (&site.title_en, site.description_en.as_ref()),
        };
        let mut og = vec![
            tag("og:type", "website"),
            tag("og:title", title),
            tag("og:site_name", title),
            tag("og:locale", og_locale(lang)),
        ];
        if let Some(description) = description {
            og.push(tag("og:description", description));
        }
        if let Some(url) = place.absolute() {
            og.push(tag("og:url", url));
        }
        HeadView {
            description: description.cloned(),
            og,
            feed_href: place.feed_href(),
            ..HeadView::default()
        }
    }

    /// Metadata of a page of the archive's lists (a topic, a series, an author, an index,
    /// a later page of the home's list) titled `title`.
    pub(crate) fn listing(site: &SiteConfig, lang: Lang, place: Place, title: &str) -> Self {
        let site_name = match lang {
            Lang::Ar => &site.title,
            Lang::En => &site.title_en,
        };
        let mut og = vec![
            tag("og:type", "website"),
            tag("og:title", title),
            tag("og:site_name", site_name),
            tag("og:locale", og_locale(lang)),
        ];
        if let Some(url) = place.absolute() {
            og.push(tag("og:url", url));
        }
        HeadView {
            og,
            feed_href: place.feed_href(),
            ..HeadView::default()
        }
    }

    /// The 404 page: not indexed; without a base URL, the stylesheet inline and a root finder.
    pub(crate) fn not_found(base_url: Option<&str>, css: Option<&[u8]>) -> Self {
        let inline = base_url.is_none();
        HeadView {
            noindex: true,
            inline_css_html: css
                .filter(|_| inline)
                .map(|css| without_font_faces(&String::from_utf8_lossy(css)).replace("</", "<\\/")),
            find_root: inline,
            ..HeadView::default()
        }
    }
}

/// The style sheet without its `@font-face` rules: inlined into a page served at an unknown
/// depth, their relative font addresses would only produce failed requests.
fn without_font_faces(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("@font-face") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find('}')
            .map_or("", |end| &rest[start + end + 1..]);
    }
    out.push_str(rest);
    out
}

/// One section's citations.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SectionCite {
    pub(crate) id: String,
    pub(crate) title: String,
    pub(crate) title_en: Option<String>,
    pub(crate) ar: Citation,
    pub(crate) en: Citation,
    /// Link from the document page to the section.
    pub(crate) href: String,
}

/// Everything `partials/cite.html` shows.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CiteView {
    /// The document cited in Arabic and in English.
    pub(crate) ar: Citation,
    pub(crate) en: Citation,
    /// Link from the document page to itself.
    pub(crate) href: String,
    /// One entry per heading.
    pub(crate) sections: Vec<SectionCite>,
    /// The BibTeX and RIS files, relative to the document page.
    pub(crate) bib_href: String,
    pub(crate) ris_href: String,
}

/// The BibTeX and RIS files of a document, next to its page.
pub(crate) const BIB_FILE: &str = "cite.bib";
pub(crate) const RIS_FILE: &str = "cite.ris";

impl CiteView {
    /// The same citations shown on another page: every link goes through `page`, the
    /// relative address of the document's own page (`../../<slug>/`).
    pub(crate) fn linked_from(&self, page: &str) -> Self {
        let mut view = self.clone();
        view.href = page.to_string();
        for section in &mut view.sections {
            section.href = format!("{page}{}", section.href);
        }
        view.bib_href = format!("{page}{BIB_FILE}");
        view.ris_href = format!("{page}{RIS_FILE}");
        view
    }

    /// The citations of a document at `place`.
    pub(crate) fn new(meta: &Meta, place: Place, headings: &[Heading]) -> Self {
        let work = Work::new(meta);
        let url = place.cited(None);
        let ar = cite::arabic(&work, None, &url);
        let en = cite::english(&work, None, &url);
        // Each section's citations are the document's with the section named.
        let sections = headings
            .iter()
            .map(|h| {
                let locator = Locator {
                    title: &h.text,
                    title_en: meta.sections.get(&h.id).map(String::as_str),
                };
                let url = place.cited(Some(&h.id));
                SectionCite {
                    id: h.id.clone(),
                    title: h.text.clone(),
                    title_en: locator.title_en.map(str::to_string),
                    ar: ar.in_section(Lang::Ar, &locator, &url),
                    en: en.in_section(Lang::En, &locator, &url),
                    href: format!("#{}", h.id),
                }
            })
            .collect();
        CiteView {
            ar,
            en,
            href: "./".to_string(),
            sections,
            bib_href: BIB_FILE.to_string(),
            ris_href: RIS_FILE.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inlined_css_drops_font_faces_only() {
        let css = "@font-face { src: url(a.woff2); }\nbody { color: red }\n@font-face{x}p{}";
        assert_eq!(without_font_faces(css), "\nbody { color: red }\np{}");
    }

    #[test]
    fn highwire_dates() {
        let d = |month, day| Date::Known {
            year: 2022,
            month,
            day,
        };
        assert_eq!(
            highwire_date(d(Some(2), Some(14))).as_deref(),
            Some("2022/02/14")
        );
        assert_eq!(highwire_date(d(Some(2), None)).as_deref(), Some("2022"));
        assert_eq!(highwire_date(Date::NotStated), None);
    }

    #[test]
    fn cited_urls_are_absolute_only_with_a_base() {
        let relative = Place {
            path: "a/",
            base_url: None,
            root: "../",
        };
        assert_eq!(relative.feed_href(), None);
        assert_eq!(relative.cited(Some("s1")), "a/#s1");
        let absolute = Place {
            path: "a/",
            base_url: Some("https://e.org/repo/"),
            root: "../",
        };
        assert_eq!(absolute.feed_href().as_deref(), Some("../feed.xml"));
        assert_eq!(absolute.cited(Some("s1")), "https://e.org/repo/a/#s1");
        assert_eq!(absolute.cited(None), "https://e.org/repo/a/");
    }
}
