//! Live reload for `serve`: the script added to preview pages, the addresses it polls, and
//! the state they answer from ([`Status`]).
//!
//! The script asks [`STATUS_PATH`] twice a second for two numbers: the last good build, and
//! the rebuild whose errors stand (`0` when none do). A new good build reloads the page; new
//! errors fetch the overlay ([`super::overlay`]) from [`ERRORS_PATH`] in the page's language
//! and show it over the page, which keeps the last good build; when the errors are gone the
//! overlay goes (the good build that follows reloads the page anyway). Escape or the close
//! button dismisses it until the errors change.
//!
//! Only `serve` builds pages with this script; `build` output never contains it.

use std::sync::{Mutex, PoisonError};

use super::overlay::{self, Failure};
use crate::diagnostics::Diagnostic;
use crate::lang::Lang;

/// The address the preview pages poll: `<last good build> <failed rebuild or 0>`.
pub(crate) const STATUS_PATH: &str = "/__warraq/status";

/// The overlay's address; the page's language follows (`/__warraq/errors/ar`).
pub(crate) const ERRORS_PATH: &str = "/__warraq/errors/";

/// Polls [`STATUS_PATH`], reloads the page after a good build, and shows or hides the overlay.
pub const SCRIPT: &str = r#"<script>(function(){var seen=null,shown="0",box=null,before=null;
function hide(){if(!box)return;box.remove();box=null;if(before&&before.focus)before.focus();before=null}
function show(){var lang=/^en/i.test(document.documentElement.lang)?"en":"ar";fetch("/__warraq/errors/"+lang,{cache:"no-store"}).then(function(r){return r.text()}).then(function(html){if(box){box.remove();box=null}if(!html||shown==="0")return;var t=document.createElement("div");t.innerHTML=html;box=t.firstElementChild;if(!box)return;document.body.appendChild(box);box.querySelector(".close").addEventListener("click",hide);before=document.activeElement;box.focus()},function(){})}
document.addEventListener("keydown",function(e){if(e.key==="Escape"&&box){hide()}});
function poll(){fetch("/__warraq/status",{cache:"no-store"}).then(function(r){return r.text()}).then(function(s){var p=s.split(" ");if(seen===null){seen=p[0]}else if(p[0]!==seen){location.reload();return}var f=p[1]||"0";if(f!==shown){shown=f;if(f==="0"){hide()}else{show()}}setTimeout(poll,500)},function(){setTimeout(poll,1000)})}
poll()})();</script>"#;

/// What the preview pages learn by polling, shared by the rebuild loop and the server.
#[derive(Debug, Default)]
pub(crate) struct Status(Mutex<State>);

#[derive(Debug, Default)]
struct State {
    /// Number of the last good build.
    build: u64,
    /// Number of rebuilds that failed so far; the last one's failure while it stands.
    failures: u64,
    failure: Option<Failure>,
}

impl Status {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// A rebuild wrote the preview: pages reload, and no error stands.
    pub(crate) fn built(&self) {
        let mut state = self.state();
        state.build += 1;
        state.failure = None;
    }

    /// A rebuild failed: the pages show `failure` over the last good build.
    pub(crate) fn failed(&self, failure: Failure) {
        let mut state = self.state();
        state.failures += 1;
        state.failure = Some(failure);
    }

    /// A rebuild failed with these diagnostics, whose errors are shown.
    pub(crate) fn failed_with(&self, diagnostics: &[Diagnostic]) {
        let errors: Vec<Diagnostic> = (diagnostics.iter())
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        self.failed(Failure::Content(errors));
    }

    /// Whether errors stand.
    pub(crate) fn failing(&self) -> bool {
        self.state().failure.is_some()
    }

    /// The answer at [`STATUS_PATH`].
    pub(crate) fn poll(&self) -> String {
        let state = self.state();
        let failed = if state.failure.is_some() {
            state.failures
        } else {
            0
        };
        format!("{} {failed}", state.build)
    }

    /// The answer at [`ERRORS_PATH`] for a page in `lang`: the overlay, or nothing.
    pub(crate) fn overlay(&self, lang: Lang) -> String {
        let state = self.state();
        (state.failure.as_ref())
            .map(|failure| overlay::render(lang, failure))
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn errors_stand_until_a_good_build() {
        let status = Status::default();
        assert_eq!(status.poll(), "0 0");
        assert_eq!(status.overlay(Lang::Ar), "");
        status.built();
        assert_eq!(status.poll(), "1 0");

        let broken = Diagnostic::error(Path::new("content/a.md"), (3, 5), "bad <key>");
        let warning = Diagnostic::warning(Path::new("content/b.md"), (1, 1), "only a warning");
        status.failed_with(&[broken.clone(), warning]);
        assert_eq!(status.poll(), "1 1");
        assert!(status.failing());
        let shown = status.overlay(Lang::En);
        assert!(shown.contains("content/a.md:3:5"), "{shown}");
        assert!(shown.contains("bad &lt;key&gt;"), "{shown}");
        assert!(!shown.contains("only a warning"), "{shown}");

        // A second failure changes the number, so open pages fetch the overlay again.
        status.failed(Failure::Environment("template base.html: broken".into()));
        assert_eq!(status.poll(), "1 2");
        assert!(
            status
                .overlay(Lang::Ar)
                .contains("template base.html: broken")
        );

        status.built();
        assert_eq!(status.poll(), "2 0");
        assert!(!status.failing());
        assert_eq!(status.overlay(Lang::En), "");
    }

    #[test]
    fn the_script_asks_the_addresses_the_server_answers() {
        assert!(SCRIPT.contains(&format!("fetch(\"{STATUS_PATH}\"")));
        assert!(SCRIPT.contains(&format!("fetch(\"{ERRORS_PATH}\"+lang")));
        assert!(SCRIPT.contains(".querySelector(\".close\")"));
        // One script element, nothing after it: the sink adds it before `</body>`.
        assert_eq!(SCRIPT.matches("<script>").count(), 1);
        assert!(SCRIPT.ends_with("</script>"));
    }
}
