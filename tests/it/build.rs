//! A valid site: the files it produces, page languages, links within pages, determinism.

use std::collections::BTreeSet;

use scraper::ElementRef;

use crate::util::{
    Site, assert_links_resolve, attr, by_id, names_in, one, resolve, select, text, tree,
};

#[test]
fn valid_site_builds_every_page() {
    let site = Site::new(&["valid"]);
    let outcome = site.build_clean();
    assert_eq!((outcome.documents, outcome.pages), (2, 16));
    let files: Vec<String> = tree(&site.root.join("site")).into_keys().collect();
    assert_eq!(
        files,
        [
            ".nojekyll",
            "404.html",
            "anchors.json",
            "arabic-paper/cite.bib",
            "arabic-paper/cite.ris",
            "arabic-paper/index.html",
            "assets/cite.js",
            "assets/favicon.svg",
            "assets/noto-naskh-arabic-400.woff2",
            "assets/noto-naskh-arabic-700.woff2",
            "assets/noto-naskh-arabic-OFL.txt",
            "assets/search.js",
            "assets/style.css",
            "assets/warraq.js",
            "authors/first-author/index.html",
            "authors/index.html",
            "authors/katib-thani/index.html",
            "authors/second-author/index.html",
            "en/arabic-paper/index.html",
            "en/authors/first-author/index.html",
            "en/authors/index.html",
            "en/authors/katib-thani/index.html",
            "en/authors/second-author/index.html",
            "en/index.html",
            "en/search/index.html",
            "english-paper/cite.bib",
            "english-paper/cite.ris",
            "english-paper/index.html",
            "index.html",
            "search/index.html",
            "search/index.json",
            "search/p/0.json",
            "search/p/1.json",
            "search/p/2.json",
            "search/s/0.json",
        ]
    );
    // Nothing else beside the site: no temporary folders left over.
    assert_eq!(names_in(&site.root), ["content", "site"]);
}

#[test]
fn every_in_page_link_resolves_and_ids_are_unique() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    for (path, page) in site.pages() {
        assert_links_resolve(&path, &page);
    }
}

#[test]
fn pages_declare_their_language_and_direction() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let cases = [
        ("index.html", "ar", "rtl"),
        ("404.html", "ar", "rtl"),
        ("arabic-paper/index.html", "ar", "rtl"),
        ("en/index.html", "en", "ltr"),
        ("english-paper/index.html", "en", "ltr"),
    ];
    for (path, lang, dir) in cases {
        let page = site.page(path);
        let html = one(&page, "html");
        assert_eq!(
            (attr(html, "lang"), attr(html, "dir")),
            (lang, dir),
            "{path}"
        );
    }
}

#[test]
fn english_blocks_are_marked_english_and_left_to_right() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    for path in ["arabic-paper/index.html", "english-paper/index.html"] {
        let page = site.page(path);
        let block = one(&page, ".doc-title-en");
        assert_eq!(
            (attr(block, "lang"), attr(block, "dir")),
            ("en", "ltr"),
            "{path}"
        );
    }
    let page = site.page("arabic-paper/index.html");
    for class in [".abstract-en", ".toc-other"] {
        let blocks = select(&page, class);
        assert!(!blocks.is_empty(), "no {class} on the page");
        for block in blocks {
            assert_eq!(
                (attr(block, "lang"), attr(block, "dir")),
                ("en", "ltr"),
                "{class}"
            );
        }
    }
}

/// Any element with Arabic letters in its own text, on an English page, must sit inside
/// `lang="ar"`, or screen readers read it with an English voice.
#[test]

fn arabic_text_on_english_pages_is_marked_arabic() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let mut unmarked = Vec::new();
    for path in [
        "en/index.html",
        "en/arabic-paper/index.html",
        "english-paper/index.html",
    ] {
        let page = site.page(path);
        for element in select(&page, "body *") {
            let own: String = element
                .children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect();
            let arabic = own.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
            let nearest = std::iter::once(element)
                .chain(element.ancestors().filter_map(ElementRef::wrap))
                .find_map(|e| e.value().attr("lang"));
            if arabic && nearest != Some("ar") {
                unmarked.push(format!("{path}: «{}»", own.trim()));
            }
        }
    }
    assert!(
        unmarked.is_empty(),
        "Arabic text not marked lang=\"ar\":\n{unmarked:#?}"
    );
}

#[test]
fn headings_get_their_explicit_id_or_a_section_number() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    let ids: Vec<&str> = select(&page, ".doc-body h2, .doc-body h3")
        .into_iter()
        .map(|h| attr(h, "id"))
        .collect();
    assert_eq!(ids, ["introduction", "s2", "s2-1", "conclusion"]);
    let toc: Vec<&str> = select(&page, ".toc .toc-line > a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(toc, ["#introduction", "#s2", "#s2-1", "#conclusion"]);
}

#[test]
fn home_pages_link_every_document() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    for path in ["index.html", "en/index.html"] {
        let page = site.page(path);
        let targets: BTreeSet<String> = select(&page, ".entry-title a")
            .into_iter()
            .map(|a| resolve(path, attr(a, "href")))
            .collect();
        // The English home sends readers of an Arabic paper to its English page.
        let arabic = if path == "index.html" {
            "arabic-paper"
        } else {
            "en/arabic-paper"
        };
        let expected: BTreeSet<String> = [arabic, "english-paper"].map(String::from).into();
        assert_eq!(targets, expected, "{path}");
        for target in targets {
            assert!(
                site.root
                    .join("site")
                    .join(&target)
                    .join("index.html")
                    .is_file()
            );
        }
    }
    let page = site.page("index.html");
    let titles: Vec<String> = select(&page, ".entry-title a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["ورقة عربية للاختبار", "An English Test Paper"]);
}

#[test]
fn the_byline_note_and_the_english_title_are_on_the_page() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    let reference = one(&page, ".byline .author sup a");
    assert_eq!(attr(reference, "href"), "#fn-1");
    let note = by_id(&page, "fn-1").expect("note 1 exists");
    assert!(text(note).starts_with("الكاتب باحث في مركز الدراسات."));
    assert_eq!(
        text(one(&page, ".doc-title-en")),
        "An Arabic Test Paper [editor's translation]"
    );
}

/// Determinism: nothing in the output depends on time, hash order or the output folder.
#[test]
fn two_builds_are_byte_identical() {
    let site = Site::new(&["valid"]);
    for out in ["first", "second"] {
        let outcome = site.build_into(out);
        assert!(outcome.diagnostics.is_empty() && outcome.written);
    }
    let first = tree(&site.root.join("first"));
    let second = tree(&site.root.join("second"));
    // The archive's pages and the icon (`assets/favicon.svg`) among them.
    assert_eq!(first.len(), 35);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(bytes == &second[path], "{path} differs between builds");
    }
}

#[test]
fn a_build_without_base_url_says_once_what_it_costs_and_how_to_set_it() {
    let site = Site::new(&["valid"]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.base_url_notes, 1, "{}", run.stderr);
    // The note's whole text, with its hint, as the binary prints it.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["build", "--full"])
        .current_dir(&site.root)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.ends_with("; 0 warning(s)\nwarraq: note: no base_url, so citations carry relative addresses and pages have no canonical address or feed\n  hint: set `base_url: https://<user>.github.io/<repository>/` in content/_index.md, or build with --base-url\n"),
        "{stderr}"
    );
    let run = site.run(&["build", "--base-url", "https://example.org/papers/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.base_url_notes, 0, "{}", run.stderr);
}
