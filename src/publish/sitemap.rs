//! `sitemap.xml`: the home pages and every document, with the document's date as `lastmod`.

use super::xml_escape;

/// One URL of the sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Url {
    /// Absolute URL.
    pub(crate) loc: String,
    /// W3C date (`2022`, `2022-02`, `2022-02-14`) when known.
    pub(crate) lastmod: Option<String>,
}

/// The sitemap of `urls`, in the order given.
pub(crate) fn sitemap(urls: &[Url]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        out.push_str(&format!("  <url><loc>{}</loc>", xml_escape(&url.loc)));
        if let Some(lastmod) = &url.lastmod {
            out.push_str(&format!("<lastmod>{}</lastmod>", xml_escape(lastmod)));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_and_without_dates() {
        let got = sitemap(&[
            Url {
                loc: "https://e.org/".into(),
                lastmod: None,
            },
            Url {
                loc: "https://e.org/a/?x=1&y=2".into(),
                lastmod: Some("2022-02".into()),
            },
        ]);
        assert_eq!(
            got,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n  <url><loc>https://e.org/</loc></url>\n  <url><loc>https://e.org/a/?x=1&amp;y=2</loc><lastmod>2022-02</lastmod></url>\n</urlset>\n"
        );
    }
}
