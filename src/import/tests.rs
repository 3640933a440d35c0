//! The importer on the three seed extractions, with `verify` as the referee: every draft must
//! load as a valid document and hold exactly the source's letters, and the drafts of 002 and
//! 003 must come close to the hand-made versions in `content/`.

use std::path::Path;

use super::score::score;
use super::{Options, import};
use crate::verify::published_blocks;
use crate::verify::{Original, verify};

const RAW_000: &str = include_str!("../../content/_sources/000_1c839a9471bdbbf2.txt");
const RAW_002: &str = include_str!("../../content/_sources/002_b44745975042ec5a.txt");
const RAW_003: &str = include_str!("../../content/_sources/003_ade5155a59953b0d.txt");
const PUBLISHED_000: &str = include_str!("../../content/turkey-karabakh-2020.md");
const PUBLISHED_002: &str = include_str!("../../content/karabakh-2020-turkey-russia.md");
const PUBLISHED_003: &str = include_str!("../../content/azerbaijan-turkey-israel.md");

fn draft(raw: &str, slug: &str) -> super::Draft {
    import(
        raw,
        &Options {
            slug: slug.to_owned(),
            source_file: "_sources/raw.txt".to_owned(),
        },
    )
}

/// Loads the draft as a document and verifies it against `raw`; the rendered report.
fn verified(markdown: &str, raw: &str) -> (bool, String) {
    let path = Path::new("content/draft.md");
    let (doc, diags) =
        crate::content::document::document(path, markdown.to_owned(), crate::lang::Lang::Ar);
    let errors: Vec<String> = diags
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    assert!(errors.is_empty(), "{}\n{markdown}", errors.join("\n"));
    let doc = doc.expect("the draft loads");
    assert!(doc.meta.draft, "the draft is marked draft: true");
    let source = doc
        .meta
        .source
        .as_ref()
        .expect("the draft names its source");
    let original = Original {
        text: raw,
        removed: source.removed.to_vec(),
        repairs: source.repairs.to_vec(),
    };
    let report = verify(&original, &published_blocks(&doc));
    (report.is_clean(), report.to_string())
}

#[test]
fn seed_drafts_pass_verify_by_construction() {
    for (raw, slug) in [(RAW_000, "s000"), (RAW_002, "s002"), (RAW_003, "s003")] {
        let d = draft(raw, slug);
        let (clean, report) = verified(&d.markdown, raw);
        assert!(clean, "{slug}:\n{report}\n{}", d.markdown);
    }
}

#[test]
fn seed_002_comes_close_to_its_published_version() {
    let d = draft(RAW_002, "s002");
    let s = score(&d.markdown, PUBLISHED_002);
    assert!(
        s.paragraph_share() >= 0.95,
        "{s}\n{:#?}\n{}",
        s.missed,
        d.markdown
    );
    assert_eq!(s.headings, (0, 0), "{s}");
    assert!(
        d.markdown.contains("title_origin: editor"),
        "{}",
        d.markdown
    );
}

#[test]
fn seed_003_comes_close_to_its_published_version() {
    let d = draft(RAW_003, "s003");
    let s = score(&d.markdown, PUBLISHED_003);
    assert!(
        s.paragraph_share() >= 0.95,
        "{s}\n{:#?}\n{}",
        s.missed,
        d.markdown
    );
    assert!(s.heading_share() >= 0.9, "{s}\n{}", d.markdown);
    assert!(s.note_share() >= 0.95, "{s}\n{}", d.markdown);
    assert!(s.fields.iter().all(|(_, ok)| *ok), "{s}\n{}", d.markdown);
    // Captions never become paragraphs.
    for caption in ["أفيجدور ليرمان", "جو بايدن", "جيجون بيراموف"] {
        assert!(!d.markdown.contains(&format!("\n{caption}\n")), "{caption}");
    }
}

#[test]
fn seed_000_is_flagged_as_visual_order_and_kept() {
    let d = draft(RAW_000, "s000");
    assert!(d.report.visual_lines.len() > 100, "{}", d.report);
    assert!(d.markdown.contains("visual (display) order"));
    let s = score(&d.markdown, PUBLISHED_000);
    // Nothing is reordered, so few paragraphs can match; the point is that nothing is lost.
    assert!(s.paragraphs.1 > 0);
}

#[test]
fn an_import_is_the_same_every_time() {
    let a = draft(RAW_003, "s003");
    let b = draft(RAW_003, "s003");
    assert_eq!(a.markdown, b.markdown);
    assert_eq!(a.report.to_string(), b.report.to_string());
}

/// An extraction made up for the rules the seeds do not show: a byline label, an abstract
/// label on its first line, page numbers, a running head, numbered headings and bullets.
const MADE_UP: &str = "مجلة الدراسات الإقليمية\n\nأثر الحرب على الاقتصاد\n\nإعداد: أ.د. محمد علي\n\nأيار/ مايو 2019\n\n\
الملخص: يتناول هذا البحث أثر الحرب على الاقتصاد المحلي في المنطقة خلال عقد كامل من الزمن.\n\n\
Abstract\n\nThis paper studies the effect of the war on the local economy.\n\n\
مقدمة:\n\nشهدت المنطقة حربا طويلة أثرت في كل جوانب الحياة الاقتصادية والاجتماعية، وكانت\n\n\
مجلة الدراسات الإقليمية\n\n7\n\n\
آثارها واضحة في الأسواق.\n\n1. الأسواق المحلية\n\nتراجعت الأسواق تراجعا كبيرا في السنوات الأولى للحرب كما تقول التقارير.\n\n\
◀ الأول، انخفاض الأسعار.\n\n◀ الثاني، ارتفاع البطالة.\n\n\
مجلة الدراسات الإقليمية\n\n8\n\nخاتمة\n\nانتهى البحث إلى نتائج عديدة ذكرت في متنه كما ينبغي.\n";

#[test]
fn made_up_extraction_follows_the_general_rules() {
    let d = draft(MADE_UP, "made-up");
    let (clean, report) = verified(&d.markdown, MADE_UP);
    assert!(clean, "{report}\n{}", d.markdown);
    let md = &d.markdown;
    for expected in [
        "title: \"أثر الحرب على الاقتصاد\"",
        "  - name: \"أ.د. محمد علي\"",
        "date: 2019-05\n",
        "publisher: \"مجلة الدراسات الإقليمية\"",
        "  ar: \"يتناول هذا البحث أثر الحرب",
        "  en: \"This paper studies",
        "## مقدمة {#introduction}",
        "شهدت المنطقة حربا طويلة أثرت في كل جوانب الحياة الاقتصادية والاجتماعية، وكانت آثارها واضحة في الأسواق.",
        "### 1. الأسواق المحلية {#item-1}",
        "- الأول، انخفاض الأسعار.\n- الثاني، ارتفاع البطالة.",
        "## خاتمة {#conclusion}",
        "reason: \"page number\"",
        "reason: \"running head or foot (printed 3 times)\"",
        "text: \"إعداد\"",
        "draft: true",
    ] {
        assert!(md.contains(expected), "{expected}\n{md}");
    }
}

#[test]
fn presentation_forms_become_letters_and_marks_stay_text() {
    // Forms-B letters, a Forms-B lam-alef with hamza, a Forms-A ligature; and the editor's
    // mark written in the source itself.
    let raw = "هذا نص طويل بما يكفي ليكون فقرة فيه ﺍﻟﺤﺮﺏ و\u{FEF7}ن و\u{FDF2} وكلمة {sic} و{+زيادة+} في الأصل.\n";
    let d = draft(raw, "forms");
    let (clean, report) = verified(&d.markdown, raw);
    assert!(clean, "{report}\n{}", d.markdown);
    assert!(d.markdown.contains("الحرب ولأن والله"), "{}", d.markdown);
    assert!(
        d.markdown.contains("\\{sic} و\\{+زيادة+}"),
        "{}",
        d.markdown
    );
}

#[test]
fn markup_in_the_extraction_stays_text() {
    let raw = "# نص يبدأ بعلامة ويذكر [^1] كما هو مكتوب في الأصل، ويستمر إلى نهايته هنا.\n\n- سطر آخر طويل بما يكفي ليكون فقرة من فقرات النص المستخرج كما هو.\n";
    let d = draft(raw, "markup");
    let (clean, report) = verified(&d.markdown, raw);
    assert!(clean, "{report}\n{}", d.markdown);
    assert!(
        d.markdown.contains("\n\\# نص يبدأ بعلامة ويذكر \\[^1] كما"),
        "{}",
        d.markdown
    );
    assert!(d.markdown.contains("\n\\- سطر آخر"), "{}", d.markdown);
}

mod never {
    //! Any extraction made of the pieces the seeds are made of gives a draft that loads and
    //! passes `verify`: the import never loses or invents a letter, whatever the layout.

    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "كلمة ",
        "الحرب ",
        "قـره ",
        "باغ",
        "،",
        "، ",
        ".",
        ". ",
        "؟",
        ":",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n\n\n\n",
        "2020",
        "12",
        "¹",
        "²³",
        "\n¹ ",
        "\n² حاشية ",
        "مقدمة:",
        "\nمقدمة\n",
        "\nأولاً: عنوان\n",
        "\n◀ بند ",
        "\n1. عنوان\n",
        "\nالملخص\n",
        "\nAbstract\n",
        "الملخص: ",
        "\nد. سعيد الحاج\n",
        "\nشباط/ فبراير 2022\n",
        "\nمركز الدراسات - بيروت\n",
        "\nفهرس المحتويات\n1\tمقدمة\n2\tخاتمة\n3\tأولاً\n",
        "ﺳﻼﻡ ",
        "#",
        "[^",
        "&amp;",
        "- ",
        "<https://a.b/c>",
        "Latin text ",
        "2020الثانية",
        "أولاا",
        ")جورجيا(",
        "إعداد: ",
        "\u{c}",
        "\t",
        "لـ 10",
        "ـــ",
        "\n12\n",
        "*",
        "> ",
    ];

    fn extraction() -> impl Strategy<Value = String> {
        proptest::collection::vec(0..PIECES.len(), 0..120)
            .prop_map(|ids| ids.into_iter().map(|i| PIECES[i]).collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn any_extraction_gives_a_draft_that_verifies(raw in extraction()) {
            let d = super::draft(&raw, "p");
            let (clean, report) = super::verified(&d.markdown, &raw);
            prop_assert!(clean, "{}\n{}\n{:?}", report, d.markdown, raw);
        }
    }
}
