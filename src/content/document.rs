//! One content file turned into a validated document: bytes in, `Document` or diagnostics out.
//!
//! Pure: the caller reads the bytes. Decoding, BOM, front matter and field checks happen here.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::front_matter::FrontMatter;
use super::schema::{self, Meta, SiteConfig};
use super::split::split;
use super::words::Words;
use super::yaml_path::Seg;
use crate::diagnostics::{Diagnostic, FileDiagnostics};
use crate::lang::Lang;
use crate::source_map::SourceMap;

/// A content file's text, BOM removed, with where its body starts.
#[derive(Debug, Clone)]
pub struct Text {
    /// The file as editors name it in messages.
    pub path: PathBuf,
    /// Whole text, without BOM.
    pub text: String,
    /// Where the YAML between the fences is in `text`.
    pub(crate) front_matter: Range<usize>,
    /// Byte offset of the Markdown body in `text`.
    pub(crate) body_offset: usize,
}

impl Text {
    /// The Markdown body.
    pub(crate) fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// The front matter, for looking up where its fields are: its lines are split once,
    /// however many fields are looked up.
    pub(crate) fn fields(&self) -> FrontMatter<'_> {
        let yaml = self.text.get(self.front_matter.clone()).unwrap_or_default();
        FrontMatter::new(yaml, self.front_matter.start)
    }

    /// Byte offset of the front matter value at `path` (0 when not found).
    pub(crate) fn field_offset(&self, path: &[Seg]) -> usize {
        self.fields().value_offset(path)
    }

    /// Line and column of the front matter value at `path`.
    pub(crate) fn field_position(&self, path: &[Seg]) -> (usize, usize) {
        // Front matter is at the start: only the lines up to the field are indexed.
        let mut offset = self.field_offset(path).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        SourceMap::new(&self.text[..offset]).position(offset)
    }
}

/// A validated document ready for the Markdown stage.
#[derive(Debug, Clone)]
pub struct Document {
    /// Validated front matter.
    pub meta: Meta,
    /// Its text.
    pub file: Text,
    /// Its body's words and digit style, for its reading time ([`super::words`]).
    pub(crate) words: Words,
}

/// The home page: settings and body.
#[derive(Debug, Clone)]
pub struct Home {
    /// Site settings.
    pub config: SiteConfig,
    /// Its text (the body is the home page text).
    pub(crate) file: Text,
}

/// Decodes UTF-8 (reporting the first invalid byte's position) and drops a BOM.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let Some(text) = crate::fs::utf8(&bytes) else {
        return Err(not_utf8(path, &bytes));
    };
    let text = crate::fs::strip_bom(text);
    if let Some(nul) = memchr::memchr(0, text.as_bytes()) {
        let position = SourceMap::new(text).position(nul);
        return Err(Diagnostic::error(
            path,
            position,
            "the file contains a NUL character (U+0000)",
        )
        .hint("remove it: NUL bytes usually come from a broken copy or a binary file"));
    }
    Ok(text.to_string())
}

/// The error for `bytes` that are not UTF-8, at the first invalid byte.
fn not_utf8(path: &Path, bytes: &[u8]) -> Diagnostic {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Diagnostic::error(path, (1, 1), "the file is UTF-16, not UTF-8")
            .hint("save the file as UTF-8 (in most editors: Save As…, Encoding: UTF-8)");
    }
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len);
    let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
    let position = SourceMap::new(prefix).position(valid);
    let byte = bytes.get(valid).copied().unwrap_or_default();
    Diagnostic::error(
        path,
        position,
        format!("the file is not valid UTF-8 (byte 0x{byte:02X})"),
    )
    .hint("save the file as UTF-8")
}

/// Parses a document's text; the diagnostics hold every problem found.
pub fn document(
    path: &Path,
    text: String,
    default_lang: Lang,
) -> (Option<Document>, Vec<Diagnostic>) {
    let mut diags = FileDiagnostics::new(path, &text);
    let meta = parse(&text, &mut diags, |fm, diags| {
        let raw = fm.document(diags)?;
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        schema::document(raw, fm, stem, default_lang, diags)
    });
    let list = std::mem::take(&mut diags.list);
    drop(diags);
    let doc = meta.map(|(meta, front_matter, body_offset)| Document {
        meta,
        words: super::words::count(&text[body_offset..]),
        file: Text {
            path: path.to_path_buf(),
            text,
            front_matter,
            body_offset,
        },
    });
    (doc, list)
}

/// Parses `content/_index.md`.
pub fn home(path: &Path, text: String) -> (Option<Home>, Vec<Diagnostic>) {
    let mut diags = FileDiagnostics::new(path, &text);
    let config = parse(&text, &mut diags, |fm, diags| {
        let raw = fm.site(diags)?;
        schema::site(raw, fm, diags)
    });
    let list = std::mem::take(&mut diags.list);
    drop(diags);
    let home = config.map(|(config, front_matter, body_offset)| Home {
        config,
        file: Text {
            path: path.to_path_buf(),
            text,
            front_matter,
            body_offset,
        },
    });
    (home, list)
}

fn parse<'a, T>(
    text: &'a str,
    diags: &mut FileDiagnostics<'a>,
    validate: impl FnOnce(FrontMatter<'a>, &mut FileDiagnostics<'a>) -> Option<T>,
) -> Option<(T, Range<usize>, usize)> {
    let split = match split(text) {
        Ok(split) => split,
        Err(err) => {
            diags
                .error(err.offset, err.message)
                .set_hint(err.hint.to_string());
            return None;
        }
    };
    let fm = FrontMatter::new(split.yaml, split.yaml_offset);
    let front_matter = split.yaml_offset..split.yaml_offset + split.yaml.len();
    validate(fm, diags).map(|value| (value, front_matter, split.body_offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<String> {
        document(Path::new("c/x.md"), text.to_string(), Lang::Ar)
            .1
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn valid_document() {
        let text = "\u{feff}---\r\nslug: a-b\r\ntitle: عنوان\r\ntitle_en: Title\r\ndate: 2022-02\r\n---\r\nنص\r\n";
        let (doc, diags) = document(
            Path::new("x.md"),
            crate::fs::strip_bom(text).to_string(),
            Lang::Ar,
        );
        assert!(diags.is_empty(), "{diags:?}");
        let doc = doc.unwrap();
        assert_eq!(doc.meta.slug.as_str(), "a-b");
        assert_eq!(doc.file.body(), "نص\r\n");
    }

    #[test]
    fn every_field_problem_is_reported_at_its_field() {
        let text =
            "---\nslug: Bad Slug\ntitle: عنوان\ntitle_en: ''\ndate: February\nlang: fr\n---\n";
        assert_eq!(
            messages(text),
            [
                "c/x.md:2:7: error: slug: the slug contains 'B' (U+0042); only a-z, 0-9 and - are allowed\n  hint: use lowercase ASCII letters, digits and hyphens, e.g. `turkey-karabakh-2020`",
                "c/x.md:6:7: error: lang: `fr` is not a site language\n  hint: use `ar` or `en`",
                "c/x.md:4:11: error: title_en: must not be empty\n  hint: give an English title so English readers can find the document",
                "c/x.md:5:7: error: date: `February` is not a date: write YYYY, YYYY-MM, YYYY-MM-DD or `not stated`\n  hint: e.g. `date: 2022-02`, or `date: not stated` when the source gives none",
            ]
        );
    }

    #[test]
    fn missing_fields_point_at_the_front_matter() {
        let text = "---\nslug: a\n---\n";
        let got = messages(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got[0].starts_with("c/x.md:2:1: error: title: the required field `title` is missing"),
            "{}",
            got[0]
        );
    }

    #[test]
    fn the_slug_defaults_to_a_file_name_that_is_one() {
        let text = "---\ntitle: عنوان\ntitle_en: Title\ndate: 2022\n---\n";
        let (doc, diags) = document(Path::new("c/my-paper-2.md"), text.into(), Lang::Ar);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(doc.unwrap().meta.slug.as_str(), "my-paper-2");
        let (doc, diags) = document(Path::new("c/My Paper.md"), text.into(), Lang::Ar);
        assert!(doc.is_none());
        assert_eq!(
            diags.iter().map(ToString::to_string).collect::<Vec<_>>(),
            [
                "c/My Paper.md:1:1: error: slug: the document has no `slug` and its file name `My Paper` is not one: the slug contains 'M' (U+004D); only a-z, 0-9 and - are allowed\n  hint: add `slug: …` to the front matter, or rename the file to a slug such as `my-paper.md`"
            ]
        );
    }

    #[test]
    fn an_english_title_is_the_source_s_unless_the_paper_says_otherwise() {
        let origin = |extra: &str| {
            let text = format!("---\ntitle: ع\ntitle_en: T\ndate: 2022\n{extra}---\n");
            document(Path::new("c/a.md"), text, Lang::Ar)
                .0
                .unwrap()
                .meta
                .title_en_origin
        };
        use crate::content::schema::Origin;
        assert_eq!(origin(""), Origin::Source);
        assert_eq!(
            origin("title_en_origin: translation\n"),
            Origin::Translation
        );
        assert_eq!(origin("title_origin: editor\n"), Origin::Editor);
    }

    #[test]
    fn former_slugs_are_checked_in_the_file() {
        let text = "---\nslug: new\ntitle: ع\ntitle_en: T\ndate: 2022\nformer_slugs:\n  - old\n  - new\n  - old\n  - assets\n  - Old\n---\n";
        let shown = messages(text);
        assert_eq!(
            shown,
            [
                "c/x.md:8:5: error: former_slugs[1]: `new` is this document's slug, not a former one\n  hint: list only the slugs the paper was published under before",
                "c/x.md:9:5: error: former_slugs[2]: `old` is listed twice in `former_slugs`\n  hint: list each former slug once",
                "c/x.md:10:5: error: former_slugs[3]: `assets` cannot be a former slug: `assets` is reserved for the site's own pages\n  hint: write the slug exactly as it was in the paper's old address",
                "c/x.md:11:5: error: former_slugs[4]: `Old` cannot be a former slug: the slug contains 'O' (U+004F); only a-z, 0-9 and - are allowed\n  hint: write the slug exactly as it was in the paper's old address",
            ]
        );
    }

    #[test]
    fn positions_after_a_bom_count_from_the_first_visible_character() {
        let text = decode(
            Path::new("x.md"),
            "\u{feff}---\nslug: Bad\n---\n".as_bytes().to_vec(),
        )
        .unwrap();
        let diags = document(Path::new("x.md"), text, Lang::Ar).1;
        assert!(
            diags[0].to_string().starts_with("x.md:2:7: error: slug: "),
            "{}",
            diags[0]
        );
    }

    #[test]
    fn invalid_utf8_names_the_position() {
        let err = decode(Path::new("x.md"), b"---\nab\xff".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.md:2:3: error: the file is not valid UTF-8 (byte 0xFF)\n  hint: save the file as UTF-8"
        );
    }
}
