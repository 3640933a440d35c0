//! One writer at a time per output folder (issue 21): builds started at once into the same
//! folder take turns instead of removing each other's staging folder.

use std::fs::{self, OpenOptions};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::parallel::many_documents;
use crate::util::{Site, tree};

/// Rounds of two builds started together.
const ROUNDS: usize = 4;

/// `warraq build --full` in `site`'s folder, with its standard error piped.
fn spawn_build(site: &Site) -> Child {
    Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["build", "--full"])
        .current_dir(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits for `child` and returns its exit code and standard error.
fn finish(mut child: Child) -> (i32, String) {
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    (status.code().expect("exited, not killed"), stderr)
}

#[test]
fn two_builds_at_once_into_one_folder_both_succeed() {
    // Regression: each build removed the other's `.site.tmp-<pid>` as a killed build's
    // leftover, and one of them failed with `cannot remove …: No such file or directory`.
    // With 16 documents, builds started together overlapped in every round of a run without
    // the lock.
    let site = many_documents();
    let single = site.run(&["build", "--out", "single"]);
    assert_eq!(single.code, 0, "{}", single.stderr);
    let expected = tree(&site.root.join("single"));
    assert!(expected.len() > 10, "{} files", expected.len());
    for round in 0..ROUNDS {
        let (first, second) = (spawn_build(&site), spawn_build(&site));
        for (code, stderr) in [finish(first), finish(second)] {
            assert_eq!(code, 0, "round {round}: {stderr}");
            assert!(
                !stderr.contains("error:") && !stderr.contains("cannot"),
                "round {round}: {stderr}"
            );
        }
        assert!(
            tree(&site.root.join("site")) == expected,
            "round {round}: site/ differs from a single build"
        );
    }
    assert!(site.root.join(".site.warraq-lock").is_file());
    assert!(
        !tree(&site.root.join("site"))
            .keys()
            .any(|p| p.contains("warraq-lock"))
    );
}

#[test]
fn a_build_waits_for_the_holder_of_the_lock_and_says_so() {
    let site = Site::new(&["valid"]);
    // This test holds the lock, as a build would, with its own process id in the file.
    let lock_path = site.root.join(".site.warraq-lock");
    let mut held = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&lock_path)
        .unwrap();
    held.lock().unwrap();
    writeln!(held, "{} build", std::process::id()).unwrap();

    let mut child = spawn_build(&site);
    let (send, lines) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = send.send(line);
        }
    });
    let first = lines
        .recv_timeout(Duration::from_secs(120))
        .expect("the waiting build says so");
    // `build` run in the site folder names its output `./site`.
    let expected = format!(
        "warraq: waiting for another build of ./site (process {}) to finish",
        std::process::id()
    );
    assert_eq!(first, expected);
    assert!(
        !site.root.join("site").exists(),
        "nothing is written while another holds the lock"
    );

    drop(held);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<String> = lines.try_iter().collect();
    assert_eq!(status.code(), Some(0), "{rest:?}");
    assert!(
        rest.iter().any(|l| l.contains("built 2 document(s)")),
        "{rest:?}"
    );
    assert!(site.root.join("site/index.html").is_file());
    assert_eq!(
        fs::read_to_string(&lock_path).unwrap(),
        "",
        "released and emptied"
    );
}
