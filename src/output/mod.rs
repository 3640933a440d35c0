//! Write stage: minify pages, put them where the build sends them ([`sink`]), put the site in
//! place atomically, and record what was built.

pub mod minify;
pub mod record;
pub mod sink;
pub mod write;
