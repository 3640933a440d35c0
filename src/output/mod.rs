//! Write stage: minify pages, put them where the build sends them ([`sink`]), put the site in
//! place atomically, and keep a second writer of the same folder
//! waiting ([`lock`]).

pub mod lock;
pub mod minify;
pub mod sink;
pub mod write;
