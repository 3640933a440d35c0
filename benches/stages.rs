//! Benchmarks of the build stages on generated papers, so the profile of a build is visible:
//! front matter (read + validate), Markdown (parse and passes), abstract alignment,
//! templates, putting the body into the page (and, for comparison, minify-html, which the
//! build no longer runs on paper pages), writing, the link summary of each page, and the
//! floor of a search index (each word read once, normalised); then all of them for each
//! paper as the build runs them, reading its file twice included, with the site search's part
//! of each paper and without.
//!
//! Run with `cargo bench --bench stages`. The papers come from
//! `target/bench-corpus/warraq-1000/` (made by `benches/build.sh`); without it, the project's
//! own documents are used. Each benchmark handles the same 20 documents.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{Criterion, criterion_group, criterion_main};
use warraq::content::document::{self, Document};
use warraq::content::indexed::Indexed;
use warraq::lang::Lang;
use warraq::links;
use warraq::output::{minify, write::Staging};
use warraq::pipeline::{self, Templates};
use warraq::render::{Renderer, parts};

const DOCUMENTS: usize = 20;

fn corpus() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let generated = manifest.join("target/bench-corpus/warraq-1000");
    if generated.join("content").is_dir() {
        generated
    } else {
        manifest.to_path_buf()
    }
}

fn bench(c: &mut Criterion) {
    let root = corpus();
    let mut diags = Vec::new();
    let site = pipeline::load(&root, false, &mut diags)
        .expect("readable")
        .expect("loads");
    let docs: Vec<Document> = site.documents.into_iter().take(DOCUMENTS).collect();
    let texts: Vec<(PathBuf, String)> = docs
        .iter()
        .map(|d| (d.file.path.clone(), d.file.text.clone()))
        .collect();
    let renderer = Renderer::load(&root.join("templates")).expect("templates");
    let config = &site.home.config;
    let templates = Templates::new(config, &renderer);
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    eprintln!(
        "stages: {} documents, {} KB of Markdown, from {}",
        docs.len(),
        bytes / 1024,
        root.display()
    );

    let mut group = c.benchmark_group("stages");
    group.bench_function("1 read + front matter", |b| {
        b.iter(|| {
            for (path, _) in &texts {
                let text = String::from_utf8(std::fs::read(path).unwrap()).unwrap();
                black_box(document::document(path, text, Lang::Ar));
            }
        })
    });
    group.bench_function("2 markdown", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(pipeline::render_markdown(doc, false, &mut Vec::new()));
            }
        })
    });
    group.bench_function("3 abstract alignment", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(pipeline::abstract_rows(
                    doc,
                    &config.glossary,
                    &mut Vec::new(),
                ));
            }
        })
    });
    let rendered: Vec<_> = docs
        .iter()
        .map(|d| {
            let mut diags = Vec::new();
            let md = pipeline::render_markdown(d, false, &mut diags);
            let rows = pipeline::abstract_rows(d, &config.glossary, &mut diags);
            (md, rows)
        })
        .collect();
    let notes: Vec<String> = rendered
        .iter()
        .map(|(md, _)| md.notes.items.concat())
        .collect();
    // Both pages of each document: the paper's own (with marks where the body and notes go,
    // as in the build) and its English page.
    let pages_of = |doc, md, notes: &str, rows: &Vec<_>| {
        pipeline::document_html(doc, md, notes, rows, &Default::default(), &templates, true)
            .unwrap()
            .into_iter()
            .map(|page| (page.path, page.html))
            .collect::<Vec<_>>()
    };
    group.bench_function("4 templates", |b| {
        b.iter(|| {
            for ((doc, (md, rows)), notes) in docs.iter().zip(&rendered).zip(&notes) {
                black_box(pages_of(doc, md, notes, rows));
            }
        })
    });
    let html: Vec<(String, Vec<u8>, usize)> = docs
        .iter()
        .zip(&rendered)
        .enumerate()
        .flat_map(|(i, (doc, (md, rows)))| {
            pages_of(doc, md, &notes[i], rows)
                .into_iter()
                .map(move |(path, page)| (path, page, i))
        })
        .collect();
    // The paper's page gets its body and notes put in place of the marks; the templates are
    // compact, so nothing is left to minify.
    let finished = |page: &[u8], i: usize| {
        let parts = parts::of_paper(&rendered[i].0.html, &notes[i]);
        parts::splice(page, &parts).unwrap_or_else(|| page.to_vec())
    };
    group.bench_function("5 body and notes into the page", |b| {
        b.iter(|| {
            for (_, page, i) in &html {
                black_box(finished(page, *i));
            }
        })
    });
    let pages: Vec<(String, Vec<u8>)> = html
        .iter()
        .map(|(path, page, i)| (path.clone(), finished(page, *i)))
        .collect();
    // What minify-html would cost on the finished pages, which the build no longer pays.
    group.bench_function(
        "5' minify-html over the finished pages (not in the build)",
        |b| {
            b.iter(|| {
                for (_, page) in &pages {
                    black_box(minify::html(page));
                }
            })
        },
    );
    let out = std::env::temp_dir().join(format!("warraq-bench-stages-{}", std::process::id()));
    group.bench_function("6 write", |b| {
        b.iter(|| {
            let staging = Staging::begin(&out).unwrap();
            for (path, page) in &pages {
                staging.write(path, page).unwrap();
            }
            staging.commit().unwrap();
        })
    });
    group.bench_function("7 link summaries (ids and links of each file)", |b| {
        b.iter(|| {
            for (path, page) in &pages {
                black_box(links::Summary::of(path, page));
            }
        })
    });
    // The floor of any search index: every word of the paper read once, normalised.
    group.bench_function("8 search: each word of the paper, normalised", |b| {
        b.iter(|| {
            let mut words = 0usize;
            for doc in &docs {
                warraq::search::each_word(&doc.file.text, |w| words += w.len());
            }
            black_box(words)
        })
    });
    // As the build does it: the front matter read into the index, then the paper read again,
    // rendered, its files written and summarized (the site-wide steps are not included), with
    // the site search's part of each paper made too, and without.
    let mut unsearched = config.clone();
    unsearched.search = false;
    let unsearched = Templates::new(&unsearched, &renderer);
    for (name, templates) in [
        ("all stages of each paper, one thread", &templates),
        (
            "all stages of each paper, one thread, search: false",
            &unsearched,
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let staging = Staging::begin(&out).unwrap();
                for (path, _) in &texts {
                    let mut diags = Vec::new();
                    let doc = pipeline::load_document(path, Lang::Ar, &mut diags).unwrap();
                    let indexed = Indexed::new(doc);
                    let doc = pipeline::reload(&indexed, &mut diags).unwrap();
                    let made = pipeline::document_files(&doc, templates, &mut diags).unwrap();
                    for file in made.files {
                        staging.write(&file.path, &file.html).unwrap();
                        black_box(links::Summary::of(&file.path, &file.html));
                    }
                }
                staging.commit().unwrap();
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&out);
}

criterion_group!(benches, bench);
criterion_main!(benches);
