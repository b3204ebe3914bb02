//! Stage 4: write the output safely.
//!
//! A build writes into a fresh staging folder beside the output (`<output>.staging-<pid>`),
//! and only when everything succeeded swaps it in place of the previous output. A failed or
//! killed build therefore leaves the previous `output/` byte-for-byte intact, and files of
//! earlier builds that no longer exist are gone. A lock file beside the output keeps two
//! builds of one site from writing at once.
//!
//! A rebuild into an existing output does not write what did not change: a file whose bytes
//! equal those of the previous output's file at the same path is hard-linked from it into the
//! staging folder ([`Writer::link_from`]). Only changed files get new inodes, and removing the
//! previous tree after the swap frees only those. No code path here ever opens an existing file
//! for writing (new files are created with `create_new`, in-place updates are written beside and
//! renamed), so a file shared by a link is never changed through either of its names.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

/// The previous output's regular files, which unchanged files are hard-linked from.
struct Previous {
    dir: PathBuf,
    /// Output path (`/`-separated) → inode number, as found by the walk.
    files: HashMap<String, u64>,
}

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
    previous: Option<Previous>,
    linked: AtomicUsize,
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
            previous: None,
            linked: AtomicUsize::new(0),
        })
    }

    /// Hard-links files whose bytes did not change from the previous output `dir` instead of
    /// writing them again. Only regular files found by walking `dir` without following links
    /// are used; a missing or unreadable `dir` means every file is written.
    pub fn link_from(mut self, dir: &Path) -> Writer {
        self.previous = Some(Previous {
            dir: dir.to_path_buf(),
            files: regular_files(dir),
        });
        self
    }

    /// Number of files hard-linked from the previous output.
    pub fn linked_count(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// A writer that updates `dir` in place, writing only files whose content differs from
    /// `previous` (path → content hash, as returned by [`Writer::hashes`] of the last write).
    /// Each file is replaced atomically (written beside, then renamed).
    pub fn in_place(dir: PathBuf, previous: HashMap<String, u64>) -> std::io::Result<Writer> {
        let mut w = Writer::new(dir)?;
        w.in_place = Some(previous);
        Ok(w)
    }

    /// In-place mode: replaces the content hashes of the files already there (see
    /// [`Writer::in_place`]).
    pub fn with_previous(mut self, previous: HashMap<String, u64>) -> Writer {
        self.in_place = Some(previous);
        self
    }

    /// In-place mode: the hashes the writer started from, updated with those of every file
    /// written (or found unchanged) since.
    pub fn into_hashes(self) -> HashMap<String, u64> {
        let mut all = self.in_place.unwrap_or_default();
        all.extend(self.hashes.into_inner().unwrap_or_else(|e| e.into_inner()));
        all
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
            let failed = |e: std::io::Error| format!("cannot copy {} to {rel}: {e}", src.display());
            if self.in_place.is_some() {
                return replace_file(&dest, |tmp| copy_new(src, tmp)).map_err(failed);
            }
            if let Some(n) = self.link_unchanged(rel, &dest, |prev| same_files(src, prev)) {
                return Ok(n);
            }
            copy_new(src, &dest).map_err(failed)
        });
        match result {
            Ok(n) => {
                self.bytes.fetch_add(n, Ordering::Relaxed);
            }
            Err(e) => self.fail(e),
        }
    }

    /// Links `rel` from the previous output when `same` says its file there holds the bytes
    /// to write; returns their number, or `None` when the file must be written.
    fn link_unchanged(
        &self,
        rel: &str,
        dest: &Path,
        same: impl FnOnce(&mut std::fs::File) -> std::io::Result<Option<u64>>,
    ) -> Option<u64> {
        let previous = self.previous.as_ref()?;
        let ino = *previous.files.get(rel)?;
        let path = previous.dir.join(rel);
        let mut file = open_regular(&path, ino)?;
        let n = same(&mut file).ok()??;
        std::fs::hard_link(&path, dest).ok()?;
        // The name might have been replaced between the check and the link: keep the link only
        // when it is the very file compared.
        if std::fs::symlink_metadata(dest).is_ok_and(|m| is_same_file(&m, ino)) {
            self.linked.fetch_add(1, Ordering::Relaxed);
            Some(n)
        } else {
            let _removed = std::fs::remove_file(dest);
            None
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
            replace_file(&dest, |tmp| write_new(tmp, bytes)).map_err(|e| format!("cannot write {rel}: {e}"))?;
            self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            return Ok(());
        }
        let dest = self.claim(rel)?;
        let n = match self.link_unchanged(rel, &dest, |prev| same_bytes(prev, bytes)) {
            Some(n) => n,
            None => write_new(&dest, bytes).map_err(|e| format!("cannot write {rel}: {e}"))?,
        };
        self.bytes.fetch_add(n, Ordering::Relaxed);
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

/// Creates `path`, which must not exist (a leftover is unlinked first, never truncated: it may
/// share its inode with a file of the previous output), and writes `bytes`.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<u64> {
    let mut f = create_new(path)?;
    f.write_all(bytes)?;
    Ok(bytes.len() as u64)
}

/// Copies `src` to a new file at `path` (see [`write_new`]), with `src`'s permissions.
fn copy_new(src: &Path, path: &Path) -> std::io::Result<u64> {
    let mut from = std::fs::File::open(src)?;
    let permissions = from.metadata()?.permissions();
    let mut to = create_new(path)?;
    let n = std::io::copy(&mut from, &mut to)?;
    to.set_permissions(permissions)?;
    Ok(n)
}

fn create_new(path: &Path) -> std::io::Result<std::fs::File> {
    let open = || std::fs::OpenOptions::new().write(true).create_new(true).open(path);
    match open() {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            std::fs::remove_file(path)?;
            open()
        }
        other => other,
    }
}

/// Replaces `dest` atomically: `fill` creates a temporary file beside it, which is renamed over it.
fn replace_file(dest: &Path, fill: impl FnOnce(&Path) -> std::io::Result<u64>) -> std::io::Result<u64> {
    let name = dest
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = dest.with_file_name(format!(".{name}.tmp"));
    let n = fill(&tmp)?;
    std::fs::rename(&tmp, dest)?;
    Ok(n)
}

/// Every regular file under `dir` (links not followed): output path → inode number.
fn regular_files(dir: &Path) -> HashMap<String, u64> {
    use walkdir::DirEntryExt as _;
    let mut files = HashMap::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let Some(rel) = entry.path().strip_prefix(dir).ok().and_then(Path::to_str) else {
            continue;
        };
        files.insert(rel.replace(std::path::MAIN_SEPARATOR, "/"), entry.ino());
    }
    files
}

/// Opens `path` for reading when it is still the regular file `ino` the walk found.
fn open_regular(path: &Path, ino: u64) -> Option<std::fs::File> {
    let file = std::fs::File::open(path).ok()?;
    let meta = file.metadata().ok()?;
    is_same_file(&meta, ino).then_some(file)
}

fn is_same_file(meta: &std::fs::Metadata, ino: u64) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    meta.is_file() && meta.ino() == ino
}

/// Whether `file` holds exactly `bytes`: `Some(len)` when it does.
fn same_bytes(file: &mut std::fs::File, bytes: &[u8]) -> std::io::Result<Option<u64>> {
    if file.metadata()?.len() != bytes.len() as u64 {
        return Ok(None);
    }
    let mut rest = bytes;
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = read_some(file, &mut buf)?;
        if n == 0 || n > rest.len() || buf[..n] != rest[..n] {
            return Ok((n == 0 && rest.is_empty()).then_some(bytes.len() as u64));
        }
        rest = &rest[n..];
    }
}

/// Whether the file at `src` and `file` hold the same bytes: `Some(len)` when they do.
fn same_files(src: &Path, file: &mut std::fs::File) -> std::io::Result<Option<u64>> {
    let mut other = std::fs::File::open(src)?;
    let len = file.metadata()?.len();
    if other.metadata()?.len() != len {
        return Ok(None);
    }
    let (mut a, mut b) = ([0u8; 16 * 1024], [0u8; 16 * 1024]);
    loop {
        let n = read_some(file, &mut a)?;
        if n == 0 {
            return Ok((read_some(&mut other, &mut b[..1])? == 0).then_some(len));
        }
        let mut got = 0;
        while got < n {
            let m = read_some(&mut other, &mut b[got..n])?;
            if m == 0 {
                return Ok(None);
            }
            got += m;
        }
        if a[..n] != b[..n] {
            return Ok(None);
        }
    }
}

/// Reads what is available into `buf`, retrying when interrupted.
fn read_some(file: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read as _;
    loop {
        match file.read(buf) {
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            other => return other,
        }
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

/// Removes what a killed build whose process id this one reuses left at `path` (the lock is
/// held): a folder tree, or anything else (a link is removed, not followed).
pub fn remove_leftover(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => {
            let _removed = remove_tree(path);
        }
        Ok(_) => {
            let _removed = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt as _;

    fn ino(p: &Path) -> u64 {
        std::fs::symlink_metadata(p).expect("stat").ino()
    }

    /// Unchanged files are links to the previous output's; changed ones are new files, and
    /// the previous output keeps its bytes whatever the new build writes.
    #[test]
    fn rebuild_links_unchanged_files_and_never_touches_the_previous_output() {
        let base = std::env::temp_dir().join(format!("minhbach-write-{}", std::process::id()));
        let _fresh = std::fs::remove_dir_all(&base);
        let output = base.join("output");
        let first = Writer::new(staging_path(&output)).expect("writer");
        first.write("a/index.html", b"same");
        first.write("b/index.html", b"old");
        first.write("c.txt", b"gone soon");
        assert!(first.errors().is_empty());
        swap_in(first.staging(), &output).expect("swap");

        let second = Writer::new(staging_path(&output)).expect("writer").link_from(&output);
        second.write("a/index.html", b"same");
        second.write("b/index.html", b"new!");
        second.write("c.txt", b"gone");
        assert!(second.errors().is_empty(), "{:?}", second.errors());
        assert_eq!(second.linked_count(), 1);
        let staged = second.staging().to_path_buf();
        assert_eq!(ino(&staged.join("a/index.html")), ino(&output.join("a/index.html")));
        assert_ne!(ino(&staged.join("b/index.html")), ino(&output.join("b/index.html")));
        // A failed build: the staging goes, the previous output is as it was.
        remove_tree(&staged).expect("remove");
        assert_eq!(std::fs::read(output.join("a/index.html")).expect("read"), b"same");
        assert_eq!(std::fs::read(output.join("b/index.html")).expect("read"), b"old");
        assert_eq!(std::fs::read(output.join("c.txt")).expect("read"), b"gone soon");
        let _removed = std::fs::remove_dir_all(&base);
    }

    /// A leftover file at a path to write is replaced by a new file, not written through.
    #[test]
    fn leftovers_are_unlinked_not_truncated() {
        let base = std::env::temp_dir().join(format!("minhbach-leftover-{}", std::process::id()));
        let _fresh = std::fs::remove_dir_all(&base);
        std::fs::create_dir_all(&base).expect("mkdir");
        let kept = base.join("kept");
        std::fs::write(&kept, b"previous").expect("write");
        let leftover = base.join("leftover");
        std::fs::hard_link(&kept, &leftover).expect("link");
        write_new(&leftover, b"new").expect("write");
        assert_eq!(std::fs::read(&kept).expect("read"), b"previous");
        assert_eq!(std::fs::read(&leftover).expect("read"), b"new");
        let _removed = std::fs::remove_dir_all(&base);
    }
}
