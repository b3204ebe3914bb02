//! Incremental rebuilds for the development server: the site stays loaded in memory; a change
//! to one content item reloads only that file and re-renders only the pages that show it (or
//! whose lists it moves), and only files whose content changed are written. An edit that moves
//! the item in no list (its URL, date, tags, facets… unchanged) does not even plan the site again:
//! the last render's plan is kept and says which pages show the item.
//!
//! Anything else (site.yaml, a section, a catalog or table, templates, static files) reloads
//! the whole site, still writing only what changed. A failed rebuild changes nothing: the last
//! good site stays in the output folder.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::build::{BuildOptions, BuildReport};
use crate::diag::{Diagnostic, Diagnostics};
use crate::load::{LoadOptions, SiteReader};
use crate::model::{Item, Site};
use crate::render::theme::Theme;
use crate::render::{SearchMode, Selection};
use crate::write::Writer;

/// What the last good build left in memory.
struct State {
    site: Site,
    theme: Theme,
    /// Output path → page input signature.
    signatures: HashMap<String, u64>,
    /// Output path → content hash of every file in the output folder.
    hashes: HashMap<String, u64>,
    /// Manifest URL of the search index in the output.
    search_manifest: Option<String>,
    /// The plan of the last render, reused by edits that do not change it.
    plan: Option<crate::render::Plan>,
    /// Link targets of the site (its pages and source files), built on the first edit.
    targets: Option<crate::link::LinkTargets>,
}

/// A site kept loaded between rebuilds, writing into one output folder in place.
pub struct Session {
    options: BuildOptions,
    output: PathBuf,
    state: Option<State>,
    /// Whether the search index is older than the pages (rebuilt by [`Session::refresh_search`]).
    search_stale: bool,
}

/// The outcome of one rebuild.
#[derive(Debug, Default)]
pub struct Rebuild {
    /// Diagnostics, success, counts, time.
    pub report: BuildReport,
    /// Pages rendered (not all are written: unchanged ones are skipped).
    pub rendered: usize,
    /// Whether the whole site was reloaded.
    pub full: bool,
    /// Whether the pages were re-rendered from the previous render's plan (an edit that moved
    /// the item in no list), without planning the site again.
    pub kept_plan: bool,
}

impl Session {
    /// A session building `options.site` into `output` (created when missing).
    pub fn new(options: BuildOptions, output: PathBuf) -> Session {
        Session {
            options,
            output,
            state: None,
            search_stale: false,
        }
    }

    /// The output folder.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Whether the search index should be refreshed (after incremental rebuilds).
    pub fn search_stale(&self) -> bool {
        self.search_stale
    }

    /// Rebuilds after `changed` (site-relative paths, `/`-separated); an empty list or a first
    /// call builds everything.
    pub fn rebuild(&mut self, changed: &[String]) -> Rebuild {
        let start = Instant::now();
        let mut out = match self.state.is_some() && !changed.is_empty() && changed.iter().all(|c| is_item_file(c)) {
            true => self.incremental(changed).unwrap_or_else(|| self.full()),
            false => self.full(),
        };
        out.report.seconds = start.elapsed().as_secs_f64();
        out
    }

    /// Rebuilds the search index and the open data files (and the pages that link them) after
    /// incremental rebuilds.
    pub fn refresh_search(&mut self) -> Rebuild {
        let start = Instant::now();
        let mut out = Rebuild::default();
        let Some(state) = self.state.as_mut() else { return out };
        let diags = Diagnostics::new();
        let Ok(writer) = Writer::in_place(self.output.clone(), state.hashes.clone()) else {
            return out;
        };
        let none = HashSet::new();
        let selection = Selection::Changed {
            previous: &state.signatures,
            changed: &none,
        };
        let outcome = crate::render::render_selected(
            &state.site,
            &state.theme,
            &writer,
            &diags,
            &selection,
            SearchMode::Build,
        );
        out.rendered = outcome.rendered;
        finish_writes(&self.output, &writer, state, outcome, Coverage::Search);
        self.search_stale = false;
        out.report.success = !diags.has_errors();
        out.report.diagnostics = diags.sorted();
        out.report.seconds = start.elapsed().as_secs_f64();
        out
    }

    fn full(&mut self) -> Rebuild {
        let mut out = Rebuild {
            full: true,
            ..Rebuild::default()
        };
        let diags = Diagnostics::new();
        let Some((mut site, publish)) = crate::build::load_site(&self.options, &diags) else {
            out.report.diagnostics = diags.sorted();
            return out;
        };
        if diags.has_errors() {
            out.report.diagnostics = diags.sorted();
            return out;
        }
        site.files = publish.into_files();
        let mut theme = match crate::render::theme::load(&self.options.site, &site.config.theme, &site.config.base_path)
        {
            Ok(t) => t,
            Err(ds) => {
                diags.extend(ds);
                out.report.diagnostics = diags.sorted();
                return out;
            }
        };
        crate::render::prepare_theme(&mut theme, &site);
        let previous = self.state.as_ref().map(|s| s.hashes.clone()).unwrap_or_default();
        let writer = match Writer::in_place(self.output.clone(), previous) {
            Ok(w) => w,
            Err(e) => {
                diags.push(Diagnostic::error(
                    self.output.display().to_string(),
                    0,
                    0,
                    format!("cannot create: {e}"),
                ));
                out.report.diagnostics = diags.sorted();
                return out;
            }
        };
        copy_files(&self.options.site, &site, &writer, &diags);
        let outcome =
            crate::render::render_selected(&site, &theme, &writer, &diags, &Selection::All, SearchMode::Build);
        report_write_errors(&self.output, &writer, &diags);
        out.rendered = outcome.rendered;
        out.report.items = site.items.len();
        out.report.success = !diags.has_errors();
        out.report.diagnostics = diags.sorted();
        if out.report.success {
            let mut state = State {
                site,
                theme,
                signatures: HashMap::new(),
                hashes: HashMap::new(),
                search_manifest: None,
                plan: None,
                targets: None,
            };
            finish_writes(&self.output, &writer, &mut state, outcome, Coverage::Everything);
            // Ready for the first edit.
            state.targets = Some(link_targets(&state.site));
            out.report.files = state.hashes.len();
            self.state = Some(state);
            self.search_stale = false;
        }
        out
    }

    /// Reloads only the changed item files. `None` when a full reload is needed instead.
    fn incremental(&mut self, changed: &[String]) -> Option<Rebuild> {
        if let [rel] = changed {
            if let Some(out) = self.edit_in_plan(rel) {
                return Some(out);
            }
        }
        let state = self.state.as_mut()?;
        let root = self.options.site.clone();
        let config = &state.site.config;
        let load_options = LoadOptions {
            drafts: self.options.drafts,
            now: crate::build::now(),
        };
        let mut local = Vec::new();
        let mut fresh: Vec<Item> = Vec::new();
        for rel in changed {
            fresh.extend(crate::load::load_file(
                &root,
                rel,
                &state.site.sections,
                config,
                load_options,
                &mut local,
            )?);
        }
        let diags = Diagnostics::new();
        diags.extend(local);
        // Take the old items of these files out, put the new ones in.
        let files: HashSet<&str> = changed.iter().map(String::as_str).collect();
        let (old, kept): (Vec<Item>, Vec<Item>) = std::mem::take(&mut state.site.items)
            .into_iter()
            .partition(|i| files.contains(i.file.as_str()));
        let mut urls: HashSet<String> = old.iter().map(|i| i.url.clone()).collect();
        state.site.items = kept;
        let first_new = state.site.items.len();
        state.site.items.extend(fresh);
        crate::timing::timed("incremental: urls", || {
            crate::link::assign_urls(&state.site.config, &state.site.sections, &mut state.site.items, &diags);
        });
        let canonical_root = std::fs::canonicalize(&root).unwrap_or_else(|_| root.clone());
        let reader = SiteReader {
            root: &root,
            canonical_root: &canonical_root,
        };
        let targets = link_targets(&state.site);
        // These targets are the new site's: the old ones go, whatever comes of the edit.
        state.targets = None;
        let publish = crate::link::Publish::default();
        {
            let (_, new_items) = state.site.items.split_at_mut(first_new);
            crate::link::render_items(&state.site.config, &reader, &targets, new_items, &publish, &diags);
            crate::pii::scan_site(&state.site.config, new_items, &diags);
        }
        if diags.has_errors() {
            // Put the site back as it was.
            state.site.items.truncate(first_new);
            state.site.items.extend(old);
            restore_source_order(&mut state.site.items, first_new);
            crate::link::assign_urls(
                &state.site.config,
                &state.site.sections,
                &mut state.site.items,
                &Diagnostics::new(),
            );
            return Some(refused(&diags));
        }
        urls.extend(state.site.items[first_new..].iter().map(|i| i.url.clone()));
        restore_source_order(&mut state.site.items, first_new);
        let writer = Writer::new(self.output.clone())
            .ok()?
            .with_previous(std::mem::take(&mut state.hashes));
        add_published(&writer, &mut state.site, publish);
        let selection = Selection::Changed {
            previous: &state.signatures,
            changed: &urls,
        };
        let outcome = crate::timing::timed("incremental: render", || {
            crate::render::render_selected(
                &state.site,
                &state.theme,
                &writer,
                &diags,
                &selection,
                SearchMode::Keep(state.search_manifest.clone()),
            )
        });
        let rendered = outcome.rendered;
        report_write_errors(&self.output, &writer, &diags);
        crate::timing::timed("incremental: finish", || {
            finish_page_writes(&self.output, writer, state, outcome);
        });
        state.targets = Some(targets);
        self.search_stale = true;
        Some(edited(state, &diags, rendered, false))
    }

    /// The fast path of an edit to one item file: when its items keep everything the render's
    /// plan reads from them (see [`crate::render::plan::plan_key`]), they are replaced in place
    /// and only the pages showing them are rendered, from the kept plan. `None` (nothing
    /// changed) when the edit needs the general path.
    fn edit_in_plan(&mut self, rel: &str) -> Option<Rebuild> {
        let state = self.state.as_mut()?;
        state.plan.as_ref()?;
        let root = &self.options.site;
        let config = &state.site.config;
        let sections = &state.site.sections;
        let load_options = LoadOptions {
            drafts: self.options.drafts,
            now: crate::build::now(),
        };
        let mut local = Vec::new();
        let mut fresh = crate::timing::timed("incremental: load", || {
            crate::load::load_file(root, rel, sections, config, load_options, &mut local)
        })?;
        let diags = Diagnostics::new();
        diags.extend(local);
        if diags.has_errors() {
            return None;
        }
        fresh.sort_by_key(|i| i.pos.line);
        let at: Vec<usize> = (0..state.site.items.len())
            .filter(|k| state.site.items[*k].file == rel)
            .collect();
        if at.is_empty() || at.len() != fresh.len() {
            return None;
        }
        crate::link::assign_urls(config, sections, &mut fresh, &Diagnostics::new());
        let same_plan = at.iter().zip(&fresh).all(|(k, new)| {
            let old = &state.site.items[*k];
            let title_orders = sections.get(old.section).is_some_and(crate::render::plan::title_orders);
            crate::render::plan::plan_key(old, title_orders) == crate::render::plan::plan_key(new, title_orders)
        });
        if !same_plan {
            return None;
        }
        let canonical_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.clone());
        let reader = SiteReader {
            root,
            canonical_root: &canonical_root,
        };
        let site = &state.site;
        let targets = state.targets.get_or_insert_with(|| link_targets(site));
        let publish = crate::link::Publish::default();
        crate::link::render_items(config, &reader, targets, &mut fresh, &publish, &diags);
        crate::pii::scan_site(config, &fresh, &diags);
        if diags.has_errors() {
            // Nothing was changed yet: the last good site stays.
            return Some(refused(&diags));
        }
        let writer = Writer::new(self.output.clone())
            .ok()?
            .with_previous(std::mem::take(&mut state.hashes));
        for (k, item) in at.iter().zip(fresh) {
            state.site.items[*k] = item;
        }
        add_published(&writer, &mut state.site, publish);
        let plan = state.plan.as_mut()?;
        let rendered = crate::timing::timed("incremental: render", || {
            crate::render::render_from_plan(
                &state.site,
                &state.theme,
                &writer,
                &diags,
                plan,
                &at,
                state.search_manifest.as_deref(),
            )
        });
        report_write_errors(&self.output, &writer, &diags);
        state.hashes = writer.into_hashes();
        let Some(rendered) = rendered else {
            // The plan does not fit the site (it cannot happen): plan again.
            state.plan = None;
            return None;
        };
        self.search_stale = true;
        Some(edited(state, &diags, rendered, true))
    }
}

/// The outcome of an incremental rebuild that rendered `rendered` pages of the site in `state`.
fn edited(state: &State, diags: &Diagnostics, rendered: usize, kept_plan: bool) -> Rebuild {
    let report = BuildReport {
        success: !diags.has_errors(),
        diagnostics: diags.sorted(),
        items: state.site.items.len(),
        files: state.hashes.len(),
        ..BuildReport::default()
    };
    Rebuild {
        report,
        rendered,
        full: false,
        kept_plan,
    }
}

/// The outcome of an incremental rebuild refused for the errors in `diags` (the last good site
/// stays).
fn refused(diags: &Diagnostics) -> Rebuild {
    Rebuild {
        report: BuildReport {
            diagnostics: diags.sorted(),
            ..BuildReport::default()
        },
        ..Rebuild::default()
    }
}

/// Adds the files that the edited items publish (attachments, images) to the site, copying
/// into the output those not there yet.
fn add_published(writer: &Writer, site: &mut Site, publish: crate::link::Publish) {
    for (rel, src) in publish.into_files() {
        if !writer.contains(&rel) {
            writer.copy(&rel, &src);
        }
        site.files.insert(rel, src);
    }
}

/// What links in items can point to: every item's page and source file, and generated pages.
fn link_targets(site: &Site) -> crate::link::LinkTargets {
    crate::timing::timed("incremental: link targets", || {
        let extra = site
            .sections
            .iter()
            .map(|s| s.url.clone())
            .chain(["search/".to_owned(), "tags/".to_owned()]);
        crate::link::LinkTargets::new(&site.items, extra)
    })
}

/// Whether a changed path can be handled by reloading just that item.
fn is_item_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    rel.starts_with("content/") && (name.ends_with(".md") || name.ends_with(".yaml")) && name != "_section.yaml"
}

fn copy_files(root: &Path, site: &Site, writer: &Writer, diags: &Diagnostics) {
    crate::build::copy_static(root, writer, diags);
    for (rel, src) in &site.files {
        if !writer.contains(rel) {
            writer.copy(rel, src);
        }
    }
}

/// How much of the output a render covered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Coverage {
    /// Every file was produced: anything else in the folder is stale.
    Everything,
    /// The search index was rebuilt: old index files are stale, as are pages that left the plan.
    Search,
}

/// Adds the writer's errors (files that could not be written) to the build's diagnostics.
fn report_write_errors(output: &Path, writer: &Writer, diags: &Diagnostics) {
    for e in writer.errors() {
        diags.push(Diagnostic::error(output.display().to_string(), 0, 0, e));
    }
}

/// Puts the items from `first_new` on (re-read files) back among the others, which are in
/// source order (file, then line), so that the site reads as a full load would have left it.
fn restore_source_order(items: &mut Vec<Item>, first_new: usize) {
    let mut fresh = items.split_off(first_new.min(items.len()));
    if fresh.len() > 16 {
        items.append(&mut fresh);
        items.sort_by(|a, b| (&a.file, a.pos.line).cmp(&(&b.file, b.pos.line)));
        return;
    }
    fresh.sort_by(|a, b| (&a.file, a.pos.line).cmp(&(&b.file, b.pos.line)));
    for item in fresh {
        let at = items.partition_point(|i| (i.file.as_str(), i.pos.line) < (item.file.as_str(), item.pos.line));
        items.insert(at, item);
    }
}

/// [`finish_writes`] after pages were re-rendered selectively, without going over every file of
/// the output: the writer started from the previous hashes, and the only files to remove are
/// those of pages that left the plan.
fn finish_page_writes(output: &Path, writer: Writer, state: &mut State, outcome: crate::render::RenderOutcome) {
    let mut hashes = writer.into_hashes();
    for path in state.signatures.keys() {
        if !outcome.signatures.contains_key(path) && hashes.remove(path).is_some() {
            let _removed = std::fs::remove_file(output.join(path));
        }
    }
    state.hashes = hashes;
    state.signatures = outcome.signatures;
    state.search_manifest = outcome.search_manifest;
    state.plan = outcome.plan;
}

/// Records what is now in the output and removes files no build produces any more.
fn finish_writes(
    output: &Path,
    writer: &Writer,
    state: &mut State,
    outcome: crate::render::RenderOutcome,
    coverage: Coverage,
) {
    let written = writer.hashes();
    let mut hashes = if coverage == Coverage::Everything {
        HashMap::new()
    } else {
        state.hashes.clone()
    };
    for (path, h) in &written {
        hashes.insert(path.clone(), *h);
    }
    if coverage == Coverage::Everything {
        // Pages not rendered are still there, unchanged (a full render renders all anyway).
        for path in outcome.signatures.keys() {
            if let (false, Some(h)) = (hashes.contains_key(path), state.hashes.get(path)) {
                hashes.insert(path.clone(), *h);
            }
        }
    } else {
        // A search refresh: pages that left the plan, and index files not rewritten.
        hashes.retain(|path, _| {
            let gone_page = state.signatures.contains_key(path) && !outcome.signatures.contains_key(path);
            let old_index = path.starts_with("search/") && !written.contains_key(path);
            !(gone_page || old_index)
        });
    }
    for path in state.hashes.keys() {
        if !hashes.contains_key(path) {
            let _removed = std::fs::remove_file(output.join(path));
        }
    }
    state.hashes = hashes;
    state.signatures = outcome.signatures;
    state.search_manifest = outcome.search_manifest;
    state.plan = outcome.plan;
}
