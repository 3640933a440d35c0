//! The two languages a Warraq site speaks, with their codes and writing directions.
//!
//! Every place that needs a language code, a direction or a language-dependent label asks
//! this enum; no module compares language strings itself.

use serde::Serialize;

/// A language of the site: documents are written in one, and every page offers both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Arabic, written right to left.
    Ar,
    /// English, written left to right.
    En,
}

impl Lang {
    /// Both languages, Arabic first.
    pub(crate) const ALL: [Lang; 2] = [Lang::Ar, Lang::En];

    /// The BCP 47 code used in `lang` attributes.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Ar => "ar",
            Lang::En => "en",
        }
    }

    /// The value of the HTML `dir` attribute for text in this language.
    pub(crate) fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::En => "ltr",
        }
    }

    /// Parses a language code as written in front matter.
    pub(crate) fn from_code(code: &str) -> Option<Lang> {
        match code {
            "ar" => Some(Lang::Ar),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The letters that tell several backlinks of one footnote apart (a, b, c … or أ ب ت …).
    pub(crate) fn backlink_letter(self, index: usize) -> String {
        const AR: [char; 28] = [
            'أ', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ',
            'ع', 'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
        ];
        let letters: Vec<char> = match self {
            Lang::Ar => AR.to_vec(),
            Lang::En => ('a'..='z').collect(),
        };
        // Past the alphabet, letters repeat with a number: a1, b1 … (a note cited 27 times).
        let letter = letters[index % letters.len()];
        match index / letters.len() {
            0 => letter.to_string(),
            round => format!("{letter}{round}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_directions() {
        assert_eq!((Lang::Ar.code(), Lang::Ar.dir()), ("ar", "rtl"));
        assert_eq!((Lang::En.code(), Lang::En.dir()), ("en", "ltr"));
        assert_eq!(Lang::from_code("ar"), Some(Lang::Ar));
        assert_eq!(Lang::from_code("AR"), None);
    }

    #[test]
    fn backlink_letters_in_each_script() {
        let cases = [
            (Lang::Ar, 0, "أ"),
            (Lang::Ar, 2, "ت"),
            (Lang::En, 0, "a"),
            (Lang::En, 2, "c"),
            (Lang::En, 26, "a1"),
        ];
        for (lang, index, expected) in cases {
            assert_eq!(lang.backlink_letter(index), expected, "{lang:?} {index}");
        }
    }
}
