//! The search index builder and its Vietnamese tokenizer, fed any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::search::{SearchDoc, build_index};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let mut parts = s.splitn(3, '\u{1}');
    let title = parts.next().unwrap_or("").to_owned();
    let text = parts.next().unwrap_or("").to_owned();
    let keyword = parts.next().unwrap_or("").to_owned();
    let docs = vec![
        SearchDoc {
            url: "/a/".into(),
            title: title.clone(),
            kind: "news",
            keywords: vec![keyword],
            text: text.clone(),
            ..SearchDoc::default()
        },
        SearchDoc {
            url: "/b/".into(),
            title: text,
            kind: "procedure",
            summary: title,
            ..SearchDoc::default()
        },
    ];
    let index = build_index(&docs);
    let again = build_index(&docs);
    assert_eq!(index.files.len(), again.files.len(), "not deterministic");
    for (a, b) in index.files.iter().zip(&again.files) {
        assert!(a.path == b.path && a.bytes == b.bytes, "not deterministic: {}", a.path);
    }
});
