//! Front matter errors as editors see them: exact lines on stderr, exit 1, old site kept.

use crate::util::{Site, names_in, tree};

/// What `warraq build` prints for `tests/fixtures/bad-front-matter`: one error per file,
/// all in one run, sorted by file.
const BAD_FRONT_MATTER: &str = "\
content/bad-slug.md:2:7: error: slug: the slug contains 'B' (U+0042); only a-z, 0-9 and - are allowed
  hint: use lowercase ASCII letters, digits and hyphens, e.g. `turkey-karabakh-2020`
content/missing-title.md:2:1: error: title: the required field `title` is missing
  hint: give the title; if the source has none, supply one and set `title_origin: editor`
content/unknown-key.md:3:1: error: tittle: unknown front matter key `tittle`
  hint: did you mean `title`?
content/wrong-type.md:5:10: error: front matter: authors: invalid type: string \"نص\", expected a sequence
  hint: check the value's type: text, a number, a list (`- item`) or a mapping (`key: value`)
warraq: 4 error(s), 0 warning(s); nothing was written
";

#[test]
fn every_front_matter_error_is_printed_in_one_run() {
    let site = Site::new(&["valid", "bad-front-matter"]);
    let run = site.run(&["build"]);
    assert_eq!(run.stderr, BAD_FRONT_MATTER);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(names_in(&site.root), ["content"], "nothing was written");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = Site::new(&["valid"]);
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = tree(&site.root.join("site"));
    assert_eq!(before.len(), 35);

    // Break the content: add the bad files to the site that built.
    site.add("bad-front-matter");
    let run = site.run(&["build"]);
    assert_eq!((run.code, run.stderr.as_str()), (1, BAD_FRONT_MATTER));
    assert!(tree(&site.root.join("site")) == before, "site/ changed");
    assert_eq!(
        names_in(&site.root),
        ["content", "site"],
        "no .site.tmp-* left"
    );
}

#[test]
fn a_failed_build_into_another_folder_leaves_it_untouched() {
    let site = Site::new(&["valid"]);
    let run = site.run(&["build", "--out", "public"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let before = tree(&site.root.join("public"));
    site.write(
        "content/missing-title.md",
        "---\nslug: missing-title\ntitle_en: Title\ndate: 2022\n---\n",
    );
    let run = site.run(&["build", "--out", "public"]);
    assert_eq!(run.code, 1);
    assert!(tree(&site.root.join("public")) == before, "public/ changed");
    assert_eq!(names_in(&site.root), ["content", "public"]);
}

/// Markdown problems of one file must not hide behind front matter problems of another:
/// the build stops after loading when any front matter is wrong (pipeline::load returns None),
/// so the editor fixes the front matter, rebuilds, and only then hears about the notes.
#[test]

fn markdown_errors_are_printed_with_front_matter_errors() {
    let site = Site::new(&["valid", "markdown-errors"]);
    site.write(
        "content/bad-slug.md",
        "---\nslug: Bad Slug\ntitle: عنوان\ntitle_en: Title\ndate: 2022\n---\nنص.\n",
    );
    let run = site.run(&["check"]);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with("  "))
        .collect();
    assert_eq!(
        lines,
        [
            "content/bad-slug.md:2:7: error: slug: the slug contains 'B' (U+0042); only a-z, 0-9 and - are allowed",
            "content/duplicate-ids.md:12:1: error: heading id: the id `intro` is used twice on this page",
            "content/missing-note.md:10:36: error: footnote: the note [^missing] is referenced but never defined",
            "warraq: 3 error(s), 0 warning(s); nothing was written",
        ]
    );
    assert_eq!(run.code, 1);
}
