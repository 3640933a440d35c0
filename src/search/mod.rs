//! The site search's index: passages in, the files the search page reads out (pure).
//!
//! The document stage hands over each document's passages (its title, abstract pairs,
//! headings, paragraphs and other blocks, and notes, each with its address on the page and its
//! plain text); [`analyse`] turns them into a [`DocumentIndex`] on that document's core: the
//! passages as they will be shown and the words each holds. The site-wide stage joins every
//! document's into the index files ([`files`]):
//!
//! - `search/index.json`, the manifest: how many passages and shards there are;
//! - `search/s/<n>.json`, the shards of the word index: a key (a light stem, `stem.rs`) maps to
//!   the words filed under it and, for each word, its passages; a key's shard is an FNV-1a hash
//!   of it, so a query reads only the shards of its own words;
//! - `search/p/<n>.json`, the passages eight at a time, with their papers' titles, read only for
//!   the results shown.
//!
//! Normalising and cutting text into words is `text.rs`, keys and stop words `stem.rs`, the
//! files `index.rs`. The browser side (`templates/assets/search.js`) does the same to the
//! query; the test vectors (`tests/search/vectors.json`) hold the two equal.

mod index;
pub(crate) mod stem;
pub(crate) mod text;
mod vocabulary;

pub(crate) use index::{DocumentIndex, analyse, files};

use crate::lang::Lang;

/// The words of `text` the index files, normalised, in order: for measuring the search from
/// outside (`examples/search_stemmers.rs`).
pub fn filed_words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_word(text, |word| {
        if word.chars().nth(1).is_some() && !stem::is_stop_word(word) {
            out.push(word.to_string());
        }
    });
    out
}

/// Calls `each` with every word of `text`, normalised, as the index reads it: the least any
/// index of the text must do (measured in `benches/stages.rs`).
pub fn each_word(text: &str, mut each: impl FnMut(&str)) {
    text::tokens(text, |word, _| each(word));
}

/// The keys a normalised word is filed under (its light stems).
pub fn word_keys(word: &str) -> Vec<String> {
    stem::keys(word).iter().map(str::to_string).collect()
}

/// What kind of passage a result is: shown beside it, and a match in a title or heading
/// counts more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Title,
    Heading,
    Paragraph,
    Abstract,
    Note,
}

impl Kind {
    /// The letter the search page reads.
    fn code(self) -> &'static str {
        match self {
            Kind::Title => "t",
            Kind::Heading => "h",
            Kind::Paragraph => "p",
            Kind::Abstract => "a",
            Kind::Note => "n",
        }
    }

    /// Titles and headings weigh more.
    fn is_heading(self) -> bool {
        matches!(self, Kind::Title | Kind::Heading)
    }
}

/// One passage of a document: a place a result can lead to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Passage {
    /// Its id on the paper's page.
    pub(crate) fragment: String,
    pub(crate) kind: Kind,
    /// The title of the section it is in, as the page shows it, and in English when the
    /// paper gives one; empty outside sections.
    pub(crate) section: String,
    pub(crate) section_en: String,
    /// What a reader reads of it.
    pub(crate) text: String,
}

/// The paper a document's passages belong to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Paper<'a> {
    pub(crate) slug: &'a str,
    pub(crate) title: &'a str,
    pub(crate) title_en: &'a str,
    pub(crate) lang: Lang,
}

#[cfg(test)]
mod vectors;
