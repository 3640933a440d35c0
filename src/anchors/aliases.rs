//! Checks a document's `aliases:` against its rendered page: targets exist, old ids are gone.
//!
//! An alias keeps an old fragment working by placing it at the heading or paragraph that
//! replaced it, so its target must be a heading or paragraph id of this document, and its old
//! id must not be an id the page still has (that would be two elements with one id). Pure.

use std::collections::BTreeMap;

use crate::markdown::anchors::Anchor;
use crate::markdown::ids::RESERVED_IDS;

/// A problem with one alias, keyed by its old id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AliasProblem {
    /// The alias's old id (its key in `aliases:`).
    pub(crate) old: String,
    pub(crate) message: String,
    pub(crate) hint: String,
}

/// Every problem of `aliases` on a page whose body has `anchors` and `notes` endnotes.
pub(crate) fn check(
    aliases: &BTreeMap<String, String>,
    anchors: &[Anchor],
    notes: usize,
) -> Vec<AliasProblem> {
    let live = |id: &str| {
        anchors.iter().any(|a| a.id == id)
            || RESERVED_IDS.contains(&id)
            || generated_live(id, notes)
    };
    let mut problems = Vec::new();
    for (old, new) in aliases {
        if live(old) {
            problems.push(AliasProblem {
                old: old.clone(),
                message: format!("`{old}` is still an id on this page, so it cannot be an alias"),
                hint: "remove the alias: the old link already works".to_string(),
            });
        } else if !anchors.iter().any(|a| &a.id == new) {
            let headings: Vec<&str> = anchors
                .iter()
                .filter(|a| a.kind == crate::markdown::anchors::AnchorKind::Heading)
                .map(|a| a.id.as_str())
                .collect();
            problems.push(AliasProblem {
                old: old.clone(),
                message: format!(
                    "the alias target `{new}` is not a heading or paragraph id of this document"
                ),
                hint: format!(
                    "point it at a heading ({}) or a paragraph (`<heading id>-p<N>`, or `p<N>` before the first heading)",
                    if headings.is_empty() { "there are none".to_string() } else { headings.join(", ") }
                ),
            });
        }
    }
    problems
}

/// True for note and abstract ids that the page generates and still has.
fn generated_live(id: &str, notes: usize) -> bool {
    let number = |rest: &str| rest.split('-').next().and_then(|n| n.parse::<usize>().ok());
    if let Some(rest) = id.strip_prefix("fn-") {
        return number(rest).is_some_and(|n| (1..=notes).contains(&n));
    }
    if let Some(rest) = id.strip_prefix("fnref-") {
        return number(rest).is_some_and(|n| (1..=notes).contains(&n));
    }
    // Abstract ids depend on the alignment, known to the template only: never alias them.
    id.starts_with("abstract-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::anchors::AnchorKind;

    fn anchors() -> Vec<Anchor> {
        vec![
            Anchor {
                id: "intro".into(),
                kind: AnchorKind::Heading,
            },
            Anchor {
                id: "intro-p1".into(),
                kind: AnchorKind::Paragraph,
            },
        ]
    }

    fn run(pairs: &[(&str, &str)]) -> Vec<String> {
        let aliases = pairs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        check(&aliases, &anchors(), 3)
            .into_iter()
            .map(|p| format!("{}: {}", p.old, p.message))
            .collect()
    }

    #[test]
    fn good_aliases_pass() {
        assert!(
            run(&[
                ("introduction", "intro"),
                ("s1-p4", "intro-p1"),
                ("fn-4", "intro-p1")
            ])
            .is_empty()
        );
    }

    #[test]
    fn live_old_ids_and_missing_targets_fail() {
        assert_eq!(
            run(&[
                ("intro-p1", "intro"),
                ("toc", "intro"),
                ("fn-2", "intro"),
                ("fnref-3-2", "intro"),
                ("abstract-s1", "intro"),
                ("old", "nowhere"),
            ]),
            [
                "abstract-s1: `abstract-s1` is still an id on this page, so it cannot be an alias",
                "fn-2: `fn-2` is still an id on this page, so it cannot be an alias",
                "fnref-3-2: `fnref-3-2` is still an id on this page, so it cannot be an alias",
                "intro-p1: `intro-p1` is still an id on this page, so it cannot be an alias",
                "old: the alias target `nowhere` is not a heading or paragraph id of this document",
                "toc: `toc` is still an id on this page, so it cannot be an alias",
            ]
        );
    }
}
