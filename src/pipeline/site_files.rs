//! Site files stage: what a site holds besides its pages (`.nojekyll`, the template assets,
//! the crawler files when the site has a public address, `CNAME`), and `anchors.json`, the
//! index of every public page's addresses, gathered from the other stages' outputs.

use super::document::DocumentOutput;
use crate::anchors;
use crate::content::schema::{Meta, SiteConfig};
use crate::error::Error;
use crate::links;
use crate::output::sink::Sink;
use crate::publish;
use crate::render::Renderer;

/// The files of a site that are not pages, put in `sink`, each with its link summary.
pub(crate) fn site_files(
    config: &SiteConfig,
    renderer: &Renderer,
    documents: &[&Meta],
    listings: &anchors::Index,
    sink: &Sink,
) -> Result<Vec<(String, links::Summary)>, Error> {
    let mut files = Vec::new();
    let mut put = |path: String, bytes: &[u8]| -> Result<(), Error> {
        files.push((path.clone(), links::Summary::of(&path, bytes)));
        sink.put(&path, bytes)
    };
    put(".nojekyll".to_string(), b"")?;
    for (name, bytes) in &renderer.assets {
        if name == "search.js" && !config.search {
            continue;
        }
        put(format!("assets/{name}"), bytes)?;
    }
    if let Some(base) = config.base_url.as_deref() {
        let lists: Vec<&str> = listings.pages.keys().map(String::as_str).collect();
        for (name, text) in publish::crawler_files(base, config, documents, &lists) {
            put(name.to_string(), text.as_bytes())?;
        }
    }
    if let Some(domain) = &config.cname {
        put("CNAME".to_string(), format!("{domain}\n").as_bytes())?;
    }
    Ok(files)
}

/// Every public page of the site and its fragments: the documents' pages, then the
/// listings' (a later page of the same URL wins) with the old addresses the site keeps. `serve` keeps the documents' outputs between
/// edits, so their pages are copied, not taken.
pub(crate) fn anchor_index(
    documents: &[&DocumentOutput],
    listings: anchors::Index,
) -> anchors::Index {
    let mut index = anchors::Index::default();
    for output in documents {
        let pages = output.anchors.pages.iter();
        index
            .pages
            .extend(pages.map(|(url, page)| (url.clone(), page.clone())));
    }
    index.extend(listings);
    index
}
