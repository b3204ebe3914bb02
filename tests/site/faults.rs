//! Concurrency and faults, with the real binary: two builds at once, builds killed at random
//! moments, a read-only output, a disk that fills up. The previous output must survive every
//! failure byte for byte, and the next build must succeed (stale staging folders and locks are
//! cleaned).
//!
//! Some faults need root-proof tricks, since CI runs as root (for whom `chmod` changes nothing):
//! a read-only or tiny `tmpfs` mounted for the test when the process may mount, else the
//! immutable attribute (`chattr +i`), else `chmod`; and a per-process file size limit
//! (`ulimit -f`), which binds root too, for a write that fails mid-build. Each test says in its
//! output which way it ran.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TempSite, copy_dir, snapshot};

const BIN: &str = env!("CARGO_BIN_EXE_minhbach");

/// A fixed "now", so that two builds of the same content give the same bytes.
const EPOCH: &str = "1774000000";

fn build_cmd(site: &Path, output: Option<&Path>) -> Command {
    let mut c = Command::new(BIN);
    c.arg("build")
        .arg("--site")
        .arg(site)
        .arg("--quiet")
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .stdin(Stdio::null());
    if let Some(o) = output {
        c.arg("--output").arg(o);
    }
    c
}

fn run(site: &Path, output: Option<&Path>) -> Output {
    build_cmd(site, output).output().expect("run minhbach")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Files beside the output that a build leaves only while it runs: staging and old folders, lock.
fn leftovers(output: &Path) -> Vec<String> {
    let name = output.file_name().expect("name").to_string_lossy().into_owned();
    let parent = output.parent().expect("parent");
    std::fs::read_dir(parent)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.starts_with(&format!(".{name}.")))
                .collect()
        })
        .unwrap_or_default()
}

/// Small deterministic generator for kill delays (no dependency, reproducible with a seed).
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn seed() -> u64 {
    std::env::var("MINHBACH_FAULT_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        })
}

#[test]
fn two_builds_at_once_never_corrupt_the_output() {
    let site = TempSite::fixture("minimal");
    let first = run(&site.root, None);
    assert!(first.status.success(), "{}", text(&first));
    let clean = snapshot(&site.output());
    let mut lock_refusals = 0;
    for round in 0..12 {
        let a = build_cmd(&site.root, None)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let b = build_cmd(&site.root, None)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let (a, b) = (a.wait_with_output().expect("wait"), b.wait_with_output().expect("wait"));
        let ok = [&a, &b].iter().filter(|o| o.status.success()).count();
        assert!(
            ok >= 1,
            "round {round}: both builds failed:\n{}\n{}",
            text(&a),
            text(&b)
        );
        for o in [&a, &b] {
            if !o.status.success() {
                lock_refusals += 1;
                assert!(
                    text(o).contains("another build (process"),
                    "round {round}: a build failed for another reason than the lock:\n{}",
                    text(o)
                );
            }
        }
        assert!(
            snapshot(&site.output()) == clean,
            "round {round}: the output differs from a clean build"
        );
        assert!(
            leftovers(&site.output()).is_empty(),
            "round {round}: left behind {:?}",
            leftovers(&site.output())
        );
    }
    eprintln!("two builds at once: 12 rounds, {lock_refusals} refused by the lock, output always clean");
}

/// Kills a build after a random delay between 0 and the length of a full build, 20 times; each
/// time the output is either the previous site or the new complete one, never a mix or nothing,
/// and the next build succeeds and leaves nothing behind.
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_output() {
    let site = TempSite::bundled();
    let start = Instant::now();
    let first = run(&site.root, None);
    assert!(first.status.success(), "{}", text(&first));
    let build_time = start.elapsed();
    let mut previous = snapshot(&site.output());
    let mut rng = Rng(seed());
    let deadline = Instant::now() + Duration::from_secs(90);
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let news = site.root.join("content/tin-tuc/zz-kill-test.md");
    for round in 0..20 {
        if Instant::now() > deadline {
            eprintln!("kill loop stopped after {round} rounds: time budget spent");
            break;
        }
        // New content each round, so that the old and the new site differ.
        std::fs::write(
            &news,
            format!(
                "---\ntitle: \"Bản tin lần {round}\"\ndate: 2026-03-{:02}\n---\nNội dung lần {round}.\n",
                round % 28 + 1
            ),
        )
        .expect("write");
        let delay = Duration::from_micros(rng.below(build_time.as_micros() as u64 * 11 / 10));
        let mut child: Child = build_cmd(&site.root, None)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        std::thread::sleep(delay);
        let _killed = child.kill();
        let status = child.wait().expect("wait");
        let after = snapshot(&site.output());
        let next = run(&site.root, None);
        assert!(
            next.status.success(),
            "round {round}: the build after a kill failed:\n{}",
            text(&next)
        );
        let completed = snapshot(&site.output());
        let outcome = if after == previous {
            "killed before the swap: previous output intact"
        } else if after == completed {
            "finished before the kill: new output complete"
        } else if after.is_empty() {
            panic!("round {round} (killed after {delay:?}, {status}): no output at all")
        } else {
            let differing: Vec<&String> = after
                .keys()
                .filter(|k| previous.get(*k) != after.get(*k))
                .take(5)
                .collect();
            panic!(
                "round {round} (killed after {delay:?}, {status}): the output is neither the previous nor the new site: {differing:?}"
            )
        };
        *outcomes.entry(outcome).or_default() += 1;
        assert!(
            leftovers(&site.output()).is_empty(),
            "round {round}: left behind {:?}",
            leftovers(&site.output())
        );
        previous = completed;
    }
    eprintln!("kill loop (build {build_time:?}): {outcomes:?}");
}

/// Whether this process may mount file systems (root with CAP_SYS_ADMIN, outside a locked-down
/// container).
fn mount_tmpfs(dir: &Path, options: &str) -> bool {
    std::fs::create_dir_all(dir).expect("mkdir");
    Command::new("mount")
        .args(["-t", "tmpfs", "-o", options, "tmpfs"])
        .arg(dir)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Unmounts on drop, whatever the test's outcome.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A read-only output: the build fails with a clear message, and the previous output survives.
#[test]
fn read_only_output_fails_cleanly() {
    let site = TempSite::fixture("minimal");
    let area = site.root.join("ro");
    let out = area.join("output");
    let mounted = mount_tmpfs(&area, "size=16m").then(|| Mounted(area.clone()));
    assert!(run(&site.root, Some(&out)).status.success());
    let before = snapshot(&out);
    site.write("content/tin-tuc/moi.md", "---\ntitle: \"Tin mới\"\n---\nNội dung.\n");
    // Make the output's folder read-only in a way that binds root too, when possible.
    let how = if mounted.is_some()
        && Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(&area)
            .status()
            .is_ok_and(|s| s.success())
    {
        "read-only tmpfs"
    } else if Command::new("chattr")
        .arg("+i")
        .arg(&area)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        "immutable folder (chattr +i)"
    } else if !is_root() {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&area, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        "chmod 555"
    } else {
        panic!("cannot make a folder read-only here: not allowed to mount, no chattr, and root ignores chmod")
    };
    let r = run(&site.root, Some(&out));
    // Undo before asserting, so that the temporary folder can be removed.
    let _ = Command::new("chattr")
        .arg("-i")
        .arg(&area)
        .stderr(Stdio::null())
        .status();
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&area, std::fs::Permissions::from_mode(0o755));
    }
    let message = text(&r);
    assert!(!r.status.success(), "{how}: the build succeeded");
    assert!(
        message.contains(&out.display().to_string())
            && (message.contains("Read-only file system")
                || message.contains("Operation not permitted")
                || message.contains("Permission denied")),
        "{how}: unclear message:\n{message}"
    );
    assert!(snapshot(&out) == before, "{how}: the previous output changed");
    eprintln!(
        "read-only output ({how}): {}",
        message
            .lines()
            .find(|l| l.contains("error") || l.contains(": "))
            .unwrap_or("")
    );
    drop(mounted);
}

/// A disk that fills up mid-build: a tmpfs just big enough for one copy of the output, so that
/// the staging copy of the next build runs out of space. The build fails with the system's
/// message, removes its staging folder (freeing the space) and leaves the previous output.
#[test]
fn full_disk_mid_build_keeps_the_previous_output() {
    let site = TempSite::fixture("minimal");
    let probe = site.root.join("probe");
    assert!(run(&site.root, Some(&probe)).status.success());
    let size: u64 = snapshot(&probe).values().map(|v| v.len() as u64 + 4096).sum();
    std::fs::remove_dir_all(&probe).expect("rm probe");
    let area = site.root.join("disk");
    let out = area.join("output");
    let Some(_mounted) = mount_tmpfs(&area, &format!("size={}k", size * 3 / 2 / 1024)).then(|| Mounted(area.clone()))
    else {
        eprintln!(
            "full disk: cannot mount a tmpfs here; the write failure is covered by a_write_failing_mid_build_keeps_the_previous_output"
        );
        return;
    };
    assert!(run(&site.root, Some(&out)).status.success(), "the first build must fit");
    let before = snapshot(&out);
    // Unchanged files are hard-linked from the previous output, so only new bytes take space:
    // the new item is as large as the whole output.
    let body = "Nội dung dài. ".repeat(size as usize / 14 + 1);
    site.write(
        "content/tin-tuc/moi.md",
        format!("---\ntitle: \"Tin mới\"\n---\n{body}\n"),
    );
    let r = run(&site.root, Some(&out));
    let message = text(&r);
    assert!(!r.status.success(), "the build succeeded on a full disk");
    assert!(
        message.contains("No space left on device"),
        "unclear message:\n{message}"
    );
    assert!(snapshot(&out) == before, "the previous output changed");
    assert!(leftovers(&out).is_empty(), "left behind {:?}", leftovers(&out));
    // With room again (the old output moved away, the new item shorter), the build succeeds.
    let kept = site.root.join("kept");
    copy_dir(&out, &kept);
    std::fs::remove_dir_all(&out).expect("rm");
    site.write("content/tin-tuc/moi.md", "---\ntitle: \"Tin mới\"\n---\nNội dung.\n");
    let r = run(&site.root, Some(&out));
    assert!(r.status.success(), "{}", text(&r));
    eprintln!(
        "full disk (tmpfs of {} kB): {}",
        size * 3 / 2 / 1024,
        message.lines().next().unwrap_or("")
    );
}

/// A write that fails mid-build on any machine, root or not: the file size limit (`ulimit -f`)
/// makes writing a file past 8 kB fail with "File too large" (SIGXFSZ is ignored, as a shell
/// `trap ''` leaves it for the program it starts).
#[test]
fn a_write_failing_mid_build_keeps_the_previous_output() {
    let site = TempSite::fixture("minimal");
    assert!(run(&site.root, None).status.success());
    let before = snapshot(&site.output());
    assert!(
        before.values().any(|b| b.len() > 16 * 1024),
        "the fixture needs one output file over 16 kB"
    );
    // Unchanged files are hard-linked from the previous output, not written: the new item's
    // own page is the file over the limit.
    let body = "Nội dung dài. ".repeat(2000);
    site.write(
        "content/tin-tuc/moi.md",
        format!("---\ntitle: \"Tin mới\"\n---\n{body}\n"),
    );
    let r = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 16 && exec \"$0\" build --site \"$1\" --quiet")
        .arg(BIN)
        .arg(&site.root)
        .env("SOURCE_DATE_EPOCH", EPOCH)
        .output()
        .expect("sh");
    let message = text(&r);
    assert!(
        !r.status.success(),
        "the build succeeded although writes fail:\n{message}"
    );
    assert!(message.contains("File too large"), "unclear message:\n{message}");
    assert!(snapshot(&site.output()) == before, "the previous output changed");
    assert!(
        leftovers(&site.output()).is_empty(),
        "left behind {:?}",
        leftovers(&site.output())
    );
    let r = run(&site.root, None);
    assert!(r.status.success(), "the next build failed:\n{}", text(&r));
}

/// An output path that cannot be created at all (its parent is a file): a clear message, and
/// nothing else touched.
#[test]
fn output_under_a_file_fails_cleanly() {
    let site = TempSite::fixture("minimal");
    site.write("tep", "x");
    let out = site.root.join("tep/output");
    let r = run(&site.root, Some(&out));
    assert!(!r.status.success());
    let message = text(&r);
    assert!(
        message.contains("tep/output") && message.contains("Not a directory"),
        "{message}"
    );
}
