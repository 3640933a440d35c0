//! Gives every heading a short ASCII id: the author's `{#id}` if given, else a section number.
//!
//! Generated ids follow the heading outline: `s1`, `s1-2`, `s1-2-1` (the first level used in
//! the document counts as the top). They are the same from build to build; editing the
//! outline can move them, which is why documents that want permanent section URLs give
//! explicit ids. Arabic text never becomes a percent-encoded id.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::context::Context;
use super::ids::{PageIds, check_author_id};
use super::parser::Spanned;
use crate::diagnostics::FileDiagnostics;

/// A heading of the body, for the table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Its id on the page.
    pub id: String,
    /// 1–6.
    pub(crate) level: u8,
    /// Its plain text.
    pub(crate) text: String,
}

/// Sets the id of every heading in `events` and returns the headings in order.
///
/// `base` is the body's byte offset in the file, for diagnostics.
pub(crate) fn assign(
    events: &mut [Spanned],
    ids: &mut PageIds,
    diags: &mut FileDiagnostics,
    base: usize,
) -> Vec<Heading> {
    // Explicit ids first, so a generated id never takes one an author wrote later in the page.
    let mut explicit: Vec<Option<String>> = Vec::new();
    let mut first_use: std::collections::BTreeMap<String, usize> = Default::default();
    for (event, range) in events.iter() {
        if let Event::Start(Tag::Heading { id, .. }) = event {
            let wanted = id.as_ref().map(|id| id.to_string());
            let accepted = wanted.filter(|id| match check_author_id(id) {
                Err(message) => {
                    diags
                        .error(base + range.start, message)
                        .set_field("heading id")
                        .set_hint("write the id like `## مقدمة {#introduction}`");
                    false
                }
                Ok(()) if !ids.take(id) => {
                    let (line, _) =
                        diags.position(first_use.get(id).copied().unwrap_or(base + range.start));
                    diags
                        .error(
                            base + range.start,
                            format!("the id `{id}` is used twice on this page"),
                        )
                        .set_field("heading id")
                        .set_hint(format!(
                            "it is first used on line {line}; give this heading another id"
                        ));
                    false
                }
                Ok(()) => {
                    first_use.insert(id.clone(), base + range.start);
                    true
                }
            });
            explicit.push(accepted);
        }
    }
    let mut context = Context::default();
    let top = events
        .iter()
        .filter_map(|(e, _)| {
            let in_note = context.step(e).in_note();
            match e {
                Event::Start(Tag::Heading { level, .. }) if !in_note => Some(*level as usize),
                _ => None,
            }
        })
        .min()
        .unwrap_or(1);
    let mut note_headings = 0usize;
    let mut counters = [0usize; 7];
    let mut headings = Vec::new();
    let mut explicit = explicit.into_iter();
    let mut current: Option<Heading> = None;
    // Headings inside a note get ids but are neither numbered nor listed: the outline and the
    // table of contents are the body's, and an unreferenced note is not published at all.
    // Outline ids found taken, so the heading got another: (outline id, id given, offset).
    let mut moved: Vec<(String, String, usize)> = Vec::new();
    let mut context = Context::default();
    for (event, range) in events.iter_mut() {
        let in_note = context.step(event).in_note();
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if in_note => {
                // Not in the outline: numbered apart, in the notes' own `fn-` namespace.
                note_headings += 1;
                let chosen = explicit
                    .next()
                    .flatten()
                    .unwrap_or_else(|| ids.take_free(&format!("fn-h{note_headings}")));
                *id = Some(CowStr::from(chosen.clone()));
                current = Some(Heading {
                    id: chosen,
                    level: *level as u8,
                    text: String::new(),
                });
            }
            Event::Start(Tag::Heading { level, id, .. }) => {
                let level = *level as usize;
                counters[level] += 1;
                counters[level + 1..].iter_mut().for_each(|c| *c = 0);
                let chosen = explicit.next().flatten().unwrap_or_else(|| {
                    let numbers: Vec<String> = counters[top..=level]
                        .iter()
                        .map(|n| n.max(&1).to_string())
                        .collect();
                    let outline = format!("s{}", numbers.join("-"));
                    let chosen = ids.take_free(&outline);
                    if chosen != outline {
                        moved.push((outline, chosen.clone(), base + range.start));
                    }
                    chosen
                });
                *id = Some(CowStr::from(chosen.clone()));
                current = Some(Heading {
                    id: chosen,
                    level: level as u8,
                    text: String::new(),
                });
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(h) = current.as_mut() {
                    h.text.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some(h) = current.as_mut() {
                    h.text.push(' ');
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(mut h) = current.take()
                    && !in_note
                {
                    h.text = h.text.trim().to_string();
                    headings.push(h);
                }
            }
            _ => {}
        }
    }
    warn_moved(&moved, &first_use, diags);
    headings
}

/// Warns at each explicit id that took a heading's outline number (`{#s1}` on a later
/// heading), naming the automatic ids that moved because of it: the heading that would have
/// been `s1`, and any whose number that one then took in turn.
fn warn_moved(
    moved: &[(String, String, usize)],
    explicit: &std::collections::BTreeMap<String, usize>,
    diags: &mut FileDiagnostics,
) {
    for (id, &at) in explicit {
        let mut names: Vec<&str> = vec![id];
        let mut shown = Vec::new();
        for (outline, given, offset) in moved {
            if names.contains(&outline.as_str()) {
                names.push(given);
                let (line, _) = diags.position(*offset);
                shown.push(format!("`{outline}` → `{given}` (line {line})"));
            }
        }
        if shown.is_empty() {
            continue;
        }
        diags
            .warning(
                at,
                format!(
                    "the id `{id}` is another heading's outline number, so automatic ids moved: {}",
                    shown.join(", ")
                ),
            )
            .set_field("heading id")
            .set_hint("give this heading an id that is not an outline number (`s1`, `s1-2`), or give the moved headings explicit ids");
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::markdown::parser::parse;

    fn run(body: &str) -> (Vec<(String, String)>, Vec<String>) {
        let mut events = parse(body);
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let headings = assign(&mut events, &mut PageIds::new(), &mut diags, 0);
        (
            headings.into_iter().map(|h| (h.id, h.text)).collect(),
            diags.list.iter().map(ToString::to_string).collect(),
        )
    }

    /// Found by fuzzing (tests/fixtures/fuzz/markdown/heading-in-unused-note.bin): a heading
    /// inside a note reached the table of contents, whose link was dead when the note was
    /// never referenced and so never published.
    #[test]
    fn headings_inside_notes_are_not_listed() {
        let mut events = parse("## a\n\n[^n]: # in a note\n\n## b\n");
        let mut diags = FileDiagnostics::new(Path::new("d.md"), "");
        let headings = assign(&mut events, &mut PageIds::new(), &mut diags, 0);
        let listed: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(listed, ["s1", "s2"]);
        let all: Vec<String> = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Start(Tag::Heading { id, .. }) => id.as_ref().map(|i| i.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(all, ["s1", "fn-h1", "s2"]);
    }

    #[test]
    fn explicit_ids_win_and_others_are_numbered() {
        let body = "## مقدمة {#introduction}\n\n## أولاً\n\n### فرع\n\n### فرع\n\n## ثانياً `x`\n";
        let (headings, diags) = run(body);
        assert!(diags.is_empty(), "{diags:?}");
        let expected = [
            ("introduction", "مقدمة"),
            ("s2", "أولاً"),
            ("s2-1", "فرع"),
            ("s2-2", "فرع"),
            ("s3", "ثانياً x"),
        ];
        let got: Vec<(&str, &str)> = headings
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn generated_ids_avoid_explicit_ones_written_later() {
        let (headings, _) = run("## A\n\n## B {#s1}\n");
        let ids: Vec<&str> = headings.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["s1-2", "s1"]);
    }

    #[test]
    fn duplicate_and_invalid_ids_are_errors() {
        let (_, diags) = run("## A {#x}\n\n## B {#x}\n\n## C {#Bad}\n\n## D {#fn-1}\n");
        assert_eq!(
            diags,
            [
                "d.md:3:1: error: heading id: the id `x` is used twice on this page\n  hint: it is first used on line 1; give this heading another id",
                "d.md:5:1: error: heading id: `Bad` is not a valid id: use lowercase ASCII letters, digits and `-`, starting with a letter or digit\n  hint: write the id like `## مقدمة {#introduction}`",
                "d.md:7:1: error: heading id: ids starting with `fn-` are reserved for notes and abstracts\n  hint: write the id like `## مقدمة {#introduction}`",
            ]
        );
    }

    #[test]
    fn ids_are_stable_across_runs() {
        let body = "# T\n\n## A\n\n## B\n";
        assert_eq!(run(body), run(body));
    }

    #[test]
    fn an_explicit_outline_number_that_moves_automatic_ids_is_a_warning() {
        // The cause: `{#s1}` on a later heading silently made the first section `s1-2`, and
        // its subsection, which wanted `s1-2`, `s1-2-2`.
        let (headings, diags) = run("## أ\n\n### ب\n\n### ج\n\n## د {#s1}\n");
        let ids: Vec<&str> = headings.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["s1-2", "s1-1", "s1-2-2", "s1"]);
        assert_eq!(
            diags,
            [
                "d.md:7:1: warning: heading id: the id `s1` is another heading's outline number, so automatic ids moved: `s1` → `s1-2` (line 1), `s1-2` → `s1-2-2` (line 5)\n  hint: give this heading an id that is not an outline number (`s1`, `s1-2`), or give the moved headings explicit ids"
            ]
        );
        // An explicit id that is no outline number of the page moves nothing.
        let (_, diags) = run("## أ\n\n## ب {#s7}\n\n## ج {#intro}\n");
        assert_eq!(diags, Vec::<String>::new());
    }
}
