//! Benchmark for `warraq import`'s pure part: importing the seed extraction 003 (335 lines,
//! 37 footnotes, a cover, a table of contents and captions) and 000 (648 lines in display
//! order), from decoded text to the draft and its report.
//!
//! Run with `cargo bench --bench import`. The files are read before timing starts.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use warraq::import::{Options, import};

fn seed(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("content/_sources")
        .join(name);
    std::fs::read_to_string(path).expect("seed extraction")
}

fn bench(c: &mut Criterion) {
    let options = Options {
        slug: "draft".into(),
        source_file: "_sources/raw.txt".into(),
    };
    for (label, name) in [
        ("import_003", "003_ade5155a59953b0d.txt"),
        ("import_000", "000_1c839a9471bdbbf2.txt"),
    ] {
        let text = seed(name);
        c.bench_function(label, |b| b.iter(|| import(black_box(&text), &options)));
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
