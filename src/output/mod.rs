//! Write stage: minify pages, put the site in place atomically, record what was built, and
//! keep a second writer of the same folder waiting.

pub mod lock;
pub mod minify;
pub mod record;
pub mod write;
