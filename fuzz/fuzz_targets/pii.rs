//! The personal-data scanner: any text, findings always inside it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::pii::{Allow, scan_text};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let lines: Vec<&str> = s.lines().collect();
    for f in scan_text(s, 1, &Allow::default()) {
        let line = lines
            .get(f.line - 1)
            .unwrap_or_else(|| panic!("line {} past the end", f.line));
        assert!(
            f.column >= 1 && f.column <= line.chars().count(),
            "column {} on {line:?}",
            f.column
        );
    }
});
