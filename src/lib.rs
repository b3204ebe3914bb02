//! minhbach turns a folder of Markdown, YAML and CSV into a static transparency portal.
//!
//! The pipeline, one module per stage:
//! 1. [`config`]: read `site.yaml`;
//! 2. [`load`]: walk `content/`, read every record into the typed [`model`];
//! 3. [`link`]: give items URLs, render Markdown, resolve referenced files;
//! 4. [`render`]: render pages through Tera in parallel, feeds, open data, [`search`] index;
//! 5. [`write`]: write into a staging folder and swap it in only when all succeeded.
//!
//! Every problem is a [`diag::Diagnostic`] `path:line:column: message (hint)`; a build collects
//! all of them and fails without touching the previous output when any is an error.

pub mod build;
pub mod compress;
pub mod config;
pub mod dates;
pub mod diag;
pub(crate) mod fxhash;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod numbers;
pub mod pii;
pub mod progress;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod tables;
pub mod text;
pub mod timing;
pub mod write;

pub use build::{BuildOptions, BuildReport, build};
