//! A document as a BibTeX entry (`site/<slug>/cite.bib`), readable by BibTeX and biblatex.
//!
//! The entry is `@misc` keyed by the slug. Authors are romanised where the front matter gives
//! it; each name is braced whole so BibTeX never splits an Arabic or romanised name at the
//! wrong place. The title is the original one, with the English title in `titleaddon`
//! (biblatex prints it after the title; classic BibTeX ignores it). Every value is escaped for
//! LaTeX (`\ { } % & $ # _ ~ ^`) and kept on one line; the URL is written as it is, since
//! `url` fields are read verbatim, after percent-encoding the few characters that could break
//! the braces.

use super::{Work, one_line};
use crate::content::schema::Date;
use crate::lang::Lang;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// The BibTeX entry of `work`, published at `url` (no `url` field when the site's address is
/// unknown: a path relative to nothing would mislead a reference manager).
pub(crate) fn entry(work: &Work, url: Option<&str>) -> String {
    let mut fields: Vec<(&str, String)> = Vec::new();
    let names = work.names_en();
    if !names.is_empty() {
        let braced: Vec<String> = names.iter().map(|n| format!("{{{}}}", escape(n))).collect();
        fields.push(("author", format!("{{{}}}", braced.join(" and "))));
    }
    fields.push(("title", format!("{{{{{}}}}}", escape(work.title))));
    if work.lang == Lang::Ar {
        fields.push(("titleaddon", format!("{{[{}]}}", escape(work.title_en))));
        fields.push(("language", "{arabic}".to_string()));
    }
    if let Date::Known { year, month, .. } = work.date {
        if let Some(iso) = work.date.iso() {
            fields.push(("date", format!("{{{iso}}}")));
        }
        fields.push(("year", format!("{{{year}}}")));
        if let Some(m) = month {
            fields.push(("month", MONTHS[usize::from(m) - 1].to_string()));
        }
    }
    if let Some(publisher) = work.publisher_en.or(work.publisher) {
        fields.push(("publisher", format!("{{{}}}", escape(publisher))));
    }
    if let Some(place) = work.place_en.or(work.place) {
        fields.push(("address", format!("{{{}}}", escape(place))));
    }
    if let Some(url) = url {
        fields.push(("url", format!("{{{}}}", url_value(url))));
    }
    if work.title_supplied {
        fields.push(("note", "{Title supplied by the editor}".to_string()));
    }
    let mut out = format!("@misc{{{},\n", work.slug);
    for (name, value) in fields {
        out.push_str(&format!("  {name} = {value},\n"));
    }
    out.push_str("}\n");
    out
}

/// Text made safe inside a braced BibTeX value.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// A URL for a verbatim `url` field: characters that would end the value are percent-encoded.
fn url_value(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '{' => out.push_str("%7B"),
            '}' => out.push_str("%7D"),
            '\\' => out.push_str("%5C"),
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::tests::{bare, full};

    #[test]
    fn full_entry() {
        let got = entry(
            &full(),
            Some("https://example.org/azerbaijan-turkey-israel/"),
        );
        let expected = "@misc{azerbaijan-turkey-israel,
  author = {{Said Walid al-Hajj}},
  title = {{دور أذربيجان في التقارب التركي - الإسرائيلي المحتمل}},
  titleaddon = {[Azerbaijan's Role in a Possible Turkish–Israeli Rapprochement]},
  language = {arabic},
  date = {2022-02},
  year = {2022},
  month = feb,
  publisher = {Al-Zaytouna Centre for Studies and Consultations},
  address = {Beirut},
  url = {https://example.org/azerbaijan-turkey-israel/},
}
";
        assert_eq!(got, expected);
    }

    #[test]
    fn bare_entry_has_no_invented_fields() {
        let got = entry(&bare(), None);
        assert_eq!(
            got,
            "@misc{untitled,\n  title = {{حرب قره باغ}},\n  titleaddon = {[The Karabakh War]},\n  language = {arabic},\n  note = {Title supplied by the editor},\n}\n"
        );
    }

    #[test]
    fn special_characters_are_escaped() {
        let cases = [
            ("50% & $5 #1 a_b", "50\\% \\& \\$5 \\#1 a\\_b"),
            ("{x}", "\\{x\\}"),
            ("a\\b", "a\\textbackslash{}b"),
            ("~^", "\\textasciitilde{}\\textasciicircum{}"),
            ("line\none}\n@misc{x,", "line one\\} @misc\\{x,"),
        ];
        for (input, expected) in cases {
            assert_eq!(escape(input), expected, "{input:?}");
        }
        let mut work = full();
        work.title = "T} @misc{evil, title={x";
        work.authors = vec![("A and B", None)];
        let got = entry(&work, Some("https://e.org/a b/{x}"));
        assert!(
            got.contains("title = {{T\\} @misc\\{evil, title=\\{x}},"),
            "{got}"
        );
        assert!(
            got.contains("author = {{A and B}},"),
            "one braced name: {got}"
        );
        assert!(
            got.contains("url = {https://e.org/a%20b/%7Bx%7D},"),
            "{got}"
        );
        let opens = got.matches('{').count() - got.matches("\\{").count();
        let closes = got.matches('}').count() - got.matches("\\}").count();
        assert_eq!(opens, closes, "braces balance: {got}");
    }
}
