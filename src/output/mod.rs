//! Write stage: minify pages and put the site in place atomically.

pub mod minify;
pub mod write;
