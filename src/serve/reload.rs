//! Live reload for `serve`: the script added to preview pages, and the address it polls.
//!
//! Only `serve` builds pages with this script; `build` output never contains it.

/// The address the preview pages poll; it answers with the number of the last good build.
pub(crate) const VERSION_PATH: &str = "/__warraq/version";

/// Polls [`VERSION_PATH`] twice a second and reloads the page when the number changes.
pub const SCRIPT: &str = r#"<script>(function(){var seen=null;function poll(){fetch("/__warraq/version",{cache:"no-store"}).then(function(r){return r.text()}).then(function(v){if(seen===null){seen=v}else if(v!==seen){location.reload();return}setTimeout(poll,500)},function(){setTimeout(poll,1000)})}poll()})();</script>"#;
