//! The `warraq` binary: parse the command line, run the library, print, return the exit code.

use std::process::ExitCode;

use clap::Parser;
use rayon::prelude::*;
use warraq::cli::{AlignArgs, Cli, Command, ImportArgs, InitArgs, VerifyArgs};
use warraq::commands;
use warraq::diagnostics::Diagnostic;
use warraq::error::Error;
use warraq::pipeline::{self, Options};

/// mimalloc instead of the system allocator: a build makes and frees many small strings on
/// every core, where glibc's malloc spent about 15% of the build's time.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let result = match cli.command {
        Command::Build(args) => build(
            Options {
                out: args.out.unwrap_or_else(|| args.site.root.join("site")),
                root: args.site.root,
                base_url: args.base_url,
                drafts: args.site.drafts,
                write: true,
                full: args.full,
            },
            None,
        ),
        Command::Check(args) => build(
            Options {
                out: args.site.root.join("site"),
                root: args.site.root,
                base_url: None,
                drafts: args.site.drafts,
                write: false,
                full: true,
            },
            args.previous.as_deref(),
        ),
        Command::Serve(args) => warraq::serve::run(&warraq::serve::ServeOptions {
            root: args.site.root,
            out: args.out,
            drafts: args.site.drafts,
            port: args.port,
            base_path: args.base_path,
        })
        .map(|()| ExitCode::SUCCESS),
        Command::Verify(args) => verify(&args),
        Command::Align(args) => align(&args),
        Command::Init(args) => init(args),
        Command::Import(args) => import(args),
    };
    result.unwrap_or_else(|err| {
        eprintln!("warraq: error: {err}");
        ExitCode::from(2)
    })
}

/// Prints diagnostics; true when any is an error.
///
/// Standard error is unbuffered and a diagnostic is formatted a character at a time, so the
/// whole report is formatted first and written at once.
fn report(diagnostics: &[Diagnostic]) -> bool {
    use std::io::Write as _;
    // Formatted on every core: a large site can have thousands of warnings.
    let text: String = diagnostics
        .par_iter()
        .map(|diagnostic| format!("{diagnostic}\n"))
        .collect();
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    diagnostics.iter().any(Diagnostic::is_error)
}

fn build(options: Options, previous: Option<&std::path::Path>) -> Result<ExitCode, Error> {
    // The process ends after this: the system takes its memory back at once, so the outcome
    // (tens of thousands of anchors and diagnostics on a large site) is not freed one by one.
    let mut outcome = std::mem::ManuallyDrop::new(pipeline::build(&options)?);
    if let Some(previous) = previous
        && !outcome.failed()
    {
        let lost = commands::previous::check(previous, &outcome.anchors)?;
        outcome.diagnostics.extend(lost);
    }
    report(&outcome.diagnostics);
    let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = outcome.diagnostics.len() - errors;
    if errors > 0 {
        eprintln!("warraq: {errors} error(s), {warnings} warning(s); nothing was written");
        return Ok(ExitCode::from(1));
    }
    if outcome.up_to_date {
        eprintln!(
            "warraq: {} is up to date: nothing changed since it was built ({} document(s), {} page(s); {warnings} warning(s)); `--full` builds it again",
            options.out.display(),
            outcome.documents,
            outcome.pages
        );
        return Ok(ExitCode::SUCCESS);
    }
    let verb = if outcome.written { "built" } else { "checked" };
    let place = if outcome.written {
        format!(" into {}", options.out.display())
    } else {
        String::new()
    };
    eprintln!(
        "warraq: {verb} {} document(s), {} page(s){place}; {warnings} warning(s)",
        outcome.documents, outcome.pages
    );
    if outcome.no_base_url {
        eprintln!(
            "warraq: note: no base_url, so citations carry relative addresses and pages have no canonical address or feed\n  hint: set `base_url: https://<user>.github.io/<repository>/` in content/_index.md, or build with --base-url"
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn verify(args: &VerifyArgs) -> Result<ExitCode, Error> {
    let mode = if args.strict {
        commands::verify::Mode::Strict
    } else {
        commands::verify::Mode::Letters
    };
    let (results, diagnostics) = commands::verify::run(&args.root, &args.documents, mode)?;
    let mut failed = report(&diagnostics);
    if results.is_empty() && !failed {
        eprintln!("warraq: no document names a source to verify against");
    }
    for result in &results {
        print!(
            "{}",
            result.report.render(
                &result.path.display().to_string(),
                &result.source_path.display().to_string()
            )
        );
        failed |= !result.report.is_clean();
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn align(args: &AlignArgs) -> Result<ExitCode, Error> {
    let aligned = match (&args.document, &args.ar, &args.en) {
        (Some(path), _, _) => {
            match commands::align::document(path, &commands::align::site_glossary(&args.root))? {
                Ok(aligned) => aligned,
                Err(diagnostics) => {
                    report(&diagnostics);
                    return Ok(ExitCode::from(1));
                }
            }
        }
        (None, Some(ar), Some(en)) => {
            let ar = warraq::fs::read_text(ar)?;
            let en = warraq::fs::read_text(en)?;
            warraq::align::align_texts(
                &ar,
                &en,
                args.lines,
                None,
                &commands::align::site_glossary(&args.root),
            )
            .map_err(Error::Usage)?
        }
        _ => {
            return Err(Error::Usage(
                "give a document, or both --ar FILE and --en FILE".into(),
            ));
        }
    };
    if args.json {
        println!("{}", aligned.json());
    } else {
        print!("{}", aligned.table());
        if !aligned.alignment.is_reliable() {
            eprintln!(
                "warraq: warning: this alignment is poor; the page shows the two abstracts side by side without pairing"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn init(args: InitArgs) -> Result<ExitCode, Error> {
    let request = commands::init::InitRequest {
        dir: args.dir,
        title: args.title,
        title_en: args.title_en,
        force: args.force,
    };
    let written = commands::init::run(&request)?;
    for path in &written {
        eprintln!("warraq: wrote {}", path.display());
    }
    eprintln!(
        "warraq: a new site in {}: import a paper with `warraq import --root {} RAW.txt`, then `warraq build`. The workflow installs warraq {} from {} (WARRAQ_GIT and WARRAQ_TAG in it say so).",
        request.dir.display(),
        request.dir.display(),
        env!("CARGO_PKG_VERSION"),
        commands::init::WARRAQ_GIT
    );
    Ok(ExitCode::SUCCESS)
}

fn import(args: ImportArgs) -> Result<ExitCode, Error> {
    let request = commands::import::ImportRequest {
        raw: args.raw,
        root: args.root,
        slug: args.slug,
        output: args.output,
        force: args.force,
    };
    match commands::import::run(&request)? {
        commands::import::Imported::Unreadable(message) => {
            eprintln!("{message}");
            eprintln!("warraq: nothing was written");
            Ok(ExitCode::from(1))
        }
        commands::import::Imported::Written {
            draft,
            source,
            result,
        } => {
            let (source, copied) = source;
            let kept = if copied { "copied to" } else { "kept at" };
            eprint!(
                "warraq: imported {} ({kept} {}) into {} as a draft\n{}",
                request.raw.display(),
                source.display(),
                draft.display(),
                result.report
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
