//! The `warraq` binary: parse the command line, run the library, print, return the exit code.

use std::process::ExitCode;

use clap::Parser;
use warraq::cli::{Cli, Command};
use warraq::pipeline::{self, Options};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let options = match cli.command {
        Command::Build(args) => Options {
            out: args.out.unwrap_or_else(|| args.site.root.join("site")),
            root: args.site.root,
            base_url: args.base_url,
            drafts: args.site.drafts,
            write: true,
        },
        Command::Check(args) => Options {
            out: args.root.join("site"),
            root: args.root,
            base_url: None,
            drafts: args.drafts,
            write: false,
        },
    };
    match pipeline::build(&options) {
        Ok(outcome) => {
            for diagnostic in &outcome.diagnostics {
                eprintln!("{diagnostic}");
            }
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = outcome.diagnostics.len() - errors;
            if errors > 0 {
                eprintln!("warraq: {errors} error(s), {warnings} warning(s); nothing was written");
                ExitCode::from(1)
            } else {
                let verb = if outcome.written { "built" } else { "checked" };
                eprintln!(
                    "warraq: {verb} {} document(s), {} page(s){}; {warnings} warning(s)",
                    outcome.documents,
                    outcome.pages,
                    if outcome.written {
                        format!(" into {}", options.out.display())
                    } else {
                        String::new()
                    }
                );
                ExitCode::SUCCESS
            }
        }
        Err(err) => {
            eprintln!("warraq: error: {err}");
            ExitCode::from(2)
        }
    }
}
