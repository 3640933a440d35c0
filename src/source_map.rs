//! Byte offsets to 1-based line and column numbers, for diagnostics.
//!
//! Columns count Unicode scalar values, not bytes, so a position on an Arabic line points at
//! the character an editor sees. A leading BOM is not counted: `fs` strips it before any
//! offset is taken.

/// Line starts of one text, computed once and queried for many offsets.
#[derive(Debug, Clone)]
pub(crate) struct SourceMap<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    /// Indexes the line starts of `text`. A line ends at `\n`; a `\r` before it belongs to it.
    pub(crate) fn new(text: &'a str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        SourceMap { text, line_starts }
    }

    /// The 1-based line and column of byte `offset` (clamped to the text, and to a char boundary).
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions() {
        let text = "ab\r\nعربي x\n\nend";
        let map = SourceMap::new(text);
        let cases = [
            (0, (1, 1)),
            (1, (1, 2)),
            (4, (2, 1)),
            // After four Arabic letters (8 bytes) and a space: column 6.
            (4 + 9, (2, 6)),
            (text.find("end").unwrap(), (4, 1)),
            (usize::MAX, (4, 4)),
        ];
        for (offset, expected) in cases {
            assert_eq!(map.position(offset), expected, "offset {offset}");
        }
    }

    #[test]
    fn inside_a_multibyte_char_points_at_it() {
        let map = SourceMap::new("عر");
        assert_eq!(map.position(1), (1, 1));
        assert_eq!(map.position(3), (1, 2));
    }
}
