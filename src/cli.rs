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
    /// Create a new item, with the front matter of its kind filled in, as a draft.
    New(NewArgs),
    /// Create a new portal skeleton with one example of each kind.
    Init(InitArgs),
    /// Build, serve on 127.0.0.1, rebuild on every change and reload open pages.
    Serve(ServeArgs),
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
    /// Also write `.gz` and `.br` beside every text file (for nginx gzip_static and CDNs).
    #[arg(long)]
    pub precompress: bool,
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
    /// Output format: `human` lines on stderr, or one `json` document on stdout (see docs/deploy.md).
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

/// Options of `minhbach new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Kind of item: news, procedure, document, budget, inspection, complaint, procurement,
    /// statistics or page (plural and Vietnamese names such as `tin-tuc` or `thu-tuc` work too).
    pub kind: String,
    /// Title of the item, in Vietnamese; the file name is folded from it
    /// ("Đăng ký khai sinh" → dang-ky-khai-sinh.md).
    pub title: String,
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// The section folder under content/ [default: the first section of that kind].
    #[arg(long)]
    pub section: Option<String>,
}

/// Options of `minhbach init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder to create the portal in; it must not exist or be empty.
    pub dir: PathBuf,
}

/// Options of `minhbach serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// The site folder (holding site.yaml).
    #[arg(long, default_value = ".")]
    pub site: PathBuf,
    /// Port on 127.0.0.1 [default: 8080, or any free port when 8080 is taken]; 0 picks a free port.
    #[arg(long)]
    pub port: Option<u16>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
}
