//! Behaviour tests of `verify` on small hand-made sources; `tests_seed.rs` uses real seeds.

use super::tests_declarations::{removal, repair};
use super::*;

/// Blocks from texts: labelled "paragraph N", on document line 10 * N.
pub(super) fn blocks(texts: &[&str]) -> Vec<Published> {
    (texts.iter().enumerate())
        .map(|(i, t)| Published {
            label: format!("paragraph {}", i + 1),
            line: 10 * (i + 1),
            text: (*t).to_owned(),
        })
        .collect()
}

pub(super) fn check(source: &str, texts: &[&str]) -> Report {
    verify(
        &Original {
            text: source,
            ..Original::default()
        },
        &blocks(texts),
    )
}

fn lines_lost(report: &Report) -> Vec<(String, usize, String)> {
    (report.findings.iter())
        .flat_map(|f| {
            f.lost
                .iter()
                .map(move |l| (f.label.clone(), l.line, l.missing.to_string()))
        })
        .collect()
}

fn letters_added(report: &Report) -> Vec<(String, String)> {
    (report.findings.iter())
        .filter(|f| !f.added.is_empty())
        .map(|f| (f.label.clone(), f.added.to_string()))
        .collect()
}

#[test]
fn faithful_documents_pass_without_notes() {
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "identical",
            "السلام عليكم\nورحمة الله",
            &["السلام عليكم", "ورحمة الله"],
        ),
        (
            "tatweel and harakat",
            "لم تصمـد الـنار دوراً حاسماً",
            &["لم تصمد النار دورا حاسما"],
        ),
        (
            "spaces and punctuation",
            "كثيرا.فالاتفاق ،  هنا ::",
            &["كثيرا. فالاتفاق، هنا:"],
        ),
        (
            "superscript markers",
            "تسعينيات القرن العشرين،⁵ ولديها¹² حساسياتها",
            &["تسعينيات القرن العشرين، ولديها حساسياتها"],
        ),
        (
            "digits across scripts",
            "سنة 2021 و1991",
            &["سنة ٢٠٢١ و۱۹۹۱"],
        ),
        (
            "hard-wrapped paragraph",
            "فالاتفاق\nالذي وقعه في موسكو\n\nوزيرا خارجية",
            &["فالاتفاق الذي وقعه في موسكو وزيرا خارجية"],
        ),
        (
            "scrambled phrases within a line (000)",
            "الحرب   الذي تسبب باندلاع  أدت الى استمرارية الصراع بين أذربيجان وأرمينيا\nالدولتين عام   إقليم",
            &[
                "أدت الى استمرارية الصراع بين أذربيجان وأرمينيا الذي تسبب باندلاع الحرب",
                "الدولتين عام إقليم",
            ],
        ),
        (
            "glued digits (000)",
            "2020الثانية بين",
            &["الثانية 2020 بين"],
        ),
        (
            "a line ending one paragraph and starting the next",
            "أول فقرة هنا تنتهي. وتبدأ الثانية\nبعدها مباشرة",
            &["أول فقرة هنا تنتهي.", "وتبدأ الثانية بعدها مباشرة"],
        ),
        (
            "a word glued across the boundary",
            "نهاية الفقرة الأولى لساعاتكان\nالثانية تبدأ",
            &["نهاية الفقرة الأولى لساعات.", "كان الثانية تبدأ"],
        ),
        (
            "moved footnote definitions",
            "فقرة أولى طويلة بعض الشيء\n¹ حاشية عن المصدر الأول\nتكملة الفقرة الأولى\nفقرة ثانية",
            &[
                "فقرة أولى طويلة بعض الشيء تكملة الفقرة الأولى",
                "فقرة ثانية",
                "حاشية عن المصدر الأول",
            ],
        ),
        (
            "a cover line split into publisher and place, also cited in a footnote",
            "مركز الزيتونة للدراسات - بيروت\nنص الفقرة الأولى\n¹ تقرير، مركز الزيتونة للدراسات، بيروت، 2021.",
            &[
                "مركز الزيتونة للدراسات",
                "بيروت",
                "نص الفقرة الأولى",
                "تقرير، مركز الزيتونة للدراسات، بيروت، 2021.",
            ],
        ),
        (
            "a repeated line goes to two blocks",
            "¹ المرجع نفسه.\nنص طويل عن المرجع نفسه هنا\n² المرجع نفسه.",
            &["المرجع نفسه.", "نص طويل عن المرجع نفسه هنا", "المرجع نفسه."],
        ),
        // Regression (000): each heading sits at the end of its paragraph's first line, as in
        // a visual-order extraction; moving each stray «البحث» to the first block missing it
        // shifted them all one heading along, and the last one had nowhere to go.
        (
            "a run of headings each on its paragraph's line",
            "يهدف البحث إلى تسليط الضوء هدف البحث\nتكمن أهمية البحث في الصراع أهمية البحث\nتنطلق مشكلة البحث من سؤالين مشكلة البحث",
            &[
                "هدف البحث",
                "يهدف البحث إلى تسليط الضوء",
                "أهمية البحث",
                "تكمن أهمية البحث في الصراع",
                "مشكلة البحث",
                "تنطلق مشكلة البحث من سؤالين",
            ],
        ),
        // Regression (000): «تعتبر ، و» published as «وتعتبر» is settled in its own block; it
        // must not move to the next paragraph, which lacks «تعتبر» only as a word because
        // the source glued it to «منطقة».
        (
            "a word split in one block and glued in the next",
            "هذا الأمر تعتبر ، و عاملا مؤثرا\nجذابة منطقةتعتبر منطقة ما وراء القوقاز",
            &[
                "هذا الأمر وتعتبر عاملا مؤثرا",
                "تعتبر منطقة ما وراء القوقاز منطقة جذابة",
            ],
        ),
        (
            "Latin inside Arabic",
            "زار نجم الدين صادقوف Najmaddin Sadikov إسرائيل",
            &["زار نجم الدين صادقوف Najmaddin Sadikov إسرائيل"],
        ),
    ];
    for (name, source, texts) in cases {
        let report = check(source, texts);
        assert!(report.is_clean(), "{name}:\n{report}");
        assert_eq!(report.findings, [], "{name}:\n{report}");
        assert_eq!(report.totals.lines_matched, report.totals.lines, "{name}");
    }
}

#[test]
fn a_dropped_word_is_reported_with_its_source_line() {
    let source = "السطر الأول من الفقرة\nالسطر الثاني فيه كلمة مهمة\nفقرة أخرى تماما";
    let report = check(
        source,
        &[
            "السطر الأول من الفقرة السطر الثاني فيه كلمة",
            "فقرة أخرى تماما",
        ],
    );
    assert!(!report.is_clean());
    assert_eq!(
        lines_lost(&report),
        [("paragraph 1".to_owned(), 2, "ة م م ه".to_owned())]
    );
    assert_eq!(letters_added(&report), []);
    assert_eq!(report.lost, Letters::of("مهمة"));
    assert_eq!(report.findings[0].lost[0].excerpt, "…ني فيه كلمة مهمة");
    assert_eq!(report.totals.lines_matched, 2);
}

#[test]
fn an_added_word_is_reported_in_its_block() {
    let cases: &[(&str, &[&str], &str, &str)] = &[
        (
            "فقرة أولى\nفقرة ثانية",
            &["فقرة أولى", "فقرة ثانية جديدة"],
            "paragraph 2",
            "ة ج د د ي",
        ),
        (
            "Footnote one\nنص",
            &["Footnote one ab", "نص"],
            "paragraph 1",
            "a b",
        ),
        ("سنة 2021", &["سنة 2021 و2022"], "paragraph 1", "0 2 2 2 و"),
    ];
    for (source, texts, label, added) in cases {
        let report = check(source, texts);
        assert!(!report.is_clean(), "{source}");
        assert_eq!(
            letters_added(&report),
            [((*label).to_owned(), (*added).to_owned())],
            "{source}"
        );
        assert_eq!(lines_lost(&report), [], "{source}");
    }
}

#[test]
fn a_heading_that_lost_a_word_is_reported_on_the_heading() {
    // Regression: the heading's line went to the paragraph quoting it, and both were reported.
    let source = "أولاً: العلاقات الأذربيجانية – الإسرائيلية:\nتتناول الفقرة العلاقات الأذربيجانية الإسرائيلية وغيرها أولاً";
    let report = check(
        source,
        &[
            "أولاً: الأذربيجانية – الإسرائيلية",
            "تتناول الفقرة العلاقات الأذربيجانية الإسرائيلية وغيرها أولاً",
        ],
    );
    assert_eq!(
        lines_lost(&report),
        [("paragraph 1".to_owned(), 1, "ا ا ا ت ع ق ل ل".to_owned())],
        "{report}"
    );
    assert_eq!(letters_added(&report), []);
}

#[test]
fn a_whole_line_missing_is_lost_from_that_line() {
    let source = "مقدمة البحث الأولى\nسطر حذفه المحرر خطأ\nخاتمة البحث";
    let report = check(source, &["مقدمة البحث الأولى", "خاتمة البحث"]);
    let lost = lines_lost(&report);
    assert_eq!(lost.len(), 1, "{report}");
    assert_eq!(lost[0].1, 2);
    assert_eq!(report.lost, Letters::of("سطر حذفه المحرر خطأ"));
}

#[test]
fn reports_render_for_editors() {
    let ok = check("سنة 2021 Amnesty", &["سنة 2021 Amnesty"]);
    assert_eq!(
        ok.render("content/x.md", "content/_sources/x.txt"),
        "content/x.md: verify against content/_sources/x.txt\n  ok: 3 Arabic letters, 7 Latin letters, 4 digits in 1 block match 1 source line\n"
    );
    let source = Original {
        text: "عنوان\nفقرة فيها نية\nنص",
        removed: vec![removal(3, 3, None)],
        repairs: vec![],
    };
    let published = vec![
        Published {
            label: "title".to_owned(),
            line: 0,
            text: "عنوان ab".to_owned(),
        },
        Published {
            label: "paragraph 1".to_owned(),
            line: 57,
            text: "فقرة فيها".to_owned(),
        },
    ];
    let failed = verify(&source, &published).render("content/x.md", "content/_sources/x.txt");
    let expected = "content/x.md: verify against content/_sources/x.txt\n\
        content/x.md: title: 2 letters added: «عنوان ab» (added: a b)\n  hint: if the editor wrote `title`, not the source, say so in the front matter: `editor_supplied: [title]`\n\
        content/x.md:57: paragraph 1: 3 letters lost from source line 2: «فقرة فيها نية» (missing: ة ن ي)\n  \
        FAILED: 3 letters lost, 2 letters added; compared 16 Arabic letters in 2 blocks against 2 source lines (1 removal applied)\n";
    assert_eq!(failed, expected);
}

#[test]
fn text_moved_far_passes_with_a_note() {
    let source = "الفقرة الأولى فيها جملة منقولة\nالفقرة الثانية\nالفقرة الثالثة\nالفقرة الرابعة\nالفقرة الخامسة";
    let texts = [
        "الفقرة الأولى فيها",
        "الفقرة الثانية",
        "الفقرة الثالثة",
        "الفقرة الرابعة",
        "الفقرة الخامسة جملة منقولة",
    ];
    let report = check(source, &texts);
    assert!(report.is_clean(), "{report}");
    let rendered = report.render("d.md", "s.txt");
    let expected = [
        "d.md:10: paragraph 1: note: 10 letters of source line 1 are published in another block: «…الأولى فيها جملة منقولة» (missing: ة ة ج ق ل ل م م ن و)",
        "d.md:50: paragraph 5: note: 10 letters come from elsewhere in the source: «…قرة الخامسة جملة منقولة» (added: ة ة ج ق ل ل م م ن و)",
    ];
    for line in expected {
        assert!(rendered.contains(line), "{rendered}");
    }
    // Three blocks away or less, a word is taken as split between neighbours: no note.
    let near = check(
        source,
        &[
            "الفقرة الأولى فيها",
            "الفقرة الثانية",
            "الفقرة الثالثة جملة منقولة",
            "الفقرة الرابعة",
            "الفقرة الخامسة",
        ],
    );
    assert_eq!(near.findings, []);
}

#[test]
fn odd_inputs_never_panic() {
    let sources = [
        "",
        "\n\n",
        "\u{feff}نص\r\nآخر\r\n",
        "---",
        "\u{200f}\u{202b}نص\u{202c}",
        "ـــ ً ٌ",
        "¹²³",
    ];
    let block_sets: [&[&str]; 4] = [&[], &[""], &["نص آخر"], &["¹", "x"]];
    let declarations = [
        (
            vec![removal(1, usize::MAX, None)],
            vec![repair(usize::MAX, "x", "y")],
        ),
        (
            vec![removal(1, 1, Some("نص")), removal(1, 1, Some("نص"))],
            vec![repair(1, "", "")],
        ),
    ];
    for text in sources {
        for texts in block_sets {
            for (removed, repairs) in &declarations {
                let source = Original {
                    text,
                    removed: removed.clone(),
                    repairs: repairs.clone(),
                };
                let report = verify(&source, &blocks(texts));
                let _ = report.render("d.md", "s.txt");
            }
            let report = check(text, texts);
            let source_letters = Letters::of(text);
            assert_eq!(report.totals.letters, source_letters);
        }
    }
    assert!(check("", &[]).is_clean());
    assert!(check("\u{feff}نص\r\nآخر\r\n", &["نص آخر"]).is_clean());
    let no_blocks = check("سطر", &[]);
    assert_eq!(no_blocks.unplaced.len(), 1);
    assert!(
        no_blocks
            .render("d.md", "s.txt")
            .contains("d.md: source line 1 matches no block, 3 letters lost: «سطر»")
    );
}

#[test]
fn latin_letters_are_case_sensitive() {
    let report = check("Amnesty International", &["amnesty International"]);
    assert!(!report.is_clean());
    assert_eq!(
        (report.lost.to_string(), report.added.to_string()),
        ("A".to_owned(), "a".to_owned())
    );
}
