//! The test vectors that hold the browser's normalising and stemming equal to the build's:
//! every distinct word of the seed papers (and the traps of `text.rs` and `stem.rs`) with its
//! normalised form, tokens, keys and stop-word flag, in `tests/search/vectors.json`, which
//! `tests/search/vectors.test.mjs` reads against `templates/assets/search.js`.
//!
//! The test fails when the file is not what this code writes; `WARRAQ_WRITE_VECTORS=1 cargo
//! test search::vectors` writes it again.

use std::collections::BTreeSet;
use std::path::Path;

use super::stem::{is_stop_word, keys};
use super::text::{normalize, tokens};

/// Words that exercise each rule, beside those of the seed papers.
const TRAPS: &[&str] = &[
    "النِّفْط",
    "الـــنفط",
    "أإآٱ",
    "مدرسة",
    "على",
    "فارسی",
    "کتاب",
    "١٩٩١",
    "۱۹۹۱",
    "٣٫٨",
    "ع\u{200c}ل\u{200d}م",
    "\u{202b}علم\u{202c}",
    "\u{fefb}",
    "\u{fe8d}\u{fedf}\u{fe92}",
    "Güler",
    "İSTANBUL",
    "Ṣāliḥ",
    "مسؤول",
    "لاجئين",
    "ﷲ",
    "S-300",
    "إس-300",
    "TRG-300",
    "3.8",
    "2,907",
    "1991-1994",
    "Nagorno-Karabakh",
    "Turkey's",
    "(TB2)",
    "الإيرانيين",
    "لروسيا",
    "والاتفاق",
    "للحرب",
    "سورية",
    "يومًا",
    "السوفييتي",
    "conflicts",
    "policies",
    "classes",
    "<img onerror=alert(1)>",
    "a\u{ad}b",
    "ΣΊΣΥΦΟΣ",
    "ǅ",
    "²",
    "ﬁ",
];

fn vectors() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut words: BTreeSet<String> = TRAPS.iter().map(|w| w.to_string()).collect();
    let mut paths: Vec<_> = std::fs::read_dir(root.join("content"))
        .expect("content/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(&path).expect("a seed paper");
        words.extend(text.split_whitespace().map(str::to_string));
    }
    let mut out = String::from(
        "{\"about\":\"Written by src/search/vectors.rs from the seed papers' words: each word (in), its normalised form (norm) and its tokens as [token, part, keys, stop word]. tests/search/vectors.test.mjs checks that templates/assets/search.js gives the same.\",\n\"vectors\":[\n",
    );
    for (i, word) in words.iter().enumerate() {
        let mut toks = Vec::new();
        tokens(word, |t, part| {
            toks.push(serde_json::json!([
                t,
                part,
                keys(t).iter().collect::<Vec<_>>(),
                is_stop_word(t)
            ]));
        });
        let line = serde_json::json!({"in": word, "norm": normalize(word), "tokens": toks});
        out.push_str(&line.to_string());
        out.push_str(if i + 1 < words.len() { ",\n" } else { "\n" });
    }
    out.push_str("]}\n");
    out
}

#[test]
fn the_test_vectors_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/vectors.json");
    let made = vectors();
    if std::env::var_os("WARRAQ_WRITE_VECTORS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("tests/search/");
        std::fs::write(&path, &made).expect("written");
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == made,
        "tests/search/vectors.json is not what the search code writes; run `WARRAQ_WRITE_VECTORS=1 cargo test search::vectors` and check the difference"
    );
    assert!(made.lines().count() > 2000, "a few thousand words");
}
