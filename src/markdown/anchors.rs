//! Makes every citable unit of a body addressable: paragraph ids, ¶ permalinks, old-id aliases.
//!
//! Every body paragraph (including those inside quotations and loose lists) gets an id scoped
//! to the section it sits in: `<heading-id>-p<N>`, or `p<N>` before the first heading, with N
//! counted from 1 inside that section. Editing one section therefore never moves the
//! paragraph ids of another. Headings and paragraphs get a link to themselves whose
//! accessible name is in the document's language; the stylesheet draws it as `¶`, so the
//! text of headings and paragraphs (and what readers copy) stays the author's. An alias (`aliases: {old: new}` in the front
//! matter) becomes an empty `<span id="old">` at the start of its target, so an old link lands
//! on the right place without any script. Footnote definitions are not body paragraphs: run
//! this pass after `footnotes::extract` has taken them out.

use std::collections::BTreeMap;

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::digits::DigitStyle;
use super::html::{attr_value, needs_quotes, push_attr_value};
use super::ids::PageIds;
use super::markup::BodyMarkup;
use super::parser::Spanned;
use crate::i18n;
use crate::lang::Lang;

/// What kind of element an anchor names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnchorKind {
    /// A heading (its id is the section id).
    Heading,
    /// A body paragraph.
    Paragraph,
}

/// One addressable element of the body, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchor {
    /// Its id on the page.
    pub(crate) id: String,
    /// Heading or paragraph.
    pub(crate) kind: AnchorKind,
}

/// Appends the id of paragraph `n` (1-based) of the section `section` (`None`: before any
/// heading) to `out`.
fn push_paragraph_id(out: &mut String, section: Option<&str>, n: usize) {
    if let Some(section) = section {
        out.push_str(section);
        out.push('-');
    }
    out.push('p');
    DigitStyle::Western.push_number(out, n);
}

/// Names every paragraph, adds permalinks, and places alias targets; returns the anchors.
///
/// `aliases` maps old ids to the ids that replace them; aliases whose target is not a heading
/// or paragraph of this body are left out here (the pipeline reports them).
pub(crate) fn assign<'a>(
    events: Vec<Spanned<'a>>,
    lang: Lang,
    aliases: &BTreeMap<String, String>,
    markup: &BodyMarkup,
    ids: &mut PageIds,
) -> (Vec<Spanned<'a>>, Vec<Anchor>) {
    let mut old_ids: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (old, new) in aliases {
        old_ids.entry(new.as_str()).or_default().push(old.as_str());
    }
    let labels = i18n::strings(lang);
    // The permalinks' accessible names, written once as attribute values.
    let section_label = attr_value(&labels.permalink_section);
    let paragraph_label = attr_value(&labels.permalink_paragraph);
    // Kept from one paragraph to the next: the id before it is made unique, and a link target.
    let mut base_id = String::new();
    let mut target = String::new();
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
                    trim_end(&mut out);
                    out.push((
                        permalink(markup, &mut target, &id, &section_label),
                        range.clone(),
                    ));
                }
                out.push((Event::End(TagEnd::Heading(level)), range));
            }
            Event::Start(Tag::Paragraph) => {
                count += 1;
                base_id.clear();
                push_paragraph_id(&mut base_id, section.as_deref(), count);
                let id = ids.take_free(&base_id);
                // The paragraph keeps its tag: its id is the anchor's, which the model gives
                // it and the serializer writes (`serialize::body`).
                out.push((Event::Start(Tag::Paragraph), range.clone()));
                push_alias_spans(&mut out, old_ids.get(id.as_str()), &range);
                anchors.push(Anchor {
                    id: id.clone(),
                    kind: AnchorKind::Paragraph,
                });
                paragraph = Some(id);
            }
            Event::End(TagEnd::Paragraph) => {
                if let Some(id) = paragraph.take() {
                    trim_end(&mut out);
                    out.push((
                        permalink(markup, &mut target, &id, &paragraph_label),
                        range.clone(),
                    ));
                }
                out.push((Event::End(TagEnd::Paragraph), range));
            }
            other => out.push((other, range)),
        }
    }
    (out, anchors)
}

/// Drops trailing whitespace of the text just before a permalink (raw HTML shown as text ends
/// with a line break), so the link sits right after the last word.
fn trim_end(out: &mut [Spanned]) {
    if let Some((Event::Text(text), _)) = out.last_mut() {
        let trimmed = text.trim_end();
        if trimmed.len() != text.len() {
            *text = CowStr::from(trimmed.to_string());
        }
    }
}

/// A link to the element `id`; `label` is its accessible name, already an attribute value.
/// `target` is scratch space for the link target, written as an attribute value.
fn permalink(markup: &BodyMarkup, target: &mut String, id: &str, label: &str) -> Event<'static> {
    target.clear();
    // `#` changes nothing about quoting, except that `#` alone needs none.
    if !id.is_empty() && needs_quotes(id) {
        let mut href = String::with_capacity(1 + id.len());
        href.push('#');
        href.push_str(id);
        push_attr_value(target, &href);
    } else {
        target.push('#');
        target.push_str(id);
    }
    let mut html = String::with_capacity(markup.permalink.len() + target.len() + label.len());
    markup.permalink.write(&mut html, &[target, label]);
    Event::InlineHtml(CowStr::from(html))
}

fn push_alias_spans(
    out: &mut Vec<Spanned>,
    old: Option<&Vec<&str>>,
    range: &std::ops::Range<usize>,
) {
    for old in old.into_iter().flatten() {
        out.push((
            Event::InlineHtml(CowStr::from(format!(
                "<span class=alias id={}></span>",
                attr_value(old)
            ))),
            range.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::FileDiagnostics;
    use crate::markdown::{footnotes, heading_ids, parser::parse, serialize};

    fn run(body: &str, aliases: &[(&str, &str)]) -> (String, Vec<String>) {
        let mut diags = FileDiagnostics::new(Path::new("d.md"), body);
        let mut events = parse(body);
        let mut ids = PageIds::new();
        heading_ids::assign(&mut events, &mut ids, &mut diags, 0);
        let (events, _) = footnotes::extract(
            events,
            &[],
            footnotes::NoteScript {
                lang: Lang::En,
                digits: Default::default(),
                markup: BodyMarkup::builtin(),
            },
            &mut diags,
            0,
        );
        let aliases = aliases
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let (events, anchors) = assign(events, Lang::En, &aliases, BodyMarkup::builtin(), &mut ids);
        (
            serialized(&events, &anchors),
            anchors.into_iter().map(|a| a.id).collect(),
        )
    }

    /// The HTML of `events`, paragraphs with their anchors' ids.
    fn serialized(events: &[Spanned], anchors: &[Anchor]) -> String {
        let mut out = String::new();
        let paragraphs = anchors.iter().filter(|a| a.kind == AnchorKind::Paragraph);
        serialize::push_body(&mut out, events, paragraphs.map(|a| a.id.as_str()));
        out
    }

    #[test]
    fn paragraphs_are_numbered_within_their_section() {
        let body = "Lead.\n\n## One {#one}\n\nA.\n\n> B.\n\n## Two\n\nC.[^n]\n\n- loose\n\n- list\n\n[^n]: A note paragraph.\n";
        let (_, ids) = run(body, &[]);
        assert_eq!(
            ids,
            [
                "p1", "one", "one-p1", "one-p2", "s2", "s2-p1", "s2-p2", "s2-p3"
            ]
        );
    }

    #[test]
    fn editing_one_section_keeps_the_others() {
        let before = run("## A {#a}\n\nx\n\ny\n\n## B {#b}\n\nz\n", &[]).1;
        let after = run("## A {#a}\n\nnew\n\nx\n\ny\n\n## B {#b}\n\nz\n", &[]).1;
        assert_eq!(before.last(), after.last());
        assert_eq!(after.last().map(String::as_str), Some("b-p1"));
    }

    #[test]
    fn permalinks_and_alias_targets() {
        let (html, _) = run(
            "## Intro {#intro}\n\nText.\n",
            &[("old-intro", "intro"), ("s1-p1", "intro-p1")],
        );
        assert_eq!(
            html,
            "<h2 id=intro><span class=alias id=old-intro></span>Intro<a class=permalink href=#intro aria-label=\"Link to this section\"></a></h2><p id=intro-p1><span class=alias id=s1-p1></span>Text.<a class=permalink href=#intro-p1 aria-label=\"Link to this paragraph\"></a></p>\n"
        );
    }

    #[test]
    fn arabic_documents_get_arabic_labels() {
        let mut ids = PageIds::new();
        let (events, anchors) = assign(
            parse("نص.\n"),
            Lang::Ar,
            &BTreeMap::new(),
            BodyMarkup::builtin(),
            &mut ids,
        );
        let out = serialized(&events, &anchors);
        assert!(out.contains("aria-label=\"رابط هذه الفقرة\""), "{out}");
    }

    #[test]
    fn generated_paragraph_ids_have_the_reserved_shape() {
        for (section, n) in [(None, 1), (Some("intro"), 12), (Some("s1-2"), 3)] {
            let mut id = String::new();
            push_paragraph_id(&mut id, section, n);
            assert!(crate::markdown::ids::is_paragraph_id(&id), "{id}");
            assert!(crate::markdown::ids::check_author_id(&id).is_err(), "{id}");
        }
    }
}
