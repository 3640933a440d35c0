//! The archive's listings: the home pages paged, and the pages of every topic, series and
//! author in both languages (each paged the same way), with an index page of each kind.
//!
//! Made from the documents' front matter and their reading times alone, both known once the
//! site is loaded, so the listings are made alongside the document stage. The documents are
//! put in order once (newest first) and grouped in one pass into a `BTreeMap` per kind, so
//! every group is already in that order (a series is then sorted by number); each document's
//! entry is made once per language and shared by every page that lists it. Work and output
//! grow with the number of entries listed, never with topics × documents.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::indexed::Indexed;
use crate::content::schema::{Author, Meta, SiteConfig};
use crate::content::words::Words;
use crate::i18n::{self, measures};
use crate::lang::Lang;
use crate::render::context::{ListEntry, NameView};

use super::pages::paper_url;

/// Documents a listing page shows.
pub(crate) const PER_PAGE: usize = 20;

/// How long a document takes to read, from the words its load counted ([`Words`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reading {
    /// Minutes, at least 1.
    pub(crate) minutes: usize,
    /// Whether the body writes its numbers in Arabic-Indic digits (the Arabic pages do too).
    pub(crate) arabic_indic: bool,
}

impl Reading {
    /// The reading time of a document in `lang` of `words`.
    pub(crate) fn of(words: Words, lang: Lang) -> Reading {
        Reading {
            minutes: measures::minutes(words.count, lang),
            arabic_indic: words.arabic_indic,
        }
    }

    /// "مدة القراءة: 12 دقيقة" or "12 min read", for a page in `lang`: the Arabic in the
    /// body's digits, the English in Western ones.
    pub(crate) fn text(self, lang: Lang) -> String {
        measures::reading_time(self.minutes, lang, self.arabic_indic && lang == Lang::Ar)
    }
}

/// A document as the listings know it: its front matter and its reading time.
#[derive(Debug, Clone, Copy)]
pub struct Listed<'a> {
    pub(crate) meta: &'a Meta,
    pub(crate) reading: Reading,
}

impl<'a> Listed<'a> {
    /// A loaded document as the listings know it.
    pub(crate) fn of(indexed: &'a Indexed) -> Self {
        Listed {
            meta: &indexed.meta,
            reading: Reading::of(indexed.words, indexed.meta.lang),
        }
    }

    /// A document of `minutes` minutes' reading, its numbers in Western digits.
    pub fn new(meta: &'a Meta, minutes: usize) -> Self {
        Listed {
            meta,
            reading: Reading {
                minutes,
                arabic_indic: false,
            },
        }
    }
}

/// The kinds of list, as the templates name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Home,
    Topics,
    Series,
    Authors,
}

impl Kind {
    /// The folder of its pages under the site root (or `en/`).
    fn folder(self) -> &'static str {
        match self {
            Kind::Home => "",
            Kind::Topics => "topics/",
            Kind::Series => "series/",
            Kind::Authors => "authors/",
        }
    }
}

/// The documents grouped once: every list of the archive, in the order it shows them.
pub(crate) struct Groups<'a> {
    /// Every document, newest first (undated last, path order among equals).
    pub(crate) newest: Vec<usize>,
    pub(crate) topics: BTreeMap<&'a str, Vec<usize>>,
    /// By number in the series (unnumbered last, newest first among them).
    pub(crate) series: BTreeMap<&'a str, Vec<usize>>,
    /// Each author as first met (in the newest-first order) and their documents.
    pub(crate) authors: BTreeMap<&'a str, (&'a Author, Vec<usize>)>,
}

impl<'a> Groups<'a> {
    /// One sort and one pass over `documents`.
    pub(crate) fn of(documents: &[Listed<'a>]) -> Self {
        let mut newest: Vec<usize> = (0..documents.len()).collect();
        newest.sort_by_key(|&i| Reverse(documents[i].meta.date));
        let mut groups = Groups {
            newest,
            topics: BTreeMap::new(),
            series: BTreeMap::new(),
            authors: BTreeMap::new(),
        };
        for &i in &groups.newest {
            let meta = documents[i].meta;
            for topic in &meta.topics {
                let list = groups.topics.entry(topic.as_str()).or_default();
                // A topic written twice on one document lists it once.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
            if let Some(series) = &meta.series {
                groups.series.entry(series.id.as_str()).or_default().push(i);
            }
            for author in &meta.authors {
                let (_, list) = groups
                    .authors
                    .entry(author.id.as_str())
                    .or_insert((author, Vec::new()));
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        for list in groups.series.values_mut() {
            let number = |i: &usize| {
                let n = documents[*i].meta.series.as_ref().and_then(|s| s.number);
                (n.is_none(), n)
            };
            list.sort_by_key(number);
        }
        groups
    }
}

/// One list of the archive in one language: a topic's, a series', an author's, or the home's.
pub(crate) struct List<'g> {
    pub(crate) kind: Kind,
    /// Its first page, relative to the site root: `topics/gas/`, `en/authors/x/`, `` (home).
    pub(crate) url: String,
    /// The same list in the other language.
    pub(crate) other_url: String,
    /// Its heading: the topic's, series' or author's name.
    pub(crate) title: String,
    /// The name in the other language or script, when it differs.
    pub(crate) title_other: Option<(String, Lang)>,
    /// Its documents, in order.
    pub(crate) documents: &'g [usize],
}

/// The lists of every topic, series and author in `lang`, in id order, kind after kind.
pub(crate) fn lists<'g>(config: &SiteConfig, groups: &'g Groups, lang: Lang) -> Vec<List<'g>> {
    let mut lists = Vec::new();
    let terms = [
        (Kind::Topics, &groups.topics, &config.topics),
        (Kind::Series, &groups.series, &config.series),
    ];
    for (kind, groups, names) in terms {
        for (id, documents) in groups {
            let term = &names[*id];
            lists.push(term_list(kind, id, &term.ar, &term.en, documents, lang));
        }
    }
    for (id, (author, documents)) in &groups.authors {
        let (url, other_url) = urls(Kind::Authors, id, lang);
        let (title, title_other) = match (lang, &author.name_en) {
            (Lang::En, Some(en)) => (en.clone(), Some((author.name.clone(), Lang::Ar))),
            (Lang::Ar, Some(en)) => (author.name.clone(), Some((en.clone(), Lang::En))),
            (_, None) => (author.name.clone(), None),
        };
        lists.push(List {
            kind: Kind::Authors,
            url,
            other_url,
            title,
            title_other,
            documents,
        });
    }
    lists
}

fn term_list<'g>(
    kind: Kind,
    id: &str,
    ar: &str,
    en: &str,
    documents: &'g [usize],
    lang: Lang,
) -> List<'g> {
    let (url, other_url) = urls(kind, id, lang);
    let (title, other) = match lang {
        Lang::Ar => (ar, (en, Lang::En)),
        Lang::En => (en, (ar, Lang::Ar)),
    };
    List {
        kind,
        url,
        other_url,
        title: title.to_string(),
        title_other: Some((other.0.to_string(), other.1)),
        documents,
    }
}

/// The first page of the list `id` of `kind` in `lang`, and of the same list in the other.
fn urls(kind: Kind, id: &str, lang: Lang) -> (String, String) {
    let (this, other) = index_urls(kind, lang);
    (format!("{this}{id}/"), format!("{other}{id}/"))
}

/// The address of page `n` (from 1) of a list whose first page is `url`.
pub(crate) fn page_url(url: &str, n: usize) -> String {
    match n {
        1 => url.to_string(),
        n => format!("{url}page/{n}/"),
    }
}

/// Whether `url` (a page as `anchors.json` names it) is one of the archive's lists: a
/// topic's, series' or author's page, an index of them, or a later page of a list. Lists come
/// and go with the papers they hold (an author's page with their last paper withdrawn), so
/// `check --previous` does not hold a release to them.
pub(crate) fn is_list_page(url: &str) -> bool {
    let url = url.strip_prefix("en/").unwrap_or(url);
    [Kind::Topics, Kind::Series, Kind::Authors]
        .iter()
        .any(|kind| url.starts_with(kind.folder()))
        || url.starts_with("page/")
}

/// Where a page stands in its list: what the paging links of `partials/paging.html` need.
#[derive(Debug, Serialize)]
pub(crate) struct Paging {
    /// "Page 2" in the page's language and digits.
    pub(crate) label: String,
    /// The pages before and after, relative to the site root.
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

impl Paging {
    /// Page `n` of `count` of the list at `url`; `None` when the list has one page.
    pub(crate) fn of(url: &str, n: usize, count: usize, lang: Lang) -> Option<Paging> {
        (count > 1).then(|| Paging {
            label: i18n::fill(&i18n::strings(lang).page_n, &n.to_string()),
            prev: (n > 1).then(|| page_url(url, n - 1)),
            next: (n < count).then(|| page_url(url, n + 1)),
        })
    }
}

/// The number of pages of a list of `documents` (one, for an empty list).
pub(crate) fn page_count(documents: usize) -> usize {
    documents.div_ceil(PER_PAGE).max(1)
}

/// Every document's entry in a list in `lang`, in the documents' order: made once, shared by
/// every page that lists the document.
pub(crate) fn entries<'a>(documents: &[Listed<'a>], lang: Lang) -> Vec<ListEntry<'a>> {
    documents
        .iter()
        .map(|doc| {
            let meta = doc.meta;
            // English lists link an Arabic paper's English page.
            let href = paper_url(meta, lang);
            let number = meta.series.as_ref().and_then(|s| s.number).map(|n| {
                let digits = doc.reading.arabic_indic && lang == Lang::Ar;
                i18n::fill(
                    &i18n::strings(lang).series_number,
                    &measures::digits(n as usize, digits),
                )
            });
            ListEntry::new(meta, href, doc.reading.text(lang), number)
        })
        .collect()
}

/// A list as its template reads it (`list`): what it is, its heading, its paging.
#[derive(Debug, Serialize)]
pub(crate) struct ListView {
    pub(crate) kind: Kind,
    pub(crate) title: String,
    /// The name in the other language or script, and that language.
    pub(crate) title_other: Option<String>,
    pub(crate) title_other_lang: Option<Lang>,
    /// `None` when the list has one page.
    pub(crate) paging: Option<Paging>,
}

/// The links to the archive's index pages in a language, from the site root; `None` for a
/// kind the site has no list of.
#[derive(Debug, Serialize)]
pub(crate) struct Nav {
    pub(crate) topics: Option<String>,
    pub(crate) series: Option<String>,
    pub(crate) authors: Option<String>,
}

impl Nav {
    /// The index pages among `lists` (those of `lang`).
    pub(crate) fn of(lists: &[List], lang: Lang) -> Nav {
        let link = |kind| {
            lists
                .iter()
                .any(|list| list.kind == kind)
                .then(|| index_urls(kind, lang).0)
        };
        Nav {
            topics: link(Kind::Topics),
            series: link(Kind::Series),
            authors: link(Kind::Authors),
        }
    }
}

/// The index page of `kind` in `lang` and in the other language, from the site root.
pub(crate) fn index_urls(kind: Kind, lang: Lang) -> (String, String) {
    let ar = kind.folder().to_string();
    let en = format!("en/{ar}");
    match lang {
        Lang::Ar => (ar, en),
        Lang::En => (en, ar),
    }
}

/// The heading of the index page of `kind` in `lang`.
pub(crate) fn index_title(kind: Kind, lang: Lang) -> &'static str {
    let t = i18n::strings(lang);
    match kind {
        Kind::Topics => &t.topics,
        Kind::Series => &t.series,
        Kind::Authors => &t.authors_index,
        Kind::Home => &t.documents,
    }
}

/// One line of an index page: a topic, series or author, its page and how many papers.
#[derive(Debug, Serialize)]
pub(crate) struct IndexLine<'a> {
    /// Its list's first page, relative to the site root.
    pub(crate) href: &'a str,
    pub(crate) name: &'a str,
    /// The name in the other language or script.
    pub(crate) other: Option<NameView<'a>>,
    pub(crate) count: usize,
}

/// The lines of the index page of `kind` over `lists` (those of one language).
pub(crate) fn index_lines<'l>(lists: &'l [List], kind: Kind) -> Vec<IndexLine<'l>> {
    lists
        .iter()
        .filter(|list| list.kind == kind)
        .map(|list| IndexLine {
            href: &list.url,
            name: &list.title,
            other: list
                .title_other
                .as_ref()
                .map(|(text, lang)| NameView { text, lang: *lang }),
            count: list.documents.len(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lists_are_known_by_their_addresses() {
        for url in [
            "topics/",
            "en/topics/war/",
            "series/s/page/2/",
            "authors/a/",
            "page/3/",
        ] {
            assert!(is_list_page(url), "{url}");
        }
        for url in [
            "war-paper/",
            "en/war-paper/",
            "",
            "en/",
            "search/",
            "topicsx/",
        ] {
            assert!(!is_list_page(url), "{url}");
        }
    }

    #[test]
    fn pages_and_their_paging() {
        assert_eq!(page_url("topics/gas/", 1), "topics/gas/");
        assert_eq!(page_url("en/topics/gas/", 3), "en/topics/gas/page/3/");
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(20), 1);
        assert_eq!(page_count(21), 2);
        let paging = Paging::of("topics/gas/", 2, 3, Lang::En).unwrap();
        assert_eq!(paging.label, "Page 2");
        assert_eq!(paging.prev.as_deref(), Some("topics/gas/"));
        assert_eq!(paging.next.as_deref(), Some("topics/gas/page/3/"));
        assert!(Paging::of("", 1, 1, Lang::Ar).is_none());
    }
}
