//! In-page links an author wrote (`[see](#introduction)`): each must lead to an id on the page.
//!
//! Heading ids come from `{#id}` or the outline (`s1-2`), so a typo or an outline change can
//! leave a link pointing nowhere, which readers only notice when the click does nothing. The
//! links are collected before the notes are taken out of the event stream (so links inside
//! notes count too) and checked against the ids of the rendered body and notes, the ids the
//! page templates reserve, and the abstract rows (`abstract-…`), which the Markdown stage does
//! not see. A miss is a warning at the link; the build's link check, which sees the whole page,
//! makes it an error when the page has no such id after all.

use pulldown_cmark::{Event, Tag};

use super::ids::RESERVED_IDS;
use super::parser::Spanned;
use crate::diagnostics::FileDiagnostics;
use crate::links::percent_decode;

/// The `#fragment` links in `events`, with their offsets in the body.
pub fn collect(events: &[Spanned]) -> Vec<(String, usize)> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => dest_url
                .strip_prefix('#')
                .filter(|target| !target.is_empty())
                .map(|target| (target.to_string(), range.start)),
            _ => None,
        })
        .collect()
}

/// Warns about every link of `links` whose target is not an id in `markup` (or reserved).
pub fn check(links: &[(String, usize)], markup: &[&str], diags: &mut FileDiagnostics, base: usize) {
    if links.is_empty() {
        return;
    }
    // Read with the link checker's tag scanner, which knows every way an id is written.
    let mut ids = std::collections::BTreeSet::new();
    for html in markup {
        crate::links::scan::each_tag(html, |tag| {
            ids.extend(tag.attr("id").map(|id| id.into_owned()))
        });
    }
    for (target, offset) in links {
        // As the browser looks it up: `#%D9%85…` and `#م…` lead to the same id.
        let target = percent_decode(target);
        let known = ids.contains(target.as_ref())
            || RESERVED_IDS.contains(&target.as_ref())
            || target.starts_with("abstract-");
        if !known {
            diags
                .warning(
                    base + offset,
                    message(&target),
                )
                .set_field("link")
                .set_hint("link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)");
        }
    }
}

/// The warning for a link to `#target` (percent-decoded) that leads nowhere on its page.
pub fn message(target: &str) -> String {
    format!("the link `#{target}` leads to no id on this page")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::lang::Lang;
    use crate::markdown::{Input, render};

    fn warnings(body: &str) -> Vec<String> {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        render(
            &Input {
                body,
                body_offset: 0,
                lang: Lang::Ar,
                byline_notes: &[],
                raw_html: false,
                aliases: &Default::default(),
            },
            &mut diags,
        );
        diags.list.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn links_to_ids_on_the_page_are_fine() {
        let body = "## a {#intro}\n\n## b\n\n[x](#intro) [y](#s2) [z](#fn-1)[^n] [t](#toc) [r](#abstract-s1) [e](#)\n\n[^n]: see [back](#fnref-1) and [up](#intro)\n";
        assert_eq!(warnings(body), Vec::<String>::new());
    }

    #[test]
    fn links_to_nowhere_are_warned_at_the_link() {
        let body = "## a {#intro}\n\n[x](#intro-typo)\n\n[y][r]\n\n[r]: #s9\n";
        assert_eq!(
            warnings(body),
            [
                "d.md:3:1: warning: link: the link `#intro-typo` leads to no id on this page\n  hint: link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)",
                "d.md:5:1: warning: link: the link `#s9` leads to no id on this page\n  hint: link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)",
            ]
        );
    }
}
