//! Markdown rendering with the portal's extensions (sanitiser, link rewriting, speaker labels,
//! heading ids, tables). With `unsafe_html` off, nothing that runs may come out.
#![no_main]

use libfuzzer_sys::fuzz_target;
use minhbach::markdown::{LinkResolver, RenderOptions, is_safe_url, render};

struct Resolver;

impl LinkResolver for Resolver {
    fn link(&self, dest: &str, _offset: usize) -> Option<String> {
        if !is_safe_url(dest) {
            return None;
        }
        Some(match dest.strip_prefix('/') {
            Some(rest) => format!("/portal/{rest}"),
            None => dest.to_owned(),
        })
    }
    fn image(&self, src: &str, _alt: &str, _offset: usize) -> Option<String> {
        (!src.contains(':')).then(|| format!("/portal/{src}"))
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(md) = std::str::from_utf8(rest) else { return };
    let unsafe_html = flags & 1 == 1;
    let out = render(md, &Resolver, RenderOptions { unsafe_html });
    if !unsafe_html {
        let lower = out.html.to_ascii_lowercase();
        for bad in [
            "<script",
            "<iframe",
            "<img src=\"javascript",
            "href=\"javascript:",
            "<svg",
            "<style",
            "<object",
            "<form",
        ] {
            assert!(!lower.contains(bad), "{bad} in the output of {md:?}:\n{}", out.html);
        }
        assert!(!out.html.contains("\u{0}speaker"), "the speaker placeholder leaked");
    }
    for (id, _) in &out.headings {
        assert!(
            id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
            "bad heading id {id:?}"
        );
    }
});
