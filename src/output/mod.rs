//! Write stage: minify pages, put them where the build sends them ([`sink`]), put the site in
//! place atomically, and keep a second writer of the same folder
//! waiting ([`lock`]).

pub(crate) mod lock;
pub mod minify;
pub(crate) mod sink;
pub mod write;
