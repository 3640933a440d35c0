//! Integration tests: fixture sites from `tests/fixtures/` built in temp folders, pages parsed.
//!
//! Each test copies its fixtures to a fresh temp folder, so tests run in parallel and never
//! write into the repository. Most drive the library; `cli` and the diagnostics tests run the
//! real binary to check what editors see on stderr and the exit code.

mod anchors;
mod archive;
mod bidi;
mod body_markup;
mod build;
mod cli;
mod crash;
mod editorial;
mod errors;
mod figures;
mod footnotes;
mod fuzz_regressions;
mod hostile;
mod import;
mod injection;
mod lock;
mod markdown;
mod minified;
mod model;
mod odd_inputs;
mod old_addresses;
mod pages;
mod parallel;
mod preview;
mod properties;
mod scholar;
mod search;
mod seeds;
mod serve;
mod theming;
mod up_to_date;
mod util;
mod verify;
