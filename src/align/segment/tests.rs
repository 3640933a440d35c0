//! Table-driven tests for the splitters: one row per trap, each row a paragraph
//! and the sentences it must give.

use super::super::Side;
use super::{sentence_spans, split_arabic, split_english};

fn check(split: fn(&str) -> Vec<&str>, cases: &[(&str, &[&str])]) {
    for (text, want) in cases {
        assert_eq!(split(text), *want, "paragraph: {text:?}");
    }
}

#[test]
fn arabic_terminators() {
    check(
        split_arabic,
        &[
            ("", &[]),
            ("   ", &[]),
            ("جملة أولى. جملة ثانية.", &["جملة أولى.", "جملة ثانية."]),
            ("هل هذا صحيح؟ نعم.", &["هل هذا صحيح؟", "نعم."]),
            ("يا له من يوم! انتهى.", &["يا له من يوم!", "انتهى."]),
            // `؛` and `،` do not end a sentence.
            (
                "أولًا، ثم ثانيًا؛ ثم ثالثًا. انتهى.",
                &["أولًا، ثم ثانيًا؛ ثم ثالثًا.", "انتهى."],
            ),
            // Closing quotes and brackets stay with the sentence.
            ("قال: \"انتهى.\" ثم غادر.", &["قال: \"انتهى.\"", "ثم غادر."]),
            (
                "قال كينيدي:\"أعني، بالتأكيد\". وغادر.",
                &["قال كينيدي:\"أعني، بالتأكيد\".", "وغادر."],
            ),
            // A stop typed without a following space.
            (
                "انتهت الحرب.وتكمن أهمية البحث.",
                &["انتهت الحرب.", "وتكمن أهمية البحث."],
            ),
            // A two-letter word (`بي` = "B.") is a word, not an abbreviation.
            (
                "ممتن لتوماس بي. أشعر بالسعادة.",
                &["ممتن لتوماس بي.", "أشعر بالسعادة."],
            ),
        ],
    );
}

#[test]
fn arabic_numbers() {
    check(
        split_arabic,
        &[
            (
                "بلغ النمو 2.5 في المائة. ثم تراجع.",
                &["بلغ النمو 2.5 في المائة.", "ثم تراجع."],
            ),
            (
                "بلغ النمو 3,8 في المائة. ثم تراجع.",
                &["بلغ النمو 3,8 في المائة.", "ثم تراجع."],
            ),
            (
                "توفي أكثر من 360.000 شخص. وتشرد آخرون.",
                &["توفي أكثر من 360.000 شخص.", "وتشرد آخرون."],
            ),
            (
                "اندلعت الحرب عام 2020. وقد انتهت.",
                &["اندلعت الحرب عام 2020.", "وقد انتهت."],
            ),
            (
                "اندلعت الحرب عام ٢٠٢٠. وقد انتهت.",
                &["اندلعت الحرب عام ٢٠٢٠.", "وقد انتهت."],
            ),
            (
                "بلغ ٢٫٥ في المائة. ثم تراجع.",
                &["بلغ ٢٫٥ في المائة.", "ثم تراجع."],
            ),
            // A list number alone is not a sentence.
            (
                "1. المقدمة والخلفية. 2. المنهج.",
                &["1. المقدمة والخلفية.", "2. المنهج."],
            ),
        ],
    );
}

#[test]
fn arabic_abbreviations() {
    check(
        split_arabic,
        &[
            (
                "وقال د. ديفيد ريدي إن النتائج مشجعة. وأضاف.",
                &["وقال د. ديفيد ريدي إن النتائج مشجعة.", "وأضاف."],
            ),
            (
                "أشرف أ.د. محمد علي على البحث. ونوقش.",
                &["أشرف أ.د. محمد علي على البحث.", "ونوقش."],
            ),
            (
                "توفي سنة 505 هـ. الموافق 1111 م. في بغداد.",
                &["توفي سنة 505 هـ. الموافق 1111 م. في بغداد."],
            ),
            (
                "راسلنا على ص.ب. 1234 في عمان. وانتظر.",
                &["راسلنا على ص.ب. 1234 في عمان.", "وانتظر."],
            ),
            // Bidi controls around the stop of `د.` are ignored, and kept in the output.
            (
                "وقال د\u{202A}.\u{202C} ديفيد. ثم.",
                &["وقال د\u{202A}.\u{202C} ديفيد.", "ثم."],
            ),
            (
                "انتهى البحث\u{200F}. ثم بدأ.",
                &["انتهى البحث\u{200F}.", "ثم بدأ."],
            ),
        ],
    );
}

#[test]
fn latin_inside_arabic() {
    check(
        split_arabic,
        &[
            (
                "وهذا ما أكده (Alkan, n.d.) في دراسته. ثم انتقل.",
                &["وهذا ما أكده (Alkan, n.d.) في دراسته.", "ثم انتقل."],
            ),
            (
                "كما بيّن (Smith et al., 2020, p. 5) ذلك. وانتهى.",
                &["كما بيّن (Smith et al., 2020, p. 5) ذلك.", "وانتهى."],
            ),
            (
                "وأشار Smith et al. إلى أن النتيجة واضحة.",
                &["وأشار Smith et al. إلى أن النتيجة واضحة."],
            ),
            (
                "انظر الموقع weather.com للمزيد. وشكرًا.",
                &["انظر الموقع weather.com للمزيد.", "وشكرًا."],
            ),
            (
                "المعرف 10.1016/j.x.2020.01.002 متاح. وشكرًا.",
                &["المعرف 10.1016/j.x.2020.01.002 متاح.", "وشكرًا."],
            ),
            (
                "المسماة \"TIPOFF U.S. - Canada\" معروفة. وانتهى.",
                &["المسماة \"TIPOFF U.S. - Canada\" معروفة.", "وانتهى."],
            ),
            // A single Latin letter before an Arabic word does end a sentence.
            (
                "وينتهي الاسم بحرف u. وذكرت الصحيفة ذلك.",
                &["وينتهي الاسم بحرف u.", "وذكرت الصحيفة ذلك."],
            ),
        ],
    );
}

#[test]
fn arabic_quoted_questions() {
    check(
        split_arabic,
        &[
            (
                "\"هل يعتقدون أنني أحصل على خصم؟\" تساءلت.",
                &["\"هل يعتقدون أنني أحصل على خصم؟\" تساءلت."],
            ),
            (
                "\"ما هذا؟\" قالَ الرجل. ثم صمت.",
                &["\"ما هذا؟\" قالَ الرجل.", "ثم صمت."],
            ),
            (
                "فقال لي: \"هل أنت السبب؟\" ثم غادر.",
                &["فقال لي: \"هل أنت السبب؟\"", "ثم غادر."],
            ),
            // A reporting verb that opens a longer sentence does not glue it on (dev case 058).
            (
                "\"إنه عنصري؟\" ردّ قائلًا: حسنًا، لقد فكرت.",
                &["\"إنه عنصري؟\"", "ردّ قائلًا: حسنًا، لقد فكرت."],
            ),
            (
                "الرجل: \"ما هذا؟\" إيفانز: \"فلنقل!\"",
                &["الرجل: \"ما هذا؟\"", "إيفانز: \"فلنقل!\""],
            ),
        ],
    );
}

#[test]
fn english_abbreviations_and_initials() {
    check(
        split_english,
        &[
            (
                "The U.S. offered more resistance. They lost.",
                &["The U.S. offered more resistance.", "They lost."],
            ),
            (
                "Talks with the U.S. As Rosa approaches, rain.",
                &["Talks with the U.S.", "As Rosa approaches, rain."],
            ),
            (
                "The airline and the U.S. Navy both said so.",
                &["The airline and the U.S. Navy both said so."],
            ),
            (
                "Relations with the US. Secretary Pompeo spoke.",
                &["Relations with the US. Secretary Pompeo spoke."],
            ),
            (
                "She has a Ph.D. from Yale. It helped.",
                &["She has a Ph.D. from Yale.", "It helped."],
            ),
            (
                "Use tools, e.g. hammers. Then rest.",
                &["Use tools, e.g. hammers.", "Then rest."],
            ),
            (
                "Mr. Adams said so. Dr. Lee agreed.",
                &["Mr. Adams said so.", "Dr. Lee agreed."],
            ),
            (
                "Known as P. Diddy or Diddy. He changed.",
                &["Known as P. Diddy or Diddy.", "He changed."],
            ),
            (
                "George W. Bush called. Sens. John Kennedy heard.",
                &["George W. Bush called.", "Sens. John Kennedy heard."],
            ),
            (
                "Troops fired on Oct. 2, 1968, killing many.",
                &["Troops fired on Oct. 2, 1968, killing many."],
            ),
            (
                "It aims to be No.1 in AI. It may.",
                &["It aims to be No.1 in AI.", "It may."],
            ),
            (
                "Smith et al. found it. The end.",
                &["Smith et al. found it.", "The end."],
            ),
            (
                "It's about the team., and I'm happy.",
                &["It's about the team., and I'm happy."],
            ),
            (
                "Say, \"O.K., this is it.\" Fine.",
                &["Say, \"O.K., this is it.\"", "Fine."],
            ),
        ],
    );
}

#[test]
fn english_numbers_and_quotes() {
    check(
        split_english,
        &[
            (
                "Growth was 3.1 per cent in 2015. It rose.",
                &["Growth was 3.1 per cent in 2015.", "It rose."],
            ),
            (
                "He arrived at 4.40 am. He left.",
                &["He arrived at 4.40 am.", "He left."],
            ),
            (
                "\"Do they think I get a discount?\" she wondered.",
                &["\"Do they think I get a discount?\" she wondered."],
            ),
            (
                "Man: \"What is that?\" When you listen, you hear.",
                &["Man: \"What is that?\"", "When you listen, you hear."],
            ),
            (
                "'Where have we gone wrong?,' he said. 'What now?'",
                &["'Where have we gone wrong?,' he said.", "'What now?'"],
            ),
            (
                "It was \"folly.\" But he went on.",
                &["It was \"folly.\"", "But he went on."],
            ),
            (
                "Wait... what happened? Nothing.",
                &["Wait... what happened?", "Nothing."],
            ),
            (
                "(s. 255, POCA). The officer acts.",
                &["(s. 255, POCA).", "The officer acts."],
            ),
        ],
    );
}

#[test]
fn odd_input_never_panics() {
    let odd = [
        "",
        ".",
        "...",
        "؟؟؟",
        "\u{202B}\u{202C}",
        "(((",
        ")))",
        "a.b.c.d.",
        "“”",
        "١.",
        "1. 2. 3.",
        "\u{0640}\u{0640}.",
        "ـ. ـ.",
    ];
    for text in odd {
        let spans = sentence_spans(text, Side::Ar);
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{text:?}");
        let _ = split_english(text);
    }
    let huge = "جملة طويلة، ومثيرة. ".repeat(20_000);
    assert_eq!(split_arabic(&huge).len(), 20_000);
    let unbalanced = "(".repeat(10_000) + "نص. نص آخر.";
    assert_eq!(split_arabic(&unbalanced).len(), 2);
}

#[test]
fn punctuation_only_is_kept() {
    assert_eq!(split_arabic("؟؟"), ["؟؟"]);
    assert_eq!(split_english("Done. 5."), ["Done. 5."]);
}
