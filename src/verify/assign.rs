//! Step 1 of placing the source (see `locate.rs`): each source line goes to one block.
//!
//! Each line goes to the block holding most of its letter trigrams that lines placed before it
//! have not consumed (ties: the smaller block; near-ties: the block of a neighbouring line).
//! Lines that clearly belong somewhere are placed first, so a heading quoted in the paragraph
//! after it does not lose its line to that paragraph. A line that went to a third block while
//! the blocks of the lines around it hold it better joins them. Then blocks left mostly
//! unexplained take the line that best reduces the letter difference. Word-level corrections
//! are `locate.rs`'s business.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use super::letters::Letters;
use super::locate::{Gram, Unit};

/// Which blocks hold each trigram.
type GramIndex = HashMap<Gram, Vec<usize>>;

/// Trigrams of `line` found in each block (within what is `left` of the block).
fn shared_grams(
    line: &Unit,
    index: &GramIndex,
    left: &[HashMap<Gram, u32>],
) -> BTreeMap<usize, u32> {
    let mut shared: BTreeMap<usize, u32> = BTreeMap::new();
    for (gram, &n) in &line.grams {
        for &j in index.get(gram).map_or(&[][..], Vec::as_slice) {
            let available = left[j].get(gram).copied().unwrap_or(0);
            if available > 0 {
                *shared.entry(j).or_insert(0) += n.min(available);
            }
        }
    }
    shared
}

fn per_mille(shared: u32, line: &Unit) -> u64 {
    u64::from(shared) * 1000 / u64::from(line.gram_total.max(1))
}

/// Step 1: each line to the block sharing most of its (not yet consumed) trigrams.
pub(super) fn assign_lines(lines: &[Unit], blocks: &[Unit]) -> Vec<Option<usize>> {
    let mut index = GramIndex::new();
    for (j, block) in blocks.iter().enumerate() {
        for gram in block.grams.keys() {
            index.entry(*gram).or_default().push(j);
        }
    }
    let mut left: Vec<HashMap<Gram, u32>> = blocks.iter().map(|b| b.grams.clone()).collect();
    let mut left_total: Vec<u32> = blocks.iter().map(|b| b.gram_total).collect();

    // How clearly each line prefers its best block over the second best.
    let mut order: Vec<(u64, usize)> = (lines.iter().enumerate())
        .map(|(i, line)| {
            let mut scores: Vec<u64> = (shared_grams(line, &index, &left).values())
                .map(|&n| per_mille(n, line))
                .collect();
            scores.sort_unstable_by(|a, b| b.cmp(a));
            let margin = scores.first().copied().unwrap_or(0) - scores.get(1).copied().unwrap_or(0);
            (margin, i)
        })
        .collect();
    order.sort_by_key(|&(margin, i)| (Reverse(margin), i));

    let with_words: Vec<usize> = (0..lines.len())
        .filter(|&i| !lines[i].words.is_empty())
        .collect();
    let mut out = vec![None; lines.len()];
    for (_, i) in order {
        let line = &lines[i];
        let at = with_words.binary_search(&i).unwrap_or_else(|at| at);
        let before = at
            .checked_sub(1)
            .and_then(|p| with_words.get(p))
            .and_then(|&p| out[p]);
        let after = with_words.get(at + 1).and_then(|&n| out[n]);
        let shared = shared_grams(line, &index, &left);
        let best = shared.iter().max_by_key(|&(&j, &n)| {
            let continuity = if before == Some(j) || after == Some(j) {
                50
            } else {
                0
            };
            (
                per_mille(n, line) + continuity,
                Reverse(left_total[j]),
                Reverse(j),
            )
        });
        let Some((&j, _)) = best else { continue };
        for (gram, &n) in &line.grams {
            if let Some(available) = left[j].get_mut(gram) {
                let taken = n.min(*available);
                *available -= taken;
                left_total[j] -= taken;
            }
        }
        out[i] = Some(j);
    }
    join_neighbours(lines, blocks, &mut out);
    rescue_unexplained_blocks(lines, blocks, &mut out);
    // A line sharing nothing with any block stays with its neighbours, so that its loss is
    // reported where it was expected.
    let placed = out.clone();
    for (i, slot) in out.iter_mut().enumerate() {
        if slot.is_none() && !lines[i].words.is_empty() {
            let before = placed[..i].iter().rev().flatten().next();
            *slot = before
                .or_else(|| placed[i..].iter().flatten().next())
                .copied();
        }
    }
    out
}

/// A line whose block is neither its previous nor its next line's, while those two blocks
/// together hold more of its trigrams, joins the one of them holding more: a short line split
/// between two paragraphs must not go to a third block that happens to quote most of it.
fn join_neighbours(lines: &[Unit], blocks: &[Unit], out: &mut [Option<usize>]) {
    let first = out.to_vec();
    let shared = |line: &Unit, a: usize, b: Option<usize>| -> u32 {
        let count = |k: Option<usize>, g: &Gram| {
            k.and_then(|k| blocks[k].grams.get(g)).copied().unwrap_or(0)
        };
        line.grams
            .iter()
            .map(|(g, n)| (*n).min(count(Some(a), g) + count(b.filter(|&b| b != a), g)))
            .sum()
    };
    for i in 0..lines.len() {
        let Some(j) = first[i] else { continue };
        let before = first[..i].iter().rev().flatten().next().copied();
        let after = first[i + 1..].iter().flatten().next().copied();
        let (Some(b), Some(a)) = (before, after) else {
            continue;
        };
        if j == b || j == a || shared(&lines[i], b, Some(a)) <= shared(&lines[i], j, None) {
            continue;
        }
        let (to_b, to_a) = (shared(&lines[i], b, None), shared(&lines[i], a, None));
        out[i] = Some(if to_a > to_b { a } else { b });
    }
}

/// A block whose letters are at least half unexplained takes, among the lines mostly in it that
/// make up most of it, the one whose move most reduces the letter differences of both blocks.
fn rescue_unexplained_blocks(lines: &[Unit], blocks: &[Unit], out: &mut [Option<usize>]) {
    let mut from_source = vec![Letters::default(); blocks.len()];
    for (line, block) in lines.iter().zip(out.iter()) {
        if let Some(j) = *block {
            from_source[j].add(&line.letters);
        }
    }
    let cost =
        |block: &Letters, source: &Letters| block.minus(source).len() + source.minus(block).len();
    for (k, block) in blocks.iter().enumerate() {
        if block.letters.is_empty()
            || 2 * block.letters.minus(&from_source[k]).len() < block.letters.len()
        {
            continue;
        }
        // The line must be mostly in the block and make up most of it.
        let fits = |line: &Unit| {
            let shared: u32 = line
                .grams
                .iter()
                .map(|(g, n)| (*n).min(block.grams.get(g).copied().unwrap_or(0)))
                .sum();
            2 * shared >= line.gram_total && 2 * shared >= block.gram_total
        };
        let best = (lines.iter().enumerate())
            .filter_map(|(i, line)| out[i].filter(|&j| j != k).map(|j| (i, j, line)))
            .filter(|&(_, _, line)| fits(line))
            .map(|(i, j, line)| {
                let before = cost(&blocks[j].letters, &from_source[j])
                    + cost(&block.letters, &from_source[k]);
                let mut j_after = from_source[j].clone();
                j_after.remove(&line.letters);
                let mut k_after = from_source[k].clone();
                k_after.add(&line.letters);
                let after = cost(&blocks[j].letters, &j_after) + cost(&block.letters, &k_after);
                (before.saturating_sub(after), Reverse(i), j)
            })
            .filter(|&(gain, _, _)| gain > 0)
            .max();
        if let Some((_, Reverse(i), j)) = best {
            from_source[j].remove(&lines[i].letters);
            from_source[k].add(&lines[i].letters);
            out[i] = Some(k);
        }
    }
}
