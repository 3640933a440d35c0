//! Cheapest pairing of two small sets: as many pairs as the allowed edges permit, and among
//! those the smallest total cost. Used by `locate.rs` to hand stray source words to the blocks
//! missing them, so that a run of headings each missing one word («هدف البحث», «أهمية البحث», …)
//! gets each its own paragraph's word instead of a chain shifted by one.
//!
//! Successive shortest augmenting paths (Bellman-Ford on the residual graph). Meant for a few
//! dozen items a side; it knows nothing of words or blocks.

/// An allowed pair: (left item, right item, cost).
pub(super) type Edge = (usize, usize, u32);

/// For each left item, the right item it is paired with. Ties go to the earlier item and the
/// earlier edge, so the result depends only on the input order.
pub(super) fn cheapest_pairs(left: usize, right: usize, edges: &[Edge]) -> Vec<Option<usize>> {
    let mut of_left: Vec<Option<usize>> = vec![None; left];
    let mut of_right: Vec<Option<usize>> = vec![None; right];
    let cost_of = |l: usize, r: usize| {
        (edges.iter())
            .find(|&&(a, b, _)| a == l && b == r)
            .map_or(0, |&(_, _, c)| i64::from(c))
    };
    loop {
        // Shortest distances from any unpaired left item: to a right item along an unused
        // edge, back to a left item along a used one (at minus its cost).
        let mut to_left: Vec<Option<i64>> =
            of_left.iter().map(|p| p.is_none().then_some(0)).collect();
        let mut to_right: Vec<Option<(i64, usize)>> = vec![None; right];
        for _ in 0..=left + right {
            let mut changed = false;
            for &(l, r, c) in edges {
                let Some(d) = to_left[l] else { continue };
                if of_left[l] == Some(r) {
                    continue;
                }
                let through = d + i64::from(c);
                if to_right[r].is_none_or(|(old, _)| through < old) {
                    to_right[r] = Some((through, l));
                    changed = true;
                }
            }
            for (r, paired) in of_right.iter().enumerate() {
                let (Some(l), Some((d, _))) = (*paired, to_right[r]) else {
                    continue;
                };
                let back = d - cost_of(l, r);
                if to_left[l].is_none_or(|old| back < old) {
                    to_left[l] = Some(back);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let end = (0..right)
            .filter(|&r| of_right[r].is_none())
            .filter_map(|r| to_right[r].map(|(d, _)| (d, r)))
            .min();
        let Some((_, mut r)) = end else { break };
        // Walk back, flipping the path's edges.
        for _ in 0..=left + right {
            let Some((_, l)) = to_right[r] else { break };
            let previous = of_left[l];
            of_left[l] = Some(r);
            of_right[r] = Some(l);
            match previous {
                Some(p) => r = p,
                None => break,
            }
        }
    }
    of_left
}

#[cfg(test)]
mod tests {
    use super::cheapest_pairs;

    #[test]
    fn pairs_are_as_many_as_possible_then_cheapest() {
        type Case<'a> = (usize, usize, &'a [(usize, usize, u32)], &'a [Option<usize>]);
        let cases: &[Case<'_>] = &[
            // A chain: left i may go to right i (cost 1) or right i+1 (cost 1); the greedy
            // choice of the later one would leave left 2 unpaired.
            (
                3,
                3,
                &[(0, 1, 1), (0, 0, 1), (1, 2, 1), (1, 1, 1), (2, 2, 1)],
                &[Some(0), Some(1), Some(2)],
            ),
            // Cheaper wins when the count is the same.
            (1, 2, &[(0, 0, 3), (0, 1, 1)], &[Some(1)]),
            // Two competing for one: the cheaper pair.
            (2, 1, &[(0, 0, 2), (1, 0, 1)], &[None, Some(0)]),
            // More pairs beat a cheaper total.
            (
                2,
                2,
                &[(0, 0, 1), (0, 1, 5), (1, 0, 1)],
                &[Some(1), Some(0)],
            ),
            (2, 0, &[], &[None, None]),
            (0, 2, &[], &[]),
        ];
        for (left, right, edges, expected) in cases {
            assert_eq!(cheapest_pairs(*left, *right, edges), *expected, "{edges:?}");
        }
    }
}
