//! Two whole texts to an alignment in one call: split (or take one sentence per line), then
//! align, or check an editor's pinned beads. What the build and `warraq align` both use.

use super::{Alignment, Pin, align, bead_table, pinned, split_arabic, split_english, to_json};

/// Two texts split into sentences and aligned.
pub struct Aligned {
    /// Arabic sentences.
    pub ar: Vec<String>,
    /// English sentences.
    pub en: Vec<String>,
    /// The alignment (pinned or computed).
    pub alignment: Alignment,
}

impl Aligned {
    /// The table for people.
    pub fn table(&self) -> String {
        bead_table(&self.alignment, &refs(&self.ar), &refs(&self.en))
    }

    /// The JSON object for tools.
    pub fn json(&self) -> String {
        to_json(&self.alignment, &refs(&self.ar), &refs(&self.en))
    }
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Splits (unless `lines`: one sentence per non-empty line) and aligns two texts.
pub fn align_texts(
    ar: &str,
    en: &str,
    lines: bool,
    pin: Option<&Pin>,
    glossary: &[(String, String)],
) -> Result<Aligned, String> {
    let split = |text: &str, f: fn(&str) -> Vec<&str>| -> Vec<String> {
        if lines {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(String::from)
                .collect()
        } else {
            f(text).into_iter().map(String::from).collect()
        }
    };
    let ar = split(ar, split_arabic);
    let en = split(en, split_english);
    let alignment = match pin {
        Some(pin) => pinned(pin, ar.len(), en.len()).map_err(|e| e.to_string())?,
        None => align(&refs(&ar), &refs(&en), glossary),
    };
    Ok(Aligned { ar, en, alignment })
}
