//! `warraq serve` over loopback: it serves the preview, rebuilds after an edit, refuses paths
//! that leave the site, and serves under a path prefix.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::util::Site;

/// A running `serve`, stopped on drop.
struct Server {
    child: Child,
    address: String,
    log: mpsc::Receiver<String>,
    /// Lines read while waiting for others.
    passed: Vec<String>,
}

impl Server {
    fn start(site: &Site, extra: &[&str]) -> Server {
        Server::start_with(site, extra, &[])
    }

    /// As [`Server::start`], with variables `env` set.
    fn start_with(site: &Site, extra: &[&str], env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_warraq"))
            .args(["serve", "--port", "0", "--out", "preview"])
            .args(extra)
            .envs(env.iter().copied())
            .current_dir(&site.root)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let (send, log) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        let mut server = Server {
            child,
            address: String::new(),
            log,
            passed: Vec::new(),
        };
        let line = server.wait_for_line("serving");
        let start = line.find("http://127.0.0.1:").expect("an address") + "http://".len();
        let end = start + line[start..].find('/').unwrap();
        server.address = line[start..end].to_string();
        server
    }

    /// The next stderr line containing `needle` (generous timeout: the machine may be busy).
    fn wait_for_line(&mut self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(120);
        while Instant::now() < deadline {
            match self.log.recv_timeout(Duration::from_secs(1)) {
                Ok(line) if line.contains(needle) => return line,
                Ok(line) => self.passed.push(line),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => break,
            }
        }
        panic!("serve never printed `{needle}`");
    }

    /// Sends a raw request line and returns (status line, headers and body as text).
    fn get(&self, target: &str) -> (String, String) {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: localhost\r\n\r\n").unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.lines().next().unwrap_or_default().to_string();
        (status, response)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serve_rebuilds_after_an_edit_and_guards_its_folder() {
    let site = Site::new(&["valid"]);
    let mut server = Server::start(&site, &["--base-path", "/repo/"]);
    // Watched with the system's notices: no fallback to polling was announced.
    assert!(
        !server.passed.iter().any(|l| l.contains("every 50 ms")),
        "{:?}",
        server.passed
    );

    let (status, page) = server.get("/repo/arabic-paper/");
    assert_eq!(status, "HTTP/1.1 200 OK", "{page}");
    assert!(page.contains("ورقة عربية للاختبار"), "{page}");
    assert!(
        page.contains("/__warraq/status"),
        "no reload script: {page}"
    );
    // The preview is not the site: `build` output never carries the reload script.
    assert!(!site.root.join("site").exists());

    // Under the prefix only: the root redirects there, other paths are not found.
    let (status, head) = server.get("/");
    assert!(status.contains("301"), "{head}");
    assert!(head.contains("Location: /repo/"), "{head}");
    assert!(server.get("/arabic-paper/").0.contains("404"));
    assert!(server.get("/repo/arabic-paper").0.contains("301"));
    assert!(server.get("/repo/assets/style.css").1.contains("text/css"));

    // Paths that leave the preview folder are refused before the file system is read.
    for target in [
        "/../",
        "/repo/../content/_index.md",
        "/repo/%2e%2e/%2e%2e/etc/passwd",
    ] {
        let (status, response) = server.get(target);
        assert!(status.contains("400"), "{target}: {response}");
    }

    // An edit shows up in the served page.
    let path = site.root.join("content/arabic-paper.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("فقرة أولى", "فقرة معدلة")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let (_, page) = server.get("/repo/arabic-paper/");
        if page.contains("فقرة معدلة") {
            break;
        }
        assert!(Instant::now() < deadline, "the edit never reached the page");
        std::thread::sleep(Duration::from_millis(50));
    }
    server.wait_for_line("incremental rebuild");

    // An error is printed with its position, and the last good page keeps being served.
    std::fs::write(&path, text.replace("فقرة أولى", "فقرة[^nowhere]")).unwrap();
    let line = server.wait_for_line("[^nowhere]");
    assert!(line.contains("arabic-paper.md:"), "{line}");
    server.wait_for_line("the previous preview is still served");
    assert!(server.get("/repo/arabic-paper/").1.contains("فقرة معدلة"));
}

#[test]
fn one_serve_per_preview_folder_and_a_build_into_it_waits() {
    let site = Site::new(&["valid"]);
    let server = Server::start(&site, &[]);
    let pid = server.child.id();

    // A second preview into the same folder stops at once, naming the first.
    let second = site.run(&["serve", "--port", "0", "--out", "preview"]);
    assert_eq!(second.code, 2, "{}", second.stderr);
    assert_eq!(
        second.stderr,
        format!(
            "warraq: error: preview is the preview folder of another `warraq serve` (process \
             {pid}); stop that one, or give this one another --out\n"
        )
    );

    // A build into it waits until the preview stops.
    let mut build = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(["build", "--out", "preview"])
        .current_dir(&site.root)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(build.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert_eq!(
        first,
        format!(
            "warraq: waiting for `warraq serve` (process {pid}), which previews into preview, to \
             stop\n"
        )
    );
    drop(server);
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(build.wait().unwrap().code(), Some(0), "{rest}");
    assert!(rest.contains("built 2 document(s)"), "{rest}");
    assert!(
        !std::fs::read_to_string(site.root.join("preview/index.html"))
            .unwrap()
            .contains("/__warraq/status"),
        "the build replaced the preview"
    );
}

#[test]
fn serve_polls_when_asked_and_still_rebuilds_after_an_edit() {
    let site = Site::new(&["valid"]);
    let mut server = Server::start_with(&site, &[], &[("WARRAQ_POLL", "1")]);
    assert!(
        server
            .passed
            .contains(&"warraq: WARRAQ_POLL is set: checking the sources every 50 ms".to_string()),
        "{:?}",
        server.passed
    );
    let path = site.root.join("content/arabic-paper.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("فقرة أولى", "فقرة معدلة")).unwrap();
    server.wait_for_line("incremental rebuild");
    assert!(server.get("/arabic-paper/").1.contains("فقرة معدلة"));
}

/// The body of a response (after the blank line ending its headers).
fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

#[test]
fn errors_reach_the_open_pages_until_fixed_and_a_removal_is_reported() {
    let site = Site::new(&["valid"]);
    let mut server = Server::start(&site, &[]);
    let (status, response) = server.get("/__warraq/status");
    assert_eq!(status, "HTTP/1.1 200 OK", "{response}");
    assert_eq!(body(&response), "1 0");
    assert_eq!(body(&server.get("/__warraq/errors/ar").1), "");

    // A broken edit: the pages learn that errors stand, and the overlay names the place, in
    // the language asked for, escaped.
    let path = site.root.join("content/arabic-paper.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("فقرة أولى", "فقرة[^<b>nowhere</b>]")).unwrap();
    server.wait_for_line("shown over its pages");
    assert_eq!(body(&server.get("/__warraq/status").1), "1 1");
    let overlay = server.get("/__warraq/errors/en").1;
    assert!(overlay.contains("role=\"alertdialog\""), "{overlay}");
    assert!(overlay.contains("The last edit did not build"), "{overlay}");
    assert!(
        overlay.contains("<code>content/arabic-paper.md:29:"),
        "{overlay}"
    );
    assert!(overlay.contains("&lt;b&gt;nowhere"), "{overlay}");
    assert!(!overlay.contains("<b>nowhere"), "{overlay}");
    assert!(
        server
            .get("/__warraq/errors/ar")
            .1
            .contains("تعذّر بناء آخر تعديل")
    );
    assert!(server.get("/__warraq/errors/fr").0.contains("404"));
    // The page itself is still the last good one, with the script that shows the overlay.
    let page = server.get("/arabic-paper/").1;
    assert!(page.contains("فقرة أولى") && page.contains("/__warraq/errors/"));

    // Fixed: a good build, and no error stands.
    std::fs::write(&path, &text).unwrap();
    let line = server.wait_for_line("incremental rebuild");
    assert!(line.ends_with("; no error remains"), "{line}");
    assert_eq!(body(&server.get("/__warraq/status").1), "2 0");
    assert_eq!(body(&server.get("/__warraq/errors/en").1), "");

    // A broken file removed: the terminal says so, and what the rebuild did.
    std::fs::write(&path, text.replace("فقرة أولى", "فقرة[^nowhere]")).unwrap();
    server.wait_for_line("shown over its pages");
    std::fs::remove_file(&path).unwrap();
    server.wait_for_line("warraq: removed content/arabic-paper.md");
    let line = server.wait_for_line("incremental rebuild");
    assert!(line.ends_with("; no error remains"), "{line}");
    assert_eq!(body(&server.get("/__warraq/status").1), "3 0");
    assert!(server.get("/arabic-paper/").0.contains("404"));
}
