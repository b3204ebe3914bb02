//! Command-line interface (clap derive); doc comments are the help text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// minhbach: a static site generator for transparency portals of People's Committees.
#[derive(Debug, Parser)]
#[command(name = "minhbach", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Validate the site without writing anything.
    Check(CheckArgs),
}

/// Options of `minhbach build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The output folder [default: <site>/output].
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Override base_url from site.yaml (e.g. http://127.0.0.1:8080/portal/).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Print only problems.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Options of `minhbach check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// Report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per problem.
    Human,
    /// A JSON document, for CI.
    Json,
}
