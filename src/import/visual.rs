//! Finds lines that look extracted in display (visual) order instead of reading order: the
//! damage of a PDF extracted without bidi handling, where runs of a line come out reversed or
//! shuffled. Such lines are only *listed*; no pass reorders them, because the right order cannot
//! be proved from the letters alone.
//!
//! Signs, each cheap and local to the line: a number glued to an Arabic word (`2020الثانية`),
//! tanween written as a doubled or detached alif (`أولاا`, `اً حاسم`), a line starting with
//! the full stop or comma of the line before, brackets facing the wrong way (`)جورجيا(`), Latin
//! punctuation before the word it follows (`,Alkan)`), a per cent sign before its number, a
//! year range or designator written backwards (`1994- 1992`, `300-إس`), and runs of spaces
//! left by justified runs put in the wrong order. One strong sign, or two weak ones, flag a
//! line.

use crate::chars::{digit_value, is_arabic_letter, is_arabic_mark, is_latin_letter};

/// Why a line was flagged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Sign {
    GluedNumber,
    BrokenTanween,
    LeadingStop,
    MirroredBracket,
    LatinPunctuationFirst,
    PercentFirst,
    ReversedRange,
    ReversedDesignator,
    SpaceRuns,
    SpaceGap,
    CommaFirst,
    NumberLast,
    LoneWaw,
}

impl Sign {
    fn strong(self) -> bool {
        !matches!(self, Sign::SpaceGap | Sign::CommaFirst | Sign::LoneWaw)
    }

    /// A short description for the report.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Sign::GluedNumber => "a number glued to a word",
            Sign::BrokenTanween => "tanween written as a doubled or detached alif",
            Sign::LeadingStop => "the line starts with punctuation",
            Sign::MirroredBracket => "brackets facing the wrong way",
            Sign::LatinPunctuationFirst => "Latin punctuation before its word",
            Sign::PercentFirst => "a per cent sign before its number",
            Sign::ReversedRange => "a range written backwards",
            Sign::ReversedDesignator => "a designator written backwards",
            Sign::SpaceRuns => "wide gaps between runs of words",
            Sign::SpaceGap => "a double space inside the line",
            Sign::CommaFirst => "a comma glued to the word after it",
            Sign::NumberLast => "a list number at the end of its line",
            Sign::LoneWaw => "the conjunction «و» standing alone",
        }
    }
}

/// The signs of display order in one raw line; flagged when [`flagged`] says so.
pub(crate) fn signs(raw: &str) -> Vec<Sign> {
    let line = raw.trim();
    let chars: Vec<char> = line
        .chars()
        .filter(|&c| !is_arabic_mark(c) || c == '\u{64B}')
        .collect();
    let mut out = Vec::new();
    let mut add = |s: Sign| {
        if !out.contains(&s) {
            out.push(s);
        }
    };
    let digit = |c: char| digit_value(c).is_some();
    for w in chars.windows(2) {
        if (digit(w[0]) && is_arabic_letter(w[1])) || (is_arabic_letter(w[0]) && digit(w[1])) {
            add(Sign::GluedNumber);
        }
        if w[0] == '%' && digit(w[1]) {
            add(Sign::PercentFirst);
        }
    }
    for w in chars.windows(3) {
        if w[0] == '%' && w[1] == ' ' && digit(w[2]) {
            add(Sign::PercentFirst);
        }
        if digit(w[0]) && w[1] == '-' && is_arabic_letter(w[2]) {
            add(Sign::ReversedDesignator);
        }
    }
    if starts_latin_punctuation(&chars) {
        add(Sign::LatinPunctuationFirst);
    }
    for word in line.split_whitespace() {
        let letters: String = word.chars().filter(|&c| is_arabic_letter(c)).collect();
        let bare = word.trim_matches(|c: char| !is_arabic_letter(c) && c != '\u{64B}');
        if (letters.chars().count() >= 3 && letters.ends_with("اا")) || bare == "اً" {
            add(Sign::BrokenTanween);
        }
    }
    if line.starts_with(['.', '،', '؛', ':', ',', '؟']) && !line.starts_with("...") {
        add(Sign::LeadingStop);
    }
    if mirrored(&chars) {
        add(Sign::MirroredBracket);
    }
    if reversed_range(line) {
        add(Sign::ReversedRange);
    }
    // Justified runs put in the wrong order leave wide gaps: one of three spaces or more,
    // or several of two.
    let runs: Vec<usize> = line
        .split(|c: char| c != ' ')
        .map(str::len)
        .filter(|&n| n >= 2)
        .collect();
    if runs.iter().any(|&n| n >= 3) || runs.len() >= 2 {
        add(Sign::SpaceRuns);
    } else if !runs.is_empty() {
        add(Sign::SpaceGap);
    }
    if line.contains(" ،")
        && line
            .split(" ،")
            .skip(1)
            .any(|r| r.starts_with(|c: char| is_arabic_letter(c)))
    {
        add(Sign::CommaFirst);
    }
    // The conjunction «و» is written joined to its word; alone, a run was cut after it.
    if line.split(' ').any(|w| w == "و") {
        add(Sign::LoneWaw);
    }
    if ends_with_list_number(line) {
        add(Sign::NumberLast);
    }
    out
}

/// `… ليكون   -1`: the number of a list item at the end of its line.
fn ends_with_list_number(line: &str) -> bool {
    let Some(rest) = line.strip_suffix(|c: char| digit_value(c).is_some()) else {
        return false;
    };
    let rest = rest.trim_end_matches(|c: char| digit_value(c).is_some());
    rest.ends_with(" -") || rest.ends_with(" .")
}

/// One strong sign or two weak ones.
pub(crate) fn flagged(signs: &[Sign]) -> bool {
    signs.iter().any(|s| s.strong()) || signs.len() >= 2
}

/// ` ,Alkan` or `(.Alkan`: punctuation glued to the start of a Latin word after a space.
fn starts_latin_punctuation(chars: &[char]) -> bool {
    chars.windows(3).enumerate().any(|(i, w)| {
        let after_space = i == 0 || chars[i - 1] == ' ' || chars[i - 1] == '(';
        after_space && matches!(w[0], ',' | '.') && is_latin_letter(w[1]) && is_latin_letter(w[2])
    })
}

/// A `)` before any `(` with a `(` later that nothing closes.
fn mirrored(chars: &[char]) -> bool {
    let first_close = chars.iter().position(|&c| c == ')');
    let first_open = chars.iter().position(|&c| c == '(');
    let last_open = chars.iter().rposition(|&c| c == '(');
    let last_close = chars.iter().rposition(|&c| c == ')');
    match (first_close, first_open, last_open) {
        (Some(close), Some(open), Some(lo)) => close < open && last_close.is_none_or(|lc| lc < lo),
        _ => false,
    }
}

/// `1994- 1992`: two years, the later first.
fn reversed_range(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let number = |from: usize| -> (u32, usize) {
            let mut j = from;
            let mut n = 0u32;
            while j < chars.len() && j - from < 5 {
                match digit_value(chars[j]) {
                    Some(d) => n = n * 10 + u32::from(d),
                    None => break,
                }
                j += 1;
            }
            (n, j)
        };
        let (a, end) = number(i);
        if end - i == 4 {
            let mut j = end;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < chars.len() && chars[j] == '-' {
                j += 1;
                while j < chars.len() && chars[j] == ' ' {
                    j += 1;
                }
                let (b, end_b) = number(j);
                if end_b - j == 4 && a > b && (1000..2100).contains(&b) {
                    return true;
                }
            }
        }
        i = end.max(i + 1);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_order_signs_are_found_and_clean_lines_left_alone() {
        let flagged_lines = [
            "الحرب الثانية بين الدولتين عام 2020الثانية",
            "أرمينيا واذربيجان : علاقات تركيا مع أولاا",
            " .     تبنيها الخيار",
            "عاصمة جورجيا تبليسي)جورجيا(",
            "ما أشار اليه ,Alkan)",
            "بنسبة % 15 من",
            "بين عامي 1994- 1992 اندلعت",
            "منظومة 300-إس الروسية",
            "اً حاسم اً دور",
        ];
        for line in flagged_lines {
            assert!(flagged(&signs(line)), "{line}");
        }
        let clean = [
            "لم تصمـد حتى الآن ثلاث محاولات لوقف الـنار في ناغورنو قـره باغ كثيرا.فالاتفاق",
            "روسـيا سيرغي لافـروف  كما اتفاق آخـر بوساطـة روسية ايضـا وثالث بـرعاية",
            "ما يعادل 40% من نفط أذربيجان خلال الفترة 2011-2020.⁴",
            "(Welt & Bowen, 2021, 12) وأولاً: دوراً حاسماً",
            "...وأذربيجان (أمنستي) Amnesty",
        ];
        for line in clean {
            assert!(!flagged(&signs(line)), "{line}: {:?}", signs(line));
        }
    }
}
