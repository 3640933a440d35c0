//! Measures the search's light stemmer against Snowball's Arabic stemmer (`rust-stemmers`) and
//! against no stemming, on development queries over a built site's passages.
//!
//!     cargo run --example search_stemmers -- site ../shared/search-dev/queries.json
//!
//! Each passage of `site/search/p/*.json` is cut into the index's words; a word matches a
//! query word when they share a key under the stemmer measured (no stemming: the normalised
//! word itself). Passages are ranked as the search page ranks them: query words matched, then
//! exact matches, then tf-idf, then reading order. A query succeeds when a passage of an
//! expected paper holding the expected words is among the first 10. Printed: successes, MRR,
//! and the median number of passages matching every query word (what a reader wades through).

use std::collections::BTreeSet;

use rust_stemmers::{Algorithm, Stemmer};
use warraq::search::{filed_words, word_keys};

/// A stemmer measured: a normalised word to its keys.
type Keys = Box<dyn Fn(&str) -> Vec<String>>;

struct Passage {
    slug: String,
    words: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (site, queries) = match args.as_slice() {
        [site, queries] => (site.clone(), queries.clone()),
        _ => {
            eprintln!("usage: search_stemmers SITE QUERIES.json");
            std::process::exit(2);
        }
    };
    let passages = read_passages(&site);
    let queries: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&queries).expect("queries")).expect("JSON");
    let snowball = Stemmer::create(Algorithm::Arabic);
    let arabic = |w: &str| w.chars().all(|c| ('\u{621}'..='\u{64A}').contains(&c));
    let stemmers: [(&str, Keys); 3] = [
        ("none", Box::new(|w: &str| vec![w.to_string()])),
        ("light (ours)", Box::new(word_keys)),
        (
            "Snowball Arabic",
            Box::new(move |w: &str| {
                if arabic(w) {
                    vec![snowball.stem(w).into_owned()]
                } else {
                    word_keys(w)
                }
            }),
        ),
    ];
    println!("| stemmer | success@10 | MRR | median passages holding every word |");
    println!("| --- | ---: | ---: | ---: |");
    for (name, keys) in &stemmers {
        let (hits, mrr, matching) = measure(&passages, &queries, keys);
        let n = queries["queries"].as_array().map_or(0, Vec::len);
        println!("| {name} | {hits}/{n} | {mrr:.3} | {matching} |");
    }
}

fn read_passages(site: &str) -> Vec<Passage> {
    let mut passages = Vec::new();
    for n in 0.. {
        let path = format!("{site}/search/p/{n}.json");
        let Ok(text) = std::fs::read_to_string(&path) else {
            break;
        };
        let chunk: serde_json::Value = serde_json::from_str(&text).expect("a chunk");
        for p in chunk["p"].as_array().expect("passages") {
            let doc = &chunk["d"][p[0].as_u64().expect("doc").to_string()];
            passages.push(Passage {
                slug: doc[0].as_str().unwrap_or_default().to_string(),
                words: filed_words(p[5].as_str().unwrap_or_default()),
            });
        }
    }
    passages
}

fn measure(
    passages: &[Passage],
    queries: &serde_json::Value,
    keys: &dyn Fn(&str) -> Vec<String>,
) -> (usize, f64, usize) {
    let passage_keys: Vec<Vec<BTreeSet<String>>> = passages
        .iter()
        .map(|p| {
            p.words
                .iter()
                .map(|w| keys(w).into_iter().collect())
                .collect()
        })
        .collect();
    let (mut hits, mut rr, mut matching) = (0, 0.0, Vec::new());
    for q in queries["queries"].as_array().expect("queries") {
        let words = filed_words(q["q"].as_str().unwrap_or_default());
        let word_keys: Vec<BTreeSet<String>> = words
            .iter()
            .map(|w| keys(w).into_iter().collect())
            .collect();
        // Document frequency of each query word, for its rarity.
        let df: Vec<usize> = word_keys
            .iter()
            .map(|k| {
                passage_keys
                    .iter()
                    .filter(|p| p.iter().any(|s| !s.is_disjoint(k)))
                    .count()
            })
            .collect();
        let mut ranked: Vec<(usize, usize, f64, usize)> = Vec::new();
        for (i, p) in passage_keys.iter().enumerate() {
            let (mut covered, mut exact, mut score) = (0, 0, 0.0);
            for (j, k) in word_keys.iter().enumerate() {
                let tf = p.iter().filter(|s| !s.is_disjoint(k)).count();
                if tf > 0 {
                    covered += 1;
                    exact += usize::from(passages[i].words.contains(&words[j]));
                    let idf = (1.0 + passages.len() as f64 / df[j].max(1) as f64).ln();
                    score += idf * tf as f64 / (tf as f64 + 1.2);
                }
            }
            if covered > 0 {
                ranked.push((covered, exact, score, i));
            }
        }
        ranked.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.total_cmp(&a.2))
                .then(a.3.cmp(&b.3))
        });
        matching.push(ranked.iter().filter(|r| r.0 == words.len()).count());
        let expect: Vec<(String, Vec<String>)> = q["expect"]
            .as_array()
            .expect("expect")
            .iter()
            .map(|e| {
                (
                    e[0].as_str().unwrap_or_default().to_string(),
                    filed_words(e[1].as_str().unwrap_or_default()),
                )
            })
            .collect();
        let rank = ranked.iter().take(10).position(|&(_, _, _, i)| {
            expect.iter().any(|(slug, phrase)| {
                passages[i].slug == *slug && holds(&passages[i].words, phrase)
            })
        });
        if let Some(r) = rank {
            hits += 1;
            rr += 1.0 / (r + 1) as f64;
        }
    }
    matching.sort_unstable();
    let n = matching.len().max(1);
    (
        hits,
        rr / n as f64,
        matching.get(n / 2).copied().unwrap_or(0),
    )
}

/// Whether `words` hold `phrase` as a run.
fn holds(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && words.windows(phrase.len()).any(|w| w == phrase)
}
