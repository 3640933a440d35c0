//! `verify` on slices of the real seeds in `/work/shared/seeds/` (copied here, trailing spaces
//! trimmed, so the tests need no files): 002 lines 1-9 (tatweel, hard wraps), 003 lines 53-75
//! (a caption, footnote definitions at the page bottom, a paragraph continued after them) and
//! 000 lines 1-19 (the Arabic abstract, phrases scrambled within each line).

use super::*;

fn paragraphs(texts: &[&str]) -> Vec<Published> {
    (texts.iter().enumerate())
        .map(|(i, t)| Published {
            label: format!("paragraph {}", i + 1),
            line: 2 * i + 10,
            text: (*t).to_owned(),
        })
        .collect()
}

fn labelled(blocks: &[(&str, &str)]) -> Vec<Published> {
    (blocks.iter().enumerate())
        .map(|(i, (label, text))| Published {
            label: (*label).to_owned(),
            line: 2 * i + 10,
            text: (*text).to_owned(),
        })
        .collect()
}

fn source(text: &str) -> Original<'_> {
    Original {
        text,
        ..Original::default()
    }
}

#[test]
fn seed_002_paragraphs_with_tatweel_removed_and_lines_joined_pass() {
    let report = verify(&source(RAW_002), &paragraphs(&PUBLISHED_002));
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.findings, []);
    assert_eq!((report.totals.lines, report.totals.lines_matched), (7, 7));
    assert!(
        report
            .render("d.md", "s.txt")
            .ends_with(" in 2 blocks match 7 source lines\n")
    );
}

#[test]
fn seed_002_a_dropped_word_names_its_line() {
    let shortened = PUBLISHED_002[1].replacen("الراعي الوحيد", "الراعي", 1);
    let report = verify(
        &source(RAW_002),
        &paragraphs(&[PUBLISHED_002[0], &shortened]),
    );
    let rendered = report.render("d.md", "s.txt");
    assert!(
        rendered.contains(
            "d.md:12: paragraph 2: 6 letters lost from source line 7: «الـوحيد للمفاوضات"
        ),
        "{rendered}"
    );
    assert!(rendered.contains("(missing: ا ح د ل و ي)"), "{rendered}");
    assert_eq!(report.findings.len(), 1, "{rendered}");
}

fn removed_caption() -> Vec<Removal> {
    vec![Removal {
        first_line: 1,
        last_line: 1,
        text: None,
        reason: "portrait caption".to_owned(),
    }]
}

#[test]
fn seed_003_moved_footnotes_and_a_removed_caption_pass() {
    let source = Original {
        text: RAW_003,
        removed: removed_caption(),
        repairs: vec![],
    };
    let report = verify(&source, &labelled(&PUBLISHED_003));
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.findings, []);
    assert_eq!(report.totals.lines, 9);
}

#[test]
fn seed_003_an_undeclared_caption_and_a_cut_footnote_are_reported() {
    let mut published = PUBLISHED_003;
    let cut = PUBLISHED_003[4]
        .1
        .replacen(" (Entrance date: 30/12/2021)", "", 1);
    published[4].1 = &cut;
    let report = verify(&source(RAW_003), &labelled(&published));
    let rendered = report.render("d.md", "s.txt");
    assert!(
        rendered.contains("d.md:18: footnote 4: 20 letters lost from source line 17: «"),
        "{rendered}"
    );
    assert!(
        rendered.contains(": 13 letters lost from source line 1: «أفيجدور ليرمان»"),
        "{rendered}"
    );
    assert_eq!(
        report.findings.iter().map(|f| f.lost.len()).sum::<usize>(),
        2,
        "{rendered}"
    );
    assert!(report.added.is_empty());
}

/// The reconstruction in `research/seeds.md` §4 of document 000, in logical order.
const ABSTRACT_000: &str = "يهدف البحث إلى تسليط الضوء على العوامل الداخلية والخارجية التي أدت الى استمرارية الصراع بين أذربيجان وأرمينيا الذي تسبب باندلاع الحرب الثانية بين الدولتين عام 2020 حول إقليم ناغورني قره باغ، وموقف تركيا ودورها في هذه الحرب. تكمن أهمية البحث بأنه يتناول صراع أستمر ما يقارب عقدين من الزمان بين دولتين جارتين حول الإقليم المذكور، فضلًا عن تأثيرات هذا الصراع على المنطقة سياسياً واقتصادياً وأمنياً. تمحورت مشكلة البحث في الإجابة عن تساؤلين رئيسين هما: ما الأهمية الاستراتيجية التي يتمتع بها إقليم ناغورني قره باغ بالنسبة لكل من أذربيجان وارمينيا ليكون أحد أهم الاسباب التي أدت الى هذا الصراع؟ وكيف غير موقف تركيا من الحرب، موازين القوى لصالح أذربيجان؟ تضمن البحث مدخلاً تمهيدياً، وثمانية محاور، فضلاً عن خاتمة، واستنتاجات أهمها أن كان لتركيا دوراً حاسماً في انهاء الحرب بين أرمينيا وأذربيجان لصالح الأخيرة مما أسهم في تحقيق الاستقرار الأمني وترسيخ المصالح الاستراتيجية المشتركة في المنطقة بين تركيا وأذربيجان.";

fn repair(line: usize, from: &str, to: &str) -> Repair {
    Repair {
        line,
        from: from.to_owned(),
        to: to.to_owned(),
        note: Default::default(),
    }
}

#[test]
fn seed_000_scrambled_abstract_matches_its_reconstruction() {
    let repairs = vec![
        repair(7, "نعقدين من الزمال", "عقدين من الزمان"),
        repair(14, "لأ", "لاً"),
    ];
    let source = Original {
        text: RAW_000,
        removed: vec![],
        repairs,
    };
    let report = verify(&source, &paragraphs(&[ABSTRACT_000]));
    assert!(report.is_clean(), "{report}");
    assert_eq!(report.findings, []);
    // Without the two repairs the stray ل and the hamza are reported on their lines.
    let report = verify(&source_000_bare(), &paragraphs(&[ABSTRACT_000]));
    let lost: Vec<(usize, String)> = (report.findings.iter())
        .flat_map(|f| f.lost.iter().map(|l| (l.line, l.missing.to_string())))
        .collect();
    assert_eq!(
        lost,
        [(7, "ل".to_owned()), (14, "أ".to_owned())],
        "{report}"
    );
    assert_eq!(report.added, Letters::of("ا"));
}

fn source_000_bare() -> Original<'static> {
    source(RAW_000)
}

const RAW_002: &str = r#" لم تصمـد حتى الآن ثلاث محاولات لوقف الـنار في ناغورنو قـره باغ كثيرا.فالاتفاق
الذي وقعه في مـوسكو وزيرا خـارجية أرمينـيا وأذربيجان بـرعاية وزيـر خارجية
روسـيا سيرغي لافـروف  كما اتفاق آخـر بوساطـة روسية ايضـا وثالث بـرعاية

واشنطن لإجلاء القتلى واسعاف المصابين لم يصمدوا حتى لساعات.
كان واضحـا،في عقد المفاوضـات على هذه النحـو، ان روسيا تـسعى لتكـون الراعي
الـوحيد للمفاوضات والنـاظم الوحيد للأزمة بمعـزل عن قدرتها على ترجمة ذلك على

الأرض.فكان ان دخلت الولايات المتحدة أيضا على خط النزاع."#;

const PUBLISHED_002: [&str; 2] = [
    "لم تصمد حتى الآن ثلاث محاولات لوقف النار في ناغورنو قره باغ كثيرا. فالاتفاق الذي وقعه في موسكو وزيرا خارجية أرمينيا وأذربيجان برعاية وزير خارجية روسيا سيرغي لافروف كما اتفاق آخر بوساطة روسية ايضا وثالث برعاية واشنطن لإجلاء القتلى واسعاف المصابين لم يصمدوا حتى لساعات.",
    "كان واضحا، في عقد المفاوضات على هذه النحو، ان روسيا تسعى لتكون الراعي الوحيد للمفاوضات والناظم الوحيد للأزمة بمعزل عن قدرتها على ترجمة ذلك على الأرض. فكان ان دخلت الولايات المتحدة أيضا على خط النزاع.",
];

const RAW_003: &str = r#"أفيجدور ليرمان

فقد اعترف الكيان باستقلال أذربيجان سنة 1991، بعد انهيار الاتحاد السوفياتي مباشرة، في سعيٍّ منه لنسج علاقات مميزة معها، إثر مقترح أفيجدور ليرمان Avigdor Lieberman، وافتتح بعد سنتين سفارة له في العاصمة باكو.²

وعلى صعيد المصالح، فقد بُنيت العلاقات بين الجانبين على أساس الاعتماد المتبادل، حيث تستورد دولة الاحتلال ما يعادل 40% من نفط أذربيجان المصدر للخارج، بينما تُعدُّ الأخيرة إحدى أهم الدول المستوردة للسلاح من الكيان.³ واحتل الكيان الصهيوني المرتبة

الثانية بين الدول المصدِّرة للسلاح لبأكو بعد روسيا، خلال الفترة 2011-2020.⁴



بيد أن العامل الأبرز في تقارب الجانبين؛ يتمثل فيما يبدو في رؤية كل منهما لإيران. حيث وقفت إيران إلى جانب أرمينيا في حرب القوقاز في

² عدنان أبو عامر، "إسرائيل وأذربيجان... المصالح المتبادلة والتحالف الإستراتيجي"، موقع مركز الجزيرة للدراسات، 2012/5/16، انظر: <https://studies.aljazeera.net/en/node/3402> (تاريخ الدخول في 2021/12/30)

³ المرجع نفسه.

⁴ Pieter D. Wezeman, Alexandra Kuimova and Jordan Smith, "Arms transfers to conflict zones: The Case of Nagorno – Karabakh," site of Sipri, 30/4/2021, <https://www.sipri.org/commentary/topical-backgrounder/2021/arms-transfers-conflict-zones-case-nagorno-karabakh> (Entrance date: 30/12/2021)



تسعينيات القرن العشرين،⁵ ولديها حساسياتها المتعلقة بأذربيجان؛ إن كان لجهة النظام وطريقة الحكم فيها، أو للأقلية الأذربيجانية في شمالها وتخوفاتها من نزعاتها الانفصالية.⁶ بيد أن أهم أهداف الكيان الصهيوني من العلاقات المتقدمة مع باكو؛ هي ضمانها كحليف في مواجهة إيران، والحصول على معلومات استخباراتية عن الأخيرة، وكذلك تسويق منتجاتها العسكرية.

وعلى مدى العقود الثلاثة الفائتة تطورت العلاقات بين الجانبين، لا سيّما على صعيد التعاون الأمني والعسكري. في سنة 2009، نشرت ويكيليكس WikiLeaks برقية أمريكية تتحدث عن استخدام "إسرائيل" الأراضي الأذربيجانية للتجسس على إيران.⁷ وفي سنة 2012، نشرت مجلة فورين بوليسي Foreign Policy تقريراً تحدّث فيه عن تواجد إسرائيلي في القواعد الجوية الأذربيجانية، وأن ذلك يقربها من إمكانية ضرب إيران.⁸ كما أن أذربيجان أبرمت مع دولة الاحتلال عدّة صفقات أسلحة؛ أهمها سنة 2012 بقيمة 1.6 مليار دولار أمريكي، حيث كانت تشتري منها الطائرات بدون طيار (المسيّرات)، وأنظمة الأقمار الصناعية، وهي صفقات استمرت بشكل شبه سنوي.⁹"#;

const PUBLISHED_003: [(&str, &str); 7] = [
    (
        "paragraph 1",
        r#"فقد اعترف الكيان باستقلال أذربيجان سنة 1991، بعد انهيار الاتحاد السوفياتي مباشرة، في سعيٍّ منه لنسج علاقات مميزة معها، إثر مقترح أفيجدور ليرمان Avigdor Lieberman، وافتتح بعد سنتين سفارة له في العاصمة باكو."#,
    ),
    (
        "footnote 2",
        r#"عدنان أبو عامر، "إسرائيل وأذربيجان... المصالح المتبادلة والتحالف الإستراتيجي"، موقع مركز الجزيرة للدراسات، 2012/5/16، انظر: https://studies.aljazeera.net/en/node/3402 (تاريخ الدخول في 2021/12/30)"#,
    ),
    (
        "paragraph 2",
        r#"وعلى صعيد المصالح، فقد بُنيت العلاقات بين الجانبين على أساس الاعتماد المتبادل، حيث تستورد دولة الاحتلال ما يعادل 40% من نفط أذربيجان المصدر للخارج، بينما تُعدُّ الأخيرة إحدى أهم الدول المستوردة للسلاح من الكيان. واحتل الكيان الصهيوني المرتبة الثانية بين الدول المصدِّرة للسلاح لبأكو بعد روسيا، خلال الفترة 2011-2020."#,
    ),
    ("footnote 3", r#"المرجع نفسه."#),
    (
        "footnote 4",
        r#"Pieter D. Wezeman, Alexandra Kuimova and Jordan Smith, "Arms transfers to conflict zones: The Case of Nagorno – Karabakh," site of Sipri, 30/4/2021, https://www.sipri.org/commentary/topical-backgrounder/2021/arms-transfers-conflict-zones-case-nagorno-karabakh (Entrance date: 30/12/2021)"#,
    ),
    (
        "paragraph 3",
        r#"بيد أن العامل الأبرز في تقارب الجانبين؛ يتمثل فيما يبدو في رؤية كل منهما لإيران. حيث وقفت إيران إلى جانب أرمينيا في حرب القوقاز في تسعينيات القرن العشرين، ولديها حساسياتها المتعلقة بأذربيجان؛ إن كان لجهة النظام وطريقة الحكم فيها، أو للأقلية الأذربيجانية في شمالها وتخوفاتها من نزعاتها الانفصالية. بيد أن أهم أهداف الكيان الصهيوني من العلاقات المتقدمة مع باكو؛ هي ضمانها كحليف في مواجهة إيران، والحصول على معلومات استخباراتية عن الأخيرة، وكذلك تسويق منتجاتها العسكرية."#,
    ),
    (
        "paragraph 4",
        r#"وعلى مدى العقود الثلاثة الفائتة تطورت العلاقات بين الجانبين، لا سيّما على صعيد التعاون الأمني والعسكري. في سنة 2009، نشرت ويكيليكس WikiLeaks برقية أمريكية تتحدث عن استخدام "إسرائيل" الأراضي الأذربيجانية للتجسس على إيران. وفي سنة 2012، نشرت مجلة فورين بوليسي Foreign Policy تقريراً تحدّث فيه عن تواجد إسرائيلي في القواعد الجوية الأذربيجانية، وأن ذلك يقربها من إمكانية ضرب إيران. كما أن أذربيجان أبرمت مع دولة الاحتلال عدّة صفقات أسلحة؛ أهمها سنة 2012 بقيمة 1.6 مليار دولار أمريكي، حيث كانت تشتري منها الطائرات بدون طيار (المسيّرات)، وأنظمة الأقمار الصناعية، وهي صفقات استمرت بشكل شبه سنوي."#,
    ),
];

const RAW_000: &str = r#" يهدف البحث إلى تسليط الضوء على العوامل الداخلية والخارجية التي
الحرب   الذي تسبب باندلاع  أدت الى استمرارية الصراع بين أذربيجان وأرمينيا

الدولتين عام   إقليم ناغورني قره باغ  2020الثانية بين    تركيا   وموقف  ،حول
 ما يقارب   تكمن أهمية البحث بأنه يتناول صراع أستمر.  في هذه الحرب  هاودور

تأثيرات فضلًا عن  ،  الإقليم المذكور  بين دولتين جارتين حول  نعقدين من الزمال
في   البحثتمحورت مشكلة    .واقتصادياً وأمنياً   هذا الصراع على المنطقة سياسياً

الإجابة عن تساؤلين رئيسين هما: ما الأهمية الاستراتيجية التي يتمتع بها إقليم
النسبة لكل من أذربيجان وارمينيا ليكون أحد أهم الاسباب ناغورني قره باغ ب

موازين القوى    ،التي أدت الى هذا الصراع؟ وكيف غير موقف تركيا من الحرب
عن    فضلاً   ،وثمانية محاور  اً،تمهيدي  لأتضمن البحث مدخ  لصالح أذربيجان؟

أن    كانواستنتاجات    ،خاتمة بين   اً حاسم  اً دور   تركيالأهمها  الحرب  انهاء  في
أرمينيا وأذربيجان لصالح الأخيرة مما أسهم في تحقيق الاستقرار الأمني وترسيخ

 تركيا وأذربيجان.المصالح الاستراتيجية المشتركة في المنطقة بين"#;
