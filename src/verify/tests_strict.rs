//! `verify --strict` on small hand-made sources: what is not a difference, and how each
//! difference is reported.

use super::tests_declarations::repair;
use super::*;

/// Blocks from (label, text), on document line 10 * N.
fn labelled(blocks: &[(&str, &str)]) -> Vec<Published> {
    (blocks.iter().enumerate())
        .map(|(i, (label, text))| Published {
            label: (*label).to_owned(),
            line: 10 * (i + 1),
            text: (*text).to_owned(),
        })
        .collect()
}

fn strict(source: &str, blocks: &[(&str, &str)], repairs: Vec<Repair>) -> Report {
    let original = Original {
        text: source,
        removed: vec![],
        repairs,
    };
    verify_in(Mode::Strict, &original, &labelled(blocks))
}

/// The report's strict lines, without the document name.
fn strict_lines(report: &Report) -> Vec<String> {
    (report.render("d.md", "s.txt").lines())
        .filter(|l| l.contains(": strict: "))
        .map(|l| l.trim_start_matches("d.md:").to_owned())
        .collect()
}

#[test]
fn structure_and_spacing_are_not_differences() {
    type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let cases: &[Case<'_>] = &[
        (
            "spacing",
            "كثيرا.فالاتفاق ،  هنا ::",
            &[("paragraph", "كثيرا. فالاتفاق، هنا ::")],
        ),
        (
            "a run-in heading set as a heading",
            "مقدمة:\nنص الفقرة الأولى.",
            &[("heading", "مقدمة"), ("paragraph", "نص الفقرة الأولى.")],
        ),
        (
            "a heading and its paragraph on one line, in visual order (000)",
            ": يهدف البحث إلى تسليط الضوء هدف البحث",
            &[
                ("heading", "هدف البحث"),
                ("paragraph", "يهدف البحث إلى تسليط الضوء"),
            ],
        ),
        (
            "a cover line split into publisher and place",
            "مركز الدراسات - بيروت",
            &[("publisher", "مركز الدراسات"), ("place", "بيروت")],
        ),
        (
            "list markers, numbered in visual order (000) and bulleted",
            "ما الأهمية الجيوسياسية   -1\nكيف تغير الموقف؟  -2\n◀ النقطة الأولى",
            &[
                ("list item", "1. ما الأهمية الجيوسياسية"),
                ("list item", "2. كيف تغير الموقف؟"),
                ("list item", "النقطة الأولى"),
            ],
        ),
        (
            "mirrored brackets",
            ")قناة الجزيرة( 2020 ، »قول«",
            &[("paragraph", "(قناة الجزيرة، 2020) «قول»")],
        ),
        (
            "a URL's angle brackets and emphasis asterisks",
            "site of *Foreign Policy*, <https://a.org/x> (2012)",
            &[(
                "paragraph",
                "site of Foreign Policy, https://a.org/x (2012)",
            )],
        ),
        (
            "superscript note markers",
            "الصراع طويل،⁵ ومعقد¹²",
            &[("paragraph", "الصراع طويل، ومعقد")],
        ),
        (
            "a full stop at the start of a visual-order line, for the paragraph before",
            "نهاية الفقرة الأولى\n. بداية الفقرة الثانية",
            &[
                ("paragraph", "نهاية الفقرة الأولى."),
                ("paragraph", "بداية الفقرة الثانية"),
            ],
        ),
        (
            "harakat kept",
            "لم تصمـد الـنارُ دوراً حاسماً",
            &[("paragraph", "لم تصمد النارُ دوراً حاسماً")],
        ),
    ];
    for (name, source, blocks) in cases {
        let report = strict(source, blocks, vec![]);
        assert!(report.is_clean(), "{name}:\n{report}");
        assert!(
            report.render("d.md", "s.txt").contains("  strict ok: "),
            "{name}:\n{report}"
        );
    }
}

#[test]
fn each_difference_names_both_lines() {
    type Case<'a> = (&'a str, &'a [(&'a str, &'a str)], &'a [&'a str]);
    let cases: &[Case<'_>] = &[
        (
            "نص أول هنا\nنص ثان طويل هناك",
            &[("paragraph", "نص أول هنا – نص ثان طويل هناك")],
            &[
                "10: paragraph: strict: added dash «–» (U+2013): «نص أول هنا – نص ثان طويل…»; source line 1: «نص أول هنا»",
            ],
        ),
        (
            "قال: \"السلام ممكن\" و\"الحرب\n",
            &[("paragraph", "قال: \"السلام ممكن\" والحرب")],
            &[
                "10: paragraph: strict: lost quotation mark «\"» (U+0022): «…لسلام ممكن\" والحرب»; source line 1: «…سلام ممكن\" و\"الحرب»",
            ],
        ),
        (
            "هي ردٍّ واضح",
            &[("paragraph", "هي ردٌّ واضح")],
            &[
                "10: paragraph: strict: changed haraka kasratan «◌ٍ» (U+064D) to dammatan «◌ٌ» (U+064C): «هي ردٌّ واضح»; source line 1: «هي ردٍّ واضح»",
            ],
        ),
        (
            "داخل هذا النزاع، ثم",
            &[("paragraph", "داخل هذا النزاع. ثم")],
            &[
                "10: paragraph: strict: changed punctuation mark «،» (U+060C) to «.» (U+002E): «…ل هذا النزاع. ثم»; source line 1: «…ل هذا النزاع، ثم»",
            ],
        ),
        (
            "إعلان شوشا،، من ناحية",
            &[("paragraph", "إعلان شوشا، من ناحية")],
            &[
                "10: paragraph: strict: lost punctuation mark «،» (U+060C): «إعلان شوشا، من ناحية»; source line 1: «إعلان شوشا،، من ناحية»",
            ],
        ),
        (
            "ثانيا: اندلاع الحرب",
            &[("heading", "ثانياً: اندلاع الحرب")],
            &[
                "10: heading: strict: added haraka fathatan «◌ً» (U+064B): «ثانياً: اندلاع الح…»; source line 1: «ثانيا: اندلاع…»",
            ],
        ),
    ];
    for (source, blocks, expected) in cases {
        let report = strict(source, blocks, vec![]);
        assert!(!report.is_clean(), "{report}");
        assert_eq!(strict_lines(&report), *expected, "{report}");
        assert!(
            report.render("d.md", "s.txt").contains("  strict FAILED: "),
            "{report}"
        );
        // The letters match: plain verify passes the same text.
        let plain = verify(
            &Original {
                text: source,
                ..Original::default()
            },
            &labelled(blocks),
        );
        assert!(plain.is_clean(), "{plain}");
        assert!(!plain.render("d.md", "s.txt").contains("strict"));
    }
}

#[test]
fn declared_repairs_cover_punctuation_and_harakat() {
    let cases: &[(&str, &str, Repair)] = &[
        ("هي لردٍّّ واضح", "هي لردٌّ واضح", repair(1, "ردٍّّ", "ردٌّ")),
        (
            "إعلان شوشا،، من",
            "إعلان شوشا، من",
            repair(1, "شوشا،،", "شوشا،"),
        ),
        ("ثانيا: اندلاع", "ثانياً: اندلاع", repair(1, "ثانيا", "ثانياً")),
        (
            "عدة دول -على رأسها فرنسا وسيطا",
            "عدة دول - على رأسها فرنسا - وسيطا",
            repair(1, "فرنسا", "فرنسا -"),
        ),
    ];
    for (source, published, repair) in cases {
        let report = strict(source, &[("paragraph", published)], vec![repair.clone()]);
        assert_eq!(report.problems, [], "{report}");
        assert!(report.is_clean(), "{source} -> {published}:\n{report}");
    }
}
