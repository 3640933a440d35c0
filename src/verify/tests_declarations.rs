//! Tests of `source.removed` and `source.repairs` through `verify`: applied, and reported when
//! they do not fit the source.

use super::tests::blocks;
use super::*;

pub(super) fn removal(first_line: usize, last_line: usize, text: Option<&str>) -> Removal {
    Removal {
        first_line,
        last_line,
        text: text.map(str::to_owned),
        reason: "test".to_owned(),
    }
}

pub(super) fn repair(line: usize, from: &str, to: &str) -> Repair {
    Repair {
        line,
        from: from.to_owned(),
        to: to.to_owned(),
        note: Default::default(),
    }
}

const SOURCE: &str = "عنوان البحث\n1\tفهرس المحتويات\n2\tمقدمة\nنص المقدمة أفيجدور ليرمان يتبع هنا\n(أمнести) Amnesty\nسعيٍّ منه";

#[test]
fn removals_and_repairs_are_applied() {
    let source = Original {
        text: SOURCE,
        removed: vec![removal(2, 3, None), removal(4, 4, Some("أفيجدور ليرمان"))],
        repairs: vec![repair(5, "أمнести", "أمنستي"), repair(6, "سعيٍّ", "سعيٍ")],
    };
    let published = blocks(&[
        "عنوان البحث",
        "نص المقدمة يتبع هنا",
        "(أمنستي) Amnesty",
        "سعي منه",
    ]);
    let report = verify(&source, &published);
    assert!(report.is_clean(), "{report}");
    assert_eq!((report.totals.removals, report.totals.repairs), (2, 2));
    assert_eq!(report.totals.lines, 4);
    // Without the declarations the same document fails.
    let bare = verify(
        &Original {
            text: SOURCE,
            ..Original::default()
        },
        &published,
    );
    assert!(!bare.is_clean());
    assert_eq!(
        (bare.lost.count('н'), bare.lost.count('ل')),
        (1, 2),
        "{bare}"
    );
}

#[test]
fn bad_declarations_are_reported() {
    let cases: &[(Vec<Removal>, Vec<Repair>, &str)] = &[
        (
            vec![removal(7, 9, None)],
            vec![],
            "source.removed #1 (lines 7-9): lines 7-9 is past the end of the source (6 lines)",
        ),
        (
            vec![removal(0, 1, None)],
            vec![],
            "source.removed #1 (lines 0-1): lines 0-1 is not a line range (lines count from 1)",
        ),
        (
            vec![removal(3, 2, None)],
            vec![],
            "source.removed #1 (lines 3-2): lines 3-2 is not a line range (lines count from 1)",
        ),
        (
            vec![removal(4, 4, Some("جو بايدن"))],
            vec![],
            "source.removed #1 (line 4): «جو بايدن» is not on line 4",
        ),
        (
            vec![removal(4, 4, Some(" ـ "))],
            vec![],
            "source.removed #1 (line 4): the text to remove is empty",
        ),
        (
            vec![removal(2, 3, None), removal(3, 4, None)],
            vec![],
            "source.removed #2 (lines 3-4): overlaps removal #1 (lines 2-3)",
        ),
        (
            vec![removal(2, 4, None), removal(4, 4, Some("ليرمان"))],
            vec![],
            "source.removed #2 (line 4): overlaps removal #1 (lines 2-4)",
        ),
        (
            vec![],
            vec![repair(5, "Amnasty", "Amnesty")],
            "source.repairs #1 (line 5): «Amnasty» is not on line 5",
        ),
        (
            vec![],
            vec![repair(99, "a", "b")],
            "source.repairs #1 (line 99): line 99 is not in the source",
        ),
        (
            vec![],
            vec![repair(0, "a", "b")],
            "source.repairs #1 (line 0): line 0 is not in the source",
        ),
        (
            vec![removal(6, 6, None)],
            vec![repair(6, "منه", "منها")],
            "source.repairs #1 (line 6): the line is removed by `source.removed`",
        ),
        (
            vec![],
            vec![repair(1, "ـ", "")],
            "source.repairs #1 (line 1): «ـ» is not on line 1",
        ),
    ];
    for (removed, repairs, expected) in cases {
        let source = Original {
            text: SOURCE,
            removed: removed.clone(),
            repairs: repairs.clone(),
        };
        let report = verify(&source, &blocks(&[SOURCE]));
        let problems: Vec<String> = (report.problems.iter())
            .map(|p| format!("{}: {}", p.declaration, p.message))
            .collect();
        assert_eq!(problems, [*expected]);
        assert!(!report.is_clean());
    }
}
