//! The presentation markup the passes write into a body: permalinks, note references,
//! backlinks, the tags around Latin islands and the editor's marks. It comes from the template
//! `partials/body.html`, rendered once when the templates are loaded (`render` does that and
//! never lets Tera in here): each snippet is kept as text pieces with holes for its values, so
//! writing one is a few string copies. [`BodyMarkup::default`] is what the built-in template
//! gives.

/// Marks hole `n` of a snippet: this character followed by the digit `n`. A private-use
/// character, which no template escapes or writes by chance.
pub const HOLE: char = '\u{E000}';

/// The text that stands for value `n` while a snippet is rendered.
pub fn hole(n: usize) -> String {
    format!("{HOLE}{n}")
}

/// One piece of a [`Pattern`]: text as written, or the place of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Text(String),
    Value(usize),
}

/// A snippet of markup with holes for values, which are written in as given (already
/// escaped and quoted by the pass).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pieces: Vec<Piece>,
}

impl Pattern {
    /// The pattern of `text`, in which [`hole`]`(n)` marks value `n`, for `n` below `values`;
    /// any other use of [`HOLE`] is kept as text.
    pub fn parse(text: &str, values: usize) -> Pattern {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(at) = rest.find(HOLE) {
            literal.push_str(&rest[..at]);
            let after = &rest[at + HOLE.len_utf8()..];
            let n = after
                .as_bytes()
                .first()
                .filter(|b| b.is_ascii_digit())
                .map(|b| usize::from(b - b'0'))
                .filter(|&n| n < values);
            match n {
                Some(n) => {
                    if !literal.is_empty() {
                        pieces.push(Piece::Text(std::mem::take(&mut literal)));
                    }
                    pieces.push(Piece::Value(n));
                    rest = &after[1..];
                }
                None => {
                    literal.push(HOLE);
                    rest = after;
                }
            }
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            pieces.push(Piece::Text(literal));
        }
        Pattern { pieces }
    }

    /// Appends the snippet to `out` with `values` in its holes (a hole without a value is left
    /// empty).
    pub fn write(&self, out: &mut String, values: &[&str]) {
        for piece in &self.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Value(n) => out.push_str(values.get(*n).copied().unwrap_or_default()),
            }
        }
    }

    /// The length of the snippet's own text, without its values.
    pub fn len(&self) -> usize {
        (self.pieces.iter())
            .map(|piece| match piece {
                Piece::Text(text) => text.len(),
                Piece::Value(_) => 0,
            })
            .sum()
    }

    /// Whether the snippet has no text of its own.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The snippets of `partials/body.html`, each with its values in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyMarkup {
    /// The link after a heading or paragraph to itself: `href`, `label`.
    pub permalink: Pattern,
    /// A reference to a note: `id`, `href`, `label`, `number`.
    pub note_ref: Pattern,
    /// A link from a note back to one of its references: `href`, `label`, `letter`.
    pub backlink: Pattern,
    /// The paragraph that holds a note's backlinks when the note does not end with a
    /// paragraph: `links`.
    pub backlinks: Pattern,
    /// Opens a Latin island of Arabic text.
    pub island_open: String,
    /// Closes a Latin island.
    pub island_close: String,
    /// The editor's mark after a slip that is the source's own: `lang`, `label`, `mark`.
    pub sic: Pattern,
    /// Words the editor supplied: `lang`, `label`, `words`.
    pub supplied: Pattern,
}

impl BodyMarkup {
    /// The built-in markup, made once.
    pub fn builtin() -> &'static BodyMarkup {
        static BUILTIN: std::sync::LazyLock<BodyMarkup> =
            std::sync::LazyLock::new(BodyMarkup::default);
        &BUILTIN
    }
}

/// How many values each pattern of [`BodyMarkup`] takes, in field order.
pub const VALUES: [usize; 6] = [2, 4, 3, 1, 3, 3];

impl Default for BodyMarkup {
    /// What the built-in `partials/body.html` gives (a test in `render` checks that).
    fn default() -> Self {
        let [permalink, note_ref, backlink, backlinks, sic, supplied] = VALUES;
        BodyMarkup {
            permalink: Pattern::parse(
                "<a class=permalink href=\u{E000}0 aria-label=\u{E000}1></a>",
                permalink,
            ),
            note_ref: Pattern::parse(
                "<sup class=fnref><a id=\u{E000}0 href=\u{E000}1 role=doc-noteref aria-label=\u{E000}2>\u{E000}3</a></sup>",
                note_ref,
            ),
            backlink: Pattern::parse(
                "<a href=\u{E000}0 class=fn-back role=doc-backlink aria-label=\u{E000}1>↑\u{E000}2</a>",
                backlink,
            ),
            backlinks: Pattern::parse("<p class=fn-backlinks>\u{E000}0</p>", backlinks),
            island_open: super::bidi::OPEN.to_string(),
            island_close: super::bidi::CLOSE.to_string(),
            sic: Pattern::parse(
                "<small class=sic lang=\u{E000}0 role=note aria-label=\u{E000}1>\u{E000}2</small>",
                sic,
            ),
            supplied: Pattern::parse(
                "<ins class=supplied lang=\u{E000}0 title=\u{E000}1>[\u{E000}2]</ins>",
                supplied,
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_fill_the_holes_in_any_order() {
        let pattern = Pattern::parse(
            &format!("<b {}>{}{}{HOLE}9</b>", hole(1), hole(0), hole(1)),
            2,
        );
        let mut out = String::new();
        pattern.write(&mut out, &["x", "y"]);
        assert_eq!(out, format!("<b y>xy{HOLE}9</b>"));
        assert_eq!(
            pattern.len(),
            "<b >".len() + "</b>".len() + HOLE.len_utf8() + 1
        );
    }
}
