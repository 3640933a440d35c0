//! The least it can cost to put a built site on disk: a baseline for `benches/build.sh`,
//! between copying the corpus and building the site.
//!
//! ```text
//! cargo run --release --example write_floor -- <built site> <output folder>
//! ```
//!
//! Every file of the built site is read into memory first. Then, timed, its folders are made
//! (each once, a level at a time) and its files written into the output folder on all cores with
//! rayon and the same allocator as Warraq; the time in seconds is printed on standard output.
//! A build that writes these files cannot take less, whatever it does to make them.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use rayon::prelude::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        return Err("usage: write_floor <built site> <output folder>".into());
    };
    let site = Path::new(site);
    // Folders with their depth below the site, files with their contents.
    let mut folders: Vec<(usize, PathBuf)> = Vec::new();
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for entry in walkdir::WalkDir::new(site).sort_by_file_name() {
        let entry = entry?;
        let relative = entry.path().strip_prefix(site)?.to_path_buf();
        if entry.file_type().is_dir() {
            folders.push((entry.depth(), relative));
        } else if entry.file_type().is_file() {
            files.push((relative, fs::read(entry.path())?));
        }
    }

    let out = Path::new(out);
    let started = Instant::now();
    // Folders a level at a time, each level on all cores, so every parent is there before its
    // children.
    folders.sort_by_key(|(depth, _)| *depth);
    for level in folders.chunk_by(|a, b| a.0 == b.0) {
        level
            .par_iter()
            .try_for_each(|(_, folder)| fs::create_dir(out.join(folder)))?;
    }
    files
        .par_iter()
        .with_max_len(1)
        .try_for_each(|(path, bytes)| fs::write(out.join(path), bytes))?;
    println!("{:.6}", started.elapsed().as_secs_f64());
    Ok(())
}
