//! What a paper's reading time is made from, counted in its body's Markdown source while it
//! is loaded: the words a reader reads and whether its prose writes numbers in Arabic-Indic
//! digits. Counting here, before any Markdown is parsed, lets the listings (which show every
//! paper's reading time) be made alongside the document stage instead of after it; the paper's
//! own pages show the same count.
//!
//! The count follows the rendered body's text (`Body::words` in `markdown/model.rs` counts it
//! there, and the tests hold the two together): runs of characters between white space, a word ending
//! where a line does; a run with no letter or digit (a list bullet, `#`, `>`, a table's `|`)
//! is markup, not a word, and so are a list item's number, a note reference standing alone
//! (`[^3]`), a heading's attributes (`{#id}`) and the editor's `{sic}`. Note definitions
//! (`[^3]: …` with their lazy and indented continuation lines) are left out, as the reader
//! reads them beside the text; code is counted, as it is read.
//!
//! The digits: a body whose prose (code left out) has an Arabic-Indic digit (٠–٩ or ۰–۹)
//! writes its numbers in them. The Markdown stage decides the body's style by the majority of
//! its prose digits and warns at the first digit of the minority, so the two agree on every
//! body without that warning.
//!
//! One pass over the bytes, nothing allocated.

/// What a body's reading time is made from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words {
    /// The words a reader reads (notes left out).
    pub(crate) count: usize,
    /// Whether the prose writes its numbers in Arabic-Indic digits.
    pub(crate) arabic_indic: bool,
}

/// The words and digit style of the Markdown `body`.
pub(crate) fn count(body: &str) -> Words {
    let mut words = Words::default();
    // The open code fence: its character and length.
    let mut fence: Option<(u8, usize)> = None;
    // Inside a note definition; and whether the line before was blank.
    let mut in_note = false;
    let mut after_blank = false;
    for line in body.lines() {
        let text = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - text.len();
        let blank = text.is_empty();
        if let Some((c, n)) = fence {
            if indent < 4 && closes_fence(text, c, n) {
                fence = None;
            } else if !in_note {
                scan(text, false, &mut words);
            }
            continue;
        }
        if in_note && !blank && (!after_blank || indent >= 2) {
            // A lazy continuation of the note's paragraph, or an indented block of it.
        } else if !blank && indent < 4 && is_note_definition(text) {
            in_note = true;
        } else if !blank {
            in_note = false;
        }
        after_blank = blank;
        if blank || in_note {
            continue;
        }
        if indent < 4
            && let Some(open) = opens_fence(text)
        {
            fence = Some(open);
            continue;
        }
        scan(text, true, &mut words);
    }
    words
}

/// Counts the words of one line (its leading white space removed) and, when `prose`, looks
/// for an Arabic-Indic digit outside its code spans.
fn scan(line: &str, prose: bool, words: &mut Words) {
    let mut first = true;
    let mut in_code = false;
    for token in line.split_ascii_whitespace() {
        let bytes = token.as_bytes();
        if prose {
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'`' {
                    in_code = !in_code;
                } else if !in_code
                    && ((b == 0xD9 && bytes.get(i + 1).is_some_and(|n| (0xA0..0xAA).contains(n)))
                        || (b == 0xDB
                            && bytes.get(i + 1).is_some_and(|n| (0xB0..0xBA).contains(n))))
                {
                    words.arabic_indic = true;
                }
            }
        }
        let markup = (first && prose && is_item_number(bytes))
            || token.starts_with("[^") && token.ends_with(']')
            || token.starts_with("{#")
            || token.starts_with("{.")
            || token == "{sic}";
        first = false;
        if !markup
            && bytes
                .iter()
                .any(|&b| b >= 0x80 || b.is_ascii_alphanumeric())
        {
            words.count += 1;
        }
    }
}

/// `1.` or `12)`: an ordered list item's number.
fn is_item_number(token: &[u8]) -> bool {
    match token.split_last() {
        Some((b'.' | b')', digits)) => {
            !digits.is_empty() && digits.len() <= 9 && digits.iter().all(u8::is_ascii_digit)
        }
        _ => false,
    }
}

/// `[^label]: …`: the first line of a note definition.
fn is_note_definition(text: &str) -> bool {
    text.strip_prefix("[^")
        .and_then(|rest| {
            rest.find("]:")
                .map(|end| end > 0 && !rest[..end].contains(']'))
        })
        .unwrap_or(false)
}

/// The fence a line opens: three or more backticks or tildes.
fn opens_fence(text: &str) -> Option<(u8, usize)> {
    let c = *text.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = text.bytes().take_while(|&b| b == c).count();
    // A backtick fence's info string has no backtick.
    (n >= 3 && (c == b'~' || !text[n..].contains('`'))).then_some((c, n))
}

/// Whether a line closes the fence of `n` characters `c`.
fn closes_fence(text: &str, c: u8, n: usize) -> bool {
    let run = text.bytes().take_while(|&b| b == c).count();
    run >= n && text[run..].trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn words_and_digits_of_bodies() {
        let cases = [
            ("", 0, false),
            ("كلمة واحدة، ثم *ثلاث*كلمات.\n", 4, false),
            (
                "# عنوان القسم {#qism}\n\nفقرة[^1] أولى\nوسطر `code here`.\n\n[^1]: حاشية لا تُعد\n",
                7,
                false,
            ),
            ("- one\n- two three\n\n> quoted\n", 4, false),
            (
                "1. one\n2. two\n\n| a | b |\n|---|---|\n| c | d |\n",
                6,
                false,
            ),
            // A note's lazy and indented continuations are the note's; the text after is not.
            (
                "نص.\n\n[^a]: حاشية\nتتمة\n\n    فقرة منها\n\nبعد الحاشية\n",
                3,
                false,
            ),
            ("عام ٢٠٢٠ [^2] {sic}\n", 2, true),
            // Digits in code are the code's: counted as words, not as the prose's style.
            ("`٤٤` نص\n\n```\n١٢ سطر\n```\n", 4, false),
            ("~~~ info\nx = 1\n~~~\nبعد\n", 3, false),
            ("عام ۱۲\n", 2, true),
        ];
        for (body, n, arabic_indic) in cases {
            let expected = Words {
                count: n,
                arabic_indic,
            };
            assert_eq!(count(body), expected, "{body:?}");
        }
    }

    /// The source count against the rendered body's on the seed papers: the same digit style,
    /// words within half a percent.
    #[test]
    fn the_seed_papers_count_as_their_rendered_bodies() {
        use crate::markdown::digits::DigitStyle;
        let papers = [
            include_str!("../../content/azerbaijan-turkey-israel.md"),
            include_str!("../../content/karabakh-2020-turkey-russia.md"),
            include_str!("../../content/turkey-karabakh-2020.md"),
        ];
        for text in papers {
            let path = std::path::Path::new("paper.md");
            let (doc, _) = crate::content::document::document(path, text.into(), Lang::Ar);
            let doc = doc.expect("a seed paper loads");
            let rendered = crate::pipeline::render_markdown(&doc, false, &mut Vec::new());
            let (source, model) = (doc.words.count, rendered.model.words());
            assert!(
                source.abs_diff(model) * 200 <= model,
                "{}: {source} words in the source, {model} rendered",
                doc.meta.slug
            );
            let indic = rendered.model.digits == DigitStyle::ArabicIndic;
            assert_eq!(doc.words.arabic_indic, indic, "{}", doc.meta.slug);
        }
    }
}
