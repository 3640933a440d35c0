//! Repairs inside one line that change no letter, or change it provably: tatweel used to
//! justify removed, whitespace runs made one space, missing spaces after `.` `،` `؛` `؟`
//! restored, a space before `،` `؛` dropped, and Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFE)
//! replaced by the letters they show.
//!
//! Each change is returned as a [`Fix`] so the report can name its line. Only presentation
//! forms change letters; the caller declares those as `source.repairs`. Lines are not joined
//! or classified here.

use crate::chars::{is_arabic_letter, is_latin_letter, is_tatweel};

/// One kind of change made to a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Fix {
    /// Tatweel removed (how many).
    Tatweel(usize),
    /// The orthographic tatweel of a one-letter prefix before a number, kept joined (`لـ 10`).
    PrefixJoiner,
    /// Runs of spaces made one space (how many runs).
    Spaces(usize),
    /// A space restored after punctuation (how many).
    SpaceAfter(usize),
    /// A space before `،` or `؛` removed (how many).
    SpaceBefore(usize),
    /// A word of presentation forms replaced by its letters.
    Forms { from: String, to: String },
}

/// Zero-width joiner: keeps a letter in its joined form without a tatweel.
const ZWJ: char = '\u{200D}';

/// Arabic domain words that follow a dot in a site's name (`الجزيرة.نت`), not a sentence.
const DOMAIN_WORDS: [&str; 5] = ["نت", "كوم", "أورغ", "اورغ", "انفو"];

/// The repaired line and what was done to it.
pub(crate) fn clean(raw: &str) -> (String, Vec<Fix>) {
    let mut fixes = Vec::new();
    let text = tatweel(raw, &mut fixes);
    let text = forms(&text, &mut fixes);
    let text = spaces(&text, &mut fixes);
    let text = punctuation(&text, &mut fixes);
    (text, fixes)
}

fn tatweel(raw: &str, fixes: &mut Vec<Fix>) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    let mut removed = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !is_tatweel(c) {
            out.push(c);
            continue;
        }
        // `لـ 10`: a one-letter prefix standing alone before a number.
        let prefix = i >= 1
            && matches!(chars[i - 1], 'ل' | 'ب' | 'ك')
            && (i < 2 || !is_arabic_letter(chars[i - 2]));
        let rest: String = chars[i + 1..].iter().take(3).collect();
        let before_number = rest
            .trim_start_matches(|c: char| is_tatweel(c) || c == ' ')
            .starts_with(|c: char| crate::chars::is_digit(c));
        if prefix && before_number && !out.ends_with(ZWJ) {
            out.push(ZWJ);
            fixes.push(Fix::PrefixJoiner);
        } else if !(prefix && before_number) {
            removed += 1;
        }
    }
    if removed > 0 {
        fixes.push(Fix::Tatweel(removed));
    }
    out
}

/// The letters a presentation form (Forms-A or -B) shows.
fn form_letters(c: char) -> Option<String> {
    crate::chars::presentation_letters(c)
}

fn forms(text: &str, fixes: &mut Vec<Fix>) -> String {
    if !text.chars().any(|c| form_letters(c).is_some()) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.chars().any(|c| form_letters(c).is_some()) {
            let to: String = word
                .chars()
                .map(|c| form_letters(c).unwrap_or_else(|| c.to_string()))
                .collect();
            fixes.push(Fix::Forms {
                from: word.to_owned(),
                to: to.clone(),
            });
            out.push_str(&to);
        } else {
            out.push_str(word);
        }
    }
    out
}

fn spaces(text: &str, fixes: &mut Vec<Fix>) -> String {
    let trimmed = text.trim();
    let mut out = String::with_capacity(trimmed.len());
    let mut runs = 0;
    let mut pending = 0;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            pending += 1;
            continue;
        }
        if pending > 0 {
            out.push(' ');
            runs += usize::from(pending > 1);
            pending = 0;
        }
        out.push(c);
    }
    if runs > 0 {
        fixes.push(Fix::Spaces(runs));
    }
    out
}

fn is_letter(c: char) -> bool {
    is_arabic_letter(c) || is_latin_letter(c)
}

/// Whether the word around byte `at` is a link or a domain (`www.`, `://`, inside `<…>`).
fn in_link(text: &str, at: usize) -> bool {
    let start = text[..at].rfind(' ').map_or(0, |s| s + 1);
    let end = text[at..].find(' ').map_or(text.len(), |e| at + e);
    let word = &text[start..end];
    word.contains("://") || word.contains("www.") || word.starts_with('<')
}

fn punctuation(text: &str, fixes: &mut Vec<Fix>) -> String {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let (mut after, mut before) = (0, 0);
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, n)| n);
        // ` ،` after a word or number: the space goes.
        if c == ' '
            && matches!(next, Some('،' | '؛'))
            && prev.is_some_and(|p| is_letter(p) || crate::chars::is_digit(p))
        {
            before += 1;
            continue;
        }
        out.push(c);
        let Some(next) = next else { continue };
        let wanted = match c {
            '،' | '؛' | '؟' => is_letter(next) || crate::chars::is_digit(next),
            '.' => is_arabic_letter(next) && full_stop(&chars, k),
            _ => false,
        };
        if wanted && !in_link(text, at) {
            out.push(' ');
            after += 1;
        }
    }
    if after > 0 {
        fixes.push(Fix::SpaceAfter(after));
    }
    if before > 0 {
        fixes.push(Fix::SpaceBefore(before));
    }
    out
}

/// Whether the `.` at `k` ends a sentence glued to the next one: after a word of two letters
/// or more (not an abbreviation such as `د.` or `أ.د.`), before a word that is not a domain.
fn full_stop(chars: &[(usize, char)], k: usize) -> bool {
    let word_before = chars[..k]
        .iter()
        .rev()
        .take_while(|&&(_, c)| is_arabic_letter(c) || crate::chars::is_arabic_mark(c))
        .filter(|&&(_, c)| is_arabic_letter(c))
        .count();
    let word_after: String = chars[k + 1..]
        .iter()
        .map(|&(_, c)| c)
        .take_while(|&c| is_arabic_letter(c))
        .collect();
    let before_dot = k.checked_sub(1).map(|p| chars[p].1);
    word_before >= 2 && before_dot != Some('.') && !DOMAIN_WORDS.contains(&word_after.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_repaired_and_fixes_named() {
        let cases: &[(&str, &str)] = &[
            (
                " لم تصمـد حتى الآن  كثيرا.فالاتفاق",
                "لم تصمد حتى الآن كثيرا. فالاتفاق",
            ),
            ("كان واضحـا،في عقد", "كان واضحا، في عقد"),
            ("العام 2016 ،بعد توسعاتها", "العام 2016، بعد توسعاتها"),
            ("الجزيرة.نت، 2018/5/4", "الجزيرة.نت، 2018/5/4"),
            ("د.سعيد و أ.د.محمد", "د.سعيد و أ.د.محمد"),
            ("بقيمة 1.6 مليار", "بقيمة 1.6 مليار"),
            ("<https://a.b/ج.د>", "<https://a.b/ج.د>"),
            ("لـ 10 سنوات", "ل\u{200D} 10 سنوات"),
            ("أذربيجان ــــــــ    واجهت", "أذربيجان واجهت"),
            ("\u{FEB3}\u{FEE0}\u{FE8E}\u{FEE1} عليكم", "سلام عليكم"),
            ("وأذربيجان... المصالح", "وأذربيجان... المصالح"),
            ("العشرين،⁵ ولديها", "العشرين،⁵ ولديها"),
        ];
        for (raw, expected) in cases {
            assert_eq!(clean(raw).0, *expected, "{raw:?}");
        }
        let (_, fixes) = clean("تصمـد الـنار كثيرا.فالاتفاق  و ،ثم");
        assert_eq!(
            fixes,
            [
                Fix::Tatweel(2),
                Fix::Spaces(1),
                Fix::SpaceAfter(2),
                Fix::SpaceBefore(1)
            ]
        );
    }
}
