//! `warraq verify --strict` as editors run it: a fixture whose letters all match its source,
//! with one dash the editor added, and the structure that is not a difference (a run-in
//! heading's colon, a cover line split into publisher and place, mirrored brackets, a URL's
//! angle brackets, a superscript note marker, list markers, a repaired haraka).

use std::fs;

use crate::util::Site;

const DOC: &str = "content/paper.md";

#[test]
fn strict_finds_an_added_dash_that_plain_verify_misses() {
    let site = Site::new(&["verify-strict"]);
    let plain = site.run(&["verify"]);
    assert_eq!(plain.code, 0, "{}{}", plain.stdout, plain.stderr);
    assert!(!plain.stdout.contains("strict"), "{}", plain.stdout);

    let strict = site.run(&["verify", "--strict"]);
    assert_eq!(strict.code, 1, "{}{}", strict.stdout, strict.stderr);
    assert_eq!(
        strict.stdout,
        "content/paper.md: verify against content/_sources/paper.txt\n\
         content/paper.md:25: paragraph: strict: added dash «–» (U+2013): «…ف أن الصراع – طويل ومعقد.»; source line 7: «ثم أضاف أن الصراع طويل¹…»\n  \
         ok: 138 Arabic letters, 16 Latin letters in 10 blocks match 9 source lines (1 repair applied)\n  \
         strict FAILED: 1 sign differs; compared 20 signs (11 punctuation marks, 2 brackets, 2 quotation marks, 3 dashes, 2 harakat)\n"
    );
}

#[test]
fn strict_passes_once_the_source_form_is_restored_or_declared() {
    let site = Site::new(&["verify-strict"]);
    let path = site.root.join(DOC);
    let text = fs::read_to_string(&path).unwrap();

    fs::write(&path, text.replace("الصراع – طويل", "الصراع طويل")).unwrap();
    let restored = site.run(&["verify", "--strict"]);
    assert_eq!(restored.code, 0, "{}", restored.stdout);
    assert!(
        restored.stdout.ends_with(" match\n") && restored.stdout.contains("  strict ok: 20 signs"),
        "{}",
        restored.stdout
    );

    // The same dash declared as a repair of its source line.
    let declared = text.replace(
        "  repairs:\n",
        "  repairs:\n    - line: 7\n      from: \"الصراع\"\n      to: \"الصراع –\"\n      note: \"A dash was added.\"\n",
    );
    fs::write(&path, declared).unwrap();
    let run = site.run(&["verify", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stdout);

    // Without the repair of «ردٍّّ», its harakat are a change.
    let unrepaired = text
        .replace("الصراع – طويل", "الصراع طويل")
        .replace("      from: \"ردٍّّ\"", "      from: \"كتابه\"")
        .replace("      to: \"ردٌّ\"", "      to: \"كتابه\"");
    fs::write(&path, unrepaired).unwrap();
    let run = site.run(&["verify", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "content/paper.md:23: paragraph: strict: changed haraka kasratan «◌ٍ» (U+064D) to dammatan «◌ٌ» (U+064C): "
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains(": strict: lost haraka shadda «◌ّ» (U+0651): "),
        "{}",
        run.stdout
    );
}

#[test]
fn fields_the_editor_supplied_are_left_out_once_declared() {
    let site = Site::new(&["verify-strict"]);
    let path = site.root.join(DOC);
    let text = fs::read_to_string(&path).unwrap();
    // An English abstract and a date as written that the source does not have: letters
    // added, and the hint names the key.
    let edited = text
        .replace(
            "date: 2024-01\n",
            "date: 2024-01\ndate_text: كانون الثاني\n",
        )
        .replace(
            "source:\n",
            "abstract:\n  en: The editor's summary.\nsource:\n",
        );
    fs::write(&path, &edited).unwrap();
    let run = site.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains(": abstract.en: ")
            && run.stdout.contains(
                "  hint: if the editor wrote `abstract.en`, not the source, say so in the front matter: `editor_supplied: [abstract.en]`"
            )
            && run.stdout.contains("  hint: if the editor wrote `date_text`"),
        "{}",
        run.stdout
    );
    // Declared, they are left out of the count, and the report says so.
    let declared = edited.replace(
        "source:\n",
        "editor_supplied: [abstract.en, date_text, publisher_en]\nsource:\n",
    );
    fs::write(&path, &declared).unwrap();
    let run = site.run(&["verify"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(
        run.stdout.contains(
            "  left out: 2 fields the editor supplied (`editor_supplied:`), not compared with the source: `abstract.en`, `date_text`\n  ok: "
        ),
        "{}",
        run.stdout
    );
    // A name that is no such field is refused with the closest one.
    fs::write(
        &path,
        edited.replace("source:\n", "editor_supplied: [abstract_en]\nsource:\n"),
    )
    .unwrap();
    let run = site.run(&["verify"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains(
            "content/paper.md:15:18: error: editor_supplied[0]: `abstract_en` is not a field `verify` compares with the source\n  hint: did you mean `abstract.en`?"
        ),
        "{}",
        run.stderr
    );
}
