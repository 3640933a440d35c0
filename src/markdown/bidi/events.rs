//! The bidi pass over the event stream: Latin islands in Arabic documents get a `bdi` element.
//!
//! Each run of inline events (the text of a paragraph, heading, table cell or tight list item)
//! is read as one text, so an island may cross emphasis, a link or a footnote reference: the
//! wholly Latin note `Mark Perry, *Foreign Policy*, <https://…>` is one island, not three that
//! an Arabic line would lay out right to left. An island never cuts an element in two: a tag
//! whose partner lies outside the island becomes a border and the run is read again. Text
//! inside code blocks and image descriptions is left alone; an inline code span is
//! left-to-right content and always ends up inside an island. The wrapping is emitted as
//! `InlineHtml`, the text around it stays `Text`, so the HTML writer still escapes it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, InlineStr, Tag, TagEnd};

use super::{CLOSE, OPEN, Unit, find_into, for_units, starts_island};
use crate::lang::Lang;
use crate::markdown::context::Context;
use crate::markdown::editorial;
use crate::markdown::markup::BodyMarkup;
use crate::markdown::parser::{Spanned, is_inline_tag};

/// Where a unit sits in a run: its event and, for text, its bytes in the event's text (for
/// other events `0..AFTER`).
#[derive(Debug, Clone, Copy)]
struct Loc {
    event: usize,
    start: usize,
    end: usize,
}

/// A place in an inline run: before byte `.1` of the text of event `.0` (for an event that is
/// not text, `0` is before it and [`AFTER`] after it). Places compare in the order of the run.
pub(crate) type Point = (usize, usize);
/// The byte of a [`Point`] after an event that is not text.
pub(crate) const AFTER: usize = usize::MAX;

/// Wraps the Latin islands of an Arabic document's text; other languages pass unchanged.
pub fn isolate(events: Vec<Spanned<'_>>, lang: Lang) -> Vec<Spanned<'_>> {
    Isolator::default().isolate(events, lang)
}

/// An island tag as an event's text: the built-in one borrowed, a site's own inline when it
/// is short, so that no island allocates for it.
fn tag_text<'a>(html: &str, builtin: &'static str) -> CowStr<'a> {
    if html == builtin {
        CowStr::Borrowed(builtin)
    } else {
        match InlineStr::try_from(html) {
            Ok(inline) => CowStr::Inlined(inline),
            Err(_) => CowStr::Boxed(html.into()),
        }
    }
}

/// The bidi pass with its buffers kept from one call to the next, for the notes of a page,
/// which are isolated one by one.
pub(crate) struct Isolator<'a> {
    /// The inline run being read (empty between calls).
    run: Vec<Spanned<'a>>,
    finder: Finder,
    /// The tags that open and close an island.
    tags: (CowStr<'a>, CowStr<'a>),
}

impl Default for Isolator<'_> {
    fn default() -> Self {
        Isolator {
            run: Vec::new(),
            finder: Finder::default(),
            tags: (CowStr::Borrowed(OPEN), CowStr::Borrowed(CLOSE)),
        }
    }
}

impl<'a> Isolator<'a> {
    /// An isolator that writes the island tags of `markup`.
    pub(crate) fn new(markup: &BodyMarkup) -> Self {
        Isolator {
            tags: (
                tag_text(&markup.island_open, OPEN),
                tag_text(&markup.island_close, CLOSE),
            ),
            finder: Finder {
                english_marks: EnglishMarks::of(markup),
                ..Finder::default()
            },
            ..Isolator::default()
        }
    }

    /// [`isolate`], reusing this isolator's buffers.
    pub fn isolate(
        &mut self,
        events: impl IntoIterator<Item = Spanned<'a>>,
        lang: Lang,
    ) -> Vec<Spanned<'a>> {
        let events = events.into_iter();
        if lang != Lang::Ar {
            return events.collect();
        }
        let Isolator { run, finder, tags } = self;
        let (len, _) = events.size_hint();
        // Room for the islands: each adds its two tags and may split a text in two twice.
        let mut out = Vec::with_capacity(2 * len);
        let mut runs = InlineRuns::default();
        for (event, range) in events {
            if runs.joins(&event) {
                run.push((event, range));
            } else {
                finder.flush(run, tags, &mut out);
                out.push((event, range));
            }
        }
        finder.flush(run, tags, &mut out);
        out
    }
}

/// Splits a document's events into the inline runs the island finder reads: the inline events
/// outside code blocks, a run ending at the first event that is not one. Fed every event of
/// the document in order; the bidi pass and the digit style (`markdown/digits.rs`) both split
/// with it, so they read the same runs.
#[derive(Debug, Default)]
pub struct InlineRuns {
    context: Context,
}

impl InlineRuns {
    /// Whether `event`, the next of the document, belongs to an inline run.
    pub(crate) fn joins(&mut self, event: &Event) -> bool {
        !self.context.step(event).in_code() && is_inline(event)
    }
}

/// The Latin islands of inline runs exactly as the bidi pass finds them, for the passes that
/// must agree with it: the digit style counts no digit that ends up inside a `bdi`.
#[derive(Default)]
pub struct RunIslands {
    finder: Finder,
}

impl RunIslands {
    /// The islands of `run` (an inline run, as [`InlineRuns`] splits a document), in order:
    /// each from the place its `bdi` opens to the place it closes.
    pub(crate) fn of(&mut self, run: &[Spanned]) -> impl Iterator<Item = Range<Point>> + '_ {
        self.finder.find(run);
        (self.finder.points.chunks_exact(2)).map(|pair| pair[0].0..pair[1].0)
    }
}

fn is_inline(event: &Event) -> bool {
    match event {
        Event::Text(_)
        | Event::Code(_)
        | Event::InlineMath(_)
        | Event::InlineHtml(_)
        | Event::FootnoteReference(_)
        | Event::SoftBreak
        | Event::HardBreak => true,
        Event::Start(tag) => is_inline_tag(tag.to_end()),
        Event::End(tag) => is_inline_tag(*tag),
        _ => false,
    }
}

/// The finder's buffers, kept from one run to the next.
#[derive(Default)]
struct Finder {
    units: Vec<Unit>,
    locs: Vec<Loc>,
    open_tags: Vec<usize>,
    islands: Vec<Range<usize>>,
    /// Where island tags go, each with whether it opens an island.
    points: Vec<(Point, bool)>,
    /// The editor's marks that are English content: they join or start an island like code.
    english_marks: EnglishMarks,
}

/// How the bidi pass tells the editor's marks written in English (a "[sic]" after a Latin
/// slip, Latin words supplied) from other markup: by the markup the site writes for them.
#[derive(Debug)]
struct EnglishMarks {
    sic: String,
    supplied_head: String,
}

impl EnglishMarks {
    fn of(markup: &BodyMarkup) -> Self {
        let supplied_head = editorial::supplied_head(markup, Lang::En);
        // A site whose markup does not tell the languages apart gets no English marks.
        let distinct = supplied_head != editorial::supplied_head(markup, Lang::Ar);
        EnglishMarks {
            sic: editorial::sic_html(markup, Lang::En),
            supplied_head: if distinct {
                supplied_head
            } else {
                String::new()
            },
        }
    }

    fn holds(&self, html: &str) -> bool {
        html == self.sic
            || (!self.supplied_head.is_empty() && html.starts_with(&self.supplied_head))
    }
}

impl Default for EnglishMarks {
    fn default() -> Self {
        EnglishMarks::of(BodyMarkup::builtin())
    }
}

impl Finder {
    /// Moves one inline run into `out`, with its islands wrapped.
    fn flush<'a>(
        &mut self,
        run: &mut Vec<Spanned<'a>>,
        tags: &(CowStr<'a>, CowStr<'a>),
        out: &mut Vec<Spanned<'a>>,
    ) {
        if !self.find(run) {
            out.append(run);
            return;
        }
        rebuild(run.drain(..), &self.points, tags, out);
    }

    /// Finds the islands of `run` and where their tags go (in `points`, an opening and a
    /// closing tag for each); false, with no points, when nothing in the run starts an island.
    fn find(&mut self, run: &[Spanned]) -> bool {
        self.units_of(run);
        if !self.units.iter().any(|&unit| starts_island(unit)) {
            self.points.clear();
            return false;
        }
        self.place_tags(run);
        true
    }

    /// Finds the islands of the units read from `run` and where their tags go.
    fn place_tags(&mut self, run: &[Spanned]) {
        let Finder {
            units,
            locs,
            islands,
            points,
            ..
        } = self;
        let word = |i: usize| {
            let Loc { event, start, end } = locs[i];
            match &run[event].0 {
                Event::Text(text) => text.get(start..end).unwrap_or_default(),
                _ => "",
            }
        };
        loop {
            islands.clear();
            find_into(units, &word, islands);
            match (islands.iter()).find_map(|island| split_tag(units, island)) {
                Some(tag) => units[tag] = Unit::Break,
                None => break,
            }
        }
        points.clear();
        for island in islands.iter() {
            points.push((before(locs[island.start]), true));
            points.push((after(locs[island.end - 1]), false));
        }
    }

    /// The finder's view of a run, and where each unit came from.
    fn units_of(&mut self, run: &[Spanned]) {
        let Finder {
            units,
            locs,
            open_tags,
            english_marks,
            ..
        } = self;
        units.clear();
        locs.clear();
        open_tags.clear();

        let mut in_image = 0usize;
        for (index, (event, _)) in run.iter().enumerate() {
            let whole = Loc {
                event: index,
                start: 0,
                end: AFTER,
            };
            let unit = match event {
                Event::Start(Tag::Image { .. }) => {
                    in_image += 1;
                    Unit::Break
                }
                Event::End(TagEnd::Image) => {
                    in_image = in_image.saturating_sub(1);
                    Unit::Break
                }
                _ if in_image > 0 => Unit::Break,
                Event::Text(text) => {
                    for_units(text, |unit, bytes| {
                        units.push(unit);
                        locs.push(Loc {
                            event: index,
                            start: bytes.start,
                            end: bytes.end,
                        });
                    });
                    continue;
                }
                Event::Code(_) | Event::InlineMath(_) => Unit::Ltr,
                Event::SoftBreak => Unit::Char(' '),
                Event::Start(_) => {
                    open_tags.push(units.len());
                    Unit::Open(usize::MAX)
                }
                Event::End(_) => match open_tags.pop() {
                    Some(start) => {
                        units[start] = Unit::Open(units.len());
                        Unit::Close(start)
                    }
                    None => Unit::Break,
                },
                Event::InlineHtml(html) if english_marks.holds(html) => Unit::Ltr,
                Event::InlineHtml(_) | Event::FootnoteReference(_) => Unit::Mark,
                _ => Unit::Break,
            };
            units.push(unit);
            locs.push(whole);
        }
        // A start tag whose end is not in the run (it never is, for inline tags) is a border.
        for unit in units.iter_mut() {
            if *unit == Unit::Open(usize::MAX) {
                *unit = Unit::Break;
            }
        }
    }
}

/// The first tag inside `island` whose partner is outside it.
fn split_tag(units: &[Unit], island: &Range<usize>) -> Option<usize> {
    island.clone().find(|&i| match units[i] {
        Unit::Open(partner) => partner >= island.end,
        Unit::Close(partner) => partner < island.start,
        _ => false,
    })
}

fn before(loc: Loc) -> Point {
    (loc.event, loc.start)
}

fn after(loc: Loc) -> Point {
    (loc.event, loc.end)
}

/// The run's events with the island tags inserted at `points` (in order) and text split there.
fn rebuild<'a>(
    run: impl Iterator<Item = Spanned<'a>>,
    points: &[(Point, bool)],
    (open, close): &(CowStr<'a>, CowStr<'a>),
    out: &mut Vec<Spanned<'a>>,
) {
    let mut next = 0;
    let tag = |opens: bool, at: usize| {
        let html = if opens { open.clone() } else { close.clone() };
        (Event::InlineHtml(html), at..at)
    };
    for (index, (event, range)) in run.enumerate() {
        match event {
            Event::Text(text) => {
                let mut from = 0;
                while let Some(&((event_at, byte), html)) = points.get(next)
                    && event_at == index
                {
                    let byte = byte.min(text.len());
                    if byte > from {
                        out.push((
                            Event::Text(slice(&text, from..byte)),
                            piece(&range, from..byte),
                        ));
                        from = byte;
                    }
                    out.push(tag(html, range.start + byte.min(range.len())));
                    next += 1;
                }
                if from < text.len() {
                    let len = text.len();
                    out.push((
                        Event::Text(slice(&text, from..len)),
                        piece(&range, from..len),
                    ));
                }
            }
            event => {
                while let Some(&((event_at, 0), html)) = points.get(next)
                    && event_at == index
                {
                    out.push(tag(html, range.start));
                    next += 1;
                }
                out.push((event, range.clone()));
                while let Some(&((event_at, AFTER), html)) = points.get(next)
                    && event_at == index
                {
                    out.push(tag(html, range.end));
                    next += 1;
                }
            }
        }
    }
}

fn slice<'a>(text: &CowStr<'a>, bytes: Range<usize>) -> CowStr<'a> {
    match text {
        CowStr::Borrowed(s) => CowStr::Borrowed(&s[bytes]),
        other => CowStr::from(other[bytes].to_string()),
    }
}

/// The source range of part of a text event (exact when the text is its source verbatim).
fn piece(range: &Range<usize>, bytes: Range<usize>) -> Range<usize> {
    let start = (range.start + bytes.start).min(range.end);
    let end = (range.start + bytes.end).min(range.end);
    start..end
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::html;

    use super::*;
    use crate::markdown::parser::parse;
    use crate::markdown::text::merge_text;

    fn render(body: &str, lang: Lang) -> String {
        let events = isolate(merge_text(parse(body)), lang);
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter().map(|(e, _)| e));
        out
    }

    fn b(text: &str) -> String {
        format!("{OPEN}{text}{CLOSE}")
    }

    #[test]
    fn wraps_islands_in_arabic_paragraphs() {
        let cases = [
            (
                "كما أعلنت (Welt & Bowen, 2021, 12). كما\n",
                format!(
                    "<p>كما أعلنت ({}). كما</p>\n",
                    b("Welt &amp; Bowen, 2021, 12")
                ),
            ),
            (
                "نظر: <https://www.arab48.com> (تاريخ الدخول)\n",
                format!(
                    "<p>نظر: {} (تاريخ الدخول)</p>\n",
                    b("<a href=\"https://www.arab48.com\">https://www.arab48.com</a>")
                ),
            ),
            (
                "مجلة *Foreign Policy* تقريراً\n",
                format!("<p>مجلة {} تقريراً</p>\n", b("<em>Foreign Policy</em>")),
            ),
            (
                "مجلة *Foreign Policy magazine* و*Foreign* Policy\n",
                format!(
                    "<p>مجلة {} و{}</p>\n",
                    b("<em>Foreign Policy magazine</em>"),
                    b("<em>Foreign</em> Policy")
                ),
            ),
            (
                "*عربي Latin* more\n",
                format!("<p><em>عربي {}</em> {}</p>\n", b("Latin"), b("more")),
            ),
            (
                "ثانياً `x < y`\n",
                format!("<p>ثانياً {}</p>\n", b("<code>x &lt; y</code>")),
            ),
            (
                "علييف Ilham Aliyev.[^1]\n\n[^1]: حاشية\n",
                format!(
                    "<p>علييف {}.<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup></p>\n",
                    b("Ilham Aliyev")
                ),
            ),
            (
                "صورة ![Alt text](a.png) هنا\n",
                "<p>صورة <img src=\"a.png\" alt=\"Alt text\" /> هنا</p>\n".to_string(),
            ),
        ];
        for (md, expected) in cases {
            let got = render(md, Lang::Ar);
            let got = got
                .split("<div class=\"footnote-definition\"")
                .next()
                .unwrap();
            assert_eq!(got, expected, "{md}");
        }
    }

    #[test]
    fn one_island_across_a_note_with_emphasis_and_a_link() {
        let md = "[^8]\n\n[^8]: Mark Perry, site of *Foreign Policy* magazine, 28/3/2012, <https://foreignpolicy.com/x/> (Entrance date: 30/12/2021)\n";
        let got = render(md, Lang::Ar);
        assert_eq!(got.matches("<bdi").count(), 1, "{got}");
        assert!(
            got.contains(&format!("{OPEN}Mark Perry, site of <em>Foreign Policy</em> magazine, 28/3/2012, <a href=\"https://foreignpolicy.com/x/\">https://foreignpolicy.com/x/</a> (Entrance date: 30/12/2021){CLOSE}")),
            "{got}"
        );
    }

    #[test]
    fn code_blocks_and_english_documents_are_left_alone() {
        let md = "```\nLatin code\n```\n\n    indented Latin\n";
        assert!(!render(md, Lang::Ar).contains("<bdi"));
        let md = "Plain English (Alkan, n.d.) with `code`.\n";
        assert_eq!(
            render(md, Lang::En),
            "<p>Plain English (Alkan, n.d.) with <code>code</code>.</p>\n"
        );
    }

    #[test]
    fn headings_and_table_cells_are_isolated() {
        let md = "## عنوان TRG-300 Tiger\n\n| أ | ب |\n| - | - |\n| SU-25 | نص |\n";
        let got = render(md, Lang::Ar);
        assert!(
            got.contains(&format!("<h2>عنوان {}</h2>", b("TRG-300 Tiger"))),
            "{got}"
        );
        assert!(got.contains(&format!("<td>{}</td>", b("SU-25"))), "{got}");
    }

    /// The units `finder` read from `run`, read the plain way instead: each character of a
    /// word or number a unit of its own.
    fn read_per_char(finder: &mut Finder, run: &[Spanned]) {
        let mut units = Vec::new();
        let mut locs = Vec::new();
        // Where each unit went, for the partners of tags.
        let mut moved = Vec::new();
        for (&unit, &loc) in finder.units.iter().zip(&finder.locs) {
            moved.push(units.len());
            match (unit, &run[loc.event].0) {
                (Unit::Word | Unit::Digits, Event::Text(text)) => {
                    for (i, c) in text[loc.start..loc.end].char_indices() {
                        units.push(Unit::Char(c));
                        let start = loc.start + i;
                        let end = start + c.len_utf8();
                        locs.push(Loc { start, end, ..loc });
                    }
                }
                _ => {
                    units.push(unit);
                    locs.push(loc);
                }
            }
        }
        for unit in &mut units {
            if let Unit::Open(partner) | Unit::Close(partner) = unit {
                *partner = moved[*partner];
            }
        }
        finder.units = units;
        finder.locs = locs;
    }

    #[test]
    fn words_as_units_place_the_tags_that_characters_do() {
        const PARTS: &[&str] = &[
            "عربي",
            " ",
            "، ",
            "\n",
            "Latin",
            "Süss",
            "(Alkan, n.d.)",
            "(Cengiz et al., 2022, 12).",
            "<https://www.dw.com/ar/2021/>",
            "https://x.org/a_(b)",
            "T90s",
            "2021",
            "٣",
            "Inc.",
            "pp.",
            "D.",
            "e",
            ".",
            ",",
            ":",
            "-",
            "&",
            "(",
            ")",
            "\"",
            "“",
            "”",
            "«",
            "*",
            "**",
            "`x`",
            "[^1]",
            "![Alt](a.png)",
        ];
        let mut rng = crate::markdown::bidi::tests::Rng(0x2545_F491_4F6C_DD1D);
        let mut next = || rng.next();
        let mut compared = 0;
        for _ in 0..3000 {
            let len = (next() % 16) as usize;
            let mut md: String = (0..len)
                .map(|_| PARTS[(next() % PARTS.len() as u64) as usize])
                .collect();
            md.push_str("\n\n[^1]: حاشية\n");
            let events = merge_text(parse(&md));
            for run in events.split(|(event, _)| !is_inline(event)) {
                let mut fast = Finder::default();
                fast.units_of(run);
                if !fast.units.iter().any(|&unit| starts_island(unit)) {
                    continue;
                }
                fast.place_tags(run);
                let mut plain = Finder::default();
                plain.units_of(run);
                read_per_char(&mut plain, run);
                plain.place_tags(run);
                assert_eq!(fast.points, plain.points, "{md:?}");
                compared += 1;
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    #[test]
    fn text_outside_islands_is_kept_and_escaped() {
        let got = render("نص 1 < 2 و A&B\n", Lang::Ar);
        assert_eq!(got, format!("<p>نص 1 &lt; 2 و {}</p>\n", b("A&amp;B")));
    }
}
