//! The index files: each document's passages analysed on its own core ([`analyse`]), then
//! every document's joined into the manifest, the word shards and the passage chunks
//! ([`files`]).
//!
//! A posting is one number: the distance from the word's previous passage (passages are
//! numbered across the site in document order), times 16, plus 8 when the passage is a title
//! or heading, plus the word's weight in the passage from 1 to 7 (BM25's term-frequency part,
//! with the passage's length against the average, in sevenths). The page adds the rarity of
//! the word (from how many passages hold it) and the rest of the ranking.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;

use super::stem::{is_stop_word, keys};
use super::text::tokens;
use super::vocabulary::Vocabulary;
use super::{Paper, Passage};
use crate::hash::WordHasher;

/// Passages per file of `search/p/`.
pub(crate) const CHUNK: usize = 8;
/// About how many bytes of postings a shard should hold.
const SHARD_BYTES: usize = 24 * 1024;
/// BM25's saturation and length parameters.
const K1: f64 = 1.2;
const B: f64 = 0.5;
/// Longest word filed, in bytes: anything longer is not a word a reader types.
const LONGEST: usize = 80;

/// One document's part of the index, made in the document stage and kept by `serve`.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct DocumentIndex {
    /// The paper, as a JSON array: slug, title, English title, language.
    head: String,
    /// Each passage as a JSON array (fragment, kind, section, English section, text), one
    /// after another: kept until the site-wide stage, so in one allocation.
    records: Vec<u8>,
    /// Each passage's end in `records`.
    record_ends: Vec<u32>,
    /// Each passage's length in words filed.
    lengths: Vec<u32>,
    /// Every word filed, in order of first appearance, one after another (one allocation for
    /// all of them).
    words: String,
    /// Each word's end in `words` and the end of its postings in `postings`.
    ends: Vec<(u32, u32)>,
    /// The words' postings, one word's after another, each in passage order.
    postings: Vec<Posting>,
}

/// A word in one passage of a document, in four bytes: the passage (counted within the
/// document) above 12 bits, then whether it is a title or heading, then how often the word
/// occurs in it (at most 2,047).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting(u32);

impl Posting {
    const COUNT: u32 = 0x7ff;

    fn new(passage: u32, heading: bool) -> Posting {
        Posting(passage << 12 | u32::from(heading) << 11 | 1)
    }
    fn passage(self) -> u32 {
        self.0 >> 12
    }
    fn heading(self) -> bool {
        self.0 & 0x800 != 0
    }
    fn count(self) -> u16 {
        (self.0 & Self::COUNT) as u16
    }
    fn add(&mut self) {
        if self.0 & Self::COUNT < Self::COUNT {
            self.0 += 1;
        }
    }
}

type Fast<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A word the document's map knows to leave out.
const LEFT_OUT: u32 = u32::MAX;

/// Cuts `passages` of `paper` into the words each holds.
pub(crate) fn analyse(paper: Paper, passages: &[Passage]) -> DocumentIndex {
    // Each distinct word once, by number, with its number among the words filed; every
    // occurrence as (word filed, passage, heading). About one word in six bytes of text, and
    // one new word in eight.
    let bytes: usize = passages.iter().map(|p| p.text.len()).sum();
    let mut vocabulary = Vocabulary::with_capacity(bytes / 48, bytes / 6);
    let mut filed_as: Vec<u32> = Vec::with_capacity(bytes / 48);
    let mut filed = 0u32;
    let mut hits: Vec<u64> = Vec::with_capacity(bytes / 6);
    let mut lengths = Vec::with_capacity(passages.len());
    let mut records = Vec::with_capacity(bytes + bytes / 8 + 64 * passages.len());
    let mut record_ends = Vec::with_capacity(passages.len());
    for (i, passage) in passages.iter().enumerate() {
        let i = i as u64;
        let heading = u64::from(passage.kind.is_heading());
        let mut length = 0;
        tokens(&passage.text, |word, _| {
            let id = match vocabulary.number(word) {
                (n, false) => filed_as[n as usize],
                (_, true) => {
                    let kept = word.len() <= LONGEST
                        && word.chars().nth(1).is_some()
                        && !is_stop_word(word);
                    let id = if kept { filed } else { LEFT_OUT };
                    filed += u32::from(kept);
                    filed_as.push(id);
                    id
                }
            };
            if id != LEFT_OUT {
                length += 1;
                hits.push(u64::from(id) << 32 | i << 1 | heading);
            }
        });
        lengths.push(length);
        json_array_into(
            &mut records,
            &[
                &passage.fragment,
                passage.kind.code(),
                &passage.section,
                &passage.section_en,
                &passage.text,
            ],
        );
        record_ends.push(records.len() as u32);
    }
    // The occurrences by word filed, each word's in passage order: a counting sort, as they
    // came in passage order.
    let mut starts = vec![0u32; filed as usize + 1];
    for hit in &hits {
        starts[(hit >> 32) as usize + 1] += 1;
    }
    for w in 1..starts.len() {
        starts[w] += starts[w - 1];
    }
    let mut by_word = vec![0u64; hits.len()];
    for &hit in &hits {
        let slot = &mut starts[(hit >> 32) as usize];
        by_word[*slot as usize] = hit;
        *slot += 1;
    }
    drop(starts);
    // The words filed in their order, each with its run of postings: one posting per passage
    // a word is in, counting its occurrences there.
    let mut postings: Vec<Posting> = Vec::with_capacity(by_word.len());
    let mut text = String::with_capacity(bytes / 6);
    let mut ends = Vec::with_capacity(filed as usize);
    let mut hits = by_word.iter().peekable();
    let kept = (vocabulary.iter().zip(&filed_as)).filter(|(_, id)| **id != LEFT_OUT);
    for (word, &id) in kept {
        let first = postings.len();
        while let Some(&&hit) = hits.peek().filter(|&&&hit| (hit >> 32) as u32 == id) {
            let passage = (hit as u32) >> 1;
            let in_run = postings.len() > first;
            match postings.last_mut() {
                Some(last) if in_run && last.passage() == passage => last.add(),
                _ => postings.push(Posting::new(passage, hit & 1 == 1)),
            }
            hits.next();
        }
        text.push_str(word);
        ends.push((text.len() as u32, postings.len() as u32));
    }
    DocumentIndex {
        head: json_array(&[paper.slug, paper.title, paper.title_en, paper.lang.code()]),
        records,
        record_ends,
        lengths,
        words: text,
        ends,
        postings,
    }
}

impl DocumentIndex {
    /// Each passage's record, as JSON.
    fn each_record(&self) -> impl Iterator<Item = &[u8]> {
        let mut start = 0;
        self.record_ends.iter().map(move |&end| {
            let record = &self.records[start as usize..end as usize];
            start = end;
            record
        })
    }

    /// Each word with its postings.
    fn each_word(&self) -> impl Iterator<Item = (&str, &[Posting])> {
        let (mut word_start, mut start) = (0, 0);
        self.ends.iter().map(move |&(word_end, end)| {
            let word = &self.words[word_start as usize..word_end as usize];
            let list = &self.postings[start as usize..end as usize];
            (word_start, start) = (word_end, end);
            (word, list)
        })
    }
}

/// The index files of a site whose documents, in order, are `documents`, each handed to `put`
/// (its path under the site and its contents) as soon as it is made, so that they are not all
/// held at once. The word shards are made on one core while the passage chunks are written on
/// the other (each into a folder of its own).
pub(crate) fn files<E: Send>(
    documents: &[&DocumentIndex],
    put: impl Fn(String, Vec<u8>) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let (shards, chunks) = rayon::join(|| shards(documents, &put), || chunks(documents, &put));
    shards.and(chunks)
}

/// The manifest and the word shards.
fn shards<E>(
    documents: &[&DocumentIndex],
    put: &impl Fn(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    use rayon::prelude::*;
    use std::fmt::Write;

    // Passages are numbered across the site, document after document.
    let mut first = Vec::with_capacity(documents.len());
    let mut total = 0u32;
    let mut words_filed = 0u64;
    for doc in documents {
        first.push(total);
        total += doc.record_ends.len() as u32;
        words_filed += doc.lengths.iter().map(|&n| u64::from(n)).sum::<u64>();
    }
    let average = (words_filed as f64 / f64::from(total.max(1))).max(1.0);
    // The weight of a word in a passage, for each count and length, in sevenths.
    let weight = |count: u16, length: u32| {
        let tf = f64::from(count);
        let w = tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * f64::from(length) / average));
        ((w / (K1 + 1.0) * 7.0).ceil() as u32).clamp(1, 7)
    };

    // Each word's postings across the site, in passage order.
    let mut postings: Fast<&str, (Vec<u32>, u32)> = Fast::default();
    for (doc, &base) in documents.iter().zip(&first) {
        for (word, list) in doc.each_word() {
            let (out, previous) = postings.entry(word).or_default();
            out.reserve(list.len());
            for p in list {
                let passage = base + p.passage();
                let q = weight(p.count(), doc.lengths[p.passage() as usize]);
                out.push((passage - *previous) << 4 | u32::from(p.heading()) << 3 | q);
                *previous = passage;
            }
        }
    }

    // Words under their keys; each key's entry written once, on every core.
    let mut by_key: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for word in postings.keys() {
        for key in keys(word).iter() {
            by_key.entry(key.to_string()).or_default().push(word);
        }
    }
    let by_key: Vec<(String, Vec<&str>)> = by_key.into_iter().collect();
    let entries: Vec<String> = by_key
        .par_iter()
        .map(|(key, words)| {
            let mut words = words.clone();
            words.sort_unstable();
            let mut entry = json_string(key);
            entry.push_str(":{");
            for (i, word) in words.iter().enumerate() {
                if i > 0 {
                    entry.push(',');
                }
                entry.push_str(&json_string(word));
                entry.push_str(":[");
                for (j, n) in postings[word].0.iter().enumerate() {
                    if j > 0 {
                        entry.push(',');
                    }
                    let _ = write!(entry, "{n}");
                }
                entry.push(']');
            }
            entry.push('}');
            entry
        })
        .collect();
    let bytes: usize = entries.iter().map(String::len).sum();
    let shards = bytes.div_ceil(SHARD_BYTES).max(1);
    let mut shard_text = vec![String::new(); shards];
    for ((key, _), entry) in by_key.iter().zip(&entries) {
        let text = &mut shard_text[shard_of(key, shards)];
        if text.is_empty() {
            text.reserve(2 * SHARD_BYTES);
            text.push('{');
        } else {
            text.push(',');
        }
        text.push_str(entry);
    }
    drop(entries);
    drop(postings);

    put(
        "search/index.json".to_string(),
        format!("{{\"version\":1,\"passages\":{total},\"shards\":{shards},\"chunk\":{CHUNK}}}")
            .into_bytes(),
    )?;
    for (n, mut text) in shard_text.into_iter().enumerate() {
        if text.is_empty() {
            text.push('{');
        }
        text.push('}');
        put(format!("search/s/{n}.json"), text.into_bytes())?;
    }
    Ok(())
}

/// The passages in files of [`CHUNK`], each with the heads of the papers they belong to:
/// `{"d":{"<doc>":head},"p":[[doc,fragment,kind,section,section_en,text],…]}`. They are
/// written one after another: files made in one folder from two threads wait on each other in
/// the file system (on ext4, most of a build's system time went to that lock).
fn chunks<E>(
    documents: &[&DocumentIndex],
    put: &impl Fn(String, Vec<u8>) -> Result<(), E>,
) -> Result<(), E> {
    // Every passage's record, with its document's number.
    let records: Vec<(usize, &[u8])> = (documents.iter().enumerate())
        .flat_map(|(d, doc)| doc.each_record().map(move |record| (d, record)))
        .collect();
    for (n, chunk) in records.chunks(CHUNK).enumerate() {
        let size = chunk.iter().map(|(_, r)| r.len() + 8).sum::<usize>() + 256;
        let mut text = Vec::with_capacity(size);
        text.extend_from_slice(b"{\"d\":{");
        let mut last = usize::MAX;
        for &(d, _) in chunk {
            if d != last {
                if last != usize::MAX {
                    text.push(b',');
                }
                text.extend_from_slice(format!("\"{d}\":").as_bytes());
                text.extend_from_slice(documents[d].head.as_bytes());
                last = d;
            }
        }
        text.extend_from_slice(b"},\"p\":[");
        for (i, &(d, record)) in chunk.iter().enumerate() {
            if i > 0 {
                text.push(b',');
            }
            text.extend_from_slice(format!("[{d},").as_bytes());
            text.extend_from_slice(&record[1..]);
        }
        text.extend_from_slice(b"]}");
        put(format!("search/p/{n}.json"), text)?;
    }
    Ok(())
}

/// The shard of `key` among `shards`: FNV-1a (32 bits) of its UTF-8 bytes, which the page
/// computes the same way.
pub(crate) fn shard_of(key: &str, shards: usize) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize % shards
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn json_array(items: &[&str]) -> String {
    let mut out = Vec::new();
    json_array_into(&mut out, items);
    String::from_utf8(out).unwrap_or_default()
}

/// Writes `items` at the end of `out` as a JSON array of strings.
fn json_array_into(out: &mut Vec<u8>, items: &[&str]) {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // Writing into a Vec cannot fail.
        let _ = serde_json::to_writer(&mut *out, item);
    }
    out.push(b']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;
    use crate::search::Kind;

    fn passage(fragment: &str, kind: Kind, text: &str) -> Passage {
        Passage {
            fragment: fragment.to_string(),
            kind,
            section: "القسم".to_string(),
            section_en: String::new(),
            text: text.to_string(),
        }
    }

    fn paper(slug: &str) -> Paper<'_> {
        Paper {
            slug,
            title: "عنوان",
            title_en: "Title",
            lang: Lang::Ar,
        }
    }

    fn files(documents: &[&DocumentIndex]) -> Vec<(String, Vec<u8>)> {
        let out = std::sync::Mutex::new(Vec::new());
        super::files::<()>(documents, |path, bytes| {
            out.lock().unwrap().push((path, bytes));
            Ok(())
        })
        .unwrap();
        out.into_inner().unwrap()
    }

    fn file(files: &[(String, Vec<u8>)], path: &str) -> serde_json::Value {
        let (_, bytes) = files.iter().find(|(p, _)| p == path).expect(path);
        serde_json::from_slice(bytes).expect("valid JSON")
    }

    #[test]
    fn words_are_filed_under_their_keys_with_their_passages() {
        let a = analyse(
            paper("a"),
            &[
                passage("title", Kind::Title, "روسيا وتركيا"),
                passage("s-p1", Kind::Paragraph, "في روسيا، ولروسيا مصالح في روسيا"),
            ],
        );
        let b = analyse(
            paper("b"),
            &[passage("fn-1", Kind::Note, "روسيا <img onerror=x>")],
        );
        let files = files(&[&a, &b]);
        let manifest = file(&files, "search/index.json");
        assert_eq!(manifest["passages"], 3);
        let shards = manifest["shards"].as_u64().unwrap() as usize;
        let shard = file(
            &files,
            &format!("search/s/{}.json", shard_of("روس", shards)),
        );
        let entry = &shard["روس"];
        // روسيا: passage 0 (a heading: +8), passage 1 (twice), passage 2 (the next paper).
        let list: Vec<u64> = entry["روسيا"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(list.len(), 3);
        assert_eq!(list[0] >> 4, 0);
        assert_eq!(list[0] & 8, 8);
        assert_eq!(list[1] >> 4, 1);
        assert_eq!(list[1] & 8, 0);
        assert!(
            list[1] & 7 > list[2] & 7,
            "two occurrences weigh more than one"
        );
        assert_eq!(list[2] >> 4, 1);
        // «ولروسيا» is filed under its own stem and under روس.
        assert!(entry["ولروسيا"].is_array());
        // Stop words are not filed.
        let shard = file(&files, &format!("search/s/{}.json", shard_of("في", shards)));
        assert!(shard.get("في").is_none());
    }

    #[test]
    fn passages_come_in_chunks_with_their_papers() {
        let many: Vec<Passage> = (1..=10)
            .map(|n| passage(&format!("s-p{n}"), Kind::Paragraph, "نص"))
            .collect();
        let a = analyse(paper("a"), &many);
        let b = analyse(paper("b"), &[passage("fn-1", Kind::Note, "<b>\"x\"</b>")]);
        let files = files(&[&a, &b]);
        let first = file(&files, "search/p/0.json");
        assert_eq!(first["p"].as_array().unwrap().len(), CHUNK);
        assert_eq!(first["d"]["0"][0], "a");
        let second = file(&files, "search/p/1.json");
        assert_eq!(second["p"].as_array().unwrap().len(), 3);
        assert_eq!(second["p"][2][0], 1);
        assert_eq!(second["p"][2][1], "fn-1");
        assert_eq!(second["p"][2][5], "<b>\"x\"</b>");
        assert_eq!(second["d"]["1"][0], "b");
    }

    #[test]
    fn an_empty_site_has_an_index() {
        let files = files(&[]);
        assert_eq!(file(&files, "search/index.json")["passages"], 0);
        assert_eq!(file(&files, "search/s/0.json"), serde_json::json!({}));
    }
}
