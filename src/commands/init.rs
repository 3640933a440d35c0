//! `warraq init [DIR]`: a new site folder, as Zola's, Hugo's and mdBook's `init` make one:
//! `content/_index.md` with the site's two titles, `content/_sources/` for raw extractions, a
//! `.gitignore` for what a build leaves, and a GitHub Pages workflow that installs Warraq and
//! publishes the site.
//!
//! A folder that already has `content/` is refused, and so is one whose workflow file exists:
//! nothing is written then. With `--force`, an existing site gets the workflow (replacing the
//! one it has) and whatever else it lacks; the settings in `content/_index.md`, once written,
//! are never replaced. An existing `.gitignore` gets only the lines it lacks.

use std::path::PathBuf;

use crate::error::Error;
use crate::output::write::write_atomically;

/// The repository the workflow installs Warraq from: `repository` in Cargo.toml, which a fork
/// sets to its own (a site changes `WARRAQ_GIT` at the top of its workflow).
pub const WARRAQ_GIT: &str = env!("CARGO_PKG_REPOSITORY");

/// What `init` was asked.
#[derive(Clone, Debug)]
pub struct InitRequest {
    /// The site folder (made if missing).
    pub dir: PathBuf,
    /// The site's Arabic title.
    pub title: Option<String>,
    /// The site's English title.
    pub title_en: Option<String>,
    /// Write into a folder that already holds a site: the workflow is replaced, the
    /// settings kept.
    pub force: bool,
}

/// The title a site gets when none is given.
pub const DEFAULT_TITLE: &str = "أوراق بحثية";
/// The English title a site gets when none is given.
pub const DEFAULT_TITLE_EN: &str = "Research papers";

/// Lines `.gitignore` must have: the built site, and beside it the build's staging folders,
/// its record (`.site.warraq-build`) and its lock (`.site.warraq-lock`).
const IGNORED: [&str; 2] = ["/site", "/.site.*"];

/// Makes the site; the files written, in order.
pub fn run(request: &InitRequest) -> Result<Vec<PathBuf>, Error> {
    let dir = &request.dir;
    let content = dir.join("content");
    if content.exists() && !request.force {
        return Err(Error::Usage(format!(
            "{} already exists: {} already holds a site; nothing was written (with --force, \
             the folder gets the Pages workflow and what else it lacks; its settings are kept)",
            content.display(),
            dir.display()
        )));
    }
    let workflow = dir.join(".github/workflows/pages.yml");
    if workflow.exists() && !request.force {
        return Err(Error::Usage(format!(
            "{} already exists; nothing was written (--force replaces it)",
            workflow.display()
        )));
    }
    let sources = content.join("_sources");
    for folder in [&sources, &dir.join(".github/workflows")] {
        std::fs::create_dir_all(folder).map_err(|e| Error::io("create directory", folder, e))?;
    }
    let mut written = Vec::new();
    let mut write = |path: PathBuf, text: &str| -> Result<(), Error> {
        write_atomically(&path, text.as_bytes())?;
        written.push(path);
        Ok(())
    };
    let title = request.title.as_deref().unwrap_or(DEFAULT_TITLE);
    let title_en = request.title_en.as_deref().unwrap_or(DEFAULT_TITLE_EN);
    let index = content.join("_index.md");
    if !index.exists() {
        write(index, &settings(title, title_en))?;
    }
    let keep = sources.join(".gitkeep");
    if !keep.exists() {
        write(keep, "")?;
    }
    write(workflow, &pages_workflow())?;
    let gitignore = dir.join(".gitignore");
    let current = match std::fs::read_to_string(&gitignore) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(Error::io("read", &gitignore, e)),
    };
    if let Some(updated) = ignore_lines(&current) {
        write(gitignore, &updated)?;
    }
    Ok(written)
}

fn quote(text: &str) -> String {
    crate::import::render_quote(text)
}

fn settings(title: &str, title_en: &str) -> String {
    format!(
        "---\ntitle: {}\ntitle_en: {}\ndefault_language: ar\n---\n",
        quote(title),
        quote(title_en)
    )
}

/// `.gitignore` with the lines it lacks added; `None` when it has them all.
fn ignore_lines(current: &str) -> Option<String> {
    let missing: Vec<&str> = IGNORED
        .iter()
        .copied()
        .filter(|line| !current.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return None;
    }
    let mut out = current.to_owned();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    out.push_str(
        "# Warraq: the built site, and beside it the build's staging folders, its record\n\
         # (.site.warraq-build) and its lock (.site.warraq-lock).\n",
    );
    for line in missing {
        out.push_str(line);
        out.push('\n');
    }
    Some(out)
}

/// The workflow of a site that did not fork Warraq: it installs the released Warraq with cargo
/// (cached between runs), keeps every published anchor, builds and deploys.
fn pages_workflow() -> String {
    let version = env!("CARGO_PKG_VERSION");
    PAGES_WORKFLOW
        .replace("{git}", WARRAQ_GIT)
        .replace("{tag}", &format!("v{version}"))
}

const PAGES_WORKFLOW: &str = r#"# Builds this Warraq site and publishes it with GitHub's own Pages actions.
# One-time setting: Settings → Pages → Build and deployment → Source: GitHub Actions.
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

# One deployment at a time; a running one is allowed to finish.
concurrency:
  group: pages
  cancel-in-progress: false

env:
  # The Warraq this site is built with: its repository and release tag.
  WARRAQ_GIT: {git}
  WARRAQ_TAG: {tag}

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - id: cache
        uses: actions/cache@v4
        with:
          path: ~/.cargo/bin/warraq
          key: warraq-${{ runner.os }}-${{ env.WARRAQ_GIT }}-${{ env.WARRAQ_TAG }}
      - name: Install warraq
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install --locked --git "$WARRAQ_GIT" --tag "$WARRAQ_TAG" warraq
      - name: Keep every published anchor
        # The live site's anchors.json lists every URL and fragment readers may have cited;
        # the new build must keep them all (or alias them). Skipped on the first deployment.
        run: |
          if curl -fsSL "${{ steps.pages.outputs.base_url }}/anchors.json" -o previous-anchors.json; then
            warraq check --previous previous-anchors.json
          else
            echo "no published anchors.json yet: nothing to compare"
          fi
      - name: Build the site
        run: warraq build --base-url "${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site

  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gitignore_gets_only_missing_lines() {
        assert_eq!(ignore_lines("/site\n/.site.*\n"), None);
        let added = ignore_lines("target\n/site").unwrap_or_default();
        assert!(added.starts_with("target\n/site\n# Warraq"), "{added}");
        assert!(added.ends_with("/.site.*\n"), "{added}");
        assert_eq!(added.matches("/site\n").count(), 1, "{added}");
    }

    #[test]
    fn the_workflow_installs_this_version() {
        let workflow = pages_workflow();
        assert!(workflow.contains(&format!("WARRAQ_TAG: v{}", env!("CARGO_PKG_VERSION"))));
        assert!(workflow.contains("cargo install --locked --git \"$WARRAQ_GIT\""));
        assert!(!workflow.contains("{git}"));
        assert!(settings("أ \"ب\"", "B").contains("title: \"أ \\\"ب\\\"\""));
    }
}
