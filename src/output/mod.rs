//! Write stage: minify pages, put the site in place atomically, and record what was built.

pub mod minify;
pub mod record;
pub mod write;
