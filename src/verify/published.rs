//! The published text of a converted document, block by block, as [`super::verify`] compares
//! it: the front matter fields that come from the source (a title the editor supplied, and the
//! fields `editor_supplied:` names, are left out), then the plain text of every Markdown block (`markdown::text_blocks`, which leaves the
//! editor's marks and supplied words out). Pure: the caller has read the document.

use crate::content::document::Document;
use crate::content::schema::Origin;
use crate::content::yaml_path::Seg;
use crate::markdown;
use crate::source_map::SourceMap;

use super::Published;

/// The published text of a document that comes from its source, block by block.
pub(crate) fn published_blocks(doc: &Document) -> Vec<Published> {
    let map = SourceMap::new(&doc.file.text);
    let line_of = |path: &[Seg]| map.position(doc.file.field_offset(path)).0;
    let meta = &doc.meta;
    let mut blocks = Vec::new();
    let mut field = |label: String, path: &[Seg], value: &str| {
        if meta.editor_supplied.contains(&label) {
            return;
        }
        blocks.push(Published {
            label,
            line: line_of(path),
            text: value.to_string(),
        });
    };
    if meta.title_origin == Origin::Source {
        field("title".into(), &[Seg::Key("title")], &meta.title);
    }
    if meta.title_en_origin == Origin::Source {
        field("title_en".into(), &[Seg::Key("title_en")], &meta.title_en);
    }
    for (i, author) in meta.authors.iter().enumerate() {
        field(
            format!("author {}", i + 1),
            &[Seg::Key("authors"), Seg::Index(i), Seg::Key("name")],
            &author.name,
        );
    }
    let optional = [
        ("date_text", &meta.date_text),
        ("publisher", &meta.publisher),
        ("place", &meta.place),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            field(key.into(), &[Seg::Key(key)], value);
        }
    }
    if let Some(abstract_) = &meta.abstract_ {
        for (key, value) in [("ar", &abstract_.ar), ("en", &abstract_.en)] {
            if let Some(value) = value {
                field(
                    format!("abstract.{key}"),
                    &[Seg::Key("abstract"), Seg::Key(key)],
                    value,
                );
            }
        }
    }
    let base = doc.file.body_offset;
    for block in markdown::text_blocks(doc.file.body()) {
        blocks.push(Published {
            label: block.label,
            line: map.position(base + block.offset).0,
            text: block.text,
        });
    }
    blocks
}

/// The fields `editor_supplied:` left out of [`published_blocks`]: those named that the
/// document has and `verify` would otherwise have compared, in the order they were named.
pub(crate) fn left_out(doc: &Document) -> Vec<String> {
    let meta = &doc.meta;
    let abstract_ = meta.abstract_.as_ref();
    (meta.editor_supplied.iter())
        .filter(|name| match name.as_str() {
            "title" => meta.title_origin == Origin::Source,
            "title_en" => meta.title_en_origin == Origin::Source,
            "date_text" => meta.date_text.is_some(),
            "publisher" => meta.publisher.is_some(),
            "place" => meta.place.is_some(),
            "abstract.ar" => abstract_.is_some_and(|a| a.ar.is_some()),
            "abstract.en" => abstract_.is_some_and(|a| a.en.is_some()),
            // The English fields are never compared.
            _ => false,
        })
        .cloned()
        .collect()
}
