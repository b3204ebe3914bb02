//! `minhbach serve`: started on a free loopback port, fetched over plain HTTP (std TcpStream),
//! edited, rebuilt, reloaded; a broken file shows its errors while the last good site is served.
//! Every wait is bounded; the server is stopped (SIGTERM, then kill) when a test ends.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::common::TempSite;

/// How long a build may take (debug binaries on a busy CI machine).
const BUILD_TIMEOUT: Duration = Duration::from_secs(60);

struct Server {
    child: Child,
    port: u16,
    stderr: Receiver<String>,
}

impl Server {
    fn start(site: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_minhbach"))
            .args(["serve", "--port", "0", "--site"])
            .arg(site)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start minhbach serve");
        let (out_tx, out_rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _sent = out_tx.send(line);
            }
        });
        let (err_tx, err_rx) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().expect("stderr");
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _sent = err_tx.send(line);
            }
        });
        let mut server = Server {
            child,
            port: 0,
            stderr: err_rx,
        };
        let deadline = Instant::now() + BUILD_TIMEOUT;
        while server.port == 0 {
            match out_rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
                Ok(line) => {
                    if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                        server.port = rest
                            .split('/')
                            .next()
                            .and_then(|p| p.parse().ok())
                            .expect("port in the URL line");
                    }
                }
                Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => {
                    panic!("serve printed no URL in time; stderr:\n{}", server.log())
                }
            }
        }
        server
    }

    /// What the server printed on stderr so far.
    fn log(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }

    fn get(&self, path: &str) -> Response {
        http_get(self.port, path)
    }

    fn status(&self) -> serde_json::Value {
        let r = self.get("/__minhbach/status");
        assert_eq!(r.status, 200);
        serde_json::from_str(&r.body).expect("status JSON")
    }

    /// Polls the status until `pred` holds.
    fn wait_status(&self, what: &str, pred: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        let deadline = Instant::now() + BUILD_TIMEOUT;
        loop {
            let s = self.status();
            if pred(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; last status {s}; server said:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Asks the server to stop (SIGTERM) and waits a little; kills it when it does not stop.
    fn stop(&mut self) -> bool {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + Duration::from_secs(10);
        while sent && Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _killed = self.child.kill();
        let _waited = self.child.wait();
        false
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _killed = self.child.kill();
        let _waited = self.child.wait();
    }
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.trim().eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
        })
    }
}

fn http_get(port: u16, path: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read the response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Response {
        status,
        head: head.to_owned(),
        body: body.to_owned(),
    }
}

/// Reads the first server-sent event of `/__minhbach/events`.
fn first_event(port: u16) -> serde_json::Value {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).expect("timeout");
    write!(
        s,
        "GET /__minhbach/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
    )
    .expect("send");
    let mut reader = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        assert!(
            reader.read_line(&mut line).expect("read") > 0,
            "the event stream closed; head:\n{head}"
        );
        if let Some(data) = line.strip_prefix("data: ") {
            assert!(
                head.to_ascii_lowercase().contains("content-type: text/event-stream"),
                "{head}"
            );
            return serde_json::from_str(data.trim()).expect("event JSON");
        }
        head.push_str(&line);
    }
}

#[test]
fn serve_rebuilds_after_an_edit_and_signals_the_reload() {
    let site = TempSite::fixture("minimal");
    let mut server = Server::start(&site.root);
    let s = server.wait_status("the first build", |s| s["build"] == 1 && s["ok"] == true);
    assert_eq!(s["errors"], serde_json::json!([]));

    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert_eq!(home.header("content-type").as_deref(), Some("text/html; charset=utf-8"));
    assert!(
        home.body
            .contains("<script src=\"/__minhbach/reload.js?build=1\" defer></script></head>"),
        "no reload script"
    );
    let css = home
        .body
        .split("href=\"")
        .filter_map(|r| r.split('"').next())
        .find(|h| h.ends_with(".css"))
        .expect("a stylesheet")
        .to_owned();
    assert!(
        css.starts_with("/assets/"),
        "{css}: links use the server's address as base"
    );
    assert_eq!(
        server.get(&css).header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    let page = server.get("/tin-tuc/tin-mot/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Tin thứ nhất"));
    let redirect = server.get("/tin-tuc/tin-mot");
    assert_eq!(
        (redirect.status, redirect.header("location").as_deref()),
        (301, Some("/tin-tuc/tin-mot/"))
    );
    let missing = server.get("/khong-co/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("reload.js"),
        "the site's 404.html, with the reload script"
    );
    assert_eq!(server.get("/../site.yaml").status, 400);
    assert_eq!(server.get("/tin-tuc/%2e%2e/%2e%2e/site.yaml").status, 400);
    let js = server.get("/__minhbach/reload.js");
    assert_eq!(
        js.header("content-type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert!(js.body.contains("/__minhbach/events") && js.body.contains("location.reload()"));

    // An editor's temporary files do not rebuild.
    site.write("content/tin-tuc/tin-mot.md~", "sao lưu");
    site.write("content/tin-tuc/.#tin-mot.md", "khóa");
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(
        server.status()["build"],
        1,
        "a temporary file caused a rebuild:\n{}",
        server.log()
    );

    let started = Instant::now();
    let path = site.root.join("content/tin-tuc/tin-mot.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("title: \"Tin thứ nhất\"", "title: \"Tin đã sửa\"")).expect("edit");
    server.wait_status("the rebuild", |s| s["build"] == 2 && s["ok"] == true);
    eprintln!("serve: edit to new build id in {} ms", started.elapsed().as_millis());
    let page = server.get("/tin-tuc/tin-mot/");
    assert!(page.body.contains("Tin đã sửa"), "the page was not rebuilt");
    assert!(page.body.contains("reload.js?build=2"));
    assert_eq!(first_event(server.port)["build"], 2);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        server.status()["build"],
        2,
        "the server keeps rebuilding by itself:\n{}",
        server.log()
    );
    // Once the server is idle, the search index catches up (without a new build id: open
    // pages do not reload for it).
    let mut log = String::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !log.contains("search index refreshed") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
        log.push_str(&server.log());
    }
    assert!(log.contains("search index refreshed"), "no search refresh:\n{log}");
    assert_eq!(server.status()["build"], 2);

    let pid = server.child.id();
    let work = std::env::temp_dir().join(format!("minhbach-serve-{pid}"));
    assert!(work.is_dir(), "builds go to {}", work.display());
    assert!(!site.output().exists(), "serve must not write the site's output/");
    if server.stop() {
        assert!(!work.exists(), "the temporary builds are removed on SIGTERM");
    }
}

#[test]
fn a_broken_file_shows_its_errors_while_the_last_good_site_is_served() {
    let site = TempSite::fixture("minimal");
    let path = site.root.join("content/tin-tuc/tin-mot.md");
    let good = std::fs::read_to_string(&path).expect("read");
    let broken = good.replace("date: 2026-03-20 14:29", "date: 2026-02-30");
    assert_ne!(good, broken);

    // A site broken from the start: no site yet, the errors are there for the overlay.
    std::fs::write(&path, &broken).expect("break");
    let server = Server::start(&site.root);
    let s = server.wait_status("the failed first build", |s| s["ok"] == false);
    assert_eq!(s["build"], 0);
    let placeholder = server.get("/tin-tuc/tin-mot/");
    assert_eq!(placeholder.status, 503);
    assert!(placeholder.body.contains("/__minhbach/reload.js?build=0"));

    std::fs::write(&path, &good).expect("fix");
    server.wait_status("the fixed build", |s| s["build"] == 1 && s["ok"] == true);

    std::fs::write(&path, &broken).expect("break again");
    let s = server.wait_status("the failed rebuild", |s| s["ok"] == false);
    assert_eq!(s["build"], 1, "a failed build keeps the last good one");
    let errors: Vec<&str> = s["errors"]
        .as_array()
        .expect("errors")
        .iter()
        .filter_map(|e| e.as_str())
        .collect();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/tin-tuc/tin-mot.md:3:1: `date`")),
        "{errors:?}"
    );
    let page = server.get("/tin-tuc/tin-mot/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Tin thứ nhất") && page.body.contains("reload.js?build=1"),
        "the last good page is served"
    );
    let event = first_event(server.port);
    assert_eq!((event["build"].as_u64(), event["ok"].as_bool()), (Some(1), Some(false)));

    std::fs::write(&path, good.replace("Tin thứ nhất", "Tin đã sửa lỗi")).expect("fix again");
    server.wait_status("the repaired build", |s| {
        s["build"] == 2 && s["ok"] == true && s["errors"] == serde_json::json!([])
    });
    assert!(server.get("/tin-tuc/tin-mot/").body.contains("Tin đã sửa lỗi"));
}
