//! The test vectors that hold the browser's normalising and stemming equal to the build's:
//! every distinct word of the seed papers (and the traps of `text.rs` and `stem.rs`) with its
//! normalised form, tokens, keys and stop-word flag, in `tests/search/vectors.json`, which
//! `tests/search/vectors.test.mjs` reads against `templates/assets/search.js`.
//!
//! The test fails when this code no longer gives the file's forms for the file's words;
//! `WARRAQ_WRITE_VECTORS=1 cargo test search::vectors` writes it again, from the seed papers as
//! they are then (a change of content alone does not make the file wrong, only incomplete).

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

/// The words to write vectors for: the traps and every distinct word of the seed papers.
fn seed_words() -> BTreeSet<String> {
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
    words
}

/// One word's vector, as a line of the file.
fn vector(word: &str) -> String {
    let mut toks = Vec::new();
    tokens(word, |t, part| {
        toks.push(serde_json::json!([
            t,
            part,
            keys(t).iter().collect::<Vec<_>>(),
            is_stop_word(t)
        ]));
    });
    serde_json::json!({"in": word, "norm": normalize(word), "tokens": toks}).to_string()
}

fn file(words: &BTreeSet<String>) -> String {
    let mut out = String::from(
        "{\"about\":\"Written by src/search/vectors.rs from the seed papers' words: each word (in), its normalised form (norm) and its tokens as [token, part, keys, stop word]. tests/search/vectors.test.mjs checks that templates/assets/search.js gives the same.\",\n\"vectors\":[\n",
    );
    for (i, word) in words.iter().enumerate() {
        out.push_str(&vector(word));
        out.push_str(if i + 1 < words.len() { ",\n" } else { "\n" });
    }
    out.push_str("]}\n");
    out
}

#[test]
fn the_test_vectors_are_what_the_search_code_gives() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search/vectors.json");
    if std::env::var_os("WARRAQ_WRITE_VECTORS").is_some() {
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("tests/search/");
        std::fs::write(&path, file(&seed_words())).expect("written");
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    let kept: serde_json::Value = serde_json::from_str(&kept).expect("tests/search/vectors.json");
    let kept = kept["vectors"].as_array().expect("vectors");
    assert!(
        kept.len() > 2000,
        "a few thousand words, not {}",
        kept.len()
    );
    let mut wrong = Vec::new();
    for v in kept {
        let word = v["in"].as_str().expect("a word");
        if serde_json::from_str::<serde_json::Value>(&vector(word))
            .ok()
            .as_ref()
            != Some(v)
        {
            wrong.push(word.to_string());
        }
    }
    assert!(
        wrong.is_empty(),
        "tests/search/vectors.json holds other forms for {} words (first: {:?}); if the change is meant, run `WARRAQ_WRITE_VECTORS=1 cargo test search::vectors` and check the difference",
        wrong.len(),
        wrong.iter().take(5).collect::<Vec<_>>()
    );
    // Every trap is in the file.
    let words: BTreeSet<&str> = kept.iter().filter_map(|v| v["in"].as_str()).collect();
    assert!(
        TRAPS.iter().all(|t| words.contains(t)),
        "a trap is missing: write the file again"
    );
}
