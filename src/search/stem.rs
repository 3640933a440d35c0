//! Keys of normalised words: the light stems under which a word's passages are filed, and
//! the words too common to file at all.
//!
//! Arabic words get a light stem in the manner of Larkey's light10: a leading و, then an
//! article (`وال فال بال كال لل ال`), then, repeatedly, a common suffix (`ها ان ات ون ين يه ه
//! ي ا`) while three letters remain; a doubled letter counts once. A word that starts with
//! a one-letter proclitic (ب ك ل, after an optional و or ف) has a second key, the stem of
//! the word without it, so that «لروسيا» and «روسيا» share a key without every word
//! starting with ل losing its first letter. English words lose a plural ending (`-s`, `-es`,
//! `-ies`). Numbers, codes and other words are their own key.
//!
//! Keys only decide which words are the same word; ranking tells an exact match from a
//! stemmed one. `templates/assets/search.js` computes the same keys for the query; the test
//! vectors hold the two equal. The choice of stemmer was measured on the development queries
//! (see `examples/search_stemmers.rs`).

/// Words not filed: in Arabic and English, as normalised.
const STOP_WORDS: [&str; 83] = [
    // Arabic prepositions, conjunctions, pronouns and particles.
    "في",
    "من",
    "علي",
    "الي",
    "عن",
    "ان",
    "مع",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "التي",
    "الذي",
    "الذين",
    "او",
    "ام",
    "ثم",
    "قد",
    "لا",
    "ما",
    "لم",
    "لن",
    "كان",
    "كانت",
    "وفي",
    "ومن",
    "وعلي",
    "والي",
    "وان",
    "ولا",
    "وقد",
    "هو",
    "هي",
    "هم",
    "انه",
    "انها",
    "اذا",
    "اي",
    "به",
    "بها",
    "له",
    "لها",
    "منه",
    "فيه",
    "فيها",
    "عليه",
    "عليها",
    "الا",
    "لكن",
    "بين",
    "كما",
    "حيث",
    "وهو",
    "وهي",
    "كل",
    "بعض",
    "عند",
    "وقال",
    "قال",
    // English function words.
    "the",
    "of",
    "and",
    "an",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "is",
    "are",
    "was",
    "were",
    "be",
    "this",
    "that",
    "it",
    "its",
    "as",
    "or",
    "not",
];

/// Suffixes taken off Arabic stems, longest first.
const SUFFIXES: [&str; 9] = ["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا"];

/// Articles, longest first.
const ARTICLES: [&str; 6] = ["وال", "فال", "بال", "كال", "لل", "ال"];

/// True for words too common to file.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The keys of a normalised word: its stem, then the stem without a proclitic when it has
/// one and that differs.
pub(crate) fn keys(word: &str) -> Keys {
    match script(word) {
        Script::Arabic => {
            let first = arabic_stem(word);
            let second = without_proclitic(word)
                .map(arabic_stem)
                .filter(|s| *s != first);
            Keys { first, second }
        }
        Script::Latin => Keys {
            first: english_stem(word).to_string(),
            second: None,
        },
        Script::Other => Keys {
            first: word.to_string(),
            second: None,
        },
    }
}

/// A word's one or two keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Keys {
    pub(crate) first: String,
    pub(crate) second: Option<String>,
}

impl Keys {
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.first.as_str()).chain(self.second.as_deref())
    }
}

enum Script {
    Arabic,
    Latin,
    Other,
}

fn script(word: &str) -> Script {
    if word.chars().all(|c| ('\u{621}'..='\u{64A}').contains(&c)) {
        Script::Arabic
    } else if word.bytes().all(|b| b.is_ascii_lowercase()) {
        Script::Latin
    } else {
        Script::Other
    }
}

/// The word after a one-letter proclitic (ب ك ل, after an optional و or ف) when one can be
/// taken off and four letters remain; not before an article, which the stem takes off.
fn without_proclitic(word: &str) -> Option<&str> {
    let mut rest = word;
    if let Some(r) = rest.strip_prefix(['و', 'ف']) {
        rest = r;
    }
    let rest = rest.strip_prefix(['ب', 'ك', 'ل'])?;
    (rest.chars().count() >= 4 && !rest.starts_with("ال")).then_some(rest)
}

/// The light stem of an Arabic word (all its letters in U+0621–U+064A).
fn arabic_stem(word: &str) -> String {
    let len = |s: &str| s.chars().count();
    let mut s = word;
    if len(s) >= 4
        && let Some(r) = s.strip_prefix('و')
    {
        s = r;
    }
    for article in ARTICLES {
        if let Some(r) = s.strip_prefix(article)
            && len(r) >= 2
        {
            s = r;
            break;
        }
    }
    // A doubled letter counts once («السوفييتي», «السوفيتي»).
    let mut stem = String::with_capacity(s.len());
    for c in s.chars() {
        if !stem.ends_with(c) {
            stem.push(c);
        }
    }
    'strip: loop {
        for suffix in SUFFIXES {
            if stem.ends_with(suffix) && len(&stem) >= len(suffix) + 3 {
                stem.truncate(stem.len() - suffix.len());
                continue 'strip;
            }
        }
        break stem;
    }
}

/// An English word without its plural ending, and without a final `y` (so that «policy»
/// and «policies» meet).
fn english_stem(word: &str) -> &str {
    let n = word.len();
    let w = if n > 4 && word.ends_with("ies") {
        &word[..n - 3]
    } else if n > 4
        && ["sses", "xes", "ches", "shes"]
            .iter()
            .any(|e| word.ends_with(e))
    {
        &word[..n - 2]
    } else if n > 3 && word.ends_with('s') && !["ss", "us", "is"].iter().any(|e| word.ends_with(e))
    {
        &word[..n - 1]
    } else {
        word
    };
    match w.strip_suffix('y') {
        Some(stem) if w.len() > 3 => stem,
        _ => w,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::normalize;

    fn share_a_key(a: &str, b: &str) -> bool {
        let (a, b) = (keys(&normalize(a)), keys(&normalize(b)));
        a.iter().any(|k| b.iter().any(|l| k == l))
    }

    #[test]
    fn the_same_word_written_otherwise_shares_a_key() {
        let same = [
            ("الإيرانيين", "إيرانيين"),
            ("فلسطين", "الفلسطينية"),
            ("لروسيا", "روسيا"),
            ("والاتفاق", "الاتفاق"),
            ("بالاتفاق", "اتفاق"),
            ("للحرب", "الحرب"),
            ("لاجئين", "اللاجئين"),
            ("سوريه", "سوريا"),
            ("سورية", "سوريا"),
            ("يوما", "يوم"),
            ("السوفيتي", "السوفييتي"),
            ("المسيرات", "المسيرة"),
            ("الطائرات", "طائرة"),
            ("وبالمفاوضات", "المفاوضات"),
            ("conflicts", "conflict"),
            ("policies", "policy"),
            ("relations", "relation"),
            ("Güler", "Guler"),
            ("Turkey", "turkeys"),
            ("days", "day"),
        ];
        for (a, b) in same {
            assert!(
                share_a_key(a, b),
                "{a} ~ {b}: {:?} {:?}",
                keys(&normalize(a)),
                keys(&normalize(b))
            );
        }
    }

    #[test]
    fn different_words_keep_apart() {
        let apart = [
            ("بنك", "نك"),
            ("class", "clas"),
            ("2020", "2021"),
            ("s-300", "s-400"),
            ("مصر", "مصرف"),
        ];
        for (a, b) in apart {
            assert!(!share_a_key(a, b), "{a} !~ {b}");
        }
        // A word starting with a proclitic letter keeps its own stem first.
        assert_eq!(keys("لبنان").first, "لبن");
        assert_eq!(keys("لافروف").first, "لافروف");
    }

    #[test]
    fn stems_keep_three_letters() {
        for (word, stem) in [
            ("مصر", "مصر"),
            ("بيت", "بيت"),
            ("ابو", "ابو"),
            ("الحرب", "حرب"),
        ] {
            assert_eq!(keys(word).first, stem, "{word}");
        }
    }

    #[test]
    fn numbers_and_codes_are_their_own_key() {
        for word in ["2907", "3.8", "s-300", "اس-300", "tb2", "f-16"] {
            assert_eq!(
                keys(word),
                Keys {
                    first: word.to_string(),
                    second: None
                }
            );
        }
    }

    #[test]
    fn stop_words_are_normalised() {
        for word in ["في", "على", "إلى", "the", "of"] {
            assert!(is_stop_word(&normalize(word)), "{word}");
        }
        assert!(!is_stop_word("مصر"));
    }
}
