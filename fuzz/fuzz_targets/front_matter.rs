//! Fuzz target: see `check_front_matter` in `fuzz/checks.rs` for what every input must satisfy.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::check_front_matter(data));
