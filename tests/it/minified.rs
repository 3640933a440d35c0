//! Pages come out minified without a minifier pass: the compact templates and the Markdown
//! writer's HTML make, on the project's own papers, the page minify-html makes of the page
//! rendered from the templates as written, and leave it almost nothing to take out.

use std::path::Path;

use warraq::pipeline::{self, Templates};
use warraq::render::Renderer;

/// minify-html's page without the spaces it keeps where a browser shows none: between two
/// tags and after `<br>` (the writer leaves them out; pulldown-cmark's writer had newlines).
fn normal(page: &[u8]) -> String {
    let page = String::from_utf8(warraq::output::minify::html(
        std::str::from_utf8(page).unwrap(),
    ))
    .unwrap();
    let mut out = String::with_capacity(page.len());
    for (i, piece) in page.split(' ').enumerate() {
        let between_tags = out.ends_with('>') && piece.starts_with('<');
        if i > 0 && !between_tags && !out.ends_with("<br>") {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// The project's own site, and its templates compacted and as written.
fn site_and_renderers() -> (
    pipeline::Site<warraq::content::document::Document>,
    Renderer,
    Renderer,
) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = pipeline::load(root, false, &mut Vec::new())
        .unwrap()
        .unwrap();
    let compact = Renderer::load(&root.join("templates")).unwrap();
    let as_written = Renderer::load_with(&root.join("templates"), false).unwrap();
    assert!(compact.compact && !as_written.compact);
    (site, compact, as_written)
}

#[test]
fn document_pages_are_what_minify_html_makes_of_them() {
    let (site, compact, as_written) = site_and_renderers();
    let mut diags = Vec::new();
    let config = &site.home.config;
    let (fast, slow) = (
        Templates::new(config, &compact),
        Templates::new(config, &as_written),
    );
    let (mut bytes, mut minified) = (0, 0);
    for doc in &site.documents {
        let rendered = pipeline::render_markdown(doc, config.allow_raw_html, &mut diags);
        let rows = pipeline::abstract_rows(doc, &config.glossary, &mut diags);
        let ours =
            pipeline::document_pages(doc, &rendered, &rows, &Default::default(), &fast).unwrap();
        let reference =
            pipeline::document_pages(doc, &rendered, &rows, &Default::default(), &slow).unwrap();
        assert_eq!(ours.len(), reference.len());
        for (page, expected) in ours.iter().zip(&reference) {
            assert_eq!(page.path, expected.path);
            assert_ne!(
                page.html, expected.html,
                "{}: two different routes",
                page.path
            );
            assert_eq!(normal(&page.html), normal(&expected.html), "{}", page.path);
            bytes += page.html.len();
            minified +=
                warraq::output::minify::html(std::str::from_utf8(&page.html).unwrap()).len();
        }
    }
    assert!(site.documents.len() >= 3);
    // What is left for minify-html: `&amp;` for `&`, quotes around values from front matter.
    assert!(
        minified * 1000 >= bytes * 990,
        "minify-html takes {bytes} bytes down to {minified}"
    );
}

#[test]
fn home_pages_are_what_minify_html_makes_of_them() {
    let (site, compact, as_written) = site_and_renderers();
    let config = &site.home.config;
    let listed: Vec<_> = (site.documents.iter())
        .map(|doc| pipeline::Listed::new(&doc.meta, 12))
        .collect();
    let pages = |renderer| {
        let templates = Templates::new(config, renderer);
        let mut anchors = warraq::anchors::Index::default();
        pipeline::site_pages(
            &site.home,
            &listed,
            &templates,
            &mut anchors,
            &mut Vec::new(),
        )
        .unwrap()
    };
    let (ours, reference) = (pages(&compact), pages(&as_written));
    let homes: Vec<_> = ours
        .iter()
        .filter(|p| p.path.ends_with("index.html") && !p.path.contains("search/"))
        .collect();
    // The home pages and the archive's lists (the project's topics and author, both languages).
    for path in [
        "index.html",
        "en/index.html",
        "topics/index.html",
        "en/topics/azerbaijan/index.html",
        "authors/said-walid-al-hajj/index.html",
    ] {
        assert!(homes.iter().any(|p| p.path == path), "{path}");
    }
    for (page, expected) in ours.iter().zip(&reference) {
        assert_eq!(page.path, expected.path);
        assert_eq!(normal(&page.html), normal(&expected.html), "{}", page.path);
    }
    // Left for minify-html: quotes around values from front matter and the entries' links,
    // `&amp;`; far less than the layout white space a page from the templates as written has.
    // The archive's smaller pages carry the same quoted values of `base.html` over fewer
    // entries: under 3% is left there.
    for page in homes {
        let minified = warraq::output::minify::html(std::str::from_utf8(&page.html).unwrap());
        let home = page.path == "index.html" || page.path == "en/index.html";
        let floor = if home { 975 } else { 970 };
        assert!(
            minified.len() * 1000 >= page.html.len() * floor,
            "{}: minify-html takes {} bytes down to {}",
            page.path,
            page.html.len(),
            minified.len()
        );
    }
}
