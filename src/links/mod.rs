//! Checks a built site's links: every local `href`/`src` exists, every `#fragment` exists in
//! its target page, ids are unique per page, and nothing links absolutely to the site itself.
//!
//! Pure, in two steps: each output file is read into a small [`Summary`] (a page's ids, its
//! links with their positions, the ids it repeats; for other files only that they exist) as
//! soon as it is made, on whichever thread made it; then [`check_site`] checks the links
//! across pages over the summaries, keyed by path (relative to the site root). So the build
//! need not keep its pages in memory, and `build` and `check` (which writes nothing) check
//! alike. Links must be relative
//! so that one build works at a user page, under a project path (`/<repo>/`), on a custom
//! domain and from disk. The only exceptions are `<link rel="canonical">` (absolute by
//! definition) and the root-relative links of `404.html`, which GitHub Pages serves at any
//! depth; those are resolved against the base URL's path.

pub mod scan;

use std::borrow::Cow;
#[cfg(test)]
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rayon::prelude::*;

use crate::hash::WordHasher;

/// A broken or forbidden link, or a duplicate id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkProblem {
    /// The page, relative to the site root.
    pub(crate) page: String,
    /// Line and column (1-based, in characters) of the tag in the page.
    pub(crate) position: (usize, usize),
    pub(crate) message: String,
    pub(crate) hint: String,
    /// The address of a broken link, percent-decoded.
    pub(crate) href: Option<String>,
}

/// The page that may use root-relative links.
pub(crate) const NOT_FOUND_PAGE: &str = "404.html";

/// What the cross-page check needs of one output file, taken when the file is made so the
/// file itself need not be kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Summary {
    /// An HTML page (UTF-8, named `*.html`).
    Page(PageSummary),
    /// Any other file: only that it exists.
    File,
}

/// The ids and links of one HTML page, and the ids it repeats.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSummary {
    ids: Ids,
    links: Vec<Link>,
    /// Second and later uses of an id: (position, id), in page order.
    duplicates: Vec<((usize, usize), String)>,
}

/// One `href` or `src` of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link<V = String, P = (usize, usize)> {
    /// `href` or `src`.
    attr: &'static str,
    /// The decoded value.
    value: V,
    /// True on `<link rel=canonical>`, which is absolute by definition.
    canonical: bool,
    /// Line and column of the tag (while the page is read: its byte offset).
    position: P,
}

impl Summary {
    /// Reads the file at `path` (relative to the site root) with contents `bytes`.
    pub fn of(path: &str, bytes: &[u8]) -> Summary {
        if !path.ends_with(".html") {
            return Summary::File;
        }
        match crate::fs::utf8(bytes) {
            Some(text) => Summary::Page(PageSummary::of(text)),
            None => Summary::File,
        }
    }
}

impl Summary {
    /// Hands each link of this page to an id of its own that it lacks (`#x`, as the browser
    /// looks it up, percent-decoded) to `claim`, with the link's position; a link claimed is
    /// reported by the caller and no longer checked here. Other files have no links.
    pub(crate) fn claim_missing_fragments(
        &mut self,
        mut claim: impl FnMut(&str, (usize, usize)) -> bool,
    ) {
        let Summary::Page(page) = self else {
            return;
        };
        // Links to an id the page has were never kept: a fragment-only link here is missing.
        page.links.retain(|link| {
            let Some(fragment) = link.value.trim().strip_prefix('#') else {
                return true;
            };
            !claim(&percent_decode(fragment), link.position)
        });
    }
}

impl Summary {
    /// The id of this page closest to `target` (a link's fragment that names none), for a
    /// "did you mean" hint; never one of the page's own furniture (`fnref-…` backlinks).
    pub(crate) fn closest_id(&self, target: &str) -> Option<&str> {
        let Summary::Page(page) = self else {
            return None;
        };
        let ids = (0..page.ids.ends.len()).map(|i| page.ids.get(i));
        crate::diagnostics::closest(target, ids.filter(|id| !id.starts_with("fnref-")))
    }
}

impl PageSummary {
    fn of(text: &str) -> PageSummary {
        // Every id with the offset of its tag, and every `href` and `src` likewise: which
        // links are kept depends on ids that may come later in the page.
        let mut reader = Reader {
            ids: Vec::with_capacity(text.len() / 128),
            found: Vec::new(),
            first: 0,
            has_id: false,
            rel: None,
        };
        scan::walk(text, &mut reader);
        let Reader { mut ids, found, .. } = reader;
        // Sorted by id, then in page order (a stable sort of ids read in page order): the
        // first element with an id is the one it names; any later one repeats it.
        ids.sort_by(|a, b| a.0.cmp(&b.0));
        let mut repeated: Vec<(usize, &str)> = ids
            .windows(2)
            .filter(|pair| pair[0].0 == pair[1].0)
            .map(|pair| (pair[1].1, pair[1].0.as_ref()))
            .collect();
        repeated.sort_unstable();
        let mut summary = PageSummary {
            ids: Ids::new(ids.iter().map(|(id, _)| id.as_ref())),
            ..PageSummary::default()
        };
        let mut cursor = Cursor::new(text);
        summary.duplicates = repeated
            .into_iter()
            .map(|(offset, id)| (cursor.at(offset), id.to_string()))
            .collect();
        // Links to an id of this page that exists cannot fail: they are not kept.
        let mut cursor = Cursor::new(text);
        for link in found {
            if let Some(fragment) = link.value.trim().strip_prefix('#')
                && fragment_found(&percent_decode(fragment), &summary.ids)
            {
                continue;
            }
            summary.links.push(Link {
                attr: link.attr,
                value: link.value.into_owned(),
                canonical: link.canonical,
                position: cursor.at(link.position),
            });
        }
        summary
    }
}

/// Gathers a page's ids and links from its tags, attribute by attribute.
struct Reader<'a> {
    /// Every id with the offset of its tag.
    ids: Vec<(Cow<'a, str>, usize)>,
    /// Every `href` and `src` with the offset of its tag.
    found: Vec<Link<Cow<'a, str>, usize>>,
    /// Where the current tag's links start in `found`.
    first: usize,
    /// True once the current tag gave its id: a tag's first `id` is the one it has.
    has_id: bool,
    /// The current tag's first `rel`, as written.
    rel: Option<&'a str>,
}

impl<'a> scan::Visitor<'a> for Reader<'a> {
    #[inline]
    fn attr(&mut self, offset: usize, attr: scan::AttrSpan<'a>) {
        // Most attributes are none of these: their length tells without comparing.
        let name = match attr.name_len() {
            2 if attr.is("id") => {
                if !self.has_id {
                    self.ids.push((scan::decode(attr.raw()), offset));
                    self.has_id = true;
                }
                return;
            }
            3 if attr.is("rel") => {
                self.rel.get_or_insert(attr.raw());
                return;
            }
            3 if attr.is("src") => "src",
            4 if attr.is("href") => "href",
            _ => return,
        };
        self.found.push(Link {
            attr: name,
            value: scan::decode(attr.raw()),
            canonical: false,
            position: offset,
        });
    }

    #[inline]
    fn tag(&mut self, name: &'a str, _: usize) {
        if self.found.len() > self.first
            && name.eq_ignore_ascii_case("link")
            && self
                .rel
                .is_some_and(|r| scan::decode(r).split_whitespace().any(|w| w == "canonical"))
        {
            for link in &mut self.found[self.first..] {
                link.canonical = true;
            }
        }
        self.first = self.found.len();
        self.has_id = false;
        self.rel = None;
    }
}

/// A page's ids, sorted and packed into one string (a page has hundreds, and the check
/// keeps them for every page of the site).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Ids {
    text: String,
    /// Where each id ends in `text`; it starts where the previous one ends.
    ends: Vec<usize>,
}

impl Ids {
    /// The ids given in any order, each kept once.
    fn new<'a>(ids: impl IntoIterator<Item = &'a str>) -> Ids {
        let mut sorted: Vec<&str> = ids.into_iter().collect();
        if !sorted.is_sorted() {
            sorted.sort_unstable();
        }
        sorted.dedup();
        let mut packed = Ids {
            text: String::with_capacity(sorted.iter().map(|id| id.len()).sum()),
            ends: Vec::with_capacity(sorted.len()),
        };
        for id in sorted {
            packed.text.push_str(id);
            packed.ends.push(packed.text.len());
        }
        packed
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn contains(&self, id: &str) -> bool {
        let (mut low, mut high) = (0, self.ends.len());
        while low < high {
            let middle = (low + high) / 2;
            // Ids are a few bytes: compared byte by byte without a call (the order of
            // `str`, so the order they were sorted in).
            match self.get(middle).bytes().cmp(id.bytes()) {
                std::cmp::Ordering::Less => low = middle + 1,
                std::cmp::Ordering::Greater => high = middle,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

/// Line and column of increasing byte offsets of one text, counted in one pass (a minified
/// page is mostly one long line, so counting from the line start each time would be slow).
/// Gives what `SourceMap::position` gives.
struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The position of `offset`, a char boundary not before the previous one asked for.
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let passed = &self.text[self.offset..offset];
        match memchr::memrchr(b'\n', passed.as_bytes()) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', passed.as_bytes()).count();
                self.column = passed[last + 1..].chars().count() + 1;
            }
            None => self.column += passed.chars().count(),
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// Checks every HTML page of `files`; `base_url` is the site's public URL, if known. The
/// build checks summaries as it goes ([`check_site`]); this whole-site form is for the tests.
#[cfg(test)]
pub(crate) fn check(files: &BTreeMap<String, Vec<u8>>, base_url: Option<&str>) -> Vec<LinkProblem> {
    let summaries: Vec<(String, Summary)> = files
        .iter()
        .map(|(path, bytes)| (path.clone(), Summary::of(path, bytes)))
        .collect();
    let summaries: Vec<(&str, &Summary)> = summaries.iter().map(|(p, s)| (p.as_str(), s)).collect();
    check_site(&summaries, base_url)
}

/// Checks every page of a site given by its files' summaries, sorted by path: the pages in
/// parallel, the problems in path order (every repeated id first, then the links).
pub(crate) fn check_site(files: &[(&str, &Summary)], base_url: Option<&str>) -> Vec<LinkProblem> {
    let pages: Vec<(&str, &PageSummary)> = files
        .iter()
        .filter_map(|&(path, summary)| match summary {
            Summary::Page(page) => Some((path, page)),
            Summary::File => None,
        })
        .collect();
    let own = base_url.map(Own::new);
    // Every link looks up its target, and fragment links their target's ids: by a hash of
    // the path, not a dozen comparisons of paths that share long prefixes.
    let files: Files = files.iter().copied().collect();
    let files = &files;
    let found: Vec<(Vec<LinkProblem>, Vec<LinkProblem>)> = pages
        .par_iter()
        .map(|&(path, page)| {
            let repeated = page
                .duplicates
                .iter()
                .map(|(position, id)| LinkProblem {
                    page: path.to_string(),
                    position: *position,
                    message: format!("the id `{id}` is used twice on this page"),
                    hint: "check `aliases:` for an old id that is an id of the page again".into(),
                    href: None,
                })
                .collect();
            let broken = page
                .links
                .iter()
                .filter_map(|link| {
                    let found = check_link(path, &link.value, link.canonical, own.as_ref(), files);
                    found.err().map(|(message, hint)| LinkProblem {
                        page: path.to_string(),
                        position: link.position,
                        message: format!("{}=\"{}\": {message}", link.attr, link.value),
                        hint,
                        href: Some(percent_decode(&link.value).into_owned()),
                    })
                })
                .collect();
            (repeated, broken)
        })
        .collect();
    let (repeated, broken): (Vec<_>, Vec<_>) = found.into_iter().unzip();
    repeated.into_iter().chain(broken).flatten().collect()
}

/// The path of a base URL, with slashes at both ends: `https://e.org/repo` → `/repo/`.
pub(crate) fn base_path(base_url: &str) -> String {
    Own::new(base_url).path
}

/// The site's own address: `host/path/`, lowercase host.
struct Own {
    prefix: String,
    path: String,
}

impl Own {
    fn new(base_url: &str) -> Own {
        let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        let path = format!("/{}", path.trim_end_matches('/'));
        let path = if path == "/" {
            path
        } else {
            format!("{path}/")
        };
        Own {
            prefix: format!("{}{path}", host.to_ascii_lowercase()),
            path,
        }
    }

    /// True when `url` (scheme and `//` removed) is under the site's address.
    fn covers(&self, url: &str) -> bool {
        let (host, path) = url.split_once('/').unwrap_or((url, ""));
        let url = format!("{}/{path}", host.to_ascii_lowercase());
        url.starts_with(&self.prefix) || format!("{url}/") == self.prefix
    }
}

type Verdict = Result<(), (String, String)>;

/// The site's files by path, for the check's lookups; the paths are the site's own, so a
/// fast fixed hash ([`crate::hash`]) will do.
type Files<'a> = HashMap<&'a str, &'a Summary, BuildHasherDefault<WordHasher>>;

/// `text` split at its first `byte` (an ASCII character), like `split_once` without setting
/// up a general search for a string of a few dozen bytes.
fn split_at_first(text: &str, byte: u8) -> Option<(&str, &str)> {
    let at = text.bytes().position(|b| b == byte)?;
    Some((&text[..at], &text[at + 1..]))
}

fn check_link(
    page: &str,
    value: &str,
    canonical: bool,
    own: Option<&Own>,
    files: &Files,
) -> Verdict {
    let value = value.trim();
    if let Some(fragment) = value.strip_prefix('#') {
        return fragment_exists(page, &percent_decode(fragment), files);
    }
    let scheme = scheme(value);
    if let Some(rest) = value.strip_prefix("//").or_else(|| {
        let scheme =
            scheme.filter(|s| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"))?;
        value[scheme.len() + 1..].strip_prefix("//")
    }) {
        if !canonical && own.is_some_and(|own| own.covers(rest)) {
            return Err((
                "an absolute link to the site itself".into(),
                "make it relative, so the site works at any address and from disk".into(),
            ));
        }
        return Ok(());
    }
    if scheme.is_some() {
        return Ok(());
    }
    let (path, fragment) = match split_at_first(value, b'#') {
        Some((path, fragment)) => (path, Some(percent_decode(fragment))),
        None => (value, None),
    };
    let path = split_at_first(path, b'?').map_or(path, |(path, _)| path);
    let target = if let Some(rooted) = path.strip_prefix('/') {
        if page != NOT_FOUND_PAGE {
            return Err((
                "a root-relative link, which breaks under a project path (`/<repo>/`)".into(),
                "use a path relative to the page".into(),
            ));
        }
        let base = own.map_or("/", |o| o.path.as_str());
        match format!("/{rooted}").strip_prefix(base) {
            Some(inside) => Some(percent_decode(inside).into_owned()),
            None if format!("/{rooted}/") == base => Some(String::new()),
            None => None,
        }
    } else {
        resolve(page, &percent_decode(path))
    };
    let Some(mut target) = target else {
        return Err((
            "leads outside the site".into(),
            "check the number of `../`".into(),
        ));
    };
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    if !files.contains_key(target.as_str()) {
        let hint = if files.contains_key(format!("{target}/index.html").as_str()) {
            "end the link with `/`: it names a folder".to_string()
        } else {
            "the file is not part of the site".to_string()
        };
        return Err((format!("`{target}` does not exist"), hint));
    }
    match fragment {
        Some(fragment) if !fragment.is_empty() => fragment_exists(&target, &fragment, files),
        _ => Ok(()),
    }
}

/// True when a link to `#fragment` of a page with `ids` finds its target.
fn fragment_found(fragment: &str, ids: &Ids) -> bool {
    fragment.is_empty() || fragment == "top" || ids.contains(fragment)
}

fn fragment_exists(page: &str, fragment: &str, files: &Files) -> Verdict {
    if fragment.is_empty() || fragment == "top" {
        return Ok(());
    }
    match files.get(page) {
        Some(Summary::Page(summary)) if summary.ids.contains(fragment) => Ok(()),
        Some(Summary::Page(summary)) => {
            let ids = (0..summary.ids.ends.len()).map(|i| summary.ids.get(i));
            let hint = match crate::diagnostics::closest(fragment, ids) {
                Some(id) => format!("did you mean `#{id}`?"),
                None => "link to an existing heading or paragraph id".into(),
            };
            Err((
                format!("`{page}` has no element with the id `{fragment}`"),
                hint,
            ))
        }
        _ => Err((
            format!("`{page}` is not an HTML page, so `#{fragment}` leads nowhere"),
            "remove the fragment".into(),
        )),
    }
}

/// The scheme of a URL (`mailto` of `mailto:x`): what comes before its first `:` when that
/// is a letter followed by letters, digits, `+`, `-` or `.`.
fn scheme(value: &str) -> Option<&str> {
    let length = value
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')))?;
    (length > 0 && value.as_bytes()[length] == b':' && value.as_bytes()[0].is_ascii_alphabetic())
        .then(|| &value[..length])
}

/// `href` relative to the folder of `page`; `None` when it climbs above the site root.
fn resolve(page: &str, href: &str) -> Option<String> {
    // The page's folder, then each part of `href` applied to it; `depth` counts its parts
    // (a part may be empty, as in `a//b`).
    let last_slash = |text: &str| text.bytes().rposition(|b| b == b'/');
    let mut out = String::with_capacity(page.len() + href.len());
    out.push_str(&page[..last_slash(page).unwrap_or(0)]);
    let mut depth = page.bytes().filter(|&b| b == b'/').count();
    let trailing = href.is_empty() || href.ends_with('/') || href.ends_with("/.") || href == ".";
    let mut rest = Some(href);
    while let Some(text) = rest {
        let part = match split_at_first(text, b'/') {
            Some((part, after)) => {
                rest = Some(after);
                part
            }
            None => {
                rest = None;
                text
            }
        };
        match part {
            "" | "." => {}
            ".." => {
                depth = depth.checked_sub(1)?;
                out.truncate(if depth == 0 {
                    0
                } else {
                    last_slash(&out).unwrap_or(0)
                });
            }
            part => {
                if depth > 0 {
                    out.push('/');
                }
                out.push_str(part);
                depth += 1;
            }
        }
    }
    if trailing && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// `%xx` sequences decoded (invalid ones kept as written): a fragment as the browser looks
/// it up.
pub(crate) fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b == b'%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(pages: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pages
            .iter()
            .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
            .collect()
    }

    fn problems(pages: &[(&str, &str)], base: Option<&str>) -> Vec<String> {
        check(&site(pages), base)
            .into_iter()
            .map(|p| format!("{}: {}", p.page, p.message))
            .collect()
    }

    #[test]
    fn good_links_pass() {
        let pages = [
            (
                "index.html",
                "<a href=a/>x</a><a href=en/#top>e</a><link rel=stylesheet href=assets/s.css>",
            ),
            (
                "en/index.html",
                "<a href=../a/#s1-p2>x</a><a href=../>h</a>",
            ),
            (
                "a/index.html",
                "<a href=#later>l</a><h2 id=s1></h2><p id=s1-p2></p><a href=#s1>s</a><a href=cite.bib>b</a><a href=cite.bib#top>t</a><a href=#>e</a><p id=later></p><a href=\"https://other.org/x\">o</a><a href=mailto:x@y.z>m</a><link rel=canonical href=https://e.org/repo/a/>",
            ),
            ("a/cite.bib", "@misc{}"),
            ("assets/s.css", ""),
            (
                "404.html",
                "<a href=/repo/>home</a><link href=/repo/assets/s.css rel=stylesheet>",
            ),
        ];
        assert_eq!(
            problems(&pages, Some("https://e.org/repo/")),
            Vec::<String>::new()
        );
    }

    #[test]
    fn broken_links_are_named() {
        let pages = [
            (
                "index.html",
                "<a href=b/>x</a><a href=a>y</a><a href=a/#nope>z</a><a href=../up/>u</a><a href=/a/>r</a><img src=img.png>",
            ),
            (
                "a/index.html",
                "<p id=x></p><p id=x></p><a href=#gone>g</a><a href=https://E.org/repo/a/>self</a><a href=https://e.org/repo>root</a><a href=https://e.org/other/>sibling</a><a href=cite.bib#x>f</a>",
            ),
            ("a/cite.bib", ""),
        ];
        assert_eq!(
            problems(&pages, Some("https://e.org/repo")),
            [
                "a/index.html: the id `x` is used twice on this page",
                "a/index.html: href=\"#gone\": `a/index.html` has no element with the id `gone`",
                "a/index.html: href=\"https://E.org/repo/a/\": an absolute link to the site itself",
                "a/index.html: href=\"https://e.org/repo\": an absolute link to the site itself",
                "a/index.html: href=\"cite.bib#x\": `a/cite.bib` is not an HTML page, so `#x` leads nowhere",
                "index.html: href=\"b/\": `b/index.html` does not exist",
                "index.html: href=\"a\": `a` does not exist",
                "index.html: href=\"a/#nope\": `a/index.html` has no element with the id `nope`",
                "index.html: href=\"../up/\": leads outside the site",
                "index.html: href=\"/a/\": a root-relative link, which breaks under a project path (`/<repo>/`)",
                "index.html: src=\"img.png\": `img.png` does not exist",
            ]
        );
    }

    #[test]
    fn not_found_page_resolves_against_the_base_path() {
        let pages = [
            ("index.html", ""),
            (
                "404.html",
                "<a href=/repo/>h</a><a href=/other/>o</a><a href=/>root</a>",
            ),
        ];
        assert_eq!(
            problems(&pages, Some("https://e.org/repo/")),
            [
                "404.html: href=\"/other/\": leads outside the site",
                "404.html: href=\"/\": leads outside the site",
            ]
        );
        let pages = [("index.html", ""), ("404.html", "<a href=/>h</a>")];
        assert!(problems(&pages, None).is_empty());
    }

    #[test]
    fn positions_are_the_source_maps() {
        let text = "<p id=a>\r\nعربي <a href=#b>x</a><a href=#a>y</a>\n\n<i id=a></i> <b><img src=y.png></b>";
        let map = crate::source_map::SourceMap::new(text);
        let Summary::Page(page) = Summary::of("p.html", text.as_bytes()) else {
            panic!("an HTML page");
        };
        let offsets: Vec<usize> = ["<a ", "<img"]
            .iter()
            .map(|t| text.find(t).unwrap())
            .collect();
        let got: Vec<(usize, usize)> = page.links.iter().map(|l| l.position).collect();
        let want: Vec<(usize, usize)> = offsets.iter().map(|&o| map.position(o)).collect();
        assert_eq!(got, want);
        assert_eq!(
            page.duplicates,
            [(map.position(text.find("<i").unwrap()), "a".to_string())]
        );
    }

    /// Ids and links read attribute by attribute agree with those read from whole tags.
    #[test]
    fn the_reader_sees_what_whole_tags_hold() {
        let page = concat!(
            "<!DOCTYPE html><html lang=ar><head><title><a href=t></title>",
            "<LINK REL=\"Canonical icon\" HREF=https://e.org/a/ src=z>",
            "<link rel=canonical rel=x href=c><link href=s.css rel=stylesheet>",
            "<script>let a = '<a href=no>';</script><!-- <p id=no> -->",
            "<p ID=a id=b Id=c><a href='#a' data-id=x href=\"q&amp;r\" class=\"x y\">",
            "<img/src=i.png/><a href=#fn-1 id=fnref-1 aria-label=\"رابط\"></a>",
            "<li id=fn-1><a\thref = \"#fnref-1\" >↩</a></li><p id=a></p><a href=x",
        );
        let mut reader = Reader {
            ids: Vec::new(),
            found: Vec::new(),
            first: 0,
            has_id: false,
            rel: None,
        };
        scan::walk(page, &mut reader);
        let mut ids = Vec::new();
        let mut found = Vec::new();
        scan::each_tag(page, |tag| {
            ids.extend(tag.attr("id").map(|id| (id, tag.offset)));
            let canonical = tag.is("link")
                && tag
                    .attr("rel")
                    .is_some_and(|r| r.split_whitespace().any(|w| w == "canonical"));
            for attr in tag.attrs {
                for name in ["href", "src"] {
                    if attr.is(name) {
                        found.push(Link {
                            attr: name,
                            value: attr.value(),
                            canonical,
                            position: tag.offset,
                        });
                    }
                }
            }
        });
        assert_eq!(reader.ids, ids);
        assert_eq!(reader.found, found);
        assert_eq!(ids.len(), 4);
        assert_eq!(found.iter().filter(|l| l.canonical).count(), 1);
    }

    #[test]
    fn packed_ids_are_found() {
        let list = ["s1", "", "fn-2", "s1-p2", "ب", "a"];
        let ids = Ids::new(list);
        for id in list {
            assert!(ids.contains(id), "{id}");
        }
        for id in ["s", "s1-p", "fn-", "z", "s1-p20"] {
            assert!(!ids.contains(id), "{id}");
        }
        assert!(!Ids::default().contains(""));
    }

    #[test]
    fn only_utf8_html_files_are_pages() {
        assert_eq!(Summary::of("a.css", b"<a href=x>"), Summary::File);
        assert_eq!(Summary::of("a.html", b"<a href=x>\xff"), Summary::File);
        assert!(matches!(Summary::of("a.html", b""), Summary::Page(_)));
    }

    /// `resolve` as a list of parts, joined: the plain way, to check the one-string way.
    fn resolve_by_parts(page: &str, href: &str) -> Option<String> {
        let mut parts: Vec<&str> = page.split('/').collect();
        parts.pop();
        let trailing =
            href.is_empty() || href.ends_with('/') || href.ends_with("/.") || href == ".";
        for part in href.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                part => parts.push(part),
            }
        }
        let mut out = parts.join("/");
        if trailing && !out.is_empty() {
            out.push('/');
        }
        Some(out)
    }

    #[test]
    fn resolving_agrees_with_joining_parts() {
        let pages = [
            "index.html",
            "a/index.html",
            "en/a/index.html",
            "/x.html",
            "a//b.html",
            "a/b/c/",
        ];
        let pieces = ["", ".", "..", "x", "y.html", "/"];
        // Every href of up to four pieces joined by `/`, and each piece alone.
        let mut hrefs: Vec<String> = pieces.iter().map(|p| p.to_string()).collect();
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    for d in pieces {
                        hrefs.push(format!("{a}/{b}/{c}/{d}"));
                    }
                    hrefs.push(format!("{a}/{b}/{c}"));
                }
                hrefs.push(format!("{a}/{b}"));
            }
        }
        for page in pages {
            for href in &hrefs {
                assert_eq!(
                    resolve(page, href),
                    resolve_by_parts(page, href),
                    "{page} + {href}"
                );
            }
        }
    }

    #[test]
    fn resolving_and_decoding() {
        assert_eq!(resolve("a/index.html", "../b/").as_deref(), Some("b/"));
        assert_eq!(resolve("a/index.html", "./").as_deref(), Some("a/"));
        assert_eq!(resolve("index.html", "").as_deref(), Some(""));
        assert_eq!(resolve("index.html", "../x"), None);
        assert_eq!(base_path("https://e.org/repo"), "/repo/");
        assert_eq!(base_path("https://e.org/a/b/"), "/a/b/");
        assert_eq!(base_path("https://e.org"), "/");
        assert_eq!(percent_decode("%D9%85x%2"), "مx%2");
        assert_eq!(scheme("mailto:x"), Some("mailto"));
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("#a:b"), None);
        assert_eq!(scheme("1a:b"), None);
        assert_eq!(scheme(":b"), None);
        assert_eq!(scheme("git+ssh://x"), Some("git+ssh"));
        assert_eq!(scheme("plain"), None);
    }
}
