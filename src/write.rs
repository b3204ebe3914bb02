//! Stage 4: write the output safely.
//!
//! A build writes into a fresh staging folder beside the output (`<output>.staging-<pid>`),
//! and only when everything succeeded swaps it in place of the previous output. A failed or
//! killed build therefore leaves the previous `output/` byte-for-byte intact, and files of
//! earlier builds that no longer exist are gone. A lock file beside the output keeps two
//! builds of one site from writing at once.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Collects the files of one build in a staging folder.
pub struct Writer {
    staging: PathBuf,
    written: Mutex<HashSet<String>>,
    dirs: Mutex<HashSet<PathBuf>>,
    errors: Mutex<Vec<String>>,
    bytes: AtomicU64,
    /// In-place mode (the development server): content hashes of the files already there;
    /// a file whose content did not change is not written again.
    in_place: Option<HashMap<String, u64>>,
    hashes: Mutex<HashMap<String, u64>>,
}

impl Writer {
    /// A writer into `staging`, which must not exist yet.
    pub fn new(staging: PathBuf) -> std::io::Result<Writer> {
        std::fs::create_dir_all(&staging)?;
        Ok(Writer {
            staging,
            written: Mutex::default(),
            dirs: Mutex::default(),
            errors: Mutex::default(),
            bytes: AtomicU64::new(0),
            in_place: None,
            hashes: Mutex::default(),
        })
    }

    /// A writer that updates `dir` in place, writing only files whose content differs from
    /// `previous` (path → content hash, as returned by [`Writer::hashes`] of the last write).
    /// Each file is replaced atomically (written beside, then renamed).
    pub fn in_place(dir: PathBuf, previous: HashMap<String, u64>) -> std::io::Result<Writer> {
        let mut w = Writer::new(dir)?;
        w.in_place = Some(previous);
        Ok(w)
    }

    /// Content hashes of every file written (or found unchanged) in in-place mode.
    pub fn hashes(&self) -> HashMap<String, u64> {
        self.hashes.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Writes `bytes` at `rel` (a `/`-separated path inside the output).
    /// A path written twice, or one climbing out of the output, is recorded as an error.
    pub fn write(&self, rel: &str, bytes: &[u8]) {
        if let Err(e) = self.try_write(rel, bytes) {
            self.fail(e);
        }
    }

    /// Copies the file at `src` to `rel`.
    pub fn copy(&self, rel: &str, src: &Path) {
        if let Some(previous) = &self.in_place {
            // In place, a copy is skipped when the source's size and time did not change.
            let stamp = std::fs::metadata(src).map_or(0, |m| {
                let t = m
                    .modified()
                    .ok()
                    .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                m.len() ^ t.map_or(0, |d| d.as_nanos() as u64).rotate_left(17)
            });
            self.hashes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(rel.to_owned(), stamp);
            if previous.get(rel) == Some(&stamp) && self.staging.join(rel).exists() {
                let _claimed = self.claim(rel);
                return;
            }
        }
        let result = self.claim(rel).and_then(|dest| {
            std::fs::copy(src, &dest).map_err(|e| format!("cannot copy {} to {rel}: {e}", src.display()))
        });
        match result {
            Ok(n) => {
                self.bytes.fetch_add(n, Ordering::Relaxed);
            }
            Err(e) => self.fail(e),
        }
    }

    fn try_write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        if let Some(previous) = &self.in_place {
            let hash = crate::render::theme::fnv1a(bytes);
            self.hashes
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(rel.to_owned(), hash);
            let dest = self.claim(rel)?;
            if previous.get(rel) == Some(&hash) && dest.exists() {
                return Ok(());
            }
            let tmp = dest.with_file_name(format!(
                ".{}.tmp",
                dest.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            ));
            std::fs::write(&tmp, bytes).map_err(|e| format!("cannot write {rel}: {e}"))?;
            std::fs::rename(&tmp, &dest).map_err(|e| format!("cannot write {rel}: {e}"))?;
            self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            return Ok(());
        }
        let dest = self.claim(rel)?;
        let mut f = std::fs::File::create(&dest).map_err(|e| format!("cannot create {rel}: {e}"))?;
        f.write_all(bytes).map_err(|e| format!("cannot write {rel}: {e}"))?;
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        Ok(())
    }

    /// Reserves `rel` and creates its folder; returns the destination path.
    fn claim(&self, rel: &str) -> Result<PathBuf, String> {
        if rel.is_empty() || rel.split('/').any(|p| p.is_empty() || p == ".." || p == ".") || rel.contains(['\\', '\0'])
        {
            return Err(format!("refusing to write the output path `{rel}`"));
        }
        if !self
            .written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned())
        {
            return Err(format!("two outputs would be written to `{rel}`"));
        }
        let dest = self.staging.join(rel);
        if let Some(parent) = dest.parent() {
            let known = self.dirs.lock().unwrap_or_else(|e| e.into_inner()).contains(parent);
            if !known {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot create the folder for {rel}: {e}"))?;
                self.dirs
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .insert(parent.to_path_buf());
            }
        }
        Ok(dest)
    }

    fn fail(&self, e: String) {
        self.errors.lock().unwrap_or_else(|e| e.into_inner()).push(e);
    }

    /// Problems met while writing, sorted.
    pub fn errors(&self) -> Vec<String> {
        let mut v = self.errors.lock().unwrap_or_else(|e| e.into_inner()).clone();
        v.sort();
        v
    }

    /// Number of files written.
    pub fn file_count(&self) -> usize {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether `rel` was written.
    pub fn contains(&self, rel: &str) -> bool {
        self.written.lock().unwrap_or_else(|e| e.into_inner()).contains(rel)
    }

    /// Bytes written.
    pub fn byte_count(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The staging folder.
    pub fn staging(&self) -> &Path {
        &self.staging
    }
}

/// The staging folder for a build into `output`.
pub fn staging_path(output: &Path) -> PathBuf {
    sibling(output, &format!("staging-{}", std::process::id()))
}

fn sibling(output: &Path, suffix: &str) -> PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    output.with_file_name(format!(".{name}.{suffix}"))
}

/// Replaces `output` with `staging`. The old output is renamed aside first, then removed,
/// so at every moment one complete site is in place or being put in place by one rename.
pub fn swap_in(staging: &Path, output: &Path) -> std::io::Result<()> {
    let old = sibling(output, &format!("old-{}", std::process::id()));
    let had_old = output.exists();
    if had_old {
        std::fs::rename(output, &old)?;
    }
    if let Err(e) = std::fs::rename(staging, output) {
        if had_old {
            // Put the previous site back.
            let _restored = std::fs::rename(&old, output);
        }
        return Err(e);
    }
    if had_old {
        // The new site is in place: failing to delete the old one is not a failed build.
        let _removed = remove_tree(&old);
    }
    Ok(())
}

/// Removes a folder tree, unlinking files in parallel (much faster than one by one on large
/// outputs), then the folders deepest first.
pub fn remove_tree(dir: &Path) -> std::io::Result<()> {
    use rayon::prelude::*;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        if entry.file_type().is_dir() {
            dirs.push((entry.depth(), entry.into_path()));
        } else {
            files.push(entry.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        let _ignored = std::fs::remove_file(f);
    });
    dirs.sort_by_key(|d| std::cmp::Reverse(d.0));
    for (_, d) in &dirs {
        let _ignored = std::fs::remove_dir(d);
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir)
    } else {
        Ok(())
    }
}

/// Removes staging folders left by builds that were killed (their process no longer runs).
pub fn clean_stale(output: &Path) {
    let Some(parent) = output.parent() else { return };
    restore_interrupted_swap(output);
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefixes = [format!(".{name}.staging-"), format!(".{name}.old-")];
    let Ok(entries) = std::fs::read_dir(if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    }) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        for p in &prefixes {
            if let Some(pid) = n.strip_prefix(p.as_str()) {
                let alive = pid
                    .parse::<u32>()
                    .is_ok_and(|pid| pid == std::process::id() || Path::new(&format!("/proc/{pid}")).exists());
                if !alive {
                    let _ignored = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
}

/// A build killed between the two renames of [`swap_in`] leaves no output but the previous
/// site renamed aside: put it back before anything else.
fn restore_interrupted_swap(output: &Path) {
    if output.exists() {
        return;
    }
    let Some(parent) = output.parent() else { return };
    let name = output
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let prefix = format!(".{name}.old-");
    let dir = if parent.as_os_str().is_empty() {
        Path::new(".")
    } else {
        parent
    };
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let dead = n
            .strip_prefix(prefix.as_str())
            .and_then(|pid| pid.parse::<u32>().ok())
            .is_some_and(|pid| pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists());
        if dead && std::fs::rename(e.path(), output).is_ok() {
            return;
        }
    }
}

/// A lock held for the duration of a build; released (file removed) on drop.
pub struct BuildLock {
    path: PathBuf,
}

impl BuildLock {
    /// Takes the lock beside `output`, or explains who holds it.
    pub fn acquire(output: &Path) -> Result<BuildLock, String> {
        let path = sibling(output, "lock");
        for _ in 0..2 {
            // The pid is written first, then the lock appears atomically (a hard link), so a
            // reader never sees an empty lock.
            let tmp = sibling(output, &format!("lock-{}", std::process::id()));
            if let Err(e) = std::fs::write(&tmp, format!("{}\n", std::process::id())) {
                return Err(format!("cannot create the lock file {}: {e}", tmp.display()));
            }
            let linked = std::fs::hard_link(&tmp, &path);
            let _removed = std::fs::remove_file(&tmp);
            match linked {
                Ok(()) => {
                    return Ok(BuildLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    let pid = holder.trim().parse::<u32>().ok();
                    let alive = pid.is_some_and(|p| Path::new(&format!("/proc/{p}")).exists());
                    if alive {
                        return Err(format!(
                            "another build (process {}) is writing this output; wait for it to finish",
                            holder.trim()
                        ));
                    }
                    // A stale lock from a killed build.
                    let _removed = std::fs::remove_file(&path);
                }
                Err(e) => return Err(format!("cannot create the lock file {}: {e}", path.display())),
            }
        }
        Err(format!("cannot take the lock {}", path.display()))
    }
}

impl Drop for BuildLock {
    fn drop(&mut self) {
        let _removed = std::fs::remove_file(&self.path);
    }
}
