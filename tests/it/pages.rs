//! GitHub Pages: the site served under a project path (`/repo/`) has no broken link or
//! fragment, `404.html` works at any depth, and crawler files exist only with a base URL.

use std::collections::{BTreeMap, BTreeSet};

use scraper::Html;

use crate::util::{Site, attr, one, select, tree};

const BASE: &str = "https://example.org/repo/";

/// Sets `base_url` in the site settings.
fn with_base_url(site: &Site, base: &str) {
    let path = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text.replacen("---\n", &format!("---\nbase_url: {base}\n"), 1);
    std::fs::write(path, text).unwrap();
}

/// Resolves `href` found on the page served at `url` (a path such as `/repo/a/`), the way a
/// browser does; `None` for links that leave the host.
fn resolve_url(url: &str, href: &str) -> Option<String> {
    if let Some(rest) = href.strip_prefix("https://example.org") {
        return Some(format!("SELF:{rest}"));
    }
    if href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    let (path, fragment) = href.split_once('#').map_or((href, ""), |(p, f)| (p, f));
    let joined = if path.is_empty() {
        url.to_string()
    } else if path.starts_with('/') {
        path.to_string()
    } else {
        format!("{}{path}", &url[..=url.rfind('/').unwrap()])
    };
    let mut parts: Vec<&str> = Vec::new();
    for part in joined.split('/').skip(1) {
        match part {
            "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if joined.ends_with("/.") || joined.ends_with("/..") {
        out.push('/');
    }
    Some(if fragment.is_empty() {
        out
    } else {
        format!("{out}#{fragment}")
    })
}

/// The file a URL under `/repo/` is served from.
fn file_for(url_path: &str) -> Option<String> {
    let inside = url_path.strip_prefix("/repo/")?;
    Some(if inside.is_empty() || inside.ends_with('/') {
        format!("{inside}index.html")
    } else {
        inside.to_string()
    })
}

/// Every link on every page, served under `/repo/`, resolved; returns the problems.
fn broken_links(site: &Site) -> (Vec<String>, usize) {
    let files = tree(&site.root.join("site"));
    let pages: BTreeMap<String, Html> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            (
                p.clone(),
                Html::parse_document(std::str::from_utf8(b).unwrap()),
            )
        })
        .collect();
    let ids: BTreeMap<&str, BTreeSet<&str>> = pages
        .iter()
        .map(|(p, html)| {
            (
                p.as_str(),
                select(html, "[id]")
                    .into_iter()
                    .map(|e| attr(e, "id"))
                    .collect(),
            )
        })
        .collect();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (path, html) in &pages {
        // GitHub Pages serves 404.html for any missing URL, at any depth.
        let urls = if path == "404.html" {
            vec![
                "/repo/missing".to_string(),
                "/repo/a/b/c/missing.html".to_string(),
            ]
        } else {
            vec![format!("/repo/{}", path.trim_end_matches("index.html"))]
        };
        for url in urls {
            for element in select(html, "[href], [src]") {
                let href = element
                    .value()
                    .attr("href")
                    .or(element.value().attr("src"))
                    .unwrap();
                let canonical = attr(element, "rel") == "canonical";
                let Some(target) = resolve_url(&url, href) else {
                    continue;
                };
                checked += 1;
                if let Some(fragment) = href.strip_prefix('#') {
                    // In-page links stay in the served document, whatever its URL.
                    if !ids[path.as_str()].contains(fragment) {
                        problems.push(format!("{url}: #{fragment} is not on the page"));
                    }
                    continue;
                }
                if let Some(own) = target.strip_prefix("SELF:") {
                    if !canonical {
                        problems.push(format!("{url}: absolute link to the site itself: {href}"));
                    } else if file_for(own).is_none_or(|f| !files.contains_key(&f)) {
                        problems.push(format!("{url}: canonical {href} is not a page"));
                    }
                    continue;
                }
                let (path_part, fragment) = target.split_once('#').unwrap_or((&target, ""));
                let Some(file) = file_for(path_part) else {
                    problems.push(format!("{url}: {href} leaves /repo/ ({target})"));
                    continue;
                };
                if !files.contains_key(&file) {
                    problems.push(format!("{url}: {href} → {file} does not exist"));
                } else if !fragment.is_empty()
                    && !ids.get(file.as_str()).is_some_and(|s| s.contains(fragment))
                {
                    problems.push(format!("{url}: {href} → #{fragment} is not in {file}"));
                }
            }
        }
    }
    (problems, checked)
}

#[test]
fn the_seed_site_under_a_project_path_has_no_broken_link() {
    let site = Site::project();
    with_base_url(&site, BASE);
    site.build_clean();
    let (problems, checked) = broken_links(&site);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 300, "{checked} links checked");
    // The 404 page links root-relatively, derived from the base URL, so it works at any depth.
    let page = site.page("404.html");
    assert_eq!(
        attr(one(&page, "link[rel=stylesheet]"), "href"),
        "/repo/assets/style.css"
    );
    assert!(
        select(&page, "style").is_empty(),
        "no inlined stylesheet needed"
    );
    assert_eq!(attr(one(&page, "meta[name=robots]"), "content"), "noindex");
}

#[test]
fn the_fixture_site_under_a_project_path_has_no_broken_link() {
    let site = Site::new(&["valid"]);
    with_base_url(&site, "https://example.org/repo");
    site.build_clean();
    let (problems, checked) = broken_links(&site);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(checked > 50, "{checked}");
}

#[test]
fn without_a_base_url_the_404_page_inlines_its_style_and_finds_the_root() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let page = site.page("404.html");
    let style = crate::util::text(one(&page, "head style"));
    let css = String::from_utf8(tree(&site.root.join("site"))["assets/style.css"].clone()).unwrap();
    assert!(
        style.contains(".permalink"),
        "the whole stylesheet is inlined"
    );
    assert!(css.len() > 100);
    let script = crate::util::text(one(&page, "head script:not([src]):not([type])"));
    assert!(script.contains("assets/style.css") && script.contains("location.pathname"));
    // Without JavaScript, links go to the host's root (right for user pages and custom domains).
    let hrefs: Vec<&str> = select(&page, "main a")
        .into_iter()
        .map(|a| attr(a, "href"))
        .collect();
    assert_eq!(hrefs, ["/", "/en/"]);
    // No crawler files without a base URL.
    let files = tree(&site.root.join("site"));
    for name in ["sitemap.xml", "robots.txt", "feed.xml", "CNAME"] {
        assert!(!files.contains_key(name), "{name}");
    }
}

#[test]
fn crawler_files_and_cname_with_a_base_url() {
    let site = Site::new(&["valid"]);
    with_base_url(&site, BASE);
    let index = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        text.replacen("---\n", "---\ncname: papers.example.org\n", 1),
    )
    .unwrap();
    site.build_clean();
    let files = tree(&site.root.join("site"));
    let text = |name: &str| String::from_utf8(files[name].clone()).unwrap();
    assert_eq!(text("CNAME"), "papers.example.org\n");
    assert_eq!(
        text("robots.txt"),
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/repo/sitemap.xml\n"
    );
    let sitemap = text("sitemap.xml");
    for loc in [
        "https://example.org/repo/",
        "https://example.org/repo/en/",
        "https://example.org/repo/arabic-paper/",
        "https://example.org/repo/english-paper/",
    ] {
        assert!(sitemap.contains(&format!("<loc>{loc}</loc>")), "{loc}");
    }
    assert!(
        sitemap.contains(
            "<loc>https://example.org/repo/arabic-paper/</loc><lastmod>2022-02</lastmod>"
        )
    );
    let feed = text("feed.xml");
    assert!(
        feed.contains("<updated>2022-02-01T00:00:00Z</updated>"),
        "{feed}"
    );
    assert!(feed.contains("<id>https://example.org/repo/arabic-paper/</id>"));
    assert!(!feed.contains("T00:00:00Z</updated>\n  <updated>"));
    // The feed is linked from the pages, relatively.
    let home = site.page("index.html");
    assert_eq!(
        attr(one(&home, "link[type='application/atom+xml']"), "href"),
        "feed.xml"
    );
    let doc = site.page("arabic-paper/index.html");
    assert_eq!(
        attr(one(&doc, "link[type='application/atom+xml']"), "href"),
        "../feed.xml"
    );
    // Rebuilding gives the same bytes: dates come from content, not the clock.
    let first = files.clone();
    site.build_clean();
    assert_eq!(first, tree(&site.root.join("site")));
}

#[test]
fn a_bad_cname_is_an_error_at_its_line() {
    let site = Site::new(&["valid"]);
    let index = site.root.join("content/_index.md");
    let text = std::fs::read_to_string(&index).unwrap();
    std::fs::write(
        &index,
        text.replacen("---\n", "---\ncname: https://example.org/x\n", 1),
    )
    .unwrap();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.starts_with("content/_index.md:2:8: error: cname: `https://example.org/x` is not a bare domain: leave out the scheme, port and path\n  hint: write the bare domain GitHub Pages should serve, e.g. `cname: papers.example.org`"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_a_broken_link_in_the_content() {
    let site = Site::new(&["valid"]);
    site.write(
        "content/links.md",
        "---\nslug: links\ntitle: روابط\ntitle_en: Links\ndate: 2020\n---\n\n[أ](../arabic-paper/#nowhere) [ب](#missing) [ج](../arabic-paper/#introduction)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.error_lines();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    // An in-page link is reported once, where it was written; a link to another page too,
    // once the site's check has found it broken.
    assert_eq!(
        errors,
        [
            "content/links.md:8:1: error: link: href=\"../arabic-paper/#nowhere\": `arabic-paper/index.html` has no element with the id `nowhere`",
            "content/links.md:8:31: error: link: the link `#missing` leads to no id on this page",
        ]
    );
    assert!(!run.stderr.contains("warning: link"), "{}", run.stderr);
}

#[test]
fn a_broken_in_page_link_in_arabic_is_reported_once_where_it_was_written() {
    let site = Site::new(&["valid"]);
    // The page holds the fragment percent-encoded (`#%D9%85…`); the author wrote it in Arabic,
    // or encoded.
    site.write(
        "content/links.md",
        "---\nslug: links\ntitle: روابط\ntitle_en: Links\ndate: 2020\n---\n\n[ب](#مفقود) [ج](#%D9%85%D9%81)\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let reports: Vec<&str> = (run.stderr.lines())
        .filter(|l| l.contains(": error: ") || l.contains(": warning: "))
        .collect();
    assert_eq!(
        reports,
        [
            "content/links.md:8:1: error: link: the link `#مفقود` leads to no id on this page",
            "content/links.md:8:13: error: link: the link `#مف` leads to no id on this page",
        ],
        "{}",
        run.stderr
    );
}

#[test]
fn a_broken_link_from_a_template_is_reported_at_its_page_beside_the_same_link_in_the_content() {
    let site = Site::new(&["valid"]);
    site.write(
        "content/links.md",
        "---\nslug: links\ntitle: روابط\ntitle_en: Links\ndate: 2020\n---\n\n[ب](#missing)\n",
    );
    // The English page of every document gets the same broken link from its template; its
    // page (`en/links/`) comes before the document's own (`links/`) in the check.
    let template = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/document-en.html"),
    )
    .unwrap();
    site.write(
        "templates/document-en.html",
        template.replace(
            "{% block main %}",
            "{% block main %}<a href=\"#missing\">x</a>",
        ),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors: Vec<&str> = (run.stderr.lines())
        .filter(|l| l.contains(": error: ") && l.contains("missing"))
        .collect();
    // The author's link once, at the source; the template's at each English page, the
    // document's own included.
    assert!(
        errors.contains(
            &"content/links.md:8:1: error: link: the link `#missing` leads to no id on this page"
        ),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("site/en/links/index.html:1:")),
        "{errors:#?}"
    );
    assert!(
        !errors
            .iter()
            .any(|e| e.starts_with("site/links/index.html")),
        "{errors:#?}"
    );
}
