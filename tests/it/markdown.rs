//! Markdown checks: undefined and unused notes, duplicate ids, raw HTML and titles escaped.

use crate::util::{Site, one, select, text};

#[test]
fn undefined_notes_and_duplicate_ids_are_errors_at_their_line() {
    let site = Site::new(&["valid", "markdown-errors"]);
    let run = site.run(&["build"]);
    assert_eq!(
        run.stderr,
        "\
content/duplicate-ids.md:12:1: error: heading id: the id `intro` is used twice on this page
  hint: it is first used on line 8; give this heading another id
content/missing-note.md:10:36: error: footnote: the note [^missing] is referenced but never defined
  hint: add a line `[^missing]: …` with the note's text
warraq: 2 error(s), 0 warning(s); nothing was written
"
    );
    assert_eq!(run.code, 1);
}

#[test]
fn an_unused_note_is_a_warning_and_the_build_succeeds() {
    let site = Site::new(&["valid", "unused-note"]);
    let run = site.run(&["build"]);
    assert_eq!(
        run.stderr,
        "\
content/unused-note.md:10:1: warning: footnote: the note [^unused] is never referenced
  hint: refer to it with [^unused] where it belongs, or delete it
warraq: built 3 document(s), 18 page(s) into ./site; 1 warning(s)
"
    );
    assert_eq!(run.code, 0);
    let page = site.page("unused-note/index.html");
    assert!(select(&page, "section.notes").is_empty(), "no notes list");
}

#[test]
fn raw_html_in_the_body_is_shown_as_text() {
    let site = Site::new(&["valid", "escaping"]);
    site.build_clean();
    let page = site.page("escaping/index.html");
    assert!(select(&page, "body script").is_empty());
    let paragraphs: Vec<String> = select(&page, ".doc-body p").into_iter().map(text).collect();
    assert_eq!(
        paragraphs,
        [
            "فقرة فيها <script>alert(3)</script> وسم.",
            "<script>alert(4)</script>",
        ]
    );
}

#[test]
fn a_title_with_markup_is_escaped_everywhere() {
    let site = Site::new(&["valid", "escaping"]);
    site.build_clean();
    for (path, _) in site.pages() {
        // The only scripts are Warraq's own, in <head>: JSON-LD, cite.js, the 404 root finder.
        assert!(
            select(&site.page(&path), "body script").is_empty(),
            "{path}"
        );
    }
    let page = site.page("escaping/index.html");
    let title = "عنوان <script>alert(1)</script>";
    assert_eq!(text(one(&page, "title")), title);
    assert_eq!(text(one(&page, "h1.doc-title")), title);
    assert_eq!(
        text(one(&page, ".doc-title-en")),
        "Title <script>alert(2)</script>"
    );
    let home = site.page("index.html");
    let titles: Vec<String> = select(&home, ".entry-title a")
        .into_iter()
        .map(text)
        .collect();
    assert!(titles.iter().any(|t| t == title), "{titles:?}");
}
