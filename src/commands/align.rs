//! `warraq align`: the bead table of a document's abstracts, or of two plain texts.

use std::path::Path;

use crate::align::{self, Alignment, Pin};
use crate::diagnostics::Diagnostic;
use crate::error::Error;

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
        align::bead_table(&self.alignment, &refs(&self.ar), &refs(&self.en))
    }

    /// The JSON object for tools.
    pub fn json(&self) -> String {
        align::to_json(&self.alignment, &refs(&self.ar), &refs(&self.en))
    }
}

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

/// Splits (unless `lines`: one sentence per non-empty line) and aligns two texts.
pub fn texts(
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
    let ar = split(ar, align::split_arabic);
    let en = split(en, align::split_english);
    let alignment = match pin {
        Some(pin) => align::pinned(pin, ar.len(), en.len()).map_err(|e| e.to_string())?,
        None => align::align(&refs(&ar), &refs(&en), glossary),
    };
    Ok(Aligned { ar, en, alignment })
}

/// The glossary of the site at `root` (empty when its settings cannot be read).
pub fn site_glossary(root: &Path) -> Vec<(String, String)> {
    let path = root.join("content").join("_index.md");
    let Ok(bytes) = crate::fs::read(&path) else {
        return Vec::new();
    };
    let Ok(text) = crate::content::document::decode(&path, bytes) else {
        return Vec::new();
    };
    crate::content::document::home(&path, text)
        .0
        .map(|home| home.config.glossary)
        .unwrap_or_default()
}

/// Aligns the abstracts of the document at `path`, using the site's `glossary`.
pub fn document(
    path: &Path,
    glossary: &[(String, String)],
) -> Result<Result<Aligned, Vec<Diagnostic>>, Error> {
    let (doc, diags) = super::verify::read_document(path)?;
    let Some(doc) = doc else {
        return Ok(Err(diags));
    };
    let abstract_ = doc.meta.abstract_.as_ref();
    let (Some(ar), Some(en)) = (
        abstract_.and_then(|a| a.ar.as_deref()),
        abstract_.and_then(|a| a.en.as_deref()),
    ) else {
        return Ok(Err(vec![
            Diagnostic::error(
                path,
                (1, 1),
                "the document does not have both an Arabic and an English abstract",
            )
            .field("abstract")
            .hint("give `abstract: {ar: …, en: …}` in the front matter"),
        ]));
    };
    match texts(ar, en, false, doc.meta.alignment.as_ref(), glossary) {
        Ok(aligned) => Ok(Ok(aligned)),
        Err(message) => Ok(Err(vec![
            Diagnostic::error(path, (1, 1), message).field("alignment"),
        ])),
    }
}
