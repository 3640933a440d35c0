//! Replays saved fuzz inputs through the same checks the fuzz targets run (`fuzz/checks.rs`).
//!
//! `tests/fixtures/fuzz/<target>/` holds every input that once crashed a target or broke one
//! of its checks, plus a few hand-picked hard ones; each file is one input, bytes as they are.

use std::fs;
use std::path::Path;

#[path = "../../fuzz/checks.rs"]
mod checks;

fn replay(target: &str, check: fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "{} has no inputs", dir.display());
    for input in inputs {
        let bytes = fs::read(&input).unwrap();
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        if std::panic::catch_unwind(|| check(&bytes)).is_err() {
            panic!("tests/fixtures/fuzz/{target}/{name} fails its check again");
        }
    }
}

#[test]
fn front_matter_inputs() {
    replay("front_matter", checks::check_front_matter);
}

#[test]
fn markdown_inputs() {
    replay("markdown", checks::check_markdown);
}

#[test]
fn align_inputs() {
    replay("align", checks::check_align);
}
