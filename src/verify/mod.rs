//! The fidelity check behind `warraq verify`: proves that a published document holds exactly the
//! letters of the raw source it was converted from, nothing lost and nothing added.
//!
//! Compared: the multiset of Arabic letters, Latin letters (case-sensitive), digits (by value,
//! across ASCII, Arabic-Indic and Eastern Arabic-Indic) and any other alphabetic characters.
//! Ignored: tatweel, harakat and other combining marks, spaces, punctuation and where it sits,
//! Unicode superscript footnote markers, and whatever the front matter declares removed
//! (`source.removed`); `source.repairs` replace the letters of `from` by those of `to` on
//! their line. See `letters.rs` for the exact character classes.
//!
//! The verdict is global, so text that moved (a footnote defined far from its page) still
//! passes. To say *where* a difference is, every source line is placed in the published block
//! that shares most of its letter trigrams (`locate.rs`), then letters are compared block by
//! block (`account.rs`).
//!
//! [`Mode::Strict`] (`verify --strict`) then compares the signs (punctuation, brackets,
//! quotation marks, dashes, symbols, harakat; `signs.rs`) block by block, with each sign
//! placed where its word went; unlike the letters, its verdict is per block: a sign that
//! moved to another block is a difference unless the two blocks share its source line
//! (`strict.rs`).
//!
//! This module does no IO: the caller reads the files and turns the front matter into
//! [`Original`]; `published.rs` turns a loaded document into its [`Published`] blocks (the
//! only part that asks the Markdown stage, for the blocks' plain text), for `warraq verify`
//! and the importer's tests alike.

mod account;
mod assign;
mod declare;
mod letters;
mod locate;
mod pairs;
mod published;
mod report;
mod signs;
mod strict;
mod strict_report;
mod structure;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_declarations;
#[cfg(test)]
mod tests_seed;
#[cfg(test)]
mod tests_strict;

pub(crate) use self::letters::Letters;
pub(crate) use self::published::{left_out, published_blocks};
pub(crate) use self::report::{Report, Totals};
pub(crate) use crate::content::schema::{Removal, Repair};

/// The raw text a document was converted from, with the front matter's declarations.
#[derive(Clone, Debug, Default)]
pub(crate) struct Original<'a> {
    /// The whole source file.
    pub(crate) text: &'a str,
    /// `source.removed`: material deliberately left out.
    pub(crate) removed: Vec<Removal>,
    /// `source.repairs`: extraction errors repaired.
    pub(crate) repairs: Vec<Repair>,
}

/// One published unit of text. Pass only text that comes from the source: not editor-supplied
/// titles, translations or editorial notes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Published {
    /// What editors call it: "title", "author 1", "publisher", "paragraph", "heading",
    /// "list item", `note [^7] paragraph`. `--strict` reads the kind of block from it
    /// (headings and front matter fields, list items: see `strict.rs`).
    pub(crate) label: String,
    /// 1-based line in the document; 0 for a front matter field without a position.
    pub(crate) line: usize,
    /// Plain text: no markup, no footnote numbers.
    pub(crate) text: String,
}

/// What to compare besides letters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Letters and digits only.
    #[default]
    Letters,
    /// Also the signs: punctuation, brackets, quotation marks, dashes, symbols, harakat
    /// (`signs.rs`), block by block (`strict.rs`).
    Strict,
}

/// Compares the letters of the published `blocks` with the `source`. Never panics;
/// declarations that do not fit the source are reported in [`Report::problems`].
#[cfg(test)]
pub(crate) fn verify(source: &Original<'_>, blocks: &[Published]) -> Report {
    verify_in(Mode::Letters, source, blocks)
}

/// Compares the published `blocks` with the `source` as `mode` says.
pub(crate) fn verify_in(mode: Mode, source: &Original<'_>, blocks: &[Published]) -> Report {
    let prepared = declare::prepare(source);
    let lines: Vec<locate::Unit> = prepared
        .lines
        .iter()
        .map(|l| locate::Unit::new(&l.text))
        .collect();
    let units: Vec<locate::Unit> = blocks.iter().map(|b| locate::Unit::new(&b.text)).collect();
    let placement = locate::place(&lines, &units);
    let sides = account::Sides {
        source: &prepared.lines,
        lines: &lines,
        blocks,
        units: &units,
    };
    let accounts = account::account(&sides, &placement);
    let signs = (mode == Mode::Strict).then(|| strict::compare(&sides, &placement));

    let mut from_source = Letters::default();
    lines
        .iter()
        .flat_map(|l| &l.words)
        .for_each(|w| from_source.add(&w.letters()));
    let mut published = Letters::default();
    units
        .iter()
        .flat_map(|u| &u.words)
        .for_each(|w| published.add(&w.letters()));
    let line_count = lines.iter().filter(|l| !l.words.is_empty()).count();

    Report {
        problems: prepared.problems,
        findings: accounts.findings,
        unplaced: accounts.unplaced,
        lost: from_source.minus(&published),
        added: published.minus(&from_source),
        totals: Totals {
            letters: from_source,
            blocks: blocks.len(),
            lines: line_count,
            lines_matched: line_count.saturating_sub(accounts.lines_with_loss),
            removals: prepared.removals_applied,
            repairs: prepared.repairs_applied,
        },
        signs,
        supplied: Vec::new(),
    }
}
