//! Load stage: find the content files, split and validate their front matter.
//!
//! `discover` walks the folder, `split` separates front matter from Markdown, `front_matter`
//! parses YAML (the only user of serde_yaml), `schema` validates it into typed fields, and
//! `document` puts the steps together for one file, and `indexed` keeps a
//! document's front matter without its text between the build's two passes. Markdown bodies are left untouched here.

pub mod discover;
pub mod document;
pub mod front_matter;
pub mod indexed;
pub mod raw;
pub mod schema;
pub mod split;
pub mod yaml_path;
