//! Lexical evidence that an Arabic and an English sentence translate each
//! other, computed without any model: numbers, question marks, Latin tokens
//! inside the Arabic, transliterated names and an optional caller glossary.
//!
//! Features are extracted once per sentence ([`Features`]); then, for every
//! Arabic/English sentence pair, bit masks record which anchors of one side
//! found a partner on the other ([`PairEvidence`]). A bead's evidence is the
//! union of its pairs' masks, so an anchor counts once however large the bead
//! is. This module counts; turning counts into costs is `cost.rs`'s job.

use std::collections::BTreeMap;

use super::names::{self, MIN_SKELETON};
use super::numbers::{self, Mention};
use super::segment::is_sentence_opener;
use super::text::{normalise_for_matching, text_len};
use crate::chars::is_arabic_letter;

/// Anchors kept per sentence and kind (one bit each in a `u64`).
const MAX_ANCHORS: usize = 64;

/// What one sentence offers for matching.
#[derive(Debug, Default)]
pub(crate) struct Features {
    /// Length in characters, for the length model.
    pub(crate) len: f64,
    /// `?` and `؟` count.
    pub(crate) questions: u32,
    pub(crate) numbers: Vec<Mention>,
    /// Mask of numbers whose absence on the other side is strong evidence.
    pub(crate) strong_numbers: u64,
    /// Arabic: Latin-script tokens. English: every token (sorted, for lookup).
    pub(crate) latin: Vec<String>,
    /// Arabic: skeletons of every word. English: skeletons of capitalised words.
    pub(crate) skeletons: Vec<Vec<u8>>,
    /// Glossary entries present (bit k = k-th relevant entry).
    pub(crate) glossary: u128,
}

impl Features {
    fn new(s: &str, arabic: bool) -> Self {
        let mut numbers = numbers::mentions(s);
        numbers.truncate(MAX_ANCHORS);
        let strong_numbers = bits(numbers.iter().map(|m| !m.is_small()));
        let mut latin: Vec<String> = latin_tokens(s).collect();
        let mut skeletons: Vec<Vec<u8>> = if arabic {
            names::words(s, true)
                .flat_map(names::arabic_variants)
                .collect()
        } else {
            names::words(s, false)
                .filter(|w| {
                    w.chars().next().is_some_and(char::is_uppercase) && !is_sentence_opener(w)
                })
                .map(names::latin_skeleton)
                .filter(|k| k.len() >= MIN_SKELETON)
                .collect()
        };
        latin.sort_unstable();
        latin.dedup();
        latin.truncate(MAX_ANCHORS);
        skeletons.sort_unstable();
        skeletons.dedup();
        if !arabic {
            skeletons.truncate(MAX_ANCHORS);
        }
        Features {
            len: text_len(s) as f64,
            questions: s.chars().filter(|&c| c == '?' || c == '؟').count() as u32,
            numbers,
            strong_numbers,
            latin,
            skeletons,
            glossary: 0,
        }
    }
}

/// Which anchors of an Arabic sentence `i` and an English sentence `j` match.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PairEvidence {
    /// Numbers of `i` matched by a number of `j`.
    pub(crate) ar_numbers: u64,
    /// Numbers of `j` matched by a number of `i`.
    pub(crate) en_numbers: u64,
    /// Latin tokens of `i` found among the tokens of `j`.
    pub(crate) latin: u64,
    /// Capitalised words of `j` whose skeleton is close to a word of `i`.
    pub(crate) names: u64,
}

/// Features of both sides and the pairwise evidence, `pairs[i * n_en + j]`.
pub(crate) struct Evidence {
    pub(crate) ar: Vec<Features>,
    pub(crate) en: Vec<Features>,
    pairs: Vec<PairEvidence>,
}

impl Evidence {
    pub(crate) fn new(ar: &[&str], en: &[&str], glossary: &[(String, String)]) -> Self {
        let mut far: Vec<Features> = ar.iter().map(|s| Features::new(s, true)).collect();
        let mut fen: Vec<Features> = en.iter().map(|s| Features::new(s, false)).collect();
        mark_glossary(ar, en, glossary, &mut far, &mut fen);
        let mut pairs = Vec::with_capacity(ar.len() * en.len());
        for a in &far {
            for e in &fen {
                pairs.push(compare(a, e));
            }
        }
        mark_names(&far, &fen, &mut pairs);
        Evidence {
            ar: far,
            en: fen,
            pairs,
        }
    }

    pub(crate) fn pair(&self, i: usize, j: usize) -> PairEvidence {
        self.pairs[i * self.en.len() + j]
    }
}

fn compare(a: &Features, e: &Features) -> PairEvidence {
    let mut ev = PairEvidence::default();
    for (k, m) in a.numbers.iter().enumerate() {
        if e.numbers.iter().any(|n| n.matches(m)) {
            ev.ar_numbers |= 1 << k;
        }
    }
    for (k, m) in e.numbers.iter().enumerate() {
        if a.numbers.iter().any(|n| n.matches(m)) {
            ev.en_numbers |= 1 << k;
        }
    }
    for (k, t) in a.latin.iter().enumerate() {
        if e.latin.binary_search(t).is_ok() {
            ev.latin |= 1 << k;
        }
    }
    ev
}

/// Sets the `names` bits. Each distinct English name is compared once with
/// each distinct Arabic skeleton of similar length, not once per sentence pair.
fn mark_names(far: &[Features], fen: &[Features], pairs: &mut [PairEvidence]) {
    let mut arabic: BTreeMap<&[u8], Vec<usize>> = BTreeMap::new();
    for (i, f) in far.iter().enumerate() {
        for sk in &f.skeletons {
            arabic.entry(sk.as_slice()).or_default().push(i);
        }
    }
    let mut by_len: Vec<Vec<(&[u8], &[usize])>> = Vec::new();
    for (sk, sentences) in &arabic {
        if by_len.len() <= sk.len() {
            by_len.resize(sk.len() + 1, Vec::new());
        }
        by_len[sk.len()].push((sk, sentences));
    }
    let mut english: BTreeMap<&[u8], Vec<(usize, usize)>> = BTreeMap::new();
    for (j, f) in fen.iter().enumerate() {
        for (k, name) in f.skeletons.iter().enumerate() {
            english.entry(name.as_slice()).or_default().push((j, k));
        }
    }
    let n_en = fen.len();
    for (name, uses) in english {
        let lens = name.len().saturating_sub(name.len() / 3)..=name.len() + name.len() / 3;
        let candidates = lens.filter_map(|l| by_len.get(l)).flatten();
        for (_, sentences) in candidates.filter(|(sk, _)| names::similar(sk, name)) {
            for &i in sentences.iter() {
                for &(j, k) in &uses {
                    pairs[i * n_en + j].names |= 1 << k;
                }
            }
        }
    }
}

fn bits(flags: impl Iterator<Item = bool>) -> u64 {
    flags
        .enumerate()
        .filter(|&(_, f)| f)
        .fold(0, |m, (k, _)| m | 1 << k)
}

/// Latin-script tokens of two or more characters with at least one letter,
/// lowercased (`WATSAM`, `alkan`, `g20`).
fn latin_tokens(s: &str) -> impl Iterator<Item = String> {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| t.len() >= 2 && t.chars().any(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_lowercase)
}

/// Arabic clitics allowed in front of a glossary term.
const CLITICS: &[&str] = &[
    "وبال", "وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف", "ك",
];

/// Sets the glossary bits of every sentence. Only entries found on both sides
/// of the document are numbered, at most 128 of them.
fn mark_glossary(
    ar: &[&str],
    en: &[&str],
    glossary: &[(String, String)],
    far: &mut [Features],
    fen: &mut [Features],
) {
    if glossary.is_empty() {
        return;
    }
    let ar_norm: Vec<String> = ar.iter().map(|s| normalise_for_matching(s)).collect();
    let en_norm: Vec<String> = en.iter().map(|s| s.to_lowercase()).collect();
    let mut bit = 0;
    for (term_ar, term_en) in glossary {
        let (ta, te) = (
            normalise_for_matching(term_ar.trim()),
            term_en.trim().to_lowercase(),
        );
        if ta.is_empty() || te.is_empty() {
            continue;
        }
        let in_ar: Vec<bool> = ar_norm.iter().map(|s| has_arabic_term(s, &ta)).collect();
        let in_en: Vec<bool> = en_norm.iter().map(|s| has_english_term(s, &te)).collect();
        if !in_ar.contains(&true) || !in_en.contains(&true) {
            continue;
        }
        for (f, _) in far.iter_mut().zip(&in_ar).filter(|(_, hit)| **hit) {
            f.glossary |= 1 << bit;
        }
        for (f, _) in fen.iter_mut().zip(&in_en).filter(|(_, hit)| **hit) {
            f.glossary |= 1 << bit;
        }
        bit += 1;
        if bit == 128 {
            break;
        }
    }
}

/// `term` occurs at the start of a word of `s`, possibly after a clitic.
fn has_arabic_term(s: &str, term: &str) -> bool {
    s.match_indices(term).any(|(p, _)| {
        let before = &s[..p];
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_arabic_letter(c))
            .map_or(0, |(q, c)| q + c.len_utf8());
        let lead = &before[word_start..];
        lead.is_empty() || CLITICS.contains(&lead)
    })
}

/// `term` occurs at the start of a word of `s` (so `study` matches `studying`).
fn has_english_term(s: &str, term: &str) -> bool {
    s.match_indices(term).any(|(p, _)| {
        !s[..p]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pair_evidence_counts_anchors() {
        let ar = ["اندلعت الحرب بين أذربيجان وأرمينيا عام 2020 وفق تقرير WATSAM."];
        let en =
            ["The war between Azerbaijan and Armenia broke out in 2020, says the WATSAM report."];
        let ev = Evidence::new(&ar, &en, &[]);
        let p = ev.pair(0, 0);
        assert_eq!((p.ar_numbers, p.en_numbers, p.latin), (1, 1, 1));
        assert_eq!(p.names.count_ones(), 2, "{:?}", ev.en[0].skeletons);
    }

    #[test]
    fn glossary_terms_match_with_clitics() {
        let gl = vec![
            ("دراسة".to_string(), "study".to_string()),
            ("قمر".to_string(), "moon".to_string()),
        ];
        let ar = ["تهدف الدراسة إلى فهم", "لا شيء هنا"];
        let en = ["This study aims to understand", "Nothing here"];
        let ev = Evidence::new(&ar, &en, &gl);
        assert_eq!(
            (ev.ar[0].glossary, ev.ar[1].glossary, ev.en[0].glossary),
            (1, 0, 1)
        );
        assert!(has_arabic_term("والدراسه", "دراسه"));
        assert!(!has_arabic_term("مدراسه", "دراسه"));
    }
}
