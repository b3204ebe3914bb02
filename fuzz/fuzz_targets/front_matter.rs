//! Front-matter splitting, YAML parsing with key positions, and typed reading of the keys.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::load::{decode_text, front_matter};

fuzz_target!(|data: &[u8]| {
    // Whatever the bytes, reading gives text or a positioned diagnostic.
    let Ok(text) = decode_text("x.md", data.to_vec()) else {
        return;
    };
    let (yaml, first_line) = match front_matter::split("x.md", &text) {
        Ok(s) => {
            assert!(s.body_line > s.yaml_line);
            (s.yaml.to_owned(), s.yaml_line)
        }
        Err(d) => {
            assert_eq!((d.line, d.column), (1, 1));
            (text.clone(), 1)
        }
    };
    match front_matter::parse_mapping("x.md", &yaml, first_line) {
        Ok(f) => {
            let _ = f.text("title");
            let _ = f.required_text("code");
            let _ = f.date("date");
            let _ = f.integer("weight");
            let _ = f.money("value");
            let _ = f.boolean("draft");
            let _ = f.text_list("tags");
            let _ = f.choices("level", &["province", "district", "commune"]);
            let _ = f.file_list("attachments");
            let lines = text.lines().count().max(1) + 1;
            for d in f.finish(&[]) {
                assert!(d.line <= lines + first_line, "{d} past the end ({lines} lines)");
            }
        }
        Err(d) => {
            assert!(d.hint.is_some(), "YAML error without a hint: {d}");
            assert!(d.line >= first_line.min(1), "{d}");
        }
    }
});
