//! Validated front matter: the types the rest of Warraq relies on, built from the raw structs.
//!
//! Every check reports at the position of the field it is about, and all problems of a file
//! are reported together. Nothing here reads files.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::archive::{Placed, SeriesRef, Term};
use super::front_matter::FrontMatter;
use super::raw::{
    RawBilingual, RawDocument, RawEditorialNote, RawRemoval, RawRepair, RawSeries, RawSite,
    RawSource,
};
use super::yaml_path::Seg::{self, Index, Key};
use super::yaml_path::path_name;
use crate::diagnostics::FileDiagnostics;
use crate::lang::Lang;

/// A document's URL segment: lowercase ASCII letters, digits and single inner hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub(crate) struct Slug(String);

/// Slugs that would collide with the site's own folders.
const RESERVED_SLUGS: [&str; 7] = [
    "en", "assets", "search", "topics", "series", "authors", "page",
];

impl Slug {
    /// Checks the slug rules; the error says which rule is broken.
    pub(crate) fn parse(text: &str) -> Result<Slug, String> {
        check_segment(text, "slug")?;
        if RESERVED_SLUGS.contains(&text) {
            return Err(format!("`{text}` is reserved for the site's own pages"));
        }
        Ok(Slug(text.to_string()))
    }

    /// The slug text.
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }
}

/// The rules of a URL segment (slugs, and the ids of topics, series and authors), for the
/// `what` it is; the error says which rule is broken.
pub(crate) fn check_segment(text: &str, what: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err(format!("the {what} is empty"));
    }
    if text.len() > 80 {
        return Err(format!(
            "the {what} is {} characters long; 80 is the most",
            text.len()
        ));
    }
    if let Some(c) = text
        .chars()
        .find(|c| !matches!(c, 'a'..='z' | '0'..='9' | '-'))
    {
        return Err(format!(
            "the {what} contains {c:?} (U+{:04X}); only a-z, 0-9 and - are allowed",
            c as u32
        ));
    }
    if text.starts_with('-') || text.ends_with('-') || text.contains("--") {
        return Err(format!(
            "a {what} cannot start or end with `-` or contain `--`"
        ));
    }
    Ok(())
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Who a title comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Origin {
    /// The source document.
    Source,
    /// The editor's translation of the source's title.
    Translation,
    /// The editor, because the source has none.
    Editor,
}

/// A publication date, as precise as the source states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(crate) enum Date {
    /// The source gives no date.
    NotStated,
    /// A year, optionally with month and day.
    Known {
        /// Four-digit year.
        year: u16,
        /// 1–12.
        month: Option<u8>,
        /// 1–31.
        day: Option<u8>,
    },
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `not stated`.
    pub(crate) fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        if matches!(text, "not stated" | "not-stated") {
            return Ok(Date::NotStated);
        }
        let bad =
            || format!("`{text}` is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or `not stated`");
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, len: usize| {
            (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let year = parts.first().and_then(|y| number(y, 4)).ok_or_else(bad)?;
        let month = parts
            .get(1)
            .map(|m| {
                number(m, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(bad)
            })
            .transpose()?;
        let day = parts
            .get(2)
            .map(|d| {
                number(d, 2)
                    .filter(|d| (1..=31).contains(d))
                    .ok_or_else(bad)
            })
            .transpose()?;
        if parts.len() > 3 {
            return Err(bad());
        }
        Ok(Date::Known {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }

    /// ISO 8601 form (`2022-02`), or `None` when not stated.
    pub(crate) fn iso(&self) -> Option<String> {
        match *self {
            Date::NotStated => None,
            Date::Known {
                year, month: None, ..
            } => Some(format!("{year:04}")),
            Date::Known {
                year,
                month: Some(m),
                day: None,
            } => Some(format!("{year:04}-{m:02}")),
            Date::Known {
                year,
                month: Some(m),
                day: Some(d),
            } => Some(format!("{year:04}-{m:02}-{d:02}")),
        }
    }
}

/// One author of a document.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Author {
    /// The author page's id (`authors/<id>/`): as written, or made from `name_en`.
    pub(crate) id: Placed,
    /// The name as the source writes it.
    pub(crate) name: String,
    /// A romanised form for English readers and citations.
    pub(crate) name_en: Option<String>,
    /// Label of a footnote attached to the byline.
    pub(crate) note: Option<String>,
}

/// One editorial note, in Arabic, English or both (never neither).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct EditorialNote {
    pub(crate) ar: Option<String>,
    pub(crate) en: Option<String>,
}

impl EditorialNote {
    /// The note as written: a plain string is English. `None` when it says nothing.
    fn of(raw: RawEditorialNote) -> Option<EditorialNote> {
        let (ar, en) = match raw {
            RawEditorialNote::English(en) => (None, Some(en)),
            RawEditorialNote::Both(both) => (both.ar, both.en),
        };
        let (ar, en) = (Checker::optional(ar), Checker::optional(en));
        (ar.is_some() || en.is_some()).then_some(EditorialNote { ar, en })
    }
}

/// The two abstracts of a document; either may be absent.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Abstract {
    /// Arabic abstract.
    pub(crate) ar: Option<String>,
    /// English abstract.
    pub(crate) en: Option<String>,
}

/// Source material deliberately left out of the published text (`source.removed`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Removal {
    /// First source line, 1-based.
    pub(crate) first_line: usize,
    /// Last source line, inclusive.
    pub(crate) last_line: usize,
    /// With a text, only that text is removed (once from each line of the range it is on, and
    /// it must be on at least one); without, the whole lines are.
    pub(crate) text: Option<String>,
    /// Why it was left out.
    pub(crate) reason: String,
}

/// An extraction error the editor repaired (`source.repairs`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct Repair {
    /// Source line, 1-based.
    pub(crate) line: usize,
    /// The text as extracted, on that line (tatweel, harakat and the width of spaces need
    /// not match).
    pub(crate) from: String,
    /// The text as published.
    pub(crate) to: String,
    /// What was wrong, for readers, in Arabic, English or both.
    pub(crate) note: EditorialNote,
}

/// The raw text a document was converted from.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Provenance {
    /// Path relative to `content/`.
    pub(crate) file: String,
    /// Material left out.
    pub(crate) removed: Vec<Removal>,
    /// Extraction errors repaired.
    pub(crate) repairs: Vec<Repair>,
}

/// A slug a document was published under before (`former_slugs:`), with where it is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FormerSlug {
    pub(crate) slug: Slug,
    /// Line and column of the entry, for the errors only the whole site can find.
    #[serde(skip)]
    pub(crate) at: (usize, usize),
}

/// A paper taken down (`withdrawn:` in `content/_index.md`): why, in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Withdrawal {
    pub(crate) ar: String,
    pub(crate) en: String,
    /// Line and column of its key, for the errors only the whole site can find.
    #[serde(skip)]
    pub(crate) at: (usize, usize),
}

/// A document's validated front matter.
#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub(crate) slug: Slug,
    pub(crate) lang: Lang,
    pub(crate) title: String,
    pub(crate) title_en: String,
    pub(crate) title_origin: Origin,
    pub(crate) title_en_origin: Origin,
    pub(crate) authors: Vec<Author>,
    pub(crate) date: Date,
    pub(crate) date_text: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) publisher_en: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) place_en: Option<String>,
    #[serde(rename = "abstract")]
    pub(crate) abstract_: Option<Abstract>,
    /// English titles of headings, by heading id.
    pub(crate) sections: BTreeMap<String, String>,
    /// Ids of earlier releases that must keep working, old id → the id that replaces it.
    pub(crate) aliases: BTreeMap<String, String>,
    /// Slugs of earlier releases, each now a page sending readers to this one.
    pub(crate) former_slugs: Vec<FormerSlug>,
    /// What the editor repaired or supplied, in Arabic, English or both.
    pub(crate) editorial_notes: Vec<EditorialNote>,
    /// Front matter fields the editor supplied (`editor_supplied:`), each one of
    /// [`EDITOR_FIELDS`]: `verify` leaves them out of the text it compares with the source.
    #[serde(skip)]
    pub(crate) editor_supplied: Vec<String>,
    pub(crate) source: Option<Provenance>,
    /// The editor's pinned abstract alignment, checked against the sentences when rendering.
    #[serde(skip)]
    pub(crate) alignment: Option<crate::align::Pin>,
    pub(crate) draft: bool,
    /// Ids of the site's topics it is filed under, in the order written.
    pub(crate) topics: Vec<Placed>,
    /// Its series and number there.
    pub(crate) series: Option<SeriesRef>,
    /// Its PDF, a path under `content/`.
    pub(crate) pdf: Option<Placed>,
}

/// The front matter fields `editor_supplied:` may name: those `verify` would otherwise
/// compare with the source (the English ones are named too, for an editor who lists every
/// field they wrote).
pub(crate) const EDITOR_FIELDS: [&str; 9] = [
    "title",
    "title_en",
    "date_text",
    "publisher",
    "publisher_en",
    "place",
    "place_en",
    "abstract.ar",
    "abstract.en",
];

/// Site-wide settings from `content/_index.md`.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    pub(crate) title: String,
    pub(crate) title_en: String,
    /// Absolute URL of the site root, ending in `/`; only canonical links, sitemap and feed use it.
    pub(crate) base_url: Option<String>,
    pub(crate) default_language: Lang,
    pub(crate) description: Option<String>,
    pub(crate) description_en: Option<String>,
    /// Arabic terms and their English equivalents, evidence for the abstract aligner.
    pub glossary: Vec<(String, String)>,
    /// Let raw HTML in Markdown through instead of showing it as text (off by default).
    pub allow_raw_html: bool,
    /// Build the site search (`search/`, `en/search/` and `search/index.json` with its
    /// shards): on by default, off with `search: false`.
    pub search: bool,
    /// Custom domain for GitHub Pages (`site/CNAME`), lowercase.
    pub(crate) cname: Option<String>,
    /// The topics documents may be filed under, by id.
    pub(crate) topics: BTreeMap<String, Term>,
    /// The series documents may belong to, by id.
    pub(crate) series: BTreeMap<String, Term>,
    /// Papers taken down, by their slug; each address keeps a page saying why.
    pub(crate) withdrawn: BTreeMap<Slug, Withdrawal>,
}

/// Checks one file's fields, reporting at each field's position.
struct Checker<'a, 'd> {
    fm: FrontMatter<'a>,
    diags: &'d mut FileDiagnostics<'a>,
}

impl Checker<'_, '_> {
    /// `value` with the line and column of the field at `path`.
    fn placed(&mut self, path: &[Seg], value: String) -> Placed {
        let at = self.diags.position(self.fm.value_offset(path));
        Placed { value, at }
    }

    /// An id (`what`) that is a URL segment, placed; `None` after an error.
    fn id(&mut self, path: &[Seg], id: &str, what: &str) -> Option<Placed> {
        match check_segment(id, what) {
            Ok(()) => Some(self.placed(path, id.to_string())),
            Err(e) => {
                self.error(
                    path,
                    e,
                    "ids are used in addresses: lowercase ASCII letters, digits and hyphens",
                );
                None
            }
        }
    }

    fn error(&mut self, path: &[Seg], message: impl Into<String>, hint: impl Into<String>) {
        let offset = self.fm.value_offset(path);
        let field = path_name(path);
        self.diags
            .error(offset, message)
            .set_field(field)
            .set_hint(hint.into());
    }

    /// Like `error`, at the key rather than its value (for mappings keyed by ids).
    fn error_at_key(&mut self, path: &[Seg], message: impl Into<String>, hint: &str) {
        let offset = self.fm.key_offset(path);
        let field = path_name(path);
        self.diags
            .error(offset, message)
            .set_field(field)
            .set_hint(hint.to_string());
    }

    /// A required, non-empty text field (text of invisible marks alone counts as empty).
    fn required(&mut self, path: &[Seg], value: Option<String>, hint: &str) -> Option<String> {
        match value.map(|v| v.trim().to_string()) {
            Some(v) if !blank(&v) => Some(v),
            Some(_) => {
                self.error(path, "must not be empty", hint);
                None
            }
            None => {
                let offset = self.fm.offset;
                let field = path_name(path);
                self.diags
                    .error(offset, format!("the required field `{field}` is missing"))
                    .set_field(field)
                    .set_hint(hint.to_string());
                None
            }
        }
    }

    /// An optional text field: absent and empty mean the same.
    fn optional(value: Option<String>) -> Option<String> {
        value.map(|v| v.trim().to_string()).filter(|v| !blank(v))
    }

    fn origin(
        &mut self,
        path: &[Seg],
        value: Option<&str>,
        default: Origin,
        allowed: &[Origin],
    ) -> Origin {
        let Some(value) = value else { return default };
        let names: Vec<String> = allowed
            .iter()
            .map(|o| format!("`{}`", origin_name(*o)))
            .collect();
        let hint = format!("use {}", names.join(" or "));
        let parsed = [Origin::Source, Origin::Translation, Origin::Editor]
            .into_iter()
            .find(|o| origin_name(*o) == value);
        match parsed {
            None => self.error(path, format!("`{value}` is not a title origin"), hint),
            Some(origin) if !allowed.contains(&origin) => {
                self.error(path, format!("`{value}` is not allowed here"), hint)
            }
            Some(origin) => return origin,
        }
        parsed.unwrap_or(default)
    }

    /// The slug of a document without `slug:`: its file name, when that is a valid slug
    /// (`content/my-paper.md` is `my-paper`); an error at the file's start otherwise.
    fn slug_from_file_name(&mut self, stem: &str) -> Option<Slug> {
        Slug::parse(stem)
            .map_err(|e| {
                self.diags
                    .error(0, format!("the document has no `slug` and its file name `{stem}` is not one: {e}"))
                    .set_field("slug")
                    .set_hint("add `slug: …` to the front matter, or rename the file to a slug such as `my-paper.md`".to_string());
            })
            .ok()
    }

    fn lang(&mut self, path: &[Seg], value: Option<&str>, default: Lang) -> Lang {
        match value {
            None => default,
            Some(code) => Lang::from_code(code).unwrap_or_else(|| {
                self.error(
                    path,
                    format!("`{code}` is not a site language"),
                    "use `ar` or `en`",
                );
                default
            }),
        }
    }
}

/// True for text an editor would see as empty: spaces and invisible marks only.
fn blank(text: &str) -> bool {
    text.chars()
        .all(|c| c.is_whitespace() || crate::chars::is_invisible(c))
}

/// An id as URLs carry it: lowercase ASCII letters, digits and `-`, not starting with `-`.
fn check_id_shape(id: &str) -> Result<(), String> {
    let ok = id
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "`{id}` is not an id: ids are lowercase ASCII letters, digits and `-`"
        ))
    }
}

/// A domain name GitHub Pages can serve: `papers.example.org`, nothing else.
pub(crate) fn check_domain(domain: &str) -> Result<(), String> {
    if domain.contains("://") || domain.contains('/') || domain.contains(':') {
        return Err(format!(
            "`{domain}` is not a bare domain: leave out the scheme, port and path"
        ));
    }
    if domain.len() > 253 {
        return Err(format!("`{domain}` is longer than 253 characters"));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(format!(
            "`{domain}` is not a domain name: it needs at least two labels, like `example.org`"
        ));
    }
    for label in &labels {
        let valid = !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid {
            return Err(format!(
                "`{domain}` is not a domain name: `{label}` must be 1–63 lowercase ASCII letters, digits or inner `-`"
            ));
        }
    }
    if labels
        .last()
        .is_some_and(|tld| tld.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(format!(
            "`{domain}` looks like an IP address; GitHub Pages needs a domain name"
        ));
    }
    Ok(())
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Source => "source",
        Origin::Translation => "translation",
        Origin::Editor => "editor",
    }
}

/// Validates the site settings of `content/_index.md`.
pub(crate) fn site<'a>(
    raw: RawSite,
    fm: FrontMatter<'a>,
    diags: &mut FileDiagnostics<'a>,
) -> Option<SiteConfig> {
    let before = diags.list.len();
    let mut c = Checker { fm, diags };
    let title = c.required(
        &[Key("title")],
        raw.title,
        "give the site's Arabic title, e.g. `title: وراق`",
    );
    let title_en = c.required(
        &[Key("title_en")],
        raw.title_en,
        "give the site's English title, e.g. `title_en: Warraq`",
    );
    let default_language = c.lang(
        &[Key("default_language")],
        raw.default_language.as_deref(),
        Lang::Ar,
    );
    let base_url = Checker::optional(raw.base_url).map(|url| {
        if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        }
    });
    if let Some(url) = &base_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        c.error(
            &[Key("base_url")],
            format!("`{url}` is not an absolute http(s) URL"),
            "write it like `https://user.github.io/repo/`",
        );
    }
    let cname = Checker::optional(raw.cname).and_then(|domain| match check_domain(&domain) {
        Ok(()) => Some(domain),
        Err(e) => {
            c.error(
                &[Key("cname")],
                e,
                "write the bare domain GitHub Pages should serve, e.g. `cname: papers.example.org`",
            );
            None
        }
    });
    let topics = terms(&mut c, "topics", raw.topics);
    let series = terms(&mut c, "series", raw.series);
    let withdrawn = withdrawals(&mut c, raw.withdrawn);
    if c.diags.list.len() > before {
        return None;
    }
    Some(SiteConfig {
        topics,
        series,
        cname,
        withdrawn,
        title: title?,
        title_en: title_en?,
        base_url,
        default_language,
        description: Checker::optional(raw.description),
        description_en: Checker::optional(raw.description_en),
        glossary: raw.glossary.into_iter().collect(),
        allow_raw_html: raw.allow_raw_html,
        search: raw.search.unwrap_or(true),
    })
}

/// Validates a document's front matter; `None` when any field is in error (all are reported).
pub(crate) fn document<'a>(
    raw: RawDocument,
    fm: FrontMatter<'a>,
    file_stem: &str,
    default_lang: Lang,
    diags: &mut FileDiagnostics<'a>,
) -> Option<Meta> {
    let before = diags.list.len();
    let mut c = Checker { fm, diags };
    let slug = match raw.slug {
        Some(text) => c
            .required(&[Key("slug")], Some(text), "give the document's URL segment, e.g. `slug: karabakh-2020`")
            .and_then(|text| {
                Slug::parse(&text)
                    .map_err(|e| c.error(&[Key("slug")], e, "use lowercase ASCII letters, digits and hyphens, e.g. `turkey-karabakh-2020`"))
                    .ok()
            }),
        None => c.slug_from_file_name(file_stem),
    };
    let lang = c.lang(&[Key("lang")], raw.lang.as_deref(), default_lang);
    let title = c.required(
        &[Key("title")],
        raw.title,
        "give the title; if the source has none, supply one and set `title_origin: editor`",
    );
    let title_en = c.required(
        &[Key("title_en")],
        raw.title_en,
        "give an English title so English readers can find the document",
    );
    let title_origin = c.origin(
        &[Key("title_origin")],
        raw.title_origin.as_deref(),
        Origin::Source,
        &[Origin::Source, Origin::Editor],
    );
    // A publisher's own English title is the source's; a translation is marked as one.
    let default_en = if title_origin == Origin::Editor {
        Origin::Editor
    } else {
        Origin::Source
    };
    let title_en_origin = c.origin(
        &[Key("title_en_origin")],
        raw.title_en_origin.as_deref(),
        default_en,
        &[Origin::Source, Origin::Translation, Origin::Editor],
    );
    let date = match raw.date {
        None => {
            c.required(
                &[Key("date")],
                None,
                "give the date as YYYY, YYYY-MM or YYYY-MM-DD, or write `date: not stated`",
            );
            None
        }
        Some(text) => Date::parse(&text)
            .map_err(|e| {
                c.error(
                    &[Key("date")],
                    e,
                    "e.g. `date: 2022-02`, or `date: not stated` when the source gives none",
                )
            })
            .ok(),
    };
    let mut authors = Vec::new();
    for (i, author) in raw.authors.into_iter().enumerate() {
        let path = [Key("authors"), Index(i), Key("name")];
        let name = c.required(&path, author.name, "each author needs a `name`");
        let name_en = Checker::optional(author.name_en);
        // A name in Latin letters (an English paper's author) is its own romanised form.
        let latin = name
            .as_deref()
            .filter(|name| !name.chars().any(crate::chars::is_arabic_letter));
        let id = author_id(&mut c, i, author.id, name_en.as_deref().or(latin));
        if let (Some(name), Some(id)) = (name, id) {
            authors.push(Author {
                id,
                name,
                name_en,
                note: Checker::optional(author.note),
            });
        }
    }
    let topics = raw
        .topics
        .into_iter()
        .enumerate()
        .filter_map(|(i, id)| c.id(&[Key("topics"), Index(i)], id.trim(), "topic id"))
        .collect();
    let series = raw.series.and_then(|s| series(&mut c, s));
    let pdf = raw.pdf.and_then(|file| {
        let path = [Key("pdf")];
        let file = c.required(
            &path,
            Some(file),
            "name the PDF, relative to content/, e.g. `_sources/paper.pdf`",
        )?;
        if file.starts_with('/') || file.split(['/', '\\']).any(|part| part == "..") {
            c.error(
                &path,
                format!("`{file}` leaves the content folder"),
                "give a path inside content/, e.g. `_sources/paper.pdf`",
            );
            return None;
        }
        Some(c.placed(&path, file))
    });
    let abstract_ = raw
        .abstract_
        .map(|a| Abstract {
            ar: Checker::optional(a.ar),
            en: Checker::optional(a.en),
        })
        .filter(|a| a.ar.is_some() || a.en.is_some());
    let source = raw.source.and_then(|s| source(&mut c, s));
    let mut sections = BTreeMap::new();
    for (id, title) in raw.sections {
        match Checker::optional(Some(title)) {
            Some(title) => {
                sections.insert(id, title);
            }
            None => c.error(
                &[Key("sections"), Key(&id)],
                "the English section title is empty",
                "write the heading's English title",
            ),
        }
    }
    let mut aliases = BTreeMap::new();
    for (old, new) in raw.aliases {
        let path = [Key("aliases"), Key(&old)];
        if let Err(e) = check_id_shape(&old) {
            c.error_at_key(
                &path,
                e,
                "write the id exactly as it appeared after `#` in the old URL",
            );
        } else if let Err(e) = check_id_shape(new.trim()) {
            c.error(
                &path,
                e,
                "write the id of the heading or paragraph that replaces it",
            );
        } else if old == new.trim() {
            c.error(
                &path,
                format!("`{old}` is an alias of itself"),
                "an alias maps an id that is gone to the id that replaces it",
            );
        } else {
            aliases.insert(old, new.trim().to_string());
        }
    }
    let former_slugs = former_slugs(&mut c, raw.former_slugs, slug.as_ref());
    let mut editorial_notes = Vec::with_capacity(raw.editorial_notes.len());
    for (i, note) in raw.editorial_notes.into_iter().enumerate() {
        let Some(note) = EditorialNote::of(note) else {
            c.error(
                &[Key("editorial_notes"), Seg::Index(i)],
                "this editorial note is empty",
                "write the note as `{ar: …, en: …}` (either may be left out), or remove it",
            );
            continue;
        };
        editorial_notes.push(note);
    }
    let mut editor_supplied = Vec::with_capacity(raw.editor_supplied.len());
    for (i, name) in raw.editor_supplied.into_iter().enumerate() {
        if EDITOR_FIELDS.contains(&name.as_str()) {
            editor_supplied.push(name);
            continue;
        }
        let hint = match crate::diagnostics::closest(&name, EDITOR_FIELDS) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the fields it may name: {}", EDITOR_FIELDS.join(", ")),
        };
        c.error(
            &[Key("editor_supplied"), Seg::Index(i)],
            format!("`{name}` is not a field `verify` compares with the source"),
            hint,
        );
    }
    if c.diags.list.len() > before {
        return None;
    }
    Some(Meta {
        slug: slug?,
        lang,
        title: title?,
        title_en: title_en?,
        title_origin,
        title_en_origin,
        authors,
        date: date?,
        date_text: Checker::optional(raw.date_text),
        publisher: Checker::optional(raw.publisher),
        publisher_en: Checker::optional(raw.publisher_en),
        place: Checker::optional(raw.place),
        place_en: Checker::optional(raw.place_en),
        abstract_,
        sections,
        aliases,
        former_slugs,
        editorial_notes,
        editor_supplied,
        source,
        alignment: raw.alignment,
        draft: raw.draft,
        topics,
        series,
        pdf,
    })
}

/// The topics or series (`what`) of the site settings: each id a URL segment, each with a
/// name in both languages.
fn terms(
    c: &mut Checker,
    what: &str,
    raw: BTreeMap<String, RawBilingual>,
) -> BTreeMap<String, Term> {
    let mut terms = BTreeMap::new();
    for (id, names) in raw {
        let path = [Key(what), Key(&id)];
        if let Err(e) = check_segment(&id, "id") {
            c.error_at_key(&path, e, "ids are used in addresses: lowercase ASCII letters, digits and hyphens, e.g. `karabakh`");
            continue;
        }
        let hint = format!("give both names, e.g. `{id}: {{ar: قره باغ, en: Karabakh}}`");
        let ar = c.required(&[Key(what), Key(&id), Key("ar")], names.ar, &hint);
        let en = c.required(&[Key(what), Key(&id), Key("en")], names.en, &hint);
        if let (Some(ar), Some(en)) = (ar, en) {
            let at = c.diags.position(c.fm.key_offset(&path));
            terms.insert(id, Term { ar, en, at });
        }
    }
    terms
}

/// An author's id: as written (checked), or made from the romanised name; an error asking
/// for one when there is neither.
fn author_id(
    c: &mut Checker,
    i: usize,
    written: Option<String>,
    name_en: Option<&str>,
) -> Option<Placed> {
    if let Some(id) = written {
        return c.id(
            &[Key("authors"), Index(i), Key("id")],
            id.trim(),
            "author id",
        );
    }
    let path = [Key("authors"), Index(i), Key("name")];
    match name_en.and_then(super::archive::author_id) {
        Some(id) => Some(c.placed(&path, id)),
        None => {
            c.error(
                &path,
                "this author needs an `id` for their page: the name has no romanised form to make one from",
                "add `name_en:` (the id is made from it), or `id:` in lowercase ASCII letters, digits and hyphens, e.g. `id: said-al-hajj`",
            );
            None
        }
    }
}

fn series(c: &mut Checker, raw: RawSeries) -> Option<SeriesRef> {
    let id = c.required(
        &[Key("series"), Key("id")],
        raw.id,
        "name the series by its id in content/_index.md, e.g. `series: {id: zaytouna-papers, number: 12}`",
    )?;
    let id = c.id(&[Key("series"), Key("id")], &id, "series id")?;
    let number = match raw.number.as_deref().map(str::trim) {
        None => None,
        Some(text) => match text.parse::<u32>() {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                c.error(
                    &[Key("series"), Key("number")],
                    format!("`{text}` is not a number in a series"),
                    "write a whole number from 1, e.g. `number: 12`, or leave `number` out",
                );
                return None;
            }
        },
    };
    Some(SeriesRef { id, number })
}

/// `former_slugs:`: each a valid slug, none twice, none the document's own slug. Whether
/// another document has it now is for the whole site to say (`pipeline::select`).
fn former_slugs(c: &mut Checker, raw: Vec<String>, own: Option<&Slug>) -> Vec<FormerSlug> {
    let mut former: Vec<FormerSlug> = Vec::with_capacity(raw.len());
    for (i, text) in raw.into_iter().enumerate() {
        let path = [Key("former_slugs"), Index(i)];
        let slug = match Slug::parse(text.trim()) {
            Ok(slug) => slug,
            Err(e) => {
                c.error(
                    &path,
                    format!("`{}` cannot be a former slug: {e}", text.trim()),
                    "write the slug exactly as it was in the paper's old address",
                );
                continue;
            }
        };
        if own == Some(&slug) {
            c.error(
                &path,
                format!("`{slug}` is this document's slug, not a former one"),
                "list only the slugs the paper was published under before",
            );
        } else if former.iter().any(|f| f.slug == slug) {
            c.error(
                &path,
                format!("`{slug}` is listed twice in `former_slugs`"),
                "list each former slug once",
            );
        } else {
            let at = c.diags.position(c.fm.value_offset(&path));
            former.push(FormerSlug { slug, at });
        }
    }
    former
}

/// `withdrawn:` of the site settings: each key a valid slug, each reason given in Arabic and
/// English. Whether a document still has the slug is for the whole site to say.
fn withdrawals(
    c: &mut Checker,
    raw: BTreeMap<String, super::raw::RawBilingual>,
) -> BTreeMap<Slug, Withdrawal> {
    let mut withdrawn = BTreeMap::new();
    for (key, reason) in raw {
        let path = [Key("withdrawn"), Key(&key)];
        let slug = match Slug::parse(&key) {
            Ok(slug) => slug,
            Err(e) => {
                c.error_at_key(
                    &path,
                    format!("`{key}` cannot be a withdrawn paper's slug: {e}"),
                    "write the slug exactly as it was in the paper's address",
                );
                continue;
            }
        };
        let mut reason_in = |lang: &str, text: Option<String>| {
            let text = Checker::optional(text);
            if text.is_none() {
                c.error(
                    &[Key("withdrawn"), Key(&key), Key(lang)],
                    format!("the reason in `{lang}` is missing or empty"),
                    "give the reason in both languages, e.g. `{ar: سُحبت بطلب من المؤلف, en: Withdrawn at the author's request}`",
                );
            }
            text
        };
        let (ar, en) = (reason_in("ar", reason.ar), reason_in("en", reason.en));
        if let (Some(ar), Some(en)) = (ar, en) {
            let at = c.diags.position(c.fm.key_offset(&path));
            withdrawn.insert(slug, Withdrawal { ar, en, at });
        }
    }
    withdrawn
}

fn source(c: &mut Checker, raw: RawSource) -> Option<Provenance> {
    let file = c.required(
        &[Key("source"), Key("file")],
        raw.file,
        "name the raw text, relative to content/, e.g. `_sources/paper.txt`",
    )?;
    if file.starts_with('/') || file.split(['/', '\\']).any(|part| part == "..") {
        c.error(
            &[Key("source"), Key("file")],
            format!("`{file}` leaves the content folder"),
            "give a path inside content/, e.g. `_sources/paper.txt`",
        );
    }
    let removed = raw
        .removed
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| removal(c, i, r))
        .collect();
    let repairs = raw
        .repairs
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| repair(c, i, r))
        .collect();
    Some(Provenance {
        file,
        removed,
        repairs,
    })
}

fn removal(c: &mut Checker, i: usize, raw: RawRemoval) -> Option<Removal> {
    let path = [Key("source"), Key("removed"), Index(i)];
    let range = match (raw.line, raw.lines.as_deref()) {
        (Some(line), None) => Some((line, line)),
        (None, Some(lines)) => parse_range(lines),
        _ => None,
    };
    let reason = Checker::optional(raw.reason);
    match (range, reason) {
        (Some((first, last)), Some(reason)) if first >= 1 && first <= last => Some(Removal {
            first_line: first,
            last_line: last,
            text: Checker::optional(raw.text),
            reason,
        }),
        (_, None) => {
            c.error(
                &path,
                "a removal needs a `reason`",
                "say what was left out, e.g. `reason: portrait caption`",
            );
            None
        }
        _ => {
            c.error(
                &path,
                "a removal needs either `line: N` or `lines: N-M` (1-based, N ≤ M)",
                "e.g. `lines: 15-22`",
            );
            None
        }
    }
}

fn parse_range(text: &str) -> Option<(usize, usize)> {
    match text.split_once('-') {
        Some((a, b)) => Some((a.trim().parse().ok()?, b.trim().parse().ok()?)),
        None => text.trim().parse().ok().map(|n| (n, n)),
    }
}

fn repair(c: &mut Checker, i: usize, raw: RawRepair) -> Option<Repair> {
    let path = [Key("source"), Key("repairs"), Index(i)];
    match (
        raw.line,
        raw.from,
        raw.to,
        raw.note.and_then(EditorialNote::of),
    ) {
        (Some(line), Some(from), Some(to), Some(note)) if line >= 1 => Some(Repair {
            line,
            from,
            to,
            note,
        }),
        _ => {
            c.error(
                &path,
                "a repair needs `line`, `from`, `to` and `note`",
                "e.g. `{line: 103, from: أمнести, to: أمنستي, note: Cyrillic letters replaced}`",
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        let ok = ["a", "karabakh-2020", "x1-y2"];
        for s in ok {
            assert!(Slug::parse(s).is_ok(), "{s}");
        }
        let bad = [
            ("", "the slug is empty"),
            (
                "Karabakh",
                "the slug contains 'K' (U+004B); only a-z, 0-9 and - are allowed",
            ),
            (
                "../x",
                "the slug contains '.' (U+002E); only a-z, 0-9 and - are allowed",
            ),
            (
                "a/b",
                "the slug contains '/' (U+002F); only a-z, 0-9 and - are allowed",
            ),
            (
                "قره",
                "the slug contains 'ق' (U+0642); only a-z, 0-9 and - are allowed",
            ),
            (
                "a\u{200f}b",
                "the slug contains '\\u{200f}' (U+200F); only a-z, 0-9 and - are allowed",
            ),
            ("-a", "a slug cannot start or end with `-` or contain `--`"),
            (
                "a--b",
                "a slug cannot start or end with `-` or contain `--`",
            ),
            ("en", "`en` is reserved for the site's own pages"),
            ("search", "`search` is reserved for the site's own pages"),
        ];
        for (s, message) in bad {
            assert_eq!(Slug::parse(s).unwrap_err(), message, "{s:?}");
        }
    }

    #[test]
    fn domains() {
        for ok in ["example.org", "papers.example.org", "a-b.co", "x1.io"] {
            assert!(check_domain(ok).is_ok(), "{ok}");
        }
        let bad = [
            ("https://example.org", "leave out the scheme"),
            ("example.org/papers", "leave out the scheme, port and path"),
            ("example.org:8080", "leave out the scheme, port and path"),
            ("localhost", "at least two labels"),
            ("Example.org", "`Example` must be"),
            ("-a.org", "`-a` must be"),
            ("a..org", "`` must be"),
            ("قره.org", "must be 1–63"),
            ("1.2.3.4", "looks like an IP address"),
        ];
        for (domain, message) in bad {
            let err = check_domain(domain).unwrap_err();
            assert!(err.contains(message), "{domain}: {err}");
        }
    }

    #[test]
    fn id_shapes() {
        assert!(check_id_shape("s2-p3").is_ok());
        assert!(check_id_shape("fn-12").is_ok());
        for bad in ["", "-a", "A", "مقدمة", "a b", "a_b"] {
            assert!(check_id_shape(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn dates() {
        let cases = [
            ("2022", Some("2022")),
            ("2022-02", Some("2022-02")),
            ("2022-02-14", Some("2022-02-14")),
            ("not stated", None),
        ];
        for (text, iso) in cases {
            assert_eq!(Date::parse(text).unwrap().iso().as_deref(), iso, "{text}");
        }
        for bad in [
            "22",
            "2022-13",
            "2022-1",
            "2022-02-32",
            "February 2022",
            "2022-02-01-01",
            "",
        ] {
            assert!(Date::parse(bad).is_err(), "{bad}");
        }
    }
}
