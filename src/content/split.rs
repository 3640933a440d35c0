//! Splits a content file into its YAML front matter and its Markdown body.
//!
//! Pure: text in, byte ranges out. Knows nothing about YAML itself.

/// The two parts of a content file, with the byte offset where each starts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, without them.
    pub(crate) yaml: &'a str,
    /// Byte offset of `yaml` in the file.
    pub yaml_offset: usize,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_offset: usize,
}

/// Why a file could not be split, with the byte offset to point at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitError {
    /// Where the problem is.
    pub(crate) offset: usize,
    /// What is wrong.
    pub(crate) message: String,
    /// How to fix it.
    pub(crate) hint: &'static str,
}

/// Finds the front matter fenced by a first line `---` and a closing `---` (or `...`) line.
///
/// Both `\n` and `\r\n` line ends are accepted; trailing spaces after a fence are ignored.
/// `text` must already be without a BOM.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter { text, pos: 0 };
    let opening = lines.next().filter(|line| is_fence(line.content, false));
    let Some(opening) = opening else {
        return Err(no_opening_fence(text));
    };
    let yaml_offset = opening.end;
    for line in lines {
        if is_fence(line.content, true) {
            return Ok(Split {
                yaml: &text[yaml_offset..line.start],
                yaml_offset,
                body: &text[line.end..],
                body_offset: line.end,
            });
        }
    }
    Err(SplitError {
        offset: 0,
        message: "the front matter is never closed".into(),
        hint: "end the front matter with a line `---` before the Markdown text",
    })
}

/// Why the first line is not the opening `---`, as precisely as the text allows.
fn no_opening_fence(text: &str) -> SplitError {
    let first_line = text.split('\n').next().unwrap_or_default();
    if let Some(cr) = first_line.trim_end_matches('\r').find('\r') {
        return SplitError {
            offset: cr,
            message: "the lines of this file end with a carriage return (CR) alone".into(),
            hint: "save the file with LF (Unix) or CR LF (Windows) line ends; Warraq does not read old Mac line ends",
        };
    }
    let visible = first_line.trim_start_matches(crate::chars::is_invisible);
    if visible.len() < first_line.len() && is_fence(visible.trim_end_matches('\r'), false) {
        let c = first_line.chars().next().unwrap_or_default();
        return SplitError {
            offset: 0,
            message: format!(
                "an invisible character (U+{:04X}) stands before the opening `---`",
                c as u32
            ),
            hint: "delete the start of the first line and type `---` again; editors sometimes add a second byte order mark or a direction mark",
        };
    }
    if first_line.trim().is_empty() && !text.trim().is_empty() {
        return SplitError {
            offset: 0,
            message:
                "the file starts with an empty line; front matter must begin on the first line"
                    .into(),
            hint: "delete the empty lines before the opening `---`",
        };
    }
    if first_line.starts_with("---") && !first_line.starts_with("----") {
        return SplitError {
            offset: 3,
            message: "the opening `---` must stand alone on the first line".into(),
            hint: "move what follows `---` onto the next lines, as YAML fields",
        };
    }
    SplitError {
        offset: 0,
        message: "the file does not start with front matter".into(),
        hint: "begin the file with a line `---`, the YAML fields, then another line `---`",
    }
}

fn is_fence(line: &str, closing: bool) -> bool {
    let line = line.trim_end_matches([' ', '\t']);
    line == "---" || (closing && line == "...")
}

struct Line<'a> {
    content: &'a str,
    start: usize,
    /// Offset just after the line end.
    end: usize,
}

struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for LineIter<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        if self.pos >= self.text.len() {
            return None;
        }
        let start = self.pos;
        let rest = &self.text[start..];
        let (content, end) = match rest.find('\n') {
            Some(i) => (&rest[..i], start + i + 1),
            None => (rest, self.text.len()),
        };
        self.pos = end;
        Some(Line {
            content: content.strip_suffix('\r').unwrap_or(content),
            start,
            end,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        let cases = [
            ("---\na: 1\n---\nbody\n", "a: 1\n", 4, "body\n"),
            ("---\r\na: 1\r\n---\r\nbody", "a: 1\r\n", 5, "body"),
            ("--- \na: 1\n...\nbody", "a: 1\n", 5, "body"),
            ("---\n---\n", "", 4, ""),
            ("---\na: 1\n---", "a: 1\n", 4, ""),
        ];
        for (text, yaml, offset, body) in cases {
            let split = split(text).unwrap();
            assert_eq!(
                (split.yaml, split.yaml_offset, split.body),
                (yaml, offset, body),
                "{text:?}"
            );
            assert_eq!(&text[split.body_offset..], body);
        }
    }

    #[test]
    fn rejects_missing_or_unclosed_front_matter() {
        let cases = [
            ("", "the file does not start with front matter"),
            ("# Title\n", "the file does not start with front matter"),
            ("----\n", "the file does not start with front matter"),
            ("\n---\na: 1\n---\n", "the file starts with an empty line"),
            (
                "---\ra: 1\r---\r",
                "the lines of this file end with a carriage return (CR) alone",
            ),
            (
                "\u{feff}---\na: 1\n---\n",
                "an invisible character (U+FEFF) stands before",
            ),
            (
                "\u{200f}---\r\n---\r\n",
                "an invisible character (U+200F) stands before",
            ),
            (
                "--- yaml\na: 1\n---\n",
                "the opening `---` must stand alone",
            ),
            ("---", "the front matter is never closed"),
            ("---\na: 1\n", "the front matter is never closed"),
            ("---\na: 1\n--- x\n", "the front matter is never closed"),
        ];
        for (text, message) in cases {
            let err = split(text).unwrap_err();
            assert!(
                err.message.starts_with(message),
                "{text:?}: {}",
                err.message
            );
        }
    }

    #[test]
    fn offsets_on_arabic_lines() {
        let text = "---\ntitle: عنوان\n---\nنص\n";
        let split = split(text).unwrap();
        assert_eq!(&text[split.yaml_offset..split.yaml_offset + 6], "title:");
        assert_eq!(split.body, "نص\n");
    }
}
