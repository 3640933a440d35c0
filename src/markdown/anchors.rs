//! Makes every citable unit of a body addressable: paragraph ids, ¶ permalinks, old-id aliases.
//!
//! Every body paragraph (including those inside quotations and loose lists) gets an id scoped
//! to the section it sits in: `<heading-id>-p<N>`, or `p<N>` before the first heading, with N
//! counted from 1 inside that section. Editing one section therefore never moves the
//! paragraph ids of another. Headings and paragraphs get a `¶` link to themselves whose
//! accessible name is in the document's language. An alias (`aliases: {old: new}` in the front
//! matter) becomes an empty `<span id="old">` at the start of its target, so an old link lands
//! on the right place without any script. Footnote definitions are not body paragraphs: run
//! this pass after `footnotes::extract` has taken them out.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::ids::PageIds;
use super::parser::Spanned;
use crate::lang::Lang;

/// What kind of element an anchor names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// A heading (its id is the section id).
    Heading,
    /// A body paragraph.
    Paragraph,
}

/// One addressable element of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// Its id on the page.
    pub id: String,
    /// Heading or paragraph.
    pub kind: AnchorKind,
}

/// The id of paragraph `n` (1-based) of the section `section` (`None`: before any heading).
pub fn paragraph_id(section: Option<&str>, n: usize) -> String {
    match section {
        Some(section) => format!("{section}-p{n}"),
        None => format!("p{n}"),
    }
}

/// Names every paragraph, adds permalinks, and places alias targets; returns the anchors.
///
/// `aliases` maps old ids to the ids that replace them; aliases whose target is not a heading
/// or paragraph of this body are left out here (the pipeline reports them).
pub fn assign<'a>(
    events: Vec<Spanned<'a>>,
    lang: Lang,
    aliases: &BTreeMap<String, String>,
    ids: &mut PageIds,
) -> (Vec<Spanned<'a>>, Vec<Anchor>) {
    let mut old_ids: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (old, new) in aliases {
        old_ids.entry(new.as_str()).or_default().push(old.as_str());
    }
    let labels = Labels::of(lang);
    let mut out = Vec::with_capacity(events.len() + events.len() / 4);
    let mut anchors = Vec::new();
    let mut section: Option<String> = None;
    let mut count = 0;
    let mut heading: Option<String> = None;
    // Paragraphs never nest in Markdown: at most one is open.
    let mut paragraph: Option<String> = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::Heading { ref id, .. }) => {
                let id = id.as_deref().unwrap_or_default().to_string();
                out.push((event, range.clone()));
                push_alias_spans(&mut out, old_ids.get(id.as_str()), &range);
                anchors.push(Anchor {
                    id: id.clone(),
                    kind: AnchorKind::Heading,
                });
                section = Some(id.clone());
                heading = Some(id);
                count = 0;
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(id) = heading.take() {
                    out.push((permalink(&id, labels.section), range.clone()));
                }
                out.push((Event::End(TagEnd::Heading(level)), range));
            }
            Event::Start(Tag::Paragraph) => {
                count += 1;
                let id = ids.take_free(&paragraph_id(section.as_deref(), count));
                out.push((
                    Event::Html(CowStr::from(format!("<p id=\"{id}\">"))),
                    range.clone(),
                ));
                push_alias_spans(&mut out, old_ids.get(id.as_str()), &range);
                anchors.push(Anchor {
                    id: id.clone(),
                    kind: AnchorKind::Paragraph,
                });
                paragraph = Some(id);
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(id) = paragraph.take() {
                    out.push((permalink(&id, labels.paragraph), range.clone()));
                }
                out.push((Event::Html(CowStr::Borrowed("</p>\n")), range));
            }
            other => out.push((other, range)),
        }
    }
    (out, anchors)
}

/// Interface words of the permalinks.
struct Labels {
    section: &'static str,
    paragraph: &'static str,
}

impl Labels {
    fn of(lang: Lang) -> Labels {
        match lang {
            Lang::Ar => Labels {
                section: "رابط هذا القسم",
                paragraph: "رابط هذه الفقرة",
            },
            Lang::En => Labels {
                section: "Link to this section",
                paragraph: "Link to this paragraph",
            },
        }
    }
}

fn permalink(id: &str, label: &str) -> Event<'static> {
    Event::InlineHtml(CowStr::from(format!(
        "<a class=\"permalink\" href=\"#{id}\" aria-label=\"{label}\">¶</a>"
    )))
}

fn push_alias_spans(
    out: &mut Vec<Spanned>,
    old: Option<&Vec<&str>>,
    range: &std::ops::Range<usize>,
) {
    for old in old.into_iter().flatten() {
        out.push((
            Event::InlineHtml(CowStr::from(format!(
                "<span class=\"alias\" id=\"{old}\"></span>"
            ))),
            range.clone(),
        ));
    }
}

