//! In-page links an author wrote (`[see](#introduction)`): each must lead to an id on the page.
//!
//! Heading ids come from `{#id}` or the outline (`s1-2`), so a typo or an outline change can
//! leave a link pointing nowhere, which readers only notice when the click does nothing. The
//! Markdown stage collects the links ([`collect`], before the notes are taken out of the event
//! stream, so links inside notes count too); they are checked once, against the whole page
//! they end up on, when that page is made ([`report_missing`]): the page's ids include those
//! of its templates and abstract rows, which the Markdown stage does not see. A link that
//! misses is an error at the link in the Markdown, and leaves the page's link summary, so the
//! site's link check does not report it a second time at the page.

use pulldown_cmark::{Event, Tag};

use super::parser::Spanned;
use crate::diagnostics::FileDiagnostics;
use crate::links::{Summary, percent_decode};

/// A link to `#target` an author wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalLink {
    /// The id it leads to, as the browser looks it up: `#%D9%85…` and `#م…` are one target.
    pub(crate) target: String,
    /// Where it is in the file.
    pub(crate) offset: usize,
}

/// A link of the author's to another page of the site (`../other-slug/#s1`), as written
/// after the Markdown stage: the site's link check finds where it leads, and reports a broken
/// one here, at the Markdown line, rather than in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteLink {
    /// The address as the page has it.
    pub(crate) href: String,
    /// Where it is in the file.
    pub(crate) offset: usize,
}

/// The links and images of `events` that lead out of the page into the site (`../…`), whose
/// offsets are in the body starting at `base` in the file.
pub(crate) fn collect_site(events: &[Spanned], base: usize) -> Vec<SiteLink> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if dest_url.trim().starts_with("../") =>
            {
                Some(SiteLink {
                    href: dest_url.trim().to_string(),
                    offset: base + range.start,
                })
            }
            _ => None,
        })
        .collect()
}

/// The `#fragment` links in `events`, whose offsets are in the body starting at `base` in
/// the file.
pub(crate) fn collect(events: &[Spanned], base: usize) -> Vec<LocalLink> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => dest_url
                .strip_prefix('#')
                .filter(|target| !target.is_empty())
                .map(|target| LocalLink {
                    target: percent_decode(target).into_owned(),
                    offset: base + range.start,
                }),
            _ => None,
        })
        .collect()
}

/// Reports each of `links` that leads to no id of the page made from them, given by its link
/// `summary`, as an error at the link; the page's own links to ids it lacks that no author's
/// link accounts for (a template's) stay in the summary for the site's link check.
pub fn report_missing(links: &[LocalLink], page: &mut Summary, diags: &mut FileDiagnostics) {
    if links.is_empty() {
        return;
    }
    let mut reported = vec![false; links.len()];
    page.claim_missing_fragments(|target, _| {
        let Some(i) = (0..links.len()).find(|&i| !reported[i] && links[i].target == target) else {
            return false;
        };
        reported[i] = true;
        true
    });
    for (link, _) in links.iter().zip(&reported).filter(|(_, r)| **r) {
        let hint = match page.closest_id(&link.target) {
            Some(id) => format!("did you mean `#{id}`?"),
            None => "link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)".to_string(),
        };
        diags
            .error(link.offset, message(&link.target))
            .set_field("link")
            .set_hint(hint);
    }
}

/// The error for a link to `#target` (percent-decoded) that leads nowhere on its page.
fn message(target: &str) -> String {
    format!("the link `#{target}` leads to no id on this page")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::lang::Lang;
    use crate::markdown::{Input, render};

    /// The diagnostics of `body` rendered on a page that has its body, its notes and
    /// `template`, and the page's summary after them.
    fn check(body: &str, template: &str) -> (Vec<String>, Summary) {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let rendered = render(
            &Input {
                body,
                body_offset: 0,
                lang: Lang::Ar,
                byline_notes: &[],
                raw_html: false,
                aliases: &Default::default(),
                markup: crate::markdown::markup::BodyMarkup::builtin(),
                files: None,
            },
            &mut diags,
        );
        let page = format!(
            "<main id=main>{template}{}<ol>{}</ol></main>",
            rendered.html,
            rendered.notes.items.concat()
        );
        let mut summary = Summary::of("d/index.html", page.as_bytes());
        report_missing(&rendered.local_links, &mut summary, &mut diags);
        (
            diags.list.iter().map(ToString::to_string).collect(),
            summary,
        )
    }

    /// What the site's link check still finds on the page.
    fn left(summary: &Summary) -> Vec<String> {
        crate::links::check_site(&[("d/index.html", summary)], None)
            .into_iter()
            .map(|p| p.message)
            .collect()
    }

    #[test]
    fn links_to_ids_on_the_page_are_fine() {
        let body = "## a {#intro}\n\n## b\n\n[x](#intro) [y](#s2) [z](#fn-1)[^n] [t](#main) [e](#)\n\n[^n]: see [back](#fnref-1) and [up](#intro)\n";
        let (diags, summary) = check(body, "");
        assert_eq!(diags, Vec::<String>::new());
        assert_eq!(left(&summary), Vec::<String>::new());
    }

    #[test]
    fn links_to_nowhere_are_errors_at_the_link_and_reported_once() {
        let body = "## a {#intro}\n\n[x](#intro-typo)\n\n[y][r] [z](#%D9%85)\n\n[r]: #s9\n";
        let (diags, summary) = check(body, "");
        assert_eq!(
            diags,
            [
                "d.md:3:1: error: link: the link `#intro-typo` leads to no id on this page\n  hint: link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)",
                "d.md:5:1: error: link: the link `#s9` leads to no id on this page\n  hint: link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)",
                "d.md:5:8: error: link: the link `#م` leads to no id on this page\n  hint: link to a heading's id (`{#id}`, or its outline number like `s1-2`) or a note (`fn-3`)",
            ]
        );
        assert_eq!(left(&summary), Vec::<String>::new());
    }

    #[test]
    fn a_slip_in_a_fragment_gets_the_closest_id() {
        let body = "## السيناريوهات {#scenarios}\n\n[x](#senarios) [y](#fn-2)[^a]\n\n[^a]: note\n";
        let (diags, _) = check(body, "");
        assert_eq!(
            diags,
            [
                "d.md:3:1: error: link: the link `#senarios` leads to no id on this page\n  hint: did you mean `#scenarios`?",
                "d.md:3:16: error: link: the link `#fn-2` leads to no id on this page\n  hint: did you mean `#fn-1`?",
            ]
        );
    }

    #[test]
    fn a_templates_link_to_nowhere_is_left_for_the_site_check() {
        // The author's link and the template's lead to the same missing id: one each.
        let (diags, summary) = check("[x](#gone)\n", "<a href=#gone>t</a><a href=#also>u</a>");
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(left(&summary).len(), 2, "{:?}", left(&summary));
    }
}
