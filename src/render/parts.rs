//! Marks that stand for a paper's body and notes while its page template renders, and the
//! splice that puts them in afterwards.
//!
//! The body and notes are most of a paper's page and are HTML already (from
//! `markdown::html`, minified). Given to Tera they would be copied into its context and out
//! again, and read by minify-html when the page is minified whole; a mark costs neither.

/// Stands for a paper's body in its rendered page. Private-use characters, so a page only
/// holds it where the template put it (and [`splice`] checks that).
pub const BODY: &str = "\u{E000}warraq:body\u{E000}";
/// Stands for a paper's notes, like [`BODY`].
pub const NOTES: &str = "\u{E000}warraq:notes\u{E000}";

/// The parts of a paper's page: its body, and its notes when it has any (the template shows
/// no notes section for none, so that page holds no [`NOTES`] mark).
pub fn of_paper<'a>(body: &'a str, notes: &'a str) -> Vec<(&'static str, &'a str)> {
    let mut parts = vec![(BODY, body)];
    if !notes.is_empty() {
        parts.push((NOTES, notes));
    }
    parts
}

/// `page` with each mark of `parts` replaced by its HTML; `None` when a mark is not in the
/// page exactly once (the template used it twice, or front matter text holds it), so that
/// the caller renders the page with the parts themselves.
pub fn splice(page: &[u8], parts: &[(&str, &str)]) -> Option<Vec<u8>> {
    let mut found: Vec<(usize, &str, &str)> = Vec::with_capacity(parts.len());
    for &(mark, part) in parts {
        let mut hits = memchr::memmem::find_iter(page, mark.as_bytes());
        let at = hits.next()?;
        if hits.next().is_some() {
            return None;
        }
        found.push((at, mark, part));
    }
    found.sort_unstable_by_key(|&(at, ..)| at);
    let extra: usize = parts.iter().map(|(_, part)| part.len()).sum();
    let mut out = Vec::with_capacity(page.len() + extra);
    let mut from = 0;
    for (at, mark, part) in found {
        out.extend_from_slice(&page[from..at]);
        out.extend_from_slice(part.as_bytes());
        from = at + mark.len();
    }
    out.extend_from_slice(&page[from..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn puts_parts_in_place_of_their_marks() {
        let page = format!("<div>{BODY}</div><ol>{NOTES}</ol>");
        let out = splice(
            page.as_bytes(),
            &[(NOTES, "<li>n</li>"), (BODY, "<p>نص</p>")],
        );
        assert_eq!(
            String::from_utf8(out.unwrap()).unwrap(),
            "<div><p>نص</p></div><ol><li>n</li></ol>"
        );
        // A mark twice or not at all: no splicing.
        let twice = format!("<p>{BODY}</p><p>{BODY}</p>");
        assert!(splice(twice.as_bytes(), &[(BODY, "b")]).is_none());
        assert!(splice(b"<p></p>", &[(BODY, "b")]).is_none());
    }
}
