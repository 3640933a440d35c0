//! Tests of the public API as a whole: the seed abstract, invariants of every
//! alignment, and odd input.

use super::*;

/// Document 000 (Azerbaijan, Armenia and Turkey's role in the 2020 war): the
/// Arabic abstract as reconstructed from the PDF, the English one verbatim.
const SEED_000_AR: &str = "يهدف البحث إلى تسليط الضوء على العوامل الداخلية والخارجية التي أدت الى استمرارية الصراع بين أذربيجان وأرمينيا الذي تسبب باندلاع الحرب الثانية بين الدولتين عام 2020 حول إقليم ناغورني قره باغ، وموقف تركيا ودورها في هذه الحرب. تكمن أهمية البحث بأنه يتناول صراع أستمر ما يقارب عقدين من الزمان بين دولتين جارتين حول الإقليم المذكور، فضلًا عن تأثيرات هذا الصراع على المنطقة سياسياً واقتصادياً وأمنياً. تمحورت مشكلة البحث في الإجابة عن تساؤلين رئيسين هما: ما الأهمية الاستراتيجية التي يتمتع بها إقليم ناغورني قره باغ بالنسبة لكل من أذربيجان وارمينيا ليكون أحد أهم الاسباب التي أدت الى هذا الصراع؟ وكيف غير موقف تركيا من الحرب، موازين القوى لصالح أذربيجان؟ تضمن البحث مدخلاً تمهيدياً، وثمانية محاور، فضلاً عن خاتمة، واستنتاجات أهمها أن كان لتركيا دوراً حاسماً في انهاء الحرب بين أرمينيا وأذربيجان لصالح الأخيرة مما أسهم في تحقيق الاستقرار الأمني وترسيخ المصالح الاستراتيجية المشتركة في المنطقة بين تركيا وأذربيجان.";
const SEED_000_EN: &str = "The study aims to shed light on the internal and external factors that contributed to the persistence of the conflict between Azerbaijan and Armenia, which ultimately led to the outbreak of the Second War between the two countries in 2020 over the Nagorno-Karabakh region, as well as Turkey’s stance and role in this war. The significance of the research lies in its examination of a conflict that lasted nearly two decades between two neighboring countries over the disputed region, along with its political, economic, and security implications for the broader region. The research problem centers around two key questions: What strategic importance does the Nagorno-Karabakh region hold for both Azerbaijan and Armenia, making it a primary driver of the conflict? And how did Turkey’s position during the war shift the balance of power in favor of Azerbaijan? The study includes an introductory overview, eight main sections, and a conclusion. Among its key findings is that Turkey played a decisive role in ending the war between Armenia and Azerbaijan in favor of the latter, contributing to regional security stability and reinforcing shared strategic interests between Turkey and Azerbaijan.";

fn shapes(al: &Alignment) -> Vec<String> {
    al.beads.iter().map(Bead::label).collect()
}

/// Every sentence in exactly one bead, in order.
fn assert_partition(al: &Alignment, n_ar: usize, n_en: usize) {
    let (mut i, mut j) = (0, 0);
    for b in &al.beads {
        assert_eq!((b.ar.start, b.en.start), (i, j), "{al:?}");
        assert!(!b.ar.is_empty() || !b.en.is_empty());
        assert!((0.0..=1.0).contains(&b.confidence), "{b:?}");
        (i, j) = (b.ar.end, b.en.end);
    }
    assert_eq!((i, j), (n_ar, n_en));
}

#[test]
fn seed_000_abstract() {
    let ar = split_arabic(SEED_000_AR);
    let en = split_english(SEED_000_EN);
    assert_eq!((ar.len(), en.len()), (5, 6), "{ar:#?}\n{en:#?}");
    assert!(en[2].ends_with("driver of the conflict?"));
    let al = align(&ar, &en, &[]);
    assert_eq!(shapes(&al), ["1-1", "1-1", "1-1", "1-1", "1-2"]);
    assert_eq!(al.beads[4].en, 4..6);
    assert!(al.is_reliable(), "mean confidence {}", al.mean_confidence());
}

#[test]
fn glossary_is_used() {
    let gl = vec![("خاتمة".to_string(), "conclusion".to_string())];
    let ar = split_arabic(SEED_000_AR);
    let en = split_english(SEED_000_EN);
    let with = align(&ar, &en, &gl);
    assert_eq!(shapes(&with), ["1-1", "1-1", "1-1", "1-1", "1-2"]);
    assert!(with.beads[4].cost < align(&ar, &en, &[]).beads[4].cost);
}

#[test]
fn alignment_is_deterministic_and_a_partition() {
    let ar = split_arabic(SEED_000_AR);
    let en = split_english(SEED_000_EN);
    for (a, e) in [
        (&ar[..], &en[..]),
        (&ar[..2], &en[..]),
        (&ar[..], &en[3..]),
        (&ar[1..1], &en[..]),
        (&ar[..], &en[..0]),
    ] {
        let first = align(a, e, &[]);
        assert_eq!(first, align(a, e, &[]));
        assert_partition(&first, a.len(), e.len());
    }
}

#[test]
fn unrelated_texts_are_unreliable() {
    let ar = split_arabic(SEED_000_AR);
    let en = [
        "Pub and bar groups saw sales rise 2.7 per cent in July.",
        "Security camera footage showed Yuan entering the market at 4.40 am Thursday.",
        "Lawyer Christian Schertz said the player would seek compensation.",
        "Voters will vote Sunday on whether to change their country's name.",
        "The 7.5-magnitude earthquake triggered a tsunami and has destroyed thousands of homes.",
        "Efforts to ban fissile material relate to action 15 of the action plan.",
        "Switzerland encourages all parties to support the current conceptual work of the secretariat.",
        "As in the past, Switzerland continues to raise this issue.",
    ];
    let al = align(&ar, &en, &[]);
    assert_partition(&al, ar.len(), en.len());
    assert!(!al.is_reliable(), "{al:#?}");
    assert!(!align(&ar, &[], &[]).is_reliable());
}

#[test]
fn odd_input_never_panics() {
    let long = "كلمة ".repeat(5_000);
    let odd: [&[&str]; 6] = [
        &[],
        &[""],
        &["", "", ""],
        &["...", "؟؟", "!!!"],
        &["\u{202B}\u{202C}"],
        &[long.as_str()],
    ];
    for a in odd {
        for e in odd {
            let al = align(a, e, &[("".into(), "".into())]);
            assert_partition(&al, a.len(), e.len());
            let _ = (bead_table(&al, a, e), to_json(&al, a, e));
        }
    }
    let many: Vec<&str> = std::iter::repeat_n("A sentence of 2020.", 1500).collect();
    let al = align(&many, &many[..1400], &[]);
    assert_partition(&al, 1500, 1400);
    let too_many: Vec<&str> = std::iter::repeat_n("x.", MAX_SENTENCES).collect();
    let al = align(&too_many, &many, &[]);
    assert_partition(&al, MAX_SENTENCES, 1500);
    assert!(!al.is_reliable());
}
