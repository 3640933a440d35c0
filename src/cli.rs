//! The command line: subcommands and flags, and what each exit code means.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Exit codes, documented in `--help`.
pub const EXIT_HELP: &str = "Exit codes:
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
    #[command(after_help = EXIT_HELP)]
    Build(BuildArgs),
    /// Do everything a build does except writing, and print every diagnostic.
    #[command(after_help = EXIT_HELP)]
    Check(SiteArgs),
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
}
