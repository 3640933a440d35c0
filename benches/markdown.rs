//! Benchmarks for the Markdown stage on the body of `content/turkey-karabakh-2020.md`: the
//! bidi pass alone, the island finder on a plain string, and the whole `markdown::render` for
//! the document as it is (Arabic) and with the language set to English, where the bidi pass
//! does nothing — the difference is what isolation costs a build.
//!
//! Run with `cargo bench --bench markdown`.

use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use warraq::diagnostics::FileDiagnostics;
use warraq::lang::Lang;
use warraq::markdown::{self, bidi, parser, text};

/// The Markdown body of the seed document, read before timing starts.
fn body() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("content/turkey-karabakh-2020.md");
    let source = std::fs::read_to_string(&path).expect("content/turkey-karabakh-2020.md");
    let split = warraq::content::split::split(&source).expect("front matter fences");
    split.body.to_string()
}

fn bench_markdown(c: &mut Criterion) {
    let body = body();
    let events = text::merge_text(parser::parse(&body));
    c.bench_function("bidi pass, turkey-karabakh-2020 body", |b| {
        b.iter_batched(
            || events.clone(),
            |events| black_box(bidi::isolate(events, Lang::Ar)),
            BatchSize::SmallInput,
        )
    });
    c.bench_function("isolate_plain, turkey-karabakh-2020 body", |b| {
        b.iter(|| black_box(bidi::isolate_plain(black_box(&body))))
    });
    let aliases = std::collections::BTreeMap::new();
    for (lang, name) in [
        (
            Lang::Ar,
            "markdown::render, turkey-karabakh-2020 (ar, with bidi)",
        ),
        (
            Lang::En,
            "markdown::render, turkey-karabakh-2020 (en, bidi off)",
        ),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| {
                let mut diags = FileDiagnostics::new(Path::new("bench.md"), &body);
                let input = markdown::Input {
                    body: &body,
                    body_offset: 0,
                    lang,
                    byline_notes: &[],
                    raw_html: false,
                    aliases: &aliases,
                    markup: markdown::markup::BodyMarkup::builtin(),
                    files: None,
                };
                black_box(markdown::render(&input, &mut diags))
            })
        });
    }
}

criterion_group!(benches, bench_markdown);
criterion_main!(benches);
