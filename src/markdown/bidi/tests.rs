//! Table tests of the island finder on sentences from the published documents and odd input.

use super::*;

/// The text of each island of `text`.
fn found(text: &str) -> Vec<&str> {
    islands(text).into_iter().map(|r| &text[r]).collect()
}

#[test]
fn citations_names_and_designators_from_the_documents() {
    let cases: [(&str, &[&str]); 22] = [
        ("يسيل مداد كثيراً (Alkan, n.d.).", &["Alkan, n.d."]),
        (
            "لحماية مواطنيها” (Welt & Bowen, 2021, 12). كما أعلنت",
            &["Welt & Bowen, 2021, 12"],
        ),
        (
            "وبالطبع في نزاع قره باغ (Satanakis & Süss, 2021, 1).",
            &["Satanakis & Süss, 2021, 1"],
        ),
        ("شابة (Taşcıoğlu, 2023).", &["Taşcıoğlu, 2023"]),
        (
            "(Türkiye Dişişleri Bakanliğ, 2022).",
            &["Türkiye Dişişleri Bakanliğ, 2022"],
        ),
        ("بالمنتجات (Cengiz et al., 2022).", &["Cengiz et al., 2022"]),
        ("صاروخ TRG-300 Tiger الذي", &["TRG-300 Tiger"]),
        ("من طراز F-16 مع الطائرات", &["F-16"]),
        ("الأذربيجاني 2020 /TurAz Kartal؛ وهي", &["TurAz Kartal"]),
        ("الصنع T90s و T-72s إضافة", &["T90s", "T-72s"]),
        (
            "أرمينيا – Smersh BM 30 MLRS وغراد BM-21 MLRS، وأنظمة",
            &["Smersh BM 30 MLRS", "BM-21 MLRS"],
        ),
        (
            "سيرج سركيسيان Serzh Sargsyan (9 أبريل 2008 - 9 أبريل 2018)",
            &["Serzh Sargsyan"],
        ),
        (
            "الأسود (Organization of the Black Sea Economic BSEC) التي",
            &["Organization of the Black Sea Economic BSEC"],
        ),
        ("مجموعة مينسك OSCE Minsk Group التي", &["OSCE Minsk Group"]),
        ("(قناة RT مباشر، 2020).", &["RT"]),
        (
            "بالممر الأوسط (The Middle Corridor)، الذي",
            &["The Middle Corridor"],
        ),
        (
            "“باكو- تبيليسي- جيهان” “Baku- Tibilisi-Ceyhan، BTC”؛ وهو",
            &["Baku- Tibilisi-Ceyhan", "BTC"],
        ),
        (
            "“باكو- تبيليسي- أرضروم” “Baku – Tibilisi- Erzurum”",
            &["Baku – Tibilisi- Erzurum"],
        ),
        ("الرئيس إلهام علييف Ilham Aliyev.", &["Ilham Aliyev"]),
        (
            "سفينة \"مافي مرمرة\" Mavi Marmara\". ولئن",
            &["Mavi Marmara"],
        ),
        (
            "انظر: https://www.sipri.org/commentary/2021/arms-transfers (تاريخ الدخول)",
            &["https://www.sipri.org/commentary/2021/arms-transfers"],
        ),
        (
            "Pieter D. Wezeman, \"Arms transfers to conflict zones: The Case of Nagorno – Karabakh,\" site of Sipri, 30/4/2021",
            &[
                "Pieter D. Wezeman, \"Arms transfers to conflict zones: The Case of Nagorno – Karabakh,\" site of Sipri, 30/4/2021",
            ],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(found(text), expected, "{text}");
    }
}

#[test]
fn edges_and_odd_input() {
    let cases: [(&str, &[&str]); 21] = [
        ("", &[]),
        ("نص عربي فقط.", &[]),
        ("Only Latin, here.", &["Only Latin, here"]),
        ("Latin first ثم عربي", &["Latin first"]),
        ("عربي ثم Latin last", &["Latin last"]),
        ("اسم Smith، ثم", &["Smith"]),
        ("اسم Smith, ثم", &["Smith"]),
        ("قال Smith: نعم", &["Smith"]),
        ("انتهى الكلام مع Smith.", &["Smith"]),
        ("عام 2020 و 44 يوماً و٣٠", &[]),
        (
            "انظر U.S. و vol. و pp. و Apple Inc. و Smith J.",
            &["U.S.", "vol.", "pp.", "Apple Inc.", "Smith J."],
        ),
        ("(a (b [c] d) e) عربي", &["a (b [c] d) e"]),
        ("نص Foo (bar عربي)", &["Foo", "bar"]),
        ("نص Foo [bar) عربي", &["Foo", "bar"]),
        ("Cafe\u{301} Ölçer ʿAli عربي", &["Cafe\u{301} Ölçer ʿAli"]),
        ("عربي\u{200f} Latin\u{200e} عربي", &["Latin"]),
        ("Hello 👋 مرحبا", &["Hello"]),
        ("«Latin» عربي", &["Latin"]),
        ("C++ و Turkey’s role؟", &["C++", "Turkey’s role"]),
        ("كلمة\u{200d}Latin", &["Latin"]),
        (
            "انظر: https://www.dw.com/ar/ (تاريخ)",
            &["https://www.dw.com/ar/"],
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(found(text), expected, "{text:?}");
    }
}

#[test]
fn plain_strings_are_escaped_and_wrapped() {
    let cases = [
        ("", String::new()),
        ("عنوان", "عنوان".to_string()),
        (
            "حرب قره باغ 2020 (Welt & Bowen)",
            format!("حرب قره باغ 2020 ({OPEN}Welt &amp; Bowen{CLOSE})"),
        ),
        (
            "<script>alert(1)</script> عربي",
            format!("&lt;{OPEN}script&gt;alert(1)&lt;/script&gt;{CLOSE} عربي"),
        ),
        (
            "عربي \"quoted\" & 'x'",
            format!("عربي &quot;{OPEN}quoted{CLOSE}&quot; &amp; &#39;{OPEN}x&#39;{CLOSE}"),
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(isolate_plain(text), expected, "{text}");
    }
}

/// A small deterministic generator (xorshift), so the property tests need no crate.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn pieces_reproduce_the_input_and_islands_never_overlap() {
    const PARTS: &[&str] = &[
        "عربي",
        "،",
        "؛",
        "؟",
        " ",
        " ",
        "Latin",
        "Süss",
        "n.d.",
        "et al.",
        ".",
        ",",
        ":",
        "(",
        ")",
        "[",
        "]",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "2021",
        "٣",
        "-",
        "–",
        "&",
        "\u{200f}",
        "\u{301}",
        "👋",
        "https://x.org/a_(b)",
        "'",
        // Words and numbers meeting other letters, digits and dots: what the finder reads as
        // one unit must give what it gives read character by character.
        "(Alkan, n.d.)",
        "(Cengiz et al., 2022, 12).",
        "https://www.dw.com/ar/2021/",
        "T90s",
        "2021abc",
        "Inc",
        "pp",
        "D",
        "e",
        "ED",
        "12",
        "ü",
        "\"Arms",
        "Vol.",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = (rng.next() % 14) as usize;
        let text: String = (0..len)
            .map(|_| PARTS[(rng.next() % PARTS.len() as u64) as usize])
            .collect();
        let ranges = islands(&text);
        // Reading Arabic stretches, words and numbers as one unit finds what reading every
        // character finds.
        let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        let chars: Vec<Unit> = text.chars().map(Unit::Char).collect();
        let per_char: Vec<Range<usize>> = find(&chars, &|_| "")
            .into_iter()
            .map(|r| offsets[r.start]..offsets.get(r.end).copied().unwrap_or(text.len()))
            .collect();
        assert_eq!(ranges, per_char, "{text:?}");
        let mut rebuilt = String::new();
        let mut at = 0;
        for r in &ranges {
            assert!(r.start >= at && r.start < r.end, "{text:?}: {ranges:?}");
            let island = &text[r.clone()];
            assert!(
                island.chars().next().is_some_and(is_latin_letter),
                "{text:?}: island {island:?} starts without a Latin letter"
            );
            assert!(
                !island.ends_with(char::is_whitespace) && !island.ends_with(','),
                "{text:?}: island {island:?}"
            );
            rebuilt.push_str(&text[at..r.start]);
            rebuilt.push_str(island);
            at = r.end;
        }
        rebuilt.push_str(&text[at..]);
        assert_eq!(rebuilt, text);
        // What isolate_plain adds is only the elements and the escapes.
        let plain = isolate_plain(&text)
            .replace(OPEN, "")
            .replace(CLOSE, "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        assert_eq!(plain, text);
    }
}

#[test]
fn arabic_runs_in_english_text_are_isolated_and_escaped() {
    assert_eq!(
        isolate_arabic_plain("First Author and كاتب ثان, “Paper” <b>"),
        "First Author and <bdi lang=ar dir=rtl>كاتب ثان</bdi>, “Paper” &lt;b&gt;"
    );
    assert_eq!(
        isolate_arabic_plain("أ، ب and ج"),
        "<bdi lang=ar dir=rtl>أ، ب</bdi> and <bdi lang=ar dir=rtl>ج</bdi>"
    );
    assert_eq!(isolate_arabic_plain("no Arabic"), "no Arabic");
}

/// The runs `isolate_arabic_plain` wraps, found the plain way: each character decoded.
fn arabic_runs_plainly(text: &str) -> Vec<&str> {
    let arabic = |c: char| is_arabic_letter(c) || is_arabic_mark(c);
    let joins = |c: char| c.is_whitespace() || matches!(c, '\u{060C}' | '\u{061B}' | '\u{061F}');
    let mut runs = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for (i, c) in text.char_indices() {
        if arabic(c) {
            let start = run.map_or(i, |(start, _)| start);
            run = Some((start, i + c.len_utf8()));
        } else if !joins(c) || run.is_none() {
            runs.extend(run.take().map(|(start, end)| &text[start..end]));
        }
    }
    runs.extend(run.map(|(start, end)| &text[start..end]));
    runs
}

#[test]
fn arabic_runs_are_those_found_char_by_char() {
    let texts = [
        "Said Walid al-Hajj, “Regional Security” [in Arabic], Beirut: Centre, February 2022, section “المقدمة”, ",
        "A، ب and ج ، د؛ x",
        "، only punctuation ؟",
        "marks \u{064B} and letters ـ of the block: ٠١٢ ۝ كلمة\u{0651}",
        "Supplement ݐݑ, Extended-A ࢠ\u{8F0}, presentation forms ﻻ ﭖ\u{FE76} and ornaments ﴾ ﷼",
        "a long run first: أولاً: الذي تريد الأخيرة أن, then Latin text of more than sixty-four bytes so that a chunk ends, then عربي",
        "",
    ];
    for text in texts {
        let isolated = isolate_arabic_plain(text);
        let runs: Vec<&str> = isolated
            .split("<bdi lang=ar dir=rtl>")
            .skip(1)
            .map(|rest| rest.split(CLOSE).next().unwrap_or_default())
            .collect();
        assert_eq!(runs, arabic_runs_plainly(text), "{text}");
    }
}
