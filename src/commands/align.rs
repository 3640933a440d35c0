//! `warraq align`: the bead table of a document's abstracts, or of two plain texts.

use std::path::Path;

use crate::align::{Aligned, align_texts};
use crate::content::yaml_path::Seg;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

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
    let (doc, diags) = super::read_document(path)?;
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
                &doc.file.path,
                doc.file.field_position(&[Seg::Key("abstract")]),
                "the document does not have both an Arabic and an English abstract",
            )
            .field("abstract")
            .hint("give `abstract: {ar: …, en: …}` in the front matter"),
        ]));
    };
    match align_texts(ar, en, false, doc.meta.alignment.as_ref(), glossary) {
        Ok(aligned) => Ok(Ok(aligned)),
        Err(message) => Ok(Err(vec![
            Diagnostic::error(
                &doc.file.path,
                doc.file.field_position(&[Seg::Key("alignment")]),
                message,
            )
            .field("alignment"),
        ])),
    }
}
