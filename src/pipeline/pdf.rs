//! The PDF beside the paper: the file named by a document's `pdf:` read from `content/`,
//! checked to be a PDF (its `%PDF-` signature), and published as `<slug>/<slug>.pdf`.
//!
//! A missing file or one that is not a PDF is an error at the `pdf:` field; the paper's
//! pages then show no link to it.

use std::path::Path;

use crate::content::archive::Placed;
use crate::content::document::Document;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// What every PDF starts with (ISO 32000-1, 7.5.2: the header line `%PDF-1.7`).
const SIGNATURE: &[u8] = b"%PDF-";

/// A document's PDF, read and checked.
pub(crate) struct Pdf {
    /// Its name beside the paper: `<slug>.pdf`.
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

/// The PDF of `doc`, read from the folder `content`; `None` when it has none, or after
/// reporting why it cannot be published.
pub(crate) fn read(doc: &Document, content: &Path, diags: &mut Vec<Diagnostic>) -> Option<Pdf> {
    let placed: &Placed = doc.meta.pdf.as_ref()?;
    let error = |message: String, hint: &str| {
        Diagnostic::error(&doc.file.path, placed.at, message)
            .field("pdf")
            .hint(hint)
    };
    let path = content.join(placed.as_str());
    let bytes = match crate::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let reason = match &err {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            };
            diags.push(error(
                format!("cannot read the PDF `{}`: {reason}", placed.as_str()),
                "give the path of the PDF relative to content/, e.g. `_sources/paper.pdf`",
            ));
            return None;
        }
    };
    if !bytes.starts_with(SIGNATURE) {
        diags.push(error(
            format!(
                "`{}` is not a PDF: it does not begin with `%PDF-`",
                placed.as_str()
            ),
            "name the paper's PDF file itself, not a web page or an archive holding it",
        ));
        return None;
    }
    Some(Pdf {
        name: format!("{}.pdf", doc.meta.slug),
        bytes,
    })
}
