//! `verify --strict`: compares the signs (`signs.rs`: punctuation, brackets, quotation marks,
//! dashes, symbols, harakat) block by block, once the letters have placed every source word.
//!
//! 1. Each source sign goes to the block of the word it goes with (a line without words: the
//!    block of the line before it). Source lines are the prepared ones, so `source.removed`
//!    and `source.repairs` (whose `to` may carry punctuation and harakat) are applied.
//! 2. Where a source line straddles two blocks (a heading and its paragraph, a sentence
//!    across a page break), a sign of which one block has too many and the other too few
//!    moves to the other: which of the two it went with is not an edit.
//! 3. Per block, source and published signs are paired: equal signs with a neighbouring word
//!    in common, then a lost sign with a different one standing alike (a change), then any
//!    equal signs.
//! 4. What the document's structure explains is left out (`structure.rs`); the rest are the
//!    findings.
//!
//! The findings say where: the block's line in the document, the source line, and an excerpt
//! of each. This module gives no verdict; `report.rs` does.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use super::account::{Sides, excerpt};
use super::locate::{Placement, WordMatch, match_words};
use super::signs::{Anchor, Class, Sign, class, folded, signs};
use super::strict_report::{Change, SignFinding, SignReport};
use super::structure::{Shape, drop_list_number, forgive_structure, shape};

/// A source sign: its line (index into the prepared lines) and itself.
pub(super) type SourceSign = (usize, Sign);

pub(super) fn compare(sides: &Sides<'_>, placement: &Placement) -> SignReport {
    let n = sides.blocks.len();
    let shapes: Vec<Shape> = sides.blocks.iter().map(|b| shape(&b.label)).collect();
    let mut compared: BTreeMap<Class, usize> = BTreeMap::new();
    let mut from_source: Vec<Vec<SourceSign>> = vec![Vec::new(); n];
    let line_blocks = line_blocks(placement);
    for (i, unit) in sides.lines.iter().enumerate() {
        for sign in signs(&sides.source[i].text, &unit.words) {
            if let Some(c) = class(sign.c) {
                *compared.entry(c).or_insert(0) += 1;
            }
            let block = (sign.word)
                .and_then(|w| placement.words[i][w])
                .or(line_blocks[i]);
            // No block at all: the document has none; the letters fail already.
            if let Some(j) = block {
                from_source[j].push((i, sign));
            }
        }
    }
    let published: Vec<Vec<Sign>> = (sides.blocks.iter().zip(sides.units).zip(&shapes))
        .map(|((b, u), shape)| {
            let mut found = signs(&b.text, &u.words);
            if *shape == Shape::ListItem {
                drop_list_number(&b.text, &mut found);
            }
            found
        })
        .collect();
    transfer_across_boundaries(placement, &mut from_source, &published);

    let mut pairings: Vec<Pairing> = (from_source.iter().zip(&published))
        .map(|(src, publ)| pair(src, publ))
        .collect();
    forgive_structure(placement, &shapes, &mut pairings);

    let matches: Vec<WordMatch> = (0..n)
        .map(|j| match_words(&sides.units[j], &placed_in(placement, j), sides.lines))
        .collect();
    let mut findings = Vec::new();
    for (j, pairing) in pairings.iter().enumerate() {
        findings.extend(describe(sides, &matches[j], j, pairing));
    }
    SignReport { findings, compared }
}

/// The block of each source line, and for a line none of whose words is placed, the block of
/// the nearest placed line before it (after it at the start).
fn line_blocks(placement: &Placement) -> Vec<Option<usize>> {
    let own: Vec<Option<usize>> = (placement.lines.iter().zip(&placement.words))
        .map(|(line, words)| line.or_else(|| words.iter().flatten().next().copied()))
        .collect();
    let first = own.iter().flatten().next().copied();
    let mut last = None;
    own.iter()
        .map(|b| {
            last = b.or(last);
            last.or(first)
        })
        .collect()
}

/// The (line, word) pairs placed in block `j`, in source order.
fn placed_in(placement: &Placement, j: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, line) in placement.words.iter().enumerate() {
        for (w, block) in line.iter().enumerate() {
            if *block == Some(j) {
                out.push((i, w));
            }
        }
    }
    out
}

/// What pairing found in one block.
pub(super) struct Pairing {
    pub(crate) lost: Vec<SourceSign>,
    pub(crate) added: Vec<Sign>,
    /// A source sign replaced by another where it stood.
    pub(crate) changed: Vec<(SourceSign, Sign)>,
}

/// Pairs the signs of one block: equal signs with an anchor in common, then a sign of which the
/// source has too many with one of which the block has too many where they stand alike (a
/// change), then any equal signs.
fn pair(source: &[SourceSign], published: &[Sign]) -> Pairing {
    let mut src_paired = vec![false; source.len()];
    let mut pub_paired = vec![false; published.len()];
    let pairs = |min: u8, src_paired: &mut [bool], pub_paired: &mut [bool]| {
        let candidates = candidates(source, published, src_paired, pub_paired, |a, b| {
            let agreement = a.anchor.agreement(&b.anchor);
            (folded(a.c) == folded(b.c) && agreement >= min).then_some(agreement)
        });
        for (s, p) in candidates {
            if !src_paired[s] && !pub_paired[p] {
                src_paired[s] = true;
                pub_paired[p] = true;
            }
        }
    };
    pairs(1, &mut src_paired, &mut pub_paired);
    let changed = pair_changes(source, published, &mut src_paired, &mut pub_paired);
    pairs(0, &mut src_paired, &mut pub_paired);
    Pairing {
        lost: unpaired(source, &src_paired),
        added: unpaired(published, &pub_paired),
        changed,
    }
}

/// Round two of [`pair`]: a source sign of which the block has fewer (so it is lost whatever
/// else is paired) and a published sign no equal one stands near.
fn pair_changes(
    source: &[SourceSign],
    published: &[Sign],
    src_paired: &mut [bool],
    pub_paired: &mut [bool],
) -> Vec<(SourceSign, Sign)> {
    let mut excess: BTreeMap<char, i64> = BTreeMap::new();
    for ((_, sign), _) in source
        .iter()
        .zip(src_paired.iter())
        .filter(|(_, paired)| !**paired)
    {
        *excess.entry(folded(sign.c)).or_insert(0) += 1;
    }
    for (sign, _) in published
        .iter()
        .zip(pub_paired.iter())
        .filter(|(_, paired)| !**paired)
    {
        *excess.entry(folded(sign.c)).or_insert(0) -= 1;
    }
    let candidates = candidates(source, published, src_paired, pub_paired, |a, b| {
        let score = twin_score(a, b);
        (folded(a.c) != folded(b.c) && score >= 2).then_some(score)
    });
    let mut changed = Vec::new();
    for (s, p) in candidates {
        let (from, to) = (folded(source[s].1.c), folded(published[p].c));
        let unbalanced = excess.get(&from).is_some_and(|&n| n > 0);
        if !src_paired[s] && !pub_paired[p] && unbalanced {
            src_paired[s] = true;
            pub_paired[p] = true;
            excess.entry(from).and_modify(|n| *n -= 1);
            excess.entry(to).and_modify(|n| *n += 1);
            changed.push((source[s].clone(), published[p].clone()));
        }
    }
    changed
}

/// Every unpaired source sign with every unpaired published sign that `score` accepts, best
/// score first (then in source and block order).
fn candidates(
    source: &[SourceSign],
    published: &[Sign],
    src_paired: &[bool],
    pub_paired: &[bool],
    score: impl Fn(&Sign, &Sign) -> Option<u8>,
) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(Reverse<u8>, usize, usize)> = Vec::new();
    for (s, (_, a)) in source.iter().enumerate().filter(|&(s, _)| !src_paired[s]) {
        for (p, b) in published
            .iter()
            .enumerate()
            .filter(|&(p, _)| !pub_paired[p])
        {
            if let Some(score) = score(a, b) {
                candidates.push((Reverse(score), s, p));
            }
        }
    }
    candidates.sort_unstable();
    candidates.into_iter().map(|(_, s, p)| (s, p)).collect()
}

fn unpaired<T: Clone>(items: &[T], paired: &[bool]) -> Vec<T> {
    (items.iter().zip(paired))
        .filter(|(_, p)| !**p)
        .map(|(item, _)| item.clone())
        .collect()
}

/// Step 3: where a block has more of a sign than its source lines and a block sharing one of
/// those lines (or the line before or after it) has fewer, a source sign of that line goes
/// to the other block.
fn transfer_across_boundaries(
    placement: &Placement,
    from_source: &mut [Vec<SourceSign>],
    published: &[Vec<Sign>],
) {
    let mut surplus: Vec<BTreeMap<char, i64>> = vec![BTreeMap::new(); from_source.len()];
    for (j, signs) in from_source.iter().enumerate() {
        for (_, sign) in signs {
            *surplus[j].entry(folded(sign.c)).or_insert(0) += 1;
        }
        for sign in &published[j] {
            *surplus[j].entry(folded(sign.c)).or_insert(0) -= 1;
        }
    }
    let touching = |i: usize| -> Vec<usize> {
        let before = placement.words[..i].iter().rev().find(|l| !l.is_empty());
        let after = placement.words[i + 1..].iter().find(|l| !l.is_empty());
        let mut blocks: Vec<usize> = [Some(&placement.words[i]), before, after]
            .into_iter()
            .flatten()
            .flatten()
            .flatten()
            .copied()
            .collect();
        blocks.dedup();
        blocks
    };
    for j in 0..from_source.len() {
        let mut kept = Vec::new();
        for (i, sign) in std::mem::take(&mut from_source[j]) {
            let c = folded(sign.c);
            let to = (surplus[j].get(&c).is_some_and(|&n| n > 0))
                .then(|| touching(i))
                .and_then(|blocks| {
                    (blocks.into_iter())
                        .find(|&k| k != j && surplus[k].get(&c).is_some_and(|&n| n < 0))
                });
            match to {
                Some(k) => {
                    surplus[j].entry(c).and_modify(|n| *n -= 1);
                    surplus[k].entry(c).and_modify(|n| *n += 1);
                    from_source[k].push((i, sign));
                    from_source[k].sort_by_key(|(line, sign)| (*line, sign.span.start));
                }
                None => kept.push((i, sign)),
            }
        }
        from_source[j] = kept;
    }
}

/// How likely an added sign replaced a lost one at the same place: 3 same anchor, 2 same class
/// and one neighbour, 1 a haraka of a word that holds or is held by the other's word.
fn twin_score(lost: &Sign, added: &Sign) -> u8 {
    let same_class = class(lost.c) == class(added.c);
    match lost.anchor.agreement(&added.anchor) {
        2 => 3,
        1 if same_class => 2,
        _ if same_class => match (&lost.anchor, &added.anchor) {
            (Anchor::Within { word: a, .. }, Anchor::Within { word: b, .. }) => {
                let related = a.chars().count() > 1
                    && b.chars().count() > 1
                    && (a.contains(b.as_str()) || b.contains(a.as_str()));
                u8::from(related)
            }
            _ => 0,
        },
        _ => 0,
    }
}

/// The findings of block `j`: a lost and an added sign anchored at the same place are one
/// change, the rest are losses and additions, in text order.
fn describe(
    sides: &Sides<'_>,
    matches: &WordMatch,
    j: usize,
    pairing: &Pairing,
) -> Vec<SignFinding> {
    let (lost, added) = (&pairing.lost, &pairing.added);
    let block = &sides.blocks[j];
    let unit = &sides.units[j];
    let mut used = vec![false; added.len()];
    let mut out: Vec<(usize, SignFinding)> = Vec::new();
    let finding = |change: Change, at: usize, source: Option<(usize, usize)>, span| {
        let (source_line, source_excerpt) = match source {
            Some((i, start)) => (
                Some(sides.source[i].number),
                excerpt(
                    &sides.source[i].text,
                    std::slice::from_ref(&(start..start + 1)),
                ),
            ),
            None => (None, String::new()),
        };
        (
            at,
            SignFinding {
                label: block.label.clone(),
                line: block.line,
                change,
                source_line,
                source_excerpt,
                published_excerpt: excerpt(&block.text, &[span]),
            },
        )
    };
    for ((i, sign), p) in &pairing.changed {
        let change = Change::Changed {
            from: sign.c,
            to: p.c,
        };
        let source = Some((*i, sign.span.start));
        out.push(finding(change, p.span.start, source, p.span.clone()));
    }
    for (i, sign) in lost {
        let source = Some((*i, sign.span.start));
        let twin = (added.iter().enumerate())
            .filter(|&(a, _)| !used[a])
            .map(|(a, p)| (twin_score(sign, p), Reverse(a), p))
            .filter(|&(score, _, _)| score > 0)
            .max_by_key(|&(score, a, _)| (score, a))
            .map(|(_, Reverse(a), p)| (a, p));
        if let Some((a, p)) = twin {
            used[a] = true;
            let change = Change::Changed {
                from: sign.c,
                to: p.c,
            };
            out.push(finding(change, p.span.start, source, p.span.clone()));
            continue;
        }
        // Where the sign's word is in the block, else a word of its line.
        let word_of = |wanted: &dyn Fn(&(usize, usize)) -> bool| {
            (matches.source.iter())
                .position(|s| s.as_ref().is_some_and(wanted))
                .map(|k| unit.words[k].span.clone())
        };
        // A word that lost letters too (`لردٍّّ` published as `ردٌّ`): the block's word
        // inside it or holding it.
        let related = |w: usize| {
            let text = &sides.lines[*i].words[w].text;
            (unit.words.iter())
                .filter(|u| u.text.chars().count() > 1 && text.chars().count() > 1)
                .find(|u| u.text.contains(text.as_str()) || text.contains(u.text.as_str()))
                .map(|u| u.span.clone())
        };
        let words = &sides.lines[*i].words;
        let before = words.iter().rposition(|w| w.span.end <= sign.span.start);
        let after = words.iter().position(|w| w.span.start >= sign.span.end);
        let here = [sign.word, before, after]
            .into_iter()
            .flatten()
            .find_map(|w| word_of(&|s| *s == (*i, w)).or_else(|| related(w)))
            .or_else(|| word_of(&|s| s.0 == *i));
        let at = here.as_ref().map_or(usize::MAX, |s| s.start);
        let span = here.unwrap_or(0..0);
        out.push(finding(Change::Lost(sign.c), at, source, span));
    }
    for (_, sign) in added.iter().enumerate().filter(|&(a, _)| !used[a]) {
        let source = sign
            .word
            .and_then(|k| matches.source[k])
            .map(|(i, w)| (i, sides.lines[i].words[w].span.start));
        out.push(finding(
            Change::Added(sign.c),
            sign.span.start,
            source,
            sign.span.clone(),
        ));
    }
    out.sort_by_key(|(at, f)| (*at, f.source_line));
    out.into_iter().map(|(_, f)| f).collect()
}
