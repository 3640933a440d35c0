//! The archive's front matter: topics and series named in `content/_index.md`, a document's
//! `topics:`, `series:` and authors' ids, and the checks that need every document at once.
//!
//! Each document's own fields are validated in `schema`; here are the types they become, the
//! id an author gets from a romanised name, and [`check`], the site-wide step after the
//! documents are selected: an unknown topic or series, a topic no document uses, two authors
//! under one id with different names. Pure: nothing here reads files.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;

use super::schema::{Meta, SiteConfig};
use crate::diagnostics::Diagnostic;

/// A value from front matter with the line and column it was written at, so a check that
/// runs once every document is known can still point at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Placed {
    pub(crate) value: String,
    #[serde(skip)]
    pub(crate) at: (usize, usize),
}

impl Placed {
    /// The value's text.
    pub(crate) fn as_str(&self) -> &str {
        &self.value
    }
}

/// A topic or a series of the site: its names in both languages, and where its key is in
/// `content/_index.md`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Term {
    pub(crate) ar: String,
    pub(crate) en: String,
    #[serde(skip)]
    pub(crate) at: (usize, usize),
}

/// A document's place in a series.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SeriesRef {
    /// The series' id, as written.
    pub(crate) id: Placed,
    /// Its number in the series, when it has one.
    pub(crate) number: Option<u32>,
}

/// The id an author gets from a romanised name: its letters and digits, lowercased, with
/// the marks of transliteration taken off (`ā` → `a`, `ṣ` → `s`) and a hyphen for each run of
/// anything else; `None` when nothing is left (a name in Arabic letters alone).
pub(crate) fn author_id(name_en: &str) -> Option<String> {
    let mut id = String::with_capacity(name_en.len());
    for c in name_en.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if matches!(c, 'ʿ' | 'ʾ' | '\'' | '’' | '‘') {
            // `ʿAlī`, `Qurʾān`: the ayn and hamza signs are not word breaks.
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    while id.ends_with('-') {
        id.pop();
    }
    id.truncate(80);
    while id.ends_with('-') {
        id.pop();
    }
    (!id.is_empty()).then_some(id)
}

/// A Latin letter with its diacritic taken off, for the letters romanised Arabic, Turkish
/// and French names use; any other character as it is.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ā' | 'ă' | 'ã' | 'å' => 'a',
        'À' | 'Á' | 'Â' | 'Ä' | 'Ā' | 'Ă' | 'Ã' | 'Å' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'ḍ' | 'ḏ' | 'đ' => 'd',
        'Ḍ' | 'Ḏ' | 'Đ' => 'D',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' => 'E',
        'ğ' | 'ġ' => 'g',
        'Ğ' | 'Ġ' => 'G',
        'ḥ' | 'ḫ' | 'ẖ' => 'h',
        'Ḥ' | 'Ḫ' => 'H',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => 'I',
        'ñ' | 'ń' => 'n',
        'Ñ' | 'Ń' => 'N',
        'ò' | 'ó' | 'ô' | 'ö' | 'ō' | 'õ' | 'ø' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Ö' | 'Ō' | 'Õ' | 'Ø' => 'O',
        'ṣ' | 'ş' | 'š' | 'ś' => 's',
        'Ṣ' | 'Ş' | 'Š' | 'Ś' => 'S',
        'ṭ' | 'ṯ' | 'ţ' => 't',
        'Ṭ' | 'Ṯ' | 'Ţ' => 'T',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' => 'Y',
        'ẓ' | 'ž' | 'ż' | 'ź' => 'z',
        'Ẓ' | 'Ž' | 'Ż' | 'Ź' => 'Z',
        c => c,
    }
}

/// The site-wide checks of the archive, over the settings of `home` (at `home_path`) and the
/// documents to publish: every topic and series a document names exists (an error at its
/// field), every topic of the settings is used (a warning at its key), and one author id
/// names one person (an error at the second document's author). One pass over the
/// documents, with a map per author id.
pub(crate) fn check<'a>(
    config: &SiteConfig,
    home_path: &Path,
    documents: impl IntoIterator<Item = (&'a Path, &'a Meta)>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut used: BTreeMap<&str, bool> = config
        .topics
        .keys()
        .map(|id| (id.as_str(), false))
        .collect();
    let mut authors: BTreeMap<&str, (&str, Option<&str>, &Path)> = BTreeMap::new();
    for (path, meta) in documents {
        for (i, topic) in meta.topics.iter().enumerate() {
            match used.get_mut(topic.as_str()) {
                Some(seen) => *seen = true,
                None => diags.push(
                    Diagnostic::error(
                        path,
                        topic.at,
                        format!("there is no topic `{}`", topic.value),
                    )
                    .field(format!("topics[{i}]"))
                    .hint(known("topics", config.topics.keys())),
                ),
            }
        }
        if let Some(series) = &meta.series
            && !config.series.contains_key(series.id.as_str())
        {
            diags.push(
                Diagnostic::error(
                    path,
                    series.id.at,
                    format!("there is no series `{}`", series.id.value),
                )
                .field("series.id")
                .hint(known("series", config.series.keys())),
            );
        }
        for (i, author) in meta.authors.iter().enumerate() {
            let names = (author.name.as_str(), author.name_en.as_deref(), path);
            let first = *authors.entry(author.id.as_str()).or_insert(names);
            if (first.0, first.1) != (names.0, names.1) {
                let shown = |(name, name_en, _): (&str, Option<&str>, &Path)| match name_en {
                    Some(en) => format!("{name} ({en})"),
                    None => name.to_string(),
                };
                diags.push(
                    Diagnostic::error(
                        path,
                        author.id.at,
                        format!(
                            "the author id `{}` is {} in {}, but {} here",
                            author.id.value,
                            shown(first),
                            first.2.display(),
                            shown(names),
                        ),
                    )
                    .field(format!("authors[{i}]"))
                    .hint("write the name as the other document does, or give this author an `id:` of their own"),
                );
            }
        }
    }
    for (id, seen) in used {
        if !seen {
            diags.push(
                Diagnostic::warning(
                    home_path,
                    config.topics[id].at,
                    format!("no document is filed under the topic `{id}`"),
                )
                .field(format!("topics.{id}"))
                .hint("add it to a document's `topics:`, or remove it"),
            );
        }
    }
}

/// "the site's topics are: a, b", or how to add one when there are none.
fn known<'k>(what: &str, ids: impl Iterator<Item = &'k String>) -> String {
    let ids: Vec<&str> = ids.map(String::as_str).collect();
    if ids.is_empty() {
        format!("the site has no {what}: name them in content/_index.md under `{what}:`")
    } else {
        format!("the site's {what} are: {}", ids.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::document::{Document, Home, document, home};
    use crate::lang::Lang;

    const HOME: &str = "---\ntitle: t\ntitle_en: T\ntopics:\n  gas:\n    ar: غاز\n    en: Gas\n  war:\n    ar: حرب\n    en: War\nseries:\n  papers:\n    ar: أوراق\n    en: Papers\n---\n";

    fn site() -> Home {
        let (home, diags) = home(Path::new("content/_index.md"), HOME.to_string());
        assert!(diags.is_empty(), "{diags:?}");
        home.unwrap()
    }

    fn doc(path: &str, front_matter: &str) -> (Option<Document>, Vec<String>) {
        let text = format!(
            "---\nslug: {}\ntitle: ع\ntitle_en: T\ndate: 2022\n{front_matter}---\nنص\n",
            path.trim_end_matches(".md")
        );
        let (doc, diags) = document(Path::new(path), text, Lang::Ar);
        (doc, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn documents_name_topics_series_ids_and_a_pdf() {
        let (doc, messages) = doc(
            "a.md",
            "topics:\n  - gas\n  - war\nseries:\n  id: papers\n  number: 12\nauthors:\n  - name: سعيد\n    name_en: Saʿīd al-Ḥajj\n  - name: ب\n    id: b-2\npdf: _sources/a.pdf\n",
        );
        assert!(messages.is_empty(), "{messages:?}");
        let meta = doc.unwrap().meta;
        let topics: Vec<&str> = meta.topics.iter().map(Placed::as_str).collect();
        assert_eq!(topics, ["gas", "war"]);
        assert_eq!(meta.topics[1].at, (8, 5));
        let series = meta.series.unwrap();
        assert_eq!((series.id.as_str(), series.number), ("papers", Some(12)));
        let ids: Vec<&str> = meta.authors.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["said-al-hajj", "b-2"]);
        assert_eq!(meta.pdf.unwrap().as_str(), "_sources/a.pdf");
    }

    #[test]
    fn bad_archive_fields_are_errors_at_the_field() {
        let cases = [
            (
                "topics: [Gas]\n",
                "a.md:6:9: error: topics[0]: the topic id contains 'G'",
            ),
            (
                "series:\n  id: papers\n  number: twelve\n",
                "a.md:8:11: error: series.number: `twelve` is not a number in a series",
            ),
            (
                "series:\n  number: 2\n",
                "a.md:2:1: error: series.id: the required field `series.id` is missing",
            ),
            (
                "authors:\n  - name: سعيد\n",
                "a.md:7:11: error: authors[0].name: this author needs an `id` for their page",
            ),
            (
                "authors:\n  - name: س\n    id: س\n",
                "a.md:8:9: error: authors[0].id: the author id contains 'س'",
            ),
            (
                "pdf: ../x.pdf\n",
                "a.md:6:6: error: pdf: `../x.pdf` leaves the content folder",
            ),
        ];
        for (front_matter, expected) in cases {
            let (doc, messages) = doc("a.md", front_matter);
            assert!(doc.is_none(), "{front_matter}");
            assert!(
                messages[0].starts_with(expected),
                "{front_matter}: {messages:?}"
            );
        }
    }

    #[test]
    fn site_wide_checks_point_at_the_documents_and_the_settings() {
        let home = site();
        let docs: Vec<Document> = [
            (
                "a.md",
                "topics:\n  - gas\n  - oil\nauthors:\n  - name: سعيد\n    name_en: Said\n",
            ),
            (
                "b.md",
                "series:\n  id: books\nauthors:\n  - name: سعيد الحاج\n    name_en: Said\n",
            ),
        ]
        .into_iter()
        .map(|(path, fm)| doc(path, fm).0.unwrap())
        .collect();
        let mut diags = Vec::new();
        check(
            &home.config,
            &home.file.path,
            docs.iter().map(|d| (d.file.path.as_path(), &d.meta)),
            &mut diags,
        );
        let messages: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "a.md:8:5: error: topics[1]: there is no topic `oil`\n  hint: the site's topics are: gas, war",
                "b.md:7:7: error: series.id: there is no series `books`\n  hint: the site's series are: papers",
                "b.md:9:11: error: authors[0]: the author id `said` is سعيد (Said) in a.md, but سعيد الحاج (Said) here\n  hint: write the name as the other document does, or give this author an `id:` of their own",
                "content/_index.md:8:3: warning: topics.war: no document is filed under the topic `war`\n  hint: add it to a document's `topics:`, or remove it",
            ]
        );
    }

    #[test]
    fn author_ids_from_romanised_names() {
        let cases = [
            ("Said Walid al-Hajj", Some("said-walid-al-hajj")),
            ("ʿAlī Ḥusayn Bākīr", Some("ali-husayn-bakir")),
            ("Ş. Yılmaz", Some("s-yilmaz")),
            ("  Dr.  John   O'Neil ", Some("dr-john-oneil")),
            ("سعيد", None),
            ("…", None),
        ];
        for (name, id) in cases {
            assert_eq!(author_id(name).as_deref(), id, "{name}");
        }
        let long = "a".repeat(79) + " b";
        assert_eq!(author_id(&long).unwrap(), "a".repeat(79));
    }
}
