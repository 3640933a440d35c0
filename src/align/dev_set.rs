//! Development-set regression test: aligns the 122 cases in
//! `tests/fixtures/align-dev/` with their gold sentences, scores the result
//! the way `score.py` does (exact-bead P/R/F1 and Vecalign strict P/R/F1),
//! checks that the splitters reproduce the gold sentences, and asserts the
//! targets. Run with `-- --nocapture` to see the numbers. Set
//! `WARRAQ_ALIGN_PRED_DIR` to also write one prediction file per case there,
//! for cross-checking with `score.py --gold-dir ... --pred-dir ...`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Deserialize;

use super::{align, split_arabic, split_english, to_json};

type BeadSet = (Vec<usize>, Vec<usize>);

#[derive(Deserialize)]
struct Case {
    ar_sentences: Vec<String>,
    en_sentences: Vec<String>,
    gold: Vec<BeadSet>,
}

fn load() -> Vec<(String, Case)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align-dev");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("case_") && n.ends_with(".json"))
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text =
                std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let case =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                case,
            )
        })
        .collect()
}

/// Micro-averaged counts, as in `score.py`'s `Totals`.
#[derive(Default, Debug)]
struct Counts {
    cases: usize,
    exact_cases: usize,
    bead_tp: usize,
    bead_pred: usize,
    bead_gold: usize,
    strict_p: (usize, usize),
    strict_r: (usize, usize),
}

fn normalise(beads: &[BeadSet]) -> Vec<BeadSet> {
    let mut out: Vec<BeadSet> = beads
        .iter()
        .filter(|(a, e)| !a.is_empty() || !e.is_empty())
        .map(|(a, e)| {
            let (mut a, mut e) = (a.clone(), e.clone());
            a.sort_unstable();
            e.sort_unstable();
            (a, e)
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// (true positives, false positives) of `test` beads judged against `gold`, strict.
fn strict(gold: &BTreeSet<BeadSet>, test: &BTreeSet<BeadSet>) -> (usize, usize) {
    let tp = test.intersection(gold).count();
    (tp, test.len() - tp)
}

impl Counts {
    fn add(&mut self, gold: &[BeadSet], pred: &[BeadSet]) {
        let g: BTreeSet<BeadSet> = normalise(gold).into_iter().collect();
        let p: BTreeSet<BeadSet> = normalise(pred).into_iter().collect();
        self.cases += 1;
        self.exact_cases += usize::from(g == p);
        self.bead_tp += g.intersection(&p).count();
        self.bead_pred += p.len();
        self.bead_gold += g.len();
        let (tp, fp) = strict(&g, &p);
        self.strict_p.0 += tp;
        self.strict_p.1 += fp;
        let both = |s: &BTreeSet<BeadSet>| {
            s.iter()
                .filter(|(a, e)| !a.is_empty() && !e.is_empty())
                .cloned()
                .collect()
        };
        let (tp, fp) = strict(&both(&p), &both(&g));
        self.strict_r.0 += tp;
        self.strict_r.1 += fp;
    }

    fn beads(&self) -> (f64, f64, f64) {
        prf(
            ratio(self.bead_tp, self.bead_pred),
            ratio(self.bead_tp, self.bead_gold),
        )
    }

    fn strict(&self) -> (f64, f64, f64) {
        let (p, r) = (self.strict_p, self.strict_r);
        prf(ratio(p.0, p.0 + p.1), ratio(r.0, r.0 + r.1))
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn prf(p: f64, r: f64) -> (f64, f64, f64) {
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[test]
fn scorer_matches_score_py_on_a_known_case() {
    // Worked by hand with score.py: gold 1-1, 1-2, 1-0; prediction 1-1, 1-1, 1-1, 0-0 dropped.
    let gold = vec![(vec![0], vec![0]), (vec![1], vec![1, 2]), (vec![2], vec![])];
    let pred = vec![
        (vec![0], vec![0]),
        (vec![1], vec![1]),
        (vec![2], vec![2]),
        (vec![], vec![]),
    ];
    let mut c = Counts::default();
    c.add(&gold, &pred);
    assert_eq!((c.bead_tp, c.bead_pred, c.bead_gold), (1, 3, 3));
    assert_eq!((c.strict_p, c.strict_r), ((1, 2), (1, 1)));
}

#[test]
fn dev_set_meets_targets() {
    let cases = load();
    assert_eq!(cases.len(), 122, "expected the 122 dev cases");
    let out_dir = std::env::var_os("WARRAQ_ALIGN_PRED_DIR").map(PathBuf::from);
    let mut counts = Counts::default();
    let mut seg_ok = 0;
    let mut seg_total = 0;
    for (name, case) in &cases {
        let ar: Vec<&str> = case.ar_sentences.iter().map(String::as_str).collect();
        let en: Vec<&str> = case.en_sentences.iter().map(String::as_str).collect();
        let alignment = align(&ar, &en, &[]);
        let pred: Vec<BeadSet> = alignment
            .beads
            .iter()
            .map(|b| (b.ar.clone().collect(), b.en.clone().collect()))
            .collect();
        if normalise(&pred) != normalise(&case.gold) {
            eprintln!(
                "{name}: gold {:?}\n{:>width$}  got {pred:?}",
                case.gold,
                "",
                width = name.len()
            );
        }
        counts.add(&case.gold, &pred);
        if let Some(dir) = &out_dir {
            std::fs::write(dir.join(name), to_json(&alignment, &ar, &en))
                .expect("write prediction");
        }
        for (split, gold) in [
            (split_arabic as fn(&str) -> Vec<&str>, &ar),
            (split_english, &en),
        ] {
            let paragraph = gold.join(" ");
            let got = split(&paragraph);
            seg_total += 1;
            if got == **gold {
                seg_ok += 1;
            } else {
                eprintln!("{name}: segmentation differs\n  gold {gold:#?}\n  got  {got:#?}");
            }
        }
    }
    let (bp, br, bf) = counts.beads();
    let (sp, sr, sf) = counts.strict();
    let seg = ratio(seg_ok, seg_total);
    eprintln!(
        "dev set: {} cases, {} exactly right; beads P {bp:.4} R {br:.4} F1 {bf:.4}; \
         strict P {sp:.4} R {sr:.4} F1 {sf:.4}; segmentation {seg_ok}/{seg_total} = {:.1}%",
        counts.cases,
        counts.exact_cases,
        100.0 * seg
    );
    assert!(bf >= 0.97, "exact-bead F1 {bf:.4} < 0.97");
    assert!(sf >= 0.975, "Vecalign strict F1 {sf:.4} < 0.975");
    assert!(seg >= 0.95, "segmentation {seg:.3} < 0.95");
}

/// The verdict separates true abstract pairs from one case's Arabic paired
/// with the next case's English.
#[test]
fn reliability_separates_true_and_mismatched_pairs() {
    let cases = load();
    let reliable = |ar: &[String], en: &[String]| {
        let ar: Vec<&str> = ar.iter().map(String::as_str).collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        align(&ar, &en, &[]).is_reliable()
    };
    let n = cases.len();
    let good = cases
        .iter()
        .filter(|(_, c)| reliable(&c.ar_sentences, &c.en_sentences))
        .count();
    let bad = (0..n)
        .filter(|&k| !reliable(&cases[k].1.ar_sentences, &cases[(k + 1) % n].1.en_sentences))
        .count();
    eprintln!("reliable: {good}/{n} true pairs accepted, {bad}/{n} mismatched pairs rejected");
    assert!(good * 100 >= n * 95 && bad * 100 >= n * 95, "{good} {bad}");
}
