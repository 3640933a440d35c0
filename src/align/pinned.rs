//! Alignments given by an editor instead of computed, checked against the
//! sentence counts.
//!
//! An editor can pin an abstract's alignment either as bead shapes in order
//! (`["1-1", "1-2", "0-1"]`) or as explicit beads of sentence indices
//! (`[[[0], [0]], [[1], [1, 2]]]`, the aligner's JSON form). Both must cover
//! each side's sentences exactly once, in order. This module only validates;
//! it never repairs a pin that does not fit.

use std::fmt;

use serde::Deserialize;

use super::{Alignment, Bead, Side};

/// An editor's pinned alignment, as found in front matter. Deserialises from
/// either a list of shape strings or a list of `[[ar...], [en...]]` beads.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum Pin {
    /// Bead shapes in order, Arabic count first: `"1-2"`.
    Shapes(Vec<String>),
    /// Beads as 0-based sentence indices: `([1], [1, 2])`.
    Beads(Vec<(Vec<usize>, Vec<usize>)>),
}

/// Why a pinned alignment does not fit the sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum PinError {
    /// A shape string is not two counts joined by `-`.
    BadShape { bead: usize, text: String },
    /// A bead with no sentence on either side.
    EmptyBead { bead: usize },
    /// The beads cover a different number of sentences than there are.
    Count {
        side: Side,
        covered: usize,
        sentences: usize,
    },
    /// A bead's indices on one side are not the next sentences in order.
    OutOfOrder {
        bead: usize,
        side: Side,
        expected: usize,
        found: Vec<usize>,
    },
}

fn side_name(side: Side) -> &'static str {
    match side {
        Side::Ar => "Arabic",
        Side::En => "English",
    }
}

impl fmt::Display for PinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PinError::BadShape { bead, text } => {
                write!(
                    f,
                    "bead {}: `{text}` is not a bead shape such as `1-1` or `1-2`",
                    bead + 1
                )
            }
            PinError::EmptyBead { bead } => {
                write!(f, "bead {} has no sentence on either side", bead + 1)
            }
            PinError::Count {
                side,
                covered,
                sentences,
            } => write!(
                f,
                "the pinned beads cover {covered} {} sentence(s), but the abstract has {sentences}",
                side_name(*side)
            ),
            PinError::OutOfOrder {
                bead,
                side,
                expected,
                found,
            } => write!(
                f,
                "bead {}: {} sentences {found:?} are not the next ones in order (expected {expected} next)",
                bead + 1,
                side_name(*side)
            ),
        }
    }
}

impl std::error::Error for PinError {}

/// Checks `pin` against `n_ar` Arabic and `n_en` English sentences and returns
/// it as an [`Alignment`] whose beads have cost 0 and confidence 1.
pub(crate) fn pinned(pin: &Pin, n_ar: usize, n_en: usize) -> Result<Alignment, PinError> {
    let shapes = match pin {
        Pin::Shapes(list) => list
            .iter()
            .enumerate()
            .map(|(k, s)| parse_shape(k, s))
            .collect::<Result<Vec<_>, _>>()?,
        Pin::Beads(list) => {
            let mut next = (0, 0);
            let mut shapes = Vec::with_capacity(list.len());
            for (k, (ar, en)) in list.iter().enumerate() {
                check_run(k, Side::Ar, ar, next.0)?;
                check_run(k, Side::En, en, next.1)?;
                next = (next.0 + ar.len(), next.1 + en.len());
                shapes.push((ar.len(), en.len()));
            }
            shapes
        }
    };
    let mut beads = Vec::with_capacity(shapes.len());
    let (mut i, mut j) = (0usize, 0usize);
    for (k, &(da, de)) in shapes.iter().enumerate() {
        if da == 0 && de == 0 {
            return Err(PinError::EmptyBead { bead: k });
        }
        let (ni, nj) = (i.saturating_add(da), j.saturating_add(de));
        beads.push(Bead {
            ar: i..ni,
            en: j..nj,
            cost: 0.0,
            confidence: 1.0,
        });
        (i, j) = (ni, nj);
    }
    for (side, covered, sentences) in [(Side::Ar, i, n_ar), (Side::En, j, n_en)] {
        if covered != sentences {
            return Err(PinError::Count {
                side,
                covered,
                sentences,
            });
        }
    }
    Ok(Alignment { beads, n_ar, n_en })
}

fn parse_shape(bead: usize, text: &str) -> Result<(usize, usize), PinError> {
    let bad = || PinError::BadShape {
        bead,
        text: text.to_string(),
    };
    let (a, e) = text.trim().split_once(['-', '–', ':']).ok_or_else(bad)?;
    let count = |s: &str| {
        s.trim()
            .parse::<usize>()
            .ok()
            .filter(|&n| n <= 1000)
            .ok_or_else(bad)
    };
    Ok((count(a)?, count(e)?))
}

fn check_run(bead: usize, side: Side, found: &[usize], expected: usize) -> Result<(), PinError> {
    let in_order = found
        .iter()
        .enumerate()
        .all(|(k, &x)| Some(x) == expected.checked_add(k));
    if in_order {
        Ok(())
    } else {
        Err(PinError::OutOfOrder {
            bead,
            side,
            expected,
            found: found.to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shapes(list: &[&str]) -> Pin {
        Pin::Shapes(list.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn valid_pins() {
        let al = pinned(&shapes(&["1-1", "1-2", " 0-1 "]), 2, 4).unwrap();
        let got: Vec<_> = al
            .beads
            .iter()
            .map(|b| (b.ar.clone(), b.en.clone()))
            .collect();
        assert_eq!(got, [(0..1, 0..1), (1..2, 1..3), (2..2, 3..4)]);
        assert!(al.is_reliable());
        let beads = Pin::Beads(vec![
            (vec![0], vec![0]),
            (vec![1, 2], vec![1]),
            (vec![], vec![2]),
        ]);
        assert_eq!(pinned(&beads, 3, 3).unwrap().beads.len(), 3);
    }

    #[test]
    fn errors_explain_themselves() {
        let cases: Vec<(Pin, usize, usize, &str)> = vec![
            (
                shapes(&["1-1", "1_2"]),
                2,
                3,
                "bead 2: `1_2` is not a bead shape such as `1-1` or `1-2`",
            ),
            (
                shapes(&["1-1", "0-0"]),
                1,
                1,
                "bead 2 has no sentence on either side",
            ),
            (
                shapes(&["1-1", "1-2"]),
                3,
                3,
                "the pinned beads cover 2 Arabic sentence(s), but the abstract has 3",
            ),
            (
                shapes(&["1-1", "1-2"]),
                2,
                2,
                "the pinned beads cover 3 English sentence(s), but the abstract has 2",
            ),
            (
                shapes(&["99999999999999999999-1"]),
                1,
                1,
                "bead 1: `99999999999999999999-1` is not a bead shape such as `1-1` or `1-2`",
            ),
            (
                Pin::Beads(vec![(vec![0], vec![0]), (vec![2], vec![1])]),
                3,
                2,
                "bead 2: Arabic sentences [2] are not the next ones in order (expected 1 next)",
            ),
            (
                Pin::Beads(vec![(vec![0], vec![1, 0])]),
                1,
                2,
                "bead 1: English sentences [1, 0] are not the next ones in order (expected 0 next)",
            ),
        ];
        for (pin, n_ar, n_en, msg) in cases {
            assert_eq!(pinned(&pin, n_ar, n_en).unwrap_err().to_string(), msg);
        }
    }

    #[test]
    fn deserialises_both_forms() {
        let a: Pin = serde_json::from_str(r#"["1-1", "1-2"]"#).unwrap();
        assert_eq!(a, shapes(&["1-1", "1-2"]));
        let b: Pin = serde_json::from_str("[[[0], [0]], [[1], [1, 2]]]").unwrap();
        assert_eq!(
            b,
            Pin::Beads(vec![(vec![0], vec![0]), (vec![1], vec![1, 2])])
        );
    }
}
