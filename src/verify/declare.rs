//! Applies the front matter's `source.removed` and `source.repairs` to the raw source lines, and
//! reports every declaration that does not fit the source (a line out of range, text that is not
//! on its line, overlapping removals, a repair on a removed line).
//!
//! Matching is loose so editors can copy text without the extraction's noise: marks (tatweel,
//! harakat) are skipped on both sides, any run of whitespace matches any run of whitespace, and
//! digits match by value. Text that also matches with its harakat is found that way first (so a
//! repair of harakat alone, `ردٍّّ` → `ردٌّ`, replaces the very word), and a match takes the
//! marks of its last letter with it (so a repair or removal leaves no orphan haraka for
//! `verify --strict` to find). This module compares nothing; it only prepares the source lines.

use std::ops::Range;

use super::letters::{CharKind, kind};
use super::report::{Declaration, Problem};
use super::{Original, Removal, Repair};
use crate::chars::is_arabic_mark;

/// A source line that takes part in the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SourceLine {
    /// 1-based line number in the source file.
    pub(crate) number: usize,
    /// The line after in-line removals and repairs.
    pub(crate) text: String,
}

pub(super) struct Prepared {
    /// Every line not removed as a whole, in order (including lines without letters).
    pub(crate) lines: Vec<SourceLine>,
    pub(crate) problems: Vec<Problem>,
    pub(crate) removals_applied: usize,
    pub(crate) repairs_applied: usize,
}

pub(super) fn prepare(source: &Original<'_>) -> Prepared {
    let text = source.text.strip_prefix('\u{feff}').unwrap_or(source.text);
    let mut lines: Vec<Option<String>> = text.lines().map(|l| Some(l.to_owned())).collect();
    let mut problems = Vec::new();
    let mut removals_applied = 0;

    let mut valid: Vec<bool> = (source.removed.iter().enumerate())
        .map(|(i, r)| check_removal(i, r, lines.len(), &mut problems))
        .collect();
    report_overlaps(&source.removed, &mut valid, &mut problems);

    // Whole lines first, so an in-line removal never looks at a removed line.
    for (r, _) in source
        .removed
        .iter()
        .zip(&valid)
        .filter(|(r, v)| **v && r.text.is_none())
    {
        lines[r.first_line - 1..r.last_line].fill(None);
        removals_applied += 1;
    }
    for (i, r) in source.removed.iter().enumerate().filter(|&(i, _)| valid[i]) {
        let Some(needle) = &r.text else { continue };
        let mut found = false;
        for line in lines[r.first_line - 1..r.last_line].iter_mut().flatten() {
            if let Some(range) = find_loose(line, needle) {
                line.replace_range(range, " ");
                found = true;
            }
        }
        if found {
            removals_applied += 1;
        } else {
            let message = format!("«{}» is not on {}", needle.trim(), lines_phrase(r));
            problems.push(Problem {
                declaration: removal_decl(i, r),
                message,
            });
        }
    }

    let mut repairs_applied = 0;
    for (i, repair) in source.repairs.iter().enumerate() {
        match apply_repair(repair, &mut lines) {
            Ok(()) => repairs_applied += 1,
            Err(message) => problems.push(Problem {
                declaration: Declaration::Repair {
                    index: i,
                    line: repair.line,
                },
                message,
            }),
        }
    }

    let lines = (lines.into_iter().enumerate())
        .filter_map(|(i, l)| {
            l.map(|text| SourceLine {
                number: i + 1,
                text,
            })
        })
        .collect();
    Prepared {
        lines,
        problems,
        removals_applied,
        repairs_applied,
    }
}

fn removal_decl(index: usize, r: &Removal) -> Declaration {
    Declaration::Removal {
        index,
        first_line: r.first_line,
        last_line: r.last_line,
    }
}

fn lines_phrase(r: &Removal) -> String {
    if r.first_line == r.last_line {
        format!("line {}", r.first_line)
    } else {
        format!("lines {}-{}", r.first_line, r.last_line)
    }
}

/// Checks the line range and the text of one removal; `false` means it is not applied.
fn check_removal(
    index: usize,
    r: &Removal,
    line_count: usize,
    problems: &mut Vec<Problem>,
) -> bool {
    let message = if r.first_line == 0 || r.last_line < r.first_line {
        format!(
            "{} is not a line range (lines count from 1)",
            lines_phrase(r)
        )
    } else if r.last_line > line_count {
        format!(
            "{} is past the end of the source ({line_count} lines)",
            lines_phrase(r)
        )
    } else if r
        .text
        .as_deref()
        .is_some_and(|t| loose_chars(t, Harakat::Skipped).is_empty())
    {
        "the text to remove is empty".to_owned()
    } else {
        return true;
    };
    problems.push(Problem {
        declaration: removal_decl(index, r),
        message,
    });
    false
}

/// Two whole-line removals that share a line, or an in-line removal inside a whole-line one
/// (which is then not applied, so it is not reported twice).
fn report_overlaps(removed: &[Removal], valid: &mut [bool], problems: &mut Vec<Problem>) {
    let checked = valid.to_vec();
    for (i, a) in removed.iter().enumerate().filter(|&(i, _)| checked[i]) {
        for (j, b) in removed
            .iter()
            .enumerate()
            .filter(|&(j, _)| checked[j] && j != i)
        {
            let overlap = a.first_line <= b.last_line && b.first_line <= a.last_line;
            // Report a pair of whole-line removals once (at the later one); an in-line
            // removal at itself.
            let report = match (&a.text, &b.text) {
                (None, None) => j < i,
                (Some(_), None) => true,
                _ => false,
            };
            if overlap && report {
                valid[i] = a.text.is_none();
                let message = format!("overlaps removal #{} ({})", j + 1, lines_phrase(b));
                problems.push(Problem {
                    declaration: removal_decl(i, a),
                    message,
                });
            }
        }
    }
}

fn apply_repair(repair: &Repair, lines: &mut [Option<String>]) -> Result<(), String> {
    let Some(slot) = repair.line.checked_sub(1).and_then(|i| lines.get_mut(i)) else {
        return Err(format!("line {} is not in the source", repair.line));
    };
    let Some(line) = slot else {
        return Err("the line is removed by `source.removed`".to_owned());
    };
    // A `from` made only of marks (e.g. a stray tatweel) changes no letters; it must still
    // be on the line.
    let range = if loose_chars(&repair.from, Harakat::Skipped).is_empty() {
        line.find(repair.from.as_str())
            .filter(|_| !repair.from.is_empty())
            .map(|at| at..at + repair.from.len())
    } else {
        find_loose(line, &repair.from)
    };
    let Some(range) = range else {
        return Err(format!(
            "«{}» is not on line {}",
            repair.from.trim(),
            repair.line
        ));
    };
    line.replace_range(range, &repair.to);
    Ok(())
}

/// One character as loose matching sees it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Loose {
    Char(char),
    Space,
}

/// Whether loose matching compares harakat (other marks are always skipped).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Harakat {
    Compared,
    Skipped,
}

fn loose_char(c: char, harakat: Harakat) -> Option<Loose> {
    if c.is_whitespace() {
        return Some(Loose::Space);
    }
    if harakat == Harakat::Compared && is_arabic_mark(c) {
        return Some(Loose::Char(c));
    }
    match kind(c) {
        CharKind::Mark => None,
        CharKind::Letter(l, _) => Some(Loose::Char(l)),
        CharKind::Ligature(_) | CharKind::Separator => Some(Loose::Char(c)),
    }
}

/// The loose characters of `text` with their byte ranges, whitespace runs collapsed and
/// trimmed at both ends.
fn loose_chars(text: &str, harakat: Harakat) -> Vec<(Loose, Range<usize>)> {
    let mut out: Vec<(Loose, Range<usize>)> = Vec::new();
    for (at, c) in text.char_indices() {
        let Some(l) = loose_char(c, harakat) else {
            continue;
        };
        let range = at..at + c.len_utf8();
        match out.last_mut() {
            Some((Loose::Space, last)) if l == Loose::Space => last.end = range.end,
            None if l == Loose::Space => {}
            _ => out.push((l, range)),
        }
    }
    if matches!(out.last(), Some((Loose::Space, _))) {
        out.pop();
    }
    out
}

/// Finds `needle` in `hay` loosely (see the module docs); the byte range in `hay`, with the
/// marks that follow its last character.
pub(super) fn find_loose(hay: &str, needle: &str) -> Option<Range<usize>> {
    let found = find_with(hay, needle, Harakat::Compared)
        .or_else(|| find_with(hay, needle, Harakat::Skipped))?;
    let trailing: usize = hay[found.end..]
        .chars()
        .take_while(|&c| kind(c) == CharKind::Mark)
        .map(char::len_utf8)
        .sum();
    Some(found.start..found.end + trailing)
}

fn find_with(hay: &str, needle: &str, harakat: Harakat) -> Option<Range<usize>> {
    let needle: Vec<Loose> = (loose_chars(needle, harakat).into_iter())
        .map(|(l, _)| l)
        .collect();
    let hay = loose_chars(hay, harakat);
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find_map(|start| {
        let window = &hay[start..start + needle.len()];
        let matches = window.iter().zip(&needle).all(|((h, _), n)| h == n);
        matches.then(|| window[0].1.start..window[needle.len() - 1].1.end)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_loose_skips_marks_and_whitespace_runs() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("في الـنار هنا", "النار", Some("الـنار")),
            ("سعيٍّ منه", "سعي", Some("سعيٍّ")),
            ("ردٌ لردٍّّ", "ردٍّّ", Some("ردٍّّ")),
            ("ردٍّّ منه", "ردُّ", Some("ردٍّّ")),
            ("حاسماً.", "حاسما", Some("حاسماً")),
            ("a  b c", "a b", Some("a  b")),
            ("سنة ٢٠٢١ م", "2021", Some("٢٠٢١")),
            ("(أمнести) Amnesty", "أمнести", Some("أمнести")),
            ("abc", "abd", None),
            ("abc", "", None),
            ("", "a", None),
        ];
        for (hay, needle, expected) in cases {
            let found = find_loose(hay, needle).map(|r| &hay[r]);
            assert_eq!(found, *expected, "{needle:?} in {hay:?}");
        }
    }
}
