//! What `warraq import` tells the editor: each repair with its source lines, each removal, the
//! structure found, and the list "for the editor" of what it could not decide. Built from the
//! same facts as the draft; prints, computes nothing new.

use std::fmt::{self, Write as _};

use super::blocks::BlockKind;
use super::clean::Fix;
use super::render::{self, Facts};
use super::visual::Sign;

/// The import's account of itself.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Repairs: what, and on which source lines.
    pub(crate) repairs: Vec<(String, Vec<usize>)>,
    /// Removals: lines and why.
    pub(crate) removed: Vec<String>,
    /// The structure found, one line each.
    pub(crate) found: Vec<String>,
    /// What an editor must look at.
    pub(crate) for_editor: Vec<String>,
    /// Lines that look extracted in display order (1-based).
    pub visual_lines: Vec<usize>,
}

/// `1, 2, 5-9`.
fn ranges(lines: &[usize]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j + 1 < lines.len() && lines[j + 1] == lines[j] + 1 {
            j += 1;
        }
        if !out.is_empty() {
            out.push_str(", ");
        }
        if j > i {
            let _ = write!(out, "{}-{}", lines[i], lines[j]);
        } else {
            let _ = write!(out, "{}", lines[i]);
        }
        i = j + 1;
    }
    out
}

fn lines_with(facts: &Facts<'_>, pick: fn(&Fix) -> Option<usize>) -> Vec<usize> {
    facts
        .source
        .lines
        .iter()
        .zip(&facts.source.kinds)
        .filter(|(l, k)| **k != super::Kind::Removed && l.fixes.iter().any(|f| pick(f).is_some()))
        .map(|(l, _)| l.number)
        .collect()
}

/// Finds one kind of fix, with how many changes it made.
type Pick = fn(&Fix) -> Option<usize>;

pub(crate) fn build(facts: &Facts<'_>, visual: &[(usize, Vec<Sign>)]) -> Report {
    let mut report = Report::default();
    let kinds: [(&str, Pick); 6] = [
        (
            "tatweel used for justification removed",
            render::pick_tatweel,
        ),
        (
            "tatweel of a prefix before a number kept as a joiner",
            render::pick_joiner,
        ),
        (
            "missing space after punctuation restored",
            render::pick_space_after,
        ),
        ("space before a comma removed", render::pick_space_before),
        ("runs of spaces made one", render::pick_spaces),
        (
            "presentation forms replaced by letters (declared in source.repairs)",
            render::pick_forms,
        ),
    ];
    for (what, pick) in kinds {
        let (total, _) = render::fix_count(facts.source, pick);
        let lines = lines_with(facts, pick);
        if !lines.is_empty() {
            report.repairs.push((format!("{what} ({total})"), lines));
        }
    }
    let joined: Vec<usize> = facts
        .linked
        .blocks
        .iter()
        .filter(|b| b.lines.len() > 1)
        .flat_map(|b| b.lines.iter().copied())
        .collect();
    if !joined.is_empty() {
        report
            .repairs
            .push(("lines joined into paragraphs".to_owned(), joined));
    }
    let moved: Vec<usize> = facts
        .linked
        .notes
        .iter()
        .flat_map(|n| n.lines.iter().copied())
        .collect();
    if !moved.is_empty() {
        report.repairs.push((
            format!(
                "footnote definitions placed after the paragraphs citing them ({})",
                facts.linked.notes.len()
            ),
            moved,
        ));
    }
    for r in &facts.source.removed {
        let lines = if r.first == r.last {
            format!("line {}", r.first)
        } else {
            format!("lines {}-{}", r.first, r.last)
        };
        let text = r
            .text
            .as_ref()
            .map(|t| format!(" «{t}»"))
            .unwrap_or_default();
        report.removed.push(format!("{lines}: {}{text}", r.reason));
    }
    found(facts, &mut report);
    for_editor(facts, visual, &mut report);
    report.visual_lines = visual.iter().map(|(n, _)| *n).collect();
    report
}

fn found(facts: &Facts<'_>, report: &mut Report) {
    let cover = facts.cover;
    let mut add = |s: String| report.found.push(s);
    if let Some((title, line)) = &cover.title {
        add(format!("title (line {line}): {title}"));
    }
    for a in &cover.authors {
        add(format!("author: {}", a.name));
    }
    if let (Some((text, line)), Some(date)) = (&cover.date_text, &cover.date) {
        add(format!("date (line {line}): {text} → {date}"));
    }
    if let Some((publisher, line)) = &cover.publisher {
        add(format!("publisher (line {line}): {publisher}"));
    }
    if let Some(place) = &cover.place {
        add(format!("place: {place}"));
    }
    for (which, _, lines) in facts.abstracts {
        add(format!("abstract ({which:?}): lines {}", ranges(lines)));
    }
    let blocks = &facts.linked.blocks;
    for b in blocks {
        if let BlockKind::Heading(level) = b.kind {
            add(format!(
                "heading h{level} (line {}): {}",
                b.lines[0], b.text
            ));
        }
    }
    let paragraphs = blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .count();
    let items = blocks.iter().filter(|b| b.kind == BlockKind::Item).count();
    add(format!(
        "{paragraphs} paragraphs, {items} list items, {} footnotes",
        facts.linked.notes.len()
    ));
}

fn for_editor(facts: &Facts<'_>, visual: &[(usize, Vec<Sign>)], report: &mut Report) {
    let cover = facts.cover;
    let mut add = |s: String| report.for_editor.push(s);
    if cover.title.is_none() {
        add(format!(
            "title: the source has none; `title` holds the placeholder «{}» (title_origin: editor)",
            render::TITLE_PLACEHOLDER
        ));
    }
    add("title_en: write the English title (it holds a placeholder)".to_owned());
    if cover.date.is_none() {
        add("date: the source states none (`date: not stated`); set it if it is known".to_owned());
    }
    if cover.authors.is_empty() {
        add("authors: none found on a cover; add them if the source names them".to_owned());
    }
    for i in 0..cover.authors.len() {
        add(format!(
            "authors[{i}]: add `name_en`, the romanised name, and replace the placeholder `id: {}` by an id made from it (the author page's address)",
            render::author_id_placeholder(i)
        ));
    }
    for line in &cover.unplaced {
        add(format!(
            "line {line}: a cover line that fits no field was left in the text: move it if it is the subtitle, an author or a date"
        ));
    }
    for &i in facts.captions {
        add(format!(
            "line {}: «{}» was removed as a portrait caption; restore it if it is text",
            i + 1,
            facts.source.lines[i].text
        ));
    }
    for (line, kind) in facts.source.lines.iter().zip(&facts.source.kinds) {
        if *kind == super::Kind::Removed {
            continue;
        }
        let words = line.text.split_whitespace();
        for word in words.map(|w| w.trim_matches(|c: char| !c.is_alphabetic())) {
            if !mixed_script(word) {
                continue;
            }
            add(format!(
                "line {}: «{word}» mixes Arabic letters with letters of another script (OCR homoglyphs?); declare the fix in `source.repairs`",
                line.number
            ));
        }
    }
    for &(line, number) in &facts.linked.orphans {
        add(format!(
            "line {line}: the note marker {number} cites no definition; it is left as it was"
        ));
    }
    for note in facts.linked.notes.iter().filter(|n| !n.cited) {
        add(format!(
            "line {}: note {} is cited by no marker; it stays as an unreferenced note",
            note.lines[0], note.number
        ));
    }
    let headings: Vec<&super::blocks::Block> = facts
        .linked
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .collect();
    if !headings.is_empty() {
        add("headings: check each heading and its proposed id; add English titles under `sections:`".to_owned());
    }
    if !visual.is_empty() {
        let lines: Vec<usize> = visual.iter().map(|(n, _)| *n).collect();
        let mut signs: Vec<Sign> = visual.iter().flat_map(|(_, s)| s.iter().copied()).collect();
        signs.sort();
        signs.dedup();
        let why: Vec<&str> = signs.iter().map(|s| s.describe()).collect();
        add(format!(
            "{} lines look extracted in visual (display) order and were kept as they are; repair them line by line against the original ({}): lines {}",
            lines.len(),
            why.join("; "),
            ranges(&lines)
        ));
    }
    add("then run `warraq verify --strict`, read the draft against the source, and remove `draft: true`".to_owned());
}

/// A word with Arabic letters and letters of a script that is neither Arabic nor Latin.
fn mixed_script(word: &str) -> bool {
    let arabic = word.chars().any(crate::chars::is_arabic_letter);
    let other = word.chars().any(|c| {
        use crate::chars::{is_arabic_letter, is_arabic_mark, is_latin_letter, is_latin_mark};
        c.is_alphabetic()
            && !is_arabic_letter(c)
            && !is_latin_letter(c)
            && !is_arabic_mark(c)
            && !is_latin_mark(c)
            && !crate::chars::is_tatweel(c)
    });
    arabic && other
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.found.is_empty() {
            writeln!(f, "found:")?;
            for s in &self.found {
                writeln!(f, "  {s}")?;
            }
        }
        if !self.repairs.is_empty() {
            writeln!(f, "repaired:")?;
            for (what, lines) in &self.repairs {
                writeln!(f, "  {what}: lines {}", ranges(lines))?;
            }
        }
        if !self.removed.is_empty() {
            writeln!(f, "removed (declared in source.removed):")?;
            for s in &self.removed {
                writeln!(f, "  {s}")?;
            }
        }
        writeln!(f, "for the editor:")?;
        for s in &self.for_editor {
            writeln!(f, "  - {s}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn line_lists_are_compact() {
        assert_eq!(super::ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(super::ranges(&[]), "");
    }
}
