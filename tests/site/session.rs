//! Incremental rebuilds (the development server's path): after editing, adding or removing an
//! item, the output equals a full build, and far fewer pages are rendered.

use minhbach::BuildOptions;
use minhbach::session::Session;

use crate::common::{TempSite, messages, snapshot};

fn full_build(site: &TempSite, dir: &str) -> std::collections::BTreeMap<String, Vec<u8>> {
    let out = site.root.join(dir);
    let r = site.build_with(|o| {
        o.output = Some(out.clone());
        o.base_url = Some("http://127.0.0.1:9/".into());
    });
    assert!(r.success, "{}", messages(&r));
    snapshot(&out)
}

fn assert_same(live: &std::collections::BTreeMap<String, Vec<u8>>, full: &std::collections::BTreeMap<String, Vec<u8>>) {
    let only_live: Vec<&String> = live.keys().filter(|k| !full.contains_key(*k)).collect();
    let only_full: Vec<&String> = full.keys().filter(|k| !live.contains_key(*k)).collect();
    assert!(
        only_live.is_empty() && only_full.is_empty(),
        "only in the live folder: {only_live:?}; only in a full build: {only_full:?}"
    );
    for (k, v) in live {
        assert!(full[k] == *v, "{k} differs from a full build");
    }
}

#[test]
fn editing_adding_and_removing_items_matches_a_full_build() {
    let site = TempSite::bundled();
    let mut o = BuildOptions::new(&site.root);
    o.base_url = Some("http://127.0.0.1:9/".into());
    let live = site.root.join("live");
    let mut session = Session::new(o, live.clone());
    let first = session.rebuild(&[]);
    assert!(
        first.report.success,
        "{}",
        first
            .report
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let total = first.rendered;

    // Edit one news item's text.
    let rel = "content/tin-tuc/phong-van-chu-tich-ubnd-phuong-ve-cai-cach-hanh-chinh.md";
    let text = std::fs::read_to_string(site.root.join(rel)).expect("read");
    site.write(rel, text.replace("Xin cảm ơn ông!", "Xin chân thành cảm ơn ông!"));
    let r = session.rebuild(&[rel.to_owned()]);
    assert!(r.report.success && !r.full, "{:?}", r.report.diagnostics);
    assert!(r.rendered * 5 < total, "rendered {} of {total} pages", r.rendered);
    session.refresh_search();
    assert_same(&snapshot(&live), &full_build(&site, "full-1"));

    // Add an item, then remove it.
    let added = "content/tin-tuc/tin-moi-them.md";
    site.write(
        added,
        "---\ntitle: Tin mới thêm\ndate: 2026-11-01 08:00\ncategory: Hoạt động phường\n---\nNội dung mới.\n",
    );
    let r = session.rebuild(&[added.to_owned()]);
    assert!(r.report.success && !r.full, "{:?}", r.report.diagnostics);
    session.refresh_search();
    assert!(live.join("tin-tuc/tin-moi-them/index.html").exists());
    assert_same(&snapshot(&live), &full_build(&site, "full-2"));
    std::fs::remove_file(site.root.join(added)).expect("rm");
    let r = session.rebuild(&[added.to_owned()]);
    assert!(r.report.success, "{:?}", r.report.diagnostics);
    session.refresh_search();
    assert!(!live.join("tin-tuc/tin-moi-them/index.html").exists());
    assert_same(&snapshot(&live), &full_build(&site, "full-3"));
}

#[test]
fn a_broken_edit_keeps_the_last_good_site() {
    let site = TempSite::bundled();
    let live = site.root.join("live");
    let mut session = Session::new(BuildOptions::new(&site.root), live.clone());
    assert!(session.rebuild(&[]).report.success);
    let before = snapshot(&live);
    let rel = "content/tin-tuc/thong-bao-lich-tiep-cong-dan-nam-2026.md";
    site.write(rel, "---\ntitle: [hỏng\n---\n");
    let r = session.rebuild(&[rel.to_owned()]);
    assert!(!r.report.success);
    assert!(
        r.report.diagnostics.iter().any(|d| d.path == rel),
        "{:?}",
        r.report.diagnostics
    );
    assert!(snapshot(&live) == before, "the output changed after a failed rebuild");
}

/// The HTML pages of two snapshots are the same (the search page names the index, which
/// follows with the search refresh).
fn assert_pages_same(
    live: &std::collections::BTreeMap<String, Vec<u8>>,
    full: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    let pages = |s: &std::collections::BTreeMap<String, Vec<u8>>| -> std::collections::BTreeMap<String, Vec<u8>> {
        s.iter()
            .filter(|(k, _)| k.ends_with(".html") && k.as_str() != "search/index.html")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    assert_same(&pages(live), &pages(full));
}

/// Edits that move an item in no list re-render from the kept plan (bodies, titles where the
/// title orders nothing); edits that do (tags, a procedure's title, which orders the A–Z list,
/// a date) plan again. Either way, the pages equal those of a full build at once, and the
/// whole output after the search refresh.
#[test]
fn edits_kept_in_the_plan_and_edits_that_move_items_match_a_full_build() {
    let site = TempSite::bundled();
    let mut o = BuildOptions::new(&site.root);
    o.base_url = Some("http://127.0.0.1:9/".into());
    let live = site.root.join("live");
    let mut session = Session::new(o, live.clone());
    assert!(session.rebuild(&[]).report.success);
    let news = "content/tin-tuc/phong-van-chu-tich-ubnd-phuong-ve-cai-cach-hanh-chinh.md";
    let procedure = "content/thu-tuc-hanh-chinh/chung-thuc-viec-sua-doi-bo-sung-huy-bo-hop-dong-giao-dich.md";
    let translated = "content/gioi-thieu/lien-he.en.md";
    let edits: [(&str, &str, &str, bool); 8] = [
        (news, "Xin cảm ơn ông!", "Xin chân thành cảm ơn ông!", true),
        (translated, "- **Hotline:** 028", "- **Hotline (24/7):** 028", true),
        (translated, "title: \"Contact\"", "title: \"Contact us\"", false),
        (
            news,
            "title: \"Chủ tịch UBND phường An Khánh:",
            "title: \"Ông Chủ tịch UBND phường An Khánh:",
            true,
        ),
        (news, "\"chuyển đổi số\"]", "\"chuyển đổi số\", \"thẻ mới\"]", false),
        (news, "date: 2026-01-15 10:15", "date: 2025-01-15 10:15", false),
        (procedure, "fees: \"30.000 đồng", "fees: \"35.000 đồng", true),
        (
            procedure,
            "title: \"Chứng thực việc sửa đổi",
            "title: \"Xác nhận chứng thực việc sửa đổi",
            false,
        ),
    ];
    for (n, (rel, from, to, kept)) in edits.into_iter().enumerate() {
        let text = std::fs::read_to_string(site.root.join(rel)).expect("read");
        assert!(text.contains(from), "{rel}: no `{from}`");
        site.write(rel, text.replace(from, to));
        let r = session.rebuild(&[rel.to_owned()]);
        assert!(r.report.success && !r.full, "{:?}", r.report.diagnostics);
        assert_eq!(r.kept_plan, kept, "edit {n} of {rel}: `{to}`");
        let full = full_build(&site, &format!("full-{n}"));
        assert_pages_same(&snapshot(&live), &full);
        session.refresh_search();
        assert_same(&snapshot(&live), &full);
    }
}
