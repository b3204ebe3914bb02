//! Stage 2: give every item its URL, refuse duplicates, render Markdown with links resolved,
//! and resolve every referenced file into an [`Asset`] to publish.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::fxhash::FxMap;
use crate::load::SiteReader;
use crate::load::fields::FileRef;
use crate::load::paths;
use crate::markdown::{self, LinkResolver, RenderOptions};
use crate::model::{Asset, Item, KindData, Section};

/// Assigns URLs and reports items that would share one, and procedures sharing a code.
/// An item whose URL is already right keeps its string (the development server calls this
/// after every edit).
pub fn assign_urls(config: &SiteConfig, sections: &[Section], items: &mut [Item], diags: &Diagnostics) {
    let mut url = String::new();
    for item in items.iter_mut() {
        url.clear();
        if item.lang != config.language {
            url.push_str(&item.lang);
            url.push('/');
        }
        url.push_str(&sections[item.section].url);
        url.push_str(&item.slug);
        url.push('/');
        if item.url != url {
            item.url.clone_from(&url);
        }
    }
    let mut seen: FxMap<&str, usize> = FxMap::default();
    let mut codes: FxMap<&str, usize> = FxMap::default();
    for (k, item) in items.iter().enumerate() {
        if let Some(&first) = seen.get(item.url.as_str()) {
            let other = &items[first];
            diags.push(
                Diagnostic::error(
                    &item.file,
                    item.pos.line,
                    1,
                    format!(
                        "this item has the same URL `/{}` as {}:{}",
                        item.url, other.file, other.pos.line
                    ),
                )
                .with_hint("give one of them another file name or `slug`"),
            );
        } else {
            seen.insert(&item.url, k);
        }
        if let KindData::Procedure(p) = &item.data {
            if !p.code.is_empty() && item.lang == config.language {
                if let Some(&first) = codes.get(p.code.as_str()) {
                    let other = &items[first];
                    diags.push(
                        Diagnostic::error(
                            &item.file,
                            item.pos.line,
                            1,
                            format!(
                                "procedure code `{}` is also used by {}:{}",
                                p.code, other.file, other.pos.line
                            ),
                        )
                        .with_hint("each procedure code must be unique in the site"),
                    );
                } else {
                    codes.insert(&p.code, k);
                }
            }
        }
    }
}

/// Everything the link pass needs to know about the site's pages.
pub struct LinkTargets {
    /// Site paths of every page (`tin-tuc/a/`), without the base path.
    pub pages: HashSet<String>,
    /// Source file → page path, for links written to source files (`../van-ban/a.md`).
    pub sources: HashMap<String, String>,
}

impl LinkTargets {
    /// Collects the targets from items with URLs. `extra_pages` are generated pages (lists…).
    pub fn new(items: &[Item], extra_pages: impl IntoIterator<Item = String>) -> Self {
        let mut pages: HashSet<String> = items.iter().map(|i| i.url.clone()).collect();
        pages.extend(extra_pages);
        let sources = items
            .iter()
            .filter(|i| i.file.ends_with(".md") || i.file.ends_with(".yaml"))
            .map(|i| (i.file.clone(), i.url.clone()))
            .collect();
        LinkTargets { pages, sources }
    }
}

/// Files to publish, filled from parallel renders: output path → source.
#[derive(Default)]
pub struct Publish {
    files: Mutex<BTreeMap<String, PathBuf>>,
}

impl Publish {
    fn add(&self, out: String, src: PathBuf) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).insert(out, src);
    }

    /// The files collected.
    pub fn into_files(self) -> BTreeMap<String, PathBuf> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// Renders every item's Markdown and resolves its files, in parallel.
pub fn render_items(
    config: &SiteConfig,
    reader: &SiteReader<'_>,
    targets: &LinkTargets,
    items: &mut [Item],
    publish: &Publish,
    diags: &Diagnostics,
) {
    let options = RenderOptions {
        unsafe_html: config.unsafe_html,
    };
    items.par_iter_mut().for_each(|item| {
        let mut local: Vec<Diagnostic> = Vec::new();
        // The Markdown is not needed once rendered: it leaves the item here.
        let body = std::mem::take(&mut item.body);
        {
            let ctx = ItemLinks {
                config,
                reader,
                targets,
                item_file: &item.file,
                item_dir: &item.dir,
                body_line: item.body_line,
                body: &body,
                publish,
                diags: Mutex::new(Vec::new()),
            };
            let rendered = markdown::render(&body, &ctx, options);
            let mut fields_out = Vec::new();
            let mut data = std::mem::replace(&mut item.data, KindData::Page);
            for field in data.markdown_fields_mut() {
                let r = markdown::render(
                    &field.src,
                    &ItemLinks {
                        body: &field.src,
                        body_line: item.pos.line,
                        ..ctx.clone_shallow()
                    },
                    options,
                );
                field.html = r.html;
                field.src = String::new();
                fields_out.push(r.text);
            }
            let attachments = item
                .attachment_refs
                .iter()
                .filter_map(|r| ctx.asset(r, "attachments"))
                .collect();
            resolve_kind_assets(&ctx, &mut data);
            item.data = data;
            item.html = rendered.html;
            item.text = rendered.text;
            if !fields_out.is_empty() {
                fields_out.insert(0, std::mem::take(&mut item.text));
                item.text = fields_out.join("\n");
            }
            item.headings = rendered.headings;
            item.attachments = attachments;
            local.extend(ctx.diags.into_inner().unwrap_or_else(|e| e.into_inner()));
        }
        diags.extend(local);
    });
}

fn resolve_kind_assets(ctx: &ItemLinks<'_>, data: &mut KindData) {
    match data {
        KindData::News(n) => {
            if let Some(r) = &n.image {
                n.image_asset = ctx.asset(r, "image");
            }
        }
        KindData::Procedure(p) => {
            p.forms = p.form_refs.iter().filter_map(|r| ctx.asset(r, "forms")).collect();
            if let Some(r) = &p.iso_file {
                p.iso_asset = ctx.asset(r, "iso_process");
            }
        }
        _ => {}
    }
}

struct ItemLinks<'a> {
    config: &'a SiteConfig,
    reader: &'a SiteReader<'a>,
    targets: &'a LinkTargets,
    item_file: &'a str,
    item_dir: &'a str,
    body_line: usize,
    body: &'a str,
    publish: &'a Publish,
    diags: Mutex<Vec<Diagnostic>>,
}

impl<'a> ItemLinks<'a> {
    fn clone_shallow(&self) -> ItemLinks<'a> {
        ItemLinks {
            diags: Mutex::new(Vec::new()),
            ..*self
        }
    }

    fn report(&self, d: Diagnostic) {
        self.diags.lock().unwrap_or_else(|e| e.into_inner()).push(d);
    }

    fn at(&self, offset: usize) -> (usize, usize) {
        let (l, c) = crate::diag::line_col(self.body, offset);
        (self.body_line.max(1) + l - 1, c)
    }

    /// Resolves a file reference to a published asset, registering the copy.
    fn asset(&self, r: &FileRef, key: &str) -> Option<Asset> {
        if r.file.starts_with("https://") || r.file.starts_with("http://") {
            let title = if r.title.is_empty() {
                r.file.clone()
            } else {
                r.title.clone()
            };
            return Some(Asset {
                title,
                url: r.file.clone(),
                ext: extension(&r.file),
                size: 0,
                size_text: String::new(),
            });
        }
        match self.reader.resolve(self.item_dir, &r.file) {
            Ok((rel, abs, size)) => {
                let out = paths::output_path_for(&rel);
                self.publish.add(out.clone(), abs);
                let name = out.rsplit('/').next().unwrap_or(&out).to_owned();
                let title = if r.title.is_empty() { name } else { r.title.clone() };
                Some(Asset {
                    title,
                    url: self.config.link(&out),
                    ext: extension(&out),
                    size,
                    size_text: crate::numbers::format_size(size),
                })
            }
            Err(why) => {
                self.report(
                    Diagnostic::error(self.item_file, r.pos.line, r.pos.column, format!("`{key}`: {why}"))
                        .with_hint("paths are relative to this file, or from the site root when they start with /"),
                );
                None
            }
        }
    }
}

fn extension(path: &str) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((_, ext)) if ext.len() <= 5 => ext.to_ascii_uppercase(),
        _ => String::new(),
    }
}

impl LinkResolver for ItemLinks<'_> {
    fn link(&self, dest: &str, offset: usize) -> Option<String> {
        if dest.starts_with('#') || dest.is_empty() {
            return Some(dest.to_owned());
        }
        if !markdown::is_safe_url(dest) {
            let (l, c) = self.at(offset);
            self.report(
                Diagnostic::warning(self.item_file, l, c, "a link with an unsafe address was removed")
                    .with_hint("links may use http, https, mailto or tel, or a site path"),
            );
            return None;
        }
        if dest.contains(':') && !dest.starts_with('/') && !dest.contains('/')
            || dest.contains("://")
            || dest.starts_with("mailto:")
            || dest.starts_with("tel:")
        {
            return Some(dest.to_owned());
        }
        let (path, fragment) = match dest.find(['#', '?']) {
            Some(i) => (&dest[..i], &dest[i..]),
            None => (dest, ""),
        };
        if let Some(site_path) = path.strip_prefix('/') {
            // Root-relative: a page of the site, or a file.
            let page = site_path.trim_start_matches('/');
            let known = self.targets.pages.contains(page)
                || self.targets.pages.contains(&format!("{page}/"))
                || page.is_empty()
                || self.reader.resolve("", &format!("static/{page}")).is_ok();
            if !known {
                if let Ok((rel, abs, _)) = self.reader.resolve("", page) {
                    let out = paths::output_path_for(&rel);
                    self.publish.add(out.clone(), abs);
                    return Some(format!("{}{fragment}", self.config.link(&out)));
                }
                let (l, c) = self.at(offset);
                self.report(
                    Diagnostic::warning(
                        self.item_file,
                        l,
                        c,
                        format!("link to `{dest}` matches no page of the site"),
                    )
                    .with_hint("check the address; item URLs are /<section>/<slug>/"),
                );
            }
            return Some(format!("{}{fragment}", self.config.link(page)));
        }
        // Relative: a source file (.md), or a file beside the item.
        match paths::resolve_reference(self.item_dir, path) {
            Ok(rel) => {
                if let Some(url) = self.targets.sources.get(&rel) {
                    return Some(format!("{}{fragment}", self.config.link(url)));
                }
                match self.reader.resolve(self.item_dir, path) {
                    Ok((rel, abs, _)) => {
                        let out = paths::output_path_for(&rel);
                        self.publish.add(out.clone(), abs);
                        Some(format!("{}{fragment}", self.config.link(&out)))
                    }
                    Err(why) => {
                        let (l, c) = self.at(offset);
                        self.report(
                            Diagnostic::error(self.item_file, l, c, format!("broken link: {why}"))
                                .with_hint("link to a page as /<section>/<slug>/ or to a file beside this one"),
                        );
                        None
                    }
                }
            }
            Err(why) => {
                let (l, c) = self.at(offset);
                self.report(
                    Diagnostic::error(self.item_file, l, c, format!("broken link: {why}"))
                        .with_hint("link to a page as /<section>/<slug>/ or to a file inside the site"),
                );
                None
            }
        }
    }

    fn image(&self, src: &str, alt: &str, offset: usize) -> Option<String> {
        let (l, c) = self.at(offset);
        if alt.trim().is_empty() {
            self.report(
                Diagnostic::error(self.item_file, l, c, "an image has no alternative text")
                    .with_hint("write ![what the image shows](file.jpg)"),
            );
        }
        if src.starts_with("https://") || src.starts_with("http://") {
            self.report(
                Diagnostic::error(
                    self.item_file,
                    l,
                    c,
                    "images must be files of the site, not loaded from another server",
                )
                .with_hint("download the image into the item's folder"),
            );
            return None;
        }
        let r = FileRef {
            title: String::new(),
            file: src.to_owned(),
            pos: crate::load::positions::Pos::new(l, c),
        };
        self.asset(&r, "image").map(|a| a.url)
    }
}
