//! Authoring and deployment: `new`, `check` (human and JSON), `init`, `build --precompress`,
//! and the deployment recipes under deploy/ (CSP the theme satisfies, nginx snippet).

use std::path::Path;
use std::process::{Command, Output};

use minhbach::model::Kind;
use minhbach::scaffold;

use crate::common::{TempSite, messages};

fn minhbach(args: &[&str], site: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(args)
        .arg("--site")
        .arg(site)
        .output()
        .expect("run minhbach")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn new_creates_a_draft_named_after_the_folded_title_and_never_overwrites() {
    let site = TempSite::fixture("minimal");
    let o = minhbach(&["new", "news", "Đăng ký khai sinh"], &site.root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "content/tin-tuc/dang-ky-khai-sinh.md");
    let path = site.root.join("content/tin-tuc/dang-ky-khai-sinh.md");
    let text = std::fs::read_to_string(&path).expect("the new item");
    assert!(text.starts_with("---\ntitle: \"Đăng ký khai sinh\"\ndate: "), "{text}");
    assert!(text.contains("\ndraft: true"), "{text}");

    // A second time: refused, exit 1, the file untouched.
    std::fs::write(&path, format!("{text}\nĐã sửa.\n")).expect("edit");
    let again = minhbach(&["new", "news", "Đăng ký khai sinh"], &site.root);
    assert_eq!(again.status.code(), Some(1));
    assert!(
        stderr(&again).contains("content/tin-tuc/dang-ky-khai-sinh.md already exists"),
        "{}",
        stderr(&again)
    );
    assert!(std::fs::read_to_string(&path).expect("read").ends_with("Đã sửa.\n"));

    // The site builds; with --drafts the new item is a page and raises no diagnostic at all.
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    assert!(!site.output().join("tin-tuc/dang-ky-khai-sinh/index.html").exists());
    let r = site.build_with(|o| o.drafts = true);
    assert!(r.success, "{}", messages(&r));
    assert!(
        !r.diagnostics.iter().any(|d| d.path.contains("dang-ky-khai-sinh")),
        "{}",
        messages(&r)
    );
    assert!(
        site.read_output("tin-tuc/dang-ky-khai-sinh/index.html")
            .contains("Đăng ký khai sinh")
    );
}

#[test]
fn new_items_of_every_kind_load_without_a_problem() {
    let site = TempSite::empty();
    scaffold::init(&site.root).expect("init");
    for kind in Kind::ALL {
        let created = scaffold::new_item(
            &site.root,
            kind.item_type(),
            &format!("Mục mới {}", kind.label_vi()),
            None,
        )
        .expect("new");
        let data_kind = matches!(kind, Kind::Budget | Kind::Statistics);
        assert_eq!(created.files.len(), if data_kind { 2 } else { 1 }, "{created:?}");
        assert!(
            created.files[0].ends_with(if data_kind { ".yaml" } else { ".md" }),
            "{created:?}"
        );
    }
    let r = site.build_with(|o| o.drafts = true);
    assert!(r.success, "{}", messages(&r));
    // Only the reminder about the inspection conclusion dated today.
    let others: Vec<String> = r
        .diagnostics
        .iter()
        .filter(|d| !d.message.starts_with("inspection conclusion posted today"))
        .map(ToString::to_string)
        .collect();
    assert!(others.is_empty(), "{}", others.join("\n"));
    assert_eq!(r.items, 18);
}

#[test]
fn new_explains_what_it_cannot_do() {
    let site = TempSite::fixture("minimal");
    let o = minhbach(&["new", "inspectoin", "Kết luận"], &site.root);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("did you mean `inspection`?"), "{}", stderr(&o));
    let o = minhbach(&["new", "inspection", "Kết luận"], &site.root);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no section of kind `inspections`"),
        "{}",
        stderr(&o)
    );
    let o = minhbach(&["new", "news", "Tin", "--section", "gioi-thieu"], &site.root);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("section `gioi-thieu` holds `pages` items"),
        "{}",
        stderr(&o)
    );
    let o = minhbach(
        &["new", "page", "Liên hệ mới", "--section", "content/gioi-thieu/"],
        &site.root,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).trim(), "content/gioi-thieu/lien-he-moi.md");
    let empty = TempSite::empty();
    let o = minhbach(&["new", "news", "Tin"], &empty.root);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no site.yaml"), "{}", stderr(&o));
}

#[test]
fn check_reports_json_for_ci_and_writes_nothing() {
    let site = TempSite::fixture("minimal");
    let o = minhbach(&["check", "--format", "json"], &site.root);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["version"], 1);
    assert_eq!(v["ok"], true);
    assert_eq!(v["errors"], 0);
    assert!(v["items"].as_u64().is_some_and(|n| n >= 4), "{v}");
    assert!(v["diagnostics"].is_array());
    assert!(!site.output().exists(), "check wrote output/");

    site.write(
        "content/tin-tuc/hong.md",
        "---\ntitle: Hỏng\ndate: 2026-02-30\n---\nNội dung.\n",
    );
    site.write(
        "content/tin-tuc/lien-ket.md",
        "---\ntitle: Liên kết\ndate: 2026-01-02\n---\nXem [trang](/tin-tuc/khong-co/).\n",
    );
    let o = minhbach(&["check", "--format", "json"], &site.root);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    let diags = v["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(
        v["errors"].as_u64(),
        Some(diags.iter().filter(|d| d["severity"] == "error").count() as u64)
    );
    let date = diags
        .iter()
        .find(|d| d["path"] == "content/tin-tuc/hong.md")
        .expect("the bad date is reported");
    assert_eq!(
        (
            date["line"].as_u64(),
            date["column"].as_u64(),
            date["severity"].as_str()
        ),
        (Some(3), Some(1), Some("error"))
    );
    assert!(date["message"].as_str().is_some_and(|m| m.contains("`date`")), "{date}");
    assert!(date.get("hint").is_some());
    assert!(
        diags.iter().any(|d| d["path"] == "content/tin-tuc/lien-ket.md"),
        "the broken link is reported: {v}"
    );
    let mut keys: Vec<&str> = diags[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(keys, ["column", "hint", "line", "message", "path", "severity"]);

    let human = minhbach(&["check"], &site.root);
    assert_eq!(human.status.code(), Some(1));
    assert!(
        stderr(&human)
            .lines()
            .any(|l| l.starts_with("content/tin-tuc/hong.md:3:1: ")),
        "{}",
        stderr(&human)
    );
    assert!(human.stdout.is_empty());
    assert!(!site.output().exists(), "check wrote output/");
}

#[test]
fn check_reminds_that_inspection_conclusions_stay_posted_15_days() {
    let site = TempSite::fixture("minimal");
    site.write(
        "content/thanh-tra/_section.yaml",
        "kind: inspections\ntitle: Thanh tra\n",
    );
    site.write(
        "content/thanh-tra/moi.md",
        "---\ntitle: Kết luận mới\nnumber: 05/KL-TTr\ndate: 2026-03-15\n---\nNội dung.\n",
    );
    site.write(
        "content/thanh-tra/cu.md",
        "---\ntitle: Kết luận cũ\nnumber: 01/KL-TTr\ndate: 2026-02-01\n---\nNội dung.\n",
    );
    // "Now" is 2026-03-20 12:00 in Hanoi.
    let o = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .args(["check", "--format", "json", "--site"])
        .arg(&site.root)
        .env("SOURCE_DATE_EPOCH", "1773982800")
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let warnings: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| {
            d["severity"] == "warning" && d["path"].as_str().is_some_and(|p| p.starts_with("content/thanh-tra/"))
        })
        .collect();
    assert_eq!(warnings.len(), 1, "{v}");
    assert_eq!(warnings[0]["path"], "content/thanh-tra/moi.md");
    assert_eq!(
        warnings[0]["message"],
        "inspection conclusion posted 5 day(s) ago: it must stay published until 30/03/2026"
    );
}

#[test]
fn init_makes_a_portal_that_builds_without_a_single_warning() {
    let dir = TempSite::empty();
    let target = dir.root.join("cong-moi");
    let o = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .arg("init")
        .arg(&target)
        .output()
        .expect("run");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in [
        "site.yaml",
        "content/thu-tuc-hanh-chinh/danh-muc.csv",
        "content/cong-khai-ngan-sach/du-toan.csv",
        "content/thong-ke/ket-qua-giai-quyet-ho-so.csv",
        "static/images/logo.svg",
    ] {
        assert!(target.join(f).is_file(), "{f} missing");
    }
    let r = minhbach::build(&minhbach::BuildOptions::new(&target));
    assert!(r.success, "{}", messages(&r));
    assert!(r.diagnostics.is_empty(), "{}", messages(&r));
    assert_eq!(
        r.per_kind.len(),
        Kind::ALL.len(),
        "one example of each kind: {:?}",
        r.per_kind
    );
    assert!(
        target
            .join("output/thu-tuc-hanh-chinh/dang-ky-khai-sinh/index.html")
            .is_file()
    );

    let again = Command::new(env!("CARGO_BIN_EXE_minhbach"))
        .arg("init")
        .arg(&target)
        .output()
        .expect("run");
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("is not empty"), "{}", stderr(&again));
}

#[test]
fn precompress_writes_gzip_and_brotli_beside_text_files() {
    use std::io::Read as _;
    let site = TempSite::fixture("minimal");
    let r = site.build_with(|o| o.precompress = true);
    assert!(r.success, "{}", messages(&r));
    let out = site.output();
    let html = std::fs::read(out.join("index.html")).expect("index.html");
    let mut back = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(out.join("index.html.gz")).expect(".gz"))
        .read_to_end(&mut back)
        .expect("gunzip");
    assert_eq!(back, html);
    let mut back = Vec::new();
    brotli::Decompressor::new(std::fs::File::open(out.join("index.html.br")).expect(".br"), 4096)
        .read_to_end(&mut back)
        .expect("unbrotli");
    assert_eq!(back, html);
    assert!(std::fs::metadata(out.join("sitemap.xml.gz")).is_ok());
    let css = std::fs::read_dir(out.join("assets"))
        .expect("assets")
        .flatten()
        .any(|e| e.file_name().to_string_lossy().ends_with(".css.br"));
    assert!(css, "no .css.br in assets/");
    let plain = site.build_with(|o| o.output = Some(site.root.join("plain")));
    assert!(plain.success && !site.root.join("plain/index.html.gz").exists());
    assert!(r.files > plain.files, "compressed files are counted");
}

fn repo_file(rel: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

#[test]
fn deploy_recipes_carry_the_content_security_policy() {
    let nginx = repo_file("deploy/nginx.conf");
    let headers = repo_file("deploy/_headers");
    let htaccess = repo_file("deploy/apache.htaccess");
    let netlify = repo_file("deploy/netlify.toml");
    for (name, text) in [
        ("nginx.conf", &nginx),
        ("_headers", &headers),
        ("apache.htaccess", &htaccess),
        ("netlify.toml", &netlify),
    ] {
        assert!(text.contains(CSP), "deploy/{name} lacks the CSP");
    }
    assert!(nginx.contains("gzip_static on;"));
    let workflow: serde_yaml::Value =
        serde_yaml::from_str(&repo_file("deploy/github-pages.yml")).expect("the workflow is YAML");
    assert!(
        workflow["jobs"]["build"]["steps"]
            .as_sequence()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(repo_file("deploy/github-pages.yml").contains("--base-url"));

    // With nginx installed, the snippet must pass `nginx -t` inside a minimal configuration.
    let Ok(probe) = Command::new("nginx").arg("-v").output() else {
        return;
    };
    if !probe.status.success() {
        return;
    }
    let dir = TempSite::empty();
    let conf = dir.root.join("nginx.conf");
    let snippet = nginx.replace("/var/www/portal", &dir.root.display().to_string());
    std::fs::write(
        &conf,
        format!(
            "pid {0}/nginx.pid;\nerror_log {0}/error.log;\nevents {{}}\nhttp {{\n  access_log off;\n  client_body_temp_path {0};\n  proxy_temp_path {0};\n  fastcgi_temp_path {0};\n  uwsgi_temp_path {0};\n  scgi_temp_path {0};\n  include /etc/nginx/mime.types;\n{snippet}\n}}\n",
            dir.root.display()
        ),
    )
    .expect("write nginx.conf");
    let t = Command::new("nginx")
        .arg("-t")
        .arg("-q")
        .arg("-p")
        .arg(&dir.root)
        .arg("-c")
        .arg(&conf)
        .output()
        .expect("nginx -t");
    assert!(
        t.status.success(),
        "nginx -t failed:\n{}",
        String::from_utf8_lossy(&t.stderr)
    );
}

#[test]
fn the_theme_satisfies_the_content_security_policy() {
    let site = TempSite::fixture("minimal");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let files = crate::common::snapshot(&site.output());
    let mut problems = Vec::new();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        let mut rest = html.as_ref();
        while let Some(i) = rest.find("<script") {
            let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
            let tag = &rest[i..tag_end];
            if !tag.contains(" src=") && !tag.contains("type=\"application/ld+json\"") {
                problems.push(format!("{path}: inline script {tag}>"));
            }
            rest = &rest[tag_end..];
        }
        for bad in [
            " style=\"",
            "<style",
            "javascript:",
            " onclick=",
            " onload=",
            " onerror=",
            " onsubmit=",
            " onchange=",
        ] {
            if html.contains(bad) {
                problems.push(format!("{path}: contains `{bad}`"));
            }
        }
        // Scripts, images and styles load from the site itself (or are data: images).
        for (attr, allowed) in [
            (" src=\"", &["/", "data:", "https://thu.example.gov.vn/"][..]),
            ("rel=\"stylesheet\" href=\"", &["/"][..]),
        ] {
            let mut rest = html.as_ref();
            while let Some(i) = rest.find(attr) {
                rest = &rest[i + attr.len()..];
                let value = &rest[..rest.find('"').unwrap_or(0)];
                if !allowed.iter().any(|a| value.starts_with(a)) || value.starts_with("//") {
                    problems.push(format!("{path}: loads `{value}` from another origin"));
                }
            }
        }
    }
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".js")) {
        let js = String::from_utf8_lossy(bytes);
        for bad in [
            "eval(",
            "new Function",
            "innerHTML",
            "insertAdjacentHTML",
            "document.write",
        ] {
            if js.contains(bad) {
                problems.push(format!("{path}: uses `{bad}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
