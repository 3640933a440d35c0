//! A validated document without its text: what the site keeps of every document between the
//! load and render passes, so memory grows with the index, not with the corpus. It keeps what
//! the reading time is made from ([`super::words`]), counted while the text was at hand, so
//! the listings need nothing of the render pass.
//!
//! Pure: the caller reads the text again for rendering and hands it to [`Indexed::restore`],
//! which checks that everything up to the body is what was indexed (a fingerprint of those
//! bytes): the index holds nothing of the body, so an edit there is simply rendered.

use std::hash::Hasher;
use std::ops::Range;
use std::path::PathBuf;

use super::document::{Document, Text};
use super::schema::Meta;
use super::words::Words;
use super::yaml_path::Seg;
use crate::diagnostics::Diagnostic;
use crate::hash::WordHasher;

/// A document's front matter, where its file is, and a fingerprint of the text before its body.
#[derive(Debug, Clone)]
pub struct Indexed {
    /// Validated front matter.
    pub(crate) meta: Meta,
    /// The file as editors name it in messages.
    pub(crate) path: PathBuf,
    /// Line and column of the `slug:` value, for the duplicate-slug error.
    pub(crate) slug_position: (usize, usize),
    /// The body's words and digit style, for its reading time.
    pub(crate) words: Words,
    front_matter: Range<usize>,
    body_offset: usize,
    fingerprint: u64,
}

impl Indexed {
    /// Keeps everything of `doc` but its text.
    pub fn new(doc: Document) -> Indexed {
        Indexed {
            slug_position: doc.file.field_position(&[Seg::Key("slug")]),
            fingerprint: fingerprint(&doc.file.text, doc.file.body_offset),
            words: doc.words,
            front_matter: doc.file.front_matter,
            body_offset: doc.file.body_offset,
            path: doc.file.path,
            meta: doc.meta,
        }
    }

    /// The whole document again, from `text` read anew from [`Indexed::path`].
    ///
    /// A file whose front matter was edited since it was indexed is an error: it may no longer
    /// be the one the rest of the site was built with, so the build is run again instead. The
    /// body is not part of the index, so an edit there since is rendered as it now reads.
    pub(crate) fn restore(&self, text: String) -> Result<Document, Diagnostic> {
        if fingerprint(&text, self.body_offset) != self.fingerprint {
            return Err(Diagnostic::error(
                &self.path,
                (1, 1),
                "the file changed while the site was being built",
            )
            .hint("build again"));
        }
        Ok(Document {
            meta: self.meta.clone(),
            words: self.words,
            file: Text {
                path: self.path.clone(),
                text,
                front_matter: self.front_matter.clone(),
                body_offset: self.body_offset,
            },
        })
    }
}

/// A fixed hash of the text before the body (the fences and the front matter) and of that
/// length ([`crate::hash`]): an edit, not an attack, is what it has to notice. A text too
/// short to hold that much gets the hash of all of it, with a length no such prefix has.
fn fingerprint(text: &str, body_offset: usize) -> u64 {
    let mut hasher = WordHasher::default();
    match text.as_bytes().get(..body_offset) {
        Some(head) => {
            hasher.write_u64(body_offset as u64);
            hasher.write(head);
        }
        None => {
            hasher.write_u64(u64::MAX);
            hasher.write(text.as_bytes());
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::content::document::document;
    use crate::lang::Lang;

    const TEXT: &str = "---\nslug: a-b\ntitle: عنوان\ntitle_en: Title\ndate: 2022\n---\nنص\n";

    #[test]
    fn restores_the_same_text_and_refuses_a_changed_one() {
        let (doc, diags) = document(Path::new("x.md"), TEXT.to_string(), Lang::Ar);
        assert!(diags.is_empty(), "{diags:?}");
        let indexed = Indexed::new(doc.unwrap());
        assert_eq!(indexed.slug_position, (2, 7));
        let back = indexed.restore(TEXT.to_string()).unwrap();
        assert_eq!(back.file.body(), "نص\n");
        assert_eq!(back.meta.slug.as_str(), "a-b");
        let err = indexed
            .restore(TEXT.replace("عنوان", "عنوان آخر"))
            .unwrap_err();
        // An edit that keeps the length is noticed too, anywhere before the body.
        let body = TEXT.find("نص\n").unwrap();
        for at in 0..body {
            let mut edited = TEXT.as_bytes().to_vec();
            edited[at] ^= 0x01;
            if let Ok(edited) = String::from_utf8(edited) {
                assert!(indexed.restore(edited).is_err(), "an edit at byte {at}");
            }
        }
        // The index holds nothing of the body: an edit there is read as it now is, and a
        // text cut short before the body is refused.
        let edited = indexed.restore(TEXT.replace("نص", "نص آخر")).unwrap();
        assert_eq!(edited.file.body(), "نص آخر\n");
        assert!(indexed.restore(TEXT[..body - 1].to_string()).is_err());
        assert_eq!(
            err.to_string(),
            "x.md:1:1: error: the file changed while the site was being built\n  hint: build again"
        );
    }
}
