//! The result of `verify` and its text form for editors.
//!
//! The verdict is global: the published letters must equal the source letters as a multiset,
//! and every declaration must fit the source. Findings per block say where differences are; on
//! a passing report they are notes about text published in another block than its source
//! lines suggest (the letters balance out). This module only holds and prints; it computes
//! nothing.

use std::fmt::{self, Write as _};

use super::letters::{Letters, Script};
use super::strict_report::SignReport;
use crate::content::schema::EDITOR_FIELDS;

/// Everything `warraq verify` found for one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Declarations in `source.removed` / `source.repairs` that do not fit the source.
    pub(crate) problems: Vec<Problem>,
    /// Blocks whose letters differ from the source lines placed in them, in document order.
    pub(crate) findings: Vec<Finding>,
    /// Source lines that no block could be matched to at all.
    pub(crate) unplaced: Vec<LostLine>,
    /// Source letters missing from the document as a whole.
    pub(crate) lost: Letters,
    /// Document letters missing from the source as a whole.
    pub(crate) added: Letters,
    pub(crate) totals: Totals,
    /// The sign comparison, when asked for (`verify --strict`).
    pub(crate) signs: Option<SignReport>,
    /// Front matter fields left out because the editor supplied them (`editor_supplied:`).
    pub(crate) supplied: Vec<String>,
}

/// What was compared.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Totals {
    /// The source letters compared (after removals and repairs).
    pub(crate) letters: Letters,
    pub(crate) blocks: usize,
    /// Source lines with letters (after removals).
    pub(crate) lines: usize,
    /// Of those, the lines none of whose letters were reported lost.
    pub(crate) lines_matched: usize,
    pub(crate) removals: usize,
    pub(crate) repairs: usize,
}

/// A declaration in the front matter that does not fit the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) declaration: Declaration,
    pub(crate) message: String,
}

/// Which declaration a problem is about; `index` counts from 0 in its list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Declaration {
    Removal {
        index: usize,
        first_line: usize,
        last_line: usize,
    },
    Repair {
        index: usize,
        line: usize,
    },
}

/// A published block whose letters differ from its source lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    /// The block's label ("paragraph 12", "footnote 7", "title").
    pub(crate) label: String,
    /// The block's 1-based line in the document; 0 for a front matter field.
    pub(crate) line: usize,
    /// Letters in the block that no source line accounts for.
    pub(crate) added: Letters,
    /// The block's words around the added letters.
    pub(crate) added_excerpt: String,
    /// Source lines whose letters the block lacks.
    pub(crate) lost: Vec<LostLine>,
}

/// Letters of one source line that are missing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LostLine {
    /// 1-based line in the source file.
    pub(crate) line: usize,
    /// The source line around the missing words.
    pub(crate) excerpt: String,
    pub(crate) missing: Letters,
}

impl Report {
    /// The document's letters equal the source's and all declarations fit; with `--strict`,
    /// every sign is also where the source has it.
    pub fn is_clean(&self) -> bool {
        self.letters_clean() && self.signs.as_ref().is_none_or(|s| s.findings.is_empty())
    }

    fn letters_clean(&self) -> bool {
        self.problems.is_empty() && self.lost.is_empty() && self.added.is_empty()
    }

    /// The report as editors read it, naming the document and source files.
    pub fn render(&self, doc_path: &str, source_path: &str) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = self.write(&mut out, doc_path, source_path);
        out
    }

    fn write(&self, out: &mut String, doc: &str, source: &str) -> fmt::Result {
        writeln!(out, "{doc}: verify against {source}")?;
        for problem in &self.problems {
            writeln!(
                out,
                "{doc}: error: {}: {}",
                problem.declaration, problem.message
            )?;
        }
        let balanced = self.lost.is_empty() && self.added.is_empty();
        for finding in &self.findings {
            let at = if finding.line == 0 {
                doc.to_owned()
            } else {
                format!("{doc}:{}", finding.line)
            };
            for lost in &finding.lost {
                let n = letters(lost.missing.len());
                let (what, why) = if balanced {
                    (
                        "note: ",
                        format!(
                            "{n} of source line {} are published in another block",
                            lost.line
                        ),
                    )
                } else {
                    ("", format!("{n} lost from source line {}", lost.line))
                };
                writeln!(
                    out,
                    "{at}: {}: {what}{why}: «{}» (missing: {})",
                    finding.label, lost.excerpt, lost.missing
                )?;
            }
            if !finding.added.is_empty() {
                let n = letters(finding.added.len());
                let why = if balanced {
                    format!("note: {n} come from elsewhere in the source")
                } else {
                    format!("{n} added")
                };
                writeln!(
                    out,
                    "{at}: {}: {why}: «{}» (added: {})",
                    finding.label, finding.added_excerpt, finding.added
                )?;
                if !balanced && EDITOR_FIELDS.contains(&finding.label.as_str()) {
                    writeln!(
                        out,
                        "  hint: if the editor wrote `{0}`, not the source, say so in the front matter: `editor_supplied: [{0}]`",
                        finding.label
                    )?;
                }
            }
        }
        for lost in &self.unplaced {
            let n = letters(lost.missing.len());
            writeln!(
                out,
                "{doc}: source line {} matches no block, {n} lost: «{}»",
                lost.line, lost.excerpt
            )?;
        }
        if let Some(signs) = &self.signs {
            signs.write_findings(out, doc)?;
        }
        if !self.supplied.is_empty() {
            let fields: Vec<String> = self.supplied.iter().map(|f| format!("`{f}`")).collect();
            writeln!(
                out,
                "  left out: {} the editor supplied (`editor_supplied:`), not compared with the source: {}",
                count(self.supplied.len(), "field", "fields"),
                fields.join(", ")
            )?;
        }
        let t = &self.totals;
        let compared = format!(
            "{} in {} {} {}{}",
            letter_counts(&t.letters),
            count(t.blocks, "block", "blocks"),
            if self.letters_clean() {
                "match"
            } else {
                "against"
            },
            count(t.lines, "source line", "source lines"),
            declarations(t.removals, t.repairs),
        );
        if self.letters_clean() {
            writeln!(out, "  ok: {compared}")?;
        } else {
            let mut parts = Vec::new();
            if !self.lost.is_empty() {
                parts.push(format!("{} lost", letters(self.lost.len())));
            }
            if !self.added.is_empty() {
                parts.push(format!("{} added", letters(self.added.len())));
            }
            if !self.problems.is_empty() {
                parts.push(count(
                    self.problems.len(),
                    "declaration problem",
                    "declaration problems",
                ));
            }
            writeln!(out, "  FAILED: {}; compared {compared}", parts.join(", "))?;
        }
        match &self.signs {
            Some(signs) => signs.write_summary(out),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Report {
    /// The report with placeholder file names; use [`Report::render`] to name the files.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("<document>", "<source>"))
    }
}

impl fmt::Display for Declaration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Removal {
                index,
                first_line,
                last_line,
            } if first_line == last_line => {
                write!(f, "source.removed #{} (line {first_line})", index + 1)
            }
            Self::Removal {
                index,
                first_line,
                last_line,
            } => {
                write!(
                    f,
                    "source.removed #{} (lines {first_line}-{last_line})",
                    index + 1
                )
            }
            Self::Repair { index, line } => {
                write!(f, "source.repairs #{} (line {line})", index + 1)
            }
        }
    }
}

fn letter_counts(letters: &Letters) -> String {
    let parts = [
        (Script::Arabic, "Arabic letter", "Arabic letters"),
        (Script::Latin, "Latin letter", "Latin letters"),
        (Script::Digit, "digit", "digits"),
        (Script::Other, "other letter", "other letters"),
    ];
    let shown: Vec<String> = (parts.iter())
        .map(|&(script, one, many)| (letters.count_script(script), one, many))
        .filter(|&(n, _, _)| n > 0)
        .map(|(n, one, many)| count(n, one, many))
        .collect();
    if shown.is_empty() {
        "no letters".to_owned()
    } else {
        shown.join(", ")
    }
}

fn declarations(removals: usize, repairs: usize) -> String {
    match (removals, repairs) {
        (0, 0) => String::new(),
        (r, 0) => format!(" ({} applied)", count(r, "removal", "removals")),
        (0, p) => format!(" ({} applied)", count(p, "repair", "repairs")),
        (r, p) => format!(
            " ({}, {} applied)",
            count(r, "removal", "removals"),
            count(p, "repair", "repairs")
        ),
    }
}

fn letters(n: usize) -> String {
    count(n, "letter", "letters")
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// `12961` as `12,961`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_plurals() {
        let cases = [
            (0, "0 letters"),
            (1, "1 letter"),
            (999, "999 letters"),
            (12961, "12,961 letters"),
            (1_000_000, "1,000,000 letters"),
        ];
        for (n, expected) in cases {
            assert_eq!(letters(n), expected);
        }
        assert_eq!(declarations(3, 1), " (3 removals, 1 repair applied)");
        assert_eq!(declarations(0, 0), "");
        assert_eq!(letter_counts(&Letters::default()), "no letters");
    }
}
