//! Two printable forms of an alignment, for the CLI: a tab-separated bead
//! table for people and a JSON object for tools (the scorer reads its
//! `beads` key). Formatting never fails and never re-aligns.

use serde::Serialize;

use super::Alignment;

/// A tab-separated table with a header and one row per bead: shape, cost,
/// confidence, the bead's Arabic sentences and its English sentences (each
/// side's sentences joined by a space; `-` for an empty side). Tabs and line
/// breaks inside sentences are printed as spaces so that rows stay rows.
pub(crate) fn bead_table(alignment: &Alignment, ar: &[&str], en: &[&str]) -> String {
    let mut out = String::from("type\tcost\tconfidence\tarabic\tenglish\n");
    for bead in &alignment.beads {
        let join = |side: &[&str], range: &std::ops::Range<usize>| {
            let text = side.get(range.clone()).unwrap_or_default().join(" ");
            let flat: String = text
                .chars()
                .map(|c| {
                    if c == '\t' || c == '\n' || c == '\r' {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            if flat.is_empty() {
                "-".to_string()
            } else {
                flat
            }
        };
        out.push_str(&format!(
            "{}\t{:.2}\t{:.2}\t{}\t{}\n",
            bead.label(),
            bead.cost,
            bead.confidence,
            join(ar, &bead.ar),
            join(en, &bead.en)
        ));
    }
    out
}

#[derive(Serialize)]
struct Json<'a> {
    ar_sentences: &'a [&'a str],
    en_sentences: &'a [&'a str],
    beads: Vec<(Vec<usize>, Vec<usize>)>,
    costs: Vec<f64>,
    confidences: Vec<f64>,
    reliable: bool,
}

/// The alignment as pretty-printed JSON:
/// `{"ar_sentences": [...], "en_sentences": [...], "beads": [[[0], [0]], ...],
/// "costs": [...], "confidences": [...], "reliable": true}`. A cost that is
/// not finite (the in-order fallback for oversized input) prints as `null`.
pub(crate) fn to_json(alignment: &Alignment, ar: &[&str], en: &[&str]) -> String {
    let doc = Json {
        ar_sentences: ar,
        en_sentences: en,
        beads: alignment
            .beads
            .iter()
            .map(|b| (b.ar.clone().collect(), b.en.clone().collect()))
            .collect(),
        costs: alignment.beads.iter().map(|b| b.cost).collect(),
        confidences: alignment.beads.iter().map(|b| b.confidence).collect(),
        reliable: alignment.is_reliable(),
    };
    serde_json::to_string_pretty(&doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

#[cfg(test)]
mod tests {
    use super::super::{Pin, pinned};
    use super::*;

    #[test]
    fn table_and_json() {
        let ar = ["أ.", "ب\tج."];
        let en = ["A.", "B.", "C."];
        let al = pinned(&Pin::Shapes(vec!["1-1".into(), "1-2".into()]), 2, 3).unwrap();
        assert_eq!(
            bead_table(&al, &ar, &en),
            "type\tcost\tconfidence\tarabic\tenglish\n1-1\t0.00\t1.00\tأ.\tA.\n1-2\t0.00\t1.00\tب ج.\tB. C.\n"
        );
        let v: serde_json::Value = serde_json::from_str(&to_json(&al, &ar, &en)).unwrap();
        assert_eq!(v["beads"], serde_json::json!([[[0], [0]], [[1], [1, 2]]]));
        assert_eq!(v["costs"], serde_json::json!([0.0, 0.0]));
        assert_eq!(v["reliable"], serde_json::json!(true));
    }
}
