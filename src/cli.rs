//! The command line: subcommands and flags, and what each exit code means.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Exit codes, documented in `--help`.
pub(crate) const EXIT_HELP: &str = "Exit codes:
  0  success (warnings may have been printed)
  1  the content has errors (each printed as file:line:column); nothing was written
  2  usage, IO or template failure";

/// Warraq publishes Arabic research papers as a bilingual reading website.
#[derive(Debug, Parser)]
#[command(name = "warraq", version, about, after_help = EXIT_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site from content/ into site/ (replaced only when the build succeeds).
    ///
    /// When nothing changed since the last build into the same folder (program, options,
    /// sources, and the output as that build left it), the site is left as it is and that
    /// build's warnings are shown again; `--full` builds it anyway.
    #[command(after_help = EXIT_HELP)]
    Build(BuildArgs),
    /// Do everything a build does except writing, and print every diagnostic.
    ///
    /// The built pages are checked too: every local link and #fragment resolves, and no link
    /// is absolute to the site itself.
    #[command(after_help = EXIT_HELP)]
    Check(CheckArgs),
    /// Prove converted documents hold exactly the letters of their raw sources.
    ///
    /// Compares the Arabic letters, Latin letters and digits of each document against its
    /// `source.file`, minus what `source.removed` declares and with `source.repairs` applied,
    /// and reports per block what was lost or added, with source line numbers. `--strict`
    /// compares the signs too (punctuation, brackets, quotes, dashes, harakat).
    #[command(after_help = EXIT_HELP)]
    Verify(VerifyArgs),
    /// Preview the site on http://127.0.0.1 while editing: rebuilds on change, reloads the page.
    ///
    /// Writes the preview to a folder of its own (never site/); a rebuild with errors prints
    /// them and keeps serving the last good preview. Changes under content/ and templates/ are
    /// told by the system; set WARRAQ_POLL=1 to check for them every 50 ms instead (for file
    /// systems that send no notices). One serve per preview folder: a second one stops.
    Serve(ServeArgs),
    /// Show how an abstract's Arabic and English sentences pair up.
    #[command(after_help = EXIT_HELP)]
    Align(AlignArgs),
    /// Start a new site: content/_index.md, content/_sources/, .gitignore and a GitHub Pages
    /// workflow. Refuses a folder that already has content/ or the workflow, unless --force.
    #[command(after_help = EXIT_HELP)]
    Init(InitArgs),
    /// Turn a raw PDF text extraction into a draft document that passes `verify`.
    ///
    /// Keeps a copy of the raw file under content/_sources/ (unless it is already inside
    /// content/), writes content/<slug>.md marked `draft: true`, and prints what it repaired,
    /// what it removed and what the editor must still decide. Exit 1 when the file cannot be
    /// read as Arabic text (an encoding problem names its byte), 2 for usage and IO problems.
    #[command(after_help = EXIT_HELP)]
    Import(ImportArgs),
}

/// Flags of `init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to make the site in (made if missing).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// The site's Arabic title [default: أوراق بحثية].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// The site's English title [default: Research papers].
    #[arg(long, value_name = "TEXT")]
    pub title_en: Option<String>,
    /// Also in a folder that already holds a site: writes the Pages workflow over an existing
    /// one and adds what else is missing; content/_index.md is never replaced.
    #[arg(long)]
    pub force: bool,
}

/// Flags of `import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The raw extraction: UTF-8 (with or without a byte order mark) or UTF-16 with one.
    #[arg(value_name = "RAW.txt")]
    pub raw: PathBuf,
    /// The site folder, holding content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// The document's slug [default: the raw file's name, when it is a valid slug].
    #[arg(long, value_name = "SLUG")]
    pub slug: Option<String>,
    /// Where to write the draft [default: <root>/content/<slug>.md].
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace an existing draft, or a different file kept under the same source name.
    #[arg(long)]
    pub force: bool,
}

/// Flags of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// The site folder, holding content/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Documents to verify [default: every document that names a source].
    #[arg(value_name = "DOCUMENT.md")]
    pub documents: Vec<PathBuf>,
    /// Also compare punctuation, brackets, quotation marks, dashes and harakat, block by block,
    /// and report every difference no `source.repairs` or `source.removed` covers.
    #[arg(long)]
    pub strict: bool,
}

/// Flags of `align`.
#[derive(Debug, Args)]
pub struct AlignArgs {
    /// A document whose `abstract.ar` and `abstract.en` to align.
    #[arg(value_name = "DOCUMENT.md", required_unless_present_all = ["ar", "en"], conflicts_with_all = ["ar", "en"])]
    pub document: Option<PathBuf>,
    /// A plain Arabic text to align with --en.
    #[arg(long, value_name = "FILE", requires = "en")]
    pub ar: Option<PathBuf>,
    /// A plain English text to align with --ar.
    #[arg(long, value_name = "FILE", requires = "ar")]
    pub en: Option<PathBuf>,
    /// The texts hold one sentence per line (no sentence splitting); with --ar and --en only.
    #[arg(long, requires = "ar")]
    pub lines: bool,
    /// Print JSON: {"ar_sentences", "en_sentences", "beads", "costs", ...}.
    #[arg(long)]
    pub json: bool,
    /// The site folder whose content/_index.md glossary to use.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

/// Where the site is.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder, holding content/ and templates/.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Include documents marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Flags of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The previous release's anchors.json (or its site folder): fail for every anchor it
    /// lists that this build lost and no `aliases:` entry keeps.
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
}

/// Flags of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site [default: <root>/site].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The public URL of the site root, for canonical links (overrides content/_index.md).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Build everything, even when nothing changed since the last build into the same folder.
    #[arg(long)]
    pub full: bool,
}

/// Flags of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Serve the site under this path, e.g. `/repo/` as on a GitHub project page.
    #[arg(long, default_value = "/", value_name = "PATH")]
    pub base_path: String,
    /// Where to write the preview [default: a folder under the system's temp folder].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}
