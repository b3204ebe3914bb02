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

/// The attributes of a tag's text (after `<`, before `>`): (name, value), quotes respected.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let b = tag.as_bytes();
    let mut i = 0;
    while i < b.len() && !b[i].is_ascii_whitespace() {
        i += 1;
    }
    let mut out = Vec::new();
    while i < b.len() {
        if b[i].is_ascii_whitespace() || b[i] == b'/' {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' {
            i += 1;
        }
        let key = tag[start..i].to_owned();
        let mut value = String::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let v = i + 1;
                i += 1;
                while i < b.len() && b[i] != q {
                    i += 1;
                }
                value = tag[v..i.min(b.len())].to_owned();
                i += 1;
            } else {
                let v = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                value = tag[v..i].to_owned();
            }
        }
        out.push((key, value));
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let Ok(md) = std::str::from_utf8(rest) else { return };
    // Content files with NUL bytes are refused on load; the renderer never sees them.
    if md.contains('\0') {
        return;
    }
    let unsafe_html = flags & 1 == 1;
    let out = render(md, &Resolver, RenderOptions { unsafe_html });
    if !unsafe_html {
        // Text is escaped, so every `<` followed by a letter opens a live tag: check those.
        let html = out.html.to_ascii_lowercase();
        for (i, _) in html.match_indices('<') {
            let tag = &html[i + 1..];
            if !tag.starts_with(|c: char| c.is_ascii_alphabetic()) {
                continue;
            }
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            let name: String = tag.chars().take_while(char::is_ascii_alphanumeric).collect();
            assert!(
                ![
                    "script", "iframe", "svg", "style", "object", "embed", "form", "math", "base", "meta", "link"
                ]
                .contains(&name.as_str()),
                "live <{name}> from {md:?}:\n{}",
                out.html
            );
            for (key, value) in attributes(tag) {
                assert!(
                    !key.starts_with("on"),
                    "handler `{key}` in <{tag}> from {md:?}:\n{}",
                    out.html
                );
                if key == "href" || key == "src" {
                    let v: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !c.is_control())
                        .collect();
                    for bad in ["javascript:", "vbscript:", "data:"] {
                        assert!(!v.starts_with(bad), "`{bad}` in <{tag}> from {md:?}:\n{}", out.html);
                    }
                }
            }
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
