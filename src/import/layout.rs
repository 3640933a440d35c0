//! Page furniture and portrait captions: text the printed page carried that is not part of the
//! paper's running text. Each find is declared as a `source.removed` entry.
//!
//! - a page-numbered table of contents: a run of three or more lines that pair a title with a
//!   page number, under a «فهرس المحتويات» line or with titles the text repeats later; its
//!   titles are kept so `headings` can recognise the body's headings;
//! - page numbers: a line that is only a number (`12`, `- 12 -`, `(12)`, `صفحة 12`);
//! - running heads and feet: the same short line three times or more (numbers aside), except
//!   on the cover, before the first long line;
//! - portrait captions: a name of one to four words alone on its line, no punctuation, whose
//!   words stand together in a text line nearby (the photograph showed the person named).

use std::collections::HashMap;

use super::{Kind, Source, comparable, word_count};
use crate::chars::{digit_value, is_arabic_letter};

/// Titles that announce a table of contents.
const TOC_TITLES: [&str; 7] = [
    "فهرس المحتويات",
    "المحتويات",
    "الفهرس",
    "فهرس",
    "محتويات",
    "Contents",
    "Table of Contents",
];

/// The titles listed in the table of contents (none when there is none).
pub(super) fn furniture(source: &mut Source) -> Vec<String> {
    let toc = table_of_contents(source);
    page_numbers(source);
    running_heads(source);
    toc
}

/// `2\tمقدمة` or `مقدمة ........ 2`: the entry's title without its page number.
fn toc_entry(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 2 || words.len() > 20 {
        return None;
    }
    let number = |w: &str| w.len() <= 4 && w.chars().all(|c| digit_value(c).is_some());
    let title = if number(words[0]) {
        words[1..].join(" ")
    } else if number(words[words.len() - 1]) {
        words[..words.len() - 1].join(" ")
    } else {
        return None;
    };
    let title = title.trim_matches(|c: char| matches!(c, '.' | '…' | '_' | '·' | ' ' | '-'));
    (title.chars().any(|c| c.is_alphabetic())).then(|| comparable(title))
}

fn table_of_contents(source: &mut Source) -> Vec<String> {
    let n = source.lines.len();
    let mut i = 0;
    while i < n {
        let mut entries = Vec::new();
        let mut j = i;
        let mut last = i;
        while j < n {
            match source.kinds[j] {
                Kind::Blank => {}
                Kind::Text => match toc_entry(&source.lines[j].text) {
                    Some(title) => {
                        entries.push(title);
                        last = j;
                    }
                    None => break,
                },
                _ => break,
            }
            j += 1;
        }
        if entries.len() >= 3 {
            // The «فهرس المحتويات» line just above belongs to it.
            let mut first = i;
            let mut k = i;
            while k > 0 && i - k < 4 {
                k -= 1;
                if source.kinds[k] == Kind::Blank {
                    continue;
                }
                if TOC_TITLES.contains(&comparable(&source.lines[k].text).as_str()) {
                    first = k;
                }
                break;
            }
            // Without its title, a numbered list is a table of contents only when the text
            // repeats its titles later (as headings).
            let repeated = source.lines[last + 1..]
                .iter()
                .filter(|l| entries.contains(&comparable(&l.text)))
                .count();
            if first == i && repeated < 2 {
                i = last + 1;
                continue;
            }
            source.remove(first, last, "page-numbered table of contents");
            let titles: Vec<String> = entries
                .into_iter()
                .filter(|t| !TOC_TITLES.contains(&t.as_str()))
                .collect();
            return titles;
        }
        i += 1;
    }
    Vec::new()
}

/// `12`, `- 12 -`, `(12)`, `[12]`, `صفحة 12`, `Page 12`.
fn is_page_number(text: &str) -> bool {
    let t = text
        .trim_start_matches("صفحة")
        .trim_start_matches("Page")
        .trim_matches(|c: char| matches!(c, '-' | '–' | '—' | '(' | ')' | '[' | ']' | '|' | ' '));
    // Three digits at most: a year alone on a line (a cover's date) is not a page number.
    !t.is_empty() && t.chars().count() <= 3 && t.chars().all(|c| digit_value(c).is_some())
}

fn page_numbers(source: &mut Source) {
    for i in 0..source.lines.len() {
        if source.kinds[i] == Kind::Text && is_page_number(&source.lines[i].text) {
            source.remove(i, i, "page number");
        }
    }
}

/// The form a running head is counted in: numbers (page numbers) left out.
fn head_key(text: &str) -> String {
    comparable(text)
        .chars()
        .filter(|c| digit_value(*c).is_none())
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn running_heads(source: &mut Source) {
    let candidate = |text: &str| {
        let words = word_count(text);
        (1..=12).contains(&words)
            && !text.ends_with(['.', '؟', '?', '!'])
            && !text.starts_with(|c: char| super::superscript_value(c).is_some())
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (line, kind) in source.lines.iter().zip(&source.kinds) {
        if *kind == Kind::Text && candidate(&line.text) {
            *counts.entry(head_key(&line.text)).or_insert(0) += 1;
        }
    }
    // On the cover the same line is the journal's or publisher's name, for `cover` to read.
    let first_long = (source.lines.iter().zip(&source.kinds))
        .position(|(l, k)| *k == Kind::Text && word_count(&l.text) > 12)
        .unwrap_or(0);
    for i in first_long..source.lines.len() {
        if source.kinds[i] != Kind::Text || !candidate(&source.lines[i].text) {
            continue;
        }
        let key = head_key(&source.lines[i].text);
        let times = counts.get(&key).copied().unwrap_or(0);
        if times >= 3 && key.chars().any(char::is_alphabetic) {
            source.remove(
                i,
                i,
                format!("running head or foot (printed {times} times)"),
            );
        }
    }
}

/// How far (in non-blank lines) a caption's name is looked for in the text.
const CAPTION_REACH: usize = 4;

/// Removes portrait captions; their line indices, in order.
pub(super) fn captions(source: &mut Source) -> Vec<usize> {
    let mut found = Vec::new();
    for i in 0..source.lines.len() {
        if source.kinds[i] != Kind::Text {
            continue;
        }
        let text = &source.lines[i].text;
        let words = word_count(text);
        let name_like =
            (1..=4).contains(&words) && text.chars().all(|c| is_arabic_letter(c) || c == ' ');
        let alone = source.blanks_before(i) > 0 && source.blanks_after(i) > 0;
        if !name_like || !alone || !named_nearby(source, i) {
            continue;
        }
        source.remove_named(i, "portrait caption");
        found.push(i);
    }
    found
}

/// Whether the words of line `i` stand together in a text line near it.
fn named_nearby(source: &Source, i: usize) -> bool {
    let name = format!(" {} ", source.lines[i].text);
    let text_lines = |range: Box<dyn Iterator<Item = usize>>| {
        range
            .filter(|&j| matches!(source.kinds[j], Kind::Text | Kind::Item))
            .filter(|&j| word_count(&source.lines[j].text) > 4)
            .take(CAPTION_REACH)
            .collect::<Vec<_>>()
    };
    let before = text_lines(Box::new((0..i).rev()));
    let after = text_lines(Box::new(i + 1..source.lines.len()));
    before.into_iter().chain(after).any(|j| {
        let spaced: String = source.lines[j]
            .text
            .chars()
            .map(|c| if is_arabic_letter(c) { c } else { ' ' })
            .collect();
        let spaced = format!(
            " {} ",
            spaced.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        spaced.contains(&name)
    })
}
