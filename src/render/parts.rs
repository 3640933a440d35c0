//! Marks that stand for a paper's body and notes while its pages' templates render, and the
//! splice that puts them in afterwards.
//!
//! The body and notes are most of a paper's page and are HTML already (from
//! `markdown::html`, minified). Given to Tera they would be copied into its context and out
//! again, and read by minify-html when the page is minified whole; a mark costs neither. The
//! English page is given the marks too: it shows neither part, and a page without marks is
//! as it would be with the parts themselves.

/// Stands for a paper's body in its rendered page. Private-use characters, so a page only
/// holds it where the template put it (and [`splice`] checks that).
pub(crate) const BODY: &str = "\u{E000}warraq:body\u{E000}";
/// Stands for a paper's notes, like [`BODY`].
pub(crate) const NOTES: &str = "\u{E000}warraq:notes\u{E000}";

/// What a page is given in place of `part`: `mark`, or the part itself when it is empty (so
/// that a template testing whether there are notes, or a body, finds none).
pub(crate) fn mark<'a>(part: &'a str, mark: &'static str) -> &'a str {
    if part.is_empty() { part } else { mark }
}

/// The parts of a paper's page: its body and its notes, those that are not empty (the
/// template shows no notes section for none, so that page holds no [`NOTES`] mark).
pub fn of_paper<'a>(body: &'a str, notes: &'a str) -> Vec<(&'static str, &'a str)> {
    [(BODY, body), (NOTES, notes)]
        .into_iter()
        .filter(|(_, part)| !part.is_empty())
        .collect()
}

/// Whether `page` holds none of the marks of `parts`: it is then the page that the parts
/// themselves would have made, for a template that never shows them.
pub(crate) fn none_in(page: &[u8], parts: &[(&str, &str)]) -> bool {
    parts
        .iter()
        .all(|(mark, _)| memchr::memmem::find(page, mark.as_bytes()).is_none())
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

    #[test]
    fn pages_without_marks_are_found() {
        let parts = of_paper("<p>b</p>", "<li>n</li>");
        assert!(none_in(b"<p>title</p>", &parts));
        assert!(!none_in(format!("<p>{NOTES}</p>").as_bytes(), &parts));
        // Empty parts are neither marked nor looked for.
        assert_eq!(of_paper("<p>b</p>", ""), [(BODY, "<p>b</p>")]);
        assert_eq!(mark("", BODY), "");
        assert_eq!(mark("<p>b</p>", BODY), BODY);
    }
}
