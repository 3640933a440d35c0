//! A small scanner for start tags and their attributes in HTML that Warraq generated itself.
//!
//! Not a general HTML parser: it knows comments, doctypes, end tags, quoted and unquoted
//! attribute values (minify-html drops quotes where it can), character references in values,
//! and raw-text elements (`script`, `style`, `textarea`, `title`) whose content it skips. That
//! is all the link checker needs to read ids, `href` and `src`, and it keeps an HTML parser
//! out of the runtime dependencies.
//!
//! One linear pass ([`walk`]) that jumps from `<` to `<` and allocates nothing per tag: a
//! [`Visitor`] is told each attribute where it lies in the page, then its tag, and slices and
//! decodes only what it keeps (the link summary keeps `id`, `href`, `src` and `rel`).
//! [`each_tag`] is that pass with a visitor that hands over whole tags, their attributes as
//! written and borrowed from the page, character references decoded only on request. Names,
//! values and short runs of text are crossed eight bytes at a time; long text with `memchr`.

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// An attribute as written in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Attr<'a> {
    /// The name, in the case it was written in.
    pub(crate) name: &'a str,
    /// The value with its character references not yet decoded (`""` when it has none).
    pub(crate) raw: &'a str,
}

impl<'a> Attr<'a> {
    /// True when the attribute is `name` (given in lowercase), in any case.
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The decoded value.
    pub(crate) fn value(&self) -> Cow<'a, str> {
        decode(self.raw)
    }
}

/// A start tag, borrowed from the page; its attributes live until the visitor returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a, 'b> {
    /// The element name, in the case it was written in.
    pub(crate) name: &'a str,
    /// Attributes in order.
    pub(crate) attrs: &'b [Attr<'a>],
    /// Byte offset of the `<` in the page.
    pub(crate) offset: usize,
}

impl<'a> Tag<'a, '_> {
    /// True when the element is `name` (given in lowercase), in any case.
    #[cfg(test)]
    pub(crate) fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The decoded value of the first attribute `name` (given in lowercase), if present.
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attrs.iter().find(|a| a.is(name)).map(Attr::value)
    }
}

/// What a pass over a page's tags is told: each attribute as it is read, then the start tag
/// it belongs to. A visitor keeps only what it needs, so nothing is collected per tag.
pub(crate) trait Visitor<'a> {
    /// An attribute as written, of the start tag whose `<` is at `offset`.
    fn attr(&mut self, offset: usize, attr: AttrSpan<'a>);
    /// The start tag at `offset` (its `<`), after all its attributes.
    fn tag(&mut self, name: &'a str, offset: usize);
}

/// An attribute where [`walk`] found it: the page is sliced only for what a visitor keeps.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AttrSpan<'a> {
    html: &'a str,
    /// Where the name starts and ends in the page.
    name: (usize, usize),
    /// Where the value as written starts and ends (empty when it has none).
    raw: (usize, usize),
}

impl<'a> AttrSpan<'a> {
    /// The name's length in bytes.
    pub(crate) fn name_len(&self) -> usize {
        self.name.1 - self.name.0
    }

    /// True when the attribute is `name` (given in lowercase), in any case.
    pub(crate) fn is(&self, name: &str) -> bool {
        let bytes = self.html.as_bytes().get(self.name.0..self.name.1);
        bytes.is_some_and(|b| b.eq_ignore_ascii_case(name.as_bytes()))
    }

    /// The value with its character references not yet decoded.
    pub(crate) fn raw(&self) -> &'a str {
        &self.html[self.raw.0..self.raw.1]
    }

    /// The attribute as written.
    pub(crate) fn attr(&self) -> Attr<'a> {
        Attr {
            name: &self.html[self.name.0..self.name.1],
            raw: self.raw(),
        }
    }
}

/// Calls `visit` with every start tag of `html`, in order.
pub fn each_tag<'a>(html: &'a str, visit: impl FnMut(&Tag<'a, '_>)) {
    /// Collects a tag's attributes for `visit`.
    struct Collect<'a, F> {
        attrs: Vec<Attr<'a>>,
        visit: F,
    }
    impl<'a, F: FnMut(&Tag<'a, '_>)> Visitor<'a> for Collect<'a, F> {
        fn attr(&mut self, _: usize, attr: AttrSpan<'a>) {
            self.attrs.push(attr.attr());
        }
        fn tag(&mut self, name: &'a str, offset: usize) {
            (self.visit)(&Tag {
                name,
                attrs: &self.attrs,
                offset,
            });
            self.attrs.clear();
        }
    }
    walk(
        html,
        &mut Collect {
            attrs: Vec::new(),
            visit,
        },
    );
}

/// Tells `visitor` every start tag of `html` and its attributes, in order: what [`each_tag`]
/// sees, without gathering the attributes of a tag.
pub(crate) fn walk<'a>(html: &'a str, visitor: &mut impl Visitor<'a>) {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(start) = next_tag(bytes, i) {
        let next = bytes.get(start + 1).copied().unwrap_or(b' ');
        if next == b'!' && bytes[start..].starts_with(b"<!--") {
            i = memmem::find(&bytes[start..], b"-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        if next == b'!' || next == b'?' || next == b'/' {
            // End tags are short: a word at a time finds their `>` sooner than `memchr`.
            let end = skip(bytes, start + 2, |w| equal(w, b'>'), |b| b != b'>');
            i = (end + 1).min(bytes.len());
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let (name, end) = start_tag(html, start, visitor);
        i = end;
        if let Some(raw) = raw_text(name) {
            i = end_tag(bytes, end, raw).unwrap_or(bytes.len());
        }
        visitor.tag(name, start);
    }
}

/// Offset of the first `<` at or after `from`. Most text between tags is a few bytes, which
/// two words tell sooner than `memchr`; longer text is left to `memchr`.
#[inline(always)]
fn next_tag(bytes: &[u8], from: usize) -> Option<usize> {
    let near = (from + 16).min(bytes.len());
    let found = skip(&bytes[..near], from, |w| equal(w, b'<'), |b| b != b'<');
    if found < near {
        return Some(found);
    }
    memchr(b'<', bytes.get(near..)?).map(|n| near + n)
}

/// The lowercase name of a raw-text element (`script`, `style`, `textarea`, `title`), whose
/// content is skipped up to its end tag.
#[inline]
fn raw_text(name: &str) -> Option<&'static str> {
    // The length leaves one candidate (two at 5 letters), compared once.
    let raw = match name.len() {
        5 if name.as_bytes()[0].eq_ignore_ascii_case(&b's') => "style",
        5 => "title",
        6 => "script",
        8 => "textarea",
        _ => return None,
    };
    name.eq_ignore_ascii_case(raw).then_some(raw)
}

/// True for the bytes HTML counts as whitespace between attributes.
fn space(b: u8) -> bool {
    b.is_ascii_whitespace()
}

/// Reads the start tag at `start`, telling `visitor` its attributes; returns its name and the
/// offset after its `>`.
fn start_tag<'a>(html: &'a str, start: usize, visitor: &mut impl Visitor<'a>) -> (&'a str, usize) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let name_end = skip(
        bytes,
        i,
        |w| controls(w) | equal(w, b'>') | equal(w, b'/'),
        |b| !space(b) && b != b'>' && b != b'/',
    );
    let name = &html[i..name_end];
    i = name_end;
    loop {
        i = scan(bytes, i, |b| space(b) || b == b'/');
        match bytes.get(i) {
            None => break,
            Some(b'>') => {
                i += 1;
                break;
            }
            Some(_) => {}
        }
        let name_end = skip(
            bytes,
            i,
            |w| controls(w) | equal(w, b'=') | equal(w, b'>') | equal(w, b'/'),
            |b| !space(b) && b != b'=' && b != b'>' && b != b'/',
        );
        let name = (i, name_end);
        i = name_end;
        if bytes.get(i).is_some_and(|&b| space(b)) {
            i = scan(bytes, i, space);
        }
        let mut raw = (i, i);
        if bytes.get(i) == Some(&b'=') {
            i = scan(bytes, i + 1, space);
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = skip(bytes, i + 1, |w| equal(w, q), |b| b != q);
                    raw = (i + 1, end);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let end = skip(
                        bytes,
                        i,
                        |w| controls(w) | equal(w, b'>'),
                        |b| !space(b) && b != b'>',
                    );
                    raw = (i, end);
                    i = end;
                }
            }
        }
        visitor.attr(start, AttrSpan { html, name, raw });
    }
    (name, i)
}

/// The first offset at or after `from` that does not `keep` its byte (or the length).
#[inline(always)]
fn scan(bytes: &[u8], from: usize, keep: impl Fn(u8) -> bool) -> usize {
    match bytes.get(from..) {
        Some(rest) => rest
            .iter()
            .position(|&b| !keep(b))
            .map_or(bytes.len(), |n| from + n),
        None => from,
    }
}

/// Like [`scan`], eight bytes at a time: `stops` marks (in its bytes' high bits) every byte
/// of a little-endian word that may end the run; its lowest mark must be exact, others may
/// be false. Names and unquoted values run for tens of bytes, where this takes a third of
/// the instructions of a byte loop.
#[inline(always)]
fn skip(
    bytes: &[u8],
    mut i: usize,
    stops: impl Fn(u64) -> u64,
    keep: impl Fn(u8) -> bool,
) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let marks = stops(word);
        if marks == 0 {
            i += 8;
            continue;
        }
        i += (marks.trailing_zeros() / 8) as usize;
        if !keep(bytes[i]) {
            return i;
        }
        // A control byte that HTML does not count as whitespace.
        i += 1;
    }
    scan(bytes, i, keep)
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Marks the bytes below `!` (whitespace and the other control bytes); the lowest is exact.
#[inline(always)]
fn controls(word: u64) -> u64 {
    word.wrapping_sub(ONES * 0x21) & !word & HIGHS
}

/// Marks the bytes equal to `byte`; the lowest is exact.
#[inline(always)]
fn equal(word: u64, byte: u8) -> u64 {
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGHS
}

/// Offset of the first `</name` (in any case) at or after `from`.
fn end_tag(bytes: &[u8], from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    loop {
        let at = i + memchr(b'<', &bytes[i..])?;
        let rest = &bytes[at + 1..];
        if rest.first() == Some(&b'/')
            && rest
                .get(1..=name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
        {
            return Some(at);
        }
        i = at + 1;
    }
}

/// Decodes the character references an attribute value may hold.
#[inline]
pub(crate) fn decode(value: &str) -> Cow<'_, str> {
    // Values are short: a plain loop tells sooner than a search.
    if !value.bytes().any(|b| b == b'&') {
        return Cow::Borrowed(value);
    }
    Cow::Owned(decode_references(value))
}

/// `value`, which holds a `&`, with its character references decoded.
fn decode_references(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let (text, used) = reference(rest).unwrap_or(("&".to_string(), 1));
        out.push_str(&text);
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}

/// The character a reference at the start of `text` stands for, and its length.
fn reference(text: &str) -> Option<(String, usize)> {
    const NAMED: [(&str, char); 5] = [
        ("&amp", '&'),
        ("&lt", '<'),
        ("&gt", '>'),
        ("&quot", '"'),
        ("&apos", '\''),
    ];
    let semicolon = |len: usize| len + usize::from(text[len..].starts_with(';'));
    if let Some(rest) = text.strip_prefix("&#") {
        let (digits, radix, skip) = match rest.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 3),
            None => (rest, 10, 2),
        };
        let len = digits
            .bytes()
            .take_while(|b| char::from(*b).is_digit(radix))
            .count();
        let c = u32::from_str_radix(&digits[..len], radix)
            .ok()
            .and_then(char::from_u32)?;
        return Some((c.to_string(), semicolon(skip + len)));
    }
    NAMED
        .iter()
        .find(|(name, _)| text.starts_with(name))
        .map(|(name, c)| (c.to_string(), semicolon(name.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every tag: lowercase name, and its attributes (lowercase name, decoded value).
    fn attrs(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        let mut tags = Vec::new();
        each_tag(html, |t| {
            let attrs = t.attrs.iter();
            let attrs = attrs.map(|a| (a.name.to_ascii_lowercase(), a.value().into_owned()));
            tags.push((t.name.to_ascii_lowercase(), attrs.collect()));
        });
        tags
    }

    fn names(html: &str) -> Vec<String> {
        attrs(html).into_iter().map(|(name, _)| name).collect()
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn quoted_unquoted_and_bare_attributes() {
        let got =
            attrs(r#"<!DOCTYPE html><a href=../x/ class="a b" data-x='1' hidden>t</a><P ID=y>"#);
        assert_eq!(
            got,
            [
                (
                    "a".to_string(),
                    pairs(&[
                        ("href", "../x/"),
                        ("class", "a b"),
                        ("data-x", "1"),
                        ("hidden", "")
                    ])
                ),
                ("p".to_string(), pairs(&[("id", "y")])),
            ]
        );
    }

    #[test]
    fn comments_scripts_and_styles_are_skipped() {
        let html = r#"<!-- <a href=nope> --><script type=application/ld+json>{"a":"<a href=x>"}</script><style>a[href="y"]{}</style><title><b id=t></title><i id=z>"#;
        assert_eq!(names(html), ["script", "style", "title", "i"]);
    }

    #[test]
    fn raw_text_ends_at_its_end_tag_in_any_case() {
        let cases: [(&str, &[&str]); 4] = [
            ("<script><a></SCRIPT ><b>", &["script", "b"]),
            ("<style></styl><a></style><b>", &["style", "b"]),
            ("<textarea><a>", &["textarea"]),
            ("<title></title", &["title"]),
        ];
        for (html, expected) in cases {
            assert_eq!(names(html), expected, "{html}");
        }
    }

    #[test]
    fn names_match_in_any_case_and_the_first_attribute_wins() {
        let mut seen = Vec::new();
        each_tag("<LINK Rel=canonical REL=x hRef=a&amp;b>", |t| {
            seen.push((t.is("link"), t.attr("rel"), t.attr("href"), t.offset));
        });
        assert_eq!(
            seen,
            [(true, Some("canonical".into()), Some("a&b".into()), 0)]
        );
    }

    #[test]
    fn references_in_values_are_decoded() {
        let cases = [
            ("a&amp;b", "a&b"),
            ("&#34x&#39;", "\"x'"),
            ("&#x41;&lt;&gt", "A<>"),
            ("a&b", "a&b"),
            ("&#xZZ", "&#xZZ"),
        ];
        for (input, expected) in cases {
            assert_eq!(decode(input), expected, "{input}");
        }
    }

    #[test]
    fn word_skips_stop_where_byte_loops_stop() {
        let texts = [
            "href=../a/b/index.html#fn-12 id=x>",
            "class=\"a b\"\x0b\x01 x\x0c=y/>",
            "\u{645}\u{62b}\u{627}\u{644}=\u{627}/\t\n\rz>  ",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'\x1f\x7f\u{80}",
        ];
        /// Marks of a word's stop bytes, and the bytes a run keeps.
        type Stops = (fn(u64) -> u64, fn(u8) -> bool);
        let stops: [Stops; 4] = [
            (|w| controls(w) | equal(w, b'>'), |b| !space(b) && b != b'>'),
            (
                |w| controls(w) | equal(w, b'=') | equal(w, b'>') | equal(w, b'/'),
                |b| !space(b) && b != b'=' && b != b'>' && b != b'/',
            ),
            (|w| equal(w, b'\''), |b| b != b'\''),
            (|w| equal(w, b'"'), |b| b != b'"'),
        ];
        for text in texts {
            let bytes = text.as_bytes();
            for from in 0..=bytes.len() + 1 {
                for (marks, keep) in stops {
                    let want = scan(bytes, from, keep);
                    assert_eq!(skip(bytes, from, marks, keep), want, "{text:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for html in [
            "<",
            "<a",
            "<a href=",
            "<a href='x",
            "<script>",
            "<a =x>",
            "<<a>>",
            "<a\u{633}>",
        ] {
            each_tag(html, |_| {});
        }
    }
}
