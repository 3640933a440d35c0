//! Ids of one HTML page: the reserved ones, the footnote namespace, and uniqueness.
//!
//! Heading ids are ASCII (`^[a-z0-9][a-z0-9-]*$`). Footnote ids (`fn-N`, `fnref-N`) and
//! abstract ids (`abstract-…`) live in prefixes that headings may not use, so they never clash.
//! Paragraph ids (`p3`, `introduction-p3`) have a shape headings may not take either.

use std::collections::{BTreeMap, BTreeSet};

/// Ids the page templates use themselves.
pub(crate) const RESERVED_IDS: [&str; 10] = [
    "main",
    "top",
    "title",
    "byline",
    "toc",
    "abstract",
    "notes",
    "cite",
    "editorial-notes",
    "content",
];

/// Prefixes owned by generated ids.
pub(crate) const RESERVED_PREFIXES: [&str; 3] = ["fn-", "fnref-", "abstract-"];

/// Why an id an author wrote is not usable.
pub(crate) fn check_author_id(id: &str) -> Result<(), String> {
    let mut chars = id.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    if !first_ok
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err(format!(
            "`{id}` is not a valid id: use lowercase ASCII letters, digits and `-`, starting with a letter or digit"
        ));
    }
    if RESERVED_IDS.contains(&id) {
        return Err(format!("`{id}` is used by the page itself"));
    }
    if let Some(prefix) = RESERVED_PREFIXES.iter().find(|p| id.starts_with(*p)) {
        return Err(format!(
            "ids starting with `{prefix}` are reserved for notes and abstracts"
        ));
    }
    if is_paragraph_id(id) {
        return Err(format!(
            "`{id}` has the shape of a paragraph id (`p<N>` or `<section>-p<N>`)"
        ));
    }
    Ok(())
}

/// True for ids shaped like generated paragraph ids: `p3` or `anything-p3`.
pub(crate) fn is_paragraph_id(id: &str) -> bool {
    let tail = match id.rsplit_once("-p") {
        Some((_, tail)) => tail,
        None => match id.strip_prefix('p') {
            Some(tail) => tail,
            None => return false,
        },
    };
    !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit())
}

/// The ids taken on one page so far.
#[derive(Debug, Default)]
pub(crate) struct PageIds {
    taken: BTreeSet<String>,
    /// For each base given to [`PageIds::take_free`], the next suffix to try, so n clashes on
    /// one base cost n lookups in all rather than n² (a page of many untitled headings).
    next_suffix: BTreeMap<String, usize>,
}

impl PageIds {
    /// A page with only the template's own ids taken.
    pub(crate) fn new() -> Self {
        PageIds {
            taken: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            next_suffix: BTreeMap::new(),
        }
    }

    /// Takes `id`; false if it was already taken.
    pub(crate) fn take(&mut self, id: &str) -> bool {
        self.taken.insert(id.to_string())
    }

    /// Takes `base`, or the first free `base-2`, `base-3` …, and returns what was taken.
    pub(crate) fn take_free(&mut self, base: &str) -> String {
        if self.take(base) {
            return base.to_string();
        }
        let mut n = self.next_suffix.get(base).copied().unwrap_or(2);
        loop {
            let id = format!("{base}-{n}");
            n += 1;
            if self.take(&id) {
                self.next_suffix.insert(base.to_string(), n);
                return id;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn author_ids() {
        for ok in [
            "introduction",
            "s1-turkey",
            "2020",
            "p",
            "pa",
            "s2-p",
            "s2-pp1",
            "top-3",
        ] {
            assert!(check_author_id(ok).is_ok(), "{ok}");
        }
        let bad = [
            ("Intro", "`Intro` is not a valid id"),
            ("-a", "`-a` is not a valid id"),
            ("مقدمة", "`مقدمة` is not a valid id"),
            ("a\u{200e}", "is not a valid id"),
            ("toc", "`toc` is used by the page itself"),
            ("fn-1", "ids starting with `fn-` are reserved"),
            ("abstract-s1", "ids starting with `abstract-` are reserved"),
            ("p3", "`p3` has the shape of a paragraph id"),
            ("s2-p10", "`s2-p10` has the shape of a paragraph id"),
        ];
        for (id, message) in bad {
            let err = check_author_id(id).unwrap_err();
            assert!(err.contains(message), "{id}: {err}");
        }
    }

    #[test]
    fn free_ids_get_suffixes() {
        let mut ids = PageIds::new();
        assert_eq!(ids.take_free("s1"), "s1");
        assert_eq!(ids.take_free("s1"), "s1-2");
        assert_eq!(ids.take_free("s1"), "s1-3");
        assert_eq!(ids.take_free("toc"), "toc-2");
        // A suffix taken by hand is skipped, and counting goes on after it.
        assert!(ids.take("a-2"));
        assert_eq!(ids.take_free("a"), "a");
        assert_eq!(ids.take_free("a"), "a-3");
        assert_eq!(ids.take_free("a"), "a-4");
    }
}
