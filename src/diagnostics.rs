//! Messages for editors about their content: errors and warnings with a position in a file.
//!
//! A build collects every diagnostic of every file and prints them all at once, sorted by
//! file and position. Environment failures (a missing folder, a broken template) are not
//! diagnostics: they stop the build and are [`crate::error::Error`]s.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::source_map::SourceMap;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) enum Severity {
    /// The build fails (exit code 1) and nothing is written.
    Error,
    /// The build succeeds, but the editor should look.
    Warning,
}

/// One message about one place in one content file (kept in a build's record, which is
/// why it can be serialized).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub(crate) severity: Severity,
    /// The file, as the editor named it (relative to the working directory when possible).
    pub(crate) file: PathBuf,
    /// 1-based line in the file.
    pub line: usize,
    /// 1-based column in the file, in characters.
    pub column: usize,
    /// The front matter field or Markdown construct concerned, e.g. `slug` or `footnote [^3]`.
    pub(crate) field: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub(crate) hint: Option<String>,
}

impl Diagnostic {
    /// An error at `line`:`column` of `file`.
    pub(crate) fn error(
        file: &Path,
        (line, column): (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            line,
            column,
            field: None,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning at `line`:`column` of `file`.
    pub(crate) fn warning(
        file: &Path,
        position: (usize, usize),
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, position, message)
        }
    }

    /// Names the field or construct the message is about.
    pub(crate) fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a hint on how to fix it.
    pub(crate) fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the field or construct, in place (for diagnostics already recorded).
    pub(crate) fn set_field(&mut self, field: impl Into<String>) -> &mut Self {
        self.field = Some(field.into());
        self
    }

    /// Adds a hint, in place.
    pub(crate) fn set_hint(&mut self, hint: impl Into<String>) -> &mut Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors, which fail the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: ",
            Shown(&self.file.to_string_lossy()),
            self.line,
            self.column
        )?;
        if let Some(field) = &self.field {
            write!(f, "{}: ", Shown(field))?;
        }
        write!(f, "{}", Shown(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", Shown(hint))?;
        }
        Ok(())
    }
}

/// Text from content (file names, keys, values) made safe for a terminal: control characters
/// (a newline or an escape sequence in a file name could forge or recolour lines) and
/// invisible marks are written as `\u{…}`, so the editor sees exactly what is there.
struct Shown<'a>(&'a str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Most messages are plain printable ASCII (paths, keys, ids): nothing to look for.
        if self.0.bytes().all(|b| matches!(b, b' '..=b'~')) {
            return f.write_str(self.0);
        }
        // Runs of characters shown as they are go out whole.
        let mut shown = 0;
        for (at, c) in self.0.char_indices() {
            if c.is_control() || crate::chars::is_invisible(c) {
                f.write_str(&self.0[shown..at])?;
                write!(f, "\\u{{{:x}}}", c as u32)?;
                shown = at + c.len_utf8();
            }
        }
        f.write_str(&self.0[shown..])
    }
}

/// Diagnostics of one file, positioned by byte offsets into its text.
pub struct FileDiagnostics<'a> {
    file: &'a Path,
    text: &'a str,
    /// The text's lines, found on the first position asked for (most files have no problem).
    map: std::cell::OnceCell<SourceMap<'a>>,
    /// What has been reported so far, in the order it was found.
    pub list: Vec<Diagnostic>,
}

impl<'a> FileDiagnostics<'a> {
    /// Starts collecting diagnostics for `file`, whose full text is `text`.
    pub fn new(file: &'a Path, text: &'a str) -> Self {
        FileDiagnostics {
            file,
            text,
            map: std::cell::OnceCell::new(),
            list: Vec::new(),
        }
    }

    /// The file's line and column of byte `offset`.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        self.map
            .get_or_init(|| SourceMap::new(self.text))
            .position(offset)
    }

    /// Records an error at byte `offset` and returns it for hints and fields.
    pub(crate) fn error(&mut self, offset: usize, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = Diagnostic::error(self.file, self.position(offset), message);
        self.push(diagnostic)
    }

    /// Records a warning at byte `offset` and returns it for hints and fields.
    pub(crate) fn warning(&mut self, offset: usize, message: impl Into<String>) -> &mut Diagnostic {
        let diagnostic = Diagnostic::warning(self.file, self.position(offset), message);
        self.push(diagnostic)
    }

    fn push(&mut self, diagnostic: Diagnostic) -> &mut Diagnostic {
        self.list.push(diagnostic);
        self.list.last_mut().expect("just pushed")
    }
}

/// Sorts diagnostics by file and position so output does not depend on discovery order.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
}

/// True when any diagnostic is an error.
pub(crate) fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The candidate closest to `word` when it is close enough to be what was meant (at most two
/// edits, or a third of the candidate's length, and fewer than the shorter has letters): the one "did you mean" of every hint (front
/// matter keys, the paper's files, a page's ids, the editor's fields). Ties go to the
/// candidate first in sorted order.
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(word, candidate), candidate))
        .filter(|(distance, candidate)| {
            // Not a word all of whose letters would change (`s9` is not a slip for `p1`).
            *distance <= 2.max(candidate.len() / 3)
                && *distance < word.chars().count().min(candidate.chars().count())
        })
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_escapes_controls_and_invisible_marks_only() {
        let shown = |s: &str| Shown(s).to_string();
        // Printable ASCII, the common case, goes out as it is, space and tilde included.
        assert_eq!(shown(" a/b.md: `x` ~"), " a/b.md: `x` ~");
        // Controls at both ends of ASCII, and an escape sequence, are written out.
        assert_eq!(shown("a\tb\x7fc\x1b[31m"), "a\\u{9}b\\u{7f}c\\u{1b}[31m");
        assert_eq!(shown("line\nforged"), "line\\u{a}forged");
        // Arabic stays; a direction mark in it does not hide.
        assert_eq!(shown("عنوان\u{200f}"), "عنوان\\u{200f}");
    }

    #[test]
    fn display_shape() {
        let d = Diagnostic::error(
            Path::new("content/a.md"),
            (4, 1),
            "unknown front matter key `tittle`",
        )
        .hint("did you mean `title`?");
        assert_eq!(
            d.to_string(),
            "content/a.md:4:1: error: unknown front matter key `tittle`\n  hint: did you mean `title`?"
        );
        let w = Diagnostic::warning(Path::new("b.md"), (2, 3), "never referenced")
            .field("footnote [^x]");
        assert_eq!(
            w.to_string(),
            "b.md:2:3: warning: footnote [^x]: never referenced"
        );
    }

    #[test]
    fn positions_come_from_offsets() {
        let text = "---\nslug: x\n";
        let mut diags = FileDiagnostics::new(Path::new("f.md"), text);
        diags
            .error(text.find('x').unwrap(), "bad")
            .set_field("slug");
        assert_eq!(diags.list[0].to_string(), "f.md:2:7: error: slug: bad");
    }

    #[test]
    fn edit_distances_and_the_closest_candidate() {
        let cases = [
            ("tittle", "title", 1),
            ("tilte", "title", 1),
            ("slug", "slug", 0),
            ("", "ab", 2),
        ];
        for (a, b, d) in cases {
            assert_eq!(edit_distance(a, b), d, "{a} {b}");
        }
        let ids = ["introduction", "scenarios", "s1", "fn-1"];
        assert_eq!(closest("senarios", ids), Some("scenarios"));
        assert_eq!(closest("introdution", ids), Some("introduction"));
        assert_eq!(closest("conclusion", ids), None);
        assert_eq!(closest("s9", ids), Some("s1"));
        assert_eq!(closest("p9", ids), None);
        assert_eq!(closest("s", ids), None);
        let files = ["fig-1.png", "fig1.jpg", "map.png"];
        assert_eq!(closest("fig1.png", files), Some("fig-1.png"));
    }
}
