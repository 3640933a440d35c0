//! Typed template contexts: what each template may read, and nothing else.
//!
//! Every text value is plain text and is escaped by Tera; only the fields named `*_html` hold
//! markup, produced by the Markdown stage or by this module from escaped parts.

use std::sync::OnceLock;

use serde::Serialize;

use crate::cite::display_date;
use crate::content::schema::{EditorialNote, Meta, Origin, SiteConfig};
use crate::i18n::{self, Strings};
use crate::lang::Lang;
use crate::markdown::RenderedBody;

use super::head::CiteView;

/// The interface words of a language, as a template reads them (`page.t.cite`).
///
/// Every page carries them three times over (`t`, `t_en`, `t_ar`), so they are made into a
/// Tera value once per language, and each page's context shares it instead of holding a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Words(pub Lang);

impl Words {
    /// The words themselves.
    pub(crate) fn strings(self) -> &'static Strings {
        i18n::strings(self.0)
    }
}

impl Serialize for Words {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        static AR: OnceLock<tera::Value> = OnceLock::new();
        static EN: OnceLock<tera::Value> = OnceLock::new();
        let once = match self.0 {
            Lang::Ar => &AR,
            Lang::En => &EN,
        };
        // Tera takes a value of its own as it is, sharing it; any other serializer gets the
        // words written out.
        once.get_or_init(|| tera::Value::from_serializable(self.strings()))
            .serialize(serializer)
    }
}

/// Settings every page shows.
#[derive(Debug, Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) title: &'a str,
    pub(crate) title_en: &'a str,
    /// Whether the site has its search (every header then has a search field).
    pub(crate) search: bool,
    /// Whether the site's `templates/assets/` has an `extra.css`, linked after the built-in
    /// style sheet.
    pub(crate) extra_css: bool,
}

/// What `base.html` needs on every page.
#[derive(Debug, Serialize)]
pub(crate) struct PageView {
    /// Language of the page.
    pub(crate) lang: Lang,
    /// `rtl` or `ltr`.
    pub(crate) dir: &'static str,
    /// The `<title>`.
    pub(crate) title: String,
    /// Path to the site root: `""` or `"../"`; root-relative (`/repo/`) only on `404.html`.
    pub(crate) root: String,
    /// Relative path of the same page in the other language, if any.
    pub(crate) other_lang_href: Option<String>,
    /// Canonical absolute URL, when the site has a base URL.
    pub(crate) canonical: Option<String>,
    /// Interface words in the page's language.
    pub(crate) t: Words,
    /// Interface words in English, for English blocks on Arabic pages.
    pub(crate) t_en: Words,
    /// Interface words in Arabic.
    pub(crate) t_ar: Words,
    /// Scholarly and social metadata for `<head>` (`partials/meta.html`).
    pub(crate) head: Option<super::head::HeadView>,
    /// Whether this is a search page, which has its own field instead of the header's.
    pub(crate) search_page: bool,
}

impl PageView {
    /// A page in `lang` at `root`.
    pub(crate) fn new(lang: Lang, title: String, root: &str) -> Self {
        PageView {
            lang,
            dir: lang.dir(),
            title,
            root: root.to_string(),
            other_lang_href: None,
            canonical: None,
            t: Words(lang),
            t_en: Words(Lang::En),
            t_ar: Words(Lang::Ar),
            head: None,
            search_page: false,
        }
    }
}

/// A document as an entry of a list (the home pages, topic, series and author pages).
#[derive(Debug, Serialize)]
pub(crate) struct ListEntry<'a> {
    /// Its page, relative to the site root (the template puts `page.root` before it).
    pub(crate) href: String,
    pub(crate) title: &'a str,
    pub(crate) title_en: &'a str,
    pub(crate) title_supplied: bool,
    /// Where the English title comes from: the lists mark the editor's.
    pub(crate) title_en_origin: Origin,
    pub(crate) authors: Vec<&'a str>,
    /// Romanised names, or the Arabic name (marked `ar`) where none is given.
    pub(crate) authors_en: Vec<NameView<'a>>,
    pub(crate) date: Option<String>,
    pub(crate) date_en: Option<String>,
    /// The first sentence of each abstract.
    pub(crate) abstract_ar: Option<String>,
    pub(crate) abstract_en: Option<String>,
    /// Its reading time in the list's language.
    pub(crate) reading: String,
    /// Its number in its series, in the list's language ("No. 12"), when it has one.
    pub(crate) series_number: Option<String>,
}

/// A name with the language it is written in.
#[derive(Debug, Serialize)]
pub(crate) struct NameView<'a> {
    pub(crate) text: &'a str,
    pub(crate) lang: Lang,
}

/// One author line of the title block.
#[derive(Debug, Serialize)]
pub(crate) struct AuthorView<'a> {
    /// Its page's folder under `authors/`.
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    pub(crate) name_en: Option<&'a str>,
    /// The footnote reference attached to the byline (markup from the Markdown stage).
    pub(crate) note_html: &'a str,
}

/// One table-of-contents line, with the headings under it.
#[derive(Debug, Serialize)]
pub(crate) struct TocEntry<'a> {
    pub(crate) id: &'a str,
    pub(crate) level: u8,
    pub(crate) text: &'a str,
    pub(crate) text_en: Option<&'a str>,
    pub(crate) children: Vec<TocEntry<'a>>,
}

/// Nests a flat list of headings by level: each heading holds the deeper ones that follow it.
/// A heading that skips levels (an `h4` straight after an `h2`) nests one step down.
pub(crate) fn toc_tree(flat: Vec<TocEntry<'_>>) -> Vec<TocEntry<'_>> {
    let mut roots: Vec<TocEntry> = Vec::new();
    for entry in flat {
        let mut siblings = &mut roots;
        while siblings.last().is_some_and(|last| last.level < entry.level) {
            siblings = &mut siblings.last_mut().expect("checked above").children;
        }
        siblings.push(entry);
    }
    roots
}

/// One row of the parallel abstract: the Arabic and English sentences of one bead.
#[derive(Debug, Clone, Serialize)]
pub struct AbstractRow {
    /// 1-based; the row's id is `abstract-s{n}`.
    pub(crate) n: usize,
    /// The row's accessible name in each language ("Sentence 3").
    pub(crate) label_ar: String,
    pub(crate) label_en: String,
    /// The bead's Arabic sentences, joined.
    pub(crate) ar: String,
    /// The bead's English sentences, joined.
    pub(crate) en: String,
}

/// An editorial repair shown to readers.
#[derive(Debug, Serialize)]
pub(crate) struct RepairView<'a> {
    pub(crate) line: usize,
    pub(crate) from: &'a str,
    pub(crate) to: &'a str,
    pub(crate) note: &'a EditorialNote,
}

/// Everything `document.html` shows but the citations, which each page adds ([`DocumentPage`]).
#[derive(Debug, Serialize)]
pub(crate) struct DocumentView<'a> {
    pub(crate) slug: &'a str,
    /// The language and direction of the body.
    pub(crate) lang: Lang,
    pub(crate) dir: &'static str,
    pub(crate) title: &'a str,
    pub(crate) title_en: &'a str,
    pub(crate) title_supplied: bool,
    pub(crate) title_en_origin: Origin,
    pub(crate) authors: Vec<AuthorView<'a>>,
    pub(crate) date: Option<String>,
    pub(crate) date_en: Option<String>,
    pub(crate) date_iso: Option<String>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) publisher_en: Option<&'a str>,
    pub(crate) place: Option<&'a str>,
    pub(crate) place_en: Option<&'a str>,
    pub(crate) abstract_ar: Option<&'a str>,
    pub(crate) abstract_en: Option<&'a str>,
    /// Sentence pairs when the abstracts align well; empty otherwise (shown side by side).
    pub(crate) abstract_rows: &'a [AbstractRow],
    pub(crate) toc: Vec<TocEntry<'a>>,
    pub(crate) body_html: &'a str,
    /// The endnotes' `li` items, joined.
    pub(crate) notes_html: &'a str,
    pub(crate) editorial_notes: &'a [EditorialNote],
    pub(crate) repairs: Vec<RepairView<'a>>,
    /// Whether the Arabic page has English editorial notes or repairs to show behind its
    /// toggle (notes with both languages; repairs always).
    pub(crate) editorial_in_english: bool,
    pub(crate) source_file: Option<&'a str>,
    /// Its topics, series, reading time and PDF.
    pub(crate) archive: PaperArchive<'a>,
}

/// What a paper's pages show of the archive: its topics and series (linked to their pages),
/// its reading time and its PDF.
#[derive(Debug, Default, Serialize)]
pub(crate) struct PaperArchive<'a> {
    pub(crate) topics: Vec<TermLink<'a>>,
    pub(crate) series: Option<TermLink<'a>>,
    pub(crate) reading_ar: String,
    pub(crate) reading_en: String,
    pub(crate) pdf: Option<PdfLink>,
}

/// A topic or series of a paper: its id (its page's folder), its names, and for a series
/// the paper's number in it ("العدد 12", "No. 12").
#[derive(Debug, Serialize)]
pub(crate) struct TermLink<'a> {
    pub(crate) id: &'a str,
    pub(crate) ar: &'a str,
    pub(crate) en: &'a str,
    pub(crate) number_ar: Option<String>,
    pub(crate) number_en: Option<String>,
}

/// A paper's PDF: its name beside the paper and its size for readers.
#[derive(Debug, Serialize)]
pub(crate) struct PdfLink {
    pub(crate) name: String,
    pub(crate) size_ar: String,
    pub(crate) size_en: String,
}

/// A paper's view made into a Tera value once, for both of the paper's pages.
///
/// The two pages show the same document and differ only in the links of their citations, so
/// each page's `doc` is this value with its own `cite` ([`DocumentPage`]).
#[derive(Debug, Clone)]
pub(crate) struct SharedDocument(tera::Value);

impl SharedDocument {
    /// `view` as Tera reads it.
    pub(crate) fn new(view: &DocumentView) -> Self {
        SharedDocument(tera::Value::from_serializable(view))
    }

    /// A page's `doc`: this view and `cite`, the citations as linked from that page.
    pub(crate) fn with_cite(&self, cite: CiteView) -> DocumentPage<'_> {
        DocumentPage { view: self, cite }
    }
}

/// Everything a paper's page template reads as `doc`: the fields of [`DocumentView`] and
/// `cite`, the citations of the document and its sections (`partials/cite.html`).
#[derive(Debug)]
pub(crate) struct DocumentPage<'a> {
    view: &'a SharedDocument,
    cite: CiteView,
}

impl Serialize for DocumentPage<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let fields = self.view.0.as_map();
        let mut map = serializer.serialize_map(fields.map(|f| f.len() + 1))?;
        // Tera takes each value of its own as it is, sharing it.
        for (key, value) in fields.into_iter().flatten() {
            map.serialize_entry(key, value)?;
        }
        map.serialize_entry("cite", &self.cite)?;
        map.end()
    }
}

impl<'a> DocumentView<'a> {
    /// Builds the view of a validated, rendered document whose notes, joined, are
    /// `notes_html`.
    pub(crate) fn new(
        meta: &'a Meta,
        rendered: &'a RenderedBody<'a>,
        notes_html: &'a str,
        abstract_rows: &'a [AbstractRow],
    ) -> Self {
        let authors = meta
            .authors
            .iter()
            .enumerate()
            .map(|(i, a)| AuthorView {
                id: a.id.as_str(),
                name: &a.name,
                name_en: a.name_en.as_deref(),
                note_html: rendered
                    .notes
                    .byline
                    .get(i)
                    .map(String::as_str)
                    .unwrap_or(""),
            })
            .collect();
        let toc = rendered
            .model
            .headings
            .iter()
            .map(|h| TocEntry {
                id: &h.id,
                level: h.level,
                text: &h.text,
                text_en: meta.sections.get(&h.id).map(String::as_str),
                children: Vec::new(),
            })
            .collect();
        let toc = toc_tree(toc);
        let abstract_ = meta.abstract_.as_ref();
        DocumentView {
            slug: meta.slug.as_str(),
            lang: meta.lang,
            dir: meta.lang.dir(),
            title: &meta.title,
            title_en: &meta.title_en,
            title_supplied: meta.title_origin == Origin::Editor,
            title_en_origin: meta.title_en_origin,
            authors,
            date: display_date(meta, Lang::Ar),
            date_en: display_date(meta, Lang::En),
            date_iso: meta.date.iso(),
            publisher: meta.publisher.as_deref(),
            publisher_en: meta.publisher_en.as_deref(),
            place: meta.place.as_deref(),
            place_en: meta.place_en.as_deref(),
            abstract_ar: abstract_.and_then(|a| a.ar.as_deref()),
            abstract_en: abstract_.and_then(|a| a.en.as_deref()),
            abstract_rows,
            toc,
            body_html: &rendered.html,
            notes_html,
            editorial_notes: &meta.editorial_notes,
            repairs: meta
                .source
                .iter()
                .flat_map(|s| &s.repairs)
                .map(|r| RepairView {
                    line: r.line,
                    from: &r.from,
                    to: &r.to,
                    note: &r.note,
                })
                .collect(),
            editorial_in_english: meta
                .editorial_notes
                .iter()
                .any(|n| n.ar.is_some() && n.en.is_some())
                || meta.source.as_ref().is_some_and(|s| !s.repairs.is_empty()),
            source_file: meta.source.as_ref().map(|s| s.file.as_str()),
            archive: PaperArchive::default(),
        }
    }
}

impl<'a> ListEntry<'a> {
    /// An entry of a list in `lang` linking to the document's page at `href` (from the site
    /// root), with its reading time `reading` and its number in its series in `number`.
    pub(crate) fn new(
        meta: &'a Meta,
        href: String,
        reading: String,
        series_number: Option<String>,
    ) -> Self {
        let abstract_ = meta.abstract_.as_ref();
        ListEntry {
            href,
            title: &meta.title,
            title_en: &meta.title_en,
            title_supplied: meta.title_origin == Origin::Editor,
            title_en_origin: meta.title_en_origin,
            authors: meta.authors.iter().map(|a| a.name.as_str()).collect(),
            authors_en: meta
                .authors
                .iter()
                .map(|a| match &a.name_en {
                    Some(name) => NameView {
                        text: name,
                        lang: Lang::En,
                    },
                    None => NameView {
                        text: &a.name,
                        lang: Lang::Ar,
                    },
                })
                .collect(),
            date: display_date(meta, Lang::Ar),
            date_en: display_date(meta, Lang::En),
            abstract_ar: abstract_
                .and_then(|a| a.ar.as_deref())
                .map(|t| first_sentence(t, Lang::Ar)),
            abstract_en: abstract_
                .and_then(|a| a.en.as_deref())
                .map(|t| first_sentence(t, Lang::En)),
            reading,
            series_number,
        }
    }
}

/// The first sentence of an abstract in `lang`, cut to 300 characters at most.
pub(crate) fn first_sentence(text: &str, lang: Lang) -> String {
    let sentences = match lang {
        Lang::Ar => crate::align::split_arabic(text),
        Lang::En => crate::align::split_english(text),
    };
    excerpt(sentences.first().copied().unwrap_or(text).trim(), 300)
}

impl<'a> SiteView<'a> {
    /// The site's titles and settings; `extra_css` when the site has a style sheet of its own.
    pub(crate) fn new(config: &'a SiteConfig, extra_css: bool) -> Self {
        SiteView {
            title: &config.title,
            title_en: &config.title_en,
            search: config.search,
            extra_css,
        }
    }
}

/// The first `max` characters of `text`, cut at a word boundary, with an ellipsis if cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_show_the_abstracts_first_sentence() {
        assert_eq!(
            first_sentence("الجملة الأولى. والثانية بعدها.", Lang::Ar),
            "الجملة الأولى."
        );
        assert_eq!(
            first_sentence("Dr. Smith wrote it. Then more.", Lang::En),
            "Dr. Smith wrote it."
        );
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three", 9), "one two…");
        assert_eq!(excerpt("كلمة أخرى ثالثة", 10), "كلمة أخرى…");
    }

    fn entry(id: &str, level: u8) -> TocEntry<'_> {
        TocEntry {
            id,
            level,
            text: id,
            text_en: None,
            children: Vec::new(),
        }
    }

    fn shape(entries: &[TocEntry]) -> String {
        entries
            .iter()
            .map(|e| {
                if e.children.is_empty() {
                    e.id.to_string()
                } else {
                    format!("{}({})", e.id, shape(&e.children))
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn headings_nest_by_level() {
        let flat = vec![
            entry("a", 2),
            entry("a1", 3),
            entry("a1x", 4),
            entry("a2", 3),
            entry("b", 2),
            entry("b1", 4),
            entry("c", 2),
        ];
        assert_eq!(shape(&toc_tree(flat)), "a(a1(a1x) a2) b(b1) c");
        // A document that starts deeper than it continues keeps every heading.
        let flat = vec![entry("x", 3), entry("y", 2), entry("z", 3)];
        assert_eq!(shape(&toc_tree(flat)), "x y(z)");
    }
}

/// A page at an old address (`pipeline/old_addresses.rs`): a renamed paper's, with where it is
/// now and its titles (`moved.html`), or a withdrawn paper's, with why (`withdrawn.html`).
#[derive(Debug, Serialize)]
pub(crate) struct OldAddressView<'a> {
    /// The paper's address, relative to this page (a renamed paper).
    pub(crate) href: Option<String>,
    /// `href` as a JavaScript string literal, for the script that sends readers on (a slug
    /// has only `a-z`, `0-9` and `-`, so nothing in it can end the script).
    pub(crate) href_js: Option<String>,
    /// The paper's title (a renamed paper).
    pub(crate) title: Option<&'a str>,
    /// The paper's English title (a renamed paper).
    pub(crate) title_en: Option<&'a str>,
    /// Why it was withdrawn, `reason.ar` and `reason.en` (a withdrawn paper).
    pub(crate) reason: Option<&'a crate::content::schema::Withdrawal>,
}
