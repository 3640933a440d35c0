//! How to cite a document or one of its sections: formatted citations, BibTeX and RIS.
//!
//! Pure formatting over a document's validated metadata; no IO, no Tera. Two formatted
//! citations are made, one in Arabic (Arabic names, title, place, publisher and date as the
//! source writes them) and one in romanised English (romanised names where the front matter
//! gives them, the English title marked `[in Arabic]`). Both end with the URL, with the
//! section's fragment for a section citation. Missing data is never invented: no author means
//! the citation starts with the title, no date is written `د.ت.` / `n.d.`, a title the editor
//! supplied is put in square brackets.

pub(crate) mod bibtex;
pub(crate) mod ris;

use crate::content::schema::{Date, Meta, Origin};
use crate::lang::Lang;

/// What a citation needs to know about a document.
#[derive(Debug, Clone)]
pub(crate) struct Work<'a> {
    /// URL segment, also the BibTeX key.
    pub(crate) slug: &'a str,
    /// Language the document is written in.
    pub(crate) lang: Lang,
    pub(crate) title: &'a str,
    pub(crate) title_en: &'a str,
    /// The editor supplied the title (the source has none).
    pub(crate) title_supplied: bool,
    /// Each author as written, with the romanised form if given.
    pub(crate) authors: Vec<(&'a str, Option<&'a str>)>,
    pub(crate) date: Date,
    /// The date for Arabic readers (the source's wording when given).
    pub(crate) date_ar: Option<String>,
    /// The date for English readers.
    pub(crate) date_en: Option<String>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) publisher_en: Option<&'a str>,
    pub(crate) place: Option<&'a str>,
    pub(crate) place_en: Option<&'a str>,
}

impl<'a> Work<'a> {
    /// The citable facts of a document.
    pub(crate) fn new(meta: &'a Meta) -> Self {
        Work {
            slug: meta.slug.as_str(),
            lang: meta.lang,
            title: &meta.title,
            title_en: &meta.title_en,
            title_supplied: meta.title_origin == Origin::Editor,
            authors: meta
                .authors
                .iter()
                .map(|a| (a.name.as_str(), a.name_en.as_deref()))
                .collect(),
            date: meta.date,
            date_ar: display_date(meta, Lang::Ar),
            date_en: display_date(meta, Lang::En),
            publisher: meta.publisher.as_deref(),
            publisher_en: meta.publisher_en.as_deref(),
            place: meta.place.as_deref(),
            place_en: meta.place_en.as_deref(),
        }
    }

    /// Author names for English readers: romanised where given, else as written.
    pub(crate) fn names_en(&self) -> Vec<&'a str> {
        self.authors
            .iter()
            .map(|(ar, en)| en.unwrap_or(ar))
            .collect()
    }
}

/// The section a citation points into.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Locator<'a> {
    /// The heading as the document writes it.
    pub(crate) title: &'a str,
    /// Its English title from `sections:`, if any.
    pub(crate) title_en: Option<&'a str>,
}

/// A formatted citation: the text up to the URL, then the URL (a full stop follows it).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Citation {
    /// Everything before the URL, ending with the separator.
    pub(crate) lead: String,
    /// The URL, with the section's fragment.
    pub(crate) url: String,
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}.", self.lead, self.url)
    }
}

/// The citation in Arabic, ending with `url` and a full stop.
pub(crate) fn arabic(work: &Work, section: Option<&Locator>, url: &str) -> Citation {
    Citation::of(Lang::Ar, arabic_lead(work), section, url)
}

/// The citation in romanised English, ending with `url` and a full stop.
pub(crate) fn english(work: &Work, section: Option<&Locator>, url: &str) -> Citation {
    Citation::of(Lang::En, english_lead(work), section, url)
}

impl Citation {
    /// The citation in `lang` whose whole document's lead is `lead`, of `section` if given.
    fn of(lang: Lang, lead: String, section: Option<&Locator>, url: &str) -> Citation {
        match section {
            Some(section) => Citation {
                lead,
                url: String::new(),
            }
            .in_section(lang, section, url),
            None => Citation {
                lead,
                url: url.to_string(),
            },
        }
    }

    /// The citation of a section of the document this citation (in `lang`) cites: its lead
    /// with the section named after the date, and `url`.
    pub(crate) fn in_section(&self, lang: Lang, section: &Locator, url: &str) -> Citation {
        let (open, title, close) = match lang {
            Lang::Ar => ("القسم «", section.title, "»، "),
            Lang::En => (
                "section “",
                section.title_en.unwrap_or(section.title),
                "”, ",
            ),
        };
        let mut lead = String::with_capacity(self.lead.len() + open.len() + title.len() + 8);
        lead.push_str(&self.lead);
        lead.push_str(open);
        lead.push_str(title);
        lead.push_str(close);
        Citation {
            lead,
            url: url.to_string(),
        }
    }
}

/// Everything of the Arabic citation of the whole document before its URL.
fn arabic_lead(work: &Work) -> String {
    let mut parts: Vec<String> = Vec::new();
    let names: Vec<&str> = work.authors.iter().map(|(name, _)| *name).collect();
    if !names.is_empty() {
        parts.push(join_names(&names, "، ", " و"));
    }
    parts.push(if work.title_supplied {
        format!("[{}]", work.title)
    } else {
        format!("«{}»", work.title)
    });
    if let Some(imprint) = imprint(work.place, work.publisher) {
        parts.push(imprint);
    }
    parts.push(work.date_ar.clone().unwrap_or_else(|| "د.ت.".to_string()));
    format!("{}، ", parts.join("، "))
}

/// Everything of the English citation of the whole document before its URL.
fn english_lead(work: &Work) -> String {
    let mut parts: Vec<String> = Vec::new();
    let names = work.names_en();
    if !names.is_empty() {
        parts.push(join_names(&names, ", ", " and "));
    }
    let title = match work.lang {
        Lang::En => work.title,
        Lang::Ar => work.title_en,
    };
    let mut title = if work.title_supplied {
        format!("[{title}]")
    } else {
        format!("“{title}”")
    };
    if work.lang == Lang::Ar {
        title.push_str(" [in Arabic]");
    }
    parts.push(title);
    let place = work.place_en.or(work.place);
    let publisher = work.publisher_en.or(work.publisher);
    if let Some(imprint) = imprint(place, publisher) {
        parts.push(imprint);
    }
    parts.push(work.date_en.clone().unwrap_or_else(|| "n.d.".to_string()));
    format!("{}, ", parts.join(", "))
}

/// `Place: Publisher`, or whichever of the two is known.
fn imprint(place: Option<&str>, publisher: Option<&str>) -> Option<String> {
    match (place, publisher) {
        (Some(place), Some(publisher)) => Some(format!("{place}: {publisher}")),
        (Some(one), None) | (None, Some(one)) => Some(one.to_string()),
        (None, None) => None,
    }
}

/// `A`, `A and B`, `A, B and C` (with the separators of the language).
fn join_names(names: &[&str], comma: &str, and: &str) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{}{and}{last}", init.join(comma)),
    }
}

/// The text of a value for a one-line field: whitespace runs (line breaks too) become one
/// space, other control characters are dropped.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// The date as shown to readers of `lang`; the source's own wording wins in Arabic.
pub(crate) fn display_date(meta: &Meta, lang: Lang) -> Option<String> {
    match meta.date {
        Date::NotStated => None,
        Date::Known { year, month, day } => match (lang, &meta.date_text) {
            (Lang::Ar, Some(text)) => Some(text.clone()),
            _ => Some(crate::i18n::strings(lang).date(year, month, day)),
        },
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A document with every field, like the seed paper 003.
    pub(crate) fn full() -> Work<'static> {
        Work {
            slug: "azerbaijan-turkey-israel",
            lang: Lang::Ar,
            title: "دور أذربيجان في التقارب التركي - الإسرائيلي المحتمل",
            title_en: "Azerbaijan's Role in a Possible Turkish–Israeli Rapprochement",
            title_supplied: false,
            authors: vec![("د. سعيد وليد الحاج", Some("Said Walid al-Hajj"))],
            date: Date::Known {
                year: 2022,
                month: Some(2),
                day: None,
            },
            date_ar: Some("شباط/ فبراير 2022".into()),
            date_en: Some("February 2022".into()),
            publisher: Some("مركز الزيتونة للدراسات والاستشارات"),
            publisher_en: Some("Al-Zaytouna Centre for Studies and Consultations"),
            place: Some("بيروت"),
            place_en: Some("Beirut"),
        }
    }

    /// A document with nothing but a supplied title.
    pub(crate) fn bare() -> Work<'static> {
        Work {
            slug: "untitled",
            lang: Lang::Ar,
            title: "حرب قره باغ",
            title_en: "The Karabakh War",
            title_supplied: true,
            authors: Vec::new(),
            date: Date::NotStated,
            date_ar: None,
            date_en: None,
            publisher: None,
            publisher_en: None,
            place: None,
            place_en: None,
        }
    }

    const INTRO: Locator = Locator {
        title: "مقدمة",
        title_en: Some("Introduction"),
    };

    #[test]
    fn full_citations_in_both_languages() {
        let url = "https://example.org/azerbaijan-turkey-israel/#introduction";
        assert_eq!(
            arabic(&full(), Some(&INTRO), url).to_string(),
            "د. سعيد وليد الحاج، «دور أذربيجان في التقارب التركي - الإسرائيلي المحتمل»، بيروت: مركز الزيتونة للدراسات والاستشارات، شباط/ فبراير 2022، القسم «مقدمة»، https://example.org/azerbaijan-turkey-israel/#introduction."
        );
        assert_eq!(
            english(&full(), Some(&INTRO), url).to_string(),
            "Said Walid al-Hajj, “Azerbaijan's Role in a Possible Turkish–Israeli Rapprochement” [in Arabic], Beirut: Al-Zaytouna Centre for Studies and Consultations, February 2022, section “Introduction”, https://example.org/azerbaijan-turkey-israel/#introduction."
        );
    }

    #[test]
    fn missing_data_is_marked_not_invented() {
        let url = "untitled/";
        assert_eq!(
            arabic(&bare(), None, url).to_string(),
            "[حرب قره باغ]، د.ت.، untitled/."
        );
        assert_eq!(
            english(&bare(), None, url).to_string(),
            "[The Karabakh War] [in Arabic], n.d., untitled/."
        );
    }

    #[test]
    fn several_authors_and_fallbacks() {
        let mut work = full();
        work.authors = vec![("أ", Some("A")), ("ب", None), ("ج", Some("C"))];
        work.publisher_en = None;
        let section = Locator {
            title: "أولاً",
            title_en: None,
        };
        let en = english(&work, Some(&section), "u").to_string();
        assert!(
            en.starts_with("A, ب and C, “Azerbaijan"),
            "romanised names where given: {en}"
        );
        assert!(
            en.contains("Beirut: مركز الزيتونة"),
            "publisher as written when no English form: {en}"
        );
        assert!(
            en.contains("section “أولاً”"),
            "heading as written when no English title: {en}"
        );
        assert!(
            arabic(&work, None, "u")
                .to_string()
                .starts_with("أ، ب وج، «")
        );
    }

    #[test]
    fn one_line_values() {
        assert_eq!(one_line("  a\r\nb\t\tc \u{0}d\u{7}e "), "a b c de");
        assert_eq!(one_line(""), "");
    }
}
