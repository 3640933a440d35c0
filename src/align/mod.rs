//! Sentence splitting and sentence alignment for a paper's Arabic and English
//! abstracts, so that they can be shown as parallel text.
//!
//! Two steps, each usable alone:
//! 1. [`split_arabic`] and [`split_english`] cut a paragraph into sentences
//!    with hand-written rules that know the traps of real abstracts (`د.`,
//!    `U.S.`, `(Alkan, n.d.)`, `2.5`, `؟"`); see `segment.rs`.
//! 2. [`align`] pairs the sentences into monotone beads of shape 1-1, 1-2,
//!    2-1, 1-3, 3-1, 1-0 or 0-1 with an exact dynamic program. Each bead is
//!    priced by a Gale–Church length model (the Arabic/English ratio taken
//!    from the document itself) and by evidence that needs no model download:
//!    numbers in any digit system, question marks, Latin tokens inside the
//!    Arabic, transliterated names (`أذربيجان` ↔ `Azerbaijan`) and an optional
//!    glossary supplied by the caller. The result is deterministic.
//!
//! Each bead carries its cost and a confidence (its posterior probability
//! under the same model). [`Alignment::is_reliable`] says whether the pairing
//! as a whole is worth showing; when it is not, show the abstracts side by side.
//! Editors can override the aligner with [`pinned()`] bead lists, which are
//! checked against the sentence counts.
//!
//! This module does no IO, reads no configuration and knows nothing of
//! Markdown or HTML: strings in, indices out. It does not reorder sentences
//! (crossing translations become one larger bead), does not align below the
//! sentence level, and ships no dictionary.

mod cost;
#[cfg(test)]
mod dev_set;
mod dp;
mod evidence;
mod format;
mod names;
mod numbers;
mod pair;
mod pinned;
mod segment;
pub(crate) mod text;

use std::ops::Range;

pub(crate) use format::{bead_table, to_json};
pub use pair::{Aligned, align_texts};
pub(crate) use pinned::{Pin, pinned};
pub use segment::{split_arabic, split_english};

/// Which side of the parallel text a sentence belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Side {
    /// The Arabic abstract.
    Ar,
    /// The English abstract.
    En,
}

/// A group of consecutive Arabic sentences paired with a group of consecutive
/// English sentences; one side may be empty (an omission).
#[derive(Clone, Debug, PartialEq)]
pub struct Bead {
    /// Arabic sentence indices.
    pub ar: Range<usize>,
    /// English sentence indices.
    pub en: Range<usize>,
    /// Cost in nats (lower is better; it can be negative when the evidence
    /// is strong). Zero for pinned beads.
    pub cost: f64,
    /// Probability in `0..=1` that this bead is right, under the model. One
    /// for pinned beads.
    pub confidence: f64,
}

impl Bead {
    /// The shape as written by editors, e.g. `"1-2"` (Arabic-English).
    pub(crate) fn label(&self) -> String {
        format!("{}-{}", self.ar.len(), self.en.len())
    }
}

/// The beads pairing two sentence lists, in order. Every sentence of either
/// side is in exactly one bead.
#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    /// The beads, in document order.
    pub beads: Vec<Bead>,
    n_ar: usize,
    n_en: usize,
}

/// [`Alignment::is_reliable`] thresholds: the total bead cost divided by the
/// number of sentences must not exceed this many nats... On the development
/// set it accepts 119 of 122 true abstract pairs and rejects 119 of 122
/// pairings of one document's Arabic with another's English.
pub(crate) const MAX_COST_PER_SENTENCE: f64 = 1.25;
/// ...and at most this share of all sentences may be left unpaired.
pub(crate) const MAX_UNPAIRED_SHARE: f64 = 0.25;

/// Above this many sentences in total, [`align`] pairs sentences in order
/// without searching (the result is then reported as unreliable).
pub(crate) const MAX_SENTENCES: usize = 20_000;

impl Alignment {
    /// Number of Arabic sentences aligned.
    pub fn n_ar(&self) -> usize {
        self.n_ar
    }

    /// Number of English sentences aligned.
    pub fn n_en(&self) -> usize {
        self.n_en
    }

    /// Mean confidence over the beads (one for an empty alignment).
    #[cfg(test)]
    pub(crate) fn mean_confidence(&self) -> f64 {
        if self.beads.is_empty() {
            return 1.0;
        }
        self.beads.iter().map(|b| b.confidence).sum::<f64>() / self.beads.len() as f64
    }

    /// Share of all sentences that sit in 1-0 or 0-1 beads.
    pub(crate) fn unpaired_share(&self) -> f64 {
        let total = self.n_ar + self.n_en;
        let unpaired: usize = self
            .beads
            .iter()
            .filter(|b| b.ar.is_empty() || b.en.is_empty())
            .map(|b| b.ar.len() + b.en.len())
            .sum();
        if total == 0 {
            0.0
        } else {
            unpaired as f64 / total as f64
        }
    }

    /// Total bead cost per sentence, in nats (zero for an empty alignment).
    pub(crate) fn cost_per_sentence(&self) -> f64 {
        let total = self.n_ar + self.n_en;
        if total == 0 {
            0.0
        } else {
            self.beads.iter().map(|b| b.cost).sum::<f64>() / total as f64
        }
    }

    /// Whether the pairing is good enough to show sentence by sentence: both
    /// sides have sentences, the cost per sentence is at most
    /// [`MAX_COST_PER_SENTENCE`] and at most [`MAX_UNPAIRED_SHARE`] of the
    /// sentences are unpaired. Otherwise show the abstracts side by side.
    pub fn is_reliable(&self) -> bool {
        self.n_ar > 0
            && self.n_en > 0
            && self.cost_per_sentence() <= MAX_COST_PER_SENTENCE
            && self.unpaired_share() <= MAX_UNPAIRED_SHARE
    }
}

/// Aligns Arabic sentences with English sentences.
///
/// `glossary` holds optional (Arabic term, English term) pairs; a term found
/// on both sides of a bead is evidence for it. Arabic terms match after
/// spelling normalisation and an optional clitic (`ال`, `و`, `ب`...), English
/// terms case-insensitively at the start of a word.
pub fn align(ar: &[&str], en: &[&str], glossary: &[(String, String)]) -> Alignment {
    let path = if ar.len() + en.len() > MAX_SENTENCES {
        dp::diagonal(ar.len(), en.len())
    } else {
        let ev = evidence::Evidence::new(ar, en, glossary);
        let lattice = dp::Lattice::new(ar.len(), en.len());
        lattice.best_path(&cost::Model::new(&ev).arrivals(&lattice))
    };
    let beads = path
        .into_iter()
        .map(|b| Bead {
            ar: b.ar,
            en: b.en,
            cost: b.cost,
            confidence: b.posterior,
        })
        .collect();
    Alignment {
        beads,
        n_ar: ar.len(),
        n_en: en.len(),
    }
}

#[cfg(test)]
mod tests;
