//! Markdown to HTML with pulldown-cmark, plus what a portal needs on top:
//! links rewritten for the base path, dangerous URLs dropped, raw HTML escaped unless the
//! site opts in, heading anchors, interview speaker labels, scrollable tables, and the plain
//! text used for summaries and search.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

use crate::text;

/// Decides where links and images in a body point. Implemented by the model stage, which
/// knows the item's folder, every item's URL and the site's base path.
pub trait LinkResolver {
    /// The `href` for a link as written, or `None` to drop the link (keeping its text).
    /// `offset` is the byte offset of the link in the Markdown, for diagnostics.
    fn link(&self, dest: &str, offset: usize) -> Option<String>;
    /// The `src` for an image as written, or `None` to drop the image.
    fn image(&self, src: &str, alt: &str, offset: usize) -> Option<String>;
}

/// Rendering options.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Pass raw HTML through (`unsafe_html: true` in site.yaml). Off: raw HTML shows as text.
    pub unsafe_html: bool,
}

/// A rendered Markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The HTML.
    pub html: String,
    /// The text without markup, paragraphs separated by newlines.
    pub text: String,
    /// The `##` headings: (anchor id, text).
    pub headings: Vec<(String, String)>,
}

/// Whether a URL scheme may appear in a link: only web, mail and phone links, plus relative ones.
pub fn is_safe_url(url: &str) -> bool {
    let trimmed: String = url.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = trimmed.to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a path or query separator is not a scheme.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..colon], "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Renders `md` to HTML.
pub fn render(md: &str, resolver: &dyn LinkResolver, options: RenderOptions) -> Rendered {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let parser = Parser::new_ext(md, opts).into_offset_iter();

    let mut events: Vec<Event<'_>> = Vec::new();
    let mut text_out = String::new();
    let mut headings = Vec::new();
    let mut used_ids: Vec<String> = Vec::new();
    // Stack of "was this link kept?" for nested link ends.
    let mut link_kept: Vec<bool> = Vec::new();
    let mut image_depth = 0usize;
    let mut heading: Option<(usize, HeadingLevel, String)> = None;
    let mut paragraph_start: Option<usize> = None;

    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                heading = Some((events.len(), level, String::new()));
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some((start, lvl, htext)) = heading.take() {
                    let base = text::slugify(&htext);
                    let base = if base.is_empty() { "muc".to_owned() } else { base };
                    let mut id = base.clone();
                    let mut n = 2;
                    while used_ids.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    used_ids.push(id.clone());
                    if lvl == HeadingLevel::H2 {
                        headings.push((id.clone(), htext.trim().to_owned()));
                    }
                    if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[start] {
                        *slot = Some(CowStr::from(id));
                    }
                    text_out.push('\n');
                }
                events.push(Event::End(TagEnd::Heading(level)));
            }
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                match resolver.link(&dest_url, range.start) {
                    Some(href) if is_safe_url(&href) => {
                        link_kept.push(true);
                        events.push(Event::Start(Tag::Link { link_type, dest_url: href.into(), title, id }));
                    }
                    _ => link_kept.push(false),
                }
            }
            Event::End(TagEnd::Link) => {
                if link_kept.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let alt = image_alt(md, range.clone());
                match resolver.image(&dest_url, &alt, range.start) {
                    Some(src) if is_safe_url(&src) => {
                        events.push(Event::Start(Tag::Image { link_type, dest_url: src.into(), title, id }));
                    }
                    _ => image_depth += 1,
                }
            }
            Event::End(TagEnd::Image) => {
                if image_depth > 0 {
                    image_depth -= 1;
                } else {
                    events.push(Event::End(TagEnd::Image));
                }
            }
            Event::Start(Tag::Table(align)) => {
                events.push(Event::Html(CowStr::from("<div class=\"table-scroll\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\">")));
                events.push(Event::Start(Tag::Table(align)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html(CowStr::from("</div>")));
            }
            Event::Start(Tag::Paragraph) => {
                paragraph_start = Some(events.len());
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::Item) | Event::End(TagEnd::TableRow) => {
                text_out.push('\n');
                events.push(event);
            }
            Event::Start(Tag::Strong) if paragraph_start == Some(events.len().wrapping_sub(1)) => {
                // A paragraph opening with bold text ending in ':' is an interview speaker label.
                events.push(Event::Html(CowStr::from("\u{0}speaker")));
            }
            Event::End(TagEnd::Strong) if matches!(events.last(), Some(Event::Text(_))) && is_speaker_open(&events) => {
                let label_ends_colon = matches!(events.last(), Some(Event::Text(t)) if t.trim_end().ends_with(':'));
                close_speaker(&mut events, label_ends_colon);
            }
            Event::Text(t) => {
                if image_depth == 0 {
                    if let Some((_, _, h)) = heading.as_mut() {
                        h.push_str(&t);
                    }
                    text_out.push_str(&t);
                    events.push(Event::Text(t));
                }
            }
            Event::Code(t) => {
                text_out.push_str(&t);
                if let Some((_, _, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
                events.push(Event::Code(t));
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !options.unsafe_html => {
                events.push(Event::Text(raw));
            }
            Event::SoftBreak | Event::HardBreak => {
                text_out.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    finish_open_speaker(&mut events);
    let mut html_out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    Rendered { html: html_out, text: collapse_spaces(&text_out), headings }
}

fn is_speaker_open(events: &[Event<'_>]) -> bool {
    events.len() >= 2 && matches!(&events[events.len() - 2], Event::Html(h) if h.as_ref() == "\u{0}speaker")
}

/// Replaces the placeholder opening a paragraph's first bold run with `<strong class="speaker">`
/// when its text ends with ':', else with a plain `<strong>`.
fn close_speaker(events: &mut [Event<'_>], speaker: bool) {
    let n = events.len();
    let open = if speaker { "<strong class=\"speaker\">" } else { "<strong>" };
    events[n - 2] = Event::Html(CowStr::from(open));
    // The closing tag is appended by the caller's flow: emulate it here.
    if let Some(Event::Text(t)) = events.last_mut() {
        let closed = format!("{}</strong>", text::escape_html(t));
        events[n - 1] = Event::Html(CowStr::from(closed));
    }
}

/// A bold run whose end was never seen next to its text (nested markup): fall back to `<strong>`.
fn finish_open_speaker(events: &mut [Event<'_>]) {
    for e in events.iter_mut() {
        if matches!(e, Event::Html(h) if h.as_ref() == "\u{0}speaker") {
            *e = Event::Start(Tag::Strong);
        }
    }
}

fn image_alt(md: &str, range: std::ops::Range<usize>) -> String {
    let src = md.get(range).unwrap_or("");
    src.strip_prefix("![")
        .and_then(|r| r.split(']').next())
        .unwrap_or("")
        .trim()
        .to_owned()
}

fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out
}

/// The first paragraph-sized piece of `text`, for summaries and meta descriptions.
pub fn summary_from_text(text: &str, max_chars: usize) -> String {
    let first = text.lines().find(|l| l.chars().count() > 40).or_else(|| text.lines().next()).unwrap_or("");
    text::truncate_words(first, max_chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Base;
    impl LinkResolver for Base {
        fn link(&self, dest: &str, _: usize) -> Option<String> {
            Some(match dest.strip_prefix('/') {
                Some(rest) => format!("/portal/{rest}"),
                None => dest.to_owned(),
            })
        }
        fn image(&self, src: &str, _: &str, _: usize) -> Option<String> {
            Some(src.to_owned())
        }
    }

    fn r(md: &str) -> Rendered {
        render(md, &Base, RenderOptions::default())
    }

    #[test]
    fn root_relative_links_get_the_base_path() {
        let out = r("Xem [thủ tục](/thu-tuc/a/).");
        assert!(out.html.contains("href=\"/portal/thu-tuc/a/\""), "{}", out.html);
    }

    #[test]
    fn dangerous_links_are_dropped_keeping_text() {
        let out = r("[bấm](javascript:alert(1)) và [x](data:text/html,hi) [ok](https://a.vn)");
        assert!(!out.html.contains("javascript"), "{}", out.html);
        assert!(!out.html.contains("data:"), "{}", out.html);
        assert!(out.html.contains("bấm"));
        assert!(out.html.contains("href=\"https://a.vn\""));
        assert!(!is_safe_url(" JaVa\tScRipt:alert(1)"));
        assert!(is_safe_url("/a/b?x=1:2"));
    }

    #[test]
    fn raw_html_is_text_by_default() {
        let out = r("<script>alert(1)</script>\n\nA <img src=x onerror=alert(1)> b");
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(!out.html.contains("<img"), "{}", out.html);
        let unsafe_out = render("<b>x</b>", &Base, RenderOptions { unsafe_html: true });
        assert!(unsafe_out.html.contains("<b>x</b>"));
    }

    #[test]
    fn headings_get_folded_ids() {
        let out = r("## Trình tự thực hiện\n\n## Trình tự thực hiện\n");
        assert!(out.html.contains("id=\"trinh-tu-thuc-hien\""));
        assert!(out.html.contains("id=\"trinh-tu-thuc-hien-2\""));
        assert_eq!(out.headings[0].1, "Trình tự thực hiện");
    }

    #[test]
    fn speaker_labels() {
        let out = r("**PV:** Xin chào ông?\n\n**Ông A:** Chào.\n\nMột **điểm** nhấn.");
        assert!(out.html.contains("<strong class=\"speaker\">PV:</strong>"), "{}", out.html);
        assert!(out.html.contains("<strong>điểm</strong>"), "{}", out.html);
    }

    #[test]
    fn tables_scroll_and_text_is_plain() {
        let out = r("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(out.html.contains("class=\"table-scroll\""));
        assert_eq!(r("# Tiêu đề\n\nĐoạn *một*.").text, "Tiêu đề\nĐoạn một.");
    }
}
