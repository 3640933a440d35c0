//! Shared helpers: fixture sites in fresh temp folders, builds, the binary, parsed pages.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use scraper::{ElementRef, Html, Selector};
use warraq::pipeline::{self, Options, Outcome};

/// A copy of one or more fixture sites in a fresh temp folder, removed on drop.
pub struct Site {
    pub root: PathBuf,
}

impl Site {
    /// Copies `tests/fixtures/<name>/` for each name in turn (later ones add or replace files).
    pub fn new(fixtures: &[&str]) -> Site {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let root = std::env::temp_dir().join(format!(
            "warraq-it-{}-{n}-{}",
            std::process::id(),
            fixtures.join("+")
        ));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(&root).unwrap();
        let site = Site { root };
        for name in fixtures {
            site.add(name);
        }
        site
    }

    /// A copy of the project's own site: its `content/` and `templates/`.
    pub fn project() -> Site {
        let site = Site::new(&[]);
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        for folder in ["content", "templates"] {
            fs::create_dir_all(site.root.join(folder)).unwrap();
            copy_dir(&manifest.join(folder), &site.root.join(folder));
        }
        site
    }

    /// Copies `tests/fixtures/<name>/` over the site (adding or replacing files).
    pub fn add(&self, fixture: &str) {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(fixture);
        copy_dir(&from, &self.root);
    }

    /// Writes `bytes` at `relative` inside the site, creating folders.
    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.root.join(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    /// Builds everything with the library into `out` (relative to the site), whatever the
    /// record of the last build says (`up_to_date.rs` tests the record).
    pub fn build_into(&self, out: &str) -> Outcome {
        pipeline::build(&self.options(out, true)).expect("no environment failure")
    }

    /// The options of a build into `out` (relative to the site); `full` as `--full`.
    pub fn options(&self, out: &str, full: bool) -> Options {
        Options {
            root: self.root.clone(),
            out: self.root.join(out),
            base_url: None,
            drafts: false,
            write: true,
            full,
        }
    }

    /// Builds with the library into `site/` and asserts there was no diagnostic at all.
    pub fn build_clean(&self) -> Outcome {
        let outcome = self.build_into("site");
        let shown: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
        assert!(shown.is_empty(), "unexpected diagnostics: {shown:#?}");
        assert!(outcome.written);
        outcome
    }

    /// Runs the real binary with `args`, in the site folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(&self.root, args)
    }

    /// The raw HTML of `site/<relative>`.
    pub fn page_text(&self, relative: &str) -> String {
        fs::read_to_string(self.root.join("site").join(relative)).unwrap()
    }

    /// Parses `site/<relative>`.
    pub fn page(&self, relative: &str) -> Html {
        let text = fs::read_to_string(self.root.join("site").join(relative)).unwrap();
        Html::parse_document(&text)
    }

    /// Every HTML page under `site/`, by path relative to it.
    pub fn pages(&self) -> Vec<(String, Html)> {
        tree(&self.root.join("site"))
            .into_iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .map(|(path, bytes)| {
                let text = String::from_utf8(bytes).unwrap();
                (path, Html::parse_document(&text))
            })
            .collect()
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code (101 would be a panic).
    pub code: i32,
    pub stdout: String,
    /// What it printed on stderr, but for the note a site without `base_url` gets after the
    /// summary (most fixtures have none), which `base_url_notes` counts.
    pub stderr: String,
    pub base_url_notes: usize,
}

/// The errors of a build, as editors see them.
pub fn errors(outcome: &Outcome) -> Vec<String> {
    outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

/// Runs the real binary with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_warraq"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    Run::of(output)
}

impl Run {
    /// The error lines it printed (`file:line:column: error: …`), in order.
    pub fn error_lines(&self) -> Vec<&str> {
        (self.stderr.lines())
            .filter(|l| l.contains(": error: "))
            .collect()
    }

    /// What a finished process printed, and its exit code.
    pub fn of(output: std::process::Output) -> Run {
        let stderr = String::from_utf8(output.stderr).unwrap();
        let note = |line: &str| {
            line.starts_with("warraq: note: no base_url")
                || line.starts_with("  hint: set `base_url: https://<user>.github.io/")
        };
        let base_url_notes = (stderr.lines())
            .filter(|l| l.starts_with("warraq: note: no base_url"))
            .count();
        let stderr: String = (stderr.split_inclusive('\n'))
            .filter(|line| !note(line))
            .collect();
        Run {
            code: output.status.code().expect("exited, not killed"),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr,
            base_url_notes,
        }
    }
}

/// Every file under `dir` with its bytes, by `/`-separated relative path.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    collect(dir, dir, &mut files);
    files
}

fn collect(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(base, &path, files);
        } else {
            let relative = path.strip_prefix(base).unwrap().to_string_lossy();
            files.insert(relative.replace('\\', "/"), fs::read(&path).unwrap());
        }
    }
}

/// The names directly in `dir`, sorted, without the record a build keeps beside its output
/// folder (`.site.warraq-build`, written only when the sources are older than a moment) and
/// the folder's lock file (`.site.warraq-lock`, which stays).
pub fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            !(name.starts_with('.')
                && (name.ends_with(".warraq-build") || name.ends_with(".warraq-lock")))
        })
        .collect();
    names.sort();
    names
}

/// The elements of `html` matching the CSS selector `css`.
pub fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    html.select(&selector).collect()
}

/// The elements under `element` matching `css`.
pub fn select_in<'a>(element: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    let selector = Selector::parse(css).unwrap();
    element.select(&selector).collect()
}

/// The only element matching `css`.
pub fn one<'a>(html: &'a Html, css: &str) -> ElementRef<'a> {
    let found = select(html, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}",
        found.len()
    );
    found[0]
}

/// The only element inside `element` matching `css`.
pub fn one_in<'a>(element: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found = select_in(element, css);
    assert_eq!(
        found.len(),
        1,
        "expected one `{css}`, found {}",
        found.len()
    );
    found[0]
}

/// An element's text, all descendants joined.
pub fn text(element: ElementRef) -> String {
    element.text().collect()
}

/// An attribute's value, or "" when absent.
pub fn attr<'a>(element: ElementRef<'a>, name: &str) -> &'a str {
    element.value().attr(name).unwrap_or_default()
}

/// The element with `id="{id}"`, if any.
pub fn by_id<'a>(html: &'a Html, id: &str) -> Option<ElementRef<'a>> {
    html.root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| e.value().id() == Some(id))
}

/// The fragment of an in-page link (`#x` → `x`).
pub fn fragment(href: &str) -> &str {
    href.strip_prefix('#')
        .unwrap_or_else(|| panic!("`{href}` is not an in-page link"))
}

/// Resolves a relative `href` found on the page at `page` (both relative to the site root).
pub fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let dir = Path::new(page).parent().unwrap_or(Path::new(""));
    let joined = dir.join(href);
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                parts.pop();
            }
            Component::Normal(part) => parts.push(part.to_str().unwrap()),
            _ => {}
        }
    }
    parts.join("/")
}

/// The child elements of `element` named `tag`.
pub fn children<'a>(element: ElementRef<'a>, tag: &str) -> Vec<ElementRef<'a>> {
    element
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == tag)
        .collect()
}

/// Asserts that ids are unique on `page` and every `href="#x"` has its `id="x"`.
pub fn assert_links_resolve(path: &str, page: &Html) {
    let mut ids = std::collections::BTreeSet::new();
    for element in select(page, "[id]") {
        let id = attr(element, "id");
        assert!(ids.insert(id), "{path}: the id `{id}` is used twice");
    }
    for link in select(page, "a[href^='#']") {
        let target = fragment(attr(link, "href"));
        assert!(ids.contains(target), "{path}: `#{target}` leads nowhere");
    }
}
