//! What `verify --strict` does not count as a difference because the document's structure
//! explains it: the punctuation that ended a run-in heading or joined the fields of a cover
//! line, which a heading or front matter field replaces, and a list item's marker, which a
//! Markdown list writes itself. Decides from the kind of block only (`Shape`, read from its
//! label) and the placement of source lines; `strict.rs` calls it.

use std::collections::BTreeSet;

use super::locate::Placement;
use super::signs::{Class, Sign, class};
use super::strict::Pairing;

/// What a block is, as far as signs go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// A heading or a front matter field from the source (title, author, publisher, place,
    /// date): set as structure, without the punctuation that ended or joined it as a run-in
    /// heading or on a cover line.
    Caption,
    /// A list item: its marker is the list's.
    ListItem,
    Text,
}

/// The shape of a block from its label (`markdown::text_blocks`' kinds, possibly after a
/// note's `note [^N] `, and `commands::verify`'s front matter field names).
pub(super) fn shape(label: &str) -> Shape {
    let kind = label.rsplit_once("] ").map_or(label, |(_, kind)| kind);
    match kind {
        "heading" | "title" | "title_en" | "date_text" | "publisher" | "place" => Shape::Caption,
        "list item" => Shape::ListItem,
        _ if kind.starts_with("author ") => Shape::Caption,
        _ => Shape::Text,
    }
}

/// An ordered list item's text starts with its number, `3. `, which Markdown's list supplies:
/// that full stop is not the text's.
pub(super) fn drop_list_number(text: &str, signs: &mut Vec<Sign>) {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && text[digits..].starts_with(". ") {
        signs.retain(|s| s.span.start != digits);
    }
}

/// Signs that may end or join a caption, or mark a list item.
const RUN_IN: [char; 9] = [
    ':', '.', ',', ';', '\u{60C}', '\u{61B}', '-', '\u{2013}', '\u{2014}',
];

/// Takes from the lost signs those that belonged to the document's structure: one run-in sign
/// ([`RUN_IN`]) per source line and caption fed by that line (`مقدمة:` set as a heading,
/// `«…» - بيروت` split into publisher and place, a heading and its paragraph on one line),
/// and one list marker per list item (a dash, a bullet, or the punctuation of a number).
pub(super) fn forgive_structure(placement: &Placement, shapes: &[Shape], pairings: &mut [Pairing]) {
    let mut used: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (j, signs) in pairings.iter_mut().map(|p| &mut p.lost).enumerate() {
        let mut marker_left = shapes[j] == Shape::ListItem;
        signs.retain(|(i, sign)| {
            let is_marker = matches!(class(sign.c), Some(Class::Dash | Class::Symbol))
                || matches!(sign.c, '.' | ')' | '(');
            if marker_left && is_marker {
                marker_left = false;
                return false;
            }
            if !RUN_IN.contains(&sign.c) {
                return true;
            }
            let caption = (placement.words[*i].iter().flatten())
                .copied()
                .chain([j])
                .find(|&k| shapes[k] == Shape::Caption && !used.contains(&(k, *i)));
            match caption {
                Some(k) => {
                    used.insert((k, *i));
                    false
                }
                None => true,
            }
        });
    }
}
