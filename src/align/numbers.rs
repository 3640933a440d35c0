//! Numbers mentioned in a sentence, normalised so that the Arabic and English
//! forms of one quantity compare equal.
//!
//! Handles the three digit systems, thousands separators (`76,000`, `76.000`,
//! `76٬000`, `76 000` and the UN's reversed groups `000 76`), decimal points
//! and commas (`2.5`, `٢٫٥`, `3,8`), times (`4:40` = `4.40`, `04:00` = `4`) and
//! multiplier words (`300 ألف` = `300 thousand` = `300,000`). Where a form is
//! ambiguous the mention keeps every reading, and two mentions match when any
//! readings agree. Numbers spelled out in words are not recognised.

use super::text::{fold_arabic, is_letter};
use crate::chars::{digit_value, is_arabic_mark, is_digit};

/// Readings kept per mention.
const MAX_READINGS: usize = 4;

/// One number as written, with its possible values.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Mention {
    readings: [f64; MAX_READINGS],
    len: usize,
}

impl Mention {
    fn new() -> Self {
        Mention {
            readings: [f64::NAN; MAX_READINGS],
            len: 0,
        }
    }

    fn add(&mut self, v: f64) {
        if v.is_finite() && self.len < MAX_READINGS && !self.values().iter().any(|&w| same(v, w)) {
            self.readings[self.len] = v;
            self.len += 1;
        }
    }

    fn values(&self) -> &[f64] {
        &self.readings[..self.len]
    }

    /// True when the two mentions can denote the same quantity.
    pub(crate) fn matches(&self, other: &Mention) -> bool {
        self.values()
            .iter()
            .any(|&a| other.values().iter().any(|&b| same(a, b)))
    }

    /// True for a small whole number such as `2` or `10`, often spelled out
    /// on the other side ("two"); its absence there is weak evidence.
    pub(crate) fn is_small(&self) -> bool {
        self.values().iter().all(|&v| v <= 10.0 && v.fract() == 0.0)
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// A run of digits and the separator that followed it.
struct Group {
    digits: String,
    sep: Option<char>,
}

/// All number mentions in `s`, in order.
pub(crate) fn mentions(s: &str) -> Vec<Mention> {
    let chars: Vec<char> = s.chars().filter(|&c| !is_arabic_mark(c)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            i += 1;
            continue;
        }
        let (groups, end) = read_groups(&chars, i);
        let mut mention = read_value(&groups);
        let mult = multiplier(&chars, end);
        if let Some(m) = mult {
            let base: Vec<f64> = mention.values().to_vec();
            base.iter().for_each(|&v| mention.add(v * m));
        }
        out.push(mention);
        i = end;
    }
    out
}

/// Reads digit groups joined by `.` `,` `٫` `٬` `:` or a single space (the
/// space only between groups of at most three digits, as in `25 000`).
fn read_groups(chars: &[char], start: usize) -> (Vec<Group>, usize) {
    let mut groups = Vec::new();
    let mut i = start;
    loop {
        let digits: String = chars[i..]
            .iter()
            .take_while(|&&c| is_digit(c))
            .map(|&c| char::from_digit(u32::from(digit_value(c).unwrap_or(0)), 10).unwrap_or('0'))
            .collect();
        i += digits.chars().count();
        let sep = chars
            .get(i)
            .copied()
            .filter(|c| matches!(c, '.' | ',' | '٫' | '٬' | ':' | ' '));
        let next_is_digit = chars.get(i + 1).is_some_and(|&c| is_digit(c));
        let space_ok = sep != Some(' ') || (digits.len() <= 3 && three_digits_follow(chars, i + 1));
        if sep.is_some() && next_is_digit && space_ok && groups.len() < 8 {
            groups.push(Group { digits, sep });
            i += 1;
        } else {
            groups.push(Group { digits, sep: None });
            return (groups, i);
        }
    }
}

fn three_digits_follow(chars: &[char], at: usize) -> bool {
    let n = chars[at.min(chars.len())..]
        .iter()
        .take_while(|&&c| is_digit(c))
        .count();
    n > 0 && n <= 3
}

fn int(digits: &str) -> f64 {
    digits.parse::<f64>().unwrap_or(f64::NAN)
}

fn decimal(whole: &str, frac: &str) -> f64 {
    format!("{whole}.{frac}").parse::<f64>().unwrap_or(f64::NAN)
}

fn read_value(groups: &[Group]) -> Mention {
    let mut m = Mention::new();
    let seps: Vec<char> = groups.iter().filter_map(|g| g.sep).collect();
    let all: String = groups.iter().map(|g| g.digits.as_str()).collect();
    match seps.as_slice() {
        [] => m.add(int(&groups[0].digits)),
        [':'] => {
            let (h, mm) = (int(&groups[0].digits), int(&groups[1].digits));
            m.add(h + mm / 100.0);
            if mm == 0.0 {
                m.add(h);
            }
        }
        [sep] => {
            let (a, b) = (&groups[0].digits, &groups[1].digits);
            let thousands = b.len() == 3;
            if *sep == ' ' || *sep == '٬' {
                m.add(int(&all));
                if *sep == ' ' && a.len() == 3 {
                    m.add(int(&format!("{b}{a}")));
                }
            } else if thousands && *sep != '٫' {
                m.add(int(&all));
                m.add(decimal(a, b));
            } else {
                m.add(decimal(a, b));
            }
        }
        _ => {
            let last = *seps.last().unwrap_or(&' ');
            let uniform = seps.iter().all(|&s| s == last);
            let n = groups.len();
            let forward = groups[1..].iter().all(|g| g.digits.len() == 3);
            let backward = last == ' ' && groups[..n - 1].iter().all(|g| g.digits.len() == 3);
            if uniform && (forward || backward) {
                if forward {
                    m.add(int(&all));
                }
                if backward {
                    let reversed: String = groups.iter().rev().map(|g| g.digits.as_str()).collect();
                    m.add(int(&reversed));
                }
            } else if !uniform {
                let (head, tail) = groups.split_at(groups.len() - 1);
                let whole: String = head.iter().map(|g| g.digits.as_str()).collect();
                m.add(decimal(&whole, &tail[0].digits));
            } else {
                m.add(int(&all));
            }
        }
    }
    m
}

/// The multiplier word right after a number (`ألف`, `million`, `1.5m`).
fn multiplier(chars: &[char], end: usize) -> Option<f64> {
    let attached = chars.get(end).is_some_and(|&c| is_letter(c));
    let from = if attached { end } else { end + 1 };
    if !attached && chars.get(end) != Some(&' ') {
        return None;
    }
    let word: String = chars[from.min(chars.len())..]
        .iter()
        .take_while(|&&c| is_letter(c))
        .map(|&c| fold_arabic(c).to_ascii_lowercase())
        .collect();
    let m = match word.as_str() {
        "الف" | "الفا" | "الاف" | "thousand" | "thousands" | "k" => 1e3,
        "مليون" | "ملايين" | "million" | "millions" | "m" | "mn" => 1e6,
        "مليار" | "مليارات" | "بليون" | "بلايين" | "billion" | "billions" | "bn" => {
            1e9
        }
        "تريليون" | "trillion" | "trillions" => 1e12,
        _ => return None,
    };
    Some(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &str) -> Vec<Vec<f64>> {
        mentions(s).iter().map(|m| m.values().to_vec()).collect()
    }

    #[test]
    fn readings() {
        let cases: &[(&str, &[&[f64]])] = &[
            ("in 2020 and 2021", &[&[2020.0], &[2021.0]]),
            ("عام ٢٠٢٠", &[&[2020.0]]),
            ("2.5 per cent", &[&[2.5]]),
            ("٢٫٥", &[&[2.5]]),
            ("3,8", &[&[3.8]]),
            ("76,000 people", &[&[76000.0, 76.0]]),
            ("360.000 شخص", &[&[360000.0, 360.0]]),
            ("25 000", &[&[25000.0]]),
            ("000 800 10", &[&[10800000.0]]),
            ("000 25", &[&[25.0, 25000.0]]),
            ("1,234,567.5", &[&[1234567.5]]),
            ("4:40 am", &[&[4.4]]),
            ("04:00", &[&[4.0]]),
            ("300 ألف", &[&[300.0, 300000.0]]),
            ("£1.5 million", &[&[1.5, 1500000.0]]),
            ("1.5m", &[&[1.5, 1500000.0]]),
            ("13-21-3", &[&[13.0], &[21.0], &[3.0]]),
            ("50th", &[&[50.0]]),
            ("in 2015 200 people", &[&[2015.0], &[200.0]]),
        ];
        for (s, want) in cases {
            assert_eq!(values(s), *want, "{s:?}");
        }
    }

    #[test]
    fn arabic_and_english_forms_match() {
        let pairs = [
            ("300 ألف", "300,000"),
            ("٣٠٠ ألف", "300 thousand"),
            ("360.000", "360,000"),
            ("000 25", "25,000"),
            ("4.40 صباحًا", "4:40 am"),
            ("٢٫٥٪", "2.5%"),
        ];
        for (a, e) in pairs {
            let (a, e) = (mentions(a), mentions(e));
            assert!(a[0].matches(&e[0]), "{a:?} vs {e:?}");
        }
        assert!(!mentions("2020")[0].matches(&mentions("2021")[0]));
    }
}
