//! Slug folding and the text helpers around it.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::text;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    let slug = text::slugify(s);
    assert!(
        slug.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "{slug:?}"
    );
    assert!(
        !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
        "{slug:?}"
    );
    assert_eq!(text::slugify(&slug), slug, "not idempotent");
    assert_eq!(text::slugify(&text::nfc(s)), slug, "depends on the normal form");
    let _ = text::fold_diacritics(s);
    let _ = text::sort_key(s);
    let cut = text::truncate_words(s, 40);
    assert!(cut.chars().count() <= 41, "{cut:?}");
    let _ = text::closest(s, &["title", "date", "summary"]);
    let escaped = text::escape_html(s);
    assert!(!escaped.contains(['<', '>', '"', '\'']));
});
