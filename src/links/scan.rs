//! A small scanner for start tags and their attributes in HTML that Warraq generated itself.
//!
//! Not a general HTML parser: it knows comments, doctypes, end tags, quoted and unquoted
//! attribute values (minify-html drops quotes where it can), character references in values,
//! and raw-text elements (`script`, `style`, `textarea`, `title`) whose content it skips. That
//! is all the link checker needs to read ids, `href` and `src`, and it keeps an HTML parser
//! out of the runtime dependencies.
//!
//! One linear pass that jumps from `<` to `<` (with `memchr`) and allocates nothing per tag:
//! each tag is handed to a visitor with its attributes as written, borrowed from the page,
//! and a value's character references are decoded only when the visitor asks for it.

use std::borrow::Cow;

use memchr::{memchr, memmem};

/// An attribute as written in the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attr<'a> {
    /// The name, in the case it was written in.
    pub name: &'a str,
    /// The value with its character references not yet decoded (`""` when it has none).
    pub raw: &'a str,
}

impl<'a> Attr<'a> {
    /// True when the attribute is `name` (given in lowercase), in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The decoded value.
    pub fn value(&self) -> Cow<'a, str> {
        decode(self.raw)
    }
}

/// A start tag, borrowed from the page; its attributes live until the visitor returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tag<'a, 'b> {
    /// The element name, in the case it was written in.
    pub name: &'a str,
    /// Attributes in order.
    pub attrs: &'b [Attr<'a>],
    /// Byte offset of the `<` in the page.
    pub offset: usize,
}

impl<'a> Tag<'a, '_> {
    /// True when the element is `name` (given in lowercase), in any case.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    /// The decoded value of the first attribute `name` (given in lowercase), if present.
    pub fn attr(&self, name: &str) -> Option<Cow<'a, str>> {
        self.attrs.iter().find(|a| a.is(name)).map(Attr::value)
    }
}

const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Calls `visit` with every start tag of `html`, in order.
pub fn each_tag<'a>(html: &'a str, mut visit: impl FnMut(&Tag<'a, '_>)) {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = 0;
    while let Some(found) = memchr(b'<', &bytes[i..]) {
        let start = i + found;
        let next = bytes.get(start + 1).copied().unwrap_or(b' ');
        if next == b'!' && bytes[start..].starts_with(b"<!--") {
            i = memmem::find(&bytes[start..], b"-->").map_or(bytes.len(), |e| start + e + 3);
            continue;
        }
        if next == b'!' || next == b'?' || next == b'/' {
            i = memchr(b'>', &bytes[start..]).map_or(bytes.len(), |e| start + e + 1);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        attrs.clear();
        let (name, end) = start_tag(html, start, &mut attrs);
        i = end;
        if let Some(raw) = RAW_TEXT.iter().find(|raw| name.eq_ignore_ascii_case(raw)) {
            i = end_tag(bytes, end, raw).unwrap_or(bytes.len());
        }
        visit(&Tag {
            name,
            attrs: &attrs,
            offset: start,
        });
    }
}

/// Reads the start tag at `start` into its name and `attrs`; returns the name and the offset
/// after its `>`.
fn start_tag<'a>(html: &'a str, start: usize, attrs: &mut Vec<Attr<'a>>) -> (&'a str, usize) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let name_end = scan(bytes, i, |b| {
        !b.is_ascii_whitespace() && b != b'>' && b != b'/'
    });
    let name = &html[i..name_end];
    i = name_end;
    loop {
        i = scan(bytes, i, |b| b.is_ascii_whitespace() || b == b'/');
        if i >= bytes.len() {
            break;
        }
        if bytes[i] == b'>' {
            i += 1;
            break;
        }
        let name_end = scan(bytes, i, |b| {
            !b.is_ascii_whitespace() && b != b'=' && b != b'>' && b != b'/'
        });
        let name = &html[i..name_end];
        i = scan(bytes, name_end, |b| b.is_ascii_whitespace());
        let mut raw = "";
        if bytes.get(i) == Some(&b'=') {
            i = scan(bytes, i + 1, |b| b.is_ascii_whitespace());
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = memchr(q, &bytes[i + 1..]).map_or(bytes.len(), |e| i + 1 + e);
                    raw = &html[i + 1..end];
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let end = scan(bytes, i, |b| !b.is_ascii_whitespace() && b != b'>');
                    raw = &html[i..end];
                    i = end;
                }
            }
        }
        attrs.push(Attr { name, raw });
    }
    (name, i)
}

fn scan(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
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
pub fn decode(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
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
    Cow::Owned(out)
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
