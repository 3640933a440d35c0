//! Files for crawlers and feed readers, written only when the site has a base URL:
//! `sitemap.xml`, `robots.txt` and the Atom feed `feed.xml`.
//!
//! Pure text builders. Everything is deterministic: dates come from the documents' front
//! matter, never from the clock, and entries are in slug order.

pub(crate) mod feed;
pub(crate) mod sitemap;

use crate::content::schema::{Meta, SiteConfig};

/// `sitemap.xml`, `robots.txt` and `feed.xml` of a site published at `base_url`.
pub(crate) fn crawler_files(
    base_url: &str,
    config: &SiteConfig,
    documents: &[&Meta],
    listings: &[&str],
) -> Vec<(&'static str, String)> {
    let mut documents = documents.to_vec();
    documents.sort_by(|a, b| a.slug.cmp(&b.slug));
    let mut urls = vec![
        sitemap::Url {
            loc: base_url.to_string(),
            lastmod: None,
        },
        sitemap::Url {
            loc: format!("{base_url}en/"),
            lastmod: None,
        },
    ];
    urls.extend(documents.iter().map(|m| sitemap::Url {
        loc: format!("{base_url}{}/", m.slug),
        lastmod: m.date.iso(),
    }));
    // The archive's lists (topics, series, authors, later pages of the home's), in order.
    urls.extend(
        (listings.iter())
            .filter(|url| !matches!(**url, "" | "en/"))
            .map(|url| sitemap::Url {
                loc: format!("{base_url}{url}"),
                lastmod: None,
            }),
    );
    let entries: Vec<feed::FeedEntry> = documents
        .iter()
        .map(|m| feed::FeedEntry {
            url: format!("{base_url}{}/", m.slug),
            title: &m.title,
            title_en: &m.title_en,
            authors: m.authors.iter().map(|a| a.name.as_str()).collect(),
            date: m.date,
            summary: m.abstract_.as_ref().and_then(|a| match m.lang {
                crate::lang::Lang::Ar => a.ar.as_deref(),
                crate::lang::Lang::En => a.en.as_deref(),
            }),
            categories: (m.topics.iter())
                .filter_map(|t| {
                    let term = config.topics.get(t.as_str())?;
                    let label = match m.lang {
                        crate::lang::Lang::Ar => &term.ar,
                        crate::lang::Lang::En => &term.en,
                    };
                    Some((t.as_str(), label.as_str()))
                })
                .collect(),
        })
        .collect();
    let feed = feed::Feed {
        base_url,
        title: &config.title,
        lang: config.default_language.code(),
    };
    vec![
        ("sitemap.xml", sitemap::sitemap(&urls)),
        ("robots.txt", robots(base_url)),
        ("feed.xml", feed::atom(&feed, &entries)),
    ]
}

/// Text escaped for XML character data and attribute values.
pub(crate) fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub(crate) fn robots(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(xml_escape("a<b>&\"c'\u{0}"), "a&lt;b&gt;&amp;&quot;c&apos;");
        assert_eq!(xml_escape("قره باغ"), "قره باغ");
    }

    #[test]
    fn robots_names_the_sitemap() {
        assert_eq!(
            robots("https://e.org/repo/"),
            "User-agent: *\nAllow: /\n\nSitemap: https://e.org/repo/sitemap.xml\n"
        );
    }
}
