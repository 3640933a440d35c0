//! Benchmarks for `warraq::align`: aligning every development case (gold
//! sentences, no glossary) and splitting every case's two paragraphs.
//!
//! Run with `cargo bench --bench align`. The cases are read from
//! `tests/fixtures/align-dev/` before timing starts.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use warraq::align::{align, split_arabic, split_english};

/// (Arabic sentences, English sentences) of every dev case.
fn cases() -> Vec<(Vec<String>, Vec<String>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/align-dev");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/align-dev")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).expect("read case"))
                    .expect("case JSON");
            let side = |key: &str| -> Vec<String> {
                v[key]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|s| s.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default()
            };
            (side("ar_sentences"), side("en_sentences"))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let cases = cases();
    let refs: Vec<(Vec<&str>, Vec<&str>)> = cases
        .iter()
        .map(|(a, e)| {
            (
                a.iter().map(String::as_str).collect(),
                e.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    c.bench_function(&format!("align all {} dev cases", refs.len()), |b| {
        b.iter(|| {
            for (ar, en) in &refs {
                black_box(align(black_box(ar), black_box(en), &[]));
            }
        })
    });
    let paragraphs: Vec<(String, String)> = cases
        .iter()
        .map(|(a, e)| (a.join(" "), e.join(" ")))
        .collect();
    c.bench_function(
        &format!("split all {} dev paragraph pairs", paragraphs.len()),
        |b| {
            b.iter(|| {
                for (ar, en) in &paragraphs {
                    black_box(split_arabic(black_box(ar)));
                    black_box(split_english(black_box(en)));
                }
            })
        },
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
