//! The site's public addresses: every page URL and every fragment it promises to keep.
//!
//! The build writes this index as `site/anchors.json`. A later release is checked against it
//! (`warraq check --previous`): every fragment published once must still exist, directly or
//! through an alias. The fragments of a document page are the documented URL scheme, in page
//! order: `abstract-sN` (aligned abstract pairs), the section and paragraph ids of the body
//! (each followed by the old ids aliased to it), and `fn-N` (notes). Template ids (`toc`,
//! `main`, …) are not promised. Pure: no IO.

pub(crate) mod aliases;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::markdown::anchors::Anchor;

/// Format version written into `anchors.json`.
pub(crate) const VERSION: u64 = 1;

/// Where the index is in a built site.
pub(crate) const FILE: &str = "anchors.json";

/// One public page and its fragments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Page {
    /// Fragments in page order.
    pub(crate) fragments: Vec<String>,
    /// The content file the page is built from (not written to the index).
    pub(crate) source: Option<PathBuf>,
}

/// Every public page of a site, by URL relative to the site root (`""`, `en/`, `<slug>/`);
/// and the old addresses it keeps: a renamed paper's (`redirects`, old URL → the URL readers
/// are sent to, fragment kept) and a withdrawn paper's (`withdrawn`, where a page says so).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    pub(crate) pages: BTreeMap<String, Page>,
    pub(crate) redirects: BTreeMap<String, String>,
    pub(crate) withdrawn: BTreeSet<String>,
}

/// The index of pages given as (URL, fragments, source), built in one pass over them sorted
/// rather than by a map insert each (a later page of the same URL wins, as with `add`).
impl FromIterator<(String, Vec<String>, Option<PathBuf>)> for Index {
    fn from_iter<I: IntoIterator<Item = (String, Vec<String>, Option<PathBuf>)>>(pages: I) -> Self {
        Index {
            pages: (pages.into_iter())
                .map(|(url, fragments, source)| (url, Page { fragments, source }))
                .collect(),
            ..Index::default()
        }
    }
}

/// The fragments of a document page, in page order.
pub(crate) fn document_fragments(
    body: &[Anchor],
    aliases: &BTreeMap<String, String>,
    abstract_rows: usize,
    notes: usize,
) -> Vec<String> {
    let mut fragments: Vec<String> = (1..=abstract_rows)
        .map(|n| format!("abstract-s{n}"))
        .collect();
    for anchor in body {
        fragments.push(anchor.id.clone());
        fragments.extend(
            aliases
                .iter()
                .filter(|(_, target)| **target == anchor.id)
                .map(|(old, _)| old.clone()),
        );
    }
    fragments.extend((1..=notes).map(|n| format!("fn-{n}")));
    fragments
}

impl Index {
    /// Adds a page.
    pub(crate) fn add(&mut self, url: &str, fragments: Vec<String>, source: Option<PathBuf>) {
        self.pages
            .insert(url.to_string(), Page { fragments, source });
    }

    /// Adds the index of another part of the site (a later page of the same URL wins).
    pub(crate) fn extend(&mut self, other: Index) {
        self.pages.extend(other.pages);
        self.redirects.extend(other.redirects);
        self.withdrawn.extend(other.withdrawn);
    }

    /// The index as `anchors.json`: pretty-printed, one fragment per line, pages sorted; the
    /// old addresses after them, when the site keeps any (a file without them reads the same).
    pub(crate) fn to_json(&self) -> String {
        /// The file's shape, serialized straight from the index (keys in alphabetical order).
        #[derive(serde::Serialize)]
        struct File<'a> {
            pages: Fragments<'a>,
            #[serde(skip_serializing_if = "BTreeMap::is_empty")]
            redirects: &'a BTreeMap<String, String>,
            version: u64,
            #[serde(skip_serializing_if = "BTreeSet::is_empty")]
            withdrawn: &'a BTreeSet<String>,
        }
        struct Fragments<'a>(&'a BTreeMap<String, Page>);
        impl serde::Serialize for Fragments<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().map(|(url, page)| (url, &page.fragments)))
            }
        }
        let file = File {
            pages: Fragments(&self.pages),
            redirects: &self.redirects,
            version: VERSION,
            withdrawn: &self.withdrawn,
        };
        // Sized beforehand (each fragment on a line of its own, indented, quoted): at 5,000
        // papers the file is 5 MB, and growing it by doubling tripled the time to write it.
        let size: usize = (self.pages.iter())
            .map(|(url, page)| {
                url.len() + 16 + page.fragments.iter().map(|f| f.len() + 10).sum::<usize>()
            })
            .sum();
        let mut text = Vec::with_capacity(size + 64);
        serde_json::to_writer_pretty(&mut text, &file).expect("strings always serialize");
        text.push(b'\n');
        String::from_utf8(text).expect("serde_json writes UTF-8")
    }

    /// Reads an `anchors.json` written by a previous release.
    pub(crate) fn parse(text: &str) -> Result<Index, String> {
        #[derive(serde::Deserialize)]
        struct File {
            version: u64,
            pages: BTreeMap<String, Vec<String>>,
            #[serde(default)]
            redirects: BTreeMap<String, String>,
            #[serde(default)]
            withdrawn: BTreeSet<String>,
        }
        let file: File = serde_json::from_str(text).map_err(|e| {
            format!(
                "not an anchors.json written by warraq: {e} (line {}, column {})",
                e.line(),
                e.column()
            )
        })?;
        if file.version != VERSION {
            return Err(format!(
                "anchors.json version {} is not supported (this warraq reads version {VERSION})",
                file.version
            ));
        }
        Ok(Index {
            pages: file
                .pages
                .into_iter()
                .map(|(url, fragments)| {
                    (
                        url,
                        Page {
                            fragments,
                            source: None,
                        },
                    )
                })
                .collect(),
            redirects: file.redirects,
            withdrawn: file.withdrawn,
        })
    }
}

/// An address of the previous release that the new build no longer has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Lost {
    /// The whole page is gone (with how many fragments it had).
    Page { url: String, fragments: usize },
    /// One fragment of a page that still exists.
    Fragment { url: String, fragment: String },
    /// An old address the previous release kept (a redirect or a withdrawn paper's page).
    OldAddress { url: String },
}

/// What `previous` published that `current` lacks, in the previous index's order. A page
/// kept as a redirect keeps each fragment that the page it sends readers to has; a withdrawn
/// page keeps every fragment (its page says the whole paper is gone); an old address the
/// previous release kept must still be kept, in one of the three ways.
pub(crate) fn lost(previous: &Index, current: &Index) -> Vec<Lost> {
    let mut lost = Vec::new();
    let kept = |url: &str| {
        current.pages.contains_key(url)
            || current.redirects.contains_key(url)
            || current.withdrawn.contains(url)
    };
    let old_addresses: BTreeSet<&String> = (previous.redirects.keys())
        .chain(&previous.withdrawn)
        .collect();
    for url in old_addresses
        .into_iter()
        .filter(|url| !previous.pages.contains_key(*url))
    {
        if !kept(url) {
            lost.push(Lost::OldAddress { url: url.clone() });
        }
    }
    for (url, page) in &previous.pages {
        if current.withdrawn.contains(url) {
            continue;
        }
        let now = (current.pages.get(url)).or_else(|| {
            current
                .redirects
                .get(url)
                .and_then(|to| current.pages.get(to))
        });
        let Some(now) = now else {
            lost.push(Lost::Page {
                url: url.clone(),
                fragments: page.fragments.len(),
            });
            continue;
        };
        let live: std::collections::BTreeSet<&str> =
            now.fragments.iter().map(String::as_str).collect();
        lost.extend(
            page.fragments
                .iter()
                .filter(|f| !live.contains(f.as_str()))
                .map(|f| Lost::Fragment {
                    url: url.clone(),
                    fragment: f.clone(),
                }),
        );
    }
    lost
}

/// Byte offset of `fragment` of `url` in an index file's text, for diagnostics (0 if unknown).
pub(crate) fn offset_in(text: &str, url: &str, fragment: Option<&str>) -> usize {
    let key = serde_json::to_string(url).unwrap_or_default();
    let Some(page) = text.find(&format!("{key}:")) else {
        return 0;
    };
    let Some(fragment) = fragment else {
        return page;
    };
    let needle = serde_json::to_string(fragment).unwrap_or_default();
    let end = text[page..].find(']').map_or(text.len(), |i| page + i);
    text[page..end].find(&needle).map_or(page, |i| page + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::anchors::AnchorKind;

    #[test]
    fn collecting_pages_is_adding_them_in_turn() {
        let pages = [
            ("b/", "x", "b.md"),
            ("a/", "y", "a.md"),
            ("b/", "z", "b2.md"),
        ];
        let collected: Index = (pages.iter())
            .map(|(url, id, src)| (url.to_string(), vec![id.to_string()], Some(src.into())))
            .collect();
        let mut added = Index::default();
        for (url, id, src) in pages {
            added.add(url, vec![id.to_string()], Some(src.into()));
        }
        assert_eq!(collected, added);
        assert_eq!(
            collected.pages["b/"].fragments,
            ["z"],
            "the later page wins"
        );
    }

    fn index(pages: &[(&str, &[&str])]) -> Index {
        let mut index = Index::default();
        for (url, fragments) in pages {
            index.add(url, fragments.iter().map(|f| f.to_string()).collect(), None);
        }
        index
    }

    #[test]
    fn fragments_follow_the_page() {
        let body = [
            Anchor {
                id: "intro".into(),
                kind: AnchorKind::Heading,
            },
            Anchor {
                id: "intro-p1".into(),
                kind: AnchorKind::Paragraph,
            },
        ];
        let aliases = BTreeMap::from([("old".to_string(), "intro".to_string())]);
        assert_eq!(
            document_fragments(&body, &aliases, 2, 1),
            [
                "abstract-s1",
                "abstract-s2",
                "intro",
                "old",
                "intro-p1",
                "fn-1"
            ]
        );
    }

    #[test]
    fn json_round_trip_is_stable() {
        let index = index(&[("", &[]), ("b/", &["x", "y"]), ("a/", &["z"])]);
        let text = index.to_json();
        assert_eq!(
            text,
            "{\n  \"pages\": {\n    \"\": [],\n    \"a/\": [\n      \"z\"\n    ],\n    \"b/\": [\n      \"x\",\n      \"y\"\n    ]\n  },\n  \"version\": 1\n}\n"
        );
        assert_eq!(Index::parse(&text).unwrap(), index);
    }

    #[test]
    fn bad_files_are_explained() {
        let err = Index::parse("{\"pages\": []}").unwrap_err();
        assert!(
            err.starts_with("not an anchors.json written by warraq"),
            "{err}"
        );
        let err = Index::parse("{\"version\": 9, \"pages\": {}}").unwrap_err();
        assert!(err.contains("version 9 is not supported"), "{err}");
    }

    #[test]
    fn lost_pages_and_fragments() {
        let before = index(&[("a/", &["x", "y", "z"]), ("gone/", &["p1"])]);
        let after = index(&[("a/", &["y"]), ("new/", &[])]);
        assert_eq!(
            lost(&before, &after),
            [
                Lost::Fragment {
                    url: "a/".into(),
                    fragment: "x".into()
                },
                Lost::Fragment {
                    url: "a/".into(),
                    fragment: "z".into()
                },
                Lost::Page {
                    url: "gone/".into(),
                    fragments: 1
                },
            ]
        );
        assert!(lost(&after, &after).is_empty());
    }

    #[test]
    fn old_addresses_keep_what_their_pages_promised() {
        let before = index(&[("old/", &["intro", "end"]), ("gone/", &["p1"]), ("", &[])]);
        // Renamed (the new page has `intro` but not `end`) and withdrawn.
        let mut after = index(&[("new/", &["intro"]), ("", &[])]);
        after.redirects.insert("old/".into(), "new/".into());
        after.withdrawn.insert("gone/".into());
        assert_eq!(
            lost(&before, &after),
            [Lost::Fragment {
                url: "old/".into(),
                fragment: "end".into()
            }]
        );
        // The next release must keep both old addresses, in one of the three ways.
        let json = after.to_json();
        let kept = Index::parse(&json).unwrap();
        assert_eq!(kept, after);
        assert!(
            json.contains("\"redirects\": {\n    \"old/\": \"new/\"\n  }"),
            "{json}"
        );
        let dropped = index(&[("new/", &["intro"]), ("", &[])]);
        assert_eq!(
            lost(&kept, &dropped),
            [
                Lost::OldAddress {
                    url: "gone/".into()
                },
                Lost::OldAddress { url: "old/".into() }
            ]
        );
        let mut republished = dropped.clone();
        republished.add("gone/", Vec::new(), None);
        republished.withdrawn.insert("old/".into());
        assert!(lost(&kept, &republished).is_empty());
    }

    #[test]
    fn offsets_point_at_the_fragment() {
        let text = index(&[("a/", &["x", "p1"]), ("b/", &["p1"])]).to_json();
        let at = offset_in(&text, "b/", Some("p1"));
        assert!(text[at..].starts_with("\"p1\""));
        assert!(text[..at].contains("\"b/\""));
        assert_eq!(offset_in(&text, "zz/", Some("p1")), 0);
    }
}
