//! Helpers: copy a fixture site into a fresh temporary folder, edit it, build it, read the output.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use minhbach::{BuildOptions, BuildReport};

static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// A site in a temporary folder, removed on drop.
pub struct TempSite {
    pub root: PathBuf,
}

impl TempSite {
    /// A copy of `tests/fixtures/<name>`.
    pub fn fixture(name: &str) -> TempSite {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        let site = TempSite::empty();
        copy_dir(&src, &site.root);
        site
    }

    /// A copy of the bundled example portal (site.yaml, content/, static/).
    pub fn bundled() -> TempSite {
        let src = Path::new(env!("CARGO_MANIFEST_DIR"));
        let site = TempSite::empty();
        std::fs::copy(src.join("site.yaml"), site.root.join("site.yaml")).expect("copy site.yaml");
        copy_dir(&src.join("content"), &site.root.join("content"));
        copy_dir(&src.join("static"), &site.root.join("static"));
        site
    }

    /// An empty folder.
    pub fn empty() -> TempSite {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let root = std::env::temp_dir().join(format!("minhbach-test-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).expect("create temp site");
        TempSite { root }
    }

    /// Writes a file (creating folders).
    pub fn write(&self, rel: &str, content: impl AsRef<[u8]>) {
        let p = self.root.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, content).expect("write");
    }

    /// Builds into `<site>/output` with default options.
    pub fn build(&self) -> BuildReport {
        minhbach::build(&BuildOptions::new(&self.root))
    }

    /// Builds with options adjusted by `f`.
    pub fn build_with(&self, f: impl FnOnce(&mut BuildOptions)) -> BuildReport {
        let mut o = BuildOptions::new(&self.root);
        f(&mut o);
        minhbach::build(&o)
    }

    /// The default output folder.
    pub fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    /// Reads an output file as text.
    pub fn read_output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output().join(rel)).unwrap_or_else(|e| panic!("read output {rel}: {e}"))
    }
}

impl Drop for TempSite {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn copy_dir(src: &Path, dest: &Path) {
    std::fs::create_dir_all(dest).expect("mkdir");
    for e in std::fs::read_dir(src).expect("read fixture dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &dest.join(e.file_name()));
        } else {
            std::fs::copy(&p, dest.join(e.file_name())).expect("copy");
        }
    }
}

/// Every file under `dir`: relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).expect("prefix").to_string_lossy().into_owned();
            out.insert(rel, std::fs::read(&p).expect("read"));
        }
    }
}

/// The diagnostics of a report, one per line, for assertion messages.
pub fn messages(r: &BuildReport) -> String {
    r.diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `href="..."` and `src="..."` value in an HTML text.
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}
