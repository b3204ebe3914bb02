//! Output: pages, URLs, pagination, feeds and safety of the output folder.

use crate::common::{TempSite, messages, snapshot};

#[test]
fn news_pages_lists_and_taxonomies() {
    let site = TempSite::fixture("minimal");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let out = site.output();
    for f in [
        "tin-tuc/index.html",
        "tin-tuc/trang/2/index.html",
        "tin-tuc/tin-mot/index.html",
        "tin-tuc/chuyen-muc/hoat-dong/index.html",
        "tags/cai-cach/index.html",
        "thu-tuc/dang-ky-khai-sinh/index.html",
        "thu-tuc/ket-hon/index.html",
        "thu-tuc/linh-vuc/ho-tich/index.html",
        "thu-tuc/cap/commune/index.html",
        "thu-tuc/a-z/index.html",
        "gioi-thieu/lien-he/index.html",
    ] {
        assert!(out.join(f).exists(), "{f} missing");
    }
    // Links to source files become page links.
    let ba = site.read_output("tin-tuc/tin-ba/index.html");
    assert!(ba.contains("href=\"/tin-tuc/tin-mot/\""), "{ba}");
}

#[test]
fn files_of_earlier_builds_are_removed() {
    let site = TempSite::fixture("minimal");
    assert!(site.build().success);
    assert!(site.output().join("tin-tuc/tin-ba/index.html").exists());
    std::fs::remove_file(site.root.join("content/tin-tuc/tin-ba.md")).expect("rm");
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    assert!(!site.output().join("tin-tuc/tin-ba/index.html").exists());
}

#[test]
fn publish_at_uses_source_date_epoch() {
    let site = TempSite::fixture("minimal");
    site.write(
        "content/tin-tuc/sau.md",
        "---\ntitle: Sau\npublish_at: 2030-01-01\n---\nx\n",
    );
    assert!(site.build().success);
    assert!(!site.output().join("tin-tuc/sau/index.html").exists());
}

#[test]
fn nfd_and_crlf_and_bom_input_give_the_same_page() {
    let site = TempSite::fixture("minimal");
    let nfd = "---\r\ntitle: \"Đăng ký\u{0302}\"\r\n---\r\nHo\u{0302}̀ sơ\r\n".to_owned();
    site.write("content/tin-tuc/nfd.md", format!("\u{feff}{nfd}"));
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let html = site.read_output("tin-tuc/nfd/index.html");
    assert!(html.contains("Hồ sơ"), "{html}");
}

#[test]
fn raw_html_and_script_urls_are_neutralised() {
    let site = TempSite::fixture("minimal");
    site.write(
        "content/tin-tuc/xau.md",
        "---\ntitle: \"<script>alert(1)</script>\"\nsummary: \"<img src=x onerror=alert(1)>\"\n---\n<script>alert(2)</script>\n\n[bấm](javascript:alert(3)) <a href=\"javascript:alert(4)\">x</a>\n",
    );
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let files = snapshot(&site.output());
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(!html.contains("<script>alert"), "{path} has a live script");
        assert!(!html.contains("<img src=x"), "{path} has a live img");
        assert!(!html.contains("href=\"javascript:"), "{path} has a javascript: link");
    }
}

#[test]
fn a_second_build_waits_for_the_lock() {
    let site = TempSite::fixture("minimal");
    let lock = site.root.join(".output.lock");
    std::fs::write(&lock, format!("{}\n", std::process::id())).expect("lock");
    let r = site.build();
    assert!(!r.success);
    assert!(messages(&r).contains("another build"), "{}", messages(&r));
    std::fs::remove_file(&lock).expect("unlock");
    assert!(site.build().success);
}

/// A tag written two ways with one slug is one page, named as the first file (in source order)
/// writes it, listing each item once, newest first.
#[test]
fn tag_spellings_with_one_slug_share_a_page() {
    let site = TempSite::fixture("minimal");
    site.write(
        "content/tin-tuc/a-cu.md",
        "---\ntitle: \"Tin cũ\"\ndate: 2026-01-02\ntags: [\"Hộ tịch\", \"hộ tịch\"]\n---\nCũ.\n",
    );
    site.write(
        "content/tin-tuc/b-moi.md",
        "---\ntitle: \"Tin mới\"\ndate: 2026-02-03\ntags: [\"HỘ TỊCH\"]\n---\nMới.\n",
    );
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let html = site.read_output("tags/ho-tich/index.html");
    assert!(html.contains("Thẻ: Hộ tịch"), "named by the first file: {html}");
    let new = html.find("Tin mới").expect("the newer item is listed");
    let old = html.find("Tin cũ").expect("the older item is listed");
    assert!(new < old, "newest first");
    assert_eq!(
        html.matches("Tin cũ").count(),
        html.matches("Tin mới").count(),
        "each item once"
    );
}
