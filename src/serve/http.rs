//! A small static file server for the preview: GET and HEAD only, on loopback, one thread
//! per connection, every response closes its connection.
//!
//! A request path is percent-decoded and split into segments; `.` and `..` segments, back
//! slashes and NUL are refused before the file system is touched, and the file found must
//! still lie inside the site folder once symbolic links are resolved.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::reload::{ERRORS_PATH, SCRIPT, STATUS_PATH, Status};
use crate::lang::Lang;

/// What the server serves.
pub(crate) struct Served {
    /// The built site.
    pub(crate) dir: PathBuf,
    /// The path prefix the site is served under, starting and ending with `/`.
    pub(crate) base_path: String,
    /// The last good build and the errors standing, for live reload and the error overlay.
    pub(crate) status: Arc<Status>,
}

/// Answers requests on `listener` until the process ends.
pub(crate) fn serve(listener: TcpListener, served: Arc<Served>) {
    for stream in listener.incoming().flatten() {
        let served = Arc::clone(&served);
        std::thread::spawn(move || {
            let _ = answer(stream, &served);
        });
    }
}

struct Response {
    status: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Response {
    fn text(status: &'static str, body: &str) -> Response {
        Response {
            status,
            headers: vec![("Content-Type", "text/plain; charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    fn redirect(location: String) -> Response {
        Response {
            status: "301 Moved Permanently",
            headers: vec![("Location", location)],
            body: Vec::new(),
        }
    }
}

fn answer(stream: TcpStream, served: &Served) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers; nothing in them changes the answer.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let response = match method {
        "GET" | "HEAD" => respond(target, served),
        _ => Response::text("405 Method Not Allowed", "only GET and HEAD\n"),
    };
    let mut out = stream;
    let mut head = format!("HTTP/1.1 {}\r\n", response.status);
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        response.body.len()
    ));
    out.write_all(head.as_bytes())?;
    if method != "HEAD" {
        out.write_all(&response.body)?;
    }
    out.flush()
}

/// The answer to a GET of `target`.
fn respond(target: &str, served: &Served) -> Response {
    let path = target.split(['?', '#']).next().unwrap_or("");
    if path == STATUS_PATH {
        return Response::text("200 OK", &served.status.poll());
    }
    if let Some(code) = path.strip_prefix(ERRORS_PATH) {
        return match Lang::from_code(code) {
            Some(lang) => Response {
                status: "200 OK",
                headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
                body: served.status.overlay(lang).into_bytes(),
            },
            None => Response::text("404 Not Found", "no such language\n"),
        };
    }
    let Some(segments) = segments(path) else {
        return Response::text("400 Bad Request", "this path is not allowed\n");
    };
    let base = &served.base_path;
    let Some(inside) = path.strip_prefix(base.as_str()) else {
        if format!("{path}/") == *base || path == "/" {
            return Response::redirect(base.clone());
        }
        return not_found(served);
    };
    let skip = base.split('/').filter(|s| !s.is_empty()).count();
    let mut file = served.dir.clone();
    file.extend(segments.iter().skip(skip));
    if file.is_dir() {
        if !(inside.is_empty() || inside.ends_with('/')) {
            return Response::redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    match read_inside(&served.dir, &file) {
        Some(body) => Response {
            status: "200 OK",
            headers: vec![("Content-Type", content_type(&file).into())],
            body,
        },
        None => not_found(served),
    }
}

/// The decoded segments of a request path; `None` when one would leave the site folder.
fn segments(path: &str) -> Option<Vec<String>> {
    if !path.starts_with('/') {
        return None;
    }
    let decoded = String::from_utf8(percent_decode(path)?).ok()?;
    let mut out = Vec::new();
    for segment in decoded.split('/') {
        if segment == "." || segment == ".." || segment.contains(['\\', '\0']) {
            return None;
        }
        if !segment.is_empty() {
            out.push(segment.to_string());
        }
    }
    Some(out)
}

fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

/// The file's bytes, if it is a file inside `dir` (symbolic links resolved).
fn read_inside(dir: &Path, file: &Path) -> Option<Vec<u8>> {
    let dir = fs::canonicalize(dir).ok()?;
    let file = fs::canonicalize(file).ok()?;
    if !file.starts_with(&dir) || !file.is_file() {
        return None;
    }
    fs::read(file).ok()
}

/// The site's `404.html`; before any build has written one (the first build failed), a bare
/// page with the live-reload script, so that the error overlay shows there too.
fn not_found(served: &Served) -> Response {
    let body = fs::read(served.dir.join("404.html")).unwrap_or_else(|_| {
        format!(
            "<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>Not found</title>\
             <body><p>Nothing has been built here yet.</p>{SCRIPT}</body></html>"
        )
        .into_bytes()
    });
    Response {
        status: "404 Not Found",
        headers: vec![("Content-Type", "text/html; charset=utf-8".into())],
        body,
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        // A paper's own files (its bundle).
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "pdf" => "application/pdf",
        "csv" => "text/csv; charset=utf-8",
        "woff2" => "font/woff2",
        "bib" => "application/x-bibtex; charset=utf-8",
        "ris" => "application/x-research-info-systems; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_errors_and_the_status_are_answered_and_a_miss_before_any_build_has_the_script() {
        let served = Served {
            dir: std::env::temp_dir().join("warraq-http-test-no-such-folder"),
            base_path: "/".into(),
            status: Arc::new(Status::default()),
        };
        assert_eq!(respond(STATUS_PATH, &served).body, b"0 0");
        assert_eq!(respond("/__warraq/errors/en", &served).body, b"");
        assert_eq!(
            respond("/__warraq/errors/xx", &served).status,
            "404 Not Found"
        );
        served
            .status
            .failed(super::super::overlay::Failure::Environment(
                "template base.html: broken".into(),
            ));
        let overlay = String::from_utf8(respond("/__warraq/errors/ar", &served).body).unwrap();
        assert!(overlay.contains("lang=\"ar\""), "{overlay}");
        // No 404.html yet (the first build failed): the page carries the live-reload script,
        // which shows the overlay and reloads once a build succeeds.
        let miss = respond("/any/page/", &served);
        assert_eq!(miss.status, "404 Not Found");
        assert!(String::from_utf8(miss.body).unwrap().contains(SCRIPT));
    }

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../x",
            "/a/../../x",
            "/%2e%2e/x",
            "/a%2F..%2F..%2Fx",
            "/a\\b",
            "/%00",
            "x",
            "/%zz",
        ] {
            assert_eq!(segments(bad), None, "{bad}");
        }
        assert_eq!(
            segments("/repo/a%20b/index.html"),
            Some(vec!["repo".into(), "a b".into(), "index.html".into()])
        );
    }
}
