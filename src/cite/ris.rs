//! A document as an RIS record (`site/<slug>/cite.ris`), for Zotero, EndNote and the like.
//!
//! One `TAG  - value` line per field, CRLF line ends as the format specifies. A value can
//! never start a new line (and so never forge a tag): line breaks and other control
//! characters in front matter become spaces. The title is the original one, `TT` carries the
//! English title, authors are romanised where the front matter gives it.

use super::{Work, one_line};
use crate::content::schema::Date;

/// The RIS record of `work`, published at `url` (no `UR` line when the site's address is
/// unknown).
pub(crate) fn record(work: &Work, url: Option<&str>) -> String {
    let mut lines: Vec<(&str, String)> = vec![("TY", "GEN".to_string())];
    lines.push(("TI", work.title.to_string()));
    if work.title_en != work.title {
        lines.push(("TT", work.title_en.to_string()));
    }
    for name in work.names_en() {
        lines.push(("AU", name.to_string()));
    }
    if let Date::Known { year, month, day } = work.date {
        lines.push(("PY", format!("{year:04}")));
        let month = month.map(|m| format!("{m:02}")).unwrap_or_default();
        let day = day.map(|d| format!("{d:02}")).unwrap_or_default();
        lines.push(("DA", format!("{year:04}/{month}/{day}/")));
    }
    if let Some(publisher) = work.publisher_en.or(work.publisher) {
        lines.push(("PB", publisher.to_string()));
    }
    if let Some(place) = work.place_en.or(work.place) {
        lines.push(("CY", place.to_string()));
    }
    lines.push(("LA", work.lang.code().to_string()));
    if let Some(url) = url {
        lines.push(("UR", url.to_string()));
    }
    if work.title_supplied {
        lines.push(("N1", "Title supplied by the editor".to_string()));
    }
    let mut out = String::new();
    for (tag, value) in lines {
        let value = one_line(&value);
        if !value.is_empty() {
            out.push_str(&format!("{tag}  - {value}\r\n"));
        }
    }
    out.push_str("ER  - \r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cite::tests::{bare, full};

    #[test]
    fn full_record() {
        let got = record(
            &full(),
            Some("https://example.org/azerbaijan-turkey-israel/"),
        );
        let expected = [
            "TY  - GEN",
            "TI  - دور أذربيجان في التقارب التركي - الإسرائيلي المحتمل",
            "TT  - Azerbaijan's Role in a Possible Turkish–Israeli Rapprochement",
            "AU  - Said Walid al-Hajj",
            "PY  - 2022",
            "DA  - 2022/02//",
            "PB  - Al-Zaytouna Centre for Studies and Consultations",
            "CY  - Beirut",
            "LA  - ar",
            "UR  - https://example.org/azerbaijan-turkey-israel/",
            "ER  - ",
            "",
        ];
        assert_eq!(got, expected.join("\r\n"));
    }

    #[test]
    fn bare_record() {
        assert_eq!(
            record(&bare(), None),
            "TY  - GEN\r\nTI  - حرب قره باغ\r\nTT  - The Karabakh War\r\nLA  - ar\r\nN1  - Title supplied by the editor\r\nER  - \r\n"
        );
    }

    #[test]
    fn values_cannot_forge_tags() {
        let mut work = full();
        work.title = "Title\r\nER  - \r\nTY  - JOUR";
        work.authors = vec![("A\nAU  - B", None)];
        let got = record(&work, Some("u"));
        assert_eq!(got.matches("\r\n").count(), got.lines().count());
        assert!(got.contains("TI  - Title ER - TY - JOUR\r\n"), "{got}");
        assert_eq!(got.matches("ER  - ").count(), 1);
        assert_eq!(got.lines().filter(|l| l.starts_with("AU")).count(), 1);
        assert!(!got.contains('\n') || got.split("\r\n").all(|l| !l.contains('\n')));
    }
}
