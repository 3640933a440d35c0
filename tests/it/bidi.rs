//! Bidi isolation and digit style on built pages: Latin runs of Arabic text in `bdi`, code
//! left alone, notes numbered in the document's digits, a warning for mixed digits.

use crate::util::{Site, attr, by_id, one, select, select_in, text};

const ISLAND: &str = "bdi[dir='ltr'][lang='en']";

#[test]
fn latin_runs_are_isolated_with_exact_text() {
    let site = Site::new(&["valid", "bidi"]);
    site.build_clean();
    let page = site.page("latin-runs/index.html");
    let body = one(&page, ".doc-body");
    let islands: Vec<String> = select_in(body, ISLAND).into_iter().map(text).collect();
    assert_eq!(
        islands,
        [
            "TB2",
            "TRG-300 Tiger",
            "Welt & Bowen, 2021, 12",
            "Alkan, n.d.",
            "Ilham Aliyev",
            "Foreign Policy",
            "https://foreignpolicy.com/2012/03/28/",
            "git log",
        ]
    );
    // Every bdi is an island: no other attributes, nothing nested.
    for island in select(&page, "bdi") {
        assert_eq!(island.value().attrs().count(), 2);
        assert!(select_in(island, "bdi").is_empty());
    }
    // Brackets and the sentence's full stop stay outside, in the Arabic text.
    let paragraph = text(select_in(body, "p")[0]);
    assert!(
        paragraph.contains("(Welt & Bowen, 2021, 12). وقيل"),
        "{paragraph}"
    );
    // Emphasis, links and code sit whole inside their island.
    let linked = select_in(
        body,
        "bdi > a[href='https://foreignpolicy.com/2012/03/28/']",
    );
    assert_eq!(linked.len(), 1);
    assert_eq!(select_in(body, "bdi > em").len(), 1);
    assert_eq!(text(select_in(body, "bdi > code")[0]), "git log");

    // The heading shows its island, and so does its line in the table of contents.
    let heading = by_id(&page, "weapons").expect("heading");
    assert_eq!(text(select_in(heading, ISLAND)[0]), "TB2");
    let toc = select(&page, ".toc a[href='#weapons']");
    assert_eq!(text(toc[0]), "الطائرات TB2 والصواريخ");
    assert_eq!(text(select_in(toc[0], ISLAND)[0]), "TB2");
}

#[test]
fn code_blocks_are_never_isolated() {
    let site = Site::new(&["valid", "bidi"]);
    site.build_clean();
    let page = site.page("latin-runs/index.html");
    let code = one(&page, ".doc-body pre code");
    assert_eq!(text(code), "Latin code (Alkan, n.d.) stays as written\n");
    assert!(select_in(code, "bdi").is_empty());
}

#[test]
fn a_wholly_latin_note_is_one_island() {
    let site = Site::new(&["valid", "bidi"]);
    site.build_clean();
    let page = site.page("latin-runs/index.html");
    let note = by_id(&page, "fn-1").expect("note 1");
    let islands: Vec<String> = select_in(note, ISLAND).into_iter().map(text).collect();
    assert_eq!(
        islands,
        [
            "Mark Perry, site of Foreign Policy magazine, 28/3/2012, https://foreignpolicy.com/ (Entrance date: 30/12/2021)"
        ]
    );
    // The backlink stays outside the island.
    assert!(select_in(note, "bdi a.fn-back").is_empty());
    assert_eq!(select_in(note, "a.fn-back").len(), 1);
}

#[test]
fn english_documents_have_no_islands() {
    let site = Site::new(&["valid", "bidi"]);
    site.build_clean();
    let page = site.page("english-paper/index.html");
    assert!(select(&page, ".doc-body bdi, #notes bdi").is_empty());
}

#[test]
fn notes_follow_an_arabic_indic_document_digits() {
    let site = Site::new(&["valid", "bidi"]);
    site.build_clean();
    let page = site.page("arabic-digits/index.html");
    for (n, shown) in [(1, "١"), (2, "٢")] {
        let reference = by_id(&page, &format!("fnref-{n}")).expect("reference");
        assert_eq!(text(reference), shown);
        assert_eq!(attr(reference, "href"), format!("#fn-{n}"));
        assert_eq!(attr(reference, "aria-label"), format!("الحاشية {shown}"));
        let note = by_id(&page, &format!("fn-{n}")).expect("note");
        assert_eq!(attr(note, "style"), "list-style-type:arabic-indic");
    }
    // A Western document keeps Western markers and the list's own numbering.
    let page = site.page("arabic-paper/index.html");
    assert_eq!(text(by_id(&page, "fnref-2").expect("reference")), "2");
    assert_eq!(attr(by_id(&page, "fn-2").expect("note"), "style"), "");
}

#[test]
fn mixed_digits_are_a_warning_at_the_first_minority_digit() {
    let site = Site::new(&["valid", "mixed-digits"]);
    let run = site.run(&["build"]);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines[..2],
        [
            "content/mixed-digits.md:11:11: warning: digits: the digit `1` is Western (0–9), but most digits of this document are Arabic-Indic (٠–٩) (6 to 2)",
            "  hint: write every number of the text in one style; notes are numbered in the Arabic-Indic (٠–٩) style",
        ],
        "{}",
        run.stderr
    );
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(lines[2].ends_with("; 1 warning(s)"), "{}", run.stderr);
    assert_eq!(run.code, 0);
}

#[test]
fn the_published_documents_use_one_digit_style() {
    let site = Site::project();
    let run = site.run(&["build"]);
    assert!(!run.stderr.contains("digits:"), "{}", run.stderr);
    assert_eq!(run.code, 0, "{}", run.stderr);
}
