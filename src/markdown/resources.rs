//! The addresses an author wrote in links and images, checked where they are written and
//! pointed at where the files end up; and every image's description (`alt`), required.
//!
//! A paper's own files (figures, data, PDFs) sit in its bundle, the folder beside its
//! Markdown file named after it (`content/paper/` beside `content/paper.md`), and are linked
//! relative to the Markdown file as on GitHub: `![map](paper/fig1.png)`. The build copies
//! them to the paper's folder of the site, so such a link is rewritten relative to the page
//! (`fig1.png` from `site/<slug>/index.html`). A link to a file the bundle lacks is an error
//! at the link, with the closest of the bundle's names. Links to the rest of the site stay
//! relative to the page (`../other-slug/`) and are checked with the site's links. A
//! root-relative link (`/foo`) breaks when the site lives under a project path (`/<repo>/`):
//! an error at the link here, rather than at a line of a page nobody wrote. Fragment-only
//! links are `local_links`' and external ones the reader's browser's.

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use super::parser::Spanned;
use crate::diagnostics::{FileDiagnostics, closest};
use crate::links::percent_decode;

/// A paper's bundle as the Markdown stage needs it: names only, no IO.
#[derive(Debug, Clone, Copy)]
pub struct PaperFiles<'i> {
    /// The bundle folder as editors name it: `content/paper/`.
    pub folder: &'i str,
    /// How a link from the Markdown file into the bundle starts: `paper/`.
    pub prefix: &'i str,
    /// The bundle's files, `/`-separated paths inside it, sorted.
    pub names: &'i [String],
}

/// Checks every link and image address of `events` (offsets in the body starting at `base`)
/// and each image's description; with `files` (a paper, not the home page), links into the
/// bundle are rewritten relative to the page.
pub(crate) fn apply(
    events: &mut [Spanned],
    files: Option<PaperFiles>,
    diags: &mut FileDiagnostics,
    base: usize,
) {
    // The image being read, if any: its offset and whether its description has a letter.
    let mut image: Option<(usize, bool)> = None;
    for (event, range) in events.iter_mut() {
        let offset = base + range.start;
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                check_address(dest_url, "link", files, diags, offset);
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                check_address(dest_url, "image", files, diags, offset);
                image = Some((offset, false));
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, described)) = &mut image {
                    *described |= text.chars().any(|c| !c.is_whitespace());
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = image {
                    diags
                        .error(at, "this image has no description (`alt` text)")
                        .set_field("image")
                        .set_hint(
                            "say what the image shows between the brackets: `![a map of the region](…)`; readers who cannot see it read or hear this instead",
                        );
                }
                image = None;
            }
            _ => {}
        }
    }
}

/// Checks one address (`what` is `link` or `image`), rewriting it when it names a file of
/// the paper's bundle; a refused one becomes `#`.
fn check_address(
    dest: &mut CowStr,
    what: &str,
    files: Option<PaperFiles>,
    diags: &mut FileDiagnostics,
    offset: usize,
) {
    let url = dest.trim();
    if url.is_empty() || url.starts_with('#') || url.starts_with("//") || has_scheme(url) {
        return;
    }
    if url.starts_with('/') {
        let hint = match files {
            Some(files) => format!(
                "use a relative address, which works wherever the site is published: `{}…` for the paper's own files (in `{}`), `../<slug>/` for another paper",
                files.prefix, files.folder
            ),
            None => "use a relative address, which works wherever the site is published: `<slug>/` for a paper".to_string(),
        };
        diags
            .error(
                offset,
                format!("`{url}` is a root-relative address, which breaks when the site is published under a project path (`/<repo>/`)"),
            )
            .set_field(what)
            .set_hint(hint);
        *dest = "#".into();
        return;
    }
    let Some(files) = files else {
        return;
    };
    // `path` and what follows it (`?query`, `#fragment`), kept as written.
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let (mut path, rest) = url.split_at(end);
    while let Some(inner) = path.strip_prefix("./") {
        path = inner;
    }
    if path.starts_with("../") || path == ".." {
        // The rest of the site, relative to the page: the site's link check finds it.
        return;
    }
    let decoded = percent_decode(path);
    let inside = decoded.strip_prefix(files.prefix);
    if let Some(name) = inside
        && files
            .names
            .binary_search_by(|n| n.as_str().cmp(name))
            .is_ok()
    {
        // Kept as written (percent-escapes and all) when it can be.
        let relative = path.strip_prefix(files.prefix).unwrap_or(name);
        *dest = format!("{relative}{rest}").into();
        return;
    }
    let (message, hint) = match inside {
        Some(name) => (
            format!("`{name}` is not in the paper's folder `{}`", files.folder),
            match closest(name, files.names.iter().map(String::as_str)) {
                Some(near) => format!("did you mean `{}{near}`?", files.prefix),
                None if files.names.is_empty() => "the folder has no files".to_string(),
                None => format!("its files are: {}", list(files)),
            },
        ),
        None => (
            format!("`{path}` is not one of the paper's files"),
            match (decoded.rsplit('/').next()).and_then(|base| {
                files
                    .names
                    .iter()
                    .find(|n| n.rsplit('/').next() == Some(base))
            }) {
                Some(near) => format!("did you mean `{}{near}`?", files.prefix),
                None => format!(
                    "a paper's files (figures, data, PDFs) live in `{}` and are linked relative to the Markdown file: `{}<file>`",
                    files.folder, files.prefix
                ),
            },
        ),
    };
    diags.error(offset, message).set_field(what).set_hint(hint);
}

/// The bundle's files for a hint, the first few of them.
fn list(files: PaperFiles) -> String {
    let shown: Vec<String> = (files.names.iter().take(8))
        .map(|n| format!("`{}{n}`", files.prefix))
        .collect();
    let more = files.names.len().saturating_sub(8);
    match more {
        0 => shown.join(", "),
        n => format!("{} and {n} more", shown.join(", ")),
    }
}

/// True when `url` starts with a scheme (`https:`, `mailto:`).
fn has_scheme(url: &str) -> bool {
    let length = url
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')));
    length.is_some_and(|n| {
        n > 0 && url.as_bytes()[n] == b':' && url.as_bytes()[0].is_ascii_alphabetic()
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::markdown::parser::parse;

    /// The addresses after the pass, and the diagnostics.
    fn run(body: &str, names: &[&str], paper: bool) -> (Vec<String>, Vec<String>) {
        let names: Vec<String> = names.iter().map(ToString::to_string).collect();
        let files = PaperFiles {
            folder: "content/paper/",
            prefix: "paper/",
            names: &names,
        };
        let mut diags = FileDiagnostics::new(Path::new("paper.md"), body);
        let mut events = parse(body);
        apply(&mut events, paper.then_some(files), &mut diags, 0);
        let addresses = (events.iter())
            .filter_map(|(event, _)| match event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                    Some(dest_url.to_string())
                }
                _ => None,
            })
            .collect();
        (
            addresses,
            diags.list.iter().map(ToString::to_string).collect(),
        )
    }

    #[test]
    fn bundle_files_are_pointed_at_from_the_page() {
        let body = "![map](paper/fig1.png) [data](./paper/data/t.csv#r2) [pdf](paper/full%20text.pdf)\n\n[other](../other/) [web](https://e.org/x.png) [in](#s1) [mail](mailto:a@b.c) [up](//cdn.org/x)\n";
        let (addresses, diags) = run(body, &["data/t.csv", "fig1.png", "full text.pdf"], true);
        assert_eq!(diags, Vec::<String>::new());
        assert_eq!(
            addresses,
            [
                "fig1.png",
                "data/t.csv#r2",
                "full%20text.pdf",
                "../other/",
                "https://e.org/x.png",
                "#s1",
                "mailto:a@b.c",
                "//cdn.org/x"
            ]
        );
    }

    #[test]
    fn missing_files_are_errors_at_the_link_with_the_closest_name() {
        let body = "intro\n\n![map](paper/fig-1.png)\n\n![plan](images/fig1.png) [x](paper/nothing-like-it.txt)\n";
        let (_, diags) = run(body, &["fig1.png", "table.csv"], true);
        assert_eq!(
            diags,
            [
                "paper.md:3:1: error: image: `fig-1.png` is not in the paper's folder `content/paper/`\n  hint: did you mean `paper/fig1.png`?",
                "paper.md:5:1: error: image: `images/fig1.png` is not one of the paper's files\n  hint: did you mean `paper/fig1.png`?",
                "paper.md:5:26: error: link: `nothing-like-it.txt` is not in the paper's folder `content/paper/`\n  hint: its files are: `paper/fig1.png`, `paper/table.csv`",
            ]
        );
        let (_, diags) = run("[x](notes.pdf)\n", &[], true);
        assert_eq!(
            diags,
            [
                "paper.md:1:1: error: link: `notes.pdf` is not one of the paper's files\n  hint: a paper's files (figures, data, PDFs) live in `content/paper/` and are linked relative to the Markdown file: `paper/<file>`"
            ]
        );
    }

    #[test]
    fn root_relative_addresses_are_errors_at_the_link() {
        // The cause: such a link was reported at a line of a minified page the failed build
        // never wrote (`site/<slug>/index.html:3:344`).
        let (addresses, diags) = run("text\n\n[x](/foo) ![y](/a.png)\n", &[], true);
        assert_eq!(addresses, ["#", "#"]);
        assert_eq!(diags.len(), 2, "{diags:?}");
        assert!(
            diags[0].starts_with("paper.md:3:1: error: link: `/foo` is a root-relative address"),
            "{diags:?}"
        );
        assert!(
            diags[0].contains("hint: use a relative address"),
            "{diags:?}"
        );
        assert!(
            diags[1].starts_with("paper.md:3:11: error: image: `/a.png`"),
            "{diags:?}"
        );
        // The home page has no bundle: its relative links are left alone, rooted ones not.
        let (addresses, diags) = run("[p](paper-one/) [r](/paper-one/)\n", &[], false);
        assert_eq!(addresses, ["paper-one/", "#"]);
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    #[test]
    fn images_need_a_description() {
        let body = "![](paper/a.png)\n\n![  ](paper/a.png)\n\n![*a* map](paper/a.png) ![`x`](paper/a.png)\n";
        let (_, diags) = run(body, &["a.png"], true);
        assert_eq!(
            diags,
            [
                "paper.md:1:1: error: image: this image has no description (`alt` text)\n  hint: say what the image shows between the brackets: `![a map of the region](…)`; readers who cannot see it read or hear this instead",
                "paper.md:3:1: error: image: this image has no description (`alt` text)\n  hint: say what the image shows between the brackets: `![a map of the region](…)`; readers who cannot see it read or hear this instead",
            ]
        );
    }
}
