//! Watching the site folder: which changes matter, and a debounce that turns an editor's burst
//! of events (backup file, rename, write) into one rebuild.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Folders of a site that are watched recursively; the site folder itself is watched alone
/// (for `site.yaml` and for these folders appearing).
const WATCHED_DIRS: &[&str] = &["content", "static", "themes", "templates"];

/// The longest a burst of changes may delay a rebuild.
const MAX_WAIT: Duration = Duration::from_secs(2);

/// Whether a change at `rel` (relative to the site folder) is ignored: the generated `output/`,
/// hidden files and folders (`.git`, build locks, editor lock files), editor temporaries.
pub fn ignored(rel: &Path) -> bool {
    let mut components = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .peekable();
    if components.peek().is_some_and(|first| first == "output") {
        return true;
    }
    let parts: Vec<String> = components.collect();
    if parts.iter().any(|p| p.starts_with('.')) {
        return true;
    }
    let Some(name) = parts.last() else { return true };
    name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [
            ".swp",
            ".swx",
            ".swo",
            ".tmp",
            ".crswap",
            ".kate-swp",
            "___jb_tmp___",
            "___jb_old___",
        ]
        .iter()
        .any(|s| name.ends_with(s))
}

/// A watch on one site folder.
pub struct SiteWatch {
    root: PathBuf,
    watcher: RecommendedWatcher,
    rx: Receiver<notify::Result<notify::Event>>,
    watched: BTreeSet<PathBuf>,
}

impl SiteWatch {
    /// Starts watching `root` (canonicalized).
    pub fn new(root: &Path) -> Result<SiteWatch, String> {
        let root = std::fs::canonicalize(root).map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let (tx, rx) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
        watcher
            .watch(&root, RecursiveMode::NonRecursive)
            .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
        let mut w = SiteWatch {
            root,
            watcher,
            rx,
            watched: BTreeSet::new(),
        };
        w.add_dirs();
        Ok(w)
    }

    /// Watches the site's folders that exist and are not watched yet.
    fn add_dirs(&mut self) {
        for d in WATCHED_DIRS {
            let p = self.root.join(d);
            if !p.is_dir() {
                self.watched.remove(&p);
            } else if !self.watched.contains(&p) && self.watcher.watch(&p, RecursiveMode::Recursive).is_ok() {
                self.watched.insert(p);
            }
        }
    }

    /// Blocks until a change that matters, then until no further change came for `quiet`
    /// (at most 2 s); returns the changed paths, relative to the site. With `idle`, returns an
    /// empty list when no change came for that long. Returns `None` when `stop()` became true
    /// or the watcher ended.
    pub fn next_batch(
        &mut self,
        quiet: Duration,
        idle: Option<Duration>,
        stop: &dyn Fn() -> bool,
    ) -> Option<Vec<String>> {
        let mut changed: BTreeSet<String> = BTreeSet::new();
        // (first, last) relevant change of this batch.
        let mut seen: Option<(Instant, Instant)> = None;
        let called = Instant::now();
        loop {
            if stop() {
                return None;
            }
            let wait = match (seen, idle) {
                (None, Some(idle)) if called.elapsed() >= idle => return Some(Vec::new()),
                (None, Some(idle)) => idle.saturating_sub(called.elapsed()).min(Duration::from_millis(200)),
                (None, None) => Duration::from_millis(200),
                (Some((first, last)), _) => quiet
                    .saturating_sub(last.elapsed())
                    .min(MAX_WAIT.saturating_sub(first.elapsed())),
            };
            if seen.is_some() && wait.is_zero() {
                self.add_dirs();
                return Some(changed.into_iter().collect());
            }
            match self.rx.recv_timeout(wait) {
                Ok(Ok(event)) => {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    for p in &event.paths {
                        let rel = p.strip_prefix(&self.root).unwrap_or(p);
                        if rel.as_os_str().is_empty() || ignored(rel) {
                            continue;
                        }
                        changed.insert(rel.to_string_lossy().replace('\\', "/"));
                        let now = Instant::now();
                        seen = Some((seen.map_or(now, |(first, _)| first), now));
                    }
                }
                // An error of the watcher itself (e.g. too many watches): later changes still count.
                Ok(Err(_)) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_output_hidden_and_editor_files() {
        for p in [
            "output/index.html",
            ".git/index",
            "content/.#a.md",
            "content/tin/.a.md.swp",
            "content/a.md~",
            "content/#a.md#",
            "content/4913",
            ".output.lock",
            "content/a.md___jb_tmp___",
        ] {
            assert!(ignored(Path::new(p)), "{p}");
        }
        for p in [
            "site.yaml",
            "content/tin-tuc/a.md",
            "static/logo.svg",
            "themes/x/templates/base.html",
            "content/output/a.md",
        ] {
            assert!(!ignored(Path::new(p)), "{p}");
        }
    }
}
