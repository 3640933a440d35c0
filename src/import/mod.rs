//! `warraq import`: a raw PDF extraction in, a draft document out that already passes
//! `warraq verify`, with a report of every repair and of what an editor must still decide.
//!
//! The stages, each a module, run in order in [`import`]:
//!
//! 1. `clean`: per-line repairs that change no letter (tatweel, spaces, punctuation spacing)
//!    or change it provably (presentation forms, declared as `source.repairs`);
//! 2. `layout`: page furniture (page numbers, running heads, the page-numbered table of
//!    contents) and portrait captions, declared as `source.removed`;
//! 3. `cover`: title, authors, date, publisher and place from the cover, a repeated title block
//!    declared removed, abstract labels;
//! 4. `notes`: footnote definitions at page feet and their continuation lines;
//! 5. `headings`: section headings and list items;
//! 6. `blocks`: lines joined into paragraphs across wraps, blank lines and page breaks;
//! 7. `notes` again: superscript markers become `[^N]`, each definition placed after the
//!    paragraph that cites it;
//! 8. `render`: the Markdown file with its front matter; `report`: what was done.
//!
//! `visual` lists lines extracted in display order (never reorders them), and `score`
//! measures a draft against a hand-made version. Every source line either reaches the draft
//! with its letters or is declared removed, which is why `verify` passes by construction.
//! Nothing here does IO: `commands::import` reads and writes the files.

mod blocks;
mod clean;
mod cover;
pub mod decode;
mod headings;
mod layout;
mod notes;
mod render;
mod report;
pub mod score;
mod visual;

#[cfg(test)]
mod tests;

pub use self::report::Report;

/// `text` as a YAML double-quoted scalar (for the files `init` writes too).
pub fn render_quote(text: &str) -> String {
    render::quote(text)
}

/// What the caller knows about the draft.
#[derive(Clone, Debug)]
pub struct Options {
    /// The document's slug.
    pub slug: String,
    /// `source.file`: the raw file's path relative to `content/`.
    pub source_file: String,
}

/// The draft document and the report on it.
#[derive(Clone, Debug)]
pub struct Draft {
    /// The whole Markdown file, front matter included.
    pub markdown: String,
    /// What was repaired, removed and left for the editor.
    pub report: Report,
}

/// One line of the source, repaired in place.
#[derive(Clone, Debug)]
pub(crate) struct Line {
    /// 1-based line number in the source.
    pub(crate) number: usize,
    /// The line as extracted.
    pub(crate) raw: String,
    /// After `clean`: trimmed, spaces and punctuation repaired.
    pub(crate) text: String,
    pub(crate) fixes: Vec<clean::Fix>,
}

/// What a line turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Blank,
    /// Covered by a declared removal.
    Removed,
    /// Taken into the front matter.
    Cover,
    /// «الملخص» or «Abstract» alone: what follows is that abstract.
    AbstractLabel(Abstract),
    /// The first line of a footnote definition.
    NoteStart,
    /// A further line of the footnote definition above.
    NoteMore,
    Heading(u8),
    Item,
    Text,
}

/// Which abstract.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Abstract {
    Ar,
    En,
}

/// Source material left out, as `source.removed` declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Removal {
    pub(crate) first: usize,
    pub(crate) last: usize,
    /// Only this text of the line(s); the whole lines when `None`.
    pub(crate) text: Option<String>,
    pub(crate) reason: String,
}

/// The lines of the source and what each is, as the stages fill it in.
pub(crate) struct Source {
    pub(crate) lines: Vec<Line>,
    pub(crate) kinds: Vec<Kind>,
    pub(crate) removed: Vec<Removal>,
    /// Abstracts whose label shares its line with their first words («الملخص: يهدف …»):
    /// the 1-based line, where the label was removed.
    pub(crate) abstract_starts: Vec<(usize, Abstract)>,
}

impl Source {
    fn new(text: &str) -> Self {
        let lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, raw)| {
                let (clean, fixes) = clean::clean(raw);
                Line {
                    number: i + 1,
                    raw: raw.to_owned(),
                    text: clean,
                    fixes,
                }
            })
            .collect();
        let kinds = lines
            .iter()
            // A line of punctuation alone stays text: it carries no letters to lose.
            .map(|l| {
                if l.text.is_empty() {
                    Kind::Blank
                } else {
                    Kind::Text
                }
            })
            .collect();
        Source {
            lines,
            kinds,
            removed: Vec::new(),
            abstract_starts: Vec::new(),
        }
    }

    /// Declares lines `first..=last` (0-based indices) removed for `reason`.
    pub(crate) fn remove(&mut self, first: usize, last: usize, reason: impl Into<String>) {
        for k in &mut self.kinds[first..=last] {
            if *k != Kind::Blank {
                *k = Kind::Removed;
            }
        }
        self.removed.push(Removal {
            first: first + 1,
            last: last + 1,
            text: None,
            reason: reason.into(),
        });
    }

    /// Declares the whole text of line `i` removed, naming it (as extracted, so that it is
    /// found on the line whatever `clean` changed).
    pub(crate) fn remove_named(&mut self, i: usize, reason: impl Into<String>) {
        self.kinds[i] = Kind::Removed;
        self.removed.push(Removal {
            first: i + 1,
            last: i + 1,
            text: Some(self.lines[i].raw.trim().to_owned()),
            reason: reason.into(),
        });
    }

    /// Declares `label` at the start of line `i` removed, leaving the rest of the line.
    pub(crate) fn remove_label(&mut self, i: usize, label: &str, rest: &str, reason: &str) {
        self.removed.push(Removal {
            first: i + 1,
            last: i + 1,
            text: Some(label.to_owned()),
            reason: reason.to_owned(),
        });
        self.lines[i].text = rest.trim().to_owned();
    }

    /// How many blank lines come right before line `i` (0-based).
    pub(crate) fn blanks_before(&self, i: usize) -> usize {
        self.kinds[..i]
            .iter()
            .rev()
            .take_while(|k| **k == Kind::Blank)
            .count()
    }

    /// How many blank lines come right after line `i` (0-based).
    pub(crate) fn blanks_after(&self, i: usize) -> usize {
        self.kinds[i + 1..]
            .iter()
            .take_while(|k| **k == Kind::Blank)
            .count()
    }
}

/// Whether `text` has a letter or digit.
pub(crate) fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The words of `text` (split at whitespace).
pub(crate) fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Unicode superscript digits, as footnote markers are extracted.
pub(crate) fn superscript_value(c: char) -> Option<u32> {
    match c {
        '\u{2070}' => Some(0),
        '\u{B9}' => Some(1),
        '\u{B2}' => Some(2),
        '\u{B3}' => Some(3),
        '\u{2074}'..='\u{2079}' => Some(u32::from(c) - 0x2070),
        _ => None,
    }
}

/// `text` without superscript markers, tatweel and harakat, spaces collapsed, a trailing
/// colon dropped: the form two lines are compared in.
pub(crate) fn comparable(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| superscript_value(c).is_none() && !crate::chars::is_arabic_mark(c))
        .filter(|&c| !crate::chars::is_tatweel(c))
        .collect();
    kept.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([':', ' '])
        .to_owned()
}

/// Imports the text of a raw extraction (already decoded).
pub fn import(text: &str, options: &Options) -> Draft {
    let mut source = Source::new(text);
    let toc = layout::furniture(&mut source);
    let cover = cover::read(&mut source);
    notes::mark_definitions(&mut source);
    headings::mark(&mut source, &toc);
    let captions = layout::captions(&mut source);
    let assembled = blocks::assemble(&mut source);
    let linked = notes::link(&source, assembled.blocks, &cover);
    let visual: Vec<(usize, Vec<visual::Sign>)> = source
        .lines
        .iter()
        .filter(|l| has_words(&l.raw))
        .map(|l| (l.number, visual::signs(&l.raw)))
        .filter(|(_, s)| visual::flagged(s))
        .collect();
    let visual_damage = visual.len() >= 3;
    let facts = render::Facts {
        options,
        source: &source,
        cover: &cover,
        abstracts: &assembled.abstracts,
        linked: &linked,
        captions: &captions,
        visual_damage,
    };
    let markdown = render::document(&facts);
    let report = report::build(&facts, &visual);
    Draft { markdown, report }
}
