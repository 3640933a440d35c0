//! Scores `warraq import` on a raw extraction against its hand-made version.
//!
//! ```text
//! cargo run --example import_score -- <raw.txt> <published.md>
//! cargo run --example import_score -- content/_sources/003_ade5155a59953b0d.txt \
//!     content/azerbaijan-turkey-israel.md
//! ```
//!
//! Prints the share of the published paragraphs the draft has exactly, of its headings and of
//! its notes at the right reference in order, the front matter fields found, the paragraphs
//! missed, and the display-order detector's precision and recall against the source lines the
//! published version changed (`warraq::import::score::changed_lines` says how those are told).

use warraq::import::{Options, import, score};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [raw, published] = args.as_slice() else {
        return Err("usage: import_score <raw.txt> <published.md>".into());
    };
    let bytes = std::fs::read(raw)?;
    let (text, _) = warraq::import::decode::decode(&bytes)?;
    let published = std::fs::read_to_string(published)?;
    let options = Options {
        slug: "draft".into(),
        source_file: "_sources/raw.txt".into(),
    };
    let started = std::time::Instant::now();
    let draft = import(&text, &options);
    let elapsed = started.elapsed();
    let s = score::score(&draft.markdown, &published);
    print!("{s}");
    for missed in &s.missed {
        println!("missed: {}", missed.chars().take(100).collect::<String>());
    }
    let (changed, total) = score::changed_lines(&text, &published);
    let flagged = &draft.report.visual_lines;
    let (precision, recall) = score::precision_recall(flagged, &changed);
    // For an extraction in reading order the changed lines are spacing repairs and joins, not
    // display order: there any flagged line is a false alarm, and recall means nothing.
    println!(
        "display order: {} of {total} lines flagged; {} lines changed in the published version; precision {:.1}%, recall {:.1}% (meaningful for a source extracted in display order)",
        flagged.len(),
        changed.len(),
        precision * 100.0,
        recall * 100.0
    );
    println!("import took {elapsed:?} (one run; see benches/import.rs)");
    Ok(())
}
