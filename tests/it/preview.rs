//! `serve`'s preview after each kind of edit holds what `build` writes for the same content,
//! file for file and byte for byte, but for the live-reload script in its pages.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use warraq::pipeline::{self, Options};
use warraq::serve::incremental::{Preview, Rebuild};
use warraq::serve::{reload, watch};

use crate::util::Site;

/// Every file under `dir`, by `/`-separated path, with the live-reload script taken out.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            let bytes = match text.contains(reload::SCRIPT) {
                true => text.replace(reload::SCRIPT, "").into_bytes(),
                false => bytes,
            };
            found.insert(relative, bytes);
        }
    }
    found
}

fn options(site: &Site, out: &str) -> Options {
    Options {
        base_url: Some("https://example.org/papers/".into()),
        ..site.options(out, true)
    }
}

/// Brings the preview up to date and asserts it is what a build of the same content writes.
fn assert_preview_is_build(site: &Site, preview: &mut Preview, step: &str) -> Rebuild {
    let report = preview.update(&watch::snapshot(&site.root)).unwrap();
    assert!(
        report.written,
        "{step}: nothing written: {:?}",
        report.diagnostics
    );
    let built = pipeline::build(&options(site, "built")).unwrap();
    assert!(
        built.written,
        "{step}: the build failed: {:?}",
        built.diagnostics
    );
    let (ours, theirs) = (
        files(&site.root.join("preview")),
        files(&site.root.join("built")),
    );
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs), "{step}: the preview's files");
    for (path, bytes) in &theirs {
        assert!(
            ours[path] == *bytes,
            "{step}: {path} differs from the build's"
        );
    }
    report
}

#[test]
fn the_preview_after_every_kind_of_edit_is_what_build_writes() {
    let site = Site::new(&["valid"]);
    let mut preview = Preview::new(options(&site, "preview"));
    let first = assert_preview_is_build(&site, &mut preview, "first build");
    assert_eq!(first.kind, "full");

    let paper = site.root.join("content/arabic-paper.md");
    let text = fs::read_to_string(&paper).unwrap();
    site.write(
        "content/arabic-paper.md",
        text.replace("فقرة أولى", "فقرة أولى معدلة"),
    );
    let edited = assert_preview_is_build(&site, &mut preview, "body edited");
    assert_eq!(edited.kind, "incremental");

    // A heading's id changes: the page, its contents and anchors.json change with it.
    let text = fs::read_to_string(&paper).unwrap();
    site.write(
        "content/arabic-paper.md",
        text.replace("## مقدمة {#introduction}", "## تمهيد {#preface}")
            .replace("  introduction: Introduction\n", "  preface: Preface\n"),
    );
    assert_preview_is_build(&site, &mut preview, "heading renamed");
    let anchors = fs::read_to_string(site.root.join("preview/anchors.json")).unwrap();
    assert!(anchors.contains("\"preface\""), "{anchors}");

    // A new document: its pages, the listings, the sitemap and the feed.
    let english = fs::read_to_string(site.root.join("content/english-paper.md")).unwrap();
    site.write(
        "content/third-paper.md",
        english
            .replace("slug: english-paper", "slug: third-paper")
            .replace("An English Test Paper", "A Third Paper"),
    );
    assert_preview_is_build(&site, &mut preview, "document added");
    assert!(site.root.join("preview/third-paper/index.html").is_file());

    // Broken front matter: reported, nothing written, the last good preview stays.
    site.write(
        "content/third-paper.md",
        english.replace("slug: english-paper", "slug: third-paper\ntittle: x"),
    );
    let broken = preview.update(&watch::snapshot(&site.root)).unwrap();
    assert!(!broken.written);
    assert!(
        broken
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.message.contains("tittle")),
        "{:?}",
        broken.diagnostics
    );
    assert!(site.root.join("preview/third-paper/index.html").is_file());
    site.write(
        "content/third-paper.md",
        english.replace("slug: english-paper", "slug: third-paper"),
    );
    assert_preview_is_build(&site, &mut preview, "front matter fixed");

    // Two documents with one slug: an error until one of them goes.
    site.write("content/zz-copy.md", &english);
    let repeated = preview.update(&watch::snapshot(&site.root)).unwrap();
    assert!(!repeated.written);
    fs::remove_file(site.root.join("content/english-paper.md")).unwrap();
    assert_preview_is_build(
        &site,
        &mut preview,
        "the first of two with one slug removed",
    );

    // A draft leaves the site, and comes back when cleared.
    let copy = fs::read_to_string(site.root.join("content/zz-copy.md")).unwrap();
    site.write(
        "content/zz-copy.md",
        copy.replace("date: 2021", "date: 2021\ndraft: true"),
    );
    assert_preview_is_build(&site, &mut preview, "marked as a draft");
    assert!(!site.root.join("preview/english-paper").exists());
    site.write("content/zz-copy.md", &copy);
    assert_preview_is_build(&site, &mut preview, "draft cleared");

    // A document removed: its folders go.
    fs::remove_file(site.root.join("content/third-paper.md")).unwrap();
    assert_preview_is_build(&site, &mut preview, "document removed");
    assert!(!site.root.join("preview/third-paper").exists());

    // A template changed: a full build.
    site.write("templates/assets/extra.css", "p{color:red}");
    let full = assert_preview_is_build(&site, &mut preview, "template added");
    assert_eq!(full.kind, "full");
}

/// The archive's pages follow every edit: a body that grows changes the reading time on the
/// lists (kept from the document stage between edits), a topic added or dropped adds or
/// removes its pages, and a PDF's paper keeps its file.
#[test]
fn the_archive_in_the_preview_is_what_build_writes() {
    let site = Site::new(&["archive"]);
    let mut preview = Preview::new(options(&site, "preview"));
    assert_preview_is_build(&site, &mut preview, "first build");
    assert!(
        site.root
            .join("preview/energy-paper/energy-paper.pdf")
            .is_file()
    );

    let paper = site.root.join("content/war-paper.md");
    let text = fs::read_to_string(&paper).unwrap();
    let long = "كلمة ".repeat(900);
    site.write("content/war-paper.md", format!("{text}\n{long}\n"));
    let edited = assert_preview_is_build(&site, &mut preview, "body grown");
    assert_eq!(edited.kind, "incremental");
    let list = fs::read_to_string(site.root.join("preview/topics/war/index.html")).unwrap();
    assert!(list.contains("مدة القراءة: 5 دقائق"), "{list}");

    site.write("content/war-paper.md", text.replace("  - war\n", ""));
    assert_preview_is_build(&site, &mut preview, "a topic dropped from its only paper");
    assert!(!site.root.join("preview/topics/war").exists());
    site.write("content/war-paper.md", &text);
    assert_preview_is_build(&site, &mut preview, "the topic back");
    assert!(site.root.join("preview/en/topics/war/index.html").is_file());

    // The PDF changed, then gone, then back: its copy and the size its link shows follow.
    let pdf = site.root.join("content/_sources/energy-paper.pdf");
    let bytes = fs::read(&pdf).unwrap();
    let grown = [bytes.as_slice(), &vec![b'%'; 3000]].concat();
    fs::write(&pdf, &grown).unwrap();
    let changed = assert_preview_is_build(&site, &mut preview, "the PDF changed");
    assert_eq!(changed.kind, "incremental");
    let copied = site.root.join("preview/energy-paper/energy-paper.pdf");
    assert_eq!(fs::read(&copied).unwrap(), grown);
    let page = fs::read_to_string(site.root.join("preview/energy-paper/index.html")).unwrap();
    assert!(page.contains("4 كيلوبايت"), "the new size on the page");
    fs::remove_file(&pdf).unwrap();
    let gone = preview.update(&watch::snapshot(&site.root)).unwrap();
    assert!(
        (gone.diagnostics.iter()).any(|d| d.to_string().contains("cannot read the PDF")),
        "{:?}",
        gone.diagnostics
    );
    fs::write(&pdf, &bytes).unwrap();
    assert_preview_is_build(&site, &mut preview, "the PDF back");
    assert_eq!(fs::read(&copied).unwrap(), bytes);
}

#[test]
fn the_preview_follows_a_papers_own_files() {
    let site = Site::new(&["figures"]);
    let mut preview = Preview::new(options(&site, "preview"));
    assert_preview_is_build(&site, &mut preview, "first build");
    // A figure replaced: the paper is rendered again and the new bytes are served.
    site.write(
        "content/paper/fig1.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let changed = assert_preview_is_build(&site, &mut preview, "figure replaced");
    assert_eq!(changed.kind, "incremental");
    assert_eq!(
        fs::read(site.root.join("preview/paper-with-figures/fig1.svg")).unwrap(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    // A file added, then removed.
    site.write("content/paper/report.pdf", "%PDF-1.4\n");
    assert_preview_is_build(&site, &mut preview, "file added");
    assert!(
        site.root
            .join("preview/paper-with-figures/report.pdf")
            .is_file()
    );
    fs::remove_file(site.root.join("content/paper/report.pdf")).unwrap();
    assert_preview_is_build(&site, &mut preview, "file removed");
    assert!(
        !site
            .root
            .join("preview/paper-with-figures/report.pdf")
            .exists()
    );
    // A figure the page links to removed: an error at the link, the last preview stays.
    fs::remove_file(site.root.join("content/paper/map.png")).unwrap();
    let broken = preview.update(&watch::snapshot(&site.root)).unwrap();
    assert!(!broken.written);
    assert!(
        broken.diagnostics.iter().any(|d| d
            .to_string()
            .contains("`map.png` is not in the paper's folder")),
        "{:?}",
        broken.diagnostics
    );
}

/// A `pdf:` naming a file of the paper's own folder: published once as `<slug>.pdf` (the
/// folder's copy of it under that name is the same file, not an error), and followed by the
/// preview when it changes.
#[test]
fn a_pdf_in_the_papers_own_folder_is_published_once_and_followed() {
    let site = Site::new(&["figures"]);
    let text = fs::read_to_string(site.root.join("content/paper.md")).unwrap();
    let named = text.replacen("---\n", "---\npdf: paper/paper-with-figures.pdf\n", 1);
    site.write("content/paper.md", named);
    let pdf = site.root.join("content/paper/paper-with-figures.pdf");
    fs::write(&pdf, "%PDF-1.4\n").unwrap();
    let mut preview = Preview::new(options(&site, "preview"));
    let first = assert_preview_is_build(&site, &mut preview, "first build");
    assert!(first.diagnostics.is_empty(), "{:?}", first.diagnostics);
    let copied = site
        .root
        .join("preview/paper-with-figures/paper-with-figures.pdf");
    assert_eq!(fs::read(&copied).unwrap(), b"%PDF-1.4\n");

    let grown = [b"%PDF-1.4\n".as_slice(), &[b'%'; 3000]].concat();
    fs::write(&pdf, &grown).unwrap();
    let changed = assert_preview_is_build(&site, &mut preview, "the PDF changed");
    assert_eq!(changed.kind, "incremental");
    assert_eq!(fs::read(&copied).unwrap(), grown);
    let page = fs::read_to_string(site.root.join("preview/paper-with-figures/index.html")).unwrap();
    assert!(
        page.contains("paper-with-figures.pdf"),
        "the page links the PDF"
    );
}
