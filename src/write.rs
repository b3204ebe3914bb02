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
//! staging folder ([`Writer::link_from`]); a manifest the previous build kept in the site folder
//! ([`Writer::with_manifest`]) tells most of them without reading them. Only changed files get new inodes, and removing the
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

/// What a build records of one file it wrote (or linked), to skip reading it next time: its
/// content hash, and its size, modification time and inode number when written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    hash: u64,
    len: u64,
    mtime: i128,
    ino: u64,
}

/// A manifest's entries: output path → (what was written, the file's status-change time).
type Entries = HashMap<String, (Written, i128)>;

/// The manifest of the output's files (see [`Writer::with_manifest`]).
struct Manifest {
    /// Where it is kept.
    path: PathBuf,
    /// The output folder it describes, as written in its first line.
    output: String,
    /// The previous build's entries, with the status-change time of each file: output path →
    /// (what was written, ctime).
    previous: Entries,
    /// When the previous manifest was written (its modification time): files whose status
    /// changed since are not trusted.
    since: i128,
    /// This build's files.
    recorded: Mutex<HashMap<String, Written>>,
    /// Files of the previous output the manifest vouched for (same or changed, not read).
    known: AtomicUsize,
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
    manifest: Option<Manifest>,
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
            manifest: None,
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

    /// Keeps a manifest of the output at `path` (outside the output: see [`manifest_path`]):
    /// the content hash of every file written, with the file's size, times and inode number.
    /// With [`Writer::link_from`], a file of the previous output whose size, modification and
    /// status-change times and inode number are still those the manifest recorded, and older
    /// than the manifest, is known by its hash: it is linked without being read when the hash
    /// matches, written anew when not. Any other file (no manifest, another output's, a file
    /// changed since) is compared byte for byte. [`Writer::save_manifest`] replaces it after a
    /// successful build.
    pub fn with_manifest(mut self, path: PathBuf, output: &Path) -> Writer {
        let output = manifest_output(output);
        let (previous, since) = read_manifest(&path, &output).unwrap_or_default();
        self.manifest = Some(Manifest {
            path,
            output,
            previous,
            since,
            recorded: Mutex::default(),
            known: AtomicUsize::new(0),
        });
        self
    }

    /// Writes the manifest of the output now at `output` (the staging folder put in place),
    /// atomically; entries whose file is no longer as written are left out. Failing to write
    /// it only means the next build compares bytes.
    pub fn save_manifest(&self, output: &Path) {
        use rayon::prelude::*;
        use std::os::unix::fs::MetadataExt as _;
        let Some(m) = &self.manifest else { return };
        let recorded = std::mem::take(&mut *m.recorded.lock().unwrap_or_else(|e| e.into_inner()));
        let mut lines: Vec<(String, String)> = recorded
            .into_par_iter()
            .filter(|(rel, _)| !rel.contains(['\n', '\t']))
            .filter_map(|(rel, w)| {
                let meta = std::fs::symlink_metadata(output.join(&rel)).ok()?;
                let same = meta.is_file() && meta.len() == w.len && meta.ino() == w.ino && mtime(&meta) == w.mtime;
                let line = format!("{:016x}\t{}\t{}\t{}\t{}\t", w.hash, w.len, w.mtime, ctime(&meta), w.ino);
                same.then_some((rel, line))
            })
            .collect();
        lines.par_sort_unstable();
        let mut text = format!("{MANIFEST_HEADER}\t{}\n", m.output);
        for (rel, fields) in &lines {
            text.push_str(fields);
            text.push_str(rel);
            text.push('\n');
        }
        if std::env::var_os("MINHBACH_TIMINGS").is_some() {
            eprintln!(
                "[timing] files known by the manifest (not read): {}",
                m.known.load(Ordering::Relaxed)
            );
        }
        let saved = m
            .path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| replace_file(&m.path, |tmp| write_new(tmp, text.as_bytes())));
        if saved.is_err() {
            let _removed = std::fs::remove_file(&m.path);
        }
    }

    /// What the manifest says of the previous output's file `rel` (inode `ino`, at `path`)
    /// against the content to write (`hash`, `len`): `Some(true)` same, `Some(false)` changed,
    /// `None` unknown (compare the bytes); with the file's metadata.
    fn manifest_says(
        &self,
        rel: &str,
        path: &Path,
        ino: u64,
        hash: u64,
        len: u64,
    ) -> Option<(bool, std::fs::Metadata)> {
        use std::os::unix::fs::MetadataExt as _;
        let m = self.manifest.as_ref()?;
        let (w, c) = m.previous.get(rel)?;
        let meta = std::fs::symlink_metadata(path).ok()?;
        let unchanged = meta.is_file()
            && meta.ino() == ino
            && w.ino == ino
            && meta.len() == w.len
            && mtime(&meta) == w.mtime
            && ctime(&meta) == *c
            && *c < m.since;
        if unchanged {
            m.known.fetch_add(1, Ordering::Relaxed);
        }
        unchanged.then_some((w.hash == hash && w.len == len, meta))
    }

    /// Records what was written at `rel` for the manifest.
    fn record(&self, rel: &str, hash: Option<u64>, meta: &std::fs::Metadata) {
        use std::os::unix::fs::MetadataExt as _;
        let (Some(m), Some(hash)) = (&self.manifest, hash) else {
            return;
        };
        let w = Written {
            hash,
            len: meta.len(),
            mtime: mtime(meta),
            ino: meta.ino(),
        };
        m.recorded
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_owned(), w);
    }

    /// Number of files hard-linked from the previous output.
    pub fn linked_count(&self) -> usize {
        self.linked.load(Ordering::Relaxed)
    }

    /// A writer that updates `dir` in place, writing only files whose content differs from
    /// `previous` (path → content hash, as returned by [`Writer::hashes`] of the last write).
    /// Each file is replaced atomically (written beside, then renamed).
    pub fn in_place(dir: PathBuf, previous: HashMap<String, u64>) -> std::io::Result<Writer> {
        Ok(Writer::new(dir)?.with_previous(previous))
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
            if let Some(n) = self.link_unchanged(rel, &dest, None, |prev| same_files(src, prev)) {
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

    /// Links `rel` from the previous output when the manifest (by `known`, the content hash
    /// and length of the bytes to write) or else `same` says its file there holds the bytes
    /// to write; returns their number, or `None` when the file must be written.
    fn link_unchanged(
        &self,
        rel: &str,
        dest: &Path,
        known: Option<(u64, u64)>,
        same: impl FnOnce(&mut std::fs::File) -> std::io::Result<Option<u64>>,
    ) -> Option<u64> {
        let previous = self.previous.as_ref()?;
        let ino = *previous.files.get(rel)?;
        let path = previous.dir.join(rel);
        let said = known.and_then(|(hash, len)| self.manifest_says(rel, &path, ino, hash, len));
        let (n, meta) = match (said, known) {
            (Some((true, meta)), Some((_, len))) => (len, meta),
            (Some((false, _)), _) => return None,
            _ => {
                let mut file = open_regular(&path, ino)?;
                let meta = file.metadata().ok()?;
                (same(&mut file).ok()??, meta)
            }
        };
        std::fs::hard_link(&path, dest).ok()?;
        // The name might have been replaced between the check and the link: keep the link only
        // when it is the very file compared.
        if std::fs::symlink_metadata(dest).is_ok_and(|m| is_same_file(&m, ino)) {
            self.linked.fetch_add(1, Ordering::Relaxed);
            self.record(rel, known.map(|k| k.0), &meta);
            Some(n)
        } else {
            let _removed = std::fs::remove_file(dest);
            None
        }
    }

    fn try_write(&self, rel: &str, bytes: &[u8]) -> Result<(), String> {
        if let Some(previous) = &self.in_place {
            let hash = content_hash(bytes);
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
        let hash = self.manifest.is_some().then(|| content_hash(bytes));
        let known = hash.map(|h| (h, bytes.len() as u64));
        let n = match self.link_unchanged(rel, &dest, known, |prev| same_bytes(prev, bytes)) {
            Some(n) => n,
            None => {
                let n = write_new(&dest, bytes).map_err(|e| format!("cannot write {rel}: {e}"))?;
                if let (Some(_), Ok(meta)) = (hash, std::fs::symlink_metadata(&dest)) {
                    self.record(rel, hash, &meta);
                }
                n
            }
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

const MANIFEST_HEADER: &str = "minhbach-manifest 1";

/// Where the manifest of a build of the site at `site` into `output` is kept: in the site
/// folder's cache (`.minhbach-cache/`, hidden, git-ignored), one per output folder; never in
/// the output, which is deployed as it is and stays byte-for-byte deterministic.
pub fn manifest_path(site: &Path, output: &Path) -> PathBuf {
    let key = content_hash(manifest_output(output).as_bytes());
    site.join(".minhbach-cache").join(format!("output-{key:016x}.manifest"))
}

/// The output folder as a manifest names it: its absolute path.
fn manifest_output(output: &Path) -> String {
    std::path::absolute(output)
        .unwrap_or_else(|_| output.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

/// Reads the manifest at `path` when it describes `output`: its entries and its modification
/// time. `None` when missing or unreadable; malformed lines are skipped.
fn read_manifest(path: &Path, output: &str) -> Option<(Entries, i128)> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let mut lines = text.lines();
    if lines.next()? != format!("{MANIFEST_HEADER}\t{output}") {
        return None;
    }
    let entries = lines
        .filter_map(|line| {
            let mut f = line.splitn(6, '\t');
            let hash = u64::from_str_radix(f.next()?, 16).ok()?;
            let len = f.next()?.parse().ok()?;
            let mtime = f.next()?.parse().ok()?;
            let ctime = f.next()?.parse().ok()?;
            let ino = f.next()?.parse().ok()?;
            let rel = f.next()?.to_owned();
            Some((rel, (Written { hash, len, mtime, ino }, ctime)))
        })
        .collect();
    Some((entries, mtime(&meta)))
}

fn mtime(meta: &std::fs::Metadata) -> i128 {
    use std::os::unix::fs::MetadataExt as _;
    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
}

fn ctime(meta: &std::fs::Metadata) -> i128 {
    use std::os::unix::fs::MetadataExt as _;
    i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
}

/// A fast 64-bit hash of a file's bytes (multiply-fold over 16-byte blocks, after wyhash),
/// for the manifest and the in-place mode: it tells apart the contents of one path from build
/// to build.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const P0: u64 = 0xa076_1d64_78bd_642f;
    const P1: u64 = 0xe703_7ed1_a0b4_28db;
    const P2: u64 = 0x8ebc_6af0_9c88_c6e3;
    fn mum(a: u64, b: u64) -> u64 {
        let r = u128::from(a) * u128::from(b);
        (r as u64) ^ ((r >> 64) as u64)
    }
    fn word(b: &[u8]) -> u64 {
        let mut w = [0u8; 8];
        w[..b.len().min(8)].copy_from_slice(&b[..b.len().min(8)]);
        u64::from_le_bytes(w)
    }
    let len = bytes.len() as u64;
    let mut h = P0 ^ mum(len ^ P1, P2);
    let mut blocks = bytes.chunks_exact(16);
    for b in &mut blocks {
        h = mum(word(&b[..8]) ^ P1, word(&b[8..]) ^ h);
    }
    let tail = blocks.remainder();
    let (a, b) = tail.split_at(tail.len().min(8));
    h = mum(word(a) ^ P1 ^ len, word(b) ^ h ^ P2);
    mum(h ^ P0, len ^ P1)
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

    /// One build into `output` with a manifest at `manifest`, writing `files`; returns how many
    /// previous files the manifest vouched for.
    fn build_with_manifest(output: &Path, manifest: &Path, files: &[(&str, &[u8])]) -> usize {
        let w = Writer::new(staging_path(output))
            .expect("writer")
            .link_from(output)
            .with_manifest(manifest.to_path_buf(), output);
        for (rel, bytes) in files {
            w.write(rel, bytes);
        }
        assert!(w.errors().is_empty(), "{:?}", w.errors());
        swap_in(w.staging(), output).expect("swap");
        // Files whose status changed in the manifest's clock tick are not trusted (they might
        // change again within it): let the tick pass, as a build's last steps do.
        std::thread::sleep(std::time::Duration::from_millis(20));
        w.save_manifest(output);
        w.manifest.as_ref().map_or(0, |m| m.known.load(Ordering::Relaxed))
    }

    /// With a manifest, unchanged files are linked without being read and changed ones
    /// written; a file changed behind the manifest's back (same size, its time set back) is
    /// compared, not trusted; a manifest of another output, or a missing one, is not used.
    #[test]
    fn the_manifest_vouches_only_for_files_as_it_recorded_them() {
        use std::os::unix::fs::MetadataExt as _;
        let base = std::env::temp_dir().join(format!("minhbach-manifest-{}", std::process::id()));
        let _fresh = std::fs::remove_dir_all(&base);
        let output = base.join("output");
        let manifest = manifest_path(&base, &output);
        assert!(manifest.starts_with(base.join(".minhbach-cache")));
        let files: [(&str, &[u8]); 3] = [("a/index.html", b"same"), ("b/index.html", b"old"), ("c.txt", b"ccc")];
        assert_eq!(build_with_manifest(&output, &manifest, &files), 0);
        // Let the manifest be strictly newer than the files' status changes.
        std::thread::sleep(std::time::Duration::from_millis(20));
        let a_ino = ino(&output.join("a/index.html"));
        let files: [(&str, &[u8]); 3] = [("a/index.html", b"same"), ("b/index.html", b"new!"), ("c.txt", b"ccc")];
        assert_eq!(build_with_manifest(&output, &manifest, &files), 3);
        assert_eq!(ino(&output.join("a/index.html")), a_ino, "unchanged: linked");
        assert_eq!(std::fs::read(output.join("b/index.html")).expect("read"), b"new!");
        std::thread::sleep(std::time::Duration::from_millis(20));

        // Someone rewrites c.txt in place, same size, and puts its time back.
        let c = output.join("c.txt");
        let mtime = std::fs::metadata(&c).expect("stat").modified().expect("mtime");
        let c_ino = ino(&c);
        std::fs::write(&c, b"CCC").expect("write");
        std::fs::File::options()
            .write(true)
            .open(&c)
            .and_then(|f| f.set_modified(mtime))
            .expect("set time");
        assert_eq!(ino(&c), c_ino);
        std::thread::sleep(std::time::Duration::from_millis(20));
        let known = build_with_manifest(&output, &manifest, &files);
        assert_eq!(known, 2, "c.txt must not be trusted");
        assert_eq!(std::fs::read(&c).expect("read"), b"ccc", "c.txt compared and rewritten");
        std::thread::sleep(std::time::Duration::from_millis(20));

        // Another output's manifest, and no manifest: bytes are compared.
        let other = base.join("other");
        std::fs::copy(&manifest, manifest_path(&base, &other)).expect("copy");
        assert_eq!(build_with_manifest(&other, &manifest_path(&base, &other), &files), 0);
        std::fs::remove_file(&manifest).expect("rm");
        assert_eq!(build_with_manifest(&output, &manifest, &files), 0);
        assert_eq!(std::fs::read(output.join("a/index.html")).expect("read"), b"same");
        assert!(std::fs::metadata(output.join("a/index.html")).expect("stat").nlink() == 1);
        let _removed = std::fs::remove_dir_all(&base);
    }

    #[test]
    fn content_hash_tells_contents_apart() {
        let mut seen = HashSet::new();
        for n in 0..64 {
            let v: Vec<u8> = (0..n).map(|i| (i * 7) as u8).collect();
            assert!(seen.insert(content_hash(&v)), "collision at length {n}");
            let mut w = v.clone();
            if let Some(last) = w.last_mut() {
                *last ^= 1;
                assert_ne!(content_hash(&v), content_hash(&w));
            }
        }
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
