//! Where an event of a document stands: inside a code block, inside a footnote definition. The
//! passes that treat code or notes apart (`digits` and `bidi` through `bidi::InlineRuns`,
//! `footnotes`, `heading_ids`) each step one [`Context`] over their events, so they agree on
//! where code and notes begin and end: a block's start and end tags count as inside it.
//!
//! What it doesn't do: keep a note's label (`text` needs it for its block names and keeps it
//! itself), look at any other element, or change events.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Whether the events so far leave the document inside a code block or a footnote definition.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Context {
    code: bool,
    /// How many footnote definitions are open (the parser does not nest them, but an
    /// unbalanced stream must not underflow).
    notes: usize,
}

impl Context {
    /// Steps over `event`, the next event of the document, and returns where it stands.
    pub(crate) fn step(&mut self, event: &Event) -> Context {
        match event {
            Event::Start(Tag::CodeBlock(_)) => self.code = true,
            Event::End(TagEnd::CodeBlock) => self.code = false,
            Event::Start(Tag::FootnoteDefinition(_)) => self.notes += 1,
            Event::End(TagEnd::FootnoteDefinition) => self.notes = self.notes.saturating_sub(1),
            _ => {}
        }
        *self
    }

    /// Inside a code block (fenced or indented).
    pub(crate) fn in_code(self) -> bool {
        self.code
    }

    /// Inside a footnote definition.
    pub(crate) fn in_note(self) -> bool {
        self.notes > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::parser::parse;
    use crate::markdown::text::merge_text;

    #[test]
    fn each_text_knows_whether_it_is_code_or_note() {
        let body = "body\n\n```\ncode\n```\n\n    indented\n\nafter[^1]\n\n[^1]: note\n\n    ```\n    note code\n    ```\n\n    note again\n\nend\n";
        // (text, in code, in note)
        let expected = [
            ("body", false, false),
            ("code\n", true, false),
            ("indented\n", true, false),
            ("after", false, false),
            ("note", false, true),
            ("note code\n", true, true),
            ("note again", false, true),
            ("end", false, false),
        ];
        let mut context = Context::default();
        let got: Vec<(String, bool, bool)> = merge_text(parse(body))
            .into_iter()
            .filter_map(|(event, _)| {
                let here = context.step(&event);
                match event {
                    Event::Text(text) => Some((text.to_string(), here.in_code(), here.in_note())),
                    _ => None,
                }
            })
            .collect();
        let expected: Vec<(String, bool, bool)> = expected
            .iter()
            .map(|&(text, code, note)| (text.to_string(), code, note))
            .collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn unbalanced_ends_do_not_underflow() {
        let mut context = Context::default();
        let here = context.step(&Event::End(TagEnd::FootnoteDefinition));
        assert!(!here.in_note() && !here.in_code());
    }
}
