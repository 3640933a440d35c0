//! A paper's own files (its bundle, `content/<stem>/`): copied to its folder of the site
//! byte for byte, linked from the page, figures with captions, and the errors at the
//! Markdown line for a missing file, an image without a description and a root-relative link.

use std::fs;

use crate::util::{Site, attr, errors, one, one_in, select, text, tree};

const SLUG: &str = "paper-with-figures";

#[test]
fn bundle_files_are_copied_and_linked_from_the_page() {
    let site = Site::new(&["figures"]);
    let outcome = site.build_clean();
    assert_eq!(outcome.documents, 1);
    let built = tree(&site.root.join("site"));
    for name in ["fig1.svg", "map.png", "data/table.csv"] {
        let source = fs::read(site.root.join("content/paper").join(name)).unwrap();
        assert_eq!(
            built.get(&format!("{SLUG}/{name}")),
            Some(&source),
            "{name} is copied as it is"
        );
    }
    let page = site.page(&format!("{SLUG}/index.html"));
    // The titled image alone in its paragraph is a figure, citable by the paragraph's id, its
    // permalink in the caption.
    let figure = one(&page, "figure#introduction-p2");
    let img = one_in(figure, "img");
    assert_eq!(attr(img, "src"), "fig1.svg");
    assert_eq!(attr(img, "alt"), "مخطط بأعمدة لعدد السكان في ثلاث مدن");
    assert_eq!(attr(img, "loading"), "lazy");
    assert!(
        img.value().attr("title").is_none(),
        "the caption is shown once"
    );
    let caption = one_in(figure, "figcaption");
    assert!(
        text(caption).starts_with("الشكل 1: عدد السكان في ثلاث مدن (بالآلاف)"),
        "{}",
        text(caption)
    );
    assert_eq!(attr(one_in(caption, "a"), "href"), "#introduction-p2");
    // An image without a title, or inside a sentence, stays in its paragraph.
    assert_eq!(select(&page, "figure").len(), 1);
    let plain = one(&page, "p#introduction-p4");
    assert_eq!(attr(one_in(plain, "img"), "src"), "map.png");
    let inline = one(&page, "p#introduction-p3");
    let links: Vec<&str> = select(&page, "#introduction-p3 a[href$='.csv']")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(links, ["data/table.csv"]);
    assert_eq!(attr(one_in(inline, "img"), "src"), "map.png");
    // The figure's id is a public address like any paragraph's.
    let anchors = site.page_text("anchors.json");
    assert!(anchors.contains("\"introduction-p2\""), "{anchors}");
}

#[test]
fn the_site_works_under_a_project_path_and_twice_alike() {
    let site = Site::new(&["figures"]);
    let mut options = site.options("site", true);
    options.base_url = Some("https://example.org/repo/".into());
    let outcome = warraq::pipeline::build(&options).unwrap();
    assert!(!outcome.failed(), "{:?}", errors(&outcome));
    let first = tree(&site.root.join("site"));
    let outcome = warraq::pipeline::build(&options).unwrap();
    assert!(!outcome.failed());
    assert_eq!(
        first,
        tree(&site.root.join("site")),
        "byte-identical builds"
    );
    // Every address on the paper's pages is relative and names a file of the site.
    for page in [
        format!("{SLUG}/index.html"),
        format!("en/{SLUG}/index.html"),
    ] {
        let html = site.page(&page);
        for element in select(&html, "img[src], a[href]") {
            let value = element
                .value()
                .attr("src")
                .or(element.value().attr("href"))
                .unwrap();
            let value = value.split(['#', '?']).next().unwrap();
            if value.is_empty() || value.contains(':') {
                continue;
            }
            assert!(!value.starts_with('/'), "{page}: {value}");
            let target = crate::util::resolve(&page, value);
            let target = if target.is_empty() || value.ends_with('/') {
                format!("{target}/index.html")
                    .trim_start_matches('/')
                    .to_string()
            } else {
                target
            };
            assert!(first.contains_key(&target), "{page}: {value} → {target}");
        }
    }
}

#[test]
fn link_problems_are_errors_at_the_markdown_line() {
    let site = Site::new(&["figures"]);
    site.write(
        "content/paper.md",
        "---\nslug: paper-with-figures\ntitle: ورقة\ntitle_en: Paper\ndate: 2023\n---\n\n![مخطط](paper/fig-1.svg \"الشكل 1\")\n\n![](paper/map.png)\n\nانظر [الصفحة](/about/) و[الجدول](paper/data/tabel.csv).\n",
    );
    let outcome = site.build_into("site");
    assert!(!outcome.written);
    let shown = errors(&outcome);
    assert_eq!(shown.len(), 4, "{shown:#?}");
    assert!(
        shown[0].contains(
            "content/paper.md:8:1: error: image: `fig-1.svg` is not in the paper's folder"
        ) && shown[0].ends_with("hint: did you mean `paper/fig1.svg`?"),
        "{shown:#?}"
    );
    assert!(
        shown[1].contains("content/paper.md:10:1: error: image: this image has no description"),
        "{shown:#?}"
    );
    assert!(
        shown[2]
            .contains("content/paper.md:12:6: error: link: `/about/` is a root-relative address"),
        "{shown:#?}"
    );
    assert!(
        shown[3].contains("content/paper.md:12:")
            && shown[3].ends_with("hint: did you mean `paper/data/table.csv`?"),
        "{shown:#?}"
    );
}

#[test]
fn a_bundle_file_cannot_replace_the_page() {
    let site = Site::new(&["figures"]);
    site.write("content/paper/index.html", "<p>mine</p>");
    let outcome = site.build_into("site");
    let shown = errors(&outcome);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].contains("content/paper/index.html:1:1: error: content: this file would take the place of `paper-with-figures/index.html`"),
        "{shown:#?}"
    );
}

#[test]
fn markdown_in_a_bundle_is_a_file_not_a_paper() {
    let site = Site::new(&["figures"]);
    site.write("content/paper/notes.md", "not a paper, no front matter\n");
    let outcome = site.build_clean();
    assert_eq!(outcome.documents, 1);
    assert!(site.root.join(format!("site/{SLUG}/notes.md")).is_file());
}
