//! Warraq publishes Arabic research papers as a bilingual static website.
//!
//! A site is a folder with `content/` (Markdown documents with YAML front matter, and
//! `_index.md` for site settings) and optionally `templates/`. The build is a pipeline you can
//! read in [`pipeline::build`]:
//!
//! 1. **load** ([`content`]): find files, split and validate front matter into typed [`content::schema::Meta`];
//! 2. **parse and transform** ([`markdown`]): one pulldown-cmark parse, then small event passes
//!    (raw HTML escaped, heading ids, footnotes with backlinks);
//! 3. **render** ([`render`]): typed contexts through Tera templates;
//! 4. **write** ([`output`]): each file into a staging folder as soon as it is made (pages come
//!    out of the compact templates already minified), then the new site swapped in atomically.
//!
//! `warraq serve` ([`serve`]) previews a site, rebuilding only what a change touches.
//!
//! Content problems are [`diagnostics::Diagnostic`]s with file, line and column, all
//! collected before anything is written; environment failures are [`error::Error`]s.

pub mod align;
pub mod anchors;
pub(crate) mod chars;
pub(crate) mod cite;
pub mod cli;
pub mod commands;
pub mod content;
pub mod diagnostics;
pub mod error;
pub mod fs;
pub(crate) mod hash;
pub(crate) mod i18n;
pub mod import;
pub mod lang;
pub mod links;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub(crate) mod publish;
pub mod render;
pub mod search;
pub mod serve;
pub(crate) mod source_map;
pub(crate) mod verify;
