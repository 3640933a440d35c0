//! Live reload for `serve`: the script added to preview pages, and the address it polls.
//!
//! Only `serve` builds pages with this script; `build` output never contains it.

/// The address the preview pages poll; it answers with the number of the last good build.
pub const VERSION_PATH: &str = "/__warraq/version";

/// Polls [`VERSION_PATH`] twice a second and reloads the page when the number changes.
const SCRIPT: &str = r#"<script>(function(){var seen=null;function poll(){fetch("/__warraq/version",{cache:"no-store"}).then(function(r){return r.text()}).then(function(v){if(seen===null){seen=v}else if(v!==seen){location.reload();return}setTimeout(poll,500)},function(){setTimeout(poll,1000)})}poll()})();</script>"#;

/// Adds the reload script just before the page's last `</body>` (or at its end).
pub fn inject(html: &mut Vec<u8>) {
    match memchr::memmem::rfind(html, b"</body>") {
        Some(at) => {
            html.splice(at..at, SCRIPT.bytes());
        }
        None => html.extend_from_slice(SCRIPT.as_bytes()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_goes_before_the_end_of_the_body() {
        let mut html = b"<html><body><p>x</p></body></html>".to_vec();
        inject(&mut html);
        let html = String::from_utf8(html).unwrap();
        assert!(html.starts_with("<html><body><p>x</p><script>"), "{html}");
        assert!(html.ends_with("</script></body></html>"), "{html}");
        assert!(html.contains(VERSION_PATH));
    }
}
