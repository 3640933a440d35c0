//! The parallel build: the same bytes and diagnostics as a one-thread build, run after run.

use std::fs;

use crate::util::{Site, tree};

/// The project's own documents, each also copied under a second slug, plus one with a
/// warning, so a build has enough pages for the threads to interleave (and for two builds to
/// overlap, `lock.rs`).
pub(crate) fn many_documents() -> Site {
    let site = Site::project();
    let content = site.root.join("content");
    let mut originals: Vec<_> = fs::read_dir(&content)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("_index.md"))
        .collect();
    originals.sort();
    for (i, path) in originals.iter().enumerate() {
        let text = fs::read_to_string(path).unwrap();
        for copy in 1..=4 {
            let text = text.replacen("\nslug: ", &format!("\nslug: copy{copy}-"), 1);
            fs::write(content.join(format!("copy{copy}-{i}.md")), text).unwrap();
        }
    }
    site.write(
        "content/zz-warning.md",
        "---\nslug: zz-warning\ntitle: ت\ntitle_en: T\ndate: 2020\n---\nنص[^a].\n\n[^a]: أ\n\n[^b]: غير مستعملة\n",
    );
    site
}

fn build_with_threads(site: &Site, threads: usize, out: &str) -> Vec<String> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    let outcome = pool.install(|| site.build_into(out));
    assert!(outcome.written, "{:?}", outcome.diagnostics);
    outcome
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn parallel_output_equals_the_one_thread_output() {
    let site = many_documents();
    let one = build_with_threads(&site, 1, "one");
    let four = build_with_threads(&site, 4, "four");
    let again = build_with_threads(&site, 4, "again");
    assert_eq!(one, four, "diagnostics differ");
    assert_eq!(four, again);
    assert!(
        one.iter()
            .any(|d| d.contains("zz-warning.md") && d.contains("[^b]")),
        "{one:?}"
    );
    let (one, four, again) = (
        tree(&site.root.join("one")),
        tree(&site.root.join("four")),
        tree(&site.root.join("again")),
    );
    assert!(one.len() > 15, "{} files", one.len());
    assert!(one == four, "pages differ between one and four threads");
    assert!(four == again, "pages differ between two parallel runs");
}

#[test]
fn errors_in_many_documents_are_all_reported_in_order() {
    let site = many_documents();
    for i in 0..6 {
        site.write(
            &format!("content/bad-{i}.md"),
            format!(
                "---\nslug: bad-{i}\ntitle: ت\ntitle_en: T\ndate: 2020\n---\nنص[^missing{i}].\n"
            ),
        );
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    let outcome = pool.install(|| site.build_into("site"));
    assert!(!outcome.written);
    let errors = crate::util::errors(&outcome);
    assert_eq!(errors.len(), 6, "{errors:#?}");
    for (i, error) in errors.iter().enumerate() {
        assert!(error.contains(&format!("bad-{i}.md:7:")), "{error}");
        assert!(error.contains(&format!("[^missing{i}]")), "{error}");
    }
    assert!(!site.root.join("site").exists());
}
