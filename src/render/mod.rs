//! Stage 3: turn the linked model into output files — pages through Tera templates (in
//! parallel), feeds, sitemap, open data and the search index.

pub mod data;
pub mod feeds;
pub mod jsonld;
mod pages;
pub mod pagination;
pub mod plan;
pub mod tables_view;
pub mod theme;
mod tv;
pub mod views;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::diag::Diagnostics;
use crate::fxhash::FxMap;
use crate::model::{Item, Kind, Site};
use crate::write::Writer;
use plan::ListPlan;
use theme::Theme;

/// Everything page rendering needs, computed once.
pub struct RenderContext<'a> {
    /// The site.
    pub site: &'a Site,
    /// The theme.
    pub theme: &'a Theme,
    /// Indexes of items listed in the default language, in file order.
    pub published: Vec<usize>,
    /// Items of each section (by section index), default language only, in file order.
    pub section_items: Vec<Vec<usize>>,
    /// Items of each section, newest first (for newer/older navigation).
    newest_first: Vec<Vec<usize>>,
    /// Position of each item in its section's newest-first list.
    position: Vec<usize>,
    /// Items of one (section, news category), newest first, for related news.
    by_category: Vec<Vec<usize>>,
    /// Each item's group in `by_category` (`u32::MAX`: none; only listed news have one).
    category_of: Vec<u32>,
    /// Translation key → items, for language alternates.
    translations: BTreeMap<String, Vec<usize>>,
    /// Views shared between pages (cards, breadcrumbs, interface strings).
    shared: pages::Shared,
}

/// One page to render.
enum Job<'p> {
    Home,
    Item(usize),
    List {
        plan: &'p ListPlan,
        shared: &'p pages::ListShared,
        page: usize,
        facets: Option<&'p [plan::Facet]>,
    },
    Tags,
    Search,
    NotFound,
}

/// Puts what every page shares into the theme's global context, once: `site` and the default
/// language's interface strings `t` (pages in another language get their own `t`).
pub fn prepare_theme(theme: &mut Theme, site: &Site) {
    let site_value = site_json(site, theme);
    let t = theme
        .strings
        .get(&site.config.language)
        .or_else(|| theme.strings.get("vi"))
        .cloned()
        .unwrap_or(Value::Null);
    let globals = theme.tera.global_context();
    globals.insert("site", &site_value);
    globals.insert("t", &t);
}

/// Which pages a render writes.
pub enum Selection<'a> {
    /// Every page (a full build).
    All,
    /// Only pages that are new, whose inputs (the items they show, their order, the facet
    /// counts) differ from `previous`, or that show an item whose URL is in `changed`.
    Changed {
        /// Output path → input signature of the previous render.
        previous: &'a HashMap<String, u64>,
        /// Site paths of the items that changed (before and after the change).
        changed: &'a HashSet<String>,
    },
}

/// How the search index is handled.
pub enum SearchMode {
    /// Build it (a full build).
    Build,
    /// Keep the previous index, feeds, sitemap and open data files: the index's manifest URL,
    /// when there was one.
    Keep(Option<String>),
}

/// What a render did.
#[derive(Debug, Default)]
pub struct RenderOutcome {
    /// Output path → input signature, for every planned page.
    pub signatures: HashMap<String, u64>,
    /// Pages rendered.
    pub rendered: usize,
    /// Manifest URL of the search index.
    pub search_manifest: Option<String>,
    /// The plan of this render, for [`render_from_plan`].
    pub plan: Option<Plan>,
}

/// Renders every page and data file into `out` (a full build).
pub fn render_site(site: &Site, theme: &Theme, out: &Writer, diags: &Diagnostics) {
    render_selected(site, theme, out, diags, &Selection::All, SearchMode::Build);
}

/// Renders the pages chosen by `selection`, and every data file (unless `search` keeps the
/// previous index), into `out`.
///
/// The search index is built while the pages render, or before them above
/// [`OVERLAP_MAX_ITEMS`] items (only the search page needs its manifest URL, so that page is
/// rendered last).
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    out: &Writer,
    diags: &Diagnostics,
    selection: &Selection<'_>,
    search: SearchMode,
) -> RenderOutcome {
    let ctx = crate::timing::timed("plan: context", || RenderContext::new(site, theme));
    let (lists, facets_of) = crate::timing::timed("plan: lists", || plan_lists(&ctx));
    let tags = plan::tags(&site.items, &ctx.published);
    let lists = with_tag_lists(site, lists, &tags);
    let list_shared: Vec<pages::ListShared> = lists.iter().map(|_| std::sync::OnceLock::new()).collect();
    let search_page = matches!(search, SearchMode::Keep(Some(_))) || site.config.search_enabled;
    // An incremental render keeps the derived files (search index, feeds and sitemap, open data)
    // as they were: they follow when the search index is refreshed, so the edited page is out
    // first.
    let keep_derived = matches!(search, SearchMode::Keep(_));
    let jobs = plan_jobs(&ctx, &lists, &list_shared, &facets_of, search_page);
    let facet_sigs = facet_signatures(&facets_of);
    let (planned, shows) =
        crate::timing::timed("plan: signatures", || plan_renders(&ctx, &jobs, &facet_sigs, selection));

    let pages = || crate::timing::timed("pages", || render_pages(&ctx, &jobs, &planned, &tags, out, diags));
    let (search_manifest, rendered) = if overlap_search(site) {
        rayon::join(|| search_index(site, out, search), pages)
    } else {
        // One after the other, so that the peaks of the two do not add up.
        let manifest = search_index(site, out, search);
        (manifest, pages())
    };
    let rendered = rendered + write_search_page(&ctx, &jobs, &planned, search_manifest.as_deref(), out, diags);
    let signatures: HashMap<String, u64> = planned.into_iter().map(|(p, s, _)| (p, s)).collect();

    // Feeds, sitemap, robots, open data.
    if !keep_derived {
        let page_urls: Vec<String> = lists.iter().map(|l| l.url.clone()).collect();
        crate::timing::timed("feeds", || feeds::write_all(&ctx, &page_urls, out));
        crate::timing::timed("data", || data::write_all(&ctx, out, diags));
    }
    for (path, bytes) in &theme.assets {
        out.write(path, bytes);
    }
    let plan = Plan {
        parts: ctx.into_parts(),
        lists,
        facets_of,
        tags,
        search_page,
        shows,
    };
    RenderOutcome {
        signatures,
        rendered,
        search_manifest,
        plan: Some(plan),
    }
}

/// Writes the search page when it is among the planned `jobs` to render (it is left out by
/// [`render_pages`]: it needs the manifest URL of the index); returns the pages written, 0 or 1.
fn write_search_page(
    ctx: &RenderContext<'_>,
    jobs: &[Job<'_>],
    planned: &[(String, u64, bool)],
    manifest: Option<&str>,
    out: &Writer,
    diags: &Diagnostics,
) -> usize {
    let Some((_, (path, _, _))) = jobs
        .iter()
        .zip(planned)
        .find(|(job, (_, _, render))| matches!(job, Job::Search) && *render)
    else {
        return 0;
    };
    match pages::write(ctx, &pages::search(ctx, manifest), path, out) {
        Ok(()) => 1,
        Err(d) => {
            diags.push(d);
            0
        }
    }
}

/// Sites up to this many items build the search index while the pages render; larger ones
/// build it first, so that the memory of the index and that of the page render never add up
/// (at 100,000 items their sum was most of the peak).
const OVERLAP_MAX_ITEMS: usize = 20_000;

/// Whether the search index builds while the pages render (see [`OVERLAP_MAX_ITEMS`]).
fn overlap_search(site: &Site) -> bool {
    site.items.len() <= OVERLAP_MAX_ITEMS
}

/// Builds and writes the search index (or keeps the previous one); returns its manifest URL.
fn search_index(site: &Site, out: &Writer, search: SearchMode) -> Option<String> {
    if let SearchMode::Keep(previous) = search {
        return previous;
    }
    if !site.config.search_enabled {
        return None;
    }
    let docs: Vec<crate::search::SearchDoc> = site.items.iter().map(|it| search_doc(site, it)).collect();
    let index = crate::timing::timed("search index", || crate::search::build_index(&docs));
    drop(docs);
    // Each file's bytes are freed once written.
    for f in index.files {
        out.write(&f.path, &f.bytes);
    }
    (!index.manifest_path.is_empty()).then(|| site.config.link(&index.manifest_path))
}

impl<'a> RenderContext<'a> {
    /// The context of a render: which items are listed, in which order, and their relations.
    fn new(site: &'a Site, theme: &'a Theme) -> Self {
        let default_lang = &site.config.language;
        let published: Vec<usize> = (0..site.items.len())
            .filter(|i| &site.items[*i].lang == default_lang)
            .collect();
        let mut section_items = vec![Vec::new(); site.sections.len()];
        for &i in &published {
            section_items[site.items[i].section].push(i);
        }
        let mut newest_first = section_items.clone();
        let mut position = vec![0; site.items.len()];
        let mut group_of: FxMap<(usize, &str), u32> = FxMap::default();
        let mut by_category: Vec<Vec<usize>> = Vec::new();
        let mut category_of = vec![u32::MAX; site.items.len()];
        for (s, list) in newest_first.iter_mut().enumerate() {
            plan::sort_items(&site.items, list, crate::model::SortOrder::DateDesc);
            for (p, &i) in list.iter().enumerate() {
                position[i] = p;
                if let crate::model::KindData::News(n) = &site.items[i].data {
                    if let Some(c) = &n.category {
                        let g = *group_of.entry((s, c)).or_insert_with(|| {
                            by_category.push(Vec::new());
                            u32::try_from(by_category.len() - 1).unwrap_or(u32::MAX)
                        });
                        if let Some(group) = by_category.get_mut(g as usize) {
                            group.push(i);
                            category_of[i] = g;
                        }
                    }
                }
            }
        }
        let mut groups: FxMap<&str, Vec<usize>> = FxMap::default();
        for (i, item) in site.items.iter().enumerate() {
            groups.entry(&item.translation_key).or_default().push(i);
        }
        let translations: BTreeMap<String, Vec<usize>> = groups
            .into_iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        RenderContext {
            site,
            theme,
            published,
            section_items,
            newest_first,
            position,
            by_category,
            category_of,
            translations,
            shared: pages::Shared::new(site, theme),
        }
    }
}

/// The lists of every section, and each section's facets (by section URL).
fn plan_lists(ctx: &RenderContext<'_>) -> (Vec<ListPlan>, BTreeMap<String, Vec<plan::Facet>>) {
    let site = ctx.site;
    let mut lists: Vec<ListPlan> = Vec::new();
    let mut facets_of: BTreeMap<String, Vec<plan::Facet>> = BTreeMap::new();
    for (s, section) in site.sections.iter().enumerate() {
        let (l, f) = plan::section_lists(s, section, &site.items, &ctx.section_items[s]);
        facets_of.insert(section.url.clone(), f);
        lists.extend(l);
    }
    (lists, facets_of)
}

/// `lists` followed by one list per tag.
fn with_tag_lists(
    site: &Site,
    mut lists: Vec<ListPlan>,
    tags: &BTreeMap<String, (String, Vec<usize>)>,
) -> Vec<ListPlan> {
    for (slug, (name, members)) in tags {
        lists.push(ListPlan {
            url: format!("tags/{slug}/"),
            title: format!("Thẻ: {name}"),
            description: None,
            section: None,
            filter: Some(("tags".into(), name.clone())),
            items: members.clone(),
            per_page: site.config.per_page,
        });
    }
    lists
}

/// Every page of the site, in a stable order (the search page when `search_page`).
fn plan_jobs<'p>(
    ctx: &RenderContext<'_>,
    lists: &'p [ListPlan],
    list_shared: &'p [pages::ListShared],
    facets_of: &'p BTreeMap<String, Vec<plan::Facet>>,
    search_page: bool,
) -> Vec<Job<'p>> {
    let site = ctx.site;
    let mut jobs: Vec<Job<'_>> = vec![Job::Home, Job::NotFound, Job::Tags];
    if search_page {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.items.len()).map(Job::Item));
    for (l, shared) in lists.iter().zip(list_shared) {
        let facets = l
            .section
            .and_then(|s| facets_of.get(&site.sections[s].url))
            .map(Vec::as_slice);
        for page in 1..=plan::page_count(l.items.len(), l.per_page) {
            jobs.push(Job::List {
                plan: l,
                shared,
                page,
                facets,
            });
        }
    }
    jobs
}

/// Facet signature per section: every list page of a section shows its facet counts.
fn facet_signatures(facets_of: &BTreeMap<String, Vec<plan::Facet>>) -> BTreeMap<String, u64> {
    facets_of
        .iter()
        .map(|(url, facets)| {
            let mut h = Signature::new();
            for f in facets {
                h.add(f.segment);
                for (slug, _, members) in &f.values {
                    h.add(slug);
                    h.add(&members.len().to_string());
                }
            }
            (url.clone(), h.finish())
        })
        .collect()
}

/// For each job: its output path, its input signature, and whether `selection` renders it;
/// and which items each job shows.
fn plan_renders(
    ctx: &RenderContext<'_>,
    jobs: &[Job<'_>],
    facet_sigs: &BTreeMap<String, u64>,
    selection: &Selection<'_>,
) -> (Vec<(String, u64, bool)>, Shows) {
    let url_sigs = url_signatures(ctx.site);
    let inputs: Vec<(String, u64, bool, Vec<usize>, bool)> = jobs
        .par_iter()
        .map(|job| {
            let (path, sig, ids, always) = job_inputs(ctx, job, facet_sigs, &url_sigs);
            let render = match selection {
                Selection::All => true,
                Selection::Changed { previous, changed } => {
                    always
                        || previous.get(&path) != Some(&sig)
                        || ids.iter().any(|i| changed.contains(&ctx.site.items[*i].url))
                }
            };
            (path, sig, render, ids, always)
        })
        .collect();
    let mut shows = Shows::default();
    let planned = inputs
        .into_iter()
        .map(|(path, sig, render, ids, always)| {
            shows.push(&ids, always);
            (path, sig, render)
        })
        .collect();
    (planned, shows)
}

/// Which items each planned page shows (in job order), flattened.
#[derive(Debug, Default)]
struct Shows {
    /// Where each page's items start in `ids`; the last entry ends the last page.
    starts: Vec<u32>,
    /// Item indexes.
    ids: Vec<u32>,
    /// Pages rendered whatever changed (they summarise the site).
    always: Vec<bool>,
}

impl Shows {
    fn push(&mut self, ids: &[usize], always: bool) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.ids
            .extend(ids.iter().map(|i| u32::try_from(*i).unwrap_or(u32::MAX)));
        self.starts.push(u32::try_from(self.ids.len()).unwrap_or(u32::MAX));
        self.always.push(always);
    }

    /// Whether page `job` must be rendered again when the items `changed` changed.
    fn affected(&self, job: usize, changed: &[usize]) -> bool {
        let (Some(a), Some(b)) = (self.starts.get(job), self.starts.get(job + 1)) else {
            return true;
        };
        self.always.get(job).copied().unwrap_or(true)
            || self
                .ids
                .get(*a as usize..*b as usize)
                .is_none_or(|ids| ids.iter().any(|i| changed.contains(&(*i as usize))))
    }
}

/// What a render planned — the render context's orderings, the lists, facets and tags, and which
/// items each page shows — kept by the development server so that an edit which changes none of
/// them (see [`plan::plan_key`]) re-renders only the pages showing the edited item.
#[derive(Debug)]
pub struct Plan {
    parts: ContextParts,
    lists: Vec<ListPlan>,
    facets_of: BTreeMap<String, Vec<plan::Facet>>,
    tags: BTreeMap<String, (String, Vec<usize>)>,
    search_page: bool,
    shows: Shows,
}

/// The owned orderings of a [`RenderContext`] (everything but its borrows and shared views).
#[derive(Debug, Default)]
struct ContextParts {
    published: Vec<usize>,
    section_items: Vec<Vec<usize>>,
    newest_first: Vec<Vec<usize>>,
    position: Vec<usize>,
    by_category: Vec<Vec<usize>>,
    category_of: Vec<u32>,
    translations: BTreeMap<String, Vec<usize>>,
}

impl<'a> RenderContext<'a> {
    fn into_parts(self) -> ContextParts {
        ContextParts {
            published: self.published,
            section_items: self.section_items,
            newest_first: self.newest_first,
            position: self.position,
            by_category: self.by_category,
            category_of: self.category_of,
            translations: self.translations,
        }
    }

    fn from_parts(site: &'a Site, theme: &'a Theme, p: ContextParts) -> Self {
        RenderContext {
            site,
            theme,
            published: p.published,
            section_items: p.section_items,
            newest_first: p.newest_first,
            position: p.position,
            by_category: p.by_category,
            category_of: p.category_of,
            translations: p.translations,
            shared: pages::Shared::new(site, theme),
        }
    }
}

/// Re-renders, with the plan of the previous render, the pages that show the items `changed`
/// (indexes into `site.items`) and the pages that summarise the site, keeping the derived files
/// (search index, feeds, open data) as they are. Only valid when the site's items differ from
/// those of the planned render in nothing [`plan::plan_key`] covers. Returns the number of pages
/// written, or `None` when the plan does not fit the site (plan again).
pub fn render_from_plan(
    site: &Site,
    theme: &Theme,
    out: &Writer,
    diags: &Diagnostics,
    plan: &mut Plan,
    changed: &[usize],
    search_manifest: Option<&str>,
) -> Option<usize> {
    if plan.parts.position.len() != site.items.len() {
        return None;
    }
    let ctx = RenderContext::from_parts(site, theme, std::mem::take(&mut plan.parts));
    let list_shared: Vec<pages::ListShared> = plan.lists.iter().map(|_| std::sync::OnceLock::new()).collect();
    let jobs = plan_jobs(&ctx, &plan.lists, &list_shared, &plan.facets_of, plan.search_page);
    let mut rendered = None;
    if jobs.len() + 1 == plan.shows.starts.len() {
        let no_facets = BTreeMap::new();
        let url_sigs = url_signatures(site);
        let (selected, paths): (Vec<Job<'_>>, Vec<(String, u64, bool)>) = jobs
            .into_iter()
            .enumerate()
            .filter(|(j, _)| plan.shows.affected(*j, changed))
            .map(|(_, job)| {
                let (path, sig, _, _) = job_inputs(&ctx, &job, &no_facets, &url_sigs);
                (job, (path, sig, true))
            })
            .unzip();
        let n = render_pages(&ctx, &selected, &paths, &plan.tags, out, diags)
            + write_search_page(&ctx, &selected, &paths, search_manifest, out, diags);
        for (path, bytes) in &theme.assets {
            out.write(path, bytes);
        }
        rendered = Some(n);
    }
    plan.parts = ctx.into_parts();
    rendered
}

/// Renders and writes the planned pages except the search page, in parallel; returns how many
/// were written.
fn render_pages(
    ctx: &RenderContext<'_>,
    jobs: &[Job<'_>],
    planned: &[(String, u64, bool)],
    tags: &BTreeMap<String, (String, Vec<usize>)>,
    out: &Writer,
    diags: &Diagnostics,
) -> usize {
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    jobs.par_iter()
        .zip(planned.par_iter())
        .filter(|(job, (_, _, render))| *render && !matches!(job, Job::Search))
        .for_each(|(job, (path, _, _))| {
            let page = match job {
                Job::Home => pages::home(ctx),
                Job::Item(i) => pages::item(ctx, *i),
                Job::List {
                    plan,
                    shared,
                    page,
                    facets,
                } => pages::list(ctx, plan, shared, *page, *facets),
                Job::Tags => pages::tags_index(ctx, tags),
                Job::NotFound => pages::simple(ctx, "404.html", "Không tìm thấy trang", "404.html"),
                Job::Search => return,
            };
            match pages::write(ctx, &page, path, out) {
                Ok(()) => {
                    rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                Err(d) => diags.push(d),
            }
        });
    rendered.into_inner()
}

/// A small stable hash of a page's inputs.
struct Signature(u64);

impl Signature {
    fn new() -> Self {
        Signature(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, s: &str) {
        for b in s.as_bytes().iter().chain(std::iter::once(&0xff)) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn add_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Each item's URL hashed once: a page's signature combines those of the items it shows.
fn url_signatures(site: &Site) -> Vec<u64> {
    site.items
        .par_iter()
        .map(|item| {
            let mut sig = Signature::new();
            sig.add(&item.url);
            sig.finish()
        })
        .collect()
}

/// The output path of a page, the signature of its inputs, the items it shows, and whether it
/// must always be rendered (pages that summarise the whole site).
fn job_inputs(
    ctx: &RenderContext<'_>,
    job: &Job<'_>,
    facet_sigs: &BTreeMap<String, u64>,
    url_sigs: &[u64],
) -> (String, u64, Vec<usize>, bool) {
    let site = ctx.site;
    let mut sig = Signature::new();
    match job {
        Job::Home => ("index.html".to_owned(), 0, Vec::new(), true),
        Job::Tags => ("tags/index.html".to_owned(), 0, Vec::new(), true),
        Job::Search => ("search/index.html".to_owned(), 0, Vec::new(), true),
        Job::NotFound => ("404.html".to_owned(), 0, Vec::new(), true),
        Job::Item(i) => {
            let item = &site.items[*i];
            let mut ids = vec![*i];
            if item.kind() == Kind::News && item.lang == site.config.language {
                for part in news_nav_ids(ctx, *i) {
                    sig.add_u64(u64::from(b'|'));
                    for j in &part {
                        sig.add_u64(url_sigs[*j]);
                    }
                    ids.extend(part);
                }
            }
            if let Some(group) = ctx.translations.get(&item.translation_key) {
                for j in group {
                    sig.add_u64(url_sigs[*j]);
                    ids.push(*j);
                }
            }
            (format!("{}index.html", item.url), sig.finish(), ids, false)
        }
        Job::List { plan, page, .. } => {
            let total = plan::page_count(plan.items.len(), plan.per_page);
            let start = (page - 1).saturating_mul(plan.per_page);
            let ids: Vec<usize> = plan.items.iter().skip(start).take(plan.per_page).copied().collect();
            sig.add_u64(total as u64);
            for j in &ids {
                sig.add_u64(url_sigs[*j]);
            }
            if let Some(s) = plan.section {
                sig.add_u64(facet_sigs.get(&site.sections[s].url).copied().unwrap_or(0));
            }
            (
                format!("{}index.html", plan::page_url(&plan.url, *page)),
                sig.finish(),
                ids,
                false,
            )
        }
    }
}

fn search_doc<'a>(site: &Site, item: &'a Item) -> crate::search::SearchDoc<'a> {
    use crate::model::KindData;
    let mut keywords = item.tags.clone();
    let (mut field, mut level, mut agency) = (None, Vec::new(), None);
    match &item.data {
        KindData::News(n) => keywords.extend(n.category.clone()),
        KindData::Procedure(p) => {
            keywords.push(p.code.clone());
            field = p.field.clone();
            level = p.level.iter().map(|l| views::label(l).to_owned()).collect();
            agency = p.agency.clone();
        }
        KindData::Document(d) => {
            keywords.push(d.number.clone());
            keywords.extend(d.doc_type.clone());
            field = d.field.clone();
            agency = d.issuer.clone();
        }
        KindData::Inspection(i) => {
            keywords.push(i.number.clone());
            field = i.field.clone();
            agency = i.issuer.clone();
        }
        KindData::Complaint(c) => {
            keywords.push(c.number.clone());
            agency = c.issuer.clone();
        }
        KindData::Procurement(p) => {
            keywords.extend(p.package.clone());
            agency = p.investor.clone();
        }
        _ => {}
    }
    let mut facts = String::new();
    if let KindData::Procedure(_)
    | KindData::Document(_)
    | KindData::Inspection(_)
    | KindData::Complaint(_)
    | KindData::Procurement(_) = item.data
    {
        // Make the facts searchable too.
        for (_, v) in views::card_meta(item).1 {
            facts.push_str(&v);
            facts.push('\n');
        }
    }
    crate::search::SearchDoc {
        url: site.config.link(&item.url),
        title: item.title.clone(),
        kind: item.kind().item_type(),
        date: item.sort_date().map(|d| d.short_vi()),
        year: item.sort_date().map(|d| d.year()),
        field,
        level,
        agency,
        keywords,
        summary: item.summary_or_lead(),
        facts,
        text: std::borrow::Cow::Borrowed(&item.text),
    }
}

fn site_json(site: &Site, theme: &Theme) -> Value {
    let c = &site.config;
    let menu: Vec<Value> = c
        .menu
        .iter()
        .map(|m| {
            let url = match (&m.url, &m.section) {
                (Some(u), _) if u.starts_with('/') => c.link(u),
                (Some(u), _) => u.clone(),
                (None, Some(s)) => c.link(&format!("{s}/")),
                (None, None) => c.base_path.clone(),
            };
            json!({ "title": m.title, "url": url, "section": m.section })
        })
        .collect();
    let logo = c.organization.logo.as_ref().map(|l| {
        let l = l.trim_start_matches('/');
        c.link(l.strip_prefix("static/").unwrap_or(l))
    });
    json!({
        "title": c.title,
        "description": c.description,
        "base_url": c.base_url,
        "base_path": c.base_path,
        "language": c.language,
        "languages": c.languages,
        "organization": c.organization,
        "logo": logo,
        "menu": menu,
        "feedback_url": c.feedback_url,
        "survey_url": c.survey_url,
        "search_enabled": c.search_enabled,
        "feed_url": c.link("atom.xml"),
        "assets": theme.asset_paths,
    })
}
/// Newer/older items of the section and related items of the same category.
/// The items a news page shows besides itself: newer, older and related (same category).
fn news_nav_ids(ctx: &RenderContext<'_>, i: usize) -> [Vec<usize>; 3] {
    let site = ctx.site;
    let item = &site.items[i];
    let list = &ctx.newest_first[item.section];
    let p = ctx.position[i];
    let newer: Vec<usize> = list[..p.min(list.len())].iter().rev().take(5).copied().collect();
    let older: Vec<usize> = list[(p + 1).min(list.len())..].iter().take(5).copied().collect();
    let related: Vec<usize> = ctx
        .category_of
        .get(i)
        .and_then(|g| ctx.by_category.get(*g as usize))
        .map(|same| same.iter().filter(|j| **j != i).take(5).copied().collect())
        .unwrap_or_default();
    [newer, older, related]
}

/// Extra links a section's list offers: A–Z, repealed, data downloads, feeds.
fn section_links(ctx: &RenderContext<'_>, s: &crate::model::Section, index: usize) -> Vec<Value> {
    let c = &ctx.site.config;
    let mut v = Vec::new();
    if s.kind == Kind::Procedures {
        v.push(json!({ "title": "Danh sách A–Z", "url": c.link(&format!("{}a-z/", s.url)) }));
        let repealed = ctx.section_items[index]
            .iter()
            .any(|i| !plan::in_default_lists(&ctx.site.items[*i]));
        if repealed {
            v.push(json!({ "title": "Thủ tục đã bãi bỏ", "url": c.link(&format!("{}da-bai-bo/", s.url)) }));
        }
    }
    if s.kind == Kind::News {
        v.push(json!({ "title": "Nguồn tin Atom", "url": c.link(&format!("{}atom.xml", s.url)) }));
    }
    // Open data exists for every section with items, except plain pages.
    if s.kind != Kind::Pages && !ctx.section_items[index].is_empty() {
        let slug = data::section_slug(s);
        v.push(json!({ "title": "Tải dữ liệu (CSV)", "url": c.link(&format!("data/{slug}.csv")) }));
        v.push(json!({ "title": "Tải dữ liệu (JSON)", "url": c.link(&format!("data/{slug}.json")) }));
        if s.kind == Kind::Procurement {
            v.push(json!({ "title": "Dữ liệu OCDS", "url": c.link(&format!("data/{slug}-ocds.json")) }));
        }
    }
    v
}
