//! `warraq init` and `warraq import` run as editors run them: a new site that builds, the seed
//! extractions imported into drafts that build and pass `verify`, and nothing replaced without
//! `--force`. The bad inputs are in the hostile-input corpus (`hostile.rs`).

use std::fs;
use std::path::Path;

use crate::util::{Site, run_in, tree};

fn seed(name: &str) -> Vec<u8> {
    fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/_sources")
            .join(name),
    )
    .unwrap()
}

const RAW_003: &str = "003_ade5155a59953b0d.txt";
const RAW_002: &str = "002_b44745975042ec5a.txt";

#[test]
fn an_initialised_site_builds_and_takes_imports() {
    let parent = Site::new(&[]);
    let run = run_in(
        &parent.root,
        &[
            "init",
            "papers",
            "--title",
            "أوراقنا",
            "--title-en",
            "Our papers",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let root = parent.root.join("papers");
    for file in [
        "content/_index.md",
        "content/_sources/.gitkeep",
        ".gitignore",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }
    let settings = fs::read_to_string(root.join("content/_index.md")).unwrap();
    assert!(
        settings.contains("title: \"أوراقنا\"") && settings.contains("title_en: \"Our papers\"")
    );
    let ignore = fs::read_to_string(root.join(".gitignore")).unwrap();
    assert!(
        ignore.contains("/site\n") && ignore.contains("/.site.*\n"),
        "{ignore}"
    );
    let workflow = fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap();
    assert!(
        workflow.contains("cargo install --locked --git"),
        "{workflow}"
    );
    assert!(workflow.contains("warraq build --base-url"), "{workflow}");

    let build = run_in(&root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(root.join("site/index.html").is_file());
    // Git ignores what the build left beside the sources.
    let left: Vec<String> = crate::util::names_in(&root)
        .into_iter()
        .filter(|n| n.starts_with(".site") || n == "site")
        .collect();
    assert!(
        left.iter().all(|n| n == "site" || n.starts_with(".site.")),
        "{left:?}"
    );

    // A second init into the same folder is refused and changes nothing.
    let before = tree(&root.join("content"));
    let again = run_in(&parent.root, &["init", "papers"]);
    assert_eq!(again.code, 2, "{}", again.stderr);
    assert!(
        again
            .stderr
            .contains("already holds a site; nothing was written"),
        "{}",
        again.stderr
    );
    assert_eq!(tree(&root.join("content")), before);

    // Import both seeds into it; the drafts build (unpublished) and verify.
    fs::write(parent.root.join(RAW_003), seed(RAW_003)).unwrap();
    fs::write(parent.root.join(RAW_002), seed(RAW_002)).unwrap();
    let raw_003 = parent.root.join(RAW_003);
    let imported = run_in(
        &root,
        &["import", raw_003.to_str().unwrap(), "--slug", "azerbaijan"],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    for expected in [
        "into ./content/azerbaijan.md as a draft",
        "date (line 9): شباط/ فبراير 2022 → 2022-02",
        "lines 15-22: page-numbered table of contents",
        "line 53: portrait caption «أفيجدور ليرمان»",
        "for the editor:",
        "«أمнести» mixes Arabic letters",
    ] {
        assert!(
            imported.stderr.contains(expected),
            "{expected}\n{}",
            imported.stderr
        );
    }
    assert_eq!(
        fs::read(root.join("content/_sources").join(RAW_003)).unwrap(),
        seed(RAW_003)
    );
    let raw_002 = parent.root.join(RAW_002);
    let imported = run_in(
        &root,
        &["import", raw_002.to_str().unwrap(), "--slug", "karabakh"],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);

    let build = run_in(&root, &["build"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(build.stderr.contains("; 0 warning(s)"), "{}", build.stderr);
    assert!(
        !root.join("site/azerbaijan").exists(),
        "drafts are not published"
    );
    let drafts = run_in(&root, &["check", "--drafts"]);
    assert_eq!(drafts.code, 0, "{}", drafts.stderr);
    let verify = run_in(&root, &["verify"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    assert_eq!(
        verify.stdout.matches("  ok: ").count(),
        2,
        "{}",
        verify.stdout
    );
}

#[test]
fn a_draft_is_replaced_only_with_force() {
    let site = Site::new(&["valid"]);
    site.write("extraction.txt", seed(RAW_002));
    let first = site.run(&["import", "extraction.txt", "--slug", "k"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let draft = site.root.join("content/k.md");
    fs::write(&draft, "edited by hand").unwrap();
    let again = site.run(&["import", "extraction.txt", "--slug", "k"]);
    assert_eq!(again.code, 2);
    assert!(
        again
            .stderr
            .contains("content/k.md already exists; nothing was written"),
        "{}",
        again.stderr
    );
    assert_eq!(fs::read_to_string(&draft).unwrap(), "edited by hand");
    let forced = site.run(&["import", "extraction.txt", "--slug", "k", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        fs::read_to_string(&draft)
            .unwrap()
            .starts_with("---\nslug: k\n")
    );
}

#[test]
fn a_utf16_extraction_is_kept_as_utf8_and_verifies() {
    let site = Site::new(&["valid"]);
    let text = String::from_utf8(seed(RAW_002)).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    site.write("k-2020.txt", bytes);
    let run = site.run(&["import", "k-2020.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("into ./content/k-2020.md"),
        "{}",
        run.stderr
    );
    let kept = fs::read_to_string(site.root.join("content/_sources/k-2020.txt")).unwrap();
    assert_eq!(kept, text);
    let verify = site.run(&["verify", "content/k-2020.md"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
}

#[test]
fn a_raw_file_inside_content_is_not_copied() {
    let site = Site::new(&["valid"]);
    site.write("content/_sources/paper.txt", seed(RAW_002));
    let run = site.run(&["import", "content/_sources/paper.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("kept at"), "{}", run.stderr);
    let draft = fs::read_to_string(site.root.join("content/paper.md")).unwrap();
    assert!(draft.contains("file: \"_sources/paper.txt\""), "{draft}");
}

#[test]
fn init_writes_a_pages_workflow_and_replaces_files_only_with_force() {
    let parent = Site::new(&[]);
    let root = parent.root.join("papers");
    let workflow_path = root.join(".github/workflows/pages.yml");
    // A folder that has a workflow of its own is refused, and nothing is written.
    fs::create_dir_all(workflow_path.parent().unwrap()).unwrap();
    fs::write(&workflow_path, "name: mine\n").unwrap();
    let refused = run_in(&parent.root, &["init", "papers"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("pages.yml already exists; nothing was written (--force replaces it)"),
        "{}",
        refused.stderr
    );
    assert!(!root.join("content").exists());
    assert_eq!(fs::read_to_string(&workflow_path).unwrap(), "name: mine\n");

    // With --force the workflow is replaced and the site made.
    let forced = run_in(&parent.root, &["init", "papers", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    let text = fs::read_to_string(&workflow_path).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        yaml["env"]["WARRAQ_TAG"].as_str(),
        Some(format!("v{version}").as_str())
    );
    assert_eq!(
        yaml["env"]["WARRAQ_GIT"].as_str(),
        Some(env!("CARGO_PKG_REPOSITORY"))
    );
    assert_eq!(yaml["permissions"]["pages"].as_str(), Some("write"));
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
    let step = |needle: &str| {
        steps
            .iter()
            .position(|s| serde_yaml::to_string(s).unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no step with {needle}:\n{text}"))
    };
    // Cached by version; installed only on a miss; the anchors kept; built; uploaded.
    let cache = &steps[step("actions/cache@")];
    assert!(
        cache["with"]["key"]
            .as_str()
            .unwrap()
            .contains("${{ env.WARRAQ_TAG }}")
    );
    assert_eq!(cache["with"]["path"].as_str(), Some("~/.cargo/bin/warraq"));
    let install = &steps[step("cargo install")];
    assert_eq!(
        install["if"].as_str(),
        Some("steps.cache.outputs.cache-hit != 'true'")
    );
    assert!(step("cargo install") > step("actions/cache@"));
    assert!(step("warraq check --previous") > step("cargo install"));
    assert!(step("warraq build --base-url") > step("warraq check --previous"));
    assert!(step("upload-pages-artifact") > step("warraq build --base-url"));
    assert!(
        serde_yaml::to_string(&yaml["jobs"]["deploy"])
            .unwrap()
            .contains("actions/deploy-pages@")
    );

    // A second --force keeps the settings the editor wrote, and replaces the workflow again.
    let settings = root.join("content/_index.md");
    fs::write(&settings, "---\ntitle: موقعي\ntitle_en: Mine\n---\n").unwrap();
    fs::write(&workflow_path, "name: edited\n").unwrap();
    let again = run_in(&parent.root, &["init", "papers", "--force"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert_eq!(
        fs::read_to_string(&settings).unwrap(),
        "---\ntitle: موقعي\ntitle_en: Mine\n---\n"
    );
    assert_eq!(fs::read_to_string(&workflow_path).unwrap(), text);
}
