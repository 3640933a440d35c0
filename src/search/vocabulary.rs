//! A document's distinct words: each kept once, one after another in one buffer, and numbered
//! in the order they first appear.
//!
//! The index looks up every word of a paper here (a few thousand per paper, most of them seen
//! before), so the table holds only numbers and compares against the buffer: no allocation
//! per word, and the words a lookup compares are close together in memory.

use std::hash::Hasher;

use hashbrown::HashTable;

use crate::hash::WordHasher;

/// The distinct words seen so far.
#[derive(Default)]
pub(crate) struct Vocabulary {
    /// Every word, one after another.
    text: String,
    /// Each word's end in `text`, by number.
    ends: Vec<u32>,
    /// The words' numbers, found by the hash of the word.
    table: HashTable<u32>,
}

impl Vocabulary {
    /// Room for about `words` distinct words of `bytes` bytes in all.
    pub(crate) fn with_capacity(words: usize, bytes: usize) -> Vocabulary {
        Vocabulary {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(words),
            table: HashTable::with_capacity(words),
        }
    }

    /// The number of `word`, and whether it is new (numbered now, the next number).
    pub(crate) fn number(&mut self, word: &str) -> (u32, bool) {
        let hash = hash(word);
        let (text, ends) = (&self.text, &self.ends);
        if let Some(&n) = self.table.find(hash, |&n| word_at(text, ends, n) == word) {
            return (n, false);
        }
        let n = self.ends.len() as u32;
        self.text.push_str(word);
        self.ends.push(self.text.len() as u32);
        let (text, ends) = (&self.text, &self.ends);
        self.table
            .insert_unique(hash, n, |&m| self::hash(word_at(text, ends, m)));
        (n, true)
    }

    /// The words in number order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let word = &self.text[start as usize..end as usize];
            start = end;
            word
        })
    }
}

/// Word `n` of `text`, which ends at `ends[n]`.
fn word_at<'t>(text: &'t str, ends: &[u32], n: u32) -> &'t str {
    let end = ends[n as usize] as usize;
    let start = n.checked_sub(1).map_or(0, |p| ends[p as usize] as usize);
    &text[start..end]
}

fn hash(word: &str) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once_in_order_of_first_appearance() {
        let mut v = Vocabulary::default();
        let text = "روسيا و تركيا و روسيا and روسي and";
        let numbers: Vec<(u32, bool)> = text.split(' ').map(|w| v.number(w)).collect();
        assert_eq!(
            numbers,
            [
                (0, true),
                (1, true),
                (2, true),
                (1, false),
                (0, false),
                (3, true),
                (4, true),
                (3, false),
            ]
        );
        assert_eq!(
            v.iter().collect::<Vec<_>>(),
            ["روسيا", "و", "تركيا", "and", "روسي"]
        );
    }

    #[test]
    fn many_words_survive_the_table_growing() {
        let mut v = Vocabulary::with_capacity(2, 8);
        for n in 0..5000u32 {
            assert_eq!(v.number(&format!("w{n}")), (n, true));
        }
        for n in (0..5000u32).rev() {
            assert_eq!(v.number(&format!("w{n}")), (n, false));
        }
        assert_eq!(v.iter().nth(4321), Some("w4321"));
    }
}
