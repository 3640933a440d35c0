//! Old addresses: the pages at a renamed paper's former slugs (`former_slugs:`), which send
//! readers to its address with the fragment kept, and at a withdrawn paper's slug
//! (`withdrawn:` in `content/_index.md`), which say why it was taken down; and what
//! `anchors.json` records of them. Made from the index alone, with the listings.
//!
//! A former address has two pages, `<old>/` and `en/<old>/`, like a paper: a script sends the
//! reader on with `location.hash` appended, and without JavaScript a `<meta>` refresh (in
//! `<noscript>`, so it cannot race the script and drop the fragment) and a visible link do.

use super::pages::{OutputFile, PageContext, Templates, paper_url, root_of};
use crate::anchors;
use crate::content::schema::{Meta, Slug};
use crate::error::Error;
use crate::lang::Lang;
use crate::render::context::{OldAddressView, PageView};
use crate::render::head::Place;

/// The pages at every old address of the site, each added to `index` as a redirect or as
/// withdrawn.
pub(crate) fn old_address_pages(
    documents: &[&Meta],
    templates: &Templates,
    index: &mut anchors::Index,
) -> Result<Vec<OutputFile>, Error> {
    let mut pages = Vec::new();
    for meta in documents {
        for former in &meta.former_slugs {
            for lang in Lang::ALL {
                let (url, to) = moved(&former.slug, meta, lang);
                let href = relative(&url, &to);
                let view = OldAddressView {
                    href_js: Some(format!("\"{href}\"")),
                    href: Some(href),
                    title: Some(&meta.title),
                    title_en: Some(&meta.title_en),
                    reason: None,
                };
                let mut page = page_view(&url, lang, &former.slug);
                page.title = match lang {
                    Lang::Ar => meta.title.clone(),
                    Lang::En => meta.title_en.clone(),
                };
                // The new address is the page's canonical one: absolute when the site's
                // address is known, relative otherwise (as readers are sent).
                let place = Place {
                    path: &to,
                    base_url: templates.config.base_url.as_deref(),
                    root: "",
                };
                page.canonical = Some(place.absolute().unwrap_or_else(|| relative(&url, &to)));
                pages.push(render(templates, "moved.html", &url, page, view)?);
                index.redirects.insert(url, to);
            }
        }
    }
    for (slug, withdrawal) in &templates.config.withdrawn {
        for lang in Lang::ALL {
            let url = address(slug, lang);
            let view = OldAddressView {
                href: None,
                href_js: None,
                title: None,
                title_en: None,
                reason: Some(withdrawal),
            };
            let mut page = page_view(&url, lang, slug);
            page.title = crate::i18n::strings(lang).withdrawn_title.clone();
            pages.push(render(templates, "withdrawn.html", &url, page, view)?);
            index.withdrawn.insert(url);
        }
    }
    Ok(pages)
}

/// A renamed paper's old address in `lang` and the address it sends readers to: its own page
/// (`<slug>/`), or for `en/<old>/` its English page when it has one (an Arabic paper's).
fn moved(old: &Slug, meta: &Meta, lang: Lang) -> (String, String) {
    (address(old, lang), paper_url(meta, lang))
}

/// `<slug>/` or `en/<slug>/`.
fn address(slug: &Slug, lang: Lang) -> String {
    match lang {
        Lang::Ar => format!("{slug}/"),
        Lang::En => format!("en/{slug}/"),
    }
}

/// The link from the page at `from` to the page at `to`, both folder URLs of the site.
fn relative(from: &str, to: &str) -> String {
    format!("{}{to}", root_of(from))
}

/// The page at `url`, in `lang`, whose other language's page is the same slug's.
fn page_view(url: &str, lang: Lang, slug: &Slug) -> PageView {
    let mut page = PageView::new(lang, String::new(), &root_of(url));
    let other = match lang {
        Lang::Ar => address(slug, Lang::En),
        Lang::En => address(slug, Lang::Ar),
    };
    page.other_lang_href = Some(relative(url, &other));
    page
}

fn render(
    templates: &Templates,
    template: &str,
    url: &str,
    page: PageView,
    old_address: OldAddressView,
) -> Result<OutputFile, Error> {
    let context = PageContext {
        old_address: Some(old_address),
        ..PageContext::new(&templates.site, page)
    };
    let html = templates.render(template, &context)?;
    Ok(OutputFile {
        path: format!("{url}index.html"),
        html: templates.finish(html),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_between_folder_urls() {
        assert_eq!(relative("old/", "new/"), "../new/");
        assert_eq!(relative("en/old/", "en/new/"), "../../en/new/");
        assert_eq!(relative("en/old/", "new/"), "../../new/");
    }
}
