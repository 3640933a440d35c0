//! Search stage: each document's passages taken from its document model in the document stage
//! ([`document_index`]), and the site's index files made from all of them in the site-wide
//! stage ([`index_files`]). The search pages themselves are listings (`listings.rs`). Nothing
//! here runs when the settings say `search: false`.

use crate::content::document::Document;
use crate::error::Error;
use crate::markdown::{Block, BlockKind, Body};
use crate::output::sink::Sink;
use crate::render::context::AbstractRow;
use crate::search::{self, DocumentIndex, Kind, Paper, Passage};

use super::document::DocumentOutput;

/// The passages of `doc` (title, abstract pairs, every block of `body` with text, notes),
/// analysed for the index.
pub(crate) fn document_index(doc: &Document, body: &Body, rows: &[AbstractRow]) -> DocumentIndex {
    let meta = &doc.meta;
    let paper = Paper {
        slug: meta.slug.as_str(),
        title: &meta.title,
        title_en: &meta.title_en,
        lang: meta.lang,
    };
    search::analyse(paper, &passages(doc, body, rows))
}

/// Every place of the paper's page a result can lead to, in reading order.
fn passages(doc: &Document, body: &Body, rows: &[AbstractRow]) -> Vec<Passage> {
    let meta = &doc.meta;
    let passage = |fragment: &str, kind, section: &str, section_en: &str, text: String| Passage {
        fragment: fragment.to_string(),
        kind,
        section: section.to_string(),
        section_en: section_en.to_string(),
        text,
    };
    let mut out = Vec::with_capacity(body.blocks.len() + body.notes.len() + rows.len() + 1);
    out.push(passage(
        "title",
        Kind::Title,
        "",
        "",
        format!("{} {}", meta.title, meta.title_en),
    ));
    if rows.is_empty() {
        if let Some(text) = meta.abstract_.as_ref().map(|a| {
            let parts = [a.ar.as_deref(), a.en.as_deref()];
            parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
        }) && !text.is_empty()
        {
            out.push(passage("abstract", Kind::Abstract, "", "", text));
        }
    } else {
        for row in rows {
            let fragment = format!("abstract-s{}", row.n);
            let text = format!("{} {}", row.ar, row.en);
            out.push(passage(&fragment, Kind::Abstract, "", "", text));
        }
    }
    // Each heading's text, by block, for the passages under it.
    let mut headings: Vec<Option<String>> = vec![None; body.blocks.len()];
    for (i, block) in body.blocks.iter().enumerate() {
        let kind = match block.kind {
            BlockKind::Heading { .. } => Kind::Heading,
            BlockKind::Html => continue,
            _ => Kind::Paragraph,
        };
        let text = body.text(block);
        if kind == Kind::Heading {
            headings[i] = Some(text.clone());
        }
        if text.is_empty() {
            continue;
        }
        let section_id = body.section_id(block).unwrap_or_default();
        let section = block
            .section
            .and_then(|s| headings.get(s).cloned().flatten())
            .unwrap_or_default();
        let section_en = meta.sections.get(section_id).map_or("", String::as_str);
        let fragment = fragment(block, section_id);
        out.push(passage(fragment, kind, &section, section_en, text));
    }
    for note in &body.notes {
        let text = body.note_text(note);
        if !text.is_empty() {
            out.push(passage(&note.id, Kind::Note, "", "", text));
        }
    }
    out
}

/// Where a block's passage leads: its own id, or else its section's heading, or else the
/// body.
fn fragment<'b>(block: &'b Block, section_id: &'b str) -> &'b str {
    match (&block.id, section_id) {
        (Some(id), _) => id,
        (None, "") => "content",
        (None, section) => section,
    }
}

/// The index files of the site made from `documents`' outputs, put in `sink`.
pub(crate) fn index_files(documents: &[&DocumentOutput], sink: &Sink) -> Result<(), Error> {
    let indexes: Vec<&DocumentIndex> = documents.iter().filter_map(|d| d.search.as_ref()).collect();
    search::files(&indexes, |path, bytes| sink.put_owned(&path, bytes))
}
