//! `minhbach serve`: a development server on 127.0.0.1 with live reload.
//!
//! 1. Builds the site through [`crate::build()`] into a fresh folder under the system temporary
//!    folder (never the site's `output/`), with `base_url` set to the server's address.
//! 2. Serves the last good build with tiny_http: content types by extension, `index.html` for
//!    folders, `404.html` with status 404, paths climbing out with `..` refused. Every HTML
//!    page gets `<script src="/__minhbach/reload.js" defer>` (served from memory).
//! 3. Watches the site folder ([`watch`]), waits for 50 ms of quiet, rebuilds. A good build
//!    becomes the served one and gets a new build id; a failed one leaves the last good site
//!    served and publishes its errors.
//! 4. `/__minhbach/status` answers `{"build": N, "ok": bool, "errors": ["path:line:column: …"]}`;
//!    `/__minhbach/events` sends the same JSON as server-sent events on every change. The
//!    script reloads the page when the build id differs from the one it was served with, and
//!    shows the errors as an overlay built with DOM APIs (text only, never HTML).
//!
//! Each build is a full build; the time from the change to the new build id is printed.

pub mod http;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::BuildOptions;
use crate::session::Session;

/// How long the watcher waits for further changes before rebuilding.
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// How long the server waits without changes before refreshing a stale search index.
pub const SEARCH_IDLE: Duration = Duration::from_millis(300);
/// The port tried first when none is given.
pub const DEFAULT_PORT: u16 = 8080;

/// What to serve and how.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub site: PathBuf,
    /// Port on 127.0.0.1; `None`: [`DEFAULT_PORT`], or any free port when it is taken; 0: any free port.
    pub port: Option<u16>,
    /// Include drafts.
    pub drafts: bool,
}

/// What the server shows: the last good build and the outcome of the last build.
#[derive(Debug, Default, Clone, serde::Serialize)]
struct Status {
    /// Id of the build being served (0: none succeeded yet).
    build: u64,
    /// Whether the last build succeeded.
    ok: bool,
    /// The last build's errors, as `path:line:column: message (hint)`.
    errors: Vec<String>,
    /// The folder being served.
    #[serde(skip)]
    root: Option<PathBuf>,
    /// Changes on every new status, for the event stream.
    #[serde(skip)]
    version: u64,
}

/// State shared by the request threads and the rebuild loop.
pub struct Shared {
    status: Mutex<Status>,
    changed: Condvar,
    stop: std::sync::atomic::AtomicBool,
}

impl Shared {
    fn new() -> Shared {
        Shared {
            status: Mutex::default(),
            changed: Condvar::new(),
            stop: std::sync::atomic::AtomicBool::new(false),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Status> {
        self.status.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The folder being served (none before the first good build) and its build id.
    pub fn site(&self) -> (Option<PathBuf>, u64) {
        let s = self.lock();
        (s.root.clone(), s.build)
    }

    /// The status as JSON: `{"build":N,"ok":bool,"errors":[…]}`.
    pub fn status_json(&self) -> String {
        serde_json::to_string(&*self.lock()).unwrap_or_else(|_| "{}".into())
    }

    /// Waits until the status version differs from `seen` or `timeout` passed; returns the
    /// version and the status JSON.
    pub fn wait_change(&self, seen: u64, timeout: Duration) -> (u64, String) {
        let guard = self.lock();
        let (guard, _timed_out) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.version == seen && !self.stopping())
            .unwrap_or_else(|e| e.into_inner());
        (
            guard.version,
            serde_json::to_string(&*guard).unwrap_or_else(|_| "{}".into()),
        )
    }

    /// Whether the server is shutting down.
    pub fn stopping(&self) -> bool {
        self.stop.load(std::sync::atomic::Ordering::SeqCst)
    }

    fn publish(&self, f: impl FnOnce(&mut Status)) {
        let mut s = self.lock();
        f(&mut s);
        s.version += 1;
        drop(s);
        self.changed.notify_all();
    }
}

/// Binds 127.0.0.1 on the wanted port.
fn bind(port: Option<u16>) -> Result<tiny_http::Server, String> {
    let try_port = |p: u16| tiny_http::Server::http(("127.0.0.1", p));
    let server = match port {
        Some(p) => try_port(p).map_err(|e| {
            format!(
                "cannot listen on 127.0.0.1:{p}: {e} (choose another port with --port N, or --port 0 for any free port)"
            )
        })?,
        None => match try_port(DEFAULT_PORT) {
            Ok(s) => s,
            Err(_) => try_port(0).map_err(|e| format!("cannot listen on 127.0.0.1: {e}"))?,
        },
    };
    Ok(server)
}

fn port_of(server: &tiny_http::Server) -> u16 {
    server.server_addr().to_ip().map_or(0, |a| a.port())
}

/// The temporary folder of this server's builds; folders left by servers that were killed are removed.
fn work_dir() -> PathBuf {
    let tmp = std::env::temp_dir();
    if let Ok(entries) = std::fs::read_dir(&tmp) {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix("minhbach-serve-").and_then(|p| p.parse::<u32>().ok()) else {
                continue;
            };
            if pid != std::process::id()
                && Path::new("/proc/self").exists()
                && !Path::new(&format!("/proc/{pid}")).exists()
            {
                let _removed = std::fs::remove_dir_all(e.path());
            }
        }
    }
    tmp.join(format!("minhbach-serve-{}", std::process::id()))
}

/// One (incremental) rebuild into the session's folder; publishes the outcome. Returns the
/// lines to print. After an incremental rebuild the search index is stale: the watch loop
/// refreshes it once no change came for [`SEARCH_IDLE`], so that a burst of edits never
/// waits for it.
fn rebuild(session: &mut Session, changed: &[String], shared: &Shared) -> (bool, Vec<String>) {
    let result = session.rebuild(changed);
    let report = &result.report;
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    let warnings: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| !d.is_error())
        .map(ToString::to_string)
        .collect();
    if report.success {
        let root = session.output().to_path_buf();
        shared.publish(|s| {
            s.root = Some(root.clone());
            s.build += 1;
            s.ok = true;
            s.errors.clear();
        });
    } else {
        let errors = errors.clone();
        shared.publish(|s| {
            s.ok = false;
            s.errors = errors;
        });
    }
    let mut lines = warnings;
    lines.extend(errors);
    (report.success, lines)
}

/// Runs the development server until Ctrl-C (or SIGTERM). Prints the URL on stdout.
pub fn serve(options: &ServeOptions) -> Result<(), String> {
    if !options.site.join("site.yaml").is_file() {
        return Err(format!(
            "{} has no site.yaml (run minhbach serve in the site folder, or pass --site DIR)",
            options.site.display()
        ));
    }
    let server = bind(options.port)?;
    let port = port_of(&server);
    let url = format!("http://127.0.0.1:{port}/");
    let work = work_dir();
    std::fs::create_dir_all(&work).map_err(|e| format!("cannot create {}: {e}", work.display()))?;
    let mut build_options = BuildOptions::new(&options.site);
    build_options.drafts = options.drafts;
    build_options.base_url = Some(url.clone());
    let shared = Arc::new(Shared::new());
    signals::install();
    // Watching starts before the first build, so that no change during it is missed.
    let mut watch = watch::SiteWatch::new(&options.site)?;

    let mut session = Session::new(build_options, work.join("site"));
    let started = Instant::now();
    let (ok, lines) = rebuild(&mut session, &[], &shared);
    for l in &lines {
        eprintln!("{l}");
    }
    let ms = started.elapsed().as_millis();
    if ok {
        eprintln!("built in {ms} ms");
    } else {
        eprintln!("build failed in {ms} ms: the errors above are shown in the browser until they are fixed");
    }
    println!("serving {} at {url} (Ctrl-C to stop)", options.site.display());

    let rebuilder = {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            let stop = || shared.stopping() || signals::stopped();
            loop {
                let idle = session.search_stale().then_some(SEARCH_IDLE);
                let Some(changed) = watch.next_batch(DEBOUNCE, idle, &stop) else {
                    break;
                };
                let t = Instant::now();
                if changed.is_empty() {
                    // Idle with a stale index: refresh it; the search page picks it up on its
                    // next load.
                    let refreshed = session.refresh_search();
                    eprintln!("search index refreshed in {} ms", t.elapsed().as_millis());
                    for d in refreshed.report.diagnostics.iter().filter(|d| d.is_error()) {
                        eprintln!("{d}");
                    }
                    continue;
                }
                let (ok, lines) = rebuild(&mut session, &changed, &shared);
                for l in &lines {
                    eprintln!("{l}");
                }
                let what = match changed.as_slice() {
                    [one] => one.clone(),
                    more => format!("{} files", more.len()),
                };
                let ms = t.elapsed().as_millis();
                if ok {
                    eprintln!("rebuilt in {ms} ms ({what})");
                } else {
                    eprintln!("build failed in {ms} ms ({what}): still serving the last good site");
                }
            }
        })
    };

    while !signals::stopped() {
        match server.recv_timeout(Duration::from_millis(200)) {
            Ok(Some(req)) => {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || http::handle(req, &shared));
            }
            Ok(None) => {}
            Err(e) => eprintln!("request failed: {e}"),
        }
    }
    shared.stop.store(true, std::sync::atomic::Ordering::SeqCst);
    shared.publish(|_| {});
    let _joined = rebuilder.join();
    let _removed = std::fs::remove_dir_all(&work);
    eprintln!("stopped");
    Ok(())
}

/// Ctrl-C and SIGTERM end the server cleanly (its temporary builds are removed).
mod signals {
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Set by the signal handler. A static is the only place a signal handler can reach.
    static STOP: AtomicBool = AtomicBool::new(false);

    /// Whether a stop was asked for.
    pub fn stopped() -> bool {
        STOP.load(Ordering::SeqCst)
    }

    #[cfg(unix)]
    pub fn install() {
        unsafe extern "C" {
            fn signal(signum: i32, handler: extern "C" fn(i32)) -> usize;
        }
        extern "C" fn on_signal(_: i32) {
            // Only an atomic store: async-signal-safe.
            STOP.store(true, Ordering::SeqCst);
        }
        const SIGINT: i32 = 2;
        const SIGTERM: i32 = 15;
        // SAFETY: `signal` is the C library's; the handler only stores to an atomic.
        unsafe {
            signal(SIGINT, on_signal);
            signal(SIGTERM, on_signal);
        }
    }

    #[cfg(not(unix))]
    pub fn install() {}
}
