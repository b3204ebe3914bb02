//! The `minhbach` command: parse arguments, run the library, print diagnostics, exit.
//! Exit codes: 0 success, 1 content errors (or a refused `new`/`init`), 2 usage errors.

mod cli;

use std::process::ExitCode;

use clap::Parser;
use minhbach::progress;
use minhbach::scaffold::{self, ScaffoldError};
use minhbach::{BuildOptions, BuildReport};

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _printed = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        cli::Command::Build(args) => build(args),
        cli::Command::Check(args) => check(args),
        cli::Command::New(args) => {
            match scaffold::new_item(&args.site, &args.kind, &args.title, args.section.as_deref()) {
                Ok(created) => {
                    for f in &created.files {
                        println!("{f}");
                    }
                    eprintln!(
                        "created a draft in section `{}`: fill in the front matter, then delete the line `draft: true` to publish \
                     (preview it with: minhbach serve --drafts)",
                        created.section
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => scaffold_error(&e),
            }
        }
        cli::Command::Init(args) => match scaffold::init(&args.dir) {
            Ok(files) => {
                for f in &files {
                    println!("{}", args.dir.join(f).display());
                }
                eprintln!(
                    "created a new portal in {}: edit site.yaml, replace the examples under content/, then run\n  minhbach serve --site {}",
                    args.dir.display(),
                    args.dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => scaffold_error(&e),
        },
        cli::Command::Serve(args) => {
            let options = minhbach::serve::ServeOptions {
                site: args.site,
                port: args.port,
                drafts: args.drafts,
            };
            match minhbach::serve::serve(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn build(args: cli::BuildArgs) -> ExitCode {
    let mut options = BuildOptions::new(&args.site);
    options.output = args.output;
    options.drafts = args.drafts;
    options.base_url = args.base_url;
    options.precompress = args.precompress;
    options.progress = progress::Progress::wanted(args.quiet);
    let report = minhbach::build(&options);
    print_diagnostics(&report, ": nothing was written, the previous output is unchanged");
    if !args.quiet && report.success {
        let output = options.output.clone().unwrap_or_else(|| options.site.join("output"));
        eprintln!("{}", progress::summary(&report, progress::count_pages(&output)));
    }
    exit_code(&report)
}

/// The JSON document of `check --format json` (format version 1, documented in docs/deploy.md).
#[derive(serde::Serialize)]
struct CheckJson<'a> {
    /// Format version; bumped only when a field changes meaning or disappears.
    version: u32,
    /// No errors.
    ok: bool,
    /// Items that would be published.
    items: usize,
    /// Number of errors.
    errors: usize,
    /// Number of warnings.
    warnings: usize,
    /// Every diagnostic, sorted by path, line, column.
    diagnostics: &'a [minhbach::diag::Diagnostic],
}

fn check(args: cli::CheckArgs) -> ExitCode {
    let mut options = BuildOptions::new(&args.site);
    options.drafts = args.drafts;
    options.check_only = true;
    let report = minhbach::build(&options);
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = report.diagnostics.len() - errors;
    match args.format {
        cli::Format::Human => {
            print_diagnostics(&report, "");
            if report.success {
                eprintln!("checked {} items: no errors, {warnings} warning(s)", report.items);
            }
        }
        cli::Format::Json => {
            let doc = CheckJson {
                version: 1,
                ok: report.success,
                items: report.items,
                errors,
                warnings,
                diagnostics: &report.diagnostics,
            };
            match serde_json::to_string_pretty(&doc) {
                Ok(json) => println!("{json}"),
                Err(e) => {
                    eprintln!("error: cannot write the JSON report: {e}");
                    return ExitCode::from(1);
                }
            }
        }
    }
    exit_code(&report)
}

fn print_diagnostics(report: &BuildReport, after_errors: &str) {
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!("{errors} error(s){after_errors}");
    }
}

fn exit_code(report: &BuildReport) -> ExitCode {
    if report.success {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn scaffold_error(e: &ScaffoldError) -> ExitCode {
    eprintln!("error: {e}");
    match e {
        ScaffoldError::Usage(_) => ExitCode::from(2),
        ScaffoldError::Refused(_) => ExitCode::from(1),
    }
}
