//! Answering one HTTP request of the development server: files of the last good build, the
//! reload script, the build status as JSON, and server-sent events for live reload.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use tiny_http::{Header, Request, Response, StatusCode};

use super::Shared;

/// Prefix of the server's own URLs; no site file is served under it.
pub const PREFIX: &str = "/__minhbach/";

const RELOAD_JS: &str = include_str!("reload.js");

/// Where a request path leads inside the served folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file to send.
    File(PathBuf),
    /// A folder asked without its trailing slash: redirect there.
    Redirect(String),
    /// Nothing there.
    NotFound,
    /// A path that climbs out (`..`), or is not valid.
    BadPath,
}

/// Maps a URL path (percent-encoded, query removed) to a file under `root`:
/// `index.html` for folders, refusing `..`, backslashes and NUL bytes.
pub fn resolve(root: &Path, url_path: &str) -> Resolved {
    let Some(path) = percent_decode(url_path) else {
        return Resolved::BadPath;
    };
    if !path.starts_with('/') || path.contains(['\\', '\0']) {
        return Resolved::BadPath;
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == ".") {
        return Resolved::BadPath;
    }
    let mut file = root.to_path_buf();
    for s in &segments {
        file.push(s);
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            return Resolved::Redirect(format!("{url_path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Resolved::File(file)
    } else {
        Resolved::NotFound
    }
}

/// Decodes `%XX` escapes into UTF-8 text; `None` for a bad escape or invalid UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The content type of a file name, by extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "atom" => "application/atom+xml",
        "rss" => "application/rss+xml",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt" => "application/vnd.oasis.opendocument.text",
        "ods" => "application/vnd.oasis.opendocument.spreadsheet",
        "zip" => "application/zip",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script to an HTML page, before `</head>` (else `</body>`, else at the end).
pub fn inject(html: &str, build: u64) -> String {
    let tag = format!("<script src=\"{PREFIX}reload.js?build={build}\" defer></script>");
    let at = html
        .find("</head>")
        .or_else(|| html.rfind("</body>"))
        .unwrap_or(html.len());
    let mut out = String::with_capacity(html.len() + tag.len());
    out.push_str(&html[..at]);
    out.push_str(&tag);
    out.push_str(&html[at..]);
    out
}

/// Adds a header; a value tiny_http refuses (not ASCII) is left out.
fn with<R: std::io::Read>(resp: Response<R>, name: &str, value: &str) -> Response<R> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(h) => resp.with_header(h),
        Err(()) => resp,
    }
}

fn respond<R: std::io::Read>(req: Request, resp: Response<R>) {
    // A client that went away is no concern of the server.
    let _ignored = req.respond(with(resp, "Cache-Control", "no-store"));
}

fn text(req: Request, status: u16, body: &str) {
    respond(
        req,
        with(
            Response::from_string(body).with_status_code(StatusCode(status)),
            "Content-Type",
            "text/plain; charset=utf-8",
        ),
    );
}

fn html(req: Request, status: u16, body: String) {
    respond(
        req,
        with(
            Response::from_string(body).with_status_code(StatusCode(status)),
            "Content-Type",
            "text/html; charset=utf-8",
        ),
    );
}

/// Answers one request.
pub fn handle(req: Request, shared: &Shared) {
    if !matches!(req.method(), tiny_http::Method::Get | tiny_http::Method::Head) {
        return text(req, 405, "405 Method Not Allowed\n");
    }
    let url = req.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_owned();
    if let Some(own) = path.strip_prefix(PREFIX) {
        return match own {
            "reload.js" => respond(
                req,
                with(
                    Response::from_string(RELOAD_JS),
                    "Content-Type",
                    "text/javascript; charset=utf-8",
                ),
            ),
            "status" => {
                let json = shared.status_json();
                respond(
                    req,
                    with(Response::from_string(json), "Content-Type", "application/json"),
                );
            }
            "events" => events(req, shared),
            _ => text(req, 404, "404 Not Found\n"),
        };
    }
    let (root, build) = shared.site();
    let Some(root) = root else {
        // No build has succeeded yet: a page that shows the errors and reloads when fixed.
        let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>minhbach serve</title></head>\
                    <body><p>The site has not been built yet.</p></body></html>";
        return html(req, 503, inject(page, build));
    };
    match resolve(&root, &path) {
        Resolved::BadPath => text(req, 400, "400 Bad Request: this path is not allowed\n"),
        Resolved::Redirect(to) => respond(req, with(Response::empty(StatusCode(301)), "Location", &to)),
        Resolved::File(file) => send_file(req, &file, 200, build),
        Resolved::NotFound => {
            let page = root.join("404.html");
            if page.is_file() {
                send_file(req, &page, 404, build)
            } else {
                text(req, 404, "404 Not Found\n")
            }
        }
    }
}

fn send_file(req: Request, file: &Path, status: u16, build: u64) {
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = content_type(&name);
    if kind.starts_with("text/html") {
        match std::fs::read_to_string(file) {
            Ok(page) => html(req, status, inject(&page, build)),
            Err(e) => text(req, 500, &format!("500: cannot read {}: {e}\n", file.display())),
        }
        return;
    }
    match std::fs::File::open(file) {
        Ok(f) => respond(
            req,
            with(
                Response::from_file(f).with_status_code(StatusCode(status)),
                "Content-Type",
                kind,
            ),
        ),
        Err(_) => text(req, 404, "404 Not Found\n"),
    }
}

/// Server-sent events: the status JSON now and after every change, a comment every 15 s to
/// notice a closed connection. Written by hand on the raw connection so that every event is
/// flushed at once (tiny_http buffers chunked bodies).
fn events(req: Request, shared: &Shared) {
    let mut w = req.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if w.write_all(head.as_bytes()).and_then(|()| w.flush()).is_err() {
        return;
    }
    let mut seen = u64::MAX;
    loop {
        let (version, json) = shared.wait_change(seen, Duration::from_secs(15));
        let msg = if version == seen {
            ": ping\n\n".to_owned()
        } else {
            format!("data: {json}\n\n")
        };
        seen = version;
        if w.write_all(msg.as_bytes()).and_then(|()| w.flush()).is_err() || shared.stopping() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_files_folders_and_refuses_climbing() {
        let root = std::env::temp_dir().join(format!("minhbach-serve-http-{}", std::process::id()));
        std::fs::create_dir_all(root.join("tin-tuc/a")).expect("mkdir");
        std::fs::write(root.join("index.html"), "home").expect("write");
        std::fs::write(root.join("tin-tuc/a/index.html"), "a").expect("write");
        std::fs::write(root.join("tin-tuc/ảnh.svg"), "<svg/>").expect("write");
        assert_eq!(resolve(&root, "/"), Resolved::File(root.join("index.html")));
        assert_eq!(
            resolve(&root, "/tin-tuc/a/"),
            Resolved::File(root.join("tin-tuc/a/index.html"))
        );
        assert_eq!(resolve(&root, "/tin-tuc/a"), Resolved::Redirect("/tin-tuc/a/".into()));
        assert_eq!(
            resolve(&root, "/tin-tuc/%E1%BA%A3nh.svg"),
            Resolved::File(root.join("tin-tuc/ảnh.svg"))
        );
        assert_eq!(resolve(&root, "/tin-tuc/b/"), Resolved::NotFound);
        for bad in [
            "/../etc/passwd",
            "/tin-tuc/%2e%2e/%2e%2e/x",
            "/a\\b",
            "/%zz",
            "/x/./y",
            "/%00",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::BadPath, "{bad}");
        }
        let _removed = std::fs::remove_dir_all(root);
    }

    #[test]
    fn injects_the_reload_script_once() {
        let page = "<html><head><title>x</title></head><body></body></html>";
        let out = inject(page, 7);
        assert_eq!(out.matches("/__minhbach/reload.js?build=7").count(), 1);
        assert!(out.find("reload.js").unwrap_or(0) < out.find("</head>").unwrap_or(0));
        assert!(inject("<p>no head</p></body>", 1).starts_with("<p>no head</p><script"));
        assert!(inject("plain", 1).starts_with("plain<script"));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("site.1a2b.css"), "text/css; charset=utf-8");
        assert_eq!(content_type("feed.xml"), "application/xml");
        assert_eq!(content_type("a.PDF"), "application/pdf");
        assert_eq!(content_type("shard.bin"), "application/octet-stream");
    }
}
