//! Front matter exactly as the author wrote it: every field optional, no meaning checked yet.
//!
//! `schema` turns these into the validated types the rest of the program relies on. Unknown
//! keys are rejected (`deny_unknown_fields`), and `front_matter` reports all of them with a hint.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// The front matter of `content/_index.md`: site-wide settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub base_url: Option<String>,
    pub default_language: Option<String>,
    pub description: Option<String>,
    pub description_en: Option<String>,
    #[serde(default)]
    pub glossary: BTreeMap<String, String>,
    /// Custom domain for GitHub Pages, written to `site/CNAME`.
    pub cname: Option<String>,
}

/// The front matter of one document.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub slug: Option<String>,
    pub lang: Option<String>,
    pub title: Option<String>,
    pub title_en: Option<String>,
    pub title_origin: Option<String>,
    pub title_en_origin: Option<String>,
    #[serde(default)]
    pub authors: Vec<RawAuthor>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub publisher: Option<String>,
    pub publisher_en: Option<String>,
    pub place: Option<String>,
    pub place_en: Option<String>,
    #[serde(rename = "abstract")]
    pub abstract_: Option<RawAbstract>,
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
    /// Old ids that must keep working: `old-id: new-id`.
    #[serde(default)]
    pub aliases: BTreeMap<String, String>,
    #[serde(default)]
    pub editorial_notes: Vec<String>,
    pub source: Option<RawSource>,
    pub alignment: Option<crate::align::Pin>,
    #[serde(default)]
    pub draft: bool,
}

/// One author.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAuthor {
    pub name: Option<String>,
    pub name_en: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub note: Option<String>,
}

/// The two abstracts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAbstract {
    pub ar: Option<String>,
    pub en: Option<String>,
}

/// Where a document was converted from, and what the conversion deliberately changed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub file: Option<String>,
    #[serde(default)]
    pub removed: Vec<RawRemoval>,
    #[serde(default)]
    pub repairs: Vec<RawRepair>,
}

/// Source material left out of the published text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRemoval {
    #[serde(default, deserialize_with = "string_or_number")]
    pub lines: Option<String>,
    pub line: Option<usize>,
    pub text: Option<String>,
    pub reason: Option<String>,
}

/// An extraction error repaired by the editor.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRepair {
    pub line: Option<usize>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: Option<String>,
}

/// Accepts `2022`, `2022-02` or `"1"` alike: YAML reads some of these as numbers.
fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(Visitor)
}
