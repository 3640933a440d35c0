//! A small scanner for start tags and their attributes in HTML that Warraq generated itself.
//!
//! Not a general HTML parser: it knows comments, doctypes, end tags, quoted and unquoted
//! attribute values (minify-html drops quotes where it can), character references in values,
//! and raw-text elements (`script`, `style`, `textarea`, `title`) whose content it skips. That
//! is all the link checker needs to read ids, `href` and `src`, and it keeps an HTML parser
//! out of the runtime dependencies.

use std::borrow::Cow;

/// A start tag, borrowing from the page where it can (names already lowercase, values
/// without character references), since a page has thousands of tags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag<'a> {
    /// Lowercase element name.
    pub name: Cow<'a, str>,
    /// Attributes in order: lowercase name, decoded value (`""` when it has none).
    pub attrs: Vec<(Cow<'a, str>, Cow<'a, str>)>,
    /// Byte offset of the `<` in the page.
    pub offset: usize,
}

impl Tag<'_> {
    /// The value of attribute `name`, if present.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_ref())
    }
}

const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Every start tag of `html`, in order.
pub fn tags(html: &str) -> Vec<Tag<'_>> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(found) = html[i..].find('<') {
        let start = i + found;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        let next = bytes.get(start + 1).copied().unwrap_or(b' ');
        if next == b'!' || next == b'?' || next == b'/' {
            i = rest.find('>').map_or(html.len(), |e| start + e + 1);
            continue;
        }
        if !next.is_ascii_alphabetic() {
            i = start + 1;
            continue;
        }
        let (tag, end) = start_tag(html, start);
        i = end;
        if RAW_TEXT.contains(&tag.name.as_ref()) {
            let close = format!("</{}", tag.name);
            i = find_ascii_ci(&html[end..], &close).map_or(html.len(), |e| end + e);
        }
        tags.push(tag);
    }
    tags
}

/// Parses the start tag at `start`; returns it and the offset after its `>`.
fn start_tag(html: &str, start: usize) -> (Tag<'_>, usize) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let name_end = scan(bytes, i, |b| {
        !b.is_ascii_whitespace() && b != b'>' && b != b'/'
    });
    let name = lowercase(&html[i..name_end]);
    i = name_end;
    let mut attrs = Vec::new();
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
        let attr = lowercase(&html[i..name_end]);
        i = scan(bytes, name_end, |b| b.is_ascii_whitespace());
        let mut value = Cow::Borrowed("");
        if bytes.get(i) == Some(&b'=') {
            i = scan(bytes, i + 1, |b| b.is_ascii_whitespace());
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = scan(bytes, i + 1, |b| b != q);
                    value = decode(&html[i + 1..end]);
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let end = scan(bytes, i, |b| !b.is_ascii_whitespace() && b != b'>');
                    value = decode(&html[i..end]);
                    i = end;
                }
            }
        }
        attrs.push((attr, value));
    }
    (
        Tag {
            name,
            attrs,
            offset: start,
        },
        i,
    )
}

/// `text` in ASCII lowercase, borrowed when it already is.
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

fn scan(bytes: &[u8], mut i: usize, keep: impl Fn(u8) -> bool) -> usize {
    while i < bytes.len() && keep(bytes[i]) {
        i += 1;
    }
    i
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    haystack
        .as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
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

    fn attrs(html: &str) -> Vec<(String, Vec<(String, String)>)> {
        tags(html)
            .into_iter()
            .map(|t| {
                let attrs = t.attrs.into_iter();
                let attrs = attrs.map(|(n, v)| (n.into_owned(), v.into_owned()));
                (t.name.into_owned(), attrs.collect())
            })
            .collect()
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
        let names: Vec<String> = tags(html).into_iter().map(|t| t.name.into()).collect();
        assert_eq!(names, ["script", "style", "title", "i"]);
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
            let _ = tags(html);
        }
    }
}
