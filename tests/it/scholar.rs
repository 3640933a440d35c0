//! Scholarly metadata and citations: Highwire tags, JSON-LD, OpenGraph, the cite block and
//! the BibTeX and RIS files carry the document's own data, and markup cannot break out.

use scraper::Html;

use crate::util::{Site, attr, one, select, text};

fn metas(page: &Html, attribute: &str, name: &str) -> Vec<String> {
    select(page, &format!("meta[{attribute}='{name}']"))
        .into_iter()
        .map(|m| attr(m, "content").to_string())
        .collect()
}

fn json_ld(page: &Html) -> serde_json::Value {
    let script = one(page, "script[type='application/ld+json']");
    serde_json::from_str(&text(script)).expect("JSON-LD parses")
}

fn built_with_base() -> Site {
    let site = Site::project();
    let path = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("---\n", "---\nbase_url: https://example.org/repo/\n", 1),
    )
    .unwrap();
    site.build_clean();
    site
}

#[test]
fn document_003_carries_its_metadata() {
    let site = built_with_base();
    let page = site.page("azerbaijan-turkey-israel/index.html");
    let url = "https://example.org/repo/azerbaijan-turkey-israel/";
    let title = "دور أذربيجان في التقارب التركي - الإسرائيلي المحتمل";
    assert_eq!(metas(&page, "name", "citation_title"), [title]);
    assert_eq!(
        metas(&page, "name", "citation_author"),
        ["د. سعيد وليد الحاج"]
    );
    assert_eq!(metas(&page, "name", "citation_publication_date"), ["2022"]);
    assert_eq!(metas(&page, "name", "citation_language"), ["ar"]);
    assert_eq!(
        metas(&page, "name", "citation_publisher"),
        ["مركز الزيتونة للدراسات والاستشارات"]
    );
    assert_eq!(metas(&page, "name", "citation_abstract_html_url"), [url]);
    assert_eq!(attr(one(&page, "link[rel=canonical]"), "href"), url);
    assert_eq!(metas(&page, "property", "og:type"), ["article"]);
    assert_eq!(metas(&page, "property", "og:title"), [title]);
    assert_eq!(metas(&page, "property", "og:url"), [url]);
    assert_eq!(metas(&page, "property", "og:locale"), ["ar_AR"]);

    let ld = json_ld(&page);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "ScholarlyArticle");
    assert_eq!(ld["headline"], title);
    assert_eq!(
        ld["alternativeHeadline"],
        "Azerbaijan's Role in a Possible Turkish–Israeli Rapprochement"
    );
    assert_eq!(ld["inLanguage"], attr(one(&page, "html"), "lang"));
    assert_eq!(ld["author"][0]["name"], "د. سعيد وليد الحاج");
    assert_eq!(ld["author"][0]["alternateName"], "Said Walid al-Hajj");
    assert_eq!(ld["datePublished"], "2022-02");
    assert_eq!(
        ld["publisher"]["alternateName"],
        "Al-Zaytouna Centre for Studies and Consultations"
    );
    assert_eq!(ld["url"], url);
    let parts = ld["hasPart"].as_array().unwrap();
    assert_eq!(parts.len(), 5);
    assert_eq!(parts[0]["url"], format!("{url}#introduction"));
    assert_eq!(parts[0]["alternateName"], "Introduction");

    // The cite block: the document and each section, in Arabic and English, with its URL.
    let cite = one(&page, "section.cite");
    let citations: Vec<String> = crate::util::select_in(cite, "p.citation")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(citations.len(), 2 + 2 * 5);
    assert_eq!(
        citations[0],
        format!(
            "د. سعيد وليد الحاج، «{title}»، بيروت: مركز الزيتونة للدراسات والاستشارات، شباط/ فبراير 2022، {url}."
        )
    );
    assert!(
        citations[2].starts_with("د. سعيد وليد الحاج، «"),
        "{}",
        citations[2]
    );
    assert!(
        citations[2].ends_with(&format!("القسم «مقدمة»، {url}#introduction.")),
        "{}",
        citations[2]
    );
    assert_eq!(
        citations[3],
        format!(
            "Said Walid al-Hajj, “Azerbaijan's Role in a Possible Turkish–Israeli Rapprochement” [in Arabic], Beirut: Al-Zaytouna Centre for Studies and Consultations, February 2022, section “Introduction”, {url}#introduction."
        )
    );
    let links: Vec<&str> = crate::util::select_in(cite, "a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert!(links.contains(&"cite.bib") && links.contains(&"cite.ris"));

    let bib =
        std::fs::read_to_string(site.root.join("site/azerbaijan-turkey-israel/cite.bib")).unwrap();
    assert!(
        bib.starts_with("@misc{azerbaijan-turkey-israel,\n  author = {{Said Walid al-Hajj}},\n"),
        "{bib}"
    );
    assert!(bib.contains(&format!("  url = {{{url}}},\n")));
    let ris =
        std::fs::read_to_string(site.root.join("site/azerbaijan-turkey-israel/cite.ris")).unwrap();
    assert!(ris.starts_with("TY  - GEN\r\n") && ris.ends_with("ER  - \r\n"));
    assert!(ris.contains(&format!("UR  - {url}\r\n")));
}

#[test]
fn documents_without_authors_or_dates_claim_none() {
    let site = built_with_base();
    let page = site.page("karabakh-2020-turkey-russia/index.html");
    assert!(metas(&page, "name", "citation_author").is_empty());
    assert!(metas(&page, "name", "citation_publication_date").is_empty());
    let ld = json_ld(&page);
    assert!(ld.get("author").is_none() && ld.get("datePublished").is_none());
    let cite = one(&page, "section.cite");
    let first = text(crate::util::select_in(cite, "p.citation")[0]);
    assert!(
        first.starts_with("[حرب قره باغ 2020"),
        "supplied title in brackets: {first}"
    );
    assert!(first.contains("، د.ت.، "), "{first}");
    // No headings: no section citations.
    assert!(crate::util::select_in(cite, "details").is_empty());
}

#[test]
fn markup_in_metadata_cannot_escape() {
    let site = Site::new(&["valid", "escaping"]);
    site.build_clean();
    let raw = site.page_text("escaping/index.html");
    let start = raw
        .find("<script type=application/ld+json>")
        .expect("JSON-LD script")
        + 33;
    let json = &raw[start..start + raw[start..].find("</script>").unwrap()];
    assert!(
        !json.contains('<') && json.contains("\\u003c/script\\u003e"),
        "{json}"
    );
    let page = site.page("escaping/index.html");
    let scripts: Vec<&str> = select(&page, "script")
        .into_iter()
        .map(|s| attr(s, "type"))
        .collect();
    assert_eq!(
        scripts,
        ["application/ld+json", "", ""],
        "JSON-LD, the reading script and cite.js only"
    );
    let title = "عنوان <script>alert(1)</script>";
    assert_eq!(metas(&page, "name", "citation_title"), [title]);
    assert_eq!(json_ld(&page)["headline"], title);
    let bib = std::fs::read_to_string(site.root.join("site/escaping/cite.bib")).unwrap();
    assert!(
        bib.contains(r"title = {{عنوان <script>alert(1)</script>}},"),
        "{bib}"
    );
}

#[test]
fn without_a_base_url_citations_are_relative() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("arabic-paper/index.html");
    assert!(metas(&page, "name", "citation_abstract_html_url").is_empty());
    assert!(metas(&page, "property", "og:url").is_empty());
    assert!(select(&page, "link[rel=canonical]").is_empty());
    let cite = one(&page, "section.cite");
    let urls: Vec<String> = crate::util::select_in(cite, "a.cite-url")
        .into_iter()
        .map(text)
        .collect();
    assert_eq!(urls[0], "arabic-paper/");
    assert!(
        urls.contains(&"arabic-paper/#introduction".to_string()),
        "{urls:?}"
    );
    let hrefs: Vec<&str> = crate::util::select_in(cite, "a.cite-url")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert!(
        hrefs.contains(&"#introduction"),
        "links work from the page itself"
    );
}
