//! The bad-input corpus: every case under `tests/corpus/<NN-name>/` is one defect applied to the
//! `minimal` fixture, with the exact diagnostics it must give.
//!
//! A case folder holds:
//! - `site/`: files copied over the fixture (added or replaced);
//! - `actions` (optional): one action a line, for what files cannot say —
//!   `remove PATH`, `symlink TARGET LINK`, `sparse PATH MEGABYTES` (a sparse file, never committed),
//!   `fifo PATH`, `output PATH` (build into `<site>/PATH`), `success` (only warnings are expected);
//! - `expected.txt`: the diagnostic lines the case adds to the fixture's own, in the order the
//!   build reports them, `{site}` standing for the site folder. `#` starts a comment line.
//!
//! The test builds the fixture once, then for each case: copies the fixture and that good output,
//! applies the case, builds again and checks that the build failed (or succeeded, for `success`),
//! that the diagnostics are exactly the expected ones, that every error has a hint, and that
//! nothing in the site folder changed, the previous output included, byte for byte.
//!
//! `MINHBACH_BLESS=1 cargo test --test site corpus` rewrites every `expected.txt` from what the
//! build says now: review the diff before committing it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::common::{TempSite, copy_dir, messages};

/// One corpus case.
struct Case {
    name: String,
    dir: PathBuf,
}

/// What a file tree holds: file bytes (large files by size only), symlink targets, special files.
#[derive(Debug, PartialEq, Eq)]
enum Entry {
    File(Vec<u8>),
    Large(u64),
    Link(PathBuf),
    Special,
}

/// Every entry under `dir`, without following symlinks and without reading large or special files.
fn tree(dir: &Path) -> BTreeMap<String, Entry> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Entry>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for e in entries.flatten() {
            let p = e.path();
            let rel = p.strip_prefix(root).expect("prefix").to_string_lossy().into_owned();
            let Ok(meta) = std::fs::symlink_metadata(&p) else {
                continue;
            };
            let ft = meta.file_type();
            if ft.is_symlink() {
                out.insert(rel, Entry::Link(std::fs::read_link(&p).unwrap_or_default()));
            } else if ft.is_dir() {
                walk(root, &p, out);
            } else if !ft.is_file() {
                out.insert(rel, Entry::Special);
            } else if meta.len() > 1024 * 1024 {
                out.insert(rel, Entry::Large(meta.len()));
            } else {
                out.insert(rel, Entry::File(std::fs::read(&p).expect("read")));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn cases() -> Vec<Case> {
    let mut v: Vec<Case> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .flatten()
        .filter(|e| e.path().join("expected.txt").is_file())
        .map(|e| Case {
            name: e.file_name().to_string_lossy().into_owned(),
            dir: e.path(),
        })
        .collect();
    v.sort_by(|a, b| a.name.cmp(&b.name));
    v
}

/// Applies the case's actions; returns (output folder override, success expected).
fn apply(case: &Case, site: &TempSite) -> (Option<PathBuf>, bool) {
    if case.dir.join("site").is_dir() {
        copy_dir(&case.dir.join("site"), &site.root);
    }
    let mut output = None;
    let mut success = false;
    let actions = std::fs::read_to_string(case.dir.join("actions")).unwrap_or_default();
    let root = site.root.to_string_lossy().into_owned();
    for line in actions
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let line = line.replace("{site}", &root);
        let words: Vec<&str> = line.split_whitespace().collect();
        let at = |i: usize| site.root.join(words[i]);
        match words.as_slice() {
            ["remove", _] => std::fs::remove_file(at(1)).expect("remove"),
            ["symlink", target, _] => {
                std::fs::create_dir_all(at(2).parent().expect("parent")).expect("mkdir");
                std::os::unix::fs::symlink(target, at(2)).expect("symlink");
            }
            ["sparse", _, mb] => {
                std::fs::create_dir_all(at(1).parent().expect("parent")).expect("mkdir");
                let f = std::fs::File::create(at(1)).expect("create");
                f.set_len(mb.parse::<u64>().expect("megabytes") * 1024 * 1024)
                    .expect("set_len");
            }
            ["fifo", _] => {
                let status = std::process::Command::new("mkfifo")
                    .arg(at(1))
                    .status()
                    .expect("mkfifo");
                assert!(status.success(), "mkfifo failed");
            }
            ["output", _] => output = Some(at(1)),
            ["success"] => success = true,
            _ => panic!("{}: unknown action `{line}`", case.name),
        }
    }
    (output, success)
}

fn expected_lines(case: &Case, root: &str) -> Vec<String> {
    std::fs::read_to_string(case.dir.join("expected.txt"))
        .expect("expected.txt")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.replace("{site}", root))
        .collect()
}

/// Runs one case; returns what went wrong.
fn run_case(case: &Case, good_output: &Path, base_diags: &BTreeSet<String>, bless: bool) -> Result<(), String> {
    let site = TempSite::fixture("minimal");
    copy_dir(good_output, &site.output());
    let (output, success_expected) = apply(case, &site);
    let before = tree(&site.root);
    let report = site.build_with(|o| o.output = output.clone());
    let root = site.root.to_string_lossy().into_owned();
    let actual: Vec<String> = report
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .filter(|d| !base_diags.contains(d))
        .collect();
    if bless {
        let mut text = String::new();
        let old = std::fs::read_to_string(case.dir.join("expected.txt")).unwrap_or_default();
        for l in old.lines().filter(|l| l.starts_with('#')) {
            text.push_str(l);
            text.push('\n');
        }
        for l in &actual {
            text.push_str(&l.replace(&root, "{site}"));
            text.push('\n');
        }
        std::fs::write(case.dir.join("expected.txt"), text).expect("bless");
    }
    let mut problems = Vec::new();
    let expected = expected_lines(case, &root);
    if actual != expected {
        problems.push(format!(
            "diagnostics differ\n  expected:\n    {}\n  got:\n    {}",
            expected.join("\n    "),
            actual.join("\n    ")
        ));
    }
    if report.success != success_expected {
        problems.push(format!(
            "the build {} but was expected to {}\n{}",
            if report.success { "succeeded" } else { "failed" },
            if success_expected { "succeed" } else { "fail" },
            messages(&report)
        ));
    }
    for d in report.diagnostics.iter().filter(|d| d.is_error()) {
        if d.hint.is_none() {
            problems.push(format!("error without a hint: {d}"));
        }
    }
    if !success_expected {
        let after = tree(&site.root);
        if after != before {
            let changed: Vec<&String> = before
                .keys()
                .chain(after.keys())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .filter(|k| before.get(*k) != after.get(*k))
                .take(10)
                .collect();
            problems.push(format!("the failed build changed the site folder: {changed:?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}:\n{}", case.name, problems.join("\n")))
    }
}

#[test]
fn bad_input_corpus() {
    let base = TempSite::fixture("minimal");
    let first = base.build();
    assert!(first.success, "the fixture itself must build: {}", messages(&first));
    let base_diags: BTreeSet<String> = first.diagnostics.iter().map(ToString::to_string).collect();
    let bless = std::env::var_os("MINHBACH_BLESS").is_some();
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(e) = run_case(case, &base.output(), &base_diags, bless) {
            failures.push(e);
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
