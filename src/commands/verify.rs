//! `warraq verify`: proves each converted document holds exactly the letters of its source
//! (with `--strict`, also its punctuation, brackets, quotation marks, dashes and harakat).
//!
//! Reads the documents and their `source.file`, turns the published text into blocks (front
//! matter fields that come from the source, then every Markdown block) and hands both to
//! [`crate::verify`], which does the comparison.

use std::path::{Path, PathBuf};

use crate::content::document::Document;
use crate::content::yaml_path::Seg;
use crate::diagnostics::Diagnostic;
use crate::error::Error;
use crate::pipeline;
use crate::verify::{self as fidelity, Original, Report};

pub use crate::verify::Mode;

/// What `verify` found for one document.
pub struct Verified {
    /// The document file.
    pub path: PathBuf,
    /// The source file it was compared with.
    pub source_path: PathBuf,
    /// The comparison.
    pub report: Report,
}

/// Verifies the documents named in `only` (all documents with a `source` when empty); `mode`
/// says whether to compare the signs too (`--strict`).
///
/// Content errors that prevent verifying are returned as diagnostics.
pub fn run(
    root: &Path,
    only: &[PathBuf],
    mode: Mode,
) -> Result<(Vec<Verified>, Vec<Diagnostic>), Error> {
    let mut diags = Vec::new();
    let Some(site) = pipeline::load(root, true, &mut diags)? else {
        return Ok((Vec::new(), diags));
    };
    let wanted = |doc: &Document| {
        only.is_empty()
            || only
                .iter()
                .any(|p| same_file(p, &doc.file.path) || same_file(p, &root.join(&doc.file.path)))
    };
    let mut results = Vec::new();
    for doc in site.documents.iter().filter(|d| wanted(d)) {
        let Some(source) = &doc.meta.source else {
            if !only.is_empty() {
                diags.push(
                    Diagnostic::error(
                        &doc.file.path,
                        (1, 1),
                        "the document names no `source`, so there is nothing to verify against",
                    )
                    .hint("add `source: {file: _sources/<name>.txt}` to its front matter"),
                );
            }
            continue;
        };
        let source_path = root.join("content").join(&source.file);
        let text = match crate::fs::read(&source_path).map(String::from_utf8) {
            Ok(Ok(text)) => text,
            _ => {
                let position = doc
                    .file
                    .field_position(&[Seg::Key("source"), Seg::Key("file")]);
                diags.push(
                    Diagnostic::error(
                        &doc.file.path,
                        position,
                        format!(
                            "cannot read the source {} as UTF-8 text",
                            source_path.display()
                        ),
                    )
                    .field("source.file")
                    .hint("the path is relative to content/, e.g. `_sources/paper.txt`"),
                );
                continue;
            }
        };
        let text = crate::fs::strip_bom(&text);
        let source_spec = Original {
            text,
            removed: source.removed.clone(),
            repairs: source.repairs.clone(),
        };
        let mut report = fidelity::verify_in(mode, &source_spec, &fidelity::published_blocks(doc));
        report.supplied = fidelity::left_out(doc);
        let shown = source_path
            .strip_prefix(".")
            .map(Path::to_path_buf)
            .unwrap_or(source_path);
        results.push(Verified {
            path: doc.file.path.clone(),
            source_path: shown,
            report,
        });
    }
    Ok((results, diags))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
