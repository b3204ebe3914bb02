//! The `minhbach` command: parse arguments, run the library, print diagnostics, exit.
//! Exit codes: 0 success, 1 content errors, 2 usage errors.

mod cli;

use std::process::ExitCode;

use clap::Parser;
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
        cli::Command::Build(args) => {
            let mut options = BuildOptions::new(&args.site);
            options.output = args.output;
            options.drafts = args.drafts;
            options.base_url = args.base_url;
            let report = minhbach::build(&options);
            print_diagnostics(&report);
            if !args.quiet && report.success {
                let kinds: Vec<String> = report.per_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
                eprintln!(
                    "built {} items ({}) into {} files, {:.1} MB, in {:.2} s",
                    report.items,
                    kinds.join(", "),
                    report.files,
                    report.bytes as f64 / 1e6,
                    report.seconds
                );
            }
            exit_code(&report)
        }
        cli::Command::Check(args) => {
            let mut options = BuildOptions::new(&args.site);
            options.drafts = args.drafts;
            options.check_only = true;
            let report = minhbach::build(&options);
            match args.format {
                cli::Format::Human => {
                    print_diagnostics(&report);
                    if report.success {
                        eprintln!("checked {} items: no errors", report.items);
                    }
                }
                cli::Format::Json => {
                    let v = serde_json::json!({
                        "ok": report.success,
                        "items": report.items,
                        "errors": report.diagnostics.iter().filter(|d| d.is_error()).count(),
                        "warnings": report.diagnostics.iter().filter(|d| !d.is_error()).count(),
                        "diagnostics": report.diagnostics,
                    });
                    println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
                }
            }
            exit_code(&report)
        }
    }
}

fn print_diagnostics(report: &BuildReport) {
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        eprintln!("{errors} error(s): nothing was written, the previous output is unchanged");
    }
}

fn exit_code(report: &BuildReport) -> ExitCode {
    if report.success { ExitCode::SUCCESS } else { ExitCode::from(1) }
}
