//! Building an unchanged site again: the record beside `site/` says nothing changed, so the
//! site is left as it is and the last build's warnings are shown again; any change to the
//! sources, the options or the output means a full build.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, SystemTime};

use warraq::pipeline;
use warraq::pipeline::record::{self, RACY};

use crate::util::{Site, tree};

/// Every file of `dir` with its modification time: a build that writes anything changes one.
fn times(dir: &Path) -> BTreeMap<String, SystemTime> {
    tree(dir)
        .into_keys()
        .map(|path| {
            let time = std::fs::metadata(dir.join(&path))
                .unwrap()
                .modified()
                .unwrap();
            (path, time)
        })
        .collect()
}

/// Waits until files just written are old enough for their stamps to be trusted.
fn settle() {
    std::thread::sleep(RACY + Duration::from_millis(100));
}

#[test]
fn an_unchanged_site_is_not_built_again_and_any_change_is() {
    let site = Site::new(&["valid", "mixed-digits"]);
    let build = |full: bool| pipeline::build(&site.options("site", full)).unwrap();
    let out = site.root.join("site");
    settle();

    let first = build(false);
    assert!(first.written && !first.up_to_date);
    assert_eq!(first.diagnostics.len(), 1, "the mixed-digits warning");
    assert!(record::path_of(&out).is_file());
    let pages = tree(&out);
    let written = times(&out);

    let again = build(false);
    assert!(again.up_to_date && !again.written);
    assert_eq!(again.diagnostics, first.diagnostics);
    assert_eq!(
        (again.documents, again.pages),
        (first.documents, first.pages)
    );
    assert_eq!(times(&out), written, "nothing was written");

    // A page removed from the site, or one edited there, is built again.
    std::fs::remove_file(out.join("arabic-paper/cite.bib")).unwrap();
    assert!(build(false).written);
    assert_eq!(tree(&out), pages);
    assert!(build(false).up_to_date);
    std::fs::write(out.join("404.html"), "edited").unwrap();
    assert!(build(false).written);
    assert_eq!(tree(&out), pages);

    // Other options, or `--full`, build again.
    assert!(build(false).up_to_date);
    let mut options = site.options("site", false);
    options.base_url = Some("https://example.org/papers/".into());
    assert!(pipeline::build(&options).unwrap().written);
    assert!(
        build(false).written,
        "back to the options of the record before"
    );
    assert!(build(false).up_to_date);
    assert!(build(true).written);

    // An edited document is built again, its page changed; so is a new document.
    settle();
    assert!(build(false).up_to_date);
    let path = site.root.join("content/arabic-paper.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nفقرة جديدة في آخر البحث.\n")).unwrap();
    let edited = build(false);
    assert!(edited.written && !edited.up_to_date);
    assert!(
        site.page_text("arabic-paper/index.html")
            .contains("فقرة جديدة")
    );
    site.write(
        "content/third.md",
        std::fs::read_to_string(site.root.join("content/mixed-digits.md"))
            .unwrap()
            .replacen("slug: mixed-digits", "slug: third", 1),
    );
    assert!(build(false).written);
    assert!(out.join("third/index.html").is_file());
}

#[test]
fn a_changed_pdf_is_copied_again() {
    let site = Site::new(&["archive"]);
    let build = || pipeline::build(&site.options("site", false)).unwrap();
    settle();
    assert!(build().written);
    assert!(build().up_to_date);
    // The same length, other bytes: the stamp's times tell it.
    let pdf = site.root.join("content/_sources/energy-paper.pdf");
    let mut bytes = std::fs::read(&pdf).unwrap();
    *bytes.last_mut().unwrap() ^= 1;
    std::fs::write(&pdf, &bytes).unwrap();
    let again = build();
    assert!(again.written && !again.up_to_date);
    let copied = site.root.join("site/energy-paper/energy-paper.pdf");
    assert_eq!(std::fs::read(copied).unwrap(), bytes);
}

#[test]
fn the_command_says_the_site_is_up_to_date_and_shows_the_warnings_again() {
    let site = Site::new(&["valid", "mixed-digits"]);
    settle();
    let first = site.run(&["build"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert!(
        first.stderr.contains("warraq: built 3 document(s)"),
        "{}",
        first.stderr
    );

    let again = site.run(&["build"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let (warnings, summary) = again.stderr.rsplit_once("warraq: ").unwrap();
    assert_eq!(
        warnings,
        first.stderr.split_once("warraq: built").unwrap().0
    );
    assert!(warnings.contains("warning: digits:"), "{}", again.stderr);
    assert_eq!(
        summary.trim_end(),
        "./site is up to date: nothing changed since it was built (3 document(s), 18 page(s); 1 warning(s)); `--full` builds it again"
    );

    let full = site.run(&["build", "--full"]);
    assert_eq!(full.code, 0, "{}", full.stderr);
    assert_eq!(full.stderr, first.stderr);
}

#[test]
fn a_papers_own_file_changed_is_a_change() {
    let site = Site::new(&["figures"]);
    let build = || pipeline::build(&site.options("site", false)).unwrap();
    settle();
    assert!(build().written);
    assert!(build().up_to_date);
    site.write("content/paper/data/table.csv", "city,population\nA,121\n");
    settle();
    let again = build();
    assert!(again.written, "the record noticed the edited file");
    assert_eq!(
        std::fs::read(site.root.join("site/paper-with-figures/data/table.csv")).unwrap(),
        b"city,population\nA,121\n"
    );
    assert!(build().up_to_date);
}
