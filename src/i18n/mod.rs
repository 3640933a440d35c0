//! The interface words of the site in both languages, from one translation file.
//!
//! `strings.yaml` (next to this module, built into the binary) lists every key with its Arabic
//! and English text. It is parsed once into one typed [`Strings`] per language, so a missing or
//! misspelled key fails the tests rather than showing a blank on a page. Templates get the
//! strings as `t`, `t_ar` and `t_en`; the Markdown stage uses them for note labels.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

pub(crate) mod measures;

/// The translation file, as shipped.
const SOURCE: &str = include_str!("strings.yaml");

/// Interface words of one language.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Strings {
    pub(crate) lang_name: String,
    pub(crate) other_lang_name: String,
    pub(crate) skip_to_content: String,
    pub(crate) site_nav: String,
    pub(crate) home: String,
    pub(crate) documents: String,
    pub(crate) authors: String,
    pub(crate) date: String,
    pub(crate) publisher: String,
    pub(crate) place: String,
    pub(crate) not_stated: String,
    pub(crate) editor_supplied: String,
    pub(crate) editor_translation: String,
    pub(crate) sic_mark: String,
    pub(crate) sic_label: String,
    pub(crate) supplied_label: String,
    pub(crate) r#abstract: String,
    /// `{n}`: the sentence pair's number.
    pub(crate) abstract_pair: String,
    pub(crate) abstract_unpaired: String,
    pub(crate) contents: String,
    pub(crate) notes: String,
    /// `{n}`: the note's number.
    pub(crate) note_ref: String,
    /// `{label}`: the note's number and, for a note referenced several times, its letter.
    pub(crate) note_back: String,
    pub(crate) note_preview_close: String,
    pub(crate) editorial_notes: String,
    pub(crate) editorial_notes_in_english: String,
    pub(crate) repaired: String,
    pub(crate) source_line: String,
    pub(crate) cite: String,
    pub(crate) cite_section: String,
    pub(crate) permalink_section: String,
    pub(crate) permalink_paragraph: String,
    pub(crate) copy_link: String,
    pub(crate) copy_citation: String,
    pub(crate) copied: String,
    pub(crate) read_paper: String,
    pub(crate) english_page: String,
    pub(crate) paper_in_arabic: String,
    pub(crate) language: String,
    pub(crate) arabic: String,
    pub(crate) not_found_title: String,
    pub(crate) not_found_text: String,
    pub(crate) moved_title: String,
    pub(crate) moved_text: String,
    pub(crate) withdrawn_title: String,
    pub(crate) withdrawn_reason: String,
    pub(crate) no_documents: String,
    pub(crate) topics: String,
    pub(crate) topic: String,
    pub(crate) series: String,
    pub(crate) in_series: String,
    /// `{n}`: a paper's number in its series.
    pub(crate) series_number: String,
    pub(crate) authors_index: String,
    pub(crate) browse: String,
    pub(crate) papers_count: String,
    pub(crate) paging: String,
    /// `{n}`: the page's number.
    pub(crate) page_n: String,
    pub(crate) previous_page: String,
    pub(crate) next_page: String,
    pub(crate) reading_time_1: String,
    pub(crate) reading_time_2: String,
    /// `{n}`: 3 to 10 minutes (and 103–110, …).
    pub(crate) reading_time_few: String,
    /// `{n}`: 11 minutes or more.
    pub(crate) reading_time_many: String,
    pub(crate) download_pdf: String,
    /// `{n}`: kilobytes.
    pub(crate) size_kb: String,
    /// `{n}`: megabytes, one decimal.
    pub(crate) size_mb: String,
    pub(crate) search: String,
    /// The search landmark's name.
    pub(crate) search_site: String,
    pub(crate) search_field: String,
    pub(crate) search_button: String,
    pub(crate) search_hint: String,
    /// `{n}`: the number of results.
    pub(crate) search_count: String,
    /// The button that shows the next results.
    pub(crate) search_more: String,
    pub(crate) search_none: String,
    pub(crate) search_short: String,
    pub(crate) search_failed: String,
    pub(crate) search_needs_script: String,
    /// What a result in a paper's title block is called.
    pub(crate) search_title_passage: String,
    pub(crate) months: [String; 12],
    /// `serve`'s error overlay (preview pages only): its heading, what the page shows meanwhile,
    /// `{n}` errors, the label of a hint, and its close button.
    pub(crate) serve_error_title: String,
    pub(crate) serve_error_text: String,
    pub(crate) serve_error_count: String,
    pub(crate) serve_error_hint: String,
    pub(crate) serve_error_close: String,
}

impl Strings {
    /// A date written for readers of this language: `14 February 2022`, `February 2022`, `2022`.
    pub(crate) fn date(&self, year: u16, month: Option<u8>, day: Option<u8>) -> String {
        let month = month
            .and_then(|m| usize::from(m).checked_sub(1))
            .and_then(|m| self.months.get(m));
        match (month, day) {
            (Some(m), Some(d)) => format!("{d} {m} {year}"),
            (Some(m), None) => format!("{m} {year}"),
            _ => year.to_string(),
        }
    }
}

/// Fills the `{n}` or `{label}` slot of a string from the file.
pub(crate) fn fill(template: &str, value: &str) -> String {
    let mut out = String::with_capacity(template.len() + value.len());
    push_fill(&mut out, template, value);
    out
}

/// Appends `template` with each `{n}` and `{label}` slot filled with `value`, in one pass
/// (the note passes fill a label per reference into a reused string).
pub(crate) fn push_fill(out: &mut String, template: &str, value: &str) {
    let mut rest = template;
    while let Some(at) = memchr::memchr(b'{', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        if let Some(tail) = after
            .strip_prefix("{n}")
            .or_else(|| after.strip_prefix("{label}"))
        {
            out.push_str(value);
            rest = tail;
        } else {
            out.push('{');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
}

/// The strings of `lang`.
pub(crate) fn strings(lang: Lang) -> &'static Strings {
    static PARSED: OnceLock<[Strings; 2]> = OnceLock::new();
    let [ar, en] = PARSED.get_or_init(|| {
        // The file is part of the program and `tests::the_file_is_complete` parses it, so a
        // failure here is a bug in the shipped file, not a problem with anyone's content.
        parse(SOURCE).unwrap_or_else(|e| panic!("src/i18n/strings.yaml: {e}"))
    });
    match lang {
        Lang::Ar => ar,
        Lang::En => en,
    }
}

/// One key of the file: its text in each language.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    ar: serde_json::Value,
    en: serde_json::Value,
}

/// Parses a translation file into the Arabic and the English strings.
fn parse(source: &str) -> Result<[Strings; 2], String> {
    let pairs: BTreeMap<String, Pair> = serde_yaml::from_str(source).map_err(|e| e.to_string())?;
    let mut ar = serde_json::Map::new();
    let mut en = serde_json::Map::new();
    for (key, pair) in pairs {
        ar.insert(key.clone(), pair.ar);
        en.insert(key, pair.en);
    }
    let typed = |map, lang: &str| {
        serde_json::from_value::<Strings>(serde_json::Value::Object(map))
            .map_err(|e| format!("{lang}: {e}"))
    };
    Ok([typed(ar, "ar")?, typed(en, "en")?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_as_replacing_them_would() {
        for lang in [Lang::Ar, Lang::En] {
            let strings = strings(lang);
            for template in [&strings.note_ref, &strings.note_back, "{x} {n}{label}{"] {
                for value in ["7", "١٢ ب", "3 a1"] {
                    let replaced = template.replace("{n}", value).replace("{label}", value);
                    assert_eq!(fill(template, value), replaced, "{template} {value}");
                }
            }
        }
    }

    #[test]
    fn the_file_is_complete() {
        let [ar, en] = parse(SOURCE).unwrap();
        assert_eq!(ar.r#abstract, "الملخص");
        assert_eq!(en.months[11], "December");
    }

    #[test]
    fn a_missing_or_unknown_key_is_an_error() {
        let missing = SOURCE.replace("cite: {", "citation: {");
        let err = parse(&missing).unwrap_err();
        assert!(err.contains("citation"), "{err}");
        let one_language = SOURCE.replace("home: { ar: \"الرئيسية\", ", "home: { ");
        assert!(parse(&one_language).is_err());
    }

    #[test]
    fn dates() {
        assert_eq!(strings(Lang::En).date(2022, Some(2), None), "February 2022");
        assert_eq!(
            strings(Lang::Ar).date(2022, Some(2), Some(14)),
            "14 فبراير 2022"
        );
        assert_eq!(strings(Lang::En).date(2020, None, None), "2020");
        assert_eq!(strings(Lang::En).date(2020, Some(13), None), "2020");
    }

    #[test]
    fn slots() {
        assert_eq!(fill(&strings(Lang::En).note_ref, "3"), "Note 3");
        assert_eq!(
            fill(&strings(Lang::Ar).note_back, "2 ب"),
            "العودة إلى موضع الإحالة 2 ب"
        );
    }
}
