//! Stage 3: turn the linked model into output files — pages through Tera templates (in
//! parallel), feeds, sitemap, open data and the search index.

pub mod data;
pub mod feeds;
pub mod jsonld;
pub mod plan;
pub mod tables_view;
pub mod theme;
pub mod views;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::diag::{Diagnostic, Diagnostics};
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
    /// (section, category) → items newest first, for related news.
    by_category: BTreeMap<(usize, String), Vec<usize>>,
    /// Translation key → items, for language alternates.
    translations: BTreeMap<String, Vec<usize>>,
    /// Manifest URL of the search index, when search is on.
    pub search_manifest: Option<String>,
}

/// One page to render.
enum Job<'p> {
    Home,
    Item(usize),
    List {
        plan: &'p ListPlan,
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
    /// Keep the previous index: its manifest URL, when there was one.
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
}

/// Renders every page and data file into `out` (a full build).
pub fn render_site(site: &Site, theme: &Theme, out: &Writer, diags: &Diagnostics) {
    render_selected(site, theme, out, diags, &Selection::All, SearchMode::Build);
}

/// Renders the pages chosen by `selection`, and every data file, into `out`.
pub fn render_selected(
    site: &Site,
    theme: &Theme,
    out: &Writer,
    diags: &Diagnostics,
    selection: &Selection<'_>,
    search: SearchMode,
) -> RenderOutcome {
    let default_lang = &site.config.language;
    let published: Vec<usize> = (0..site.items.len())
        .filter(|i| &site.items[*i].lang == default_lang)
        .collect();
    let mut section_items = vec![Vec::new(); site.sections.len()];
    for &i in &published {
        section_items[site.items[i].section].push(i);
    }

    // Search index first: its manifest URL goes into every page's context.
    let search_manifest = if let SearchMode::Keep(previous) = search {
        previous
    } else if site.config.search_enabled {
        let docs: Vec<crate::search::SearchDoc> = site.items.iter().map(|it| search_doc(site, it)).collect();
        let index = crate::timing::timed("search index", || crate::search::build_index(&docs));
        for f in &index.files {
            out.write(&f.path, &f.bytes);
        }
        (!index.manifest_path.is_empty()).then(|| site.config.link(&index.manifest_path))
    } else {
        None
    };

    let mut newest_first = section_items.clone();
    let mut position = vec![0; site.items.len()];
    let mut by_category: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (s, list) in newest_first.iter_mut().enumerate() {
        plan::sort_items(&site.items, list, crate::model::SortOrder::DateDesc);
        for (p, &i) in list.iter().enumerate() {
            position[i] = p;
            if let crate::model::KindData::News(n) = &site.items[i].data {
                if let Some(c) = &n.category {
                    by_category.entry((s, c.clone())).or_default().push(i);
                }
            }
        }
    }
    let mut translations: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, item) in site.items.iter().enumerate() {
        translations.entry(item.translation_key.clone()).or_default().push(i);
    }
    translations.retain(|_, v| v.len() > 1);
    let ctx = RenderContext {
        site,
        theme,
        published,
        section_items,
        newest_first,
        position,
        by_category,
        translations,
        search_manifest,
    };

    // Plan lists.
    let mut lists: Vec<ListPlan> = Vec::new();
    let mut facets_of: BTreeMap<String, Vec<plan::Facet>> = BTreeMap::new();
    for (s, section) in site.sections.iter().enumerate() {
        let (l, f) = plan::section_lists(s, section, &site.items, &ctx.section_items[s]);
        facets_of.insert(section.url.clone(), f);
        lists.extend(l);
    }
    let tags = plan::tags(&site.items, &ctx.published);
    for (slug, (name, members)) in &tags {
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

    let mut jobs: Vec<Job<'_>> = vec![Job::Home, Job::NotFound, Job::Tags];
    if ctx.search_manifest.is_some() || site.config.search_enabled {
        jobs.push(Job::Search);
    }
    jobs.extend((0..site.items.len()).map(Job::Item));
    for l in &lists {
        let facets = l
            .section
            .and_then(|s| facets_of.get(&site.sections[s].url))
            .map(Vec::as_slice);
        for page in 1..=plan::page_count(l.items.len(), l.per_page) {
            jobs.push(Job::List { plan: l, page, facets });
        }
    }

    // Facet signature per section: every list page of a section shows its facet counts.
    let facet_sigs: BTreeMap<String, u64> = facets_of
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
        .collect();
    let planned: Vec<(String, u64, bool)> = jobs
        .par_iter()
        .map(|job| {
            let (path, sig, ids, always) = job_inputs(&ctx, job, &facet_sigs);
            let render = match selection {
                Selection::All => true,
                Selection::Changed { previous, changed } => {
                    always
                        || previous.get(&path) != Some(&sig)
                        || ids.iter().any(|i| changed.contains(&site.items[*i].url))
                }
            };
            (path, sig, render)
        })
        .collect();
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    crate::timing::timed("pages", || {
        jobs.par_iter()
            .zip(planned.par_iter())
            .filter(|(_, (_, _, render))| *render)
            .for_each(|(job, (path, _, _))| {
                let result = match job {
                    Job::Home => render_home(&ctx),
                    Job::Item(i) => render_item(&ctx, *i),
                    Job::List { plan, page, facets } => render_list(&ctx, plan, *page, *facets),
                    Job::Tags => render_tags_index(&ctx, &tags),
                    Job::Search => render_simple(&ctx, "search.html", "Tìm kiếm", "search/"),
                    Job::NotFound => render_simple(&ctx, "404.html", "Không tìm thấy trang", "404.html"),
                };
                match result {
                    Ok(html) => {
                        out.write(path, html.as_bytes());
                        rendered.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    Err(d) => diags.push(d),
                }
            })
    });
    let signatures: HashMap<String, u64> = planned.into_iter().map(|(p, s, _)| (p, s)).collect();

    // Feeds, sitemap, robots, open data.
    let page_urls: Vec<String> = lists.iter().map(|l| l.url.clone()).collect();
    crate::timing::timed("feeds", || feeds::write_all(&ctx, &page_urls, out));
    crate::timing::timed("data", || data::write_all(&ctx, out, diags));
    for (path, bytes) in &theme.assets {
        out.write(path, bytes);
    }
    RenderOutcome {
        signatures,
        rendered: rendered.into_inner(),
        search_manifest: ctx.search_manifest.clone(),
    }
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

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The output path of a page, the signature of its inputs, the items it shows, and whether it
/// must always be rendered (pages that summarise the whole site).
fn job_inputs(
    ctx: &RenderContext<'_>,
    job: &Job<'_>,
    facet_sigs: &BTreeMap<String, u64>,
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
                    sig.add("|");
                    for j in &part {
                        sig.add(&site.items[*j].url);
                    }
                    ids.extend(part);
                }
            }
            if let Some(group) = ctx.translations.get(&item.translation_key) {
                for j in group {
                    sig.add(&site.items[*j].url);
                    ids.push(*j);
                }
            }
            (format!("{}index.html", item.url), sig.finish(), ids, false)
        }
        Job::List { plan, page, .. } => {
            let total = plan::page_count(plan.items.len(), plan.per_page);
            let start = (page - 1).saturating_mul(plan.per_page);
            let ids: Vec<usize> = plan.items.iter().skip(start).take(plan.per_page).copied().collect();
            sig.add(&total.to_string());
            for j in &ids {
                sig.add(&site.items[*j].url);
            }
            if let Some(s) = plan.section {
                sig.add(&facet_sigs.get(&site.sections[s].url).copied().unwrap_or(0).to_string());
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
        for v in card_facts(site, item) {
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

fn card_facts(site: &Site, item: &Item) -> Vec<String> {
    let card = views::card(item, &site.config);
    card.get("meta")
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|m| m.get("value").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
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

impl RenderContext<'_> {
    /// The base context of every page.
    fn page_context(&self, lang: &str, page: Value) -> tera::Context {
        let mut ctx = tera::Context::new();
        if lang != self.site.config.language {
            if let Some(t) = self.theme.strings.get(lang) {
                ctx.insert("t", t);
            }
        }
        ctx.insert("page", &page);
        ctx.insert("search_manifest", &self.search_manifest);
        ctx.insert("lang", lang);
        ctx
    }

    fn render(&self, template: &str, ctx: &tera::Context, what: &str) -> Result<String, Diagnostic> {
        self.theme.tera.render(template, ctx).map_err(|e| {
            let mut d = theme::template_error(&format!("templates/{template}"), &e);
            d.message = format!("{} (while rendering {what})", d.message);
            d
        })
    }

    fn crumbs(&self, section: Option<usize>) -> Vec<Value> {
        let c = &self.site.config;
        let mut out = vec![json!({ "title": "Trang chủ", "url": c.base_path })];
        let mut chain = Vec::new();
        let mut s = section;
        while let Some(i) = s {
            chain.push(i);
            s = self.site.sections[i].parent;
        }
        for i in chain.into_iter().rev() {
            let sec = &self.site.sections[i];
            out.push(json!({ "title": sec.title, "url": c.link(&sec.url) }));
        }
        out
    }
}

fn page_value(
    ctx: &RenderContext<'_>,
    kind: &str,
    title: &str,
    site_path: &str,
    description: &str,
    crumbs: Vec<Value>,
) -> Value {
    let c = &ctx.site.config;
    json!({
        "kind": kind,
        "title": title,
        "url": c.link(site_path),
        "permalink": c.absolute(site_path),
        "description": crate::text::truncate_words(description, 200),
        "breadcrumbs": crumbs,
        "jsonld": Value::Null,
    })
}

fn render_home(ctx: &RenderContext<'_>) -> Result<String, Diagnostic> {
    let site = ctx.site;
    let c = &site.config;
    let mut news: Vec<usize> = ctx
        .published
        .iter()
        .copied()
        .filter(|i| site.items[*i].kind() == Kind::News)
        .collect();
    plan::sort_items(&site.items, &mut news, crate::model::SortOrder::DateDesc);
    let featured: Vec<Value> = news
        .iter()
        .filter(|i| matches!(&site.items[**i].data, crate::model::KindData::News(n) if n.featured))
        .take(3)
        .map(|i| views::card(&site.items[*i], c))
        .collect();
    let latest: Vec<Value> = news.iter().take(8).map(|i| views::card(&site.items[*i], c)).collect();
    let shortcuts: Vec<Value> = site
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.parent.is_none() && s.kind != Kind::News && s.kind != Kind::Pages)
        .map(|(i, s)| views::shortcut(s, ctx.section_items[i].len(), c))
        .collect();
    let desc = c.description.clone().unwrap_or_else(|| c.title.clone());
    let mut page = page_value(ctx, "home", &c.title, "", &desc, Vec::new());
    page["jsonld"] = Value::String(jsonld::organization(c));
    let mut t = ctx.page_context(&c.language, page);
    t.insert("home", &json!({ "featured": featured, "latest": latest, "shortcuts": shortcuts, "news_url": news.first().map(|i| c.link(&site.sections[site.items[*i].section].url)) }));
    ctx.render("home.html", &t, "the home page")
}

fn render_item(ctx: &RenderContext<'_>, i: usize) -> Result<String, Diagnostic> {
    let site = ctx.site;
    let c = &site.config;
    let item = &site.items[i];
    let section = &site.sections[item.section];
    let mut crumbs = ctx.crumbs(Some(item.section));
    crumbs.push(json!({ "title": item.title, "url": c.link(&item.url) }));
    let mut page = page_value(
        ctx,
        item.kind().item_type(),
        &item.title,
        &item.url,
        &item.summary_or_lead(),
        crumbs,
    );
    page["jsonld"] = Value::String(jsonld::for_item(item, c));
    page["alternates"] = json!(translations(ctx, item));
    let mut t = ctx.page_context(&item.lang, page);
    let mut view = views::item(item, section, c);
    if item.kind() == Kind::News && item.lang == c.language {
        view["nav"] = news_nav(ctx, i);
    }
    t.insert("item", &view);
    let template = format!("{}.html", item.kind().item_type());
    let template = if ctx.theme.tera.get_template_names().any(|n| n == template) {
        template
    } else {
        "page.html".to_owned()
    };
    ctx.render(&template, &t, &item.file)
}

fn translations(ctx: &RenderContext<'_>, item: &Item) -> Vec<Value> {
    let Some(group) = ctx.translations.get(&item.translation_key) else {
        return Vec::new();
    };
    group
        .iter()
        .map(|j| &ctx.site.items[*j])
        .filter(|o| o.lang != item.lang)
        .map(|o| json!({ "lang": o.lang, "url": ctx.site.config.link(&o.url), "title": o.title }))
        .collect()
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
    let related: Vec<usize> = match &item.data {
        crate::model::KindData::News(n) => n
            .category
            .as_ref()
            .and_then(|cat| ctx.by_category.get(&(item.section, cat.clone())))
            .map(|same| same.iter().filter(|j| **j != i).take(5).copied().collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    [newer, older, related]
}

fn news_nav(ctx: &RenderContext<'_>, i: usize) -> Value {
    let c = &ctx.site.config;
    let [newer, older, related] = news_nav_ids(ctx, i);
    let cards = |ids: &[usize]| {
        ids.iter()
            .map(|j| views::card(&ctx.site.items[*j], c))
            .collect::<Vec<Value>>()
    };
    json!({ "newer": cards(&newer), "older": cards(&older), "related": cards(&related) })
}

fn render_list(
    ctx: &RenderContext<'_>,
    l: &ListPlan,
    page: usize,
    facets: Option<&[plan::Facet]>,
) -> Result<String, Diagnostic> {
    let site = ctx.site;
    let c = &site.config;
    let total = plan::page_count(l.items.len(), l.per_page);
    let start = (page - 1).saturating_mul(l.per_page);
    let cards: Vec<Value> = l
        .items
        .iter()
        .skip(start)
        .take(l.per_page)
        .map(|i| views::card(&site.items[*i], c))
        .collect();
    let mut crumbs = ctx.crumbs(l.section);
    if l.filter.is_some() {
        crumbs.push(json!({ "title": l.filter.as_ref().map(|f| f.1.clone()), "url": c.link(&l.url) }));
    }
    let url = plan::page_url(&l.url, page);
    let title = if page > 1 {
        format!("{} – trang {page}", l.title)
    } else {
        l.title.clone()
    };
    let section = l.section.map(|s| &site.sections[s]);
    let kind = section.map_or("tags", |s| s.kind.name());
    let page_v = page_value(
        ctx,
        "list",
        &title,
        &url,
        l.description.as_deref().unwrap_or(&l.title),
        crumbs,
    );
    let mut t = ctx.page_context(&c.language, page_v);
    let facet_views: Vec<Value> = facets
        .unwrap_or(&[])
        .iter()
        .map(|f| {
            let sec_url = section.map_or(String::new(), |s| s.url.clone());
            json!({
                "segment": f.segment,
                "title": f.title,
                "values": f.values.iter().map(|(slug, label, members)| json!({
                    "label": label,
                    "url": c.link(&format!("{sec_url}{}/{slug}/", f.segment)),
                    "count": members.len(),
                    "active": l.filter.as_ref().is_some_and(|(seg, lab)| seg == f.segment && lab == label),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let pages: Vec<Value> = (1..=total)
        .map(|n| json!({ "number": n, "url": c.link(&plan::page_url(&l.url, n)), "current": n == page }))
        .collect();
    let extra_links = l
        .section
        .map(|i| section_links(ctx, &site.sections[i], i))
        .unwrap_or_default();
    t.insert(
        "list",
        &json!({
            "title": l.title,
            "description": l.description,
            "kind": kind,
            "section": section.map(|s| json!({ "title": s.title, "url": c.link(&s.url), "kind": s.kind.name() })),
            "filter": l.filter.as_ref().map(|(seg, label)| json!({ "segment": seg, "label": label })),
            "items": cards,
            "count": l.items.len(),
            "facets": facet_views,
            "links": extra_links,
            "pagination": {
                "current": page,
                "total": total,
                "prev": (page > 1).then(|| c.link(&plan::page_url(&l.url, page - 1))),
                "next": (page < total).then(|| c.link(&plan::page_url(&l.url, page + 1))),
                "pages": pages,
            },
        }),
    );
    ctx.render("list.html", &t, &format!("the list /{url}"))
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

fn render_tags_index(
    ctx: &RenderContext<'_>,
    tags: &BTreeMap<String, (String, Vec<usize>)>,
) -> Result<String, Diagnostic> {
    let c = &ctx.site.config;
    let mut crumbs = ctx.crumbs(None);
    crumbs.push(json!({ "title": "Thẻ", "url": c.link("tags/") }));
    let page = page_value(ctx, "tags", "Thẻ", "tags/", "Tất cả các thẻ", crumbs);
    let mut t = ctx.page_context(&c.language, page);
    let list: Vec<Value> = tags.iter().map(|(slug, (name, items))| json!({ "name": name, "url": c.link(&format!("tags/{slug}/")), "count": items.len() })).collect();
    t.insert("tags", &list);
    ctx.render("tags.html", &t, "the tag index")
}

fn render_simple(ctx: &RenderContext<'_>, template: &str, title: &str, path: &str) -> Result<String, Diagnostic> {
    let c = &ctx.site.config;
    let mut crumbs = ctx.crumbs(None);
    crumbs.push(json!({ "title": title, "url": c.link(path) }));
    let kind = template.trim_end_matches(".html");
    let page = page_value(ctx, kind, title, path, title, crumbs);
    let t = ctx.page_context(&c.language, page);
    ctx.render(template, &t, &format!("/{path}"))
}
