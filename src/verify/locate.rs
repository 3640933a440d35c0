//! Places every word of the prepared source in a published block, so that differences can be
//! reported where they are.
//!
//! 1. Each source line goes to the block that holds most of its letter trigrams (within words,
//!    so phrases reordered inside a line, as in an extraction in visual order, still match);
//!    see `assign.rs`.
//! 2. A line whose words its block has to spare moves whole to a block (or up to three
//!    consecutive blocks) that has all of them unaccounted for: a duplicate line that went to
//!    the wrong twin, a cover line («publisher - place») that went to a footnote citing both.
//! 3. A word a block has to spare moves to a nearby block (at most three away) that lacks
//!    exactly that word: a hard-wrapped line that ends one paragraph and starts the next, or a
//!    line holding a heading and the start of its paragraph, is split between the two. The
//!    moves are paired as a whole (`pairs.rs`), not word by word, so a run of such lines does
//!    not shift each word one block along.
//!
//! This module decides placement only; `account` compares letters and judges.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};

use super::assign;
use super::letters::{Letters, Word, words};
use super::pairs::{Edge, cheapest_pairs};

pub(super) type Gram = [char; 3];

/// A text (a source line or a published block) cut into words, with its letter trigrams.
pub(super) struct Unit {
    pub(crate) words: Vec<Word>,
    /// All letters of the words.
    pub(crate) letters: Letters,
    /// Letter trigrams within words (a shorter word is one padded gram), with counts.
    pub(crate) grams: HashMap<Gram, u32>,
    pub(crate) gram_total: u32,
}

impl Unit {
    pub(super) fn new(text: &str) -> Self {
        let words = words(text);
        let mut grams: HashMap<Gram, u32> = HashMap::new();
        for word in &words {
            let chars: Vec<char> = word.text.chars().collect();
            if chars.len() < 3 {
                let mut gram = ['\0'; 3];
                gram[..chars.len()].copy_from_slice(&chars);
                *grams.entry(gram).or_insert(0) += 1;
            } else {
                for w in chars.windows(3) {
                    *grams.entry([w[0], w[1], w[2]]).or_insert(0) += 1;
                }
            }
        }
        let gram_total = grams.values().sum();
        let mut letters = Letters::default();
        words.iter().for_each(|w| letters.add(&w.letters()));
        Self {
            words,
            letters,
            grams,
            gram_total,
        }
    }
}

/// Where each source word went.
pub(super) struct Placement {
    /// For each source line, the block of each of its words; `None` only for lines that share
    /// nothing with any block while no line does.
    pub(crate) words: Vec<Vec<Option<usize>>>,
    /// For each source line, the block chosen for the line as a whole.
    pub(crate) lines: Vec<Option<usize>>,
}

impl Placement {
    /// The (line, word) pairs placed in each block, in source order.
    pub(super) fn by_block(&self, block_count: usize) -> Vec<Vec<(usize, usize)>> {
        let mut out = vec![Vec::new(); block_count];
        for (i, line) in self.words.iter().enumerate() {
            for (w, block) in line.iter().enumerate() {
                if let Some(j) = *block {
                    out[j].push((i, w));
                }
            }
        }
        out
    }
}

pub(super) fn place(lines: &[Unit], blocks: &[Unit]) -> Placement {
    let line_blocks = assign::assign_lines(lines, blocks);
    let words = (line_blocks.iter().zip(lines))
        .map(|(block, line)| vec![*block; line.words.len()])
        .collect();
    let mut placement = Placement {
        words,
        lines: line_blocks,
    };
    move_whole_lines(&mut placement, lines, blocks);
    move_words(&mut placement, lines, blocks);
    placement
}

/// Source words a block does not have, and the block's words no source word accounts for.
pub(super) struct WordMatch {
    /// (line, word) pairs placed in the block but not among its words, in source order.
    pub(crate) stray: Vec<(usize, usize)>,
    /// For each word of the block: whether a placed source word accounts for it.
    pub(crate) matched: Vec<bool>,
    /// For each word of the block: the (line, word) that accounts for it.
    pub(crate) source: Vec<Option<(usize, usize)>>,
}

/// Matches the source words placed in `block` against the block's words. When a word occurs
/// more than once, the occurrences whose neighbours are also neighbours in the block match
/// first, so a loss is reported on the occurrence that lost its context (a caption repeating a
/// name from the paragraph beside it is the one left over).
pub(super) fn match_words(block: &Unit, placed: &[(usize, usize)], lines: &[Unit]) -> WordMatch {
    let text = |k: usize| block.words.get(k).map(|w| w.text.as_str());
    let mut free: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, word) in block.words.iter().enumerate() {
        free.entry(word.text.as_str()).or_default().push(k);
    }
    let pairs: HashSet<(&str, &str)> = block
        .words
        .windows(2)
        .map(|w| (w[0].text.as_str(), w[1].text.as_str()))
        .collect();
    let contexts: Vec<(Option<&str>, &str, Option<&str>)> = placed
        .iter()
        .map(|&(i, w)| source_context(lines, i, w))
        .collect();
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&n| {
        let (before, word, after) = contexts[n];
        let fits = usize::from(before.is_some_and(|b| pairs.contains(&(b, word))))
            + usize::from(after.is_some_and(|a| pairs.contains(&(word, a))));
        (Reverse(fits), n)
    });
    let mut matched = vec![false; block.words.len()];
    let mut source = vec![None; block.words.len()];
    let mut stray = Vec::new();
    for n in order {
        let (before, word, after) = contexts[n];
        let Some(candidates) = free.get_mut(word).filter(|c| !c.is_empty()) else {
            stray.push(placed[n]);
            continue;
        };
        let best = (candidates.iter().enumerate())
            .max_by_key(|&(at, &k)| {
                let fits =
                    usize::from(before.is_some() && k.checked_sub(1).and_then(text) == before)
                        + usize::from(after.is_some() && text(k + 1) == after);
                (fits, Reverse(at))
            })
            .map_or(0, |(at, _)| at);
        let k = candidates.remove(best);
        matched[k] = true;
        source[k] = Some(placed[n]);
    }
    stray.sort_unstable();
    WordMatch {
        stray,
        matched,
        source,
    }
}

fn word_text(word: &Word) -> &str {
    &word.text
}

/// A source word with the words before and after it in the source (across lines).
fn source_context(lines: &[Unit], i: usize, w: usize) -> (Option<&str>, &str, Option<&str>) {
    let words = &lines[i].words;
    let before = match w.checked_sub(1) {
        Some(p) => words.get(p),
        None => lines[..i].iter().rev().find_map(|l| l.words.last()),
    };
    let after = match words.get(w + 1) {
        Some(next) => Some(next),
        None => lines[i + 1..].iter().find_map(|l| l.words.first()),
    };
    (
        before.map(word_text),
        word_text(&words[w]),
        after.map(word_text),
    )
}

/// Word texts with how many times they occur.
type WordCounts = HashMap<String, u32>;

/// For each block, its unaccounted words; and the stray words of all blocks as
/// (block, line, word), in source order.
fn unaccounted(
    placement: &Placement,
    lines: &[Unit],
    blocks: &[Unit],
) -> (Vec<WordCounts>, Vec<(usize, usize, usize)>) {
    let mut missing = Vec::with_capacity(blocks.len());
    let mut stray = Vec::new();
    for (j, placed) in placement.by_block(blocks.len()).iter().enumerate() {
        let m = match_words(&blocks[j], placed, lines);
        let mut words = WordCounts::new();
        for (word, _) in blocks[j].words.iter().zip(&m.matched).filter(|(_, m)| !**m) {
            *words.entry(word.text.clone()).or_insert(0) += 1;
        }
        missing.push(words);
        stray.extend(m.stray.into_iter().map(|(i, w)| (j, i, w)));
    }
    stray.sort_by_key(|&(_, i, w)| (i, w));
    (missing, stray)
}

/// The most consecutive blocks a wholly stray line may be spread over in step 2 (a cover line
/// holding both the publisher and the place).
const WINDOW: usize = 3;

/// Step 2: a line whose words its block has to spare (all of them stray there, or all of
/// them also among the block's stray words, so another line can take over their matches)
/// moves to the nearest run of at most [`WINDOW`] consecutive blocks that miss all its words,
/// each word to the first of them missing it.
fn move_whole_lines(placement: &mut Placement, lines: &[Unit], blocks: &[Unit]) {
    let (mut missing, stray) = unaccounted(placement, lines, blocks);
    let mut spare: Vec<HashMap<&str, u32>> = vec![HashMap::new(); blocks.len()];
    let mut own_stray: HashMap<usize, usize> = HashMap::new();
    for &(j, i, w) in &stray {
        *spare[j].entry(lines[i].words[w].text.as_str()).or_insert(0) += 1;
        *own_stray.entry(i).or_insert(0) += 1;
    }
    let mut candidates: Vec<(usize, usize)> = (placement.lines.iter().enumerate())
        .filter_map(|(i, b)| b.map(|j| (i, j)))
        .filter(|&(i, j)| !spare[j].is_empty() && placement.words[i].iter().all(|b| *b == Some(j)))
        .collect();
    candidates.sort_by_key(|&(i, _)| (Reverse(own_stray.get(&i).copied().unwrap_or(0)), i));
    for (i, j) in candidates {
        let line = &lines[i];
        let mut need: HashMap<&str, u32> = HashMap::new();
        for word in &line.words {
            *need.entry(word.text.as_str()).or_insert(0) += 1;
        }
        if line.words.is_empty()
            || !need
                .iter()
                .all(|(w, n)| spare[j].get(w).is_some_and(|s| s >= n))
        {
            continue;
        }
        let covers = |run: &[WordCounts]| {
            need.iter()
                .all(|(w, n)| run.iter().filter_map(|m| m.get(*w)).sum::<u32>() >= *n)
        };
        let target = (1..=WINDOW.min(blocks.len())).find_map(|len| {
            (0..=blocks.len() - len)
                .filter(|&k| !(k..k + len).contains(&j) && covers(&missing[k..k + len]))
                .min_by_key(|&k| (k.abs_diff(j), k))
                .map(|k| k..k + len)
        });
        let Some(run) = target else { continue };
        for (w, word) in line.words.iter().enumerate() {
            let k = run
                .clone()
                .find(|&k| missing[k].get(&word.text).is_some_and(|m| *m > 0));
            if let Some(k) = k {
                if let Some(m) = missing[k].get_mut(&word.text) {
                    *m -= 1;
                }
                placement.words[i][w] = Some(k);
            }
        }
        for (w, n) in need {
            if let Some(s) = spare[j].get_mut(w) {
                *s -= n;
            }
        }
        placement.lines[i] = Some(run.start);
    }
}

/// How far (in blocks) step 3 looks for a block missing a stray word. More than one: a common
/// word of a line split between two paragraphs can take the match of the same word in a
/// third, nearby paragraph, and so shift the stray one along.
const REACH: usize = 3;

/// For each block, the letters of the source words placed in it that it lacks, and its letters
/// they lack.
fn balances(
    placement: &Placement,
    lines: &[Unit],
    blocks: &[Unit],
) -> (Vec<Letters>, Vec<Letters>) {
    let mut from_source = vec![Letters::default(); blocks.len()];
    for (i, line) in placement.words.iter().enumerate() {
        for (w, block) in line.iter().enumerate() {
            if let Some(j) = *block {
                from_source[j].add(&lines[i].words[w].letters());
            }
        }
    }
    let zipped = || from_source.iter().zip(blocks);
    (
        zipped().map(|(s, b)| s.minus(&b.letters)).collect(),
        zipped().map(|(s, b)| b.letters.minus(s)).collect(),
    )
}

/// A stray word step 3 may move: its block, line and word.
type Mover = (usize, usize, usize);

/// Step 3: stray words move to nearby blocks that miss exactly those words (the blocks of the
/// lines around the word's line, or at most [`REACH`] blocks away), paired so that as many
/// move as possible and then over the shortest distances (`pairs.rs`). A word moves only when
/// that settles letters on both sides: its block has the word's letters to spare and the
/// other block lacks them. A stray word whose letters its own block still accounts for (the
/// source's «و ... تعتبر» published as «وتعتبر») stays.
fn move_words(placement: &mut Placement, lines: &[Unit], blocks: &[Unit]) {
    let (missing, stray) = unaccounted(placement, lines, blocks);
    let (mut spare, mut lacking) = balances(placement, lines, blocks);
    let take = |pool: &mut Letters, word: &Letters| {
        let fits = pool.common(word) == *word;
        if fits {
            pool.remove(word);
        }
        fits
    };
    // Where each stray word could go, at what cost; only words with somewhere to go claim
    // their block's spare letters.
    let around = |i: usize| {
        let before = placement.lines[..i].iter().rev().flatten().next().copied();
        let after = placement.lines[i + 1..].iter().flatten().next().copied();
        [before, after]
    };
    let cost = |j: usize, i: usize, k: usize| -> Option<u32> {
        if k == j {
            None
        } else if around(i).contains(&Some(k)) {
            Some(1)
        } else if k.abs_diff(j) <= REACH {
            u32::try_from(k.abs_diff(j)).ok().map(|d| d + 1)
        } else {
            None
        }
    };
    let lacks = |k: usize, text: &str| missing[k].get(text).is_some_and(|n| *n > 0);
    let targets = |j: usize, i: usize, text: &str| -> Vec<usize> {
        let near = (j.saturating_sub(REACH)..=j + REACH).filter(|&k| k < blocks.len());
        let mut all: Vec<usize> = near.chain(around(i).into_iter().flatten()).collect();
        all.sort_unstable();
        all.dedup();
        all.retain(|&k| cost(j, i, k).is_some() && lacks(k, text));
        all
    };
    let mut movers: BTreeMap<&str, Vec<Mover>> = BTreeMap::new();
    let mut wanted: Vec<BTreeMap<&str, u32>> = vec![BTreeMap::new(); blocks.len()];
    for (j, i, w) in stray {
        let word = &lines[i].words[w];
        let text = word.text.as_str();
        let targets = targets(j, i, text);
        if !targets.is_empty() && take(&mut spare[j], &word.letters()) {
            movers.entry(text).or_default().push((j, i, w));
            for k in targets {
                let n = wanted[k].entry(text).or_insert(0);
                *n = (*n + 1).min(missing[k][text]);
            }
        }
    }
    let mut slots: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (k, words) in wanted.iter().enumerate() {
        for (&text, &n) in words {
            let letters = Letters::of_word(text);
            for _ in 0..n {
                if take(&mut lacking[k], &letters) {
                    slots.entry(text).or_default().push(k);
                }
            }
        }
    }
    for (text, movers) in &movers {
        let Some(slots) = slots.get(text) else {
            continue;
        };
        let edges: Vec<Edge> = (movers.iter().enumerate())
            .flat_map(|(a, &(j, i, _))| {
                (slots.iter().enumerate())
                    .filter_map(move |(b, &k)| cost(j, i, k).map(|c| (a, b, c)))
            })
            .collect();
        let paired = cheapest_pairs(movers.len(), slots.len(), &edges);
        for (&(_, i, w), slot) in movers.iter().zip(paired) {
            if let Some(b) = slot {
                placement.words[i][w] = Some(slots[b]);
            }
        }
    }
}
