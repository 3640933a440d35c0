//! Splits a content file into its YAML front matter and its Markdown body.
//!
//! Pure: text in, byte ranges out. Knows nothing about YAML itself.

/// The two parts of a content file, with the byte offset where each starts in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences, without them.
    pub yaml: &'a str,
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
    pub offset: usize,
    /// What is wrong.
    pub message: &'static str,
    /// How to fix it.
    pub hint: &'static str,
}

/// Finds the front matter fenced by a first line `---` and a closing `---` (or `...`) line.
///
/// Both `\n` and `\r\n` line ends are accepted; trailing spaces after a fence are ignored.
/// `text` must already be without a BOM.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let mut lines = LineIter { text, pos: 0 };
    let opening = lines.next().filter(|line| is_fence(line.content, false));
    let Some(opening) = opening else {
        return Err(SplitError {
            offset: 0,
            message: "the file does not start with front matter",
            hint: "begin the file with a line `---`, the YAML fields, then another line `---`",
        });
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
        message: "the front matter is never closed",
        hint: "end the front matter with a line `---` before the Markdown text",
    })
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
            ("---", "the front matter is never closed"),
            ("---\na: 1\n", "the front matter is never closed"),
            ("---\na: 1\n--- x\n", "the front matter is never closed"),
        ];
        for (text, message) in cases {
            assert_eq!(split(text).unwrap_err().message, message, "{text:?}");
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
