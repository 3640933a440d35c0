//! Citable addresses: every anchor in `anchors.json` exists, lost anchors fail
//! `check --previous`, and an alias makes the old fragment land on the right place.

use crate::util::{Site, attr, by_id, one, one_in, select};

/// The pages and fragments of a built site's `anchors.json`.
fn anchors(site: &Site) -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(site.root.join("site/anchors.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
    value["pages"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(url, fragments)| {
            let fragments = fragments
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect();
            (url.clone(), fragments)
        })
        .collect()
}

fn assert_every_anchor_exists(site: &Site) -> usize {
    let mut count = 0;
    for (url, fragments) in anchors(site) {
        let page = site.page(&format!("{url}index.html"));
        for fragment in &fragments {
            assert!(
                by_id(&page, fragment).is_some(),
                "{url}#{fragment} is missing"
            );
            assert!(
                fragment
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{fragment} is short ASCII"
            );
            count += 1;
        }
    }
    count
}

#[test]
fn every_anchor_of_the_fixture_site_exists() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let pages: Vec<String> = anchors(&site).into_iter().map(|(url, _)| url).collect();
    assert_eq!(
        pages,
        [
            "",
            "arabic-paper/",
            "authors/",
            "authors/first-author/",
            "authors/katib-thani/",
            "authors/second-author/",
            "en/",
            "en/arabic-paper/",
            "en/authors/",
            "en/authors/first-author/",
            "en/authors/katib-thani/",
            "en/authors/second-author/",
            "english-paper/"
        ]
    );
    let all = anchors(&site);
    let arabic = &all[1].1;
    assert_eq!(arabic[0], "abstract-s1", "abstract pairs come first");
    assert!(
        arabic.contains(&"introduction-p1".to_string()),
        "{arabic:?}"
    );
    assert!(arabic.last().unwrap().starts_with("fn-"), "notes come last");
    assert!(assert_every_anchor_exists(&site) > 5);
}

#[test]
fn every_anchor_of_the_seed_site_exists_and_every_body_paragraph_has_one() {
    let site = Site::project();
    site.build_clean();
    let count = assert_every_anchor_exists(&site);
    assert!(count > 150, "{count} anchors");
    for (path, page) in site.pages() {
        for p in select(&page, ".doc-body p") {
            let id = attr(p, "id");
            assert!(!id.is_empty(), "{path}: a body paragraph without id");
            // Its permalink points at it and is named in the page's language.
            let link = p
                .children()
                .filter_map(scraper::ElementRef::wrap)
                .find(|e| {
                    e.value()
                        .has_class("permalink", scraper::CaseSensitivity::CaseSensitive)
                })
                .unwrap_or_else(|| panic!("{path}#{id} has no permalink"));
            assert_eq!(attr(link, "href"), format!("#{id}"));
            assert_eq!(attr(link, "aria-label"), "رابط هذه الفقرة");
        }
        for h in select(&page, ".doc-body :is(h2, h3, h4)") {
            let link = one_in(h, "a.permalink");
            assert_eq!(attr(link, "href"), format!("#{}", attr(h, "id")));
            assert_eq!(attr(link, "aria-label"), "رابط هذا القسم");
        }
    }
}

#[test]
fn a_removed_heading_id_fails_check_previous_until_aliased() {
    let site = Site::project();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let previous = site.root.join("previous-anchors.json");
    std::fs::copy(site.root.join("site/anchors.json"), &previous).unwrap();

    // The editor drops the explicit id of the introduction: it becomes `s1`.
    let path = "content/azerbaijan-turkey-israel.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    let edited = text.replace("## مقدمة {#introduction}", "## مقدمة");
    assert_ne!(edited, text);
    site.write(path, &edited);
    let run = site.run(&["check", "--previous", "previous-anchors.json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lost = run.error_lines();
    assert_eq!(
        lost.len(),
        4,
        "the heading and its three paragraphs: {lost:#?}"
    );
    assert!(
        lost[0].starts_with("previous-anchors.json:7:")
            && lost[0].ends_with("error: anchors: the anchor `azerbaijan-turkey-israel/#introduction` of the previous release is gone"),
        "{}",
        lost[0]
    );
    assert!(run.stderr.contains("hint: if it moved, add `aliases: {introduction: <new id>}` to the front matter of content/azerbaijan-turkey-israel.md"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`azerbaijan-turkey-israel/#introduction-p3`")
    );

    // The editor adds the aliases: the check passes and the old fragments land on the new places.
    let aliased = edited.replacen(
        "editorial_notes:",
        "aliases:\n  introduction: s1\n  introduction-p1: s1-p1\n  introduction-p2: s1-p2\n  introduction-p3: s1-p3\neditorial_notes:",
        1,
    );
    site.write(path, &aliased);
    let run = site.run(&["check", "--previous", "previous-anchors.json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    // A folder holding anchors.json works as well.
    let run = site.run(&["check", "--previous", "site"]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.page("azerbaijan-turkey-israel/index.html");
    for (old, new) in [("introduction", "s1"), ("introduction-p2", "s1-p2")] {
        let alias = by_id(&page, old).unwrap_or_else(|| panic!("#{old} resolves"));
        let parent = scraper::ElementRef::wrap(alias.parent().unwrap()).unwrap();
        assert_eq!(attr(parent, "id"), new, "#{old} lands on #{new}");
        assert_eq!(alias.text().count(), 0, "the alias is empty");
    }
    assert_eq!(attr(one(&page, "h2#s1"), "id"), "s1");
    // The new anchors.json keeps the old fragments, so the next release must keep them too.
    let fragments = &anchors(&site)
        .into_iter()
        .find(|(url, _)| url == "azerbaijan-turkey-israel/")
        .unwrap()
        .1;
    let at = |id: &str| fragments.iter().position(|f| f == id).unwrap();
    assert_eq!(at("introduction"), at("s1") + 1);
}

#[test]
fn bad_aliases_are_errors_with_positions() {
    let site = Site::new(&["valid"]);
    let path = "content/arabic-paper.md";
    let text = std::fs::read_to_string(site.root.join(path)).unwrap();
    site.write(
        path,
        text.replacen(
            "sections:",
            "aliases:\n  old-intro: nowhere\n  introduction-p1: introduction\n  Bad: introduction\nsections:",
            1,
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.error_lines(),
        [
            "content/arabic-paper.md:23:3: error: aliases.Bad: `Bad` is not an id: ids are lowercase ASCII letters, digits and `-`"
        ]
    );
    site.write(
        path,
        text.replacen(
            "sections:",
            "aliases:\n  old-intro: nowhere\n  introduction-p1: introduction\nsections:",
            1,
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    let errors = run.error_lines();
    assert_eq!(
        errors,
        [
            "content/arabic-paper.md:21:14: error: aliases.old-intro: the alias target `nowhere` is not a heading or paragraph id of this document",
            "content/arabic-paper.md:22:20: error: aliases.introduction-p1: `introduction-p1` is still an id on this page, so it cannot be an alias",
        ]
    );
}

#[test]
fn explicit_heading_ids_cannot_take_the_paragraph_shape() {
    let site = Site::new(&["valid"]);
    site.write(
        "content/extra.md",
        "---\nslug: extra\ntitle: ع\ntitle_en: E\ndate: 2020\n---\n\n## أ {#intro-p2}\n\nنص.\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/extra.md:8:1: error: heading id: `intro-p2` has the shape of a paragraph id"
        ),
        "{}",
        run.stderr
    );
}

/// The project's own papers keep every address of the release before the motives of 000's
/// section four became a list (its `anchors.json` is kept in `tests/fixtures/releases/`): the
/// 13 moved ids resolve through `aliases:`, and taking an alias out fails the check.
#[test]
fn the_papers_keep_every_address_of_the_previous_release() {
    let site = Site::project();
    let previous = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/releases/2026-12-06-anchors.json");
    let previous = previous.to_str().unwrap();
    let run = site.run(&["check", "--previous", previous]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let paper = site.root.join("content/turkey-karabakh-2020.md");
    let text = std::fs::read_to_string(&paper).unwrap();
    let without = text.replace(
        "  s4-economic-reasons-p8: s4-turkey-position-role-p11\n",
        "",
    );
    assert_ne!(text, without);
    std::fs::write(&paper, without).unwrap();
    let run = site.run(&["check", "--previous", previous]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "`turkey-karabakh-2020/#s4-economic-reasons-p8` of the previous release is gone"
        ),
        "{}",
        run.stderr
    );
}
