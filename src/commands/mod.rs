//! Commands beside the build: each reads what it needs, calls a pure module, and prints.
//!
//! `verify` checks converted documents against their raw sources; `align` shows how an
//! abstract's sentences pair up. Both return the process exit code.

pub mod align;
pub mod verify;
