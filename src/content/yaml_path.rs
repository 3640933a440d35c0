//! Finding a key of the front matter in its text, and the keys a raw struct accepts.
//!
//! serde_yaml gives positions for its own errors only; checks made after parsing (a bad slug,
//! an unknown key) need the line of the key they are about. Front matter is written in block
//! style, so an indentation-aware scan finds it; for flow style (`{a: 1}`) the nearest
//! ancestor found is used instead.

use serde::Deserialize;

/// One step of a path into the front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A list item, 0-based.
    Index(usize),
}

/// A path as editors write it in messages: `authors[0].name`.
pub(crate) fn path_name(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(key) if out.is_empty() => out.push_str(key),
            Seg::Key(key) => {
                out.push('.');
                out.push_str(key);
            }
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// Offsets (relative to the YAML text) of a key and of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldSpan {
    /// Where the key (or the list item's `-`) starts.
    pub(crate) key: usize,
    /// Where its value starts (after `key: `), or the key itself for a block value.
    pub(crate) value: usize,
}

#[derive(Debug, Clone)]
struct Line<'a> {
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    fn is_blank(&self) -> bool {
        let t = self.text.trim();
        t.is_empty() || t.starts_with('#')
    }

    /// Column where the first key of the line starts, after any `- ` list markers.
    fn key_column(&self) -> usize {
        let mut col = self.indent();
        while self.text[col..].starts_with("- ") {
            col += 2;
            col += self.text[col..].len() - self.text[col..].trim_start_matches(' ').len();
        }
        col
    }
}

/// The lines of a YAML text, split once for any number of lookups (a document's byline notes
/// and its warnings each look up a field).
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a>(Vec<Line<'a>>);

impl<'a> Lines<'a> {
    /// The lines of `yaml`, without their line ends.
    pub(crate) fn of(yaml: &'a str) -> Self {
        let mut lines = Vec::with_capacity(64);
        let mut start = 0;
        let ends = memchr::memchr_iter(b'\n', yaml.as_bytes()).map(|at| at + 1);
        for end in ends.chain((!yaml.is_empty() && !yaml.ends_with('\n')).then_some(yaml.len())) {
            lines.push(Line {
                start,
                text: yaml[start..end].trim_end_matches(['\n', '\r']),
            });
            start = end;
        }
        Lines(lines)
    }

    /// Locates `path`: the nearest ancestor when the full path is not found by scanning.
    pub(crate) fn locate(&self, path: &[Seg]) -> Option<FieldSpan> {
        let lines = &self.0;
        let mut block = 0..lines.len();
        let mut found = None;
        for seg in path {
            let Some(first) = block.clone().find(|&i| !lines[i].is_blank()) else {
                break;
            };
            let hit = match *seg {
                Seg::Key(key) => {
                    let column = lines[first].key_column();
                    block.clone().find_map(|i| {
                        let line = &lines[i];
                        (!line.is_blank() && line.key_column() == column)
                            .then(|| key_value(line.text, column, key))
                            .flatten()
                            .map(|value| (i, column, value))
                    })
                }
                Seg::Index(n) => {
                    let column = lines[first].indent();
                    block
                        .clone()
                        .filter(|&i| {
                            let line = &lines[i];
                            line.indent() == column && line.text[column..].starts_with('-')
                        })
                        .nth(n)
                        .map(|i| (i, column, column + 1))
                }
            };
            let Some((i, column, value)) = hit else { break };
            let line = &lines[i];
            let value = column
                .max(value + line.text[value..].len() - line.text[value..].trim_start().len());
            found = Some(FieldSpan {
                key: line.start + column,
                value: line.start + value.min(line.text.len()),
            });
            // The block of a key: the following lines indented deeper (or list items at its level).
            let is_index = matches!(seg, Seg::Index(_));
            let end = (i + 1..block.end)
                .find(|&j| {
                    let l = &lines[j];
                    !l.is_blank()
                        && (l.indent() < column
                            || (l.indent() == column
                                && (is_index || !l.text[column..].starts_with('-'))))
                })
                .unwrap_or(block.end);
            block = if is_index { i..end } else { i + 1..end };
        }
        found
    }
}

/// Offset of the second `key:` of the mapping that starts at offset `mapping` (serde_yaml
/// reports a duplicate key at the start of its mapping; editors need the repeated line).
pub(crate) fn second_key(yaml: &str, mapping: usize, key: &str) -> Option<usize> {
    let line_start = yaml[..mapping.min(yaml.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let column = mapping.checked_sub(line_start)?;
    let mut seen = 0;
    let mut start = line_start;
    for text in yaml[line_start..].split_inclusive('\n') {
        let line = Line {
            start,
            text: text.trim_end_matches(['\n', '\r']),
        };
        start += text.len();
        if line.is_blank() {
            continue;
        }
        let Some(head) = line.text.get(..column) else {
            break;
        };
        if line.start > line_start && !head.bytes().all(|b| b == b' ') {
            if line.indent() < column {
                break;
            }
            continue;
        }
        if line.text.is_char_boundary(column) && key_value(line.text, column, key).is_some() {
            seen += 1;
            if seen == 2 {
                return Some(line.start + column);
            }
        }
    }
    None
}

/// If `text` has `key:` at `column`, the column just after the colon.
fn key_value(text: &str, column: usize, key: &str) -> Option<usize> {
    let rest = &text[column..];
    let quoted = |q: char| {
        rest.strip_prefix(q)
            .and_then(|r| r.strip_prefix(key))
            .and_then(|r| r.strip_prefix(q))
    };
    let after = rest
        .strip_prefix(key)
        .or_else(|| quoted('"'))
        .or_else(|| quoted('\''))?;
    let trimmed = after.trim_start_matches(' ');
    trimmed
        .strip_prefix(':')
        .map(|_| text.len() - trimmed.len() + 1)
}

/// The field names a `#[derive(Deserialize)]` struct accepts, read from the derive itself.
pub(crate) fn fields_of<T: Deserialize<'static>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields
}

/// A deserializer that only records the field list serde passes to `deserialize_struct`.
struct FieldProbe<'a>(&'a mut &'static [&'static str]);

#[derive(Debug)]
struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("field probe")
    }
}

impl std::error::Error for Stop {}

impl serde::de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> serde::Deserializer<'de> for FieldProbe<'_> {
    type Error = Stop;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(yaml: &str, path: &[Seg]) -> Option<FieldSpan> {
        Lines::of(yaml).locate(path)
    }
    use Seg::{Index, Key};

    const YAML: &str = "slug: a\ntitle: عنوان\nauthors:\n  - name: x\n    note: 1\n  - name: y\nabstract:\n  ar: نص\nsource:\n  file: f\n  removed:\n  - lines: 3-4\n    reason: toc\n";

    fn at(path: &[Seg]) -> (usize, usize) {
        let found = locate(YAML, path).unwrap();
        let line = YAML[..found.key].matches('\n').count() + 1;
        let column = found.key - YAML[..found.key].rfind('\n').map_or(0, |i| i + 1) + 1;
        (line, column)
    }

    #[test]
    fn finds_keys_at_any_depth() {
        let cases: [(&[Seg], (usize, usize)); 8] = [
            (&[Key("slug")], (1, 1)),
            (&[Key("title")], (2, 1)),
            (&[Key("authors"), Index(0)], (4, 3)),
            (&[Key("authors"), Index(1), Key("name")], (6, 5)),
            (&[Key("authors"), Index(0), Key("note")], (5, 5)),
            (&[Key("abstract"), Key("ar")], (8, 3)),
            (
                &[Key("source"), Key("removed"), Index(0), Key("reason")],
                (13, 5),
            ),
            // Not there: the nearest ancestor.
            (&[Key("abstract"), Key("en")], (7, 1)),
        ];
        for (path, expected) in cases {
            assert_eq!(at(path), expected, "{path:?}");
        }
    }

    #[test]
    fn value_offsets() {
        let found = locate(YAML, &[Key("title")]).unwrap();
        assert!(YAML[found.value..].starts_with("عنوان"));
        let found = locate(YAML, &[Key("authors"), Index(0), Key("note")]).unwrap();
        assert!(YAML[found.value..].starts_with("1\n"));
    }

    #[test]
    fn second_keys() {
        let yaml = "a: 1\nb:\n  - x: 1\n    y: 2\n    x: 3\nb: 4\n";
        assert_eq!(second_key(yaml, 0, "b"), Some(yaml.rfind("b:").unwrap()));
        let nested = yaml.find("x: 1").unwrap();
        assert_eq!(
            second_key(yaml, nested, "x"),
            Some(yaml.find("x: 3").unwrap())
        );
        assert_eq!(second_key(yaml, 0, "a"), None);
        assert_eq!(second_key("a: [", 99, "a"), None);
    }

    #[test]
    fn unknown_top_level_key_is_none() {
        assert_eq!(locate(YAML, &[Key("missing")]), None);
        assert_eq!(locate("", &[Key("a")]), None);
    }

    #[test]
    fn field_lists_come_from_the_derive() {
        #[derive(Deserialize)]
        #[allow(dead_code, reason = "only the field list is read")]
        struct Two {
            a: u8,
            #[serde(rename = "b-b")]
            b: u8,
        }
        assert_eq!(fields_of::<Two>(), ["a", "b-b"]);
    }
}
