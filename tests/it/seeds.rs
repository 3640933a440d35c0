//! The published seed documents, as readers get them: the project's own content built and the
//! pages checked against what each source holds, and `verify` passing for each.

use warraq::commands::verify;

use crate::util::{Site, assert_links_resolve, attr, by_id, one, one_in, select, text};

const TATWEEL: char = '\u{0640}';

fn built() -> Site {
    let site = Site::project();
    site.build_clean();
    site
}

#[test]
fn every_converted_document_verifies_against_its_source() {
    let site = Site::project();
    let (results, diagnostics) = verify::run(&site.root, &[], verify::Mode::Strict).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let names: Vec<String> = results
        .iter()
        .map(|r| r.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "azerbaijan-turkey-israel.md",
            "karabakh-2020-turkey-russia.md",
            "turkey-karabakh-2020.md"
        ]
    );
    for result in &results {
        let rendered = result
            .report
            .render(&result.path.display().to_string(), "source");
        assert!(result.report.is_clean(), "{rendered}");
        // Correct content prints no notes either (000 once printed six, for words of a line
        // shared by a heading and its paragraph).
        assert!(!rendered.contains(": note: "), "{rendered}");
    }
}

#[test]
fn document_003_has_its_five_sections_and_37_linked_notes() {
    let site = built();
    let path = "azerbaijan-turkey-israel/index.html";
    let page = site.page(path);
    assert_links_resolve(path, &page);
    let headings: Vec<(String, String)> = select(&page, ".doc-body h2")
        .into_iter()
        .map(|h| (attr(h, "id").to_string(), text(h)))
        .collect();
    let expected = [
        ("introduction", "مقدمة"),
        (
            "s1-azerbaijan-israel",
            "أولاً: العلاقات الأذربيجانية – الإسرائيلية",
        ),
        ("s2-rapprochement-israel", "ثانياً: التقارب مع \"إسرائيل\""),
        ("s3-azerbaijan-role", "ثالثاً: دور أذربيجان"),
        ("conclusion", "خاتمة"),
    ];
    let got: Vec<(&str, &str)> = headings
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(got, expected);

    let notes = select(&page, "#notes li[id^='fn-']");
    assert_eq!(notes.len(), 37);
    for (i, note) in notes.iter().enumerate() {
        let n = i + 1;
        assert_eq!(attr(*note, "id"), format!("fn-{n}"));
        let backlinks = crate::util::select_in(*note, "a[role='doc-backlink']");
        assert_eq!(backlinks.len(), 1, "note {n} is referenced once");
        assert_eq!(attr(backlinks[0], "href"), format!("#fnref-{n}"));
        let reference =
            by_id(&page, &format!("fnref-{n}")).unwrap_or_else(|| panic!("reference {n}"));
        assert_eq!(attr(reference, "href"), format!("#fn-{n}"));
    }
    // Note 1 sits on the byline.
    assert!(
        by_id(&page, "fnref-1")
            .is_some_and(|r| select(&page, "#byline a#fnref-1").len() == 1 && text(r) == "1")
    );

    let body = text(one(&page, ".doc-body"));
    for absent in ["فهرس المحتويات", "أفيجدور ليرمان\n", "1\tفهرس"] {
        assert!(!body.contains(absent), "{absent:?} in the body");
    }
    for p in select(&page, ".doc-body p") {
        let t = text(p);
        assert!(
            t.split_whitespace().count() > 3,
            "a caption-like paragraph in the body: {t:?}"
        );
    }
    assert!(!site.page_text(path).contains(TATWEEL));
}

#[test]
fn document_002_has_five_paragraphs_an_editor_title_and_no_tatweel() {
    let site = built();
    let path = "karabakh-2020-turkey-russia/index.html";
    let page = site.page(path);
    assert_eq!(select(&page, ".doc-body > p").len(), 5);
    assert!(text(one(&page, ".supplied")).contains("title supplied by the editor"));
    let byline = text(one(&page, "#byline"));
    assert_eq!(byline.matches("غير مذكور").count(), 4, "{byline}");
    assert!(!site.page_text(path).contains(TATWEEL));
}

#[test]
fn document_000_has_its_sections_abstracts_and_outline() {
    let site = built();
    let path = "turkey-karabakh-2020/index.html";
    let page = site.page(path);
    assert_links_resolve(path, &page);
    let main: Vec<String> = select(&page, ".doc-body h2")
        .into_iter()
        .map(|h| attr(h, "id").to_string())
        .collect();
    assert_eq!(
        main,
        [
            "introduction",
            "preliminary-karabakh",
            "s1-turkey-armenia-azerbaijan",
            "s2-war-outbreak-losses",
            "s3-trilateral-agreement",
            "s4-turkey-position-role",
            "s5-shusha-declaration",
            "s6-iran-position",
            "s7-unmet-trilateral-terms",
            "s8-turkey-armenia-normalization",
            "conclusions",
        ]
    );
    let h2_text: Vec<String> = select(&page, ".doc-body h2")
        .into_iter()
        .map(text)
        .collect();
    for (i, ordinal) in [
        "أولاً",
        "ثانياً",
        "ثالثاً",
        "رابعاً",
        "خامساً",
        "سادساً",
        "سابعاً",
        "ثامناً",
    ]
    .iter()
    .enumerate()
    {
        assert!(
            h2_text[i + 2].starts_with(&format!("{ordinal}:")),
            "{}",
            h2_text[i + 2]
        );
    }
    let subheadings: Vec<String> = select(&page, ".doc-body h3[id^='research-']")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(
        subheadings,
        [
            "هدف البحث",
            "أهمية البحث",
            "مشكلة البحث",
            "منهجية البحث",
            "هيكلية البحث"
        ]
    );

    // The outline after «هيكلية البحث» links to the sections.
    let outline = select(
        &page,
        "#research-structure ~ ul a, #research-structure ~ ol a",
    );
    assert!(outline.len() >= 10, "outline links: {}", outline.len());
    for link in outline {
        let id = attr(link, "href").trim_start_matches('#');
        assert!(by_id(&page, id).is_some(), "outline link #{id}");
    }

    // Both abstracts, aligned: 4 one-to-one pairs, then the last Arabic sentence with two English ones.
    let rows = select(&page, ".abstract-row");
    assert_eq!(rows.len(), 5);
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        assert_eq!(attr(*row, "id"), format!("abstract-s{n}"));
        let ar = one_in(*row, &format!("#abstract-s{n}-ar"));
        let en = one_in(*row, &format!("#abstract-s{n}-en"));
        assert_eq!(
            (
                attr(ar, "lang"),
                attr(ar, "dir"),
                attr(en, "lang"),
                attr(en, "dir")
            ),
            ("ar", "rtl", "en", "ltr")
        );
    }
    let last_en = text(one_in(rows[4], "#abstract-s5-en"));
    assert_eq!(last_en.matches(". ").count() + 1, 2, "{last_en}");

    // The damage may be quoted in the editorial notes' list of repairs, nowhere else.
    let read: String = [".title-block", ".abstracts", ".toc", ".doc-body"]
        .iter()
        .map(|css| text(one(&page, css)))
        .collect();
    for damage in ["أولاا", "ثانياا", "خامساا", "سادساا", "سابعاا", "ثامناا"]
    {
        assert!(!read.contains(damage), "{damage:?} in the text");
    }
    let all = site.page_text(path);
    assert!(!all.contains(TATWEEL));
    let body = text(one(&page, ".doc-body"));
    for citation in [
        "(Alkan, n.d.)",
        "(Satanakis & Süss, 2021, 1)",
        "(خشيب، د.ت)",
    ] {
        assert!(body.contains(citation), "{citation}");
    }
    // The Latin citations are isolated without their brackets; the Arabic one is not.
    let islands: Vec<String> = select(&page, ".doc-body bdi[dir='ltr'][lang='en']")
        .into_iter()
        .map(text)
        .collect();
    for island in ["Alkan, n.d.", "Satanakis & Süss, 2021, 1", "TRG-300 Tiger"] {
        assert!(islands.iter().any(|i| i == island), "{island}: {islands:?}");
    }
    assert!(!islands.iter().any(|i| i.contains('(') || i.contains("د.ت")));
}
