//! Markdown to HTML with pulldown-cmark, plus what a portal needs on top:
//! links rewritten for the base path, dangerous URLs dropped, raw HTML sanitised against a small
//! allow-list unless the site opts in with `unsafe_html: true`, heading anchors, interview
//! speaker labels, scrollable tables, and the plain text used for summaries and search.
//!
//! The sanitiser keeps a few harmless inline tags ([`ALLOWED_TAGS`], without attributes except
//! `title` on `abbr` and `dfn`), balanced: a tag left open is closed at the end of its block,
//! a closing tag that closes nothing is shown as text. Comments are dropped. Every other tag
//! (`script`, `style`, `iframe`, `img`, `a`, `svg`, `form`, …) is shown as text, escaped.

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
    /// Pass raw HTML through (`unsafe_html: true` in site.yaml). Off: raw HTML is sanitised:
    /// the tags of [`ALLOWED_TAGS`] are kept, everything else shows as text.
    pub unsafe_html: bool,
}

/// Raw HTML tags kept in content when `unsafe_html` is off. None of them can run code, load a
/// resource or link anywhere; only `abbr` and `dfn` keep an attribute (`title`).
pub const ALLOWED_TAGS: &[&str] = &[
    "abbr", "b", "br", "cite", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "small", "strong", "sub",
    "sup", "u",
];

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

    let mut sanitizer = Sanitizer::default();
    // Raw lines of the HTML block being read, sanitised as a whole at its end.
    let mut html_block: Option<String> = None;

    for (event, range) in parser {
        if let Event::End(end) = &event {
            if closes_inline_context(end) && !sanitizer.open.is_empty() {
                let mut out = String::new();
                sanitizer.close_all(&mut out);
                events.push(Event::Html(CowStr::from(out)));
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading = Some((events.len(), level, String::new()));
                events.push(Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }));
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
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => match resolver.link(&dest_url, range.start) {
                Some(href) if is_safe_url(&href) => {
                    link_kept.push(true);
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: href.into(),
                        title,
                        id,
                    }));
                }
                _ => link_kept.push(false),
            },
            Event::End(TagEnd::Link) => {
                if link_kept.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let alt = image_alt(md, range.clone());
                match resolver.image(&dest_url, &alt, range.start) {
                    Some(src) if is_safe_url(&src) => {
                        events.push(Event::Start(Tag::Image {
                            link_type,
                            dest_url: src.into(),
                            title,
                            id,
                        }));
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
                events.push(Event::Html(CowStr::from(
                    "<div class=\"table-scroll\" role=\"region\" aria-label=\"Bảng\" tabindex=\"0\">",
                )));
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
            Event::Start(Tag::HtmlBlock) if !options.unsafe_html => {
                html_block = Some(String::new());
                events.push(event);
            }
            Event::Html(raw) if !options.unsafe_html && html_block.is_some() => {
                if let Some(b) = html_block.as_mut() {
                    b.push_str(&raw);
                }
            }
            Event::End(TagEnd::HtmlBlock) if !options.unsafe_html => {
                let raw = html_block.take().unwrap_or_default();
                let mut out = String::with_capacity(raw.len() + 16);
                sanitizer.fragment(&raw, &mut out, &mut text_out);
                sanitizer.close_all(&mut out);
                text_out.push('\n');
                events.push(Event::Html(CowStr::from(out)));
                events.push(event);
            }
            Event::Html(raw) | Event::InlineHtml(raw) if !options.unsafe_html => {
                let mut out = String::with_capacity(raw.len() + 16);
                let mut plain = String::new();
                sanitizer.fragment(&raw, &mut out, &mut plain);
                if image_depth == 0 {
                    text_out.push_str(&plain);
                    if let Some((_, _, h)) = heading.as_mut() {
                        h.push_str(&plain);
                    }
                    events.push(Event::Html(CowStr::from(out)));
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                text_out.push(' ');
                events.push(event);
            }
            other => events.push(other),
        }
    }
    if !sanitizer.open.is_empty() {
        let mut out = String::new();
        sanitizer.close_all(&mut out);
        events.push(Event::Html(CowStr::from(out)));
    }
    finish_open_speaker(&mut events);
    let mut html_out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut html_out, events.into_iter());
    Rendered {
        html: html_out,
        text: collapse_spaces(&text_out),
        headings,
    }
}

/// Block ends that close every inline tag the sanitiser left open inside them.
fn closes_inline_context(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::Item
            | TagEnd::TableCell
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Table
    )
}

/// The allow-list sanitiser for raw HTML in Markdown, with the stack of tags it left open.
#[derive(Debug, Default)]
struct Sanitizer {
    open: Vec<&'static str>,
}

impl Sanitizer {
    /// Sanitises one piece of raw HTML into `out`; its text (between tags) goes to `plain`.
    fn fragment(&mut self, raw: &str, out: &mut String, plain: &mut String) {
        let mut rest = raw;
        while !rest.is_empty() {
            let Some(lt) = rest.find('<') else {
                push_text(rest, out, plain);
                break;
            };
            push_text(&rest[..lt], out, plain);
            rest = &rest[lt..];
            if let Some(after) = rest.strip_prefix("<!--") {
                // A comment: dropped when closed, else shown as text.
                if let Some(end) = after.find("-->") {
                    rest = &after[end + 3..];
                    continue;
                }
            }
            match parse_tag(rest) {
                Some((tag, len)) => {
                    self.tag(&tag, &rest[..len], out);
                    rest = &rest[len..];
                }
                None => {
                    out.push_str("&lt;");
                    plain.push('<');
                    rest = &rest[1..];
                }
            }
        }
    }

    /// Emits an allowed tag (balanced), or the tag's source as text.
    fn tag(&mut self, tag: &ParsedTag<'_>, source: &str, out: &mut String) {
        let Some(name) = ALLOWED_TAGS.iter().copied().find(|n| n.eq_ignore_ascii_case(tag.name)) else {
            out.push_str(&text::escape_html(source));
            return;
        };
        if tag.closing {
            match self.open.iter().rposition(|n| *n == name) {
                Some(i) => {
                    while self.open.len() > i {
                        let n = self.open.pop().unwrap_or(name);
                        out.push_str(&format!("</{n}>"));
                    }
                }
                None if name == "br" => out.push_str("<br>"),
                None => out.push_str(&text::escape_html(source)),
            }
            return;
        }
        out.push('<');
        out.push_str(name);
        if matches!(name, "abbr" | "dfn") {
            if let Some((_, value)) = tag.attrs.iter().find(|(k, _)| k.eq_ignore_ascii_case("title")) {
                out.push_str(" title=\"");
                escape_keeping_entities(value, out);
                out.push('"');
            }
        }
        out.push('>');
        if name != "br" && !tag.self_closing {
            self.open.push(name);
        } else if name != "br" {
            out.push_str(&format!("</{name}>"));
        }
    }

    /// Closes every tag left open.
    fn close_all(&mut self, out: &mut String) {
        while let Some(n) = self.open.pop() {
            out.push_str(&format!("</{n}>"));
        }
    }
}

/// A start or end tag read from raw HTML.
#[derive(Debug)]
struct ParsedTag<'a> {
    name: &'a str,
    closing: bool,
    self_closing: bool,
    attrs: Vec<(&'a str, &'a str)>,
}

/// Reads the tag at the start of `s` (which starts with `<`); returns it and its length, or
/// `None` when `s` does not start with a well-formed tag.
fn parse_tag(s: &str) -> Option<(ParsedTag<'_>, usize)> {
    let b = s.as_bytes();
    let mut i = 1;
    let closing = b.get(i) == Some(&b'/');
    if closing {
        i += 1;
    }
    let name_start = i;
    if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    while b.get(i).is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        i += 1;
    }
    let name = &s[name_start..i];
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        match b.get(i)? {
            b'>' => {
                return Some((
                    ParsedTag {
                        name,
                        closing,
                        self_closing,
                        attrs,
                    },
                    i + 1,
                ));
            }
            b'/' => {
                self_closing = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        let key_start = i;
        while b
            .get(i)
            .is_some_and(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>' | b'='))
        {
            i += 1;
        }
        if i == key_start {
            // A stray `=`: skip it.
            i += 1;
            continue;
        }
        let key = &s[key_start..i];
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let mut value = "";
        if b.get(i) == Some(&b'=') {
            i += 1;
            while b.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            match b.get(i)? {
                q @ (b'"' | b'\'') => {
                    let end = s[i + 1..].find(*q as char)? + i + 1;
                    value = &s[i + 1..end];
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while b.get(i).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'>') {
                        i += 1;
                    }
                    value = &s[start..i];
                }
            }
        }
        attrs.push((key, value));
    }
}

/// Text between tags: `<`, `>` and quotes escaped, entities (`&amp;`, `&#7871;`) kept as written.
fn push_text(raw: &str, out: &mut String, plain: &mut String) {
    escape_keeping_entities(raw, out);
    plain.push_str(raw);
}

fn escape_keeping_entities(raw: &str, out: &mut String) {
    for (i, c) in raw.char_indices() {
        match c {
            '&' if is_entity(&raw[i..]) => out.push('&'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Whether `s` (starting with `&`) starts with a character reference: `&name;`, `&#123;`, `&#x1F;`.
fn is_entity(s: &str) -> bool {
    let body = &s[1..];
    let end = body.find(';').filter(|e| *e <= 32);
    let Some(end) = end else { return false };
    let name = &body[..end];
    if let Some(num) = name.strip_prefix('#') {
        match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.len() <= 6 && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.len() <= 7 && num.chars().all(|c| c.is_ascii_digit()),
        }
    } else {
        name.len() >= 2
            && name.starts_with(|c: char| c.is_ascii_alphabetic())
            && name.chars().all(|c| c.is_ascii_alphanumeric())
    }
}

fn is_speaker_open(events: &[Event<'_>]) -> bool {
    events.len() >= 2 && matches!(&events[events.len() - 2], Event::Html(h) if h.as_ref() == "\u{0}speaker")
}

/// Replaces the placeholder opening a paragraph's first bold run with `<strong class="speaker">`
/// when its text ends with ':', else with a plain `<strong>`.
fn close_speaker(events: &mut [Event<'_>], speaker: bool) {
    let n = events.len();
    let open = if speaker {
        "<strong class=\"speaker\">"
    } else {
        "<strong>"
    };
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
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else { continue };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// The first paragraph-sized piece of `text`, for summaries and meta descriptions.
pub fn summary_from_text(text: &str, max_chars: usize) -> String {
    let first = text
        .lines()
        .find(|l| l.chars().count() > 40)
        .or_else(|| text.lines().next())
        .unwrap_or("");
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
        assert!(
            out.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{}",
            out.html
        );
        let unsafe_out = render("<b>x</b>", &Base, RenderOptions { unsafe_html: true });
        assert!(unsafe_out.html.contains("<b>x</b>"));
    }

    /// Every live tag of the output: (name, attribute names), quotes respected.
    fn tags(html: &str) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        let b = html.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            i += 1;
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'/') {
                i += 1;
            }
            let name = html[start..i].to_owned();
            let mut attrs = Vec::new();
            while i < b.len() && b[i] != b'>' {
                if b[i].is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                let a = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'>' {
                    i += 1;
                }
                attrs.push(html[a..i].to_ascii_lowercase());
                if i < b.len() && b[i] == b'=' {
                    i += 1;
                    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                        let q = b[i];
                        i += 1;
                        while i < b.len() && b[i] != q {
                            i += 1;
                        }
                        i += 1;
                    } else {
                        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                            i += 1;
                        }
                    }
                }
            }
            out.push((name, attrs));
        }
        out
    }

    #[test]
    fn allowed_tags_are_kept_and_balanced() {
        let out = r(
            "Giá <b>tăng</b>, <ABBR title=\"Ủy ban nhân dân\" onclick=\"x()\">UBND</ABBR>, H<sub>2</sub>O<br/>dòng <mark>mới",
        );
        assert_eq!(
            out.html,
            "<p>Giá <b>tăng</b>, <abbr title=\"Ủy ban nhân dân\">UBND</abbr>, H<sub>2</sub>O<br>dòng <mark>mới</mark></p>\n",
        );
        assert_eq!(out.text, "Giá tăng, UBND, H2Odòng mới");
        // Attributes other than abbr/dfn title are dropped; a stray closing tag shows as text.
        let out = r("<em class=\"x\" style=\"color:red\">a</em> </strong> b");
        assert_eq!(out.html, "<p><em>a</em> &lt;/strong&gt; b</p>\n");
        // Tags left open close at the end of their block, never leaking into the page.
        let out = r("<i>một\n\nhai</i>");
        assert_eq!(out.html, "<p><i>một</i></p>\n<p>hai&lt;/i&gt;</p>\n");
        // Comments are dropped.
        assert_eq!(r("a <!-- ghi chú --> b").html, "<p>a  b</p>\n");
    }

    #[test]
    fn hostile_html_shows_as_text() {
        let hostile = [
            "<script>alert(1)</script>",
            "<SCRIPT SRC=//x.example/a.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)><circle/></svg>",
            "<iframe src=\"https://x.example\"></iframe>",
            "<style>body{display:none}</style>",
            "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
            "<form action=\"https://x.example\"><input name=a></form>",
            "<object data=\"x.swf\"></object><embed src=x.swf>",
            "<b onmouseover=alert(1)>x</b>",
            "<b/onmouseover=alert(1)>x</b>",
            "<abbr title=\"x\" onclick=\"alert(1)\">x</abbr>",
            "<abbr title='\" onclick=alert(1) x=\"'>x</abbr>",
            "<abbr title=\"&quot; onclick=alert(1)\">x</abbr>",
            "<b\nonclick=alert(1)>x</b>",
            "<scr<script>ipt>alert(1)</script>",
            "<<script>script>alert(1)<</script>/script>",
            "<!--><script>alert(1)</script>-->",
            "<div>\n<script>\nalert(1)\n</script>\n</div>",
            "<details open ontoggle=alert(1)>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "<base href=\"https://x.example/\">",
            "<link rel=stylesheet href=x.css>",
            "<?php echo 1; ?> <![CDATA[<script>alert(1)</script>]]>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        ];
        for h in hostile {
            for md in [
                h.to_owned(),
                format!("Văn bản {h} tiếp"),
                format!("- {h}"),
                format!("> {h}"),
                format!("| a |\n|---|\n| {h} |"),
            ] {
                let html = r(&md).html;
                for (t, attrs) in tags(&html) {
                    let name = t.trim_start_matches('/');
                    assert!(
                        [
                            "p",
                            "ul",
                            "li",
                            "blockquote",
                            "div",
                            "table",
                            "thead",
                            "tr",
                            "th",
                            "tbody",
                            "td",
                            "br"
                        ]
                        .contains(&name)
                            || ALLOWED_TAGS.contains(&name),
                        "live <{t}> from {md:?}:\n{html}"
                    );
                    for a in attrs {
                        let ok = match name {
                            "abbr" | "dfn" => a == "title",
                            "div" => ["class", "role", "aria-label", "tabindex"].contains(&a.as_str()),
                            _ => false,
                        };
                        assert!(ok, "attribute {a} on <{t}> from {md:?}:\n{html}");
                    }
                }
            }
        }
    }

    /// Found by the fuzzer (`fuzz/regressions/markdown-nul-*.md`): NUL bytes pass through
    /// pulldown-cmark; the speaker placeholder must still never leak (files with NUL bytes are
    /// refused on load, so this is defence in depth).
    #[test]
    fn nul_bytes_do_not_confuse_the_speaker_placeholder() {
        for md in ["**PV\0:** a", "\0 **b** c", "**\0**", "| a |\n|---|\n| **x\0** |\n"] {
            let out = r(md);
            assert!(!out.html.contains("\u{0}speaker"), "{md:?}: {}", out.html);
        }
    }

    #[test]
    fn entities_and_scheme_tricks_in_links() {
        for dest in [
            "jav&#x61;script:alert(1)",
            "jav&#97;script:alert(1)",
            "JAVASCRIPT:alert(1)",
            "java&#x09;script:alert(1)",
            "&#x6A;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
            " javascript:alert(1)",
            "<javascript:alert(1)>",
            "<java\u{1}script:alert(1)>",
            "\u{0}javascript:alert(1)",
        ] {
            for md in [
                format!("[x]({dest})"),
                format!("![x]({dest})"),
                format!("[x]\n\n[x]: {dest}"),
                format!("<{dest}>"),
            ] {
                let html = r(&md).html.to_ascii_lowercase();
                for bad in [
                    "href=\"javascript",
                    "href=\"vbscript",
                    "href=\"data:",
                    "src=\"javascript",
                    "src=\"data:",
                    "href=\"jav&",
                    "href=\" javascript",
                ] {
                    assert!(!html.contains(bad), "{md:?} gave {html}");
                }
            }
        }
        assert!(!is_safe_url("java\u{0}script:x"));
        assert!(!is_safe_url("\u{b}javascript:x"));
        assert!(!is_safe_url("JaVaScRiPt:x"));
        assert!(!is_safe_url("java\u{200b}script:x"));
        assert!(is_safe_url("https://dichvucong.gov.vn/p/home/dvc-trang-chu.html"));
        assert!(is_safe_url("tel:02838000000"));
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
        assert!(
            out.html.contains("<strong class=\"speaker\">PV:</strong>"),
            "{}",
            out.html
        );
        assert!(out.html.contains("<strong>điểm</strong>"), "{}", out.html);
    }

    #[test]
    fn tables_scroll_and_text_is_plain() {
        let out = r("| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(out.html.contains("class=\"table-scroll\""));
        assert_eq!(r("# Tiêu đề\n\nĐoạn *một*.").text, "Tiêu đề\nĐoạn một.");
    }
}
