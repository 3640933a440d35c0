//! Footnotes: definitions printed at page feet (`² عدنان أبو عامر، …`), their continuation
//! lines, and the superscript markers in the text that cite them.
//!
//! A definition starts with a superscript number; the lines after it continue it while they
//! follow closely (at most two blank lines) or are a bare link, and stop at the next definition
//! or a heading. The k-th marker with a number cites the k-th definition with that number, so
//! numbering that restarts on every page still pairs up. Each cited definition is placed after
//! the block citing it; a marker on the byline attaches its note to the author.

use std::collections::BTreeMap;

use super::blocks::Block;
use super::cover::Cover;
use super::{Kind, Source, superscript_value};

/// Blank lines at most between the lines of one definition (a page break leaves more).
const NOTE_GAP: usize = 2;

/// The value of a superscript run at the start of `text`, and the text after it.
pub(crate) fn leading_marker(text: &str) -> Option<(u32, &str)> {
    let end = text
        .char_indices()
        .find(|&(_, c)| superscript_value(c).is_none())
        .map_or(text.len(), |(at, _)| at);
    if end == 0 {
        return None;
    }
    let value = text[..end]
        .chars()
        .filter_map(superscript_value)
        .fold(0u32, |n, d| n.saturating_mul(10).saturating_add(d));
    let rest = &text[end..];
    rest.starts_with(char::is_whitespace)
        .then_some((value, rest.trim_start()))
}

pub(super) fn mark_definitions(source: &mut Source) {
    let mut open = false;
    let mut gap = 0;
    for i in 0..source.lines.len() {
        let kind = source.kinds[i];
        if kind == Kind::Blank {
            gap += 1;
            continue;
        }
        if kind != Kind::Text {
            open = false;
            gap = 0;
            continue;
        }
        let text = &source.lines[i].text;
        if leading_marker(text).is_some() {
            source.kinds[i] = Kind::NoteStart;
            open = true;
        } else if open
            && (gap <= NOTE_GAP || text.starts_with('<') || text.starts_with("http"))
            && !super::headings::keyword_or_ordinal(text)
        {
            source.kinds[i] = Kind::NoteMore;
        } else {
            open = false;
        }
        gap = 0;
    }
}

/// One footnote definition.
#[derive(Clone, Debug)]
pub(crate) struct Note {
    /// The label written in `[^label]`.
    pub(crate) label: String,
    /// Its printed number.
    pub(crate) number: u32,
    /// 1-based source lines.
    pub(crate) lines: Vec<usize>,
    pub(crate) text: String,
    /// Whether a marker in the text or on the byline cites it.
    pub(crate) cited: bool,
}

/// The blocks with their markers turned into references, and where each note goes.
pub(crate) struct Linked {
    pub(crate) blocks: Vec<Block>,
    pub(crate) notes: Vec<Note>,
    /// For each block, the notes (indices into `notes`) placed after it.
    pub(crate) after: Vec<Vec<usize>>,
    /// Note labels of each author's byline.
    pub(crate) byline: Vec<Option<String>>,
    /// Markers that cite no definition: (source line, number).
    pub(crate) orphans: Vec<(usize, u32)>,
    /// Notes placed before any block when nothing cites them.
    pub(crate) leading: Vec<usize>,
}

fn definitions(source: &Source) -> Vec<Note> {
    let mut notes: Vec<Note> = Vec::new();
    for (line, kind) in source.lines.iter().zip(&source.kinds) {
        match kind {
            Kind::NoteStart => {
                let (number, rest) = leading_marker(&line.text).unwrap_or((0, &line.text));
                notes.push(Note {
                    label: String::new(),
                    number,
                    lines: vec![line.number],
                    text: rest.to_owned(),
                    cited: false,
                });
            }
            Kind::NoteMore => {
                if let Some(note) = notes.last_mut() {
                    note.lines.push(line.number);
                    note.text.push(' ');
                    note.text.push_str(&line.text);
                }
            }
            _ => {}
        }
    }
    let mut totals: BTreeMap<u32, usize> = BTreeMap::new();
    for note in &notes {
        *totals.entry(note.number).or_insert(0) += 1;
    }
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for note in &mut notes {
        let k = seen.entry(note.number).or_insert(0);
        *k += 1;
        note.label = if totals[&note.number] == 1 {
            note.number.to_string()
        } else {
            format!("{}-{}", note.number, k)
        };
    }
    notes
}

/// Pairs markers with definitions and rewrites the markers as `[^label]`.
pub(super) fn link(source: &Source, mut blocks: Vec<Block>, cover: &Cover) -> Linked {
    let mut notes = definitions(source);
    // The definitions with each number, in order, and how many of them are taken.
    let mut by_number: BTreeMap<u32, (Vec<usize>, usize)> = BTreeMap::new();
    for (n, note) in notes.iter().enumerate() {
        by_number.entry(note.number).or_default().0.push(n);
    }
    let mut take = |number: u32, notes: &mut Vec<Note>| -> Option<usize> {
        let (list, used) = by_number.get_mut(&number)?;
        let n = *list.get(*used)?;
        *used += 1;
        notes[n].cited = true;
        Some(n)
    };
    let byline = cover
        .authors
        .iter()
        .map(|a| {
            let labels: Vec<String> = a
                .markers
                .iter()
                .filter_map(|&m| take(m, &mut notes).map(|n| notes[n].label.clone()))
                .collect();
            labels.into_iter().next()
        })
        .collect();
    let mut after = vec![Vec::new(); blocks.len()];
    let mut placed = vec![false; notes.len()];
    let mut orphans = Vec::new();
    for (j, block) in blocks.iter_mut().enumerate() {
        let mut out = String::with_capacity(block.text.len());
        let mut chars = block.text.chars().peekable();
        while let Some(c) = chars.next() {
            let Some(d) = superscript_value(c) else {
                // A `[^` the extraction itself has would cite a note that does not exist.
                if c == '[' && chars.peek() == Some(&'^') {
                    out.push('\\');
                }
                out.push(c);
                continue;
            };
            let mut value = d;
            let mut run = c.to_string();
            while let Some(&next) = chars.peek() {
                let Some(d) = superscript_value(next) else {
                    break;
                };
                value = value.saturating_mul(10).saturating_add(d);
                run.push(next);
                chars.next();
            }
            match take(value, &mut notes) {
                Some(n) => {
                    out.push_str(&format!("[^{}]", notes[n].label));
                    after[j].push(n);
                    placed[n] = true;
                }
                None => {
                    orphans.push((block.lines[0], value));
                    out.push_str(&run);
                }
            }
        }
        block.text = out;
    }
    // Definitions no text cites (the byline's, or none's) go after the block before them.
    let mut leading = Vec::new();
    for (n, note) in notes.iter().enumerate() {
        if placed[n] {
            continue;
        }
        // Blocks are in source order.
        match blocks.partition_point(|b| b.lines[0] < note.lines[0]) {
            0 => leading.push(n),
            j => after[j - 1].push(n),
        }
    }
    Linked {
        blocks,
        notes,
        after,
        byline,
        orphans,
        leading,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definition_lines_start_with_a_superscript_number() {
        assert_eq!(leading_marker("¹² نص"), Some((12, "نص")));
        assert_eq!(leading_marker("⁵ سعيد"), Some((5, "سعيد")));
        assert_eq!(leading_marker("نص¹"), None);
        assert_eq!(leading_marker("¹نص"), None);
    }
}
