//! The site search as built: both search pages, the header's search field on every page, an
//! index whose every passage leads to an id on its page, and `search: false`.

use std::fs;

use crate::util::{Site, attr, by_id, one, select, tree};

#[test]
fn every_page_has_a_search_field_leading_to_the_search_page_of_its_language() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    for (path, page) in site.pages() {
        if path == "404.html" {
            continue;
        }
        let lang = attr(one(&page, "html"), "lang");
        let on_search_page = path.ends_with("search/index.html");
        let forms = select(&page, "form[role=search]");
        assert_eq!(forms.len(), 1, "{path}: one search landmark");
        let form = forms[0];
        let label = attr(form, "aria-label");
        assert_eq!(
            label,
            if lang == "ar" {
                "البحث في الموقع"
            } else {
                "Search the site"
            },
            "{path}"
        );
        let action = form.value().attr("action").unwrap_or_default();
        let target = crate::util::resolve(&path, action);
        let expected = if lang == "ar" { "search" } else { "en/search" };
        assert_eq!(target, expected, "{path}: {action}");
        assert_eq!(
            on_search_page,
            form.value().classes().any(|c| c == "search-form"),
            "{path}"
        );
        // The field submits `q` without JavaScript.
        assert_eq!(
            attr(one(&page, "form[role=search] input[type=search]"), "name"),
            "q"
        );
    }
    for path in ["search/index.html", "en/search/index.html"] {
        let page = site.page(path);
        let list = one(&page, "ol#search-results");
        assert!(
            list.children().next().is_none(),
            "{path}: filled by the script"
        );
        assert_eq!(attr(one(&page, "#search-status"), "aria-live"), "polite");
        assert!(select(&page, "script[type=module][src$='assets/search.js']").len() == 1);
        assert!(select(&page, "noscript").len() == 1);
    }
}

#[test]
fn every_passage_of_the_index_leads_to_an_id_on_its_page() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let files = tree(&site.root.join("site"));
    let manifest: serde_json::Value = serde_json::from_slice(&files["search/index.json"]).unwrap();
    let total = manifest["passages"].as_u64().unwrap();
    let mut seen = 0;
    let mut kinds = std::collections::BTreeSet::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.starts_with("search/p/")) {
        let chunk: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        for p in chunk["p"].as_array().unwrap() {
            let doc = &chunk["d"][p[0].as_u64().unwrap().to_string()];
            let slug = doc[0].as_str().unwrap();
            let fragment = p[1].as_str().unwrap();
            let page = site.page(&format!("{slug}/index.html"));
            assert!(
                by_id(&page, fragment).is_some(),
                "{path}: {slug}/#{fragment}"
            );
            kinds.insert(p[2].as_str().unwrap().to_string());
            seen += 1;
        }
    }
    assert_eq!(seen, total);
    // Titles, abstract pairs, headings, paragraphs and notes.
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["a", "h", "n", "p", "t"]
    );
}

#[test]
fn search_false_builds_no_search() {
    let site = Site::new(&["valid"]);
    let settings = fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        settings.replacen(
            "default_language: ar",
            "default_language: ar\nsearch: false",
            1,
        ),
    );
    let outcome = site.build_clean();
    assert_eq!(outcome.pages, 14);
    let files = tree(&site.root.join("site"));
    assert!(
        files.keys().all(|p| !p.contains("search")),
        "{:?}",
        files.keys()
    );
    for (path, page) in site.pages() {
        assert!(select(&page, "form[role=search]").is_empty(), "{path}");
    }
}

#[test]
fn search_must_be_true_or_false() {
    let site = Site::new(&["valid"]);
    let settings = fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        settings.replacen(
            "default_language: ar",
            "default_language: ar\nsearch: maybe\nserch: true",
            1,
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("content/_index.md:"), "{}", run.stderr);
    assert!(run.stderr.contains("serch"), "{}", run.stderr);
}

#[test]
fn a_paper_may_not_take_the_slug_search() {
    let site = Site::new(&["valid"]);
    let paper = fs::read_to_string(site.root.join("content/english-paper.md")).unwrap();
    site.write(
        "content/english-paper.md",
        paper.replacen("slug: english-paper", "slug: search", 1),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`search` is reserved for the site's own pages"),
        "{}",
        run.stderr
    );
}

/// A site whose own `base.html` predates the search (no `search` block, no header field)
/// still builds, search pages included.
#[test]
fn a_site_with_its_own_older_base_template_still_builds() {
    let site = crate::util::Site::new(&["valid", "old-base"]);
    site.build_clean();
    let page = site.page_text("search/index.html");
    assert!(page.contains("id=search-results"), "{page}");
}
