//! Markup injection: real payloads in every front matter field, in notes, headings, abstracts,
//! alignment rows and file names never become markup or script in any file of the site.
//!
//! The scan reads every file the build wrote, whatever its kind, so files added later
//! (feeds, JSON-LD, citation files) are covered without changing this test: HTML is parsed
//! and searched for handlers, injected elements and script URLs; `<script>` blocks must be
//! data (JSON that parses) or free of payloads; JSON must parse; any other file that is not
//! plain text must not hold a payload's tags raw. A file kind the scan does not know is
//! treated as markup.

use std::fs;

use scraper::{ElementRef, Html};

use crate::util::{Site, select, tree};

/// One payload per place, tagged with the place so the test can find each one again.
fn payload(place: &str) -> String {
    format!(
        "[{place}]\"><img src=x onerror=alert(1)><script>alert(2)</script></script><svg onload=alert(3)></title></style>'--><!--]]>{{{{ 7*7 }}}}"
    )
}

/// A YAML block scalar holding `text` (no quoting or escaping involved).
fn block(indent: &str, text: &str) -> String {
    format!("|-\n{indent}  {text}")
}

fn settings() -> String {
    format!(
        "---\nbase_url: https://example.org/papers/\ntitle: {}\ntitle_en: {}\ndescription: {}\ndescription_en: {}\nglossary:\n  قره باغ: {}\n---\n{}\n",
        block("", &payload("site-title")),
        block("", &payload("site-title-en")),
        block("", &payload("site-description")),
        block("", &payload("site-description-en")),
        block("  ", &payload("glossary")),
        payload("home-text"),
    )
}

fn document(slug: &str, pinned: bool) -> String {
    let field = |name: &str| block("", &payload(&format!("{slug}:{name}")));
    let nested = |name: &str| block("    ", &payload(&format!("{slug}:{name}")));
    let alignment = if pinned {
        "alignment: [\"1-1\", \"1-1\"]\n"
    } else {
        ""
    };
    format!(
        "---\nslug: {slug}\ntitle: {title}\ntitle_en: {title_en}\ntitle_origin: editor\nauthors:\n  - name: {author}\n    name_en: {author_en}\n    note: a\ndate: 2022-02\ndate_text: {date_text}\npublisher: {publisher}\npublisher_en: {publisher_en}\nplace: {place}\nplace_en: {place_en}\nabstract:\n  ar: {ar}\n  en: {en}\n{alignment}sections:\n  intro: {section}\neditorial_notes:\n  - {note}\nsource:\n  file: _sources/x.txt\n  removed:\n    - line: 1\n      text: {removed_text}\n      reason: {removed_reason}\n  repairs:\n    - line: 2\n      from: {from}\n      to: {to}\n      note: {repair_note}\n---\n\
## {heading} {{#intro}}\n\n\
{para}[^a] [^b]\n\n\
<script>alert('raw block')</script>\n\n\
text <img src=x onerror=alert('raw inline')> and [a link]({url} \"{link_title}\") and ![an image](https://example.org/x.png \"{image_title}\")\n\n\
`{code}`\n\n\
| {cell} |\n|---|\n| {cell} |\n\n\
[^a]: {footnote}\n\n\
[^b]: {footnote2}\n",
        title = field("title"),
        title_en = field("title_en"),
        author = nested("author"),
        author_en = nested("author_en"),
        date_text = field("date_text"),
        publisher = field("publisher"),
        publisher_en = field("publisher_en"),
        place = field("place"),
        place_en = field("place_en"),
        ar = block(
            "  ",
            &format!(
                "جملة أولى {} . جملة ثانية.",
                payload(&format!("{slug}:abstract-ar"))
            )
        ),
        en = block(
            "  ",
            &format!(
                "First sentence {} . Second sentence.",
                payload(&format!("{slug}:abstract-en"))
            )
        ),
        section = block("  ", &payload(&format!("{slug}:section"))),
        note = block("    ", &payload(&format!("{slug}:editorial-note"))),
        removed_text = block("        ", &payload(&format!("{slug}:removed-text"))),
        removed_reason = block("        ", &payload(&format!("{slug}:removed-reason"))),
        from = block("        ", &payload(&format!("{slug}:repair-from"))),
        to = block("        ", &payload(&format!("{slug}:repair-to"))),
        repair_note = block("        ", &payload(&format!("{slug}:repair-note"))),
        heading = payload(&format!("{slug}:heading")),
        para = payload(&format!("{slug}:paragraph")),
        url = "https://example.org/\"onmouseover=\"alert(4)",
        link_title = payload(&format!("{slug}:link-title")).replace('"', "&quot;"),
        image_title = payload(&format!("{slug}:image-title")).replace('"', "&quot;"),
        code = payload(&format!("{slug}:code")),
        cell = payload(&format!("{slug}:cell")).replace('|', "\\|"),
        footnote = payload(&format!("{slug}:footnote")),
        footnote2 = payload(&format!("{slug}:footnote-2")),
    )
}

/// A site with payloads everywhere an editor can write, built.
fn hostile_site() -> Site {
    let site = Site::new(&[]);
    site.write("content/_index.md", settings());
    site.write("content/pinned.md", document("pinned", true));
    site.write("content/computed.md", document("computed", false));
    // The file name carries a payload too (names reach diagnostics, never pages).
    site.write(
        "content/\"><img src=x onerror=alert(5)>.md",
        document("named", false),
    );
    site.write("content/_sources/x.txt", "source\n");
    let outcome = site.build_into("site");
    let errors = crate::util::errors(&outcome);
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(outcome.written);
    site
}

/// URL schemes that run code.
fn is_script_url(url: &str) -> bool {
    let url: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:text/html"]
        .iter()
        .any(|s| url.starts_with(s))
}

/// Problems of one HTML page: handlers, injected elements, script URLs, live payload scripts.
fn html_problems(path: &str, page: &Html) -> Vec<String> {
    let mut problems = Vec::new();
    for element in page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let tag = element.value().name();
        for (name, value) in element.value().attrs() {
            if name.starts_with("on") {
                problems.push(format!("{path}: <{tag} {name}=…> is an event handler"));
            }
            if matches!(
                name,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) && is_script_url(value)
            {
                problems.push(format!("{path}: <{tag} {name}=\"{value}\"> runs script"));
            }
            if name == "src" && value == "x" {
                problems.push(format!("{path}: <{tag} src=x> was injected"));
            }
        }
        if matches!(tag, "svg" | "iframe" | "object" | "embed")
            && element.text().any(|t| t.contains('['))
        {
            problems.push(format!("{path}: <{tag}> holds injected text"));
        }
        if tag == "script" {
            let body: String = element.text().collect();
            let kind = element.value().attr("type").unwrap_or_default();
            if kind.ends_with("json") {
                if serde_json::from_str::<serde_json::Value>(&body).is_err() {
                    problems.push(format!(
                        "{path}: a {kind} block is not JSON (a payload broke out of it?)"
                    ));
                }
            } else if body.contains("alert(") {
                problems.push(format!("{path}: a <script> runs a payload: {body}"));
            }
        }
        if tag == "title" && select_children_count(element) > 0 {
            problems.push(format!("{path}: <title> holds elements"));
        }
    }
    problems
}

fn select_children_count(element: ElementRef) -> usize {
    element.children().filter_map(ElementRef::wrap).count()
}

/// Everything a reader (or a crawler) gets from a page: its text and attribute values.
fn visible(page: &Html) -> String {
    let mut out = String::new();
    for element in page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        for (_, value) in element.value().attrs() {
            out.push_str(value);
            out.push('\n');
        }
    }
    for text in page.root_element().text() {
        out.push_str(text);
    }
    out
}

/// Plain-text formats: shown as text, never parsed as markup by a browser.
const PLAIN_TEXT: [&str; 5] = ["txt", "bib", "ris", "enw", "cff"];

#[test]
fn payloads_never_become_markup_or_script_in_any_file() {
    let site = hostile_site();
    let files = tree(&site.root.join("site"));
    let mut problems = Vec::new();
    let mut seen = String::new();
    for (path, bytes) in &files {
        let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
        let name = path.rsplit('/').next().unwrap_or(path);
        if name.starts_with('.') && !name[1..].contains('.') {
            continue; // .nojekyll and the like: markers, no content
        }
        let text = String::from_utf8_lossy(bytes);
        match extension {
            "html" | "htm" => {
                let page = Html::parse_document(&text);
                problems.extend(html_problems(path, &page));
                seen.push_str(&visible(&page));
            }
            "json" | "jsonld" => {
                if serde_json::from_str::<serde_json::Value>(&text).is_err() {
                    problems.push(format!("{path}: not JSON"));
                }
                seen.push_str(&text);
            }
            // The site's own static files (the icon is an SVG Warraq ships, markup by nature).
            "css" | "js" | "mjs" | "svg" if extension != "svg" || path.starts_with("assets/") => {
                if text.contains("alert(") {
                    problems.push(format!("{path}: a payload reached a static asset"));
                }
            }
            ext if PLAIN_TEXT.contains(&ext) => seen.push_str(&text),
            // XML (feeds, sitemaps), SVG and anything not known yet: markup. Escaped text
            // (`&lt;img …`) is fine, except inside Atom's `type="html"` content, which
            // readers unescape once and render as HTML.
            _ => {
                let lower = text.to_ascii_lowercase();
                let html_content = lower.contains("type=\"html\"") || lower.contains("type='html'");
                for tag in ["script", "img", "svg", "iframe"] {
                    if lower.contains(&format!("<{tag}")) {
                        problems.push(format!("{path}: `<{tag}` appears unescaped"));
                    }
                    if html_content && lower.contains(&format!("&lt;{tag}")) {
                        problems.push(format!(
                            "{path}: `<{tag}` in HTML content, escaped only once"
                        ));
                    }
                }
                seen.push_str(&text);
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The crawler files exist with a base URL; they were scanned like everything else.
    for file in ["feed.xml", "sitemap.xml", "anchors.json", "pinned/cite.bib"] {
        assert!(files.contains_key(file), "no {file}: {:?}", files.keys());
    }

    // The payloads were published as text, not dropped: the scan above looked at them.
    let places = [
        "site-title",
        "site-title-en",
        "home-text",
        "title",
        "title_en",
        "author",
        "author_en",
        "date_text",
        "publisher",
        "publisher_en",
        "place",
        "place_en",
        "abstract-ar",
        "abstract-en",
        "section",
        "editorial-note",
        "repair-from",
        "repair-to",
        "repair-note",
        "heading",
        "paragraph",
        "code",
        "cell",
        "footnote",
        "footnote-2",
        "link-title",
        "image-title",
    ];
    for slug in ["pinned", "computed", "named"] {
        for place in places {
            let tag = if place.starts_with("site-") || place == "home-text" {
                format!("[{place}]")
            } else {
                format!("[{slug}:{place}]")
            };
            let whole = payload(&tag[1..tag.len() - 1]);
            assert!(
                seen.contains(&whole),
                "the payload `{tag}` is not on any page as text"
            );
        }
    }
    // The pinned document shows its abstract in aligned rows: the payload went through them.
    let page = site.page("pinned/index.html");
    let rows = select(&page, ".abstract-row");
    assert_eq!(rows.len(), 2);
    assert!(
        rows[0]
            .text()
            .collect::<String>()
            .contains("[pinned:abstract-ar]")
    );
    // Template syntax in content stayed text (`{{ 7*7 }}` is part of every payload found).
}

/// Raw HTML is escaped unless the site allows it; then it passes, and script links are still
/// refused.
#[test]
fn raw_html_only_with_the_site_setting() {
    let site = Site::new(&["settings-only"]);
    site.write(
        "content/raw.md",
        "---\nslug: raw\ntitle: t\ntitle_en: T\ndate: 2022\n---\n<aside class=\"box\">مربع</aside>\n\nنص <kbd>x</kbd>.\n",
    );
    site.build_clean();
    let page = site.page("raw/index.html");
    assert!(select(&page, "aside.box").is_empty());
    assert!(select(&page, "kbd").is_empty());
    let shown: String = page.root_element().text().collect();
    assert!(
        shown.contains("<aside class=\"box\">مربع</aside>"),
        "{shown}"
    );

    let settings = fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    site.write(
        "content/_index.md",
        settings.replacen("---\n", "---\nallow_raw_html: true\n", 1),
    );
    site.build_clean();
    let page = site.page("raw/index.html");
    assert_eq!(select(&page, "aside.box").len(), 1);
    assert_eq!(select(&page, "kbd").len(), 1);

    site.write(
        "content/link.md",
        "---\nslug: link\ntitle: t\ntitle_en: T\ndate: 2022\n---\n[x](javascript:alert(1))\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with(
            "content/link.md:7:1: error: link: links with `javascript:` URLs are not allowed"
        ),
        "{}",
        run.stderr
    );
}

/// The scan itself finds injected markup: it is run on pages that carry some.
#[test]
fn the_scan_finds_what_it_looks_for() {
    let bad = [
        "<p><img src=x onerror=alert(1)></p>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<script>alert(2)</script>",
        "<script type=\"application/ld+json\">{\"name\": \"</script>\"}</script>",
        "<svg onload=alert(3)></svg>",
    ];
    for html in bad {
        let page = Html::parse_document(html);
        assert!(!html_problems("t.html", &page).is_empty(), "{html}");
    }
    let good = Html::parse_document(
        "<p>&lt;img src=x onerror=alert(1)&gt;</p><script type=\"application/ld+json\">{\"name\": \"<\\/script>\"}</script>",
    );
    assert!(html_problems("t.html", &good).is_empty());
}
