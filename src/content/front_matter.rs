//! YAML front matter: parsing with positions. The only module that uses `serde_yaml`.
//!
//! Well-formed front matter is read straight into the typed raw structs of [`super::raw`].
//! When that fails, parsing goes in two steps so that every problem an editor can make is
//! reported with a position in the file: first the YAML is read as plain data, and every
//! unknown key at any depth is reported (with a "did you mean" hint); then that data is read
//! into the typed structs; when that fails, the text is read into them again, so that the
//! type errors carry serde_yaml's own location.

use serde::de::DeserializeOwned;

use super::raw::{
    RawAbstract, RawAuthor, RawBilingual, RawDocument, RawRemoval, RawRepair, RawSeries, RawSite,
    RawSource,
};
use std::cell::OnceCell;

use super::yaml_path::{FieldSpan, Lines, Seg, fields_of, path_name, second_key};
use crate::diagnostics::FileDiagnostics;

/// The YAML text of one file's front matter and where it sits in the file.
#[derive(Debug, Clone)]
pub(crate) struct FrontMatter<'a> {
    /// The YAML between the fences.
    pub(crate) text: &'a str,
    /// Byte offset of `text` in the file.
    pub(crate) offset: usize,
    /// The lines of `text`, split on the first lookup of a field.
    lines: OnceCell<Lines<'a>>,
}

impl<'a> FrontMatter<'a> {
    /// The front matter `text`, found at byte `offset` of its file.
    pub(crate) fn new(text: &'a str, offset: usize) -> Self {
        FrontMatter {
            text,
            offset,
            lines: OnceCell::new(),
        }
    }

    /// File offset of the value of the key at `path` (or of the nearest ancestor found).
    pub(crate) fn value_offset(&self, path: &[Seg]) -> usize {
        self.offset + self.locate(path).map_or(0, |found| found.value)
    }

    /// File offset of the key at `path` (or of the nearest ancestor found).
    pub(crate) fn key_offset(&self, path: &[Seg]) -> usize {
        self.offset + self.locate(path).map_or(0, |found| found.key)
    }

    fn locate(&self, path: &[Seg]) -> Option<FieldSpan> {
        self.lines.get_or_init(|| Lines::of(self.text)).locate(path)
    }

    /// Reads the front matter of a document; `None` after reporting what is wrong.
    pub(crate) fn document(&self, diags: &mut FileDiagnostics) -> Option<RawDocument> {
        self.parse(&document_shape(), diags)
    }

    /// Reads the front matter of `content/_index.md`; `None` after reporting what is wrong.
    pub(crate) fn site(&self, diags: &mut FileDiagnostics) -> Option<RawSite> {
        self.parse(&site_shape(), diags)
    }

    fn parse<T: DeserializeOwned + Default>(
        &self,
        shape: &Shape,
        diags: &mut FileDiagnostics,
    ) -> Option<T> {
        if self.text.trim().is_empty() {
            return Some(T::default());
        }
        // Most front matter is well formed and is read straight into the typed structs: they
        // deny unknown keys at every depth, so a direct read that succeeds leaves the key
        // check nothing to find. Text with a `!` may hold a YAML tag, which serde would drop
        // silently, so it always takes the checked way below.
        if !self.text.contains('!')
            && let Ok(raw) = serde_yaml::from_str(self.text)
        {
            return Some(raw);
        }
        let value: serde_yaml::Value = match serde_yaml::from_str(self.text) {
            Ok(value) => value,
            Err(err) => {
                self.yaml_error(&err, diags);
                return None;
            }
        };
        if value.is_null() {
            return Some(T::default());
        }
        let before = diags.list.len();
        self.check_keys(&value, shape, &mut Vec::new(), diags);
        self.check_tags(&value, &mut Vec::new(), diags);
        if diags.list.len() > before {
            return None;
        }
        // The typed structs are read from the value already parsed; only when that fails is
        // the text read again, for serde_yaml's error with its position in the text.
        if let Ok(raw) = serde_yaml::from_value(value) {
            return Some(raw);
        }
        match serde_yaml::from_str(self.text) {
            Ok(raw) => Some(raw),
            Err(err) => {
                self.yaml_error(&err, diags);
                None
            }
        }
    }

    /// Reports a serde_yaml error at its own location, made relative to the file.
    fn yaml_error(&self, err: &serde_yaml::Error, diags: &mut FileDiagnostics) {
        let mut offset = self.offset + err.location().map_or(0, |l| l.index());
        let message = message_without_location(err);
        if message.contains("untagged enum Pin") {
            diags
                .error(self.value_offset(&[Seg::Key("alignment")]), "`alignment` must be a list of bead shapes or of explicit beads")
                .set_field("alignment")
                .set_hint(r#"e.g. `alignment: ["1-1", "1-2"]` or `alignment: [[[0], [0]], [[1], [1, 2]]]`"#.to_string());
            return;
        }
        if let Some(key) = duplicate_key(&message) {
            let mapping = offset - self.offset;
            offset = self.offset + second_key(self.text, mapping, key).unwrap_or(mapping);
        }
        let hint = if message.contains("invalid type") {
            "check the value's type: text, a number, a list (`- item`) or a mapping (`key: value`)"
        } else {
            "front matter is YAML: `key: value` per line; quote text that contains `: ` or starts with a special character"
        };
        diags
            .error(offset, message)
            .set_field("front matter")
            .set_hint(hint.to_string());
    }

    /// Reports every key that `shape` does not know, at any depth.
    fn check_keys<'v>(
        &self,
        value: &'v serde_yaml::Value,
        shape: &Shape,
        path: &mut Vec<Seg<'v>>,
        diags: &mut FileDiagnostics,
    ) {
        let Some(mapping) = value.as_mapping() else {
            return;
        };
        for (key, child) in mapping {
            let Some(key) = key.as_str() else {
                let shown = match key {
                    serde_yaml::Value::Number(n) => n.to_string(),
                    serde_yaml::Value::Bool(b) => b.to_string(),
                    serde_yaml::Value::Null => "~".to_string(),
                    _ => "a list or mapping".to_string(),
                };
                let mut at = path.clone();
                at.push(Seg::Key(&shown));
                diags
                    .error(
                        self.key_offset(&at),
                        format!("unknown front matter key `{shown}`"),
                    )
                    .set_field(path_name(&at))
                    .set_hint(format!("valid keys here: {}", shape.fields.join(", ")));
                continue;
            };
            path.push(Seg::Key(key));
            if !shape.fields.contains(&key) {
                let offset = self.key_offset(path);
                let context = match path.len() {
                    1 => String::new(),
                    _ => format!(" in `{}`", path_name(&path[..path.len() - 1])),
                };
                let hint = suggestion(key, shape.fields);
                diags
                    .error(offset, format!("unknown front matter key `{key}`{context}"))
                    .set_field(path_name(path))
                    .set_hint(hint);
            } else if let Some((_, nested)) = shape.children.iter().find(|(name, _)| *name == key) {
                match nested {
                    Nested::Map(inner) => self.check_keys(child, inner, path, diags),
                    Nested::Values(inner) => {
                        for (id, item) in child.as_mapping().into_iter().flatten() {
                            let Some(id) = id.as_str() else { continue };
                            path.push(Seg::Key(id));
                            self.check_keys(item, inner, path, diags);
                            path.pop();
                        }
                    }
                    Nested::Seq(inner) => {
                        for (i, item) in child.as_sequence().into_iter().flatten().enumerate() {
                            path.push(Seg::Index(i));
                            self.check_keys(item, inner, path, diags);
                            path.pop();
                        }
                    }
                }
            }
            path.pop();
        }
    }
}

impl FrontMatter<'_> {
    /// Reports every YAML tag (`!include x`, `!!binary …`): Warraq reads plain values only,
    /// and serde would otherwise drop the tag silently and keep the text after it.
    fn check_tags<'v>(
        &self,
        value: &'v serde_yaml::Value,
        path: &mut Vec<Seg<'v>>,
        diags: &mut FileDiagnostics,
    ) {
        match value {
            serde_yaml::Value::Tagged(tagged) => {
                diags
                    .error(
                        self.value_offset(path),
                        format!("the YAML tag `{}` is not supported", tagged.tag),
                    )
                    .set_field(path_name(path))
                    .set_hint(
                        "write the value as plain text; quote it if it starts with `!`".to_string(),
                    );
            }
            serde_yaml::Value::Mapping(mapping) => {
                for (key, child) in mapping {
                    if let Some(key) = key.as_str() {
                        path.push(Seg::Key(key));
                        self.check_tags(child, path, diags);
                        path.pop();
                    }
                }
            }
            serde_yaml::Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    path.push(Seg::Index(i));
                    self.check_tags(item, path, diags);
                    path.pop();
                }
            }
            _ => {}
        }
    }
}

/// The key of a "duplicate entry with key \"k\"" message.
fn duplicate_key(message: &str) -> Option<&str> {
    let rest = &message[message.find("duplicate entry with key \"")? + 26..];
    rest.get(..rest.find('"')?)
}

/// The keys a mapping may have, and the shapes of its nested mappings and lists.
struct Shape {
    fields: &'static [&'static str],
    children: Vec<(&'static str, Nested)>,
}

enum Nested {
    Map(Shape),
    Seq(Shape),
    /// A mapping from ids the author chooses to values of one shape (`topics:` of the site).
    Values(Shape),
}

/// A shape whose mappings hold no further mappings.
fn leaf(fields: &'static [&'static str]) -> Shape {
    Shape {
        fields,
        children: Vec::new(),
    }
}

fn site_shape() -> Shape {
    Shape {
        fields: fields_of::<RawSite>(),
        children: vec![
            ("topics", Nested::Values(leaf(fields_of::<RawBilingual>()))),
            ("series", Nested::Values(leaf(fields_of::<RawBilingual>()))),
            (
                "withdrawn",
                Nested::Values(leaf(fields_of::<RawBilingual>())),
            ),
        ],
    }
}

fn document_shape() -> Shape {
    Shape {
        fields: fields_of::<RawDocument>(),
        children: vec![
            ("authors", Nested::Seq(leaf(fields_of::<RawAuthor>()))),
            ("abstract", Nested::Map(leaf(fields_of::<RawAbstract>()))),
            ("series", Nested::Map(leaf(fields_of::<RawSeries>()))),
            (
                "editorial_notes",
                Nested::Seq(leaf(fields_of::<RawBilingual>())),
            ),
            (
                "source",
                Nested::Map(Shape {
                    fields: fields_of::<RawSource>(),
                    children: vec![
                        ("removed", Nested::Seq(leaf(fields_of::<RawRemoval>()))),
                        (
                            "repairs",
                            Nested::Seq(Shape {
                                fields: fields_of::<RawRepair>(),
                                children: vec![(
                                    "note",
                                    Nested::Map(leaf(fields_of::<RawBilingual>())),
                                )],
                            }),
                        ),
                    ],
                }),
            ),
        ],
    }
}

/// "did you mean `title`?" for a close key, otherwise the list of valid keys.
fn suggestion(key: &str, fields: &[&str]) -> String {
    match crate::diagnostics::closest(key, fields.iter().copied()) {
        Some(field) => format!("did you mean `{field}`?"),
        None => format!("valid keys here: {}", fields.join(", ")),
    }
}

/// serde_yaml's message without the YAML-relative positions it mentions (" at line L column
/// C", " at position N"): the diagnostic carries the position in the file instead.
fn message_without_location(err: &serde_yaml::Error) -> String {
    let mut message = err.to_string();
    for marker in [" at line ", " at position "] {
        while let Some(start) = message.find(marker) {
            let rest = &message[start + marker.len()..];
            let mut end = start + marker.len() + rest.len()
                - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if let Some(column) = message[end..].strip_prefix(" column ") {
                end = message.len()
                    - column
                        .trim_start_matches(|c: char| c.is_ascii_digit())
                        .len();
            }
            message.replace_range(start..end, "");
        }
    }
    if message.contains(", expected any YAML value") {
        // serde_yaml's own value type cannot hold integers beyond 64 bits.
        let message = message.replace(" as u128", "").replace(" as i128", "");
        return message.replace(
            ", expected any YAML value",
            ": the number is too large; quote it if it is meant as text",
        );
    }
    if let Some(at) = message.find("expected struct Raw") {
        if !message[..at].contains(": invalid type") {
            return "the front matter must be `key: value` lines, not a list or plain text"
                .to_string();
        }
        let end = message[at..]
            .find(|c: char| !c.is_alphanumeric() && c != ' ')
            .map_or(message.len(), |i| at + i);
        message.replace_range(at..end, "expected `key: value` lines");
    }
    message
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::split::split;

    fn document(text: &str) -> (Option<RawDocument>, Vec<String>) {
        let split = split(text).unwrap();
        let mut diags = FileDiagnostics::new(Path::new("d.md"), text);
        let fm = FrontMatter::new(split.yaml, split.yaml_offset);
        let raw = fm.document(&mut diags);
        (raw, diags.list.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn unknown_keys_are_all_reported_with_hints() {
        let text = "---\nslug: a\ntittle: x\nauthors:\n  - name: n\n    nme_en: m\nfoo: 1\n---\n";
        let (raw, messages) = document(text);
        assert!(raw.is_none());
        assert_eq!(
            messages,
            [
                "d.md:3:1: error: tittle: unknown front matter key `tittle`\n  hint: did you mean `title`?",
                "d.md:6:5: error: authors[0].nme_en: unknown front matter key `nme_en` in `authors[0]`\n  hint: did you mean `name_en`?",
                "d.md:7:1: error: foo: unknown front matter key `foo`\n  hint: valid keys here: slug, lang, title, title_en, title_origin, title_en_origin, authors, date, date_text, publisher, publisher_en, place, place_en, abstract, sections, aliases, former_slugs, editorial_notes, editor_supplied, source, alignment, draft, topics, series, pdf",
            ]
        );
    }

    #[test]
    fn the_archive_keys_are_checked_at_every_depth() {
        let text = "---\nseries:\n  id: s\n  nuber: 2\nauthors:\n  - name: n\n    idd: x\n---\n";
        let (raw, messages) = document(text);
        assert!(raw.is_none());
        assert_eq!(
            messages,
            [
                "d.md:4:3: error: series.nuber: unknown front matter key `nuber` in `series`\n  hint: did you mean `number`?",
                "d.md:7:5: error: authors[0].idd: unknown front matter key `idd` in `authors[0]`\n  hint: did you mean `id`?",
            ]
        );
        // The site's topics and series: ids chosen freely, each with `ar` and `en`.
        let text = "---\ntitle: t\ntopics:\n  karabakh: {ar: ق, en: K}\n  gas:\n    ar: غ\n    eng: Gas\nseries:\n  z:\n    ar: ز\n    name: Z\n---\n";
        let split = split(text).unwrap();
        let mut diags = FileDiagnostics::new(Path::new("_index.md"), text);
        let raw = FrontMatter::new(split.yaml, split.yaml_offset).site(&mut diags);
        assert!(raw.is_none());
        let messages: Vec<String> = diags.list.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "_index.md:7:5: error: topics.gas.eng: unknown front matter key `eng` in `topics.gas`\n  hint: did you mean `en`?",
                "_index.md:11:5: error: series.z.name: unknown front matter key `name` in `series.z`\n  hint: valid keys here: ar, en",
            ]
        );
    }

    #[test]
    fn type_errors_point_into_the_file() {
        // Line 3 is Arabic: the column counts characters, not bytes.
        let text = "---\nslug: a\ntitle: عنوان\nauthors: نص\n---\n";
        let (raw, messages) = document(text);
        assert!(raw.is_none());
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].starts_with("d.md:4:10: error: front matter: authors: invalid type: string \"نص\", expected a sequence\n  hint: check the value's type"),
            "{}",
            messages[0]
        );
    }

    #[test]
    fn syntax_errors_after_crlf_and_bom_offsets() {
        let text = "---\r\nslug: a\r\ntitle: [x\r\n---\r\n";
        let (raw, messages) = document(text);
        assert!(raw.is_none());
        assert!(
            messages[0].starts_with("d.md:4:1: error: front matter: did not find expected"),
            "{}",
            messages[0]
        );
    }

    #[test]
    fn dates_and_notes_may_be_numbers() {
        let (raw, messages) = document("---\ndate: 2022\nauthors:\n- name: x\n  note: 1\n---\n");
        assert!(messages.is_empty(), "{messages:?}");
        let raw = raw.unwrap();
        assert_eq!(raw.date.as_deref(), Some("2022"));
        assert_eq!(raw.authors[0].note.as_deref(), Some("1"));
    }

    #[test]
    fn empty_front_matter_is_all_defaults() {
        let (raw, messages) = document("---\n---\nbody");
        assert!(messages.is_empty());
        assert!(raw.unwrap().slug.is_none());
    }
}
