//! Property tests (proptest): for generated Markdown, every built page has unique ids and
//! every in-page link leads somewhere (or the build said which does not); for generated
//! sentence lists and texts, the aligner's beads cover both sides in order.
//!
//! Case counts are kept small so `cargo test` stays quick; failures print the input.

use std::collections::BTreeSet;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::test_runner::Config;

use crate::util::{Site, attr, select};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "نص",
        "مقدمة",
        "Turkey",
        "2020",
        "قره\u{200f}باغ",
        "*مائل*",
        "**عريض**",
        "`رمز`",
        "&amp;",
        "<b>",
        "x_y_",
        "\\*",
    ])
    .prop_map(str::to_string)
}

fn label() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["1", "2", "a", "ب"]).prop_map(str::to_string)
}

fn heading_id() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["intro", "s1", "s2", "s1-1", "part", "method"])
        .prop_map(str::to_string)
}

fn inline() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => word(),
        2 => label().prop_map(|l| format!("[^{l}]")),
        2 => prop::sample::select(vec!["intro", "s1", "s2", "s1-1", "part", "fn-1", "fnref-1", "fn-2", "nowhere"])
            .prop_map(|target| format!("[رابط](#{target})")),
    ]
}

fn words(range: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    vec(inline(), range).prop_map(|parts| parts.join(" "))
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => (1..=4usize, word(), prop::option::of(heading_id())).prop_map(|(level, text, id)| {
            let id = id.map(|id| format!(" {{#{id}}}")).unwrap_or_default();
            format!("{} {text}{id}", "#".repeat(level))
        }),
        3 => words(1..6),
        1 => (label(), words(1..4)).prop_map(|(l, text)| format!("[^{l}]: {text}")),
        1 => words(1..4).prop_map(|text| format!("> {text}")),
        1 => vec(words(1..3), 1..4).prop_map(|items| items.iter().map(|i| format!("- {i}\n")).collect()),
        1 => (word(), word()).prop_map(|(a, b)| format!("| {a} | {b} |\n|---|---|\n| {b} | {a} |")),
    ]
}

/// A body that mostly builds: each heading id and note definition kept once, and every
/// referenced note defined (so the property is not vacuous on failed builds).
fn body() -> impl Strategy<Value = String> {
    vec(block(), 0..12).prop_map(|blocks| {
        let (mut ids, mut defined) = (BTreeSet::new(), BTreeSet::new());
        let mut kept = Vec::new();
        for block in blocks {
            if let Some(label) = block.strip_prefix("[^").and_then(|b| b.split_once("]:"))
                && !defined.insert(label.0.to_string())
            {
                continue;
            }
            if let Some((text, id)) = block.split_once(" {#")
                && !ids.insert(id.to_string())
            {
                kept.push(text.to_string());
                continue;
            }
            kept.push(block);
        }
        // A link to an id no kept heading declares fails the site's link check, and a failed
        // build checks nothing: such links become their plain text.
        let mut kept: Vec<String> = kept
            .into_iter()
            .map(|block| {
                let mut block = block;
                for target in [
                    "intro", "s1", "s2", "s1-1", "part", "fn-1", "fnref-1", "fn-2", "nowhere",
                ] {
                    if !ids.contains(&format!("{target}}}")) {
                        block = block.replace(&format!("[رابط](#{target})"), "رابط");
                    }
                }
                block
            })
            .collect();
        let all = kept.join("\n\n");
        for label in ["1", "2", "a", "ب"] {
            if all.contains(&format!("[^{label}]")) && !defined.contains(label) {
                kept.push(format!("[^{label}]: حاشية"));
            }
        }
        kept.join("\n\n") + "\n"
    })
}

/// Builds one document with `body`; checks ids and in-page links on every page.
fn check_pages(body: &str) -> Result<(), TestCaseError> {
    let site = Site::new(&["settings-only"]);
    site.write(
        "content/p.md",
        format!("---\nslug: p\ntitle: عنوان\ntitle_en: Title\ndate: 2022\n---\n{body}"),
    );
    let outcome = site.build_into("site");
    if outcome.failed() {
        // A duplicate id or a missing note: reported, and nothing was written.
        prop_assert!(!outcome.written);
        prop_assert!(!site.root.join("site").exists());
        return Ok(());
    }
    let warned: BTreeSet<String> = outcome
        .diagnostics
        .iter()
        .filter_map(|d| {
            let rest = d.message.strip_prefix("the link `#")?;
            Some(rest.split('`').next()?.to_string())
        })
        .collect();
    for (path, page) in site.pages() {
        let mut ids = BTreeSet::new();
        for element in select(&page, "[id]") {
            let id = attr(element, "id");
            prop_assert!(ids.insert(id), "{}: the id `{}` is used twice", path, id);
        }
        for link in select(&page, "a[href^='#']") {
            let target = &attr(link, "href")[1..];
            if target.is_empty() {
                continue;
            }
            if warned.contains(target) {
                prop_assert!(
                    !ids.contains(target),
                    "{}: `#{}` was warned about but exists",
                    path,
                    target
                );
            } else {
                prop_assert!(
                    ids.contains(target),
                    "{}: `#{}` leads nowhere, unwarned",
                    path,
                    target
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(40))]

    #[test]
    fn generated_markdown_gives_unique_ids_and_working_links(body in body()) {
        check_pages(&body)?;
    }
}

/// Asserts that `beads` cover `n_ar` and `n_en` sentences once each, in order.
fn partitions(
    beads: &[warraq::align::Bead],
    n_ar: usize,
    n_en: usize,
) -> Result<(), TestCaseError> {
    let (mut ar, mut en) = (0, 0);
    for bead in beads {
        prop_assert_eq!(bead.ar.start, ar);
        prop_assert_eq!(bead.en.start, en);
        prop_assert!(!(bead.ar.is_empty() && bead.en.is_empty()), "an empty bead");
        prop_assert!(
            (0.0..=1.0 + 1e-9).contains(&bead.confidence),
            "confidence {}",
            bead.confidence
        );
        ar = bead.ar.end;
        en = bead.en.end;
    }
    prop_assert_eq!((ar, en), (n_ar, n_en));
    Ok(())
}

fn arabic_sentence() -> impl Strategy<Value = String> {
    vec(
        prop::sample::select(vec![
            "تركيا",
            "روسيا",
            "أذربيجان",
            "قره باغ",
            "2020",
            "١٩٩٤",
            "في",
            "الحرب",
            "د.",
            "(مثلا)",
        ]),
        0..12,
    )
    .prop_map(|w| w.join(" ") + ".")
}

fn english_sentence() -> impl Strategy<Value = String> {
    vec(
        prop::sample::select(vec![
            "Turkey",
            "Russia",
            "Azerbaijan",
            "Karabakh",
            "2020",
            "1994",
            "in",
            "the",
            "war",
            "U.S.",
            "(e.g.",
        ]),
        0..12,
    )
    .prop_map(|w| w.join(" ") + ".")
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn beads_partition_any_sentence_lists(
        ar in vec(arabic_sentence(), 0..20),
        en in vec(english_sentence(), 0..20),
    ) {
        let ar_refs: Vec<&str> = ar.iter().map(String::as_str).collect();
        let en_refs: Vec<&str> = en.iter().map(String::as_str).collect();
        let glossary = [("قره باغ".to_string(), "Karabakh".to_string())];
        let alignment = warraq::align::align(&ar_refs, &en_refs, &glossary);
        partitions(&alignment.beads, ar.len(), en.len())?;
        prop_assert_eq!((alignment.n_ar(), alignment.n_en()), (ar.len(), en.len()));
    }

    #[test]
    fn beads_partition_any_texts(ar in any::<String>(), en in any::<String>(), lines in any::<bool>()) {
        let aligned = warraq::align::align_texts(&ar, &en, lines, None, &[]).unwrap();
        partitions(&aligned.alignment.beads, aligned.ar.len(), aligned.en.len())?;
    }
}
