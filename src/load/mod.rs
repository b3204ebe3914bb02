//! Stage 1: read a site folder into the typed model.
//!
//! Walks `content/` in sorted order, finds sections (`_section.yaml`), items (Markdown with
//! front matter, YAML data files, folders with an `index.md`) and procedure catalogs (CSV),
//! and reads each record with its kind's typed reader. Files are parsed in parallel; every
//! problem becomes a diagnostic and loading goes on.

pub mod fields;
pub mod front_matter;
pub mod paths;
pub mod positions;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::kinds::{self, BodySections, TableReader};
use crate::model::{Item, Kind, Section, SortOrder};
use fields::{Fields, FileRef};
use positions::Pos;

/// Reads a text file of the site: size limit, UTF-8, no NUL bytes, BOM and CRLF removed.
///
/// The file is opened once and checked through the open handle: something that is not a regular
/// file (a FIFO would block the build forever, a device never ends) is refused, and at most
/// [`paths::MAX_TEXT_BYTES`] + 1 bytes are ever read, even when the file grows meanwhile.
pub fn read_text(root: &Path, rel: &str) -> Result<String, Diagnostic> {
    use std::io::Read as _;
    let abs = root.join(rel);
    let cannot = |e: std::io::Error| {
        Diagnostic::error(rel, 0, 0, format!("cannot read the file: {e}"))
            .with_hint("check that the file exists and is readable")
    };
    let kind = std::fs::metadata(&abs).map_err(cannot)?;
    if !kind.is_file() {
        return Err(Diagnostic::error(rel, 0, 0, "this is not a regular file")
            .with_hint("content files must be ordinary files, not folders, pipes or devices"));
    }
    let file = std::fs::File::open(&abs).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    let too_big = |len: u64| {
        Diagnostic::error(
            rel,
            1,
            1,
            format!(
                "the file is {} MB, over the {} MB limit for text files",
                len.div_ceil(1024 * 1024),
                paths::MAX_TEXT_BYTES / (1024 * 1024)
            ),
        )
        .with_hint("split it into smaller files, or publish it as an attachment")
    };
    if !meta.is_file() {
        return Err(Diagnostic::error(rel, 0, 0, "this is not a regular file")
            .with_hint("content files must be ordinary files, not folders, pipes or devices"));
    }
    if meta.len() > paths::MAX_TEXT_BYTES {
        return Err(too_big(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(paths::MAX_TEXT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > paths::MAX_TEXT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    decode_text(rel, bytes)
}

/// Checks and normalises the bytes of a text file: UTF-8 (a BOM is dropped), no NUL byte,
/// LF line endings.
pub fn decode_text(rel: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(Diagnostic::error(rel, 1, 1, "the file is UTF-16, not UTF-8")
            .with_hint("save it as UTF-8 (in Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8)"));
    }
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let (line, col) = crate::diag::line_col(&prefix, valid);
            return Err(Diagnostic::error(rel, line, col, "the file is not valid UTF-8")
                .with_hint("save it as UTF-8 (in Word or Excel: \"CSV UTF-8\"; in an editor: encoding UTF-8)"));
        }
    };
    if let Some(i) = text.find('\0') {
        let (line, col) = crate::diag::line_col(&text, i);
        return Err(Diagnostic::error(rel, line, col, "the file contains a NUL byte")
            .with_hint("this is not a text file; re-save it as UTF-8 text"));
    }
    if text.starts_with('\u{feff}') || text.contains('\r') {
        Ok(front_matter::normalize_source(&text).into_owned())
    } else {
        Ok(text)
    }
}

/// What the walk of `content/` found.
#[derive(Debug, Default)]
struct Inventory {
    sections: Vec<Section>,
    /// (site-relative path of the item file, section index, folder item?)
    item_files: Vec<(String, usize)>,
}

/// One unit of the parallel load: an item file, or a section's procedures catalog.
#[derive(Clone, Copy)]
enum Job<'a> {
    File(&'a str, usize),
    Catalog(usize),
}

/// Options that decide which items are published.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Include drafts.
    pub drafts: bool,
    /// "Now", for `publish_at`.
    pub now: jiff::Timestamp,
}

/// Loads every section and item of the site at `root`. Items not yet to be published (drafts,
/// future `publish_at`) are left out here.
pub fn load_items(
    root: &Path,
    config: &SiteConfig,
    options: LoadOptions,
    diags: &Diagnostics,
) -> (Vec<Section>, Vec<Item>) {
    let inv = walk_content(root, diags);
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let reader = SiteReader {
        root,
        canonical_root: &canonical_root,
    };
    let sections = inv.sections;
    let jobs: Vec<Job<'_>> = inv
        .item_files
        .iter()
        .map(|(rel, sec)| Job::File(rel, *sec))
        .chain(
            (0..sections.len())
                .filter(|i| sections[*i].catalog.is_some())
                .map(Job::Catalog),
        )
        .collect();
    let mut items: Vec<Item> = jobs
        .par_iter()
        .flat_map_iter(|job| {
            let mut local = Vec::new();
            let found = match *job {
                Job::File(rel, sec) => read_item_file(root, rel, &sections[sec], sec, config, &reader, &mut local)
                    .map_or_else(Vec::new, |i| vec![i]),
                Job::Catalog(sec) => read_catalog(&sections[sec], sec, config, &reader, &mut local),
            };
            diags.extend(local);
            found
        })
        .collect();
    items.retain(|it| {
        (options.drafts || !it.draft)
            && it
                .publish_at
                .and_then(|p| p.timestamp(&config.timezone))
                .is_none_or(|t| t <= options.now)
    });
    items.sort_by(|a, b| (&a.file, a.pos.line).cmp(&(&b.file, b.pos.line)));
    (sections, items)
}

/// Resolves references from content against the site folder.
pub struct SiteReader<'a> {
    /// Site folder.
    pub root: &'a Path,
    /// Site folder, canonical, for the "stays inside" check.
    pub canonical_root: &'a Path,
}

impl SiteReader<'_> {
    /// Resolves and checks a reference written in `from_dir`; returns (site-relative path, absolute path, size).
    pub fn resolve(&self, from_dir: &str, reference: &str) -> Result<(String, PathBuf, u64), String> {
        let rel = paths::resolve_reference(from_dir, reference)?;
        let (abs, size) = paths::check_inside(self.root, self.canonical_root, &rel)?;
        Ok((rel, abs, size))
    }
}

impl TableReader for SiteReader<'_> {
    fn read_table(&self, fields: &Fields<'_>, key: &str, file: &FileRef) -> Option<(String, String)> {
        let from_dir = paths::parent(fields.path());
        let rel = match self.resolve(from_dir, &file.file) {
            Ok((rel, _, _)) => rel,
            Err(why) => {
                fields.error(
                    key,
                    format!("`{key}`: {why}"),
                    Some("the path is relative to this file, or from the site root when it starts with /".into()),
                );
                return None;
            }
        };
        match read_text(self.root, &rel) {
            Ok(text) => Some((rel, text)),
            Err(d) => {
                fields.error(
                    key,
                    format!("cannot use `{}`: {}", file.file, d.message),
                    d.hint.clone(),
                );
                None
            }
        }
    }
}

fn walk_content(root: &Path, diags: &Diagnostics) -> Inventory {
    let content = root.join("content");
    let mut inv = Inventory::default();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("content", 0, 0, "the site has no `content/` folder")
                .with_hint("create content/ with one folder per section"),
        );
        return inv;
    }
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    let mut files: Vec<String> = Vec::new();
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for entry in walkdir::WalkDir::new(&content).follow_links(false).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let rel = e.path().map(|p| rel_path(root, p)).unwrap_or_else(|| "content".into());
                diags.push(Diagnostic::error(rel, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let rel = rel_path(root, entry.path());
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        if entry.path_is_symlink() {
            match std::fs::canonicalize(entry.path()) {
                Ok(real) if real.starts_with(&canonical_root) => {}
                _ => {
                    diags.push(
                        Diagnostic::error(
                            &rel,
                            0,
                            0,
                            "this is a link to something outside the site folder, or a broken link",
                        )
                        .with_hint("copy the file into the site instead of linking to it"),
                    );
                    continue;
                }
            }
        }
        if entry.file_type().is_dir() || (entry.path_is_symlink() && entry.path().is_dir()) {
            dirs.insert(rel);
        } else {
            files.push(rel);
        }
    }
    // Sections: folders with a _section.yaml.
    let section_dirs: BTreeSet<String> = files
        .iter()
        .filter(|f| f.ends_with("/_section.yaml"))
        .map(|f| paths::parent(f).to_owned())
        .collect();
    let mut section_index: BTreeMap<String, usize> = BTreeMap::new();
    for dir in &section_dirs {
        let file = format!("{dir}/_section.yaml");
        if let Some(section) = read_section(root, &file, dir, diags) {
            section_index.insert(dir.clone(), inv.sections.len());
            inv.sections.push(section);
        }
    }
    for i in 0..inv.sections.len() {
        let dir = format!("content/{}", inv.sections[i].dir);
        let mut p = paths::parent(&dir);
        while p.starts_with("content/") {
            if let Some(&j) = section_index.get(p) {
                inv.sections[i].parent = Some(j);
                break;
            }
            p = paths::parent(p);
        }
    }
    // Item folders: a non-section folder holding index.md / index.yaml.
    let item_dirs: BTreeSet<&str> = files
        .iter()
        .filter(|f| is_index_file(f))
        .map(|f| paths::parent(f))
        .filter(|d| !section_dirs.contains(*d))
        .collect();
    for file in &files {
        let name = file.rsplit('/').next().unwrap_or("");
        let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
        if !(ext == "md" || ext == "yaml" || ext == "yml") || name == "_section.yaml" {
            continue;
        }
        let dir = paths::parent(file);
        // Inside an item folder only the index files are items; other YAML/Markdown is a resource.
        let (owner_dir, is_folder_item) = match item_dirs
            .iter()
            .find(|d| dir == **d || dir.starts_with(&format!("{d}/")))
        {
            Some(d) if dir == *d && is_index_file(file) => (paths::parent(d), true),
            Some(_) => continue,
            None => (dir, false),
        };
        let _ = is_folder_item;
        match section_index.get(owner_dir) {
            Some(&s) => inv.item_files.push((file.clone(), s)),
            // The folder's _section.yaml exists but could not be read: that is reported already.
            None if section_dirs.contains(owner_dir) => {}
            None => {
                if name.ends_with(".md") || dirs.contains(dir) {
                    diags.push(
                        Diagnostic::error(file, 0, 0, "this file is in a folder without `_section.yaml`")
                            .with_hint("add _section.yaml with `kind:` and `title:` to the folder"),
                    );
                }
            }
        }
    }
    inv
}

fn is_index_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    stem == "index" && (name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml"))
}

fn rel_path(root: &Path, p: &Path) -> String {
    let rel = p.strip_prefix(root).unwrap_or(p);
    let s: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    crate::text::nfc(&s.join("/"))
}

const SECTION_KEYS: &[&str] = &["kind", "title", "description", "per_page", "sort", "catalog", "weight"];

fn read_section(root: &Path, file: &str, dir: &str, diags: &Diagnostics) -> Option<Section> {
    let text = match read_text(root, file) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let fields = match front_matter::parse_mapping(file, &text, 1) {
        Ok(f) => f,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let kind_name = fields.required_text("kind");
    let kind = Kind::from_name(&kind_name);
    if kind.is_none() && !kind_name.is_empty() {
        let names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        let hint = match crate::text::closest(&kind_name, &names) {
            Some(c) => format!("did you mean `{c}`? allowed: {}", names.join(", ")),
            None => format!("allowed: {}", names.join(", ")),
        };
        fields.error("kind", format!("`{kind_name}` is not a section kind"), Some(hint));
    }
    let title = fields.required_text("title");
    let sort = fields.choice("sort", &SortOrder::NAMES).and_then(SortOrder::from_name);
    let per_page = fields.integer("per_page");
    if per_page.is_some_and(|n| !(1..=1000).contains(&n)) {
        fields.error(
            "per_page",
            "`per_page` must be between 1 and 1000",
            Some("the number of items on one page of the list, e.g. 20".into()),
        );
    }
    let mut catalog = fields.text("catalog").map(|file| FileRef {
        title: String::new(),
        file,
        pos: fields.pos("catalog"),
    });
    if catalog.is_some() && kind.is_some_and(|k| k != Kind::Procedures) {
        fields.error(
            "catalog",
            "only a `procedures` section has a catalog",
            Some("remove `catalog:`, or use `kind: procedures`".into()),
        );
        catalog = None;
    }
    let description = fields.text("description");
    let weight = fields.integer("weight").unwrap_or(0);
    diags.extend(fields.finish(SECTION_KEYS));
    // A section whose kind is known is kept even with other errors (they fail the build anyway),
    // so that its items and menu entries are still checked instead of reported as orphans.
    let kind = kind?;
    let content_dir = dir.strip_prefix("content/").unwrap_or(dir).to_owned();
    Some(Section {
        url: format!("{content_dir}/"),
        dir: content_dir,
        file: file.to_owned(),
        kind,
        title,
        description,
        per_page: per_page.map_or(20, |n| n.clamp(1, 1000) as usize),
        sort: sort.unwrap_or(SortOrder::default_for(kind)),
        catalog,
        weight,
        parent: None,
    })
}

/// Reads one item file (Markdown with front matter, or a YAML data file).
fn read_item_file(
    root: &Path,
    rel: &str,
    section: &Section,
    section_idx: usize,
    config: &SiteConfig,
    reader: &SiteReader<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let text = match read_text(root, rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let is_markdown = rel.ends_with(".md");
    let (fields, body, body_line) = if is_markdown {
        let split = match front_matter::split(rel, &text) {
            Ok(s) => s,
            Err(d) => {
                diags.push(d);
                return None;
            }
        };
        match front_matter::parse_mapping(rel, split.yaml, split.yaml_line) {
            Ok(f) => (f, crate::text::nfc(split.body), split.body_line),
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
    } else {
        match front_matter::parse_mapping(rel, &text, 1) {
            Ok(f) => (f, String::new(), 0),
            Err(d) => {
                diags.push(d);
                return None;
            }
        }
    };
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let (stem, lang) = file_stem_and_lang(name, config);
    let folder_item = stem == "index";
    let base_slug = if folder_item {
        paths::parent(rel).rsplit('/').next().unwrap_or("").to_owned()
    } else {
        stem.to_owned()
    };
    let body_sections = if section.kind == Kind::Procedures {
        kinds::split_procedure_body(&body)
    } else {
        BodySections {
            rest: body,
            ..Default::default()
        }
    };
    let scan = config.pii_check != crate::config::PiiCheck::Off;
    let tables = ScanningReader {
        inner: reader,
        scan,
        scans: std::cell::RefCell::default(),
    };
    let mut item = build_item(
        &fields,
        section,
        section_idx,
        rel,
        Pos::new(1, 1),
        &base_slug,
        lang,
        body_sections,
        body_line,
        &tables,
        diags,
    );
    diags.extend(fields.finish(&known_keys(section.kind)));
    if let Some(item) = &mut item {
        item.pii = tables.scans.into_inner();
        if scan {
            item.pii.extend(crate::pii::scan_file(rel, &text));
        }
    }
    item
}

/// Reads tables for a record through the site reader, scanning each for personal data.
struct ScanningReader<'a> {
    inner: &'a SiteReader<'a>,
    scan: bool,
    scans: std::cell::RefCell<Vec<std::sync::Arc<crate::pii::FileScan>>>,
}

impl TableReader for ScanningReader<'_> {
    fn read_table(&self, fields: &Fields<'_>, key: &str, file: &FileRef) -> Option<(String, String)> {
        let (rel, text) = self.inner.read_table(fields, key, file)?;
        if self.scan {
            self.scans.borrow_mut().extend(crate::pii::scan_file(&rel, &text));
        }
        Some((rel, text))
    }
}

fn known_keys(kind: Kind) -> Vec<&'static str> {
    let mut v = kinds::COMMON_KEYS.to_vec();
    if kind == Kind::Procedures {
        v.extend_from_slice(kinds::PROCEDURE_KEYS);
    }
    v
}

/// `name.en.md` → ("name", "en") when `en` is a configured language; else (stem, default).
fn file_stem_and_lang<'n>(name: &'n str, config: &SiteConfig) -> (&'n str, String) {
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if let Some((base, lang)) = stem.rsplit_once('.') {
        if config.languages.iter().any(|l| l == lang) {
            return (base, lang.to_owned());
        }
    }
    (stem, config.language.clone())
}

#[allow(clippy::too_many_arguments)]
fn build_item(
    f: &Fields<'_>,
    section: &Section,
    section_idx: usize,
    file: &str,
    pos: Pos,
    base_slug: &str,
    lang: String,
    body: BodySections,
    body_line: usize,
    reader: &dyn TableReader,
    diags: &mut Vec<Diagnostic>,
) -> Option<Item> {
    let title = f.required_text("title");
    let date = f.date("date");
    let updated = f.date("updated");
    let slug_raw = f.text("slug");
    let slug = match &slug_raw {
        Some(s) => {
            let folded = crate::text::slugify(s);
            if folded != *s {
                f.warn(
                    "slug",
                    format!("slug `{s}` is not URL-safe; `{folded}` is used"),
                    Some(format!("write slug: {folded}")),
                );
            }
            folded
        }
        None => {
            let folded = crate::text::slugify(base_slug);
            if folded.is_empty() {
                crate::text::slugify(&title)
            } else {
                folded
            }
        }
    };
    if slug.is_empty() {
        f.error(
            "title",
            "cannot make a URL slug for this item",
            Some("add `slug: ten-khong-dau`".into()),
        );
    }
    let data = kinds::read(section.kind, f, &body, reader, diags);
    let item = Item {
        file: file.to_owned(),
        pos,
        dir: paths::parent(file).to_owned(),
        section: section_idx,
        translation_key: format!("{}/{}", section.dir, slug),
        lang,
        slug,
        url: String::new(),
        title,
        date,
        updated,
        summary: f.text("summary"),
        draft: f.boolean("draft").unwrap_or(false),
        publish_at: f.date("publish_at"),
        tags: f.text_list("tags"),
        attachment_refs: f.file_list("attachments"),
        attachments: Vec::new(),
        weight: f.integer("weight"),
        pii_allow: f.text_list("pii_allow"),
        body: body.rest,
        body_line,
        html: String::new(),
        text: String::new(),
        headings: Vec::new(),
        data,
        pii: Vec::new(),
    };
    Some(item)
}

/// Expands a procedures catalog CSV into items, one per row.
fn read_catalog(
    section: &Section,
    idx: usize,
    config: &SiteConfig,
    reader: &SiteReader<'_>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item> {
    let Some(catalog) = &section.catalog else {
        return Vec::new();
    };
    let section_file = &section.file;
    let (rel, _, _) = match reader.resolve(paths::parent(section_file), &catalog.file) {
        Ok(r) => r,
        Err(why) => {
            diags.push(
                Diagnostic::error(
                    section_file,
                    catalog.pos.line,
                    catalog.pos.column,
                    format!("`catalog`: {why}"),
                )
                .with_hint("the catalog path is relative to _section.yaml"),
            );
            return Vec::new();
        }
    };
    let text = match read_text(reader.root, &rel) {
        Ok(t) => t,
        Err(d) => {
            diags.push(d);
            return Vec::new();
        }
    };
    let (records, problems) = crate::tables::records::read_records(&rel, &text);
    diags.extend(problems);
    if records.headers.is_empty() {
        return Vec::new();
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, h) in records.headers.iter().enumerate() {
        if !h.is_empty() && !seen.insert(h.as_str()) {
            let line = text.lines().position(|l| !l.trim().is_empty()).map_or(1, |n| n + 1);
            diags.push(
                Diagnostic::error(
                    &rel,
                    line,
                    i + 1,
                    format!("the column `{h}` appears twice in the header"),
                )
                .with_hint("each column is named once; rename or remove the repeated one"),
            );
            return Vec::new();
        }
    }
    let scan = if config.pii_check == crate::config::PiiCheck::Off {
        None
    } else {
        crate::pii::scan_file(&rel, &text)
    };
    let mut items = Vec::new();
    for (line, cells) in &records.rows {
        let pairs: Vec<(String, String)> = records.headers.iter().cloned().zip(cells.iter().cloned()).collect();
        let f = Fields::from_csv(&rel, *line, &pairs);
        let title = f.text("title").unwrap_or_default();
        let base_slug = f.text("slug").unwrap_or_else(|| title.clone());
        let item = build_item(
            &f,
            section,
            idx,
            &rel,
            Pos::new(*line, 1),
            &base_slug,
            config.language.clone(),
            BodySections::default(),
            *line,
            reader,
            diags,
        );
        diags.extend(f.finish(&known_keys(Kind::Procedures)));
        items.extend(item.map(|mut item| {
            item.pii.extend(scan.clone());
            item
        }));
    }
    items
}

/// Loads the item of one content file again, for incremental rebuilds (the development server).
/// Returns `None` when `rel` is not a plain item file of a known section (a section file, a
/// catalog, a resource of an item folder, a new folder): the caller then reloads everything.
/// A file that no longer exists gives no items.
pub fn load_file(
    root: &Path,
    rel: &str,
    sections: &[Section],
    config: &SiteConfig,
    options: LoadOptions,
    diags: &mut Vec<Diagnostic>,
) -> Option<Vec<Item>> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let is_item_ext = name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml");
    if !rel.starts_with("content/") || !is_item_ext || name == "_section.yaml" || name.starts_with('.') {
        return None;
    }
    let dir = paths::parent(rel);
    let section_of = |d: &str| {
        let d = d.strip_prefix("content/")?;
        sections.iter().position(|s| s.dir == d)
    };
    let section_idx = match section_of(dir) {
        Some(s) => s,
        None if is_index_file(rel) => section_of(paths::parent(dir))?,
        None => return None,
    };
    if !root.join(rel).exists() {
        return Some(Vec::new());
    }
    let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let reader = SiteReader {
        root,
        canonical_root: &canonical_root,
    };
    let item = read_item_file(root, rel, &sections[section_idx], section_idx, config, &reader, diags);
    Some(
        item.into_iter()
            .filter(|it| {
                (options.drafts || !it.draft)
                    && it
                        .publish_at
                        .and_then(|p| p.timestamp(&config.timezone))
                        .is_none_or(|t| t <= options.now)
            })
            .collect(),
    )
}
