//! Never panics: odd files give a diagnostic (exit 1, never the panic code 101), odd Markdown
//! bodies build.

use crate::util::{Site, assert_links_resolve, one, text};

/// The summary line after `errors` errors and no warnings.
fn failed(errors: usize) -> String {
    format!("warraq: {errors} error(s), 0 warning(s); nothing was written\n")
}

/// Runs `warraq check` on a site with the one content file `name` holding `bytes`.
fn check_one(name: &str, bytes: &[u8]) -> crate::util::Run {
    let site = Site::new(&["settings-only"]);
    site.write(&format!("content/{name}"), bytes);
    site.run(&["check"])
}

const FRONT_MATTER_HINT: &str =
    "  hint: begin the file with a line `---`, the YAML fields, then another line `---`";

#[test]
fn odd_files_give_a_diagnostic_never_a_panic() {
    let cases: [(&str, &[u8], &str); 7] = [
        (
            "empty.md",
            b"",
            "content/empty.md:1:1: error: the file does not start with front matter",
        ),
        (
            "bom-only.md",
            "\u{feff}".as_bytes(),
            "content/bom-only.md:1:1: error: the file does not start with front matter",
        ),
        (
            "lone-fence.md",
            b"---\n",
            "content/lone-fence.md:1:1: error: the front matter is never closed\n  hint: end the front matter with a line `---` before the Markdown text",
        ),
        (
            "lone-fence-no-newline.md",
            b"---",
            "content/lone-fence-no-newline.md:1:1: error: the front matter is never closed\n  hint: end the front matter with a line `---` before the Markdown text",
        ),
        (
            "bom-crlf.md",
            "\u{feff}---\r\nslug: bom-crlf\r\ntitle: عنوان\r\ntitle_en: Title\r\ndate: soon\r\n---\r\nنص\r\n".as_bytes(),
            "content/bom-crlf.md:5:7: error: date: `soon` is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or `not stated`\n  hint: e.g. `date: 2022-02`, or `date: not stated` when the source gives none",
        ),
        (
            "rtl-mark-slug.md",
            "---\nslug: \u{200f}abc\ntitle: عنوان\ntitle_en: Title\ndate: 2022\n---\n".as_bytes(),
            "content/rtl-mark-slug.md:2:7: error: slug: the slug contains '\\u{200f}' (U+200F); only a-z, 0-9 and - are allowed\n  hint: use lowercase ASCII letters, digits and hyphens, e.g. `turkey-karabakh-2020`",
        ),
        (
            "invalid-utf8.md",
            b"---\nslug: bad-utf8\ntitle: \xff\xfe\n---\n",
            "content/invalid-utf8.md:3:8: error: the file is not valid UTF-8 (byte 0xFF)\n  hint: save the file as UTF-8",
        ),
    ];
    for (name, bytes, expected) in cases {
        let run = check_one(name, bytes);
        let expected = if expected.contains("\n  hint:") {
            format!("{expected}\n{}", failed(1))
        } else {
            format!("{expected}\n{FRONT_MATTER_HINT}\n{}", failed(1))
        };
        assert_eq!(run.stderr, expected, "{name}");
        assert_eq!(run.code, 1, "{name}");
    }
}

#[test]
fn only_front_matter_without_fields_reports_each_missing_field() {
    // The slug is not among them: the file name `only-front-matter` is one.
    let run = check_one("only-front-matter.md", b"---\n---\n");
    assert_eq!(
        run.stderr,
        "\
content/only-front-matter.md:2:1: error: date: the required field `date` is missing
  hint: give the date as YYYY, YYYY-MM or YYYY-MM-DD, or write `date: not stated`
content/only-front-matter.md:2:1: error: title_en: the required field `title_en` is missing
  hint: give an English title so English readers can find the document
content/only-front-matter.md:2:1: error: title: the required field `title` is missing
  hint: give the title; if the source has none, supply one and set `title_origin: editor`
"
        .to_string()
            + &failed(3)
    );
    assert_eq!(run.code, 1);
}

/// A NUL byte is refused when the file is read, at its own position, before YAML sees it
/// (serde_yaml would report it without a location).
#[test]
fn a_nul_byte_in_front_matter_is_an_error_at_its_position() {
    let run = check_one(
        "nul.md",
        b"---\nslug: nul\ntitle: a\x00b\ntitle_en: T\ndate: 2022\n---\n",
    );
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.lines().take(2).collect::<Vec<_>>(),
        [
            "content/nul.md:3:9: error: the file contains a NUL character (U+0000)",
            "  hint: remove it: NUL bytes usually come from a broken copy or a binary file",
        ]
    );
}

/// pulldown-cmark turns NUL into U+FFFD, so a corrupted body is published silently.
#[test]

fn a_nul_byte_in_the_body_is_an_error_at_its_position() {
    let run = check_one(
        "nul-body.md",
        b"---\nslug: nul-body\ntitle: a\ntitle_en: T\ndate: 2022\n---\nbody \x00 text\n",
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("content/nul-body.md:7:6: error: "),
        "{}",
        run.stderr
    );
}

/// The "while scanning" part of serde_yaml's message has its own YAML-relative position
/// (`at line 2 column 1`), which contradicts the file position in front of it (3:1).
#[test]

fn yaml_syntax_errors_give_file_positions_only() {
    let cases: [(&str, &[u8], &str); 2] = [
        (
            "tab.md",
            b"---\nslug: x\n\ttitle: t\n---\n",
            "content/tab.md:3:1: error: front matter: ",
        ),
        (
            "quote.md",
            b"---\nslug: 'abc\ntitle: t\n---\n",
            "content/quote.md:4:1: error: front matter: ",
        ),
    ];
    for (name, bytes, prefix) in cases {
        let run = check_one(name, bytes);
        let first = run.stderr.lines().next().unwrap_or_default();
        assert!(first.starts_with(prefix), "{first}");
        assert!(!first.contains(" at line "), "{first}");
        assert_eq!(run.code, 1);
    }
}

#[test]

fn front_matter_that_is_not_a_mapping_names_no_rust_type() {
    for (name, bytes) in [
        ("list.md", &b"---\n- a\n---\n"[..]),
        ("scalar.md", b"---\njust text\n---\n"),
    ] {
        let run = check_one(name, bytes);
        assert!(
            run.stderr
                .starts_with(&format!("content/{name}:2:1: error: "))
        );
        assert!(!run.stderr.contains("RawDocument"), "{}", run.stderr);
        assert_eq!(run.code, 1);
    }
}

#[test]
fn a_document_with_bom_and_crlf_builds() {
    let site = Site::new(&["settings-only"]);
    site.write(
        "content/bom-crlf.md",
        "\u{feff}---\r\nslug: bom-crlf\r\ntitle: عنوان\r\ntitle_en: Title\r\ndate: 2022\r\n---\r\n## مقدمة {#intro}\r\n\r\nنص[^1]\r\n\r\n[^1]: حاشية\r\n",
    );
    site.build_clean();
    let page = site.page("bom-crlf/index.html");
    assert_eq!(text(one(&page, "h1.doc-title")), "عنوان");
    assert_eq!(text(one(&page, ".doc-body h2")), "مقدمة");
    assert_eq!(one(&page, ".doc-body h2").value().id(), Some("intro"));
    assert_links_resolve("bom-crlf/index.html", &page);
}

#[test]
fn odd_markdown_bodies_build_with_unique_ids_and_working_links() {
    let bodies = [
        ("self-note", "[^a]\n\n[^a]: [^a]\n"),
        ("empty-headings", "## {#a}\n\n##\n\n#\n"),
        ("skipped-levels", "###### six\n\n# one\n\n### three\n"),
        ("arabic-label", "نص[^١]\n\n[^١]: حاشية\n"),
        (
            "table-note",
            "| a | b |\n|---|---|\n| x[^t] | y |\n\n[^t]: n\n",
        ),
        ("note-in-list", "- item[^l]\n\n  [^l]: in list\n"),
        (
            "bidi-controls",
            "\u{202e}abc\u{202c} [^b]\n\n[^b]: \u{2067}x\u{2069}\n",
        ),
        (
            "explicit-like-generated",
            "## a {#s2}\n\n## b\n\n### c\n\n## d\n",
        ),
        ("rtl-marks", "\u{200f}## \u{200f}عنوان\n\n\u{200e}\n"),
    ];
    let site = Site::new(&["settings-only"]);
    for (slug, body) in bodies {
        site.write(
            &format!("content/{slug}.md"),
            format!("---\nslug: {slug}\ntitle: t\ntitle_en: T\ndate: 2022\n---\n{body}"),
        );
    }
    // The one diagnostic: the explicit `s2` moved the automatic id of `## b` (a warning).
    let outcome = site.build_into("site");
    let shown: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(outcome.written, "{shown:#?}");
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].contains("explicit-like-generated.md:7:1: warning: heading id: the id `s2` is another heading's outline number, so automatic ids moved: `s2` → `s2-2` (line 9)"),
        "{shown:#?}"
    );
    for (path, page) in site.pages() {
        assert_links_resolve(&path, &page);
    }
}

/// `[^x]` inside a code block is code, not a footnote reference; `undefined_in_text` scans
/// every text event, code blocks included.
#[test]
fn note_syntax_inside_code_is_not_a_reference() {
    let site = Site::new(&["settings-only"]);
    site.write(
        "content/code.md",
        "---\nslug: code\ntitle: t\ntitle_en: T\ndate: 2022\n---\nInline `[^y]` here.\n\n```\n[^x]\n```\n\n    [^z] indented\n",
    );
    site.build_clean();
}
