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
///
/// The line is read 64 bytes at a time as bit masks (white space, and the bytes a word can
/// start with: a letter or any byte beyond ASCII), without a branch per byte: a token starts
/// where white space ends, and one that starts with a letter is a word. Only the tokens that
/// start otherwise (digits, punctuation, markup such as `[^1]` or `{#id}`) are looked at one
/// by one.
fn scan(line: &str, prose: bool, words: &mut Words) {
    let bytes = line.as_bytes();
    let mut digits = prose && !words.arabic_indic;
    let first = bytes.iter().position(|b| !b.is_ascii_whitespace());
    // Whether the byte before the block is white space (the line's start counts as such), and
    // that byte's class if it leads an Arabic-Indic digit.
    let (mut after_space, mut before) = (1u64, 0u8);
    for (n, block) in bytes.chunks(64).enumerate() {
        let (mut space, mut letter, mut indic) = (0u64, 0u64, 0u8);
        for (j, &b) in block.iter().enumerate() {
            let class = BYTES[b as usize];
            space |= u64::from(class & SPACE) << j;
            letter |= u64::from((class & LETTER) >> 1) << j;
            indic |= before << 2 & class;
            before = class & (LEAD_D9 | LEAD_DB);
        }
        if digits && indic != 0 {
            // A digit somewhere in the line: is one outside code?
            words.arabic_indic = has_indic_digit_outside_code(bytes);
            digits = false;
        }
        let within = u64::MAX >> (64 - block.len());
        let starts = !space & (space << 1 | after_space) & within;
        after_space = space >> 63;
        words.count += (starts & letter).count_ones() as usize;
        let mut others = starts & !letter;
        while others != 0 {
            let at = n * 64 + others.trailing_zeros() as usize;
            others &= others - 1;
            let end = (bytes[at..].iter().position(u8::is_ascii_whitespace))
                .map_or(bytes.len(), |e| at + e);
            count_token(&bytes[at..end], prose && first == Some(at), words);
        }
    }
}

/// The byte classes of [`scan`], as bits: ASCII white space; a byte a word starts with (an
/// ASCII letter, or any byte beyond ASCII); and the two bytes of an Arabic-Indic digit, the
/// lead (D9 for ٠–٩, DB for ۰–۹) and the second byte of each kind (A0–A9, B0–B9), placed so
/// that a lead's bit moved up two is its second byte's.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const LEAD_D9: u8 = 4;
const LEAD_DB: u8 = 8;
const SECOND_D9: u8 = 16;
const SECOND_DB: u8 = 32;
const BYTES: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = match c {
            _ if c.is_ascii_whitespace() => SPACE,
            0xD9 => LETTER | LEAD_D9,
            0xDB => LETTER | LEAD_DB,
            0xA0..=0xA9 => LETTER | SECOND_D9,
            0xB0..=0xB9 => LETTER | SECOND_DB,
            0x80.. => LETTER,
            _ if c.is_ascii_alphabetic() => LETTER,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// Whether an Arabic-Indic digit (٠–٩, ۰–۹) starts at `bytes[i]`.
#[inline]
fn is_indic_digit(bytes: &[u8], i: usize) -> bool {
    let next = || bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        0xD9 => (0xA0..0xAA).contains(&next()),
        0xDB => (0xB0..0xBA).contains(&next()),
        _ => false,
    }
}

/// Whether a line with an Arabic-Indic digit has one outside its code spans.
fn has_indic_digit_outside_code(bytes: &[u8]) -> bool {
    let mut in_code = false;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'`' {
            in_code = !in_code;
        } else if !in_code && is_indic_digit(bytes, i) {
            return true;
        }
    }
    false
}

/// Counts a token that does not start with a letter unless it is markup: it has no letter or
/// digit, or it is a list item's number at the start of a prose line (`leading`), a note
/// reference, a heading's attributes or `{sic}`.
fn count_token(token: &[u8], leading: bool, words: &mut Words) {
    let markup = (leading && is_item_number(token))
        || token.starts_with(b"[^") && token.ends_with(b"]")
        || token.starts_with(b"{#")
        || token.starts_with(b"{.")
        || token == b"{sic}";
    let wordy = token
        .iter()
        .any(|&b| b >= 0x80 || b.is_ascii_alphanumeric());
    if wordy && !markup {
        words.count += 1;
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

    /// A line is read 64 bytes at a time: a word, a digit or markup across the boundary.
    #[test]
    fn lines_longer_than_a_block() {
        let letters = "a".repeat(63);
        let line = |rest: &str| count(&format!("{letters}{rest}\n"));
        // «٣» is D9 A3: its first byte is the block's last.
        assert_eq!(
            line("٣"),
            Words {
                count: 1,
                arabic_indic: true
            }
        );
        assert_eq!(
            line(" [^1] {#id} word"),
            Words {
                count: 2,
                arabic_indic: false
            }
        );
        assert_eq!(
            line(" - 12. x"),
            Words {
                count: 3,
                arabic_indic: false
            }
        );
        assert_eq!(
            line(" `٣`"),
            Words {
                count: 2,
                arabic_indic: false
            }
        );
        let long = "كلمة ".repeat(100);
        assert_eq!(count(&long).count, 100);
    }

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
