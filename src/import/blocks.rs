//! Lines into blocks: paragraphs joined across hard wraps, blank lines, page breaks, footnote
//! blocks and captions; headings and list items; the abstracts' paragraphs set aside.
//!
//! A paragraph goes on while its last line leaves a sentence unfinished (no `.` `؟` `!` `:`
//! at its end, footnote markers aside). A finished line ends the paragraph when it is short
//! against the text's line width, or a blank line follows it; in a text whose lines are not
//! wrapped at a width (one line per paragraph) every finished line ends its paragraph. A short
//! line standing alone after a finished paragraph, with no sentence end, is a heading.

use super::{Abstract, Kind, Source, word_count};

/// What a block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    Paragraph,
    Item,
    Heading(u8),
}

/// A paragraph, list item or heading, with the source lines it was made of.
#[derive(Clone, Debug)]
pub(crate) struct Block {
    pub(crate) kind: BlockKind,
    /// 1-based source lines.
    pub(crate) lines: Vec<usize>,
    pub(crate) text: String,
}

/// The body's blocks, and the abstracts (text and source lines).
pub(crate) struct Assembled {
    pub(crate) blocks: Vec<Block>,
    pub(crate) abstracts: Vec<(Abstract, String, Vec<usize>)>,
}

/// Words at most in a line standing alone that is taken for a heading.
const SHORT_HEADING: usize = 8;

/// Whether a line leaves its sentence finished.
pub(crate) fn finished(text: &str) -> bool {
    let t =
        text.trim_end_matches(|c: char| c.is_whitespace() || super::superscript_value(c).is_some());
    let t = t.trim_end_matches(['"', '”', '»', ')', '\'', '’', ']']);
    t.ends_with(['.', '؟', '?', '!', ':', '…'])
}

/// The width hard-wrapped lines are set to, when the text is wrapped; `None` when each
/// paragraph is one line.
fn wrap_width(source: &Source) -> Option<usize> {
    let mut lengths: Vec<usize> = (source.lines.iter().zip(&source.kinds))
        .filter(|(_, k)| **k == Kind::Text)
        .map(|(l, _)| l.text.chars().count())
        .filter(|&n| n >= 20)
        .collect();
    if lengths.len() < 5 {
        return None;
    }
    lengths.sort_unstable();
    let p90 = lengths[lengths.len() * 9 / 10];
    let median = lengths[lengths.len() / 2];
    // Wrapped text: most lines come near the width.
    (median * 4 >= p90 * 3 && p90 <= 200).then_some(p90)
}

/// The median length of the text's lines, in characters.
fn typical_length(source: &Source) -> usize {
    let mut lengths: Vec<usize> = (source.lines.iter().zip(&source.kinds))
        .filter(|(_, k)| **k == Kind::Text)
        .map(|(l, _)| l.text.chars().count())
        .collect();
    lengths.sort_unstable();
    lengths.get(lengths.len() / 2).copied().unwrap_or(0)
}

pub(super) fn assemble(source: &mut Source) -> Assembled {
    let width = wrap_width(source);
    let typical = typical_length(source);
    let short = |text: &str| width.is_none_or(|w| text.chars().count() * 100 < w * 85);
    let mut blocks: Vec<Block> = Vec::new();
    let mut abstracts: Vec<(Abstract, String, Vec<usize>)> = Vec::new();
    let mut abstract_open: Option<Abstract> = None;
    // The block lines are being added to, if it may still grow.
    let mut open: Option<usize> = None;
    let mut gap = 0;
    let n = source.lines.len();
    for i in 0..n {
        let kind = source.kinds[i];
        let text = source.lines[i].text.clone();
        let number = source.lines[i].number;
        match kind {
            Kind::Blank => {
                gap += 1;
                continue;
            }
            Kind::Removed | Kind::Cover | Kind::NoteStart | Kind::NoteMore => continue,
            Kind::AbstractLabel(which) => {
                abstract_open = Some(which);
                open = None;
            }
            Kind::Heading(level) => {
                abstract_open = None;
                open = None;
                blocks.push(heading(level, number, &text));
            }
            Kind::Item => {
                let item = text
                    .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '"')
                    .to_owned();
                blocks.push(Block {
                    kind: BlockKind::Item,
                    lines: vec![number],
                    text: item,
                });
                open = Some(blocks.len() - 1);
            }
            Kind::Text => {
                if let Some(&(_, which)) = source.abstract_starts.iter().find(|(l, _)| *l == number)
                {
                    abstract_open = Some(which);
                    open = None;
                }
                let continues = open.is_some_and(|j| {
                    let last = blocks[j].text.as_str();
                    !finished(last) || (!short(last_line(source, &blocks[j])) && gap == 0)
                });
                let alone = gap > 0 && source.blanks_after(i) > 0;
                if let Some(j) = open.filter(|_| continues) {
                    blocks[j].text.push(' ');
                    blocks[j].text.push_str(&text);
                    blocks[j].lines.push(number);
                } else if alone
                    && abstract_open.is_none()
                    && word_count(&text) <= SHORT_HEADING
                    && text.chars().count() * 2 < typical
                    && text.chars().any(crate::chars::is_arabic_letter)
                    && !finished(&text.replace(':', ""))
                    && text.chars().any(char::is_alphabetic)
                    && next_is_text(source, i)
                {
                    source.kinds[i] = Kind::Heading(2);
                    blocks.push(heading(2, number, &text));
                    open = None;
                } else {
                    blocks.push(Block {
                        kind: BlockKind::Paragraph,
                        lines: vec![number],
                        text,
                    });
                    open = Some(blocks.len() - 1);
                }
            }
        }
        gap = 0;
    }
    // Paragraphs after an abstract label up to the next heading are that abstract.
    let mut starts: Vec<(usize, Abstract)> = (0..n)
        .filter_map(|i| match source.kinds[i] {
            Kind::AbstractLabel(w) => Some((i + 1, w)),
            _ => None,
        })
        .chain(source.abstract_starts.iter().copied())
        .collect();
    starts.sort_by_key(|&(line, _)| line);
    let mut labels = starts.into_iter().peekable();
    let mut current: Option<Abstract> = None;
    let mut body = Vec::with_capacity(blocks.len());
    for block in blocks {
        while let Some(&(line, which)) = labels.peek() {
            if line > block.lines[0] {
                break;
            }
            current = Some(which);
            labels.next();
        }
        if matches!(block.kind, BlockKind::Heading(_)) {
            current = None;
        }
        match current.filter(|_| block.kind == BlockKind::Paragraph) {
            Some(which) => match abstracts.iter_mut().find(|(w, _, _)| *w == which) {
                Some((_, text, lines)) => {
                    text.push(' ');
                    text.push_str(&block.text);
                    lines.extend(&block.lines);
                }
                None => abstracts.push((which, block.text, block.lines)),
            },
            None => body.push(block),
        }
    }
    Assembled {
        blocks: body,
        abstracts,
    }
}

fn heading(level: u8, number: usize, text: &str) -> Block {
    Block {
        kind: BlockKind::Heading(level),
        lines: vec![number],
        text: super::headings::heading_text(text),
    }
}

/// The source text of a block's last line.
fn last_line<'a>(source: &'a Source, block: &Block) -> &'a str {
    let last = block.lines.last().copied().unwrap_or(1);
    &source.lines[last - 1].text
}

/// Whether the next line with words after `i` is running text.
fn next_is_text(source: &Source, i: usize) -> bool {
    (i + 1..source.lines.len())
        .find(|&j| !matches!(source.kinds[j], Kind::Blank | Kind::Removed))
        .is_some_and(|j| {
            source.kinds[j] == Kind::Text && word_count(&source.lines[j].text) > SHORT_HEADING
        })
}

#[cfg(test)]
mod tests {
    use super::finished;

    #[test]
    fn sentence_ends_ignore_markers_and_closing_quotes() {
        for (text, expected) in [
            ("لم يصمدوا حتى لساعات.", true),
            ("باكو.²", true),
            ("حدودها\".²⁰", true),
            ("على أنه:", true),
            ("في حرب القوقاز في", false),
            ("العشرين،⁵", false),
            ("الأذري –", false),
        ] {
            assert_eq!(finished(text), expected, "{text}");
        }
    }
}
