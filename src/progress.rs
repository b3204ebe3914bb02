//! Build progress on a terminal, and the one-line summary every build ends with.
//!
//! When enabled (stderr is a terminal and `--quiet` was not given), a build shows one status
//! line, rewritten in place with `\r`: what it loads, then the items per kind, then the files
//! written so far with the rate. The line is erased when the build ends, so that only the
//! summary (and the diagnostics) remain. When disabled, nothing is printed at all.

use std::io::Write as _;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::model::{Item, Kind};
use crate::write::Writer;

/// How long a build runs before its status line appears: short builds print nothing extra.
const SHOW_AFTER: Duration = Duration::from_millis(200);
/// How often the status line is rewritten.
const TICK: Duration = Duration::from_millis(100);

/// The status line of one build (inert when disabled).
#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    start: Instant,
    shown: AtomicBool,
    loaded: std::sync::Mutex<String>,
}

impl Progress {
    /// A status line, shown only when `enabled`.
    pub fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            start: Instant::now(),
            shown: AtomicBool::new(false),
            loaded: std::sync::Mutex::default(),
        }
    }

    /// Whether progress should be shown: stderr is a terminal and the user did not ask for quiet.
    pub fn wanted(quiet: bool) -> bool {
        use std::io::IsTerminal as _;
        !quiet && std::io::stderr().is_terminal()
    }

    /// Records the items loaded, per kind.
    pub fn loaded(&self, items: &[Item]) {
        if !self.enabled {
            return;
        }
        self.status(&format!(
            "loaded {} items ({}); rendering…",
            items.len(),
            per_kind(items)
        ));
        *self.loaded.lock().unwrap_or_else(|e| e.into_inner()) = format!("rendering {} items", items.len());
    }

    /// Runs `render` while a ticker shows the files `writer` has written and the rate.
    pub fn rendering<R>(&self, writer: &Writer, render: impl FnOnce() -> R) -> R {
        if !self.enabled {
            return render();
        }
        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                let started = Instant::now();
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(TICK);
                    if done.load(Ordering::Relaxed) {
                        break;
                    }
                    let files = writer.file_count();
                    let secs = started.elapsed().as_secs_f64().max(0.001);
                    let loaded = self.loaded.lock().unwrap_or_else(|e| e.into_inner()).clone();
                    self.status(&format!(
                        "{loaded}: {files} files written, {:.1} MB, {:.0} files/s",
                        writer.byte_count() as f64 / 1e6,
                        files as f64 / secs
                    ));
                }
            });
            let r = render();
            done.store(true, Ordering::Relaxed);
            r
        })
    }

    fn status(&self, line: &str) {
        if self.start.elapsed() < SHOW_AFTER {
            return;
        }
        self.shown.store(true, Ordering::Relaxed);
        let mut err = std::io::stderr().lock();
        // `\r` back to the start of the line, ESC[K erases what a longer line left.
        let _ignored = write!(err, "\r{}\x1b[K", fit(line, width()));
        let _flushed = err.flush();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if self.enabled && self.shown.load(Ordering::Relaxed) {
            let _ignored = write!(std::io::stderr(), "\r\x1b[K");
        }
    }
}

/// The terminal's width from `COLUMNS`, else 80, less one column so the line never wraps.
fn width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|w| *w >= 20)
        .unwrap_or(80)
        - 1
}

fn fit(line: &str, width: usize) -> String {
    if line.chars().count() <= width {
        line.to_owned()
    } else {
        line.chars().take(width - 1).chain(['…']).collect()
    }
}

/// `15 news, 22 procedures, …` for the kinds present.
pub fn per_kind(items: &[Item]) -> String {
    let parts: Vec<String> = Kind::ALL
        .iter()
        .map(|k| (k.name(), items.iter().filter(|i| i.kind() == *k).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| format!("{n} {k}"))
        .collect();
    parts.join(", ")
}

/// Number of HTML pages under `dir`.
pub fn count_pages(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.file_name().to_string_lossy().ends_with(".html"))
        .count()
}

/// The one-line summary of a build: `built 63 items (15 news, …): 182 pages, 413 files, 2.3 MB in 0.33 s`.
pub fn summary(report: &crate::BuildReport, pages: usize) -> String {
    let kinds: Vec<String> = report.per_kind.iter().map(|(k, n)| format!("{n} {k}")).collect();
    let kinds = if kinds.is_empty() {
        String::new()
    } else {
        format!(" ({})", kinds.join(", "))
    };
    format!(
        "built {} items{kinds}: {pages} pages, {} files, {} in {:.2} s",
        report.items,
        report.files,
        human_bytes(report.bytes),
        report.seconds
    )
}

/// `2.3 MB`, `840 KB`, `12 B`.
pub fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        n if n >= 1_000 => format!("{} KB", n / 1_000),
        n => format!("{n} B"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line() {
        let r = crate::BuildReport {
            items: 3,
            files: 10,
            bytes: 2_345_678,
            seconds: 0.5,
            per_kind: vec![("news", 2), ("pages", 1)],
            ..Default::default()
        };
        assert_eq!(
            summary(&r, 7),
            "built 3 items (2 news, 1 pages): 7 pages, 10 files, 2.3 MB in 0.50 s"
        );
        assert_eq!(human_bytes(840_512), "840 KB");
        assert_eq!(fit("abcdef", 4), "abc…");
    }

    #[test]
    fn disabled_progress_prints_nothing_and_runs_the_work() {
        let p = Progress::new(false);
        let dir = std::env::temp_dir().join(format!("minhbach-progress-{}", std::process::id()));
        let w = Writer::new(dir.clone()).expect("writer");
        assert_eq!(p.rendering(&w, || 42), 42);
        let _removed = std::fs::remove_dir_all(dir);
    }
}
