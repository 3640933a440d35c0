//! The draft as a file: YAML front matter (every string double-quoted and escaped, so no value
//! can change the structure) and the Markdown body, with block-start characters of the text
//! escaped so a line of prose never becomes a heading, list or quotation by accident.
//!
//! The front matter declares every removal and letter repair, and says in `editorial_notes`
//! what was done, in the words readers see.

use std::fmt::Write as _;

use super::blocks::BlockKind;
use super::clean::Fix;
use super::cover::Cover;
use super::notes::Linked;
use super::{Abstract, Options, Source};

/// Everything the import found, for the file and the report.
pub(crate) struct Facts<'a> {
    pub(crate) options: &'a Options,
    pub(crate) source: &'a Source,
    pub(crate) cover: &'a Cover,
    pub(crate) abstracts: &'a [(Abstract, String, Vec<usize>)],
    pub(crate) linked: &'a Linked,
    pub(crate) captions: &'a [usize],
    pub(crate) visual_damage: bool,
}

/// The placeholder id of the `i`th author (from 0), whose romanised name the source does not
/// give.
pub(crate) fn author_id_placeholder(i: usize) -> String {
    format!("author-{}", i + 1)
}

/// The placeholder of a title the source does not give.
pub(crate) const TITLE_PLACEHOLDER: &str = "[عنوان يضعه المحرر]";
/// The placeholder of the English title.
pub(crate) const TITLE_EN_PLACEHOLDER: &str = "[English title: to be written by the editor]";

/// `text` as a YAML double-quoted scalar.
pub(crate) fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Escapes what would make a line of prose into other Markdown: a block marker at its start
/// and character references (`&amp;`) anywhere.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let first = text.chars().next().unwrap_or(' ');
    let second = text.chars().nth(1);
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rule = !text.is_empty() && text.chars().all(|c| matches!(c, '-' | '*' | '_' | ' '));
    let link_definition = first == '[' && !text.starts_with("[^") && text.find("]:").is_some();
    if matches!(first, '#' | '>' | '=' | '|')
        || (matches!(first, '-' | '+' | '*') && second.is_none_or(|c| c == ' '))
        || rule
        || link_definition
    {
        out.push('\\');
    }
    let mut rest = text;
    if digits > 0 && digits <= 9 {
        let after = &text[digits..];
        if after.starts_with(['.', ')']) && after[1..].chars().next().is_none_or(|c| c == ' ') {
            out.push_str(&text[..digits]);
            out.push('\\');
            rest = after;
        }
    }
    out.push_str(&escape_references(rest));
    out
}

/// `&amp;` as text: a character reference would be read as the character it names; and
/// `{sic}` or `{+` as text, which would be read as the editor's marks.
pub(crate) fn escape_references(text: &str) -> String {
    use crate::markdown::editorial::{SIC, SUPPLIED_OPEN};
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let mark = c == '{' && (text[i..].starts_with(SIC) || text[i..].starts_with(SUPPLIED_OPEN));
        if (c == '&' && is_reference(&bytes[i + 1..])) || mark {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `amp;` or `#38;`: the rest of a character reference after `&`.
fn is_reference(after: &[u8]) -> bool {
    let name = after
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    name > 0 && after.get(name) == Some(&b';')
}

pub(crate) fn document(facts: &Facts<'_>) -> String {
    let mut out = String::from("---\n");
    front_matter(facts, &mut out);
    out.push_str("---\n");
    body(facts, &mut out);
    out
}

fn front_matter(facts: &Facts<'_>, out: &mut String) {
    let cover = facts.cover;
    let linked = facts.linked;
    let _ = writeln!(out, "slug: {}", facts.options.slug);
    out.push_str("lang: ar\n");
    match &cover.title {
        Some((title, _)) => {
            let _ = writeln!(out, "title: {}", quote(title));
            let _ = writeln!(out, "title_en: {}", quote(TITLE_EN_PLACEHOLDER));
            out.push_str("title_origin: source\ntitle_en_origin: translation\n");
        }
        None => {
            let _ = writeln!(out, "title: {}", quote(TITLE_PLACEHOLDER));
            let _ = writeln!(out, "title_en: {}", quote(TITLE_EN_PLACEHOLDER));
            out.push_str("title_origin: editor\ntitle_en_origin: editor\n");
        }
    }
    if cover.authors.is_empty() {
        out.push_str("authors: []\n");
    } else {
        out.push_str("authors:\n");
        for (i, (author, note)) in cover.authors.iter().zip(&linked.byline).enumerate() {
            let _ = writeln!(out, "  - name: {}", quote(&author.name));
            // The author page's id: a placeholder until the editor gives the romanised name.
            let _ = writeln!(out, "    id: {}", author_id_placeholder(i));
            if let Some(label) = note {
                let _ = writeln!(out, "    note: {}", quote(label));
            }
        }
    }
    let _ = writeln!(
        out,
        "date: {}",
        cover.date.as_deref().unwrap_or("not stated")
    );
    if let Some((text, _)) = &cover.date_text {
        let _ = writeln!(out, "date_text: {}", quote(text));
    }
    if let Some((publisher, _)) = &cover.publisher {
        let _ = writeln!(out, "publisher: {}", quote(publisher));
    }
    if let Some(place) = &cover.place {
        let _ = writeln!(out, "place: {}", quote(place));
    }
    if !facts.abstracts.is_empty() {
        out.push_str("abstract:\n");
        for which in [Abstract::Ar, Abstract::En] {
            if let Some((_, text, _)) = facts.abstracts.iter().find(|(w, _, _)| *w == which) {
                let key = if which == Abstract::Ar { "ar" } else { "en" };
                let _ = writeln!(out, "  {key}: {}", quote(text));
            }
        }
    }
    let notes = editorial_notes(facts);
    if !notes.is_empty() {
        out.push_str("editorial_notes:\n");
        for note in notes {
            let _ = writeln!(out, "  - {}", quote(&note));
        }
    }
    out.push_str("source:\n");
    let _ = writeln!(out, "  file: {}", quote(&facts.options.source_file));
    let source = facts.source;
    if !source.removed.is_empty() {
        out.push_str("  removed:\n");
        for r in &source.removed {
            if r.first == r.last {
                let _ = writeln!(out, "    - line: {}", r.first);
            } else {
                let _ = writeln!(out, "    - lines: {}-{}", r.first, r.last);
            }
            if let Some(text) = &r.text {
                let _ = writeln!(out, "      text: {}", quote(text));
            }
            let _ = writeln!(out, "      reason: {}", quote(&r.reason));
        }
    }
    let repairs: Vec<(usize, &str, &str)> = source
        .lines
        .iter()
        .flat_map(|l| {
            l.fixes.iter().filter_map(move |f| match f {
                Fix::Forms { from, to } => Some((l.number, from.as_str(), to.as_str())),
                _ => None,
            })
        })
        .filter(|(n, _, _)| source.kinds[n - 1] != super::Kind::Removed)
        .collect();
    if !repairs.is_empty() {
        out.push_str("  repairs:\n");
        for (line, from, to) in repairs {
            let _ = writeln!(out, "    - line: {line}");
            let _ = writeln!(out, "      from: {}", quote(from));
            let _ = writeln!(out, "      to: {}", quote(to));
            out.push_str(
                "      note: \"Arabic presentation forms replaced by the letters they show\"\n",
            );
        }
    }
    out.push_str("draft: true\n");
}

/// How many lines carry a fix of the kind `pick` finds, and how many fixes in all.
pub(crate) fn fix_count(source: &Source, pick: fn(&Fix) -> Option<usize>) -> (usize, usize) {
    let mut lines = 0;
    let mut total = 0;
    for (line, kind) in source.lines.iter().zip(&source.kinds) {
        if *kind == super::Kind::Removed {
            continue;
        }
        let n: usize = line.fixes.iter().filter_map(pick).sum();
        if n > 0 {
            lines += 1;
            total += n;
        }
    }
    (total, lines)
}

pub(crate) fn pick_tatweel(f: &Fix) -> Option<usize> {
    match f {
        Fix::Tatweel(n) => Some(*n),
        _ => None,
    }
}

pub(crate) fn pick_space_after(f: &Fix) -> Option<usize> {
    match f {
        Fix::SpaceAfter(n) => Some(*n),
        _ => None,
    }
}

pub(crate) fn pick_space_before(f: &Fix) -> Option<usize> {
    match f {
        Fix::SpaceBefore(n) => Some(*n),
        _ => None,
    }
}

pub(crate) fn pick_spaces(f: &Fix) -> Option<usize> {
    match f {
        Fix::Spaces(n) => Some(*n),
        _ => None,
    }
}

pub(crate) fn pick_joiner(f: &Fix) -> Option<usize> {
    matches!(f, Fix::PrefixJoiner).then_some(1)
}

pub(crate) fn pick_forms(f: &Fix) -> Option<usize> {
    matches!(f, Fix::Forms { .. }).then_some(1)
}

fn editorial_notes(facts: &Facts<'_>) -> Vec<String> {
    let source = facts.source;
    let linked = facts.linked;
    let mut notes = Vec::new();
    if facts.visual_damage {
        notes.push("This text was extracted from a PDF in visual (display) order: on many lines the runs of words are out of order, numbers are glued to words and brackets are mirrored. Those lines are kept exactly as extracted and need a line-by-line repair against the original before the paper can be read.".to_owned());
    }
    if facts.cover.title.is_none() {
        notes
            .push("The source has no title; the title is to be supplied by the editor.".to_owned());
    }
    if !facts.cover.repeats.is_empty() {
        notes.push("The title block appears twice in the source, on the cover and on the first page; it is shown once.".to_owned());
    }
    let (tatweel, tatweel_lines) = fix_count(source, pick_tatweel);
    if tatweel > 0 {
        notes.push(format!("Tatweel (kashida) letters that the source inserted inside words to justify its lines were removed ({tatweel} on {tatweel_lines} lines)."));
    }
    let (joiners, _) = fix_count(source, pick_joiner);
    if joiners > 0 {
        notes.push("Before a number, the joined form of a one-letter prefix (as in «لـ 10») is kept with a zero-width joiner instead of a tatweel.".to_owned());
    }
    let joined = linked.blocks.iter().any(|b| b.lines.len() > 1);
    if joined {
        notes.push("The line breaks and page breaks of the extraction were joined into continuous paragraphs, and blank lines inside paragraphs were removed.".to_owned());
    }
    let (after, _) = fix_count(source, pick_space_after);
    let (before, _) = fix_count(source, pick_space_before);
    let (runs, _) = fix_count(source, pick_spaces);
    let mut spacing = Vec::new();
    let count =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if after > 0 {
        spacing.push(count(
            after,
            "missing space after a full stop or comma was restored",
            "missing spaces after full stops and commas were restored",
        ));
    }
    if before > 0 {
        spacing.push(count(
            before,
            "stray space before a comma was removed",
            "stray spaces before commas were removed",
        ));
    }
    if runs > 0 {
        spacing.push(count(
            runs,
            "run of spaces was reduced to one",
            "runs of spaces were reduced to one",
        ));
    }
    if !spacing.is_empty() {
        notes.push(format!("Spacing was repaired: {}.", spacing.join(", ")));
    }
    let reasons = |what: &str| {
        source
            .removed
            .iter()
            .filter(|r| r.reason.starts_with(what))
            .count()
    };
    if reasons("page-numbered table of contents") > 0 {
        notes.push(
            "The page-numbered table of contents was dropped; the site generates its own."
                .to_owned(),
        );
    }
    if reasons("page number") + reasons("running head") > 0 {
        notes.push(
            "Page numbers and the running heads and feet of the printed pages were removed."
                .to_owned(),
        );
    }
    if !facts.captions.is_empty() {
        notes.push(format!("{} portrait captions (names printed under photographs that are not reproduced here) were removed from the running text.", facts.captions.len()));
    }
    if !linked.notes.is_empty() {
        let byline = if linked.byline.iter().any(Option::is_some) {
            " The note on the author's name is attached to the byline."
        } else {
            ""
        };
        notes.push(format!("Footnotes printed at the foot of each page were moved after the paragraph that cites them.{byline}"));
    }
    let colons = linked.blocks.iter().any(|b| {
        matches!(b.kind, BlockKind::Heading(_))
            && b.lines
                .first()
                .is_some_and(|&n| source.lines[n - 1].text.trim_end().ends_with(':'))
    });
    if colons {
        notes.push("The trailing colons of the section headings were dropped.".to_owned());
    }
    if !facts.abstracts.is_empty() {
        notes.push("The labels of the abstracts are the site's own.".to_owned());
    }
    let (forms, _) = fix_count(source, pick_forms);
    if forms > 0 {
        notes.push("Arabic presentation forms left by the PDF were replaced by the letters they show; each change is listed below as a repair.".to_owned());
    }
    notes
}

fn body(facts: &Facts<'_>, out: &mut String) {
    let linked = facts.linked;
    let headings: Vec<(u8, String)> = linked
        .blocks
        .iter()
        .filter_map(|b| match b.kind {
            BlockKind::Heading(level) => Some((level, b.text.clone())),
            _ => None,
        })
        .collect();
    let ids = super::headings::ids(&headings);
    let mut ids = ids.into_iter();
    let note = |out: &mut String, n: usize| {
        let note = &linked.notes[n];
        let _ = write!(out, "\n[^{}]: {}\n", note.label, escape(&note.text));
    };
    for &n in &linked.leading {
        note(out, n);
    }
    let mut in_list = false;
    for (j, block) in linked.blocks.iter().enumerate() {
        let is_item = block.kind == BlockKind::Item;
        if !(is_item && in_list) {
            out.push('\n');
        }
        match block.kind {
            BlockKind::Heading(level) => {
                let id = ids.next().unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{} {} {{#{id}}}",
                    "#".repeat(usize::from(level)),
                    escape_references(&block.text)
                );
            }
            BlockKind::Paragraph => {
                let _ = writeln!(out, "{}", escape(&block.text));
            }
            BlockKind::Item => {
                let _ = writeln!(out, "- {}", escape(&block.text));
            }
        }
        in_list = is_item && linked.after[j].is_empty();
        for &n in &linked.after[j] {
            note(out, n);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prose_never_turns_into_markup() {
        let cases = [
            ("# عنوان", "\\# عنوان"),
            ("> نص", "\\> نص"),
            ("- نص", "\\- نص"),
            ("1. نص", "1\\. نص"),
            ("2020. كانت", "2020\\. كانت"),
            ("---", "\\---"),
            ("[a]: http://x", "\\[a]: http://x"),
            ("قال [^1] هنا", "قال [^1] هنا"),
            ("AT&amp;T و &x", "AT\\&amp;T و &x"),
            ("-نص", "-نص"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape(text), expected);
        }
        assert_eq!(quote("a \"b\" \\ \u{7}"), "\"a \\\"b\\\" \\\\ \\u0007\"");
    }
}
