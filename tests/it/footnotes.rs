//! Footnotes on built pages: references and backlinks pair up, letters, notes with blocks.

use std::collections::BTreeSet;

use scraper::{ElementRef, Html};

use crate::util::{Site, attr, by_id, children, fragment, select, select_in, text};

/// The endnote items of a page.
fn notes(page: &Html) -> Vec<ElementRef<'_>> {
    select(page, "section.notes > ol > li")
}

/// The endnote whose text starts with `start`.
fn note_starting<'a>(page: &'a Html, start: &str) -> ElementRef<'a> {
    let found: Vec<_> = notes(page)
        .into_iter()
        .filter(|li| text(*li).trim_start().starts_with(start))
        .collect();
    assert_eq!(found.len(), 1, "one note starts with «{start}»");
    found[0]
}

fn backlinks(note: ElementRef) -> Vec<ElementRef> {
    select_in(note, "a.fn-back")
}

#[test]
fn references_and_backlinks_pair_up() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    for path in ["arabic-paper/index.html", "english-paper/index.html"] {
        let page = site.page(path);
        let items = notes(&page);
        assert!(!items.is_empty(), "{path}");
        for note in items {
            let id = attr(note, "id");
            let links = backlinks(note);
            assert!(!links.is_empty(), "{path}: {id} has no backlink");
            let targets: BTreeSet<&str> =
                links.iter().map(|a| fragment(attr(*a, "href"))).collect();
            assert_eq!(targets.len(), links.len(), "{path}: {id} backlinks repeat");
            for target in targets {
                let reference = by_id(&page, target)
                    .unwrap_or_else(|| panic!("{path}: {id} backlink to missing #{target}"));
                assert_eq!(
                    attr(reference, "href"),
                    format!("#{id}"),
                    "{path}: #{target}"
                );
            }
        }
        // Every reference leads to a note that links back to it.
        for reference in select(&page, "a[role='doc-noteref']") {
            let note = by_id(&page, fragment(attr(reference, "href"))).expect("note exists");
            let back = format!("#{}", attr(reference, "id"));
            assert!(
                backlinks(note).iter().any(|a| attr(*a, "href") == back),
                "{path}: no backlink to {back}"
            );
        }
    }
}

#[test]
fn a_note_referenced_three_times_has_three_lettered_backlinks() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    let note = note_starting(&page, "حاشية يحال إليها ثلاث مرات.");
    let labels: Vec<String> = backlinks(note).into_iter().map(text).collect();
    assert_eq!(labels, ["↑أ", "↑ب", "↑ت"]);
    let references = select(&page, &format!("a[href='#{}']", attr(note, "id")));
    assert_eq!(references.len(), 3);

    let page = site.page("english-paper/index.html");
    let note = note_starting(&page, "The first English note.");
    let labels: Vec<String> = backlinks(note).into_iter().map(text).collect();
    assert_eq!(labels, ["↑a", "↑b"]);
}

#[test]
fn a_note_referenced_once_has_one_plain_backlink() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    let note = note_starting(&page, "حاشية قصيرة.");
    let labels: Vec<String> = backlinks(note).into_iter().map(text).collect();
    assert_eq!(labels, ["↑"]);
}

#[test]
fn notes_are_numbered_by_first_reference_byline_first() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    let ids: Vec<&str> = notes(&page).into_iter().map(|li| attr(li, "id")).collect();
    assert_eq!(ids, ["fn-1", "fn-2", "fn-3", "fn-4"]);
    let starts = [
        "الكاتب باحث في مركز الدراسات.",
        "حاشية يحال إليها ثلاث مرات.",
        "الفقرة الأولى من الحاشية الطويلة.",
        "حاشية قصيرة.",
    ];
    for (note, start) in notes(&page).into_iter().zip(starts) {
        assert!(text(note).starts_with(start), "{}", attr(note, "id"));
    }
}

#[test]
fn a_note_keeps_its_paragraphs_and_list() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    let note = note_starting(&page, "الفقرة الأولى من الحاشية الطويلة.");
    let paragraphs: Vec<String> = children(note, "p")
        .into_iter()
        .filter(|p| attr(*p, "class") != "fn-backlinks")
        .map(text)
        .collect();
    assert_eq!(
        paragraphs,
        [
            "الفقرة الأولى من الحاشية الطويلة.",
            "الفقرة الثانية من الحاشية الطويلة."
        ]
    );
    let lists = children(note, "ul");
    assert_eq!(lists.len(), 1);
    let items: Vec<String> = children(lists[0], "li").into_iter().map(text).collect();
    assert_eq!(items, ["البند الأول", "البند الثاني"]);
    // The backlink follows the list in a paragraph of its own.
    let last = note.children().filter_map(ElementRef::wrap).last().unwrap();
    assert_eq!(attr(last, "class"), "fn-backlinks");
    assert_eq!(backlinks(last).len(), 1);
}
