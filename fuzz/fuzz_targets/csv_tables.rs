//! The CSV readers: plain records (procedure catalogs), budget tables, statistics tables.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::tables::{budget, records, statistics};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (r, diags) = records::read_records("t.csv", text);
    for (line, cells) in &r.rows {
        assert!(*line >= 1);
        assert_eq!(cells.len(), r.headers.len());
    }
    for d in &diags {
        assert!(d.hint.is_some(), "error without a hint: {d}");
    }
    if let (Some(t), _) = budget::parse("b.csv", text) {
        let _ = t.view();
        let _ = t.to_csv();
        let _ = t.to_json();
        let _ = t.chart("T", "triệu đồng");
    }
    if let (Some(t), _) = statistics::parse("s.csv", text) {
        let _ = t.view();
        let _ = t.to_csv();
        let _ = t.to_json();
        let _ = t.charts("T", "hồ sơ", None);
    }
});
