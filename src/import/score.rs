//! Measures a draft against a hand-made version of the same paper: the share of its paragraphs
//! the draft has exactly (whitespace, escapes and note labels aside), of its headings, and of
//! its notes whose text sits at the same reference (the three words before it) in the same
//! order; and which front matter fields agree.
//!
//! A development tool (`cargo run --example import_score`, and the seed tests): it reads only
//! the simple Markdown Warraq's documents are written in (blocks separated by blank lines).

/// How close a draft came.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    /// Paragraphs (and list items, quoted paragraphs) of the reference found in the draft.
    pub paragraphs: (usize, usize),
    /// Headings of the reference found in the draft.
    pub headings: (usize, usize),
    /// Notes of the reference with the same text at the same reference, in order.
    pub notes: (usize, usize),
    /// Front matter fields (title, authors, date, date_text, publisher, place) the reference
    /// sets, and which of them the draft has the same.
    pub fields: Vec<(String, bool)>,
    /// Reference paragraphs the draft lacks (for the developer).
    pub missed: Vec<String>,
}

impl Score {
    fn share((found, total): (usize, usize)) -> f64 {
        if total == 0 {
            1.0
        } else {
            found as f64 / total as f64
        }
    }

    /// Share of paragraphs found.
    pub fn paragraph_share(&self) -> f64 {
        Self::share(self.paragraphs)
    }

    /// Share of headings found.
    pub fn heading_share(&self) -> f64 {
        Self::share(self.headings)
    }

    /// Share of notes in place.
    pub fn note_share(&self) -> f64 {
        Self::share(self.notes)
    }
}

impl std::fmt::Display for Score {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |x: f64| x * 100.0;
        writeln!(
            f,
            "paragraphs {}/{} ({:.1}%), headings {}/{} ({:.1}%), notes {}/{} ({:.1}%)",
            self.paragraphs.0,
            self.paragraphs.1,
            pct(self.paragraph_share()),
            self.headings.0,
            self.headings.1,
            pct(self.heading_share()),
            self.notes.0,
            self.notes.1,
            pct(self.note_share())
        )?;
        let fields: Vec<String> = self
            .fields
            .iter()
            .map(|(k, ok)| format!("{k} {}", if *ok { "ok" } else { "MISSED" }))
            .collect();
        writeln!(f, "fields: {}", fields.join(", "))
    }
}

#[derive(Default)]
struct Parsed {
    paragraphs: Vec<String>,
    headings: Vec<String>,
    /// (three words before the reference, or "byline"; the note's label) in reading order.
    references: Vec<(String, String)>,
    notes: Vec<(String, String)>,
    fields: Vec<(String, String)>,
}

fn normal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("[^") {
        out.push_str(&rest[..at]);
        match rest[at..].find(']') {
            Some(end) => rest = &rest[at + end + 1..],
            None => {
                out.push_str(&rest[at..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    let out = without_marks(&out);
    let unescaped = out.replace('\\', "");
    unescaped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` without the editor's marks a published document may carry and an import never
/// writes: `{sic}`, and `{+words+}` with its words (not when escaped, `\{sic}`).
fn without_marks(text: &str) -> String {
    use crate::markdown::editorial::{SIC, SUPPLIED_CLOSE, SUPPLIED_OPEN};
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('{') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let escaped = out.ends_with('\\');
        let end = if escaped {
            None
        } else if from.starts_with(SIC) {
            Some(SIC.len())
        } else if from.starts_with(SUPPLIED_OPEN) {
            from.find(SUPPLIED_CLOSE)
                .map(|close| close + SUPPLIED_CLOSE.len())
        } else {
            None
        };
        match end {
            Some(end) => rest = &from[end..],
            None => {
                out.push('{');
                rest = &from[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn parse(document: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let (front, body) = match document
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
    {
        Some((front, body)) => (front, body),
        None => ("", document),
    };
    let mut byline_notes = Vec::new();
    let mut in_authors = false;
    for line in front.lines() {
        if !line.starts_with(' ') {
            in_authors = line.starts_with("authors:");
        }
        let Some((key, value)) = line.trim_start_matches("  - ").trim().split_once(": ") else {
            continue;
        };
        let value = value.trim().trim_matches('"').replace("\\\"", "\"");
        if in_authors && line.starts_with(' ') && key == "note" {
            byline_notes.push(value);
        } else if line.starts_with("  - name") {
            parsed.fields.push(("author".into(), value));
        } else if !line.starts_with(' ')
            && ["title", "date", "date_text", "publisher", "place"].contains(&key)
        {
            parsed.fields.push((key.into(), value));
        }
    }
    for label in byline_notes {
        parsed.references.push(("byline".into(), label));
    }
    for block in body.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if block.starts_with('#') {
            let text = block.trim_start_matches('#');
            let text = text.rsplit_once(" {#").map_or(text, |(t, _)| t);
            parsed.headings.push(normal(text));
            continue;
        }
        if let Some(rest) = block.strip_prefix("[^")
            && let Some((label, text)) = rest.split_once("]:")
        {
            parsed.notes.push((label.to_owned(), normal(text)));
            continue;
        }
        let items: Vec<&str> = if block.starts_with("- ") || block.starts_with("> ") {
            block
                .lines()
                .map(|l| l.trim_start_matches("- ").trim_start_matches("> "))
                .collect()
        } else {
            vec![block]
        };
        for item in items {
            let joined = item.lines().collect::<Vec<_>>().join(" ");
            references(&joined, &mut parsed.references);
            parsed.paragraphs.push(normal(&joined));
        }
    }
    parsed
}

/// Each `[^label]` in `text` with the three words before it.
fn references(text: &str, out: &mut Vec<(String, String)>) {
    let mut rest = text;
    let mut before = String::new();
    while let Some(at) = rest.find("[^") {
        before.push_str(&rest[..at]);
        let Some(end) = rest[at..].find(']') else {
            break;
        };
        let label = rest[at + 2..at + end].to_owned();
        let normalized = normal(&before);
        let words: Vec<&str> = normalized.split_whitespace().collect();
        let context = words[words.len().saturating_sub(3)..].join(" ");
        out.push((context, label));
        rest = &rest[at + end + 1..];
    }
}

/// Length of the longest common subsequence.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { up.max(row[j]) };
            diagonal = up;
        }
    }
    row[b.len()]
}

/// Scores `draft` against `reference` (both whole files with front matter).
pub fn score(draft: &str, reference: &str) -> Score {
    let d = parse(draft);
    let r = parse(reference);
    let mut pool = d.paragraphs.clone();
    let mut found = 0;
    let mut missed = Vec::new();
    for p in &r.paragraphs {
        match pool.iter().position(|q| q == p) {
            Some(k) => {
                pool.swap_remove(k);
                found += 1;
            }
            None => missed.push(p.clone()),
        }
    }
    let headings = r.headings.iter().filter(|h| d.headings.contains(h)).count();
    let resolve = |p: &Parsed| -> Vec<(String, String)> {
        p.references
            .iter()
            .map(|(context, label)| {
                let text = p
                    .notes
                    .iter()
                    .find(|(l, _)| l == label)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                (context.clone(), text)
            })
            .collect()
    };
    let notes = lcs(&resolve(&r), &resolve(&d));
    let fields = r
        .fields
        .iter()
        .filter(|(k, _)| k != "title" || !reference.contains("title_origin: editor"))
        .map(|(k, v)| {
            (
                k.clone(),
                d.fields.iter().any(|(dk, dv)| dk == k && dv == v),
            )
        })
        .collect();
    Score {
        paragraphs: (found, r.paragraphs.len()),
        headings: (headings, r.headings.len()),
        notes: (notes, r.references.len()),
        fields,
        missed,
    }
}

/// The text as lines are looked for in it: tatweel and joiners dropped, whitespace made one
/// space.
fn searchable(text: &str) -> String {
    text.chars()
        .filter(|&c| !crate::chars::is_tatweel(c) && !crate::chars::is_joiner(c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The source lines (1-based, those with a letter or digit) that the published version does
/// not hold as they are: not found, tatweel and spacing aside, anywhere in the published file.
/// A line extracted in reading order is in the published text unchanged (at most joined to its
/// neighbours); a line the editor had to reorder or repair is not.
pub fn changed_lines(raw: &str, published: &str) -> (Vec<usize>, usize) {
    let published = searchable(published);
    let mut total = 0;
    let changed = raw
        .lines()
        .enumerate()
        .filter(|(_, l)| l.chars().any(char::is_alphanumeric))
        .inspect(|_| total += 1)
        .filter(|(_, l)| !published.contains(&searchable(l)))
        .map(|(i, _)| i + 1)
        .collect();
    (changed, total)
}

/// Precision and recall of `flagged` lines against the `changed` ones.
pub fn precision_recall(flagged: &[usize], changed: &[usize]) -> (f64, f64) {
    let hits = flagged.iter().filter(|n| changed.contains(n)).count() as f64;
    let precision = if flagged.is_empty() {
        1.0
    } else {
        hits / flagged.len() as f64
    };
    let recall = if changed.is_empty() {
        1.0
    } else {
        hits / changed.len() as f64
    };
    (precision, recall)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_is_scored_against_its_reference() {
        let reference = "---\ntitle: \"ع\"\nauthors:\n  - name: \"د. س\"\n    note: \"1\"\n---\n\n## مقدمة {#introduction}\n\nنص أول هنا[^2] ثم.\n\n[^1]: حاشية الكاتب.\n\n[^2]: حاشية ثانية.\n\n- بند\n";
        assert_eq!(score(reference, reference).paragraph_share(), 1.0);
        let s = score(reference, reference);
        assert_eq!(
            (s.paragraphs, s.headings, s.notes),
            ((2, 2), (1, 1), (2, 2))
        );
        let draft = "---\ntitle: \"ع\"\n---\n\n## مقدمة {#i}\n\nنص أول هنا[^7] ثم.\n\n[^7]: حاشية ثانية.\n\nبند آخر\n";
        let s = score(draft, reference);
        assert_eq!(
            (s.paragraphs, s.headings, s.notes),
            ((1, 2), (1, 1), (1, 2))
        );
        assert_eq!(
            s.fields,
            [("title".to_owned(), true), ("author".to_owned(), false)]
        );
    }
}
