//! The bundled example portal builds cleanly, under a sub-path, and all its links resolve.

use crate::common::{TempSite, links, messages, snapshot};

#[test]
fn bundled_portal_builds_without_problems() {
    let site = TempSite::bundled();
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let errors: Vec<_> = r.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{}", messages(&r));
    assert!(r.items >= 60, "{} items", r.items);
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let site = TempSite::bundled();
    let r = site.build_with(|o| o.base_url = Some("https://host.example/portal/".into()));
    assert!(r.success, "{}", messages(&r));
    let files = snapshot(&site.output());
    let mut broken = Vec::new();
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for link in links(&html) {
            let target = if let Some(rest) = link.strip_prefix("https://host.example/portal/") {
                rest.to_owned()
            } else if let Some(rest) = link.strip_prefix("/portal/") {
                rest.to_owned()
            } else if link.starts_with('/') {
                broken.push(format!("{path}: {link} (outside the base path)"));
                continue;
            } else {
                continue; // external, fragment, mailto
            };
            let target = target.split(['#', '?']).next().unwrap_or("").to_owned();
            let candidates = [
                target.clone(),
                format!("{target}index.html"),
                format!("{target}/index.html"),
            ];
            checked += 1;
            if !candidates
                .iter()
                .any(|c| files.contains_key(c.as_str()) || c.is_empty() && files.contains_key("index.html"))
            {
                broken.push(format!("{path}: {link}"));
            }
        }
    }
    assert!(checked > 500, "only {checked} links checked");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TempSite::bundled();
    let a_dir = site.root.join("out-a");
    let b_dir = site.root.join("out-b");
    let ra = site.build_with(|o| o.output = Some(a_dir.clone()));
    let rb = site.build_with(|o| o.output = Some(b_dir.clone()));
    assert!(ra.success && rb.success, "{}", messages(&ra));
    let a = snapshot(&a_dir);
    let b = snapshot(&b_dir);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(b[k] == *v, "{k} differs between two builds");
    }
}

#[test]
fn drafts_and_future_items_are_left_out_unless_asked() {
    let site = TempSite::bundled();
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    let out = site.output();
    assert!(
        !out.join("tin-tuc/du-thao-ke-hoach-vui-tet-trung-thu-2026/index.html")
            .exists()
    );
    assert!(
        !out.join("tin-tuc/thong-bao-lich-nghi-tet-nguyen-dan-canh-tuat-2030/index.html")
            .exists()
    );
    let r = site.build_with(|o| o.drafts = true);
    assert!(r.success, "{}", messages(&r));
    assert!(
        out.join("tin-tuc/du-thao-ke-hoach-vui-tet-trung-thu-2026/index.html")
            .exists()
    );
}

#[test]
fn site_wide_files_exist() {
    let site = TempSite::bundled();
    let r = site.build();
    assert!(r.success, "{}", messages(&r));
    for f in [
        "index.html",
        "404.html",
        "sitemap.xml",
        "robots.txt",
        "atom.xml",
        "tin-tuc/atom.xml",
        "search/index.html",
        "tags/index.html",
    ] {
        assert!(site.output().join(f).exists(), "{f} missing");
    }
    let sitemap = site.read_output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://ankhanh.example.gov.vn/thu-tuc-hanh-chinh/dang-ky-khai-sinh/</loc>"));
    let news = site.read_output("tin-tuc/phong-van-chu-tich-ubnd-phuong-ve-cai-cach-hanh-chinh/index.html");
    assert!(news.contains("Thứ Năm, 15/01/2026, 10:15"), "Vietnamese date");
    assert!(news.contains("<strong class=\"speaker\">PV:</strong>"));
}
