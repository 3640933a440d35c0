//! The binary's contract: `check` writes nothing, exit codes 0 / 1 / 2, `--help`.

use crate::util::{Site, names_in, run_in, tree};

#[test]
fn check_passes_a_good_site_and_writes_nothing() {
    let site = Site::new(&["valid"]);
    let before = tree(&site.root);
    let run = site.run(&["check"]);
    assert_eq!(
        run.stderr,
        "warraq: checked 2 document(s), 16 page(s); 0 warning(s)\n"
    );
    assert_eq!(run.code, 0);
    assert!(tree(&site.root) == before, "check changed the site folder");
    assert_eq!(names_in(&site.root), ["content"]);
}

#[test]
fn check_fails_a_bad_site_with_exit_code_1() {
    let site = Site::new(&["valid", "bad-front-matter"]);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr.lines().last(),
        Some("warraq: 4 error(s), 0 warning(s); nothing was written")
    );
    assert_eq!(names_in(&site.root), ["content"]);
}

#[test]
fn an_unknown_flag_is_a_usage_error() {
    let site = Site::new(&["valid"]);
    for command in ["check", "build"] {
        let run = site.run(&[command, "--tittle"]);
        assert_eq!(run.code, 2, "{command}");
        assert!(
            run.stderr
                .starts_with("error: unexpected argument '--tittle' found"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(names_in(&site.root), ["content"]);
}

#[test]
fn a_missing_content_folder_is_a_usage_error() {
    let site = Site::new(&["valid"]);
    for command in ["check", "build"] {
        let run = site.run(&[command, "--root", "elsewhere"]);
        assert_eq!(
            run.stderr,
            "warraq: error: elsewhere/content is not a folder: run warraq in a site folder (one with content/), or pass --root\n"
        );
        assert_eq!(run.code, 2, "{command}");
    }
    assert_eq!(names_in(&site.root), ["content"]);
}

#[test]
fn help_explains_the_exit_codes() {
    let dir = std::env::temp_dir();
    for args in [&["--help"][..], &["build", "--help"], &["check", "--help"]] {
        let run = run_in(&dir, args);
        assert_eq!(run.code, 0, "{args:?}");
        let lines: Vec<&str> = run.stdout.lines().collect();
        let at = lines
            .iter()
            .position(|l| *l == "Exit codes:")
            .unwrap_or_else(|| panic!("{args:?}: no exit codes in\n{}", run.stdout));
        assert_eq!(
            lines[at + 1..at + 4],
            [
                "  0  success (warnings may have been printed)",
                "  1  the content has errors (each printed as file:line:column); nothing was written",
                "  2  usage, IO or template failure",
            ],
            "{args:?}"
        );
    }
}
