//! The archive: topic, series and author pages in both languages, paging, reading time, the
//! PDF beside the paper, their metadata, and the errors of the archive's front matter.

use std::fs;

use warraq::pipeline::{self, Options};

use crate::util::{Site, assert_links_resolve, attr, one, select, text, tree};

#[test]
fn topics_series_and_authors_have_pages_in_both_languages() {
    let site = Site::new(&["archive"]);
    site.build_clean();
    let files = tree(&site.root.join("site"));
    for path in [
        "topics/index.html",
        "topics/energy/index.html",
        "topics/war/index.html",
        "series/index.html",
        "series/papers/index.html",
        "authors/index.html",
        "authors/said-al-hajj/index.html",
        "authors/katib-akhar/index.html",
        "en/topics/energy/index.html",
        "en/series/papers/index.html",
        "en/authors/said-al-hajj/index.html",
        "energy-paper/energy-paper.pdf",
    ] {
        assert!(files.contains_key(path), "{path}");
    }
    // The topic's name is the page's heading, in each language, its papers newest first.
    let topic = site.page("topics/energy/index.html");
    assert_eq!(text(one(&topic, "h1")), "الطاقة");
    let titles: Vec<String> = select(&topic, ".entry-title a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["ورقة عن الطاقة", "ورقة عن الحرب"]);
    let abstract_ = text(one(&topic, ".entry-abstract"));
    assert_eq!(abstract_, "هذه الجملة الأولى من الملخص.");
    let english = site.page("en/topics/energy/index.html");
    assert_eq!(text(one(&english, "h1")), "Energy");
    let links: Vec<&str> = (select(&english, ".entry-title a").into_iter())
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(
        links,
        ["../../../en/energy-paper/", "../../../en/war-paper/"]
    );
    // The series lists by number; its entries show the number.
    let series = site.page("series/papers/index.html");
    let titles: Vec<String> = select(&series, ".entry-title a")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(titles, ["ورقة عن الحرب", "ورقة عن الطاقة"]);
    let meta = select(&series, ".entry-meta");
    assert!(text(meta[0]).ends_with("· العدد 1"), "{}", text(meta[0]));
    // The author's page has the name in both scripts; the index counts papers.
    let author = site.page("en/authors/said-al-hajj/index.html");
    assert_eq!(text(one(&author, "h1")), "Saʿīd al-Ḥājj");
    assert_eq!(text(one(&author, ".list-title-other")), "سعيد الحاج");
    let index = site.page("topics/index.html");
    let lines: Vec<String> = select(&index, ".index-of li")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(lines, ["الطاقة Energy (2)", "الحرب War (1)"]);
    for (path, page) in site.pages() {
        assert_links_resolve(&path, &page);
    }
}

#[test]
fn a_paper_links_its_authors_series_and_topics_and_offers_its_pdf() {
    let site = Site::new(&["archive"]);
    site.build_clean();
    let page = site.page("energy-paper/index.html");
    let author = one(&page, ".byline .author a");
    assert_eq!(attr(author, "href"), "../authors/said-al-hajj/");
    let series = one(&page, ".byline .series");
    assert_eq!(text(series), "أوراق الاختبار · العدد 2");
    assert_eq!(attr(one(&page, ".series a"), "href"), "../series/papers/");
    assert_eq!(attr(one(&page, ".topics a"), "href"), "../topics/energy/");
    assert_eq!(
        text(one(&page, ".reading-time")),
        "مدة القراءة: دقيقة واحدة"
    );
    let pdf = one(&page, ".pdf a");
    assert_eq!(attr(pdf, "href"), "energy-paper.pdf");
    assert_eq!(text(one(&page, ".pdf")), "تنزيل الورقة (PDF) (1 كيلوبايت)");
    let source = fs::read(site.root.join("content/_sources/energy-paper.pdf")).unwrap();
    let copied = fs::read(site.root.join("site/energy-paper/energy-paper.pdf")).unwrap();
    assert_eq!(source, copied);
    // The English page links the English lists and the same PDF.
    let english = site.page("en/energy-paper/index.html");
    assert_eq!(
        attr(one(&english, ".byline .author a"), "href"),
        "../../en/authors/said-al-hajj/"
    );
    assert_eq!(
        text(one(&english, ".byline .series")),
        "Test Papers · No. 2"
    );
    assert_eq!(text(one(&english, ".reading-time")), "1 min read");
    assert_eq!(
        attr(one(&english, ".pdf a"), "href"),
        "../../energy-paper/energy-paper.pdf"
    );
    // A lost PDF is caught like a lost page.
    let anchors = fs::read_to_string(site.root.join("site/anchors.json")).unwrap();
    assert!(
        anchors.contains("\"energy-paper/energy-paper.pdf\""),
        "{anchors}"
    );
}

#[test]
fn metadata_names_the_pdf_series_authors_and_topics() {
    let site = Site::new(&["archive"]);
    let outcome = pipeline::build(&Options {
        base_url: Some("https://example.org/repo/".into()),
        ..site.options("site", true)
    })
    .unwrap();
    assert!(outcome.diagnostics.is_empty(), "{:?}", outcome.diagnostics);
    let page = site.page_text("energy-paper/index.html");
    assert!(page.contains(
        "<meta name=citation_pdf_url content=https://example.org/repo/energy-paper/energy-paper.pdf>"
    ) || page.contains(
        "<meta name=\"citation_pdf_url\" content=\"https://example.org/repo/energy-paper/energy-paper.pdf\">"
    ), "{page}");
    let html = site.page("energy-paper/index.html");
    let json = text(one(&html, "script[type='application/ld+json']"));
    let ld: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(ld["author"][0]["@type"], "Person");
    assert_eq!(
        ld["author"][0]["url"],
        "https://example.org/repo/authors/said-al-hajj/"
    );
    assert_eq!(ld["isPartOf"]["@type"], "CreativeWorkSeries");
    assert_eq!(
        ld["isPartOf"]["url"],
        "https://example.org/repo/series/papers/"
    );
    assert_eq!(ld["position"], 2);
    assert_eq!(ld["keywords"], serde_json::json!(["الطاقة", "Energy"]));
    let feed = fs::read_to_string(site.root.join("site/feed.xml")).unwrap();
    assert!(
        feed.contains("<category term=\"energy\" label=\"الطاقة\"/>"),
        "{feed}"
    );
    let sitemap = fs::read_to_string(site.root.join("site/sitemap.xml")).unwrap();
    for url in [
        "topics/energy/",
        "en/series/papers/",
        "authors/said-al-hajj/",
    ] {
        assert!(
            sitemap.contains(&format!("<loc>https://example.org/repo/{url}</loc>")),
            "{url}"
        );
    }
}

#[test]
fn lists_are_paged_twenty_at_a_time() {
    let site = Site::new(&["archive"]);
    for i in 0..43 {
        site.write(
            &format!("content/more-{i:02}.md"),
            format!(
                "---\nslug: more-{i:02}\ntitle: ورقة {i}\ntitle_en: Paper {i}\ndate: 2020-{:02}\ntopics: [war]\nauthors:\n  - name: كاتب\n    name_en: Writer\n---\nنص.\n",
                1 + i % 12
            ),
        );
    }
    site.build_clean();
    let files = tree(&site.root.join("site"));
    // 45 papers: the home and the war topic (44 papers) have three pages each.
    for path in [
        "page/2/index.html",
        "page/3/index.html",
        "en/page/3/index.html",
        "topics/war/page/3/index.html",
        "en/topics/war/page/2/index.html",
    ] {
        assert!(files.contains_key(path), "{path}");
    }
    assert!(!files.contains_key("page/4/index.html"));
    assert!(!files.contains_key("topics/energy/page/2/index.html"));
    let first = site.page("topics/war/index.html");
    assert_eq!(select(&first, ".entry").len(), 20);
    assert_eq!(
        attr(one(&first, "a[rel=next]"), "href"),
        "../../topics/war/page/2/"
    );
    assert_eq!(
        attr(one(&first, "link[rel=next]"), "href"),
        "../../topics/war/page/2/"
    );
    assert!(select(&first, "a[rel=prev]").is_empty());
    let middle = site.page("topics/war/page/2/index.html");
    assert_eq!(
        attr(one(&middle, "a[rel=prev]"), "href"),
        "../../../../topics/war/"
    );
    assert_eq!(
        attr(one(&middle, "a[rel=next]"), "href"),
        "../../../../topics/war/page/3/"
    );
    assert_eq!(
        attr(one(&middle, ".lang-switch"), "href"),
        "../../../../en/topics/war/page/2/"
    );
    let last = site.page("topics/war/page/3/index.html");
    assert_eq!(select(&last, ".entry").len(), 4);
    assert!(select(&last, "a[rel=next]").is_empty());
    let home = site.page("page/2/index.html");
    assert_eq!(text(one(&home, ".paging [aria-current]")), "الصفحة 2");
    // Every page is in anchors.json.
    let anchors = fs::read_to_string(site.root.join("site/anchors.json")).unwrap();
    for url in [
        "\"page/3/\"",
        "\"en/topics/war/page/3/\"",
        "\"authors/writer/\"",
    ] {
        assert!(anchors.contains(url), "{url}");
    }
}

#[test]
fn archive_errors_point_at_the_field() {
    let site = Site::new(&["archive"]);
    let paper = fs::read_to_string(site.root.join("content/war-paper.md")).unwrap();
    site.write(
        "content/war-paper.md",
        paper
            .replace("  - energy\n", "  - energie\n")
            .replace("  id: papers\n", "  id: books\n")
            .replace(
                "    name_en: Saʿīd al-Ḥājj\n",
                "    name_en: Said al-Hajj\n",
            ),
    );
    site.write(
        "content/no-id.md",
        "---\nslug: no-id\ntitle: ع\ntitle_en: T\ndate: 2022\nauthors:\n  - name: كاتب\ntopics: [energy]\npdf: _sources/missing.pdf\n---\nنص.\n",
    );
    site.write("content/_sources/fake.pdf", "<html>not a pdf</html>");
    site.write(
        "content/fake.md",
        "---\nslug: fake\ntitle: ع\ntitle_en: T\ndate: 2022\ntopics: [energy]\npdf: _sources/fake.pdf\n---\nنص.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.error_lines();
    assert_eq!(
        errors,
        [
            "content/no-id.md:7:11: error: authors[0].name: this author needs an `id` for their page: the name has no romanised form to make one from",
            "content/war-paper.md:7:11: error: authors[0]: the author id `said-al-hajj` is سعيد الحاج (Saʿīd al-Ḥājj) in content/energy-paper.md, but سعيد الحاج (Said al-Hajj) here",
            "content/war-paper.md:14:5: error: topics[1]: there is no topic `energie`",
            "content/war-paper.md:16:7: error: series.id: there is no series `books`",
        ],
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("hint: the site's topics are: energy, war")
    );
    // With those fixed, the PDFs: a missing one and one that is not a PDF.
    site.write("content/war-paper.md", &paper);
    site.write(
        "content/no-id.md",
        "---\nslug: no-id\ntitle: ع\ntitle_en: T\ndate: 2022\nauthors:\n  - name: كاتب\n    id: katib\ntopics: [energy]\npdf: _sources/missing.pdf\n---\nنص.\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.error_lines();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    assert!(errors[0].starts_with("content/fake.md:7:6: error: pdf: `_sources/fake.pdf` is not a PDF: it does not begin with `%PDF-`"), "{}", errors[0]);
    assert!(
        errors[1].starts_with(
            "content/no-id.md:10:6: error: pdf: cannot read the PDF `_sources/missing.pdf`"
        ),
        "{}",
        errors[1]
    );
}

#[test]
fn a_topic_no_paper_uses_is_a_warning_and_reserved_slugs_are_refused() {
    let site = Site::new(&["archive"]);
    let index = fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        index.replace("series:\n", "  oil:\n    ar: النفط\n    en: Oil\nseries:\n"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.starts_with("content/_index.md:11:3: warning: topics.oil: no document is filed under the topic `oil`"),
        "{}",
        run.stderr
    );
    assert!(!site.root.join("site/topics/oil").exists());
    for slug in ["topics", "series", "authors", "page"] {
        site.write(
            "content/reserved.md",
            format!("---\nslug: {slug}\ntitle: ع\ntitle_en: T\ndate: 2022\n---\nنص.\n"),
        );
        let run = site.run(&["build"]);
        assert!(
            run.stderr.contains(&format!(
                "content/reserved.md:2:7: error: slug: `{slug}` is reserved for the site's own pages"
            )),
            "{}",
            run.stderr
        );
    }
}
