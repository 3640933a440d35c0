//! Front matter exactly as the author wrote it: every field optional, no meaning checked yet.
//!
//! `schema` turns these into the validated types the rest of the program relies on. Unknown
//! keys are rejected (`deny_unknown_fields`), and `front_matter` reports all of them with a hint.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

/// The front matter of `content/_index.md`: site-wide settings.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub(crate) title: Option<String>,
    pub(crate) title_en: Option<String>,
    pub(crate) base_url: Option<String>,
    pub(crate) default_language: Option<String>,
    pub(crate) description: Option<String>,
    pub(crate) description_en: Option<String>,
    #[serde(default)]
    pub(crate) glossary: BTreeMap<String, String>,
    #[serde(default)]
    pub(crate) allow_raw_html: bool,
    /// The site search (`search/`, `en/search/` and its index); on unless `false`.
    pub(crate) search: Option<bool>,
    /// Custom domain for GitHub Pages, written to `site/CNAME`.
    pub(crate) cname: Option<String>,
    /// The site's topics: an ASCII id to its Arabic and English names.
    #[serde(default)]
    pub(crate) topics: BTreeMap<String, RawBilingual>,
    /// The site's series: an ASCII id to its Arabic and English names.
    #[serde(default)]
    pub(crate) series: BTreeMap<String, RawBilingual>,
    /// Papers taken down: `old-slug: {ar: reason, en: reason}`; their addresses keep a page
    /// saying so.
    #[serde(default)]
    pub(crate) withdrawn: BTreeMap<String, RawBilingual>,
}

/// The front matter of one document.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawDocument {
    pub(crate) slug: Option<String>,
    pub(crate) lang: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) title_en: Option<String>,
    pub(crate) title_origin: Option<String>,
    pub(crate) title_en_origin: Option<String>,
    #[serde(default)]
    pub(crate) authors: Vec<RawAuthor>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub(crate) date: Option<String>,
    pub(crate) date_text: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) publisher_en: Option<String>,
    pub(crate) place: Option<String>,
    pub(crate) place_en: Option<String>,
    #[serde(rename = "abstract")]
    pub(crate) abstract_: Option<RawAbstract>,
    #[serde(default)]
    pub(crate) sections: BTreeMap<String, String>,
    /// Old ids that must keep working: `old-id: new-id`.
    #[serde(default)]
    pub(crate) aliases: BTreeMap<String, String>,
    /// Slugs the document was published under before: their addresses send readers here.
    #[serde(default)]
    pub(crate) former_slugs: Vec<String>,
    #[serde(default)]
    pub(crate) editorial_notes: Vec<RawEditorialNote>,
    /// Front matter fields the editor wrote, not the source: `verify` leaves them out.
    #[serde(default)]
    pub(crate) editor_supplied: Vec<String>,
    pub(crate) source: Option<RawSource>,
    pub(crate) alignment: Option<crate::align::Pin>,
    #[serde(default)]
    pub(crate) draft: bool,
    /// Ids of the site's topics the document is filed under.
    #[serde(default)]
    pub(crate) topics: Vec<String>,
    /// The series the document belongs to, and its number there.
    pub(crate) series: Option<RawSeries>,
    /// The document's PDF, a path under `content/`.
    pub(crate) pdf: Option<String>,
}

/// A document's place in a series.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSeries {
    pub(crate) id: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub(crate) number: Option<String>,
}

/// One author.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAuthor {
    /// The author page's id; derived from `name_en` when not given.
    pub(crate) id: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) name_en: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub(crate) note: Option<String>,
}

/// The two abstracts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAbstract {
    pub(crate) ar: Option<String>,
    pub(crate) en: Option<String>,
}

/// An editorial note: English text alone, or the note in Arabic and English.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawEditorialNote {
    English(String),
    Both(RawBilingual),
}

/// A text in Arabic and English, either may be absent.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawBilingual {
    pub(crate) ar: Option<String>,
    pub(crate) en: Option<String>,
}

/// Where a document was converted from, and what the conversion deliberately changed.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSource {
    pub(crate) file: Option<String>,
    #[serde(default)]
    pub(crate) removed: Vec<RawRemoval>,
    #[serde(default)]
    pub(crate) repairs: Vec<RawRepair>,
}

/// Source material left out of the published text.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRemoval {
    #[serde(default, deserialize_with = "string_or_number")]
    pub(crate) lines: Option<String>,
    pub(crate) line: Option<usize>,
    pub(crate) text: Option<String>,
    pub(crate) reason: Option<String>,
}

/// An extraction error repaired by the editor.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRepair {
    pub(crate) line: Option<usize>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) note: Option<RawEditorialNote>,
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
        // Out-of-range and fractional numbers are kept as text too, so the field's own check
        // says what is wrong with them (`2022.5` is not a date) instead of a type error.
        fn visit_u128<E>(self, v: u128) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_i128<E>(self, v: i128) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
    }
    deserializer.deserialize_any(Visitor)
}
