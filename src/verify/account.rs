//! Compares letters block by block once the source words are placed, and says what differs.
//!
//! Per block: the letters of the source words placed in it against the block's own letters.
//! A source word glued across a block boundary (`لساعاتكان`) is settled between the two
//! neighbouring blocks whose words it is made of. What is left is attributed: lost letters to the source lines whose words the block lacks, added
//! letters to the block words no source word accounts for.
//!
//! This module gives no verdict: the global comparison in `mod.rs` does.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::Published;
use super::declare::SourceLine;
use super::letters::Letters;
use super::locate::{Placement, Unit, WordMatch, match_words};
use super::report::{Finding, LostLine};

pub(super) struct Accounts {
    pub(crate) findings: Vec<Finding>,
    /// Source lines no block took (only when no source line shares anything with any block).
    pub(crate) unplaced: Vec<LostLine>,
    /// How many source lines lost letters, placed or not.
    pub(crate) lines_with_loss: usize,
}

/// The source side: prepared lines and their words, index for index.
pub(super) struct Sides<'a> {
    pub(crate) source: &'a [SourceLine],
    pub(crate) lines: &'a [Unit],
    pub(crate) blocks: &'a [Published],
    pub(crate) units: &'a [Unit],
}

pub(super) fn account(sides: &Sides<'_>, placement: &Placement) -> Accounts {
    let by_block = placement.by_block(sides.blocks.len());
    let matches: Vec<WordMatch> = (by_block.iter().enumerate())
        .map(|(j, placed)| match_words(&sides.units[j], placed, sides.lines))
        .collect();
    let mut lost = Vec::with_capacity(sides.blocks.len());
    let mut added = Vec::with_capacity(sides.blocks.len());
    for (j, placed) in by_block.iter().enumerate() {
        let mut from_source = Letters::default();
        for &(i, w) in placed {
            from_source.add(&sides.lines[i].words[w].letters());
        }
        let mut published = Letters::default();
        sides.units[j]
            .words
            .iter()
            .for_each(|w| published.add(&w.letters()));
        lost.push(from_source.minus(&published));
        added.push(published.minus(&from_source));
    }
    settle_glued_words(sides, &matches, placement, &mut lost, &mut added);

    let mut findings = Vec::new();
    let mut lossy_lines = BTreeSet::new();
    for (j, placed) in by_block.iter().enumerate() {
        if lost[j].is_empty() && added[j].is_empty() {
            continue;
        }
        let m = &matches[j];
        let lost_lines = attribute_lost(sides, &lost[j], &m.stray, placed);
        lossy_lines.extend(lost_lines.iter().map(|l| l.line));
        let unmatched = (sides.units[j].words.iter().zip(&m.matched)).filter(|(_, m)| !**m);
        let ordered = unmatched.map(|(w, _)| w).chain(&sides.units[j].words);
        let mut left = added[j].clone();
        let mut spans = Vec::new();
        for word in ordered {
            let take = left.common(&word.letters());
            if !take.is_empty() {
                left.remove(&take);
                spans.push(word.span.clone());
            }
        }
        let block = &sides.blocks[j];
        findings.push(Finding {
            label: block.label.clone(),
            line: block.line,
            added: added[j].clone(),
            added_excerpt: excerpt(&block.text, &spans),
            lost: lost_lines,
        });
    }

    let unplaced: Vec<LostLine> = (placement.lines.iter().enumerate())
        .filter(|&(i, b)| b.is_none() && !sides.lines[i].words.is_empty())
        .map(|(i, _)| {
            let unit = &sides.lines[i];
            let mut missing = Letters::default();
            unit.words.iter().for_each(|w| missing.add(&w.letters()));
            let spans: Vec<_> = unit.words.iter().map(|w| w.span.clone()).collect();
            let line = &sides.source[i];
            LostLine {
                line: line.number,
                excerpt: excerpt(&line.text, &spans),
                missing,
            }
        })
        .collect();
    lossy_lines.extend(unplaced.iter().map(|l| l.line));
    Accounts {
        findings,
        unplaced,
        lines_with_loss: lossy_lines.len(),
    }
}

/// A source word glued across a block boundary (`لساعاتكان` for «لساعات.» + «كان»): the part
/// that is a whole unmatched word of a neighbouring block counts for that block.
fn settle_glued_words(
    sides: &Sides<'_>,
    matches: &[WordMatch],
    placement: &Placement,
    lost: &mut [Letters],
    added: &mut [Letters],
) {
    let pairs = neighbour_pairs(placement, sides.blocks.len());
    let mut used: Vec<Vec<bool>> = matches.iter().map(|m| m.matched.clone()).collect();
    for (j, m) in matches.iter().enumerate() {
        let near = pairs.iter().filter_map(|&(a, b)| {
            if a == j {
                Some(b)
            } else if b == j {
                Some(a)
            } else {
                None
            }
        });
        let near: Vec<usize> = near.collect();
        for &(i, w) in &m.stray {
            let glued = sides.lines[i].words[w].text.as_str();
            for &k in &near {
                for (u, word) in sides.units[k].words.iter().enumerate() {
                    let part = word.text.as_str();
                    let is_part = part.len() < glued.len()
                        && (glued.starts_with(part) || glued.ends_with(part));
                    if used[k][u] || !is_part {
                        continue;
                    }
                    let both = lost[j].common(&added[k]).common(&word.letters());
                    if both.len() == word.letters().len() {
                        used[k][u] = true;
                        lost[j].remove(&both);
                        added[k].remove(&both);
                    }
                }
            }
        }
    }
}

/// Blocks next to each other in the document, blocks holding consecutive source lines, and
/// blocks sharing one source line.
fn neighbour_pairs(placement: &Placement, block_count: usize) -> BTreeSet<(usize, usize)> {
    let mut pairs: BTreeSet<(usize, usize)> = (1..block_count).map(|j| (j - 1, j)).collect();
    let mut add = |a: usize, b: usize| {
        if a != b {
            pairs.insert((a.min(b), a.max(b)));
        }
    };
    let placed: Vec<usize> = placement.lines.iter().flatten().copied().collect();
    placed.windows(2).for_each(|w| add(w[0], w[1]));
    for line in &placement.words {
        let blocks: BTreeSet<usize> = line.iter().flatten().copied().collect();
        for &a in &blocks {
            blocks.iter().for_each(|&b| add(a, b));
        }
    }
    pairs
}

/// Spreads a block's lost letters over the source lines placed in it: first over the words
/// the block lacks, then over any word, in source order.
fn attribute_lost(
    sides: &Sides<'_>,
    lost: &Letters,
    stray: &[(usize, usize)],
    placed: &[(usize, usize)],
) -> Vec<LostLine> {
    let mut left = lost.clone();
    let mut per_line: BTreeMap<usize, (Letters, Vec<Range<usize>>)> = BTreeMap::new();
    for &(i, w) in stray.iter().chain(placed) {
        if left.is_empty() {
            break;
        }
        let word = &sides.lines[i].words[w];
        let take = left.common(&word.letters());
        if !take.is_empty() {
            left.remove(&take);
            let entry = per_line.entry(i).or_default();
            entry.0.add(&take);
            entry.1.push(word.span.clone());
        }
    }
    (per_line.into_iter())
        .map(|(i, (missing, spans))| {
            let line = &sides.source[i];
            LostLine {
                line: line.number,
                excerpt: excerpt(&line.text, &spans),
                missing,
            }
        })
        .collect()
}

/// Characters of context shown around the words an excerpt is about.
const CONTEXT: usize = 12;
/// Longest stretch of words shown in one excerpt.
const LONGEST: usize = 60;

/// A short, one-line excerpt of `text` around the words at `spans` (byte ranges).
pub(super) fn excerpt(text: &str, spans: &[Range<usize>]) -> String {
    let (Some(start), Some(end)) = (
        spans.iter().map(|s| s.start).min(),
        spans.iter().map(|s| s.end).max(),
    ) else {
        return String::new();
    };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let first = chars
        .iter()
        .position(|&(at, _)| at >= start)
        .unwrap_or(chars.len());
    let mut last = chars
        .iter()
        .position(|&(at, _)| at >= end)
        .unwrap_or(chars.len());
    if last - first > LONGEST {
        let first_end = spans
            .iter()
            .filter(|s| s.start == start)
            .map(|s| s.end)
            .max()
            .unwrap_or(end);
        last = chars
            .iter()
            .position(|&(at, _)| at >= first_end)
            .unwrap_or(chars.len());
        last = last.max(first + 1).min(first + LONGEST).min(chars.len());
    }
    let from = first.saturating_sub(CONTEXT);
    let to = (last + CONTEXT).min(chars.len());
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let body: String = chars[from..to]
        .iter()
        .map(|&(_, c)| if c.is_whitespace() { ' ' } else { c })
        .collect();
    out.push_str(body.trim());
    if to < chars.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_are_short_and_marked_when_cut() {
        let text = "aaaaaaaaaaaaaaaaaaaa word bbbbbbbbbbbbbbbbbbbb";
        let at = text.find("word").unwrap_or(0);
        type Case<'a> = (&'a str, &'a [(usize, usize)], &'a str);
        let cases: &[Case<'_>] = &[
            (text, &[(at, at + 4)], "…aaaaaaaaaaa word bbbbbbbbbbb…"),
            ("short", &[(0, 5)], "short"),
            ("short", &[], ""),
            ("a\tb", &[(0, 1)], "a b"),
            ("one two", &[(0, 3), (4, 7)], "one two"),
        ];
        for (text, spans, expected) in cases {
            let spans: Vec<_> = spans.iter().map(|&(start, end)| start..end).collect();
            assert_eq!(excerpt(text, &spans), *expected);
        }
    }
}
