//! The least a build of these papers can cost with the crates Warraq is built on: a baseline
//! for `benches/build.sh`, between copying the corpus and building the site.
//!
//! ```text
//! cargo run --release --example crate_floor -- <content folder> <output folder>
//! ```
//!
//! Each document is read, its front matter parsed by serde_yaml, its body turned into HTML by
//! pulldown-cmark and placed in a page by Tera, and two pages are written where Warraq writes
//! its own (`<slug>/index.html`, `en/<slug>/index.html`), on all cores with rayon and the same
//! allocator. Nothing else: no checks, notes, alignment, citations, listings, link check or
//! minification, so Warraq can come near this time but not below it.

use std::fs;
use std::path::Path;

use pulldown_cmark::{Options, Parser};
use rayon::prelude::*;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PAGE: &str = r#"<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{{ title }}</title>
</head><body><main><h1>{{ title }}</h1><!--body--></main></body></html>
"#;

const PAGE_EN: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ title }}</title></head><body><main><h1 lang="ar" dir="rtl">{{ title }}</h1>
<p><a href="../../{{ slug }}/">Read the paper</a></p></main></body></html>
"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        return Err("usage: crate_floor <content folder> <output folder>".into());
    };
    let mut documents: Vec<_> = fs::read_dir(content)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    documents.retain(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"));
    documents.sort();

    let mut tera = tera::Tera::default();
    tera.add_raw_template("page.html", PAGE)?;
    tera.add_raw_template("page_en.html", PAGE_EN)?;
    let out = Path::new(out);
    // One paper per task, as Warraq splits them, so neither core idles at the end.
    documents.par_iter().with_max_len(1).try_for_each(|path| {
        build(path, out, &tera).map_err(|e| format!("{}: {e}", path.display()))
    })?;
    Ok(())
}

/// Reads one document and writes its two pages.
fn build(path: &Path, out: &Path, tera: &tera::Tera) -> Result<(), Box<dyn std::error::Error>> {
    let bytes = fs::read(path)?;
    let text = simdutf8::basic::from_utf8(&bytes).map_err(|_| "not UTF-8")?;
    let rest = text.strip_prefix("---\n").ok_or("no front matter")?;
    let end = rest.find("\n---\n").ok_or("front matter not closed")?;
    let (front_matter, body) = (&rest[..end + 1], &rest[end + 5..]);

    let meta: serde_yaml::Value = serde_yaml::from_str(front_matter)?;
    let field = |key: &str| meta.get(key).and_then(|v| v.as_str()).unwrap_or_default();
    let (slug, title) = (field("slug"), field("title"));

    let mut html = String::with_capacity(body.len() * 3 / 2);
    let options =
        Options::ENABLE_FOOTNOTES | Options::ENABLE_TABLES | Options::ENABLE_HEADING_ATTRIBUTES;
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(body, options));

    let mut context = tera::Context::new();
    context.insert("title", title);
    context.insert("slug", slug);
    let english = tera.render("page_en.html", &context)?;
    // The body goes in beside the template, not through it (as Warraq does): handing Tera a
    // 50 KB string to copy into its context and out again would raise the floor.
    let frame = tera.render("page.html", &context)?;
    let (head, tail) = frame.split_once("<!--body-->").ok_or("no body mark")?;
    let page = [head, &html, tail].concat();

    let folder = out.join(slug);
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("index.html"), page)?;
    let folder = out.join("en").join(slug);
    fs::create_dir_all(&folder)?;
    fs::write(folder.join("index.html"), english)?;
    Ok(())
}
