//! What every fuzz input must satisfy, shared by the fuzz targets (`fuzz/fuzz_targets/`) and
//! by the regression tests that replay saved inputs (`tests/it/fuzz_regressions.rs`).
//!
//! Each check runs one stage on arbitrary bytes and asserts more than "no panic": positions
//! are inside the file, offsets fall on character boundaries, ids are unique, escaped HTML
//! holds no tag, and alignments cover every sentence once, in order.

#![allow(dead_code, reason = "each fuzz target uses one check")]

use std::collections::BTreeSet;
use std::path::Path;

use warraq::content::document::{decode, document, home};
use warraq::content::split::split;
use warraq::diagnostics::{Diagnostic, FileDiagnostics};
use warraq::lang::Lang;
use warraq::markdown::{Input, render};

/// A diagnostic points inside `text` (line 1 ..= lines + 1, column ≥ 1) and prints.
fn positioned(diagnostic: &Diagnostic, text: &str) {
    let lines = text.split('\n').count();
    assert!(
        diagnostic.line >= 1 && diagnostic.line <= lines + 1 && diagnostic.column >= 1,
        "{diagnostic}"
    );
    assert!(!diagnostic.to_string().is_empty());
}

/// Content file bytes through decoding, front matter splitting, YAML and field validation.
pub fn check_front_matter(data: &[u8]) {
    let path = Path::new("content/fuzz.md");
    let text = match decode(path, data.to_vec()) {
        Ok(text) => text,
        Err(diagnostic) => {
            assert!(diagnostic.is_error());
            return;
        }
    };
    if let Ok(parts) = split(&text) {
        for offset in [parts.yaml_offset, parts.body_offset] {
            assert!(text.is_char_boundary(offset), "offset {offset}");
        }
        assert!(parts.yaml_offset <= parts.body_offset && parts.body_offset <= text.len());
        assert_eq!(&text[parts.body_offset..], parts.body);
    }
    for lang in [Lang::Ar, Lang::En] {
        let (doc, diagnostics) = document(path, text.clone(), lang);
        for d in &diagnostics {
            positioned(d, &text);
        }
        if doc.is_none() {
            assert!(diagnostics.iter().any(Diagnostic::is_error));
        }
    }
    let (settings, diagnostics) = home(path, text.clone());
    for d in &diagnostics {
        positioned(d, &text);
    }
    if settings.is_none() {
        assert!(diagnostics.iter().any(Diagnostic::is_error));
    }
}

/// The values of every `name` attribute in the start tags of `html`, in order, read with the
/// link checker's scanner (quoted or not, entities decoded).
fn attribute_values(html: &str, name: &str) -> Vec<String> {
    let mut values = Vec::new();
    warraq::links::scan::each_tag(html, |tag| {
        values.extend(tag.attr(name).map(|value| value.into_owned()));
    });
    values
}

/// A Markdown body through every pass: the first byte picks the language and raw HTML.
pub fn check_markdown(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let body = String::from_utf8_lossy(rest);
    let lang = if flags & 1 == 0 { Lang::Ar } else { Lang::En };
    let raw_html = flags & 2 != 0;
    let byline: &[(&str, usize)] = if flags & 4 != 0 { &[("1", 0)] } else { &[] };
    let mut diagnostics = FileDiagnostics::new(Path::new("fuzz.md"), &body);
    let rendered = render(
        &Input {
            body: &body,
            body_offset: 0,
            lang,
            byline_notes: byline,
            raw_html,
            aliases: &Default::default(),
            markup: warraq::markdown::markup::BodyMarkup::builtin(),
            files: None,
        },
        &mut diagnostics,
    );
    for d in &diagnostics.list {
        positioned(d, &body);
    }
    let notes = rendered.notes.items.concat() + &rendered.notes.byline.concat();
    let page = format!("{}{notes}", rendered.html);
    // The author's links to ids the page lacks are errors at the links, once the page is made.
    let mut broken = FileDiagnostics::new(Path::new("fuzz.md"), &body);
    let mut summary = warraq::links::Summary::of("fuzz/index.html", page.as_bytes());
    warraq::markdown::local_links::report_missing(&rendered.local_links, &mut summary, &mut broken);
    for d in &broken.list {
        positioned(d, &body);
    }
    if !raw_html {
        assert!(
            !page.to_ascii_lowercase().contains("<script"),
            "raw HTML got through: {page}"
        );
    }
    if !diagnostics.list.iter().any(Diagnostic::is_error) && !raw_html {
        let mut seen = BTreeSet::new();
        for id in attribute_values(&page, "id") {
            assert!(seen.insert(id.clone()), "the id `{id}` is used twice");
        }
        // Links into the notes lead somewhere, unless the build reported that link (an author
        // may write `[see](#fn-9)` by hand).
        let warned: BTreeSet<&str> = broken
            .list
            .iter()
            .filter_map(|d| d.message.strip_prefix("the link `#")?.split('`').next())
            .collect();
        for href in attribute_values(&page, "href") {
            let Some(target) = href.strip_prefix('#') else {
                continue;
            };
            if (target.starts_with("fn-") || target.starts_with("fnref-"))
                && !warned.contains(target)
            {
                assert!(seen.contains(target), "`#{target}` leads nowhere");
            }
        }
        for heading in &rendered.model.headings {
            assert!(
                seen.contains(heading.id.as_str()),
                "heading id `{}`",
                heading.id
            );
        }
    }
}

/// Two texts through sentence splitting and the aligner: bytes before the first NUL are the
/// Arabic side, after it the English; the first byte picks one-sentence-per-line mode.
pub fn check_align(data: &[u8]) {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let cut = rest.iter().position(|&b| b == 0).unwrap_or(rest.len() / 2);
    let ar = String::from_utf8_lossy(&rest[..cut]);
    let en = String::from_utf8_lossy(rest.get(cut + 1..).unwrap_or_default());
    let glossary = [("قره باغ".to_string(), "Karabakh".to_string())];
    let aligned = warraq::align::align_texts(&ar, &en, flags & 1 != 0, None, &glossary)
        .expect("an alignment that is not pinned always exists");
    let beads = &aligned.alignment.beads;
    let (mut next_ar, mut next_en) = (0, 0);
    for bead in beads {
        assert_eq!(
            bead.ar.start, next_ar,
            "Arabic sentences in order, none skipped"
        );
        assert_eq!(
            bead.en.start, next_en,
            "English sentences in order, none skipped"
        );
        assert!(!(bead.ar.is_empty() && bead.en.is_empty()), "an empty bead");
        assert!(
            (0.0..=1.0 + 1e-9).contains(&bead.confidence),
            "confidence {}",
            bead.confidence
        );
        assert!(!bead.cost.is_nan(), "a bead cost is NaN");
        next_ar = bead.ar.end;
        next_en = bead.en.end;
    }
    assert_eq!(
        next_ar,
        aligned.ar.len(),
        "every Arabic sentence is in a bead"
    );
    assert_eq!(
        next_en,
        aligned.en.len(),
        "every English sentence is in a bead"
    );
    for sentence in aligned.ar.iter().chain(&aligned.en) {
        assert!(!sentence.trim().is_empty(), "an empty sentence");
    }
    let _ = (aligned.table(), aligned.json());
}
