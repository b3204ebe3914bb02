//! Measures the development server's incremental path: opens a site in a [`Session`], then
//! edits one item several times and reports how long each rebuild took until the page was
//! written (and, separately, the search index refresh that follows).
//!
//! `cargo run --release --example rebuild -- SITE_DIR content/tin-tuc/item.md [RUNS] [retag]`
//!
//! With `retag`, each edit adds a tag to the item's `tags: [` line (an edit that moves the item
//! between lists) instead of appending a sentence to its body (an edit that moves it in none).

use std::time::Instant;

use minhbach::BuildOptions;
use minhbach::session::Session;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(site), Some(rel)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: rebuild SITE_DIR content/<section>/<item>.md [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(5);
    let retag = args.get(4).is_some_and(|a| a == "retag");
    let out = std::env::temp_dir().join(format!("minhbach-rebuild-{}", std::process::id()));
    let mut session = Session::new(BuildOptions::new(site), out.clone());
    let t = Instant::now();
    let first = session.rebuild(&[]);
    if !first.report.success {
        for d in &first.report.diagnostics {
            eprintln!("{d}");
        }
        std::process::exit(1);
    }
    println!(
        "initial build: {:.0} ms, {} pages",
        t.elapsed().as_secs_f64() * 1000.0,
        first.rendered
    );
    let path = std::path::Path::new(site).join(rel);
    let original = std::fs::read_to_string(&path).expect("read the item");
    let mut pages = Vec::new();
    let mut search = Vec::new();
    for n in 0..runs {
        let edited = if retag {
            original.replacen("tags: [", &format!("tags: [\"thử nghiệm {n}\", "), 1)
        } else {
            format!("{original}\nChỉnh sửa lần {n}.\n")
        };
        assert!(edited != original, "the item has no `tags: [` line to edit");
        std::fs::write(&path, edited).expect("edit");
        let t = Instant::now();
        let r = session.rebuild(std::slice::from_ref(rel));
        let page_ms = t.elapsed().as_secs_f64() * 1000.0;
        assert!(r.report.success && !r.full, "the edit must take the incremental path");
        let t = Instant::now();
        session.refresh_search();
        let search_ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "edit {n}: page written in {page_ms:.0} ms ({} pages rendered{}), search index in {search_ms:.0} ms",
            r.rendered,
            if r.kept_plan { ", plan kept" } else { ", planned again" }
        );
        pages.push(page_ms);
        search.push(search_ms);
    }
    std::fs::write(&path, original).expect("restore");
    pages.sort_by(f64::total_cmp);
    search.sort_by(f64::total_cmp);
    println!(
        "median: page {:.0} ms, search index {:.0} ms",
        pages[pages.len() / 2],
        search[search.len() / 2]
    );
    let _removed = std::fs::remove_dir_all(out);
}
