//! Load stage: find the content files, split and validate their front matter.
//!
//! `discover` walks the folder, `split` separates front matter from Markdown, `front_matter`
//! parses YAML (the only user of serde_yaml), `schema` validates it into typed fields, and
//! `document` puts the steps together for one file, and `indexed` keeps a
//! document's front matter without its text between the build's two passes, with what `words`
//! counted of its body for the reading time. Markdown bodies are not parsed here.

pub(crate) mod archive;
pub(crate) mod discover;
pub mod document;
pub(crate) mod front_matter;
pub mod indexed;
pub(crate) mod raw;
pub(crate) mod schema;
pub mod split;
pub(crate) mod words;
pub(crate) mod yaml_path;
