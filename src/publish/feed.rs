//! The Atom feed `feed.xml`: one entry per document, newest first, dated from front matter.
//!
//! Atom requires an `updated` time on the feed and on every entry. A document's date is used
//! at its stated precision, padded to the first day of the month or year; a document whose
//! source gives no date has none to use, so its entry carries the Unix epoch and no
//! `published` element, which feed readers show as undated rather than as new. The feed's own
//! `updated` is the newest document date (the epoch when no document is dated).

use super::xml_escape;
use crate::content::schema::Date;

/// One document of the feed.
#[derive(Debug, Clone)]
pub(crate) struct FeedEntry<'a> {
    /// Absolute URL of the document page (also its Atom id).
    pub(crate) url: String,
    pub(crate) title: &'a str,
    /// English title, given as the entry's subtitle text in the summary.
    pub(crate) title_en: &'a str,
    pub(crate) authors: Vec<&'a str>,
    pub(crate) date: Date,
    /// The abstract in the document's language, if any.
    pub(crate) summary: Option<&'a str>,
    /// Its topics: id (the category's term, its page's folder) and name (its label).
    pub(crate) categories: Vec<(&'a str, &'a str)>,
}

/// The feed metadata.
#[derive(Debug, Clone)]
pub(crate) struct Feed<'a> {
    /// Site root URL (also the feed id), ending in `/`.
    pub(crate) base_url: &'a str,
    pub(crate) title: &'a str,
    pub(crate) lang: &'a str,
}

const EPOCH: &str = "1970-01-01T00:00:00Z";

/// RFC 3339 time of a date, at midnight UTC of its first day.
fn timestamp(date: Date) -> Option<String> {
    match date {
        Date::NotStated => None,
        Date::Known { year, month, day } => Some(format!(
            "{year:04}-{:02}-{:02}T00:00:00Z",
            month.unwrap_or(1),
            day.unwrap_or(1)
        )),
    }
}

/// The Atom document; entries are sorted newest first, then by URL.
pub(crate) fn atom(feed: &Feed, entries: &[FeedEntry]) -> String {
    let mut entries: Vec<&FeedEntry> = entries.iter().collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.url.cmp(&b.url)));
    let updated = entries
        .iter()
        .find_map(|e| timestamp(e.date))
        .unwrap_or_else(|| EPOCH.to_string());
    let base = xml_escape(feed.base_url);
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{base}</id>\n  <link rel=\"self\" href=\"{base}feed.xml\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{base}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        xml_escape(feed.lang),
        xml_escape(feed.title),
        xml_escape(feed.title),
    );
    for entry in entries {
        let url = xml_escape(&entry.url);
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <updated>{}</updated>\n",
            xml_escape(entry.title),
            timestamp(entry.date).unwrap_or_else(|| EPOCH.to_string()),
        ));
        if let Some(published) = timestamp(entry.date) {
            out.push_str(&format!("    <published>{published}</published>\n"));
        }
        for author in &entry.authors {
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml_escape(author)
            ));
        }
        for (term, label) in &entry.categories {
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml_escape(term),
                xml_escape(label)
            ));
        }
        let mut summary = xml_escape(entry.title_en);
        if let Some(text) = entry.summary {
            summary = format!("{summary} — {}", xml_escape(text));
        }
        out.push_str(&format!("    <summary>{summary}</summary>\n  </entry>\n"));
    }
    out.push_str("</feed>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str, date: Date) -> FeedEntry<'static> {
        FeedEntry {
            url: url.to_string(),
            title: "عنوان & <b>",
            title_en: "Title",
            authors: vec!["أ"],
            date,
            summary: None,
            categories: vec![("gas", "غاز & نفط")],
        }
    }

    #[test]
    fn newest_first_and_dated_from_content() {
        let feb = Date::Known {
            year: 2022,
            month: Some(2),
            day: None,
        };
        let feed = Feed {
            base_url: "https://e.org/",
            title: "وراق",
            lang: "ar",
        };
        let text = atom(
            &feed,
            &[
                entry("https://e.org/b/", Date::NotStated),
                entry("https://e.org/a/", feb),
            ],
        );
        assert!(
            text.contains("  <updated>2022-02-01T00:00:00Z</updated>\n"),
            "{text}"
        );
        let a = text.find("<id>https://e.org/a/</id>").unwrap();
        let b = text.find("<id>https://e.org/b/</id>").unwrap();
        assert!(a < b, "dated entry first");
        assert_eq!(text.matches("<published>").count(), 1);
        assert!(text.contains("<title>عنوان &amp; &lt;b&gt;</title>"));
        assert!(text.contains("    <category term=\"gas\" label=\"غاز &amp; نفط\"/>\n"));
        assert_eq!(
            text,
            atom(
                &feed,
                &[
                    entry("https://e.org/a/", feb),
                    entry("https://e.org/b/", Date::NotStated)
                ]
            )
        );
    }

    #[test]
    fn undated_site_uses_the_epoch() {
        let feed = Feed {
            base_url: "https://e.org/",
            title: "t",
            lang: "ar",
        };
        let text = atom(&feed, &[entry("https://e.org/a/", Date::NotStated)]);
        assert!(text.contains("  <updated>1970-01-01T00:00:00Z</updated>\n  <author>"));
    }
}
