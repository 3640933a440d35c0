//! `docs/theming.md` against the code: every variable a template can read is documented, and
//! nothing documented is missing from what the templates get.
//!
//! The variables are not listed by hand here: the seed site is built with page templates
//! that walk Tera's whole context (`__tera_context`) and print every path through it (`a.b`
//! for a map's key, `a[].b` for a key of a list's items). A field added to a context struct
//! therefore fails this test until the document names it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::util::{Site, select, text, tree};

/// The templates that render whole pages: each gets the context of its pages.
const PAGE_TEMPLATES: [&str; 7] = [
    "index.html",
    "document.html",
    "document-en.html",
    "404.html",
    "search.html",
    "list.html",
    "index-of.html",
];

/// Deep enough for the deepest path (`doc.cite.sections[].ar.url`).
const DEPTH: usize = 6;

/// A Tera fragment printing, as `<p>` elements, the path of every key under `value` (an
/// expression), whose own path is `path` (an expression; `None` at the top).
fn walk(value: &str, path: Option<&str>, depth: usize) -> String {
    if depth == DEPTH {
        return String::new();
    }
    let (key, item, here, element) = (
        format!("k{depth}"),
        format!("v{depth}"),
        format!("p{depth}"),
        format!("e{depth}"),
    );
    let of_map = match path {
        None => key.clone(),
        Some(path) => format!("{path} ~ \".\" ~ {key}"),
    };
    let mut out = format!(
        "{{% if {value} is map %}}{{% for {key}, {item} in {value} %}}{{% set {here} = {of_map} %}}\
         <p>{{{{ {here} }}}}</p>{}{{% endfor %}}",
        walk(&item, Some(&here), depth + 1)
    );
    if let Some(path) = path {
        // The keys of a list's items that are maps.
        let inner = format!("{path} ~ \"[]\"");
        out.push_str(&format!(
            "{{% elif {value} is array %}}{{% for {element} in {value} %}}{{% if {element} is map %}}\
             {{% for {key}, {item} in {element} %}}{{% set {here} = {inner} ~ \".\" ~ {key} %}}\
             <p>{{{{ {here} }}}}</p>{}{{% endfor %}}{{% endif %}}{{% endfor %}}",
            walk(&item, Some(&here), depth + 1)
        ));
    }
    out.push_str("{% endif %}");
    out
}

/// Every path through the contexts the page templates get, on the seed site, but into the
/// interface words (`page.t.*`: the keys of `src/i18n/strings.yaml`) and into the nested
/// contents (`doc.toc[].children[]`, shaped like `doc.toc[]`).
fn context_paths() -> BTreeSet<String> {
    let site = Site::project();
    let dump = format!(
        "<!DOCTYPE html><html lang=\"en\"><title>context</title><body>{}</body></html>",
        walk("__tera_context", None, 0)
    );
    for name in PAGE_TEMPLATES {
        site.write(&format!("templates/{name}"), &dump);
    }
    let outcome = site.build_into("site");
    assert!(outcome.written, "{:#?}", outcome.diagnostics);
    let pages: Vec<String> = tree(&site.root.join("site"))
        .into_keys()
        .filter(|path| path.ends_with(".html"))
        .collect();
    assert!(pages.len() > 8, "{pages:?}");
    let mut paths = BTreeSet::new();
    for page in pages {
        let html = site.page(&page);
        paths.extend(select(&html, "p").into_iter().map(text));
    }
    paths.retain(|path| {
        !["page.t.", "page.t_en.", "page.t_ar."]
            .iter()
            .any(|words| path.starts_with(words))
            && !path.contains(".children[].")
    });
    paths
}

/// The paths `docs/theming.md` documents: the first cell of the tables of its section
/// "What the templates can read", in backticks.
fn documented_paths() -> BTreeSet<String> {
    let doc =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/theming.md")).unwrap();
    let (_, section) = doc
        .split_once("\n## What the templates can read\n")
        .expect("the section is there");
    let section = section.split("\n## ").next().unwrap_or_default();
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(path, _)| path.to_string())
        .collect()
}

#[test]
fn every_template_variable_is_documented_and_every_documented_one_exists() {
    let seen = context_paths();
    let documented = documented_paths();
    for expected in [
        "page.lang",
        "page.t",
        "doc.cite.sections[].ar.url",
        "doc.toc[].children",
        "entries[].href",
    ] {
        assert!(seen.contains(expected), "{expected} not in {seen:#?}");
    }
    let undocumented: Vec<&String> = seen.difference(&documented).collect();
    assert!(
        undocumented.is_empty(),
        "docs/theming.md does not document {undocumented:#?}"
    );
    let stale: Vec<&String> = documented.difference(&seen).collect();
    assert!(
        stale.is_empty(),
        "docs/theming.md documents what no template gets: {stale:#?}"
    );
}

#[test]
fn every_page_links_the_icon_and_a_site_replaces_it() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    let built_in = fs::read(site.root.join("site/assets/favicon.svg")).unwrap();
    assert!(
        built_in.starts_with(b"<svg"),
        "the built-in icon is shipped"
    );
    for (path, html) in site.pages() {
        let icon = crate::util::one(&html, "link[rel=icon]");
        let depth = path.matches('/').count();
        let expected = match path.as_str() {
            // Root-relative, as every link of the page served at any depth.
            "404.html" => "/assets/favicon.svg".to_string(),
            _ => format!("{}assets/favicon.svg", "../".repeat(depth)),
        };
        assert_eq!(crate::util::attr(icon, "href"), expected, "{path}");
        assert_eq!(crate::util::attr(icon, "type"), "image/svg+xml", "{path}");
    }

    let own = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>own</title></svg>";
    site.write("templates/assets/favicon.svg", own);
    site.build_clean();
    assert_eq!(
        fs::read_to_string(site.root.join("site/assets/favicon.svg")).unwrap(),
        own
    );
}

#[test]
fn a_sites_extra_style_sheet_is_linked_after_the_built_in_one_only_when_there() {
    let site = Site::new(&["valid"]);
    site.build_clean();
    for (path, html) in site.pages() {
        let sheets = select(&html, "link[rel=stylesheet]");
        assert_eq!(sheets.len(), 1, "{path}");
    }
    assert!(!site.root.join("site/assets/extra.css").exists());

    site.write(
        "templates/assets/extra.css",
        ":root { --accent: #7a1f3d; }\n",
    );
    site.build_clean();
    assert_eq!(
        fs::read_to_string(site.root.join("site/assets/extra.css")).unwrap(),
        ":root { --accent: #7a1f3d; }\n"
    );
    for (path, html) in site.pages() {
        let hrefs: Vec<&str> = select(&html, "link[rel=stylesheet]")
            .into_iter()
            .map(|link| crate::util::attr(link, "href"))
            .collect();
        let root = match path.as_str() {
            "404.html" => "/".to_string(),
            _ => "../".repeat(path.matches('/').count()),
        };
        assert_eq!(
            hrefs,
            [
                format!("{root}assets/style.css"),
                format!("{root}assets/extra.css")
            ],
            "{path}"
        );
    }
}
