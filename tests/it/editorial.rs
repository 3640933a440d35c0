//! The editor's apparatus on the pages: `{sic}` marks and supplied words in the text (shown,
//! left out of plain texts and of `verify`), editorial notes in both languages on both pages,
//! and citation files that claim no address the site does not have.

use std::path::Path;

use warraq::pipeline;

use crate::util::{Site, attr, one, select, select_in, text};

#[test]
fn sic_marks_and_supplied_words_are_shown_apart_from_the_words() {
    let site = Site::project();
    site.build_clean();
    let page = site.page("azerbaijan-turkey-israel/index.html");
    let marks = select(&page, "small.sic");
    assert_eq!(marks.len(), 12, "six in the text, six in the notes");
    for mark in &marks {
        assert_eq!(attr(*mark, "role"), "note");
        let (shown, label) = match attr(*mark, "lang") {
            "ar" => ("[كذا]", "كذا في الأصل"),
            _ => ("[sic]", "sic: so in the source"),
        };
        assert_eq!(text(*mark), shown);
        assert_eq!(attr(*mark, "aria-label"), label);
    }
    // After a Latin slip, the mark stays inside the slip's left-to-right island.
    let island = select(&page, "bdi[dir='ltr']")
        .into_iter()
        .find(|b| text(*b).contains("Groung"))
        .expect("the island of the English note");
    assert!(
        text(island).contains("Staging Groung[sic]"),
        "{}",
        text(island)
    );
    assert_eq!(select_in(island, "small.sic[lang='en']").len(), 1);

    let page = site.page("turkey-karabakh-2020/index.html");
    let supplied = one(&page, "ins.supplied");
    assert_eq!(text(supplied), "[Cooperation]");
    assert_eq!(attr(supplied, "title"), "supplied by the editor");
    let island = select(&page, "bdi[dir='ltr']")
        .into_iter()
        .find(|b| text(*b).contains("Black Sea"))
        .expect("the island of the BSEC name");
    assert_eq!(
        text(island),
        "Organization of the Black Sea Economic [Cooperation] BSEC"
    );
}

#[test]
fn plain_texts_and_verify_leave_the_marks_out() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diags = Vec::new();
    let site = pipeline::load(root, false, &mut diags).unwrap().unwrap();
    let mut marked = 0;
    for doc in &site.documents {
        let rendered = pipeline::render_markdown(doc, site.home.config.allow_raw_html, &mut diags);
        let model = &rendered.model;
        let texts = (model.blocks.iter().map(|b| model.text(b)))
            .chain(model.notes.iter().map(|n| model.note_text(n)));
        for plain in texts {
            assert!(
                !plain.contains("كذا") && !plain.contains("[sic]"),
                "{plain}"
            );
            assert!(
                !plain.contains("Cooperation") && !plain.contains("{+"),
                "{plain}"
            );
            marked += usize::from(plain.contains("لبأكو") || plain.contains("Economic  BSEC"));
        }
    }
    assert!(diags.is_empty(), "{diags:?}");
    assert!(marked >= 1);

    // A supplied word is not in the source, and verify does not ask for it.
    let site = Site::new(&["valid"]);
    site.write(
        "content/_sources/raw.txt",
        "نص فيه خطأ لبأكو ومنظمة Black Sea Economic BSEC.\n",
    );
    site.write(
        "content/marked.md",
        "---\nslug: marked\ntitle: عنوان\ntitle_en: Title\ntitle_origin: editor\ntitle_en_origin: editor\ndate: 2022\nsource:\n  file: _sources/raw.txt\n---\nنص فيه خطأ لبأكو{sic} ومنظمة Black Sea Economic {+Cooperation+} BSEC.\n",
    );
    let run = site.run(&["verify", "content/marked.md"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("ok:"), "{}", run.stdout);
}

#[test]
fn editorial_notes_are_in_both_languages_on_both_pages() {
    let site = Site::project();
    site.build_clean();
    for slug in [
        "turkey-karabakh-2020",
        "karabakh-2020-turkey-russia",
        "azerbaijan-turkey-israel",
    ] {
        let arabic = site.page(&format!("{slug}/index.html"));
        let section = one(&arabic, "#editorial-notes");
        let items = select_in(section, ":scope > ul > li");
        assert!(items.len() >= 5, "{slug}");
        for item in &items {
            // Every note and repair reads in Arabic first.
            let t = text(*item);
            assert!(
                t.chars().any(|c| ('\u{0621}'..='\u{064A}').contains(&c)),
                "{t}"
            );
            assert!(
                select_in(*item, ":scope > span[lang='en']").is_empty(),
                "{slug}: {t}"
            );
        }
        let english = one(&arabic, "details.editorial-other");
        assert_eq!(attr(english, "lang"), "en");
        assert_eq!(select_in(english, "li").len(), items.len(), "{slug}");

        let page = site.page(&format!("en/{slug}/index.html"));
        let notes = select(&page, "#editorial-notes > ul > li");
        assert_eq!(notes.len(), items.len(), "{slug}");
        for (note, in_english) in notes.iter().zip(select_in(english, "li")) {
            assert_eq!(text(*note), text(in_english), "{slug}");
        }
    }
}

#[test]
fn citation_files_name_no_address_without_a_base_url() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let bib = std::fs::read_to_string(site.root.join("site/arabic-paper/cite.bib")).unwrap();
    let ris = std::fs::read_to_string(site.root.join("site/arabic-paper/cite.ris")).unwrap();
    assert!(
        bib.starts_with("@misc{arabic-paper,") && !bib.contains("url ="),
        "{bib}"
    );
    assert!(
        ris.starts_with("TY  - GEN") && !ris.contains("UR  -"),
        "{ris}"
    );
}
