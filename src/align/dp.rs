//! The exact dynamic program over beads, and bead posteriors.
//!
//! Cell `(i, j)` stands for "the first `i` Arabic and `j` English sentences
//! are aligned". A bead of shape `(da, de)` moves from `(i - da, j - de)` to
//! `(i, j)`. The best path minimises the summed bead costs (Viterbi); ties go
//! to the shape listed first in [`SHAPES`], then to the earlier cell, so the
//! result is deterministic. A forward–backward pass over the same lattice,
//! with costs read as −log weights, gives each chosen bead's posterior
//! probability, which the caller reports as its confidence.
//!
//! Abstracts have a few dozen sentences, so the lattice is searched in full.
//! Only when it would exceed [`MAX_CELLS`] is it restricted to a band around
//! the diagonal, which keeps time and memory bounded on huge inputs.

use std::ops::Range;

/// Bead shapes (Arabic, English) in tie-breaking order. 2-2 is left out on
/// purpose: it tends to swallow two good 1-1 beads.
pub(crate) const SHAPES: [(usize, usize); 7] =
    [(1, 1), (1, 2), (2, 1), (1, 3), (3, 1), (1, 0), (0, 1)];

/// Largest lattice searched in full.
const MAX_CELLS: usize = 1 << 18;

/// A bead of the best path with its cost and posterior probability.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PathBead {
    pub(crate) ar: Range<usize>,
    pub(crate) en: Range<usize>,
    pub(crate) cost: f64,
    pub(crate) posterior: f64,
}

/// The cells searched: row `i` covers columns `lo[i]..=hi[i]`.
pub(crate) struct Lattice {
    n: usize,
    m: usize,
    lo: Vec<usize>,
    hi: Vec<usize>,
    start: Vec<usize>,
}

/// For each cell, the cost of arriving there by each shape of [`SHAPES`]
/// (infinite where the shape does not fit).
pub(crate) type Arrivals = Vec<[f64; SHAPES.len()]>;

impl Lattice {
    pub(crate) fn new(n: usize, m: usize) -> Self {
        let full = (n + 1).saturating_mul(m + 1) <= MAX_CELLS;
        let slope = m as f64 / n.max(1) as f64;
        let half = (MAX_CELLS / (2 * (n + 1))).max(slope.ceil() as usize + 4);
        let (mut lo, mut hi, mut start) = (Vec::new(), Vec::new(), Vec::new());
        let mut total = 0;
        for i in 0..=n {
            let centre = (i as f64 * slope).round() as usize;
            let (l, h) = if full {
                (0, m)
            } else {
                (centre.saturating_sub(half), (centre + half).min(m))
            };
            lo.push(l);
            hi.push(h);
            start.push(total);
            total += h + 1 - l;
        }
        Lattice {
            n,
            m,
            lo,
            hi,
            start,
        }
    }

    fn index(&self, i: usize, j: usize) -> Option<usize> {
        (j >= self.lo[i] && j <= self.hi[i]).then(|| self.start[i] + j - self.lo[i])
    }

    /// The cell a bead of shape `s` arriving at `(i, j)` starts from.
    fn source(&self, i: usize, j: usize, s: usize) -> Option<usize> {
        let (da, de) = SHAPES[s];
        (da <= i && de <= j)
            .then(|| self.index(i - da, j - de))
            .flatten()
    }

    /// Every cell as `(i, j, index)`, row by row.
    fn cells(&self) -> impl DoubleEndedIterator<Item = (usize, usize, usize)> + '_ {
        (0..=self.n).flat_map(move |i| {
            (self.lo[i]..=self.hi[i]).map(move |j| (i, j, self.start[i] + j - self.lo[i]))
        })
    }

    fn len(&self) -> usize {
        self.start[self.n] + self.hi[self.n] + 1 - self.lo[self.n]
    }

    /// Prices every bead of the lattice with `cost(arabic, english)`.
    pub(crate) fn arrivals(&self, cost: impl Fn(Range<usize>, Range<usize>) -> f64) -> Arrivals {
        let mut arrive = vec![[f64::INFINITY; SHAPES.len()]; self.len()];
        for (i, j, here) in self.cells() {
            for (s, &(da, de)) in SHAPES.iter().enumerate() {
                if self.source(i, j, s).is_some() {
                    arrive[here][s] = cost(i - da..i, j - de..j);
                }
            }
        }
        arrive
    }

    /// Cost of the best path, infinite when there is none.
    pub(crate) fn best_total(&self, arrive: &Arrivals) -> f64 {
        let (best, _) = self.viterbi(arrive);
        best[self.len() - 1]
    }

    /// The best path as beads, each with its posterior probability.
    pub(crate) fn best_path(&self, arrive: &Arrivals) -> Vec<PathBead> {
        let (n, m) = (self.n, self.m);
        let (best, back) = self.viterbi(arrive);
        let end = self.len() - 1;
        if !best[end].is_finite() {
            return diagonal(n, m);
        }
        let forward = self.soft_forward(arrive);
        let backward = self.soft_backward(arrive);
        let z = forward[end];
        let mut beads = Vec::new();
        let (mut i, mut j) = (n, m);
        while let Some(k) = self.index(i, j).filter(|_| i > 0 || j > 0) {
            let s = back[k];
            let (da, de) = SHAPES[s];
            let c = arrive[k][s];
            let from = self.source(i, j, s).map_or(f64::INFINITY, |p| forward[p]);
            let posterior = (-(from + c + backward[k] - z)).exp().clamp(0.0, 1.0);
            beads.push(PathBead {
                ar: i - da..i,
                en: j - de..j,
                cost: c,
                posterior,
            });
            i -= da;
            j -= de;
        }
        beads.reverse();
        beads
    }

    /// Best cost to reach each cell and the shape that achieves it. Ties keep
    /// the shape listed first in [`SHAPES`].
    fn viterbi(&self, arrive: &Arrivals) -> (Vec<f64>, Vec<usize>) {
        let mut best = vec![f64::INFINITY; arrive.len()];
        let mut back = vec![0usize; arrive.len()];
        best[0] = 0.0;
        for (i, j, here) in self.cells() {
            for (s, &cost) in arrive[here].iter().enumerate() {
                if let Some(p) = self.source(i, j, s) {
                    let total = best[p] + cost;
                    if total < best[here] {
                        best[here] = total;
                        back[here] = s;
                    }
                }
            }
        }
        (best, back)
    }

    /// −log of the summed weights of all paths from `(0, 0)` to each cell.
    fn soft_forward(&self, arrive: &Arrivals) -> Vec<f64> {
        let mut f = vec![f64::INFINITY; arrive.len()];
        for (i, j, here) in self.cells() {
            f[here] = if here == 0 {
                0.0
            } else {
                soft_min(
                    (0..SHAPES.len())
                        .filter_map(|s| Some(f[self.source(i, j, s)?] + arrive[here][s])),
                )
            };
        }
        f
    }

    /// −log of the summed weights of all paths from each cell to `(n, m)`.
    fn soft_backward(&self, arrive: &Arrivals) -> Vec<f64> {
        let (n, m) = (self.n, self.m);
        let mut b = vec![f64::INFINITY; arrive.len()];
        for (i, j, here) in self.cells().rev() {
            b[here] = if (i, j) == (n, m) {
                0.0
            } else {
                soft_min(SHAPES.iter().enumerate().filter_map(|(s, &(da, de))| {
                    let next = (i + da <= n && j + de <= m)
                        .then(|| self.index(i + da, j + de))
                        .flatten()?;
                    Some(b[next] + arrive[next][s])
                }))
            };
        }
        b
    }
}

/// −log Σ exp(−xᵢ) over at most [`SHAPES`]`.len()` terms, computed stably;
/// infinite when no term is finite.
fn soft_min(terms: impl Iterator<Item = f64>) -> f64 {
    let mut buf = [f64::INFINITY; SHAPES.len()];
    for (slot, x) in buf.iter_mut().zip(terms) {
        *slot = x;
    }
    let lowest = buf.iter().copied().fold(f64::INFINITY, f64::min);
    if !lowest.is_finite() {
        return f64::INFINITY;
    }
    lowest - buf.iter().map(|x| (lowest - x).exp()).sum::<f64>().ln()
}

/// In-order pairing, leftovers unpaired: the fallback when no path exists or
/// the input is too large to search. Costs are infinite, confidences zero.
pub(crate) fn diagonal(n: usize, m: usize) -> Vec<PathBead> {
    let bead = |ar: Range<usize>, en: Range<usize>| PathBead {
        ar,
        en,
        cost: f64::INFINITY,
        posterior: 0.0,
    };
    let k = n.min(m);
    let mut out: Vec<PathBead> = (0..k).map(|i| bead(i..i + 1, i..i + 1)).collect();
    out.extend((k..n).map(|i| bead(i..i + 1, m..m)));
    out.extend((k..m).map(|j| bead(n..n, j..j + 1)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn best_path(
        n: usize,
        m: usize,
        cost: impl Fn(Range<usize>, Range<usize>) -> f64,
    ) -> Vec<PathBead> {
        let lat = Lattice::new(n, m);
        lat.best_path(&lat.arrivals(cost))
    }

    fn shapes(beads: &[PathBead]) -> Vec<(usize, usize)> {
        beads.iter().map(|b| (b.ar.len(), b.en.len())).collect()
    }

    #[test]
    fn follows_the_cheapest_beads() {
        // 1-1 costs 1, the 1-2 covering English 1..3 is cheap, everything else dear.
        let cost = |a: Range<usize>, e: Range<usize>| match (a.len(), e.len()) {
            (1, 2) if e == (1..3) => 0.5,
            (1, 1) => 1.0,
            _ => 10.0,
        };
        let path = best_path(3, 4, cost);
        assert_eq!(shapes(&path), [(1, 1), (1, 2), (1, 1)]);
        assert!(path.iter().all(|b| b.posterior > 0.5 && b.posterior <= 1.0));
    }

    #[test]
    fn ties_prefer_one_to_one() {
        let path = best_path(2, 2, |_, _| 1.0);
        assert_eq!(shapes(&path), [(1, 1), (1, 1)]);
    }

    #[test]
    fn empty_sides_give_null_beads() {
        assert!(best_path(0, 0, |_, _| 1.0).is_empty());
        assert_eq!(shapes(&best_path(2, 0, |_, _| 1.0)), [(1, 0), (1, 0)]);
        assert_eq!(shapes(&best_path(0, 1, |_, _| 1.0)), [(0, 1)]);
    }

    #[test]
    fn huge_inputs_use_a_band() {
        let path = best_path(
            3000,
            3100,
            |a, e| if a.len() == e.len() { 1.0 } else { 3.0 },
        );
        assert_eq!(path.iter().map(|b| b.ar.len()).sum::<usize>(), 3000);
        assert_eq!(path.iter().map(|b| b.en.len()).sum::<usize>(), 3100);
        let lopsided = best_path(1, 2000, |_, _| 1.0);
        assert_eq!(lopsided.iter().map(|b| b.en.len()).sum::<usize>(), 2000);
    }
}
