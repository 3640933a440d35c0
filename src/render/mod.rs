//! Render stage: typed contexts through Tera templates. The only module that uses Tera.
//!
//! Templates come from the site's `templates/` folder; any template or asset it lacks falls
//! back to the copy built into Warraq, so a site needs no templates of its own. Autoescaping
//! is on for every `.html` template; `filters` adds `isolate` (Latin runs of a plain string
//! wrapped in `bdi`, everything escaped).

pub(crate) mod compact;
pub(crate) mod context;
pub(crate) mod filters;
pub(crate) mod head;
pub(crate) mod json_ld;
pub mod parts;

use std::path::{Path, PathBuf};

use serde::Serialize;
use tera::{Context, Tera};

use crate::error::Error;
use crate::markdown::markup::{self, BodyMarkup, Pattern};

/// Templates built into the binary, by file name.
const BUILTIN_TEMPLATES: [(&str, &str); 19] = [
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "document.html",
        include_str!("../../templates/document.html"),
    ),
    (
        "document-en.html",
        include_str!("../../templates/document-en.html"),
    ),
    (
        "abstract.html",
        include_str!("../../templates/abstract.html"),
    ),
    ("toc.html", include_str!("../../templates/toc.html")),
    (
        "toc-entry.html",
        include_str!("../../templates/toc-entry.html"),
    ),
    ("404.html", include_str!("../../templates/404.html")),
    ("moved.html", include_str!("../../templates/moved.html")),
    (
        "withdrawn.html",
        include_str!("../../templates/withdrawn.html"),
    ),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "partials/meta.html",
        include_str!("../../templates/partials/meta.html"),
    ),
    (
        "partials/cite.html",
        include_str!("../../templates/partials/cite.html"),
    ),
    (
        "partials/body.html",
        include_str!("../../templates/partials/body.html"),
    ),
    ("list.html", include_str!("../../templates/list.html")),
    (
        "index-of.html",
        include_str!("../../templates/index-of.html"),
    ),
    (
        "partials/entries.html",
        include_str!("../../templates/partials/entries.html"),
    ),
    (
        "partials/paging.html",
        include_str!("../../templates/partials/paging.html"),
    ),
    (
        "partials/archive-nav.html",
        include_str!("../../templates/partials/archive-nav.html"),
    ),
];

/// Static files copied to `site/assets/`: the style sheet, the reading script, the search
/// page's script, the Naskh
/// face (Arabic letters only; Latin text uses the reader's own serif) with its licence, and
/// the icon every page links to (`favicon.svg`, so no page asks for a `/favicon.ico`).
const BUILTIN_ASSETS: [(&str, &[u8]); 8] = [
    (
        "style.css",
        include_bytes!("../../templates/assets/style.css"),
    ),
    ("cite.js", include_bytes!("../../templates/assets/cite.js")),
    (
        "warraq.js",
        include_bytes!("../../templates/assets/warraq.js"),
    ),
    (
        "search.js",
        include_bytes!("../../templates/assets/search.js"),
    ),
    (
        "noto-naskh-arabic-400.woff2",
        include_bytes!("../../templates/assets/noto-naskh-arabic-400.woff2"),
    ),
    (
        "noto-naskh-arabic-700.woff2",
        include_bytes!("../../templates/assets/noto-naskh-arabic-700.woff2"),
    ),
    (
        "noto-naskh-arabic-OFL.txt",
        include_bytes!("../../templates/assets/noto-naskh-arabic-OFL.txt"),
    ),
    (
        "favicon.svg",
        include_bytes!("../../templates/assets/favicon.svg"),
    ),
];

/// A site's own style sheet, linked after the built-in one on every page when the site's
/// `templates/assets/` has it (`docs/theming.md`).
pub(crate) const EXTRA_CSS: &str = "extra.css";

/// The parsed templates of a site, ready to render many pages.
pub struct Renderer {
    /// The templates in their compact form (`compact`), which pages are rendered from.
    tera: Tera,
    /// The templates as written, for error messages that point into them.
    as_written: Tera,
    /// Whether `tera` holds the compact form: pages then come out minified. (It holds the
    /// templates as written if a compact form did not parse, which would be a fault of
    /// `compact`; pages are then minified in full.)
    pub compact: bool,
    /// Asset files (name, contents) for `site/assets/`.
    pub(crate) assets: Vec<(String, Vec<u8>)>,
    /// The markup of `partials/body.html`, for the Markdown stage.
    pub(crate) markup: BodyMarkup,
}

/// Tera with Warraq's settings and filters and the templates `sources`.
fn parse(sources: &[(String, String)]) -> Result<Tera, tera::Error> {
    let mut tera = Tera::new();
    tera.autoescape_on([".html"]);
    filters::register(&mut tera);
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))?;
    Ok(tera)
}

impl Renderer {
    /// Parses the templates once: the site's own from `dir`, the built-in ones for the rest.
    pub fn load(dir: &Path) -> Result<Renderer, Error> {
        Renderer::load_with(dir, true)
    }

    /// [`Renderer::load`], rendering from the compact form of the templates or not (the
    /// templates as written, with pages minified in full: for comparing the two).
    pub fn load_with(dir: &Path, compact: bool) -> Result<Renderer, Error> {
        let mut sources: Vec<(String, String)> = Vec::new();
        for (name, text) in BUILTIN_TEMPLATES {
            let path = dir.join(name);
            let text = if path.is_file() {
                crate::fs::read_text(&path)?
            } else {
                text.to_string()
            };
            sources.push((name.to_string(), text));
        }
        let as_written = parse(&sources).map_err(|e| Error::Template {
            name: dir.display().to_string(),
            message: report(&e),
        })?;
        // The compact form, unless not wanted or (a fault of `compact`) it does not parse.
        let compacted = compact
            .then(|| {
                let sources: Vec<(String, String)> = sources
                    .iter()
                    .map(|(name, text)| (name.clone(), compact::compact(text)))
                    .collect();
                parse(&sources).ok()
            })
            .flatten();
        let markup = body_markup(&as_written).map_err(|e| Error::Template {
            name: "partials/body.html".to_string(),
            message: report(&e),
        })?;
        let compact = compacted.is_some();
        let tera = compacted.unwrap_or_else(|| as_written.clone());
        let asset_dir = dir.join("assets");
        let mut own = std::collections::BTreeMap::new();
        for path in crate::fs::files_in(&asset_dir)? {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            own.insert(name, crate::fs::read(&path)?);
        }
        for (name, bytes) in BUILTIN_ASSETS {
            own.entry(name.to_string())
                .or_insert_with(|| bytes.to_vec());
        }
        Ok(Renderer {
            tera,
            as_written,
            compact,
            assets: own.into_iter().collect(),
            markup,
        })
    }

    /// Whether the site has a style sheet of its own ([`EXTRA_CSS`]) to link after the
    /// built-in one.
    pub(crate) fn has_extra_css(&self) -> bool {
        self.assets.iter().any(|(name, _)| name == EXTRA_CSS)
    }

    /// The markup of the templates' `partials/body.html`, for the Markdown stage.
    pub fn markup(&self) -> &BodyMarkup {
        &self.markup
    }

    /// Every file [`Renderer::load`] reads from a site's `templates/` folder, so that `serve`
    /// watches exactly what a build depends on.
    pub(crate) fn source_files(dir: &Path) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = BUILTIN_TEMPLATES
            .iter()
            .map(|(name, _)| dir.join(name))
            .filter(|path| path.is_file())
            .collect();
        files.extend(crate::fs::files_in(&dir.join("assets")).unwrap_or_default());
        files
    }

    /// Renders `template` with `context`.
    pub(crate) fn render<T: Serialize>(
        &self,
        template: &str,
        context: &T,
    ) -> Result<Vec<u8>, Error> {
        let context = Context::from_serialize(context).map_err(|e| Error::Template {
            name: template.to_string(),
            message: report(&e),
        })?;
        // Room for a typical page without the paper's body and notes (spliced in later), so
        // the buffer is not regrown a dozen times while the template writes into it.
        let mut page = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, &context, &mut page)
            .map(|()| page)
            .map_err(|_| {
                // The same error again from the templates as written, so that it points into them.
                let message = match self.as_written.render(template, &context) {
                    Err(e) => report(&e),
                    Ok(_) => "the template renders as written but not in its compact form".into(),
                };
                Error::Template {
                    name: template.to_string(),
                    message,
                }
            })
    }
}

/// The components of `partials/body.html` and the values each takes, in [`BodyMarkup`]'s order.
const BODY_COMPONENTS: [(&str, &[&str]); 8] = [
    ("permalink", &["href", "label"]),
    ("note_ref", &["id", "href", "label", "number"]),
    ("backlink", &["href", "label", "letter"]),
    ("backlinks", &["links"]),
    ("island_open", &[]),
    ("island_close", &[]),
    ("sic", &["lang", "label", "mark"]),
    ("supplied", &["lang", "label", "words"]),
];

/// Renders each component of `partials/body.html` once, with [`markup::hole`]s for its values,
/// and keeps what comes out as a pattern. A component a site's own `partials/body.html` does
/// not define (one added to Warraq after the site wrote its own) is the built-in one.
fn body_markup(templates: &Tera) -> Result<BodyMarkup, tera::Error> {
    let builtin = BodyMarkup::default();
    let mut tera = templates.clone();
    let mut parts: Vec<Option<String>> = Vec::with_capacity(BODY_COMPONENTS.len());
    for (name, values) in BODY_COMPONENTS {
        let args: Vec<String> = (values.iter().enumerate())
            .map(|(n, value)| format!("{value}=\"{}\"", markup::hole(n)))
            .collect();
        let probe = format!("{{{{<{name} {} />}}}}", args.join(" "));
        match tera.add_raw_template("warraq-body-markup.html", &probe) {
            Ok(()) => {}
            Err(e) if report(&e).contains(&format!("Unknown component `{name}`")) => {
                parts.push(None);
                continue;
            }
            Err(e) => return Err(e),
        }
        let out = tera.render("warraq-body-markup.html", &Context::new())?;
        parts.push(Some(out));
    }
    let [
        permalink,
        note_ref,
        backlink,
        backlinks,
        open,
        close,
        sic,
        supplied,
    ] = &parts[..]
    else {
        unreachable!("one part per component");
    };
    let [
        n_permalink,
        n_note_ref,
        n_backlink,
        n_backlinks,
        n_sic,
        n_supplied,
    ] = markup::VALUES;
    let pattern = |part: &Option<String>, values: usize, builtin: &Pattern| match part {
        Some(text) => Pattern::parse(text, values),
        None => builtin.clone(),
    };
    Ok(BodyMarkup {
        permalink: pattern(permalink, n_permalink, &builtin.permalink),
        note_ref: pattern(note_ref, n_note_ref, &builtin.note_ref),
        backlink: pattern(backlink, n_backlink, &builtin.backlink),
        backlinks: pattern(backlinks, n_backlinks, &builtin.backlinks),
        island_open: open.clone().unwrap_or(builtin.island_open.clone()),
        island_close: close.clone().unwrap_or(builtin.island_close.clone()),
        sic: pattern(sic, n_sic, &builtin.sic),
        supplied: pattern(supplied, n_supplied, &builtin.supplied),
    })
}

/// Tera's error with its causes, on one line each.
fn report(err: &tera::Error) -> String {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!("\n  caused by: {cause}"));
        source = cause.source();
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Ctx {
        value: &'static str,
    }

    #[test]
    fn autoescape_is_on_for_html() {
        let sources = [("t.html".to_string(), "<p>{{ value }}</p>".to_string())];
        let renderer = Renderer {
            tera: parse(&sources).unwrap(),
            as_written: parse(&sources).unwrap(),
            compact: true,
            assets: Vec::new(),
            markup: BodyMarkup::default(),
        };
        let out = renderer
            .render(
                "t.html",
                &Ctx {
                    value: "<script>\"x\"</script>",
                },
            )
            .unwrap();
        assert_eq!(out, b"<p>&lt;script&gt;&quot;x&quot;&lt;/script&gt;</p>");
    }

    #[test]
    fn builtin_templates_parse() {
        let renderer = Renderer::load(Path::new("/nonexistent-templates")).unwrap();
        assert_eq!(renderer.assets.len(), BUILTIN_ASSETS.len());
        assert!(renderer.compact, "the compact templates parse too");
    }

    #[test]
    fn builtin_body_markup_is_the_default() {
        let renderer = Renderer::load(Path::new("/nonexistent-templates")).unwrap();
        assert_eq!(renderer.markup, BodyMarkup::default());
    }
}
