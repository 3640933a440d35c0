//! Crash safety: builds killed with SIGKILL at random moments never cost the reader a page.
//!
//! Each round changes the content, starts the real binary, kills it after a random delay
//! (seeded, so a failure can be replayed with `WARRAQ_KILL_SEED`), and then checks that
//! `site/` is there and complete: byte-identical to the site before the round, or, when the
//! kill came after the swap, to what a full build of the new content gives. The full build
//! that follows must also clean up whatever the killed one left behind (`.site.tmp-<pid>`).

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Site, names_in, tree};

/// Rounds of kill-and-check.
const ROUNDS: usize = 24;

/// A small seeded generator (xorshift64*): the kill delays are random but replayable.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n.max(1)
    }
}

/// The project's own site with extra copies of its documents, so a build takes a while.
fn slow_site() -> Site {
    let site = Site::project();
    let content = site.root.join("content");
    for name in [
        "azerbaijan-turkey-israel",
        "karabakh-2020-turkey-russia",
        "turkey-karabakh-2020",
    ] {
        let text = std::fs::read_to_string(content.join(format!("{name}.md"))).unwrap();
        for copy in 1..=3 {
            let text = text.replacen(
                &format!("slug: {name}\n"),
                &format!("slug: {name}-{copy}\n"),
                1,
            );
            assert!(text.contains(&format!("slug: {name}-{copy}\n")));
            site.write(&format!("content/{name}-{copy}.md"), text);
        }
    }
    site
}

/// Gives the site a new English title, so every page changes.
fn set_version(site: &Site, settings: &str, version: usize) {
    let text = settings.replacen(
        "\ntitle_en: ",
        &format!("\ntitle_en: (version {version}) "),
        1,
    );
    assert_ne!(text, settings, "the settings have a title_en line");
    site.write("content/_index.md", text);
}

/// A full build: the site's files, and how long it took in microseconds.
fn timed_build(site: &Site) -> (BTreeMap<String, Vec<u8>>, u64) {
    let started = Instant::now();
    let run = site.run(&["build"]);
    let took = started.elapsed().as_micros() as u64;
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        names_in(&site.root),
        ["content", "site", "templates"],
        "a full build leaves no temporary folder"
    );
    (tree(&site.root.join("site")), took)
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let site = slow_site();
    let settings = std::fs::read_to_string(site.root.join("content/_index.md")).unwrap();
    set_version(&site, &settings, 0);
    let (mut previous, mut span) = timed_build(&site);
    let seed = std::env::var("WARRAQ_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5EED_F1A5_u64);
    let mut rng = Rng(seed | 1);
    let (mut left_litter, mut after_swap) = (0, 0);
    for round in 1..=ROUNDS {
        set_version(&site, &settings, round);
        let mut child = Command::new(env!("CARGO_BIN_EXE_warraq"))
            .arg("build")
            .current_dir(&site.root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kills are spread over 0..1.3 times the last full build's duration.
        let delay = rng.below(span * 13 / 10);
        std::thread::sleep(Duration::from_micros(delay));
        child.kill().unwrap(); // SIGKILL on Unix; harmless if it already exited
        let status = child.wait().unwrap();
        assert_ne!(
            status.code(),
            Some(101),
            "round {round}: the build panicked"
        );

        let site_dir = site.root.join("site");
        assert!(
            site_dir.is_dir(),
            "round {round} (seed {seed}, kill after {delay} µs): site/ is missing"
        );
        let after_kill = tree(&site_dir);
        left_litter += usize::from(names_in(&site.root).len() > 3);
        let (next, took) = timed_build(&site);
        span = took;
        if after_kill != previous {
            assert!(
                after_kill == next,
                "round {round} (seed {seed}, kill after {delay} µs): site/ is neither the previous site nor the new one"
            );
            after_swap += 1;
        }
        assert_ne!(previous, next, "round {round}: the content change shows");
        previous = next;
    }
    eprintln!(
        "kill loop: {ROUNDS} rounds (seed {seed}): {left_litter} left temporary folders that the next build removed, {after_swap} ended after the swap"
    );
}
