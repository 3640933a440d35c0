//! What `verify --strict` found beyond letters, and its lines in the report. Holds and prints;
//! `strict.rs` computes.
//!
//! One line per difference, after the letter findings:
//!
//! ```text
//! doc.md:158: paragraph: strict: added dash «–» (U+2013): «…published…»; source line 287: «…source…»
//! doc.md:192: paragraph: strict: lost quotation mark «"» (U+0022): «…published…»; source line 301: «…source…»
//! doc.md:222: paragraph: strict: changed haraka kasratan «◌ٍ» (U+064D) to dammatan «◌ٌ» (U+064C): …
//! ```
//!
//! then a summary: `  strict ok: N signs match (…)` or `  strict FAILED: N signs differ; …`.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use super::signs::{Class, class};

/// The sign comparison of one document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct SignReport {
    /// Differences, in document order.
    pub(crate) findings: Vec<SignFinding>,
    /// The source signs compared, by class.
    pub(crate) compared: BTreeMap<Class, usize>,
}

/// One sign that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SignFinding {
    /// The block's label ("paragraph", "heading", "title").
    pub(crate) label: String,
    /// The block's 1-based line in the document; 0 for a front matter field.
    pub(crate) line: usize,
    pub(crate) change: Change,
    /// The 1-based source line the sign is on (or, for an added sign, the line of the word
    /// beside it), when known.
    pub(crate) source_line: Option<usize>,
    pub(crate) source_excerpt: String,
    pub(crate) published_excerpt: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// In the published block, not in the source.
    Added(char),
    /// In the source, not in the published block.
    Lost(char),
    /// The source's sign replaced by another at the same place.
    Changed { from: char, to: char },
}

impl SignReport {
    /// Writes the findings, naming the document `doc`.
    pub(super) fn write_findings(&self, out: &mut String, doc: &str) -> fmt::Result {
        for f in &self.findings {
            let at = if f.line == 0 {
                doc.to_owned()
            } else {
                format!("{doc}:{}", f.line)
            };
            let what = match f.change {
                Change::Added(c) => format!("added {}", describe(c)),
                Change::Lost(c) => format!("lost {}", describe(c)),
                Change::Changed { from, to } => {
                    format!("changed {} to {}", describe(from), describe_short(from, to))
                }
            };
            write!(
                out,
                "{at}: {}: strict: {what}: «{}»",
                f.label, f.published_excerpt
            )?;
            if let Some(line) = f.source_line {
                write!(out, "; source line {line}: «{}»", f.source_excerpt)?;
            }
            out.push('\n');
        }
        Ok(())
    }

    /// The summary line.
    pub(super) fn write_summary(&self, out: &mut String) -> fmt::Result {
        let total: usize = self.compared.values().sum();
        let by_class: Vec<String> = (Class::ALL.iter())
            .filter_map(|c| self.compared.get(c).map(|&n| (c, n)))
            .filter(|&(_, n)| n > 0)
            .map(|(c, n)| super::report::count(n, c.names().0, c.names().1))
            .collect();
        let compared = if by_class.is_empty() {
            super::report::count(total, "sign", "signs")
        } else {
            format!(
                "{} ({})",
                super::report::count(total, "sign", "signs"),
                by_class.join(", ")
            )
        };
        if self.findings.is_empty() {
            writeln!(out, "  strict ok: {compared} match")
        } else {
            let n = self.findings.len();
            let differ = if n == 1 { "differs" } else { "differ" };
            writeln!(
                out,
                "  strict FAILED: {} {differ}; compared {compared}",
                super::report::count(n, "sign", "signs")
            )
        }
    }
}

/// `dash «–» (U+2013)`; a haraka with its name, on a dotted circle.
fn describe(c: char) -> String {
    let Some(kind) = class(c) else {
        return format!("«{c}» (U+{:04X})", u32::from(c));
    };
    let name = match haraka_name(c) {
        Some(name) => format!("{} {name}", kind.names().0),
        None => kind.names().0.to_owned(),
    };
    format!("{name} {}", shown(c))
}

/// The second sign of a change: its class named only when it differs from the first's.
fn describe_short(from: char, to: char) -> String {
    if class(from) == class(to) {
        match haraka_name(to) {
            Some(name) => format!("{name} {}", shown(to)),
            None => shown(to),
        }
    } else {
        describe(to)
    }
}

/// `«–» (U+2013)`; a combining mark on a dotted circle so it can be seen.
fn shown(c: char) -> String {
    let base = if class(c) == Some(Class::Haraka) {
        "\u{25CC}"
    } else {
        ""
    };
    format!("«{base}{c}» (U+{:04X})", u32::from(c))
}

fn haraka_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{64B}' => "fathatan",
        '\u{64C}' => "dammatan",
        '\u{64D}' => "kasratan",
        '\u{64E}' => "fatha",
        '\u{64F}' => "damma",
        '\u{650}' => "kasra",
        '\u{651}' => "shadda",
        '\u{652}' => "sukun",
        '\u{653}' => "maddah",
        '\u{654}' => "hamza above",
        '\u{655}' => "hamza below",
        '\u{670}' => "superscript alef",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_are_named_for_editors() {
        assert_eq!(describe('–'), "dash «–» (U+2013)");
        assert_eq!(describe('\u{651}'), "haraka shadda «◌ّ» (U+0651)");
        assert_eq!(describe('"'), "quotation mark «\"» (U+0022)");
        assert_eq!(
            describe_short('\u{64D}', '\u{64C}'),
            "dammatan «◌ٌ» (U+064C)"
        );
        assert_eq!(describe_short('-', '–'), "«–» (U+2013)");
        assert_eq!(describe_short('-', '.'), "punctuation mark «.» (U+002E)");
    }
}
