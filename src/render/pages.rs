//! Pages through Tera templates: the context of each kind of page, built from views shared
//! between pages (an item's card is built once and shown on every page that lists it), and
//! rendered into a reused buffer whose bytes go straight to the output.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use tera::{Map, Value};

use super::plan::{self, ListPlan};
use super::{RenderContext, jsonld, pagination, theme, tv, views};
use crate::diag::Diagnostic;
use crate::fxhash::FxMap;
use crate::model::{Item, Kind, KindData, Section, SortOrder};
use crate::write::Writer;

/// Views shared by many pages, built at most once per render.
pub struct Shared {
    /// Each item's card, built on first use.
    cards: Vec<OnceLock<Value>>,
    /// Each item's card with its HTML (`html`), without and with the kicker, for lists (see
    /// [`RenderContext::list_cards`]); built on first use.
    list_cards: Vec<[OnceLock<Value>; 2]>,
    /// Breadcrumbs of each section (home, then its ancestors, then itself).
    section_crumbs: Vec<Vec<Value>>,
    /// The home page's breadcrumb.
    home_crumb: Value,
    /// Interface strings of the languages other than the default one.
    strings: BTreeMap<String, Value>,
    /// Per section, per facet: each value's view, none active, built on first use. Every list
    /// page of a section shows all of them, so they are shared, not built per list: a section
    /// has a list per facet value, and lists each holding every value's view made the memory
    /// grow with the square of the number of values (agencies grow with the site).
    facets: Vec<OnceLock<Vec<FacetViews>>>,
    /// Each tag's view (`{name, url}`) by name, as item pages show it.
    tags: FxMap<String, Value>,
    /// Per language, the theme's partials rendered once (see [`chrome`]), or why they failed.
    chrome: BTreeMap<String, Result<Value, Diagnostic>>,
}

impl Shared {
    /// The shared views of a site (cards are built later, when first used).
    pub fn new(site: &crate::model::Site, theme: &theme::Theme) -> Self {
        let c = &site.config;
        let home_crumb = tv::link("Trang chủ", c.base_path.clone());
        let section_crumbs = (0..site.sections.len())
            .map(|s| section_crumbs(site, s, &home_crumb))
            .collect();
        let strings: BTreeMap<String, Value> = theme
            .strings
            .iter()
            .filter(|(lang, _)| **lang != c.language)
            .map(|(lang, v)| (lang.clone(), tv::from_json(v)))
            .collect();
        let chrome = c
            .languages
            .iter()
            .map(|lang| (lang.clone(), chrome(theme, lang, strings.get(lang))))
            .collect();
        let mut tags = FxMap::default();
        for t in site.items.iter().flat_map(|it| &it.tags) {
            if !tags.contains_key(t) {
                tags.insert(t.clone(), views::tag(t, c));
            }
        }
        Shared {
            tags,
            cards: (0..site.items.len()).map(|_| OnceLock::new()).collect(),
            list_cards: (0..site.items.len()).map(|_| Default::default()).collect(),
            section_crumbs,
            home_crumb,
            strings,
            facets: (0..site.sections.len()).map(|_| OnceLock::new()).collect(),
            chrome,
        }
    }
}

/// Where the theme keeps its partials: templates that show nothing of a page.
const PARTIALS: &str = "partials/";

/// The theme's partials (`templates/partials/<name>.html`) rendered once for language `lang`,
/// as the map `chrome` that every page gets: `chrome.<name>` (`-` in the name read as `_`), the
/// rendered HTML without its final newline. A partial sees `site`, `lang` and `t`, nothing of
/// the page, so the header and footer pieces every page repeats are rendered once per language
/// instead of once per page.
fn chrome(theme: &theme::Theme, lang: &str, strings: Option<&Value>) -> Result<Value, Diagnostic> {
    let mut context = tera::Context::new();
    context.insert_value("lang", lang.into());
    if let Some(t) = strings {
        context.insert_value("t", t.clone());
    }
    let mut names: Vec<&str> = theme
        .tera
        .get_template_names()
        .filter(|n| n.starts_with(PARTIALS) && n.ends_with(".html"))
        .collect();
    names.sort_unstable();
    let mut map = Map::with_capacity(names.len());
    for name in names {
        let html = theme.tera.render(name, &context).map_err(|e| {
            let mut d = theme::template_error(&format!("templates/{name}"), &e);
            d.message = format!("{} (while rendering it for language `{lang}`)", d.message);
            d
        })?;
        let key = name[PARTIALS.len()..name.len() - ".html".len()].replace('-', "_");
        let html = html.strip_suffix('\n').unwrap_or(&html);
        map.insert(key.into(), Value::safe_string(html));
    }
    Ok(map.into())
}

/// Home, then the ancestors of section `s`, then `s`.
fn section_crumbs(site: &crate::model::Site, s: usize, home: &Value) -> Vec<Value> {
    let mut chain = Vec::new();
    let mut cur = Some(s);
    while let Some(i) = cur {
        chain.push(i);
        cur = site.sections[i].parent;
    }
    let mut out = vec![home.clone()];
    for i in chain.into_iter().rev() {
        let sec = &site.sections[i];
        out.push(tv::link(&sec.title, site.config.link(&sec.url)));
    }
    out
}

/// One facet of a section: each value's view (none active), and the facet's view with them.
type FacetViews = (Vec<Value>, Value);

/// The parts of a list's view that all its pages share, built by the first page rendered.
pub type ListShared = OnceLock<(Map, Vec<Value>)>;

/// A page ready to render: its template, its context, and what it is (for messages).
pub struct Page<'a> {
    template: Cow<'a, str>,
    /// Its language (which partials it shows).
    lang: &'a str,
    context: tera::Context,
    what: Cow<'a, str>,
}

thread_local! {
    /// Each thread's page buffer, reused from page to page.
    static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(64 * 1024));
}

/// Renders `page` and writes it to `path`.
pub fn write(ctx: &RenderContext<'_>, page: &Page<'_>, path: &str, out: &Writer) -> Result<(), Diagnostic> {
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            buf.clear();
            render_to(ctx, page, &mut buf)?;
            out.write(path, &buf);
            Ok(())
        }
        Err(_) => {
            let mut buf = Vec::new();
            render_to(ctx, page, &mut buf)?;
            out.write(path, &buf);
            Ok(())
        }
    })
}

fn render_to(ctx: &RenderContext<'_>, page: &Page<'_>, buf: &mut Vec<u8>) -> Result<(), Diagnostic> {
    if let Some(Err(d)) = ctx.shared.chrome.get(page.lang) {
        let mut d = d.clone();
        d.message = format!("{} (needed by {})", d.message, page.what);
        return Err(d);
    }
    ctx.theme
        .tera
        .render_to(&page.template, &page.context, buf)
        .map_err(|e| {
            let mut d = theme::template_error(&format!("templates/{}", page.template), &e);
            d.message = format!("{} (while rendering {})", d.message, page.what);
            d
        })
}

impl RenderContext<'_> {
    /// The card of item `i` (built once, then shared).
    fn card(&self, i: usize) -> Value {
        self.shared.cards[i]
            .get_or_init(|| views::card_value(&self.site.items[i], &self.site.config))
            .clone()
    }

    /// The cards of items `ids`.
    fn cards(&self, ids: &[usize]) -> Value {
        ids.iter().map(|i| self.card(*i)).collect::<Vec<Value>>().into()
    }

    /// The cards of items `ids` for a list, each with `html`: the card as the theme's `card`
    /// component renders it (with the kicker when `kicker`), rendered once per item and kicker
    /// instead of once per list page showing it (an item is on several lists: its section, its
    /// category or facet values, its tags). When the component cannot render it, the card comes
    /// without `html` and the list template calls the component itself (and reports the error).
    fn list_cards(&self, ids: &[usize], kicker: bool) -> Value {
        ids.iter()
            .map(|i| {
                self.shared.list_cards[*i][usize::from(kicker)]
                    .get_or_init(|| self.card_with_html(*i, kicker))
                    .clone()
            })
            .collect::<Vec<Value>>()
            .into()
    }

    /// Item `i`'s card with its rendered HTML as `html` (or without, see [`Self::list_cards`]).
    fn card_with_html(&self, i: usize, kicker: bool) -> Value {
        let card = self.card(i);
        let mut args = tera::Context::new();
        args.insert_value("c", card.clone());
        args.insert_value("kicker", kicker.into());
        let mut implicits = tera::Context::new();
        implicits.insert_value("lang", self.site.config.language.as_str().into());
        let rendered = self
            .theme
            .tera
            .render_component_with_implicits("card", &args, &implicits, None, true);
        match (rendered, card.clone().into_map()) {
            (Ok(html), Some(mut map)) => {
                map.insert("html".into(), Value::safe_string(&html));
                map.into()
            }
            _ => card,
        }
    }

    /// Breadcrumbs down to `section` (or just home).
    fn crumbs(&self, section: Option<usize>) -> Vec<Value> {
        match section {
            Some(s) => self.shared.section_crumbs[s].clone(),
            None => vec![self.shared.home_crumb.clone()],
        }
    }

    /// The base context of every page.
    fn page_context(&self, lang: &str, page: Map) -> tera::Context {
        let mut ctx = tera::Context::new();
        if lang != self.site.config.language {
            if let Some(t) = self.shared.strings.get(lang) {
                ctx.insert_value("t", t.clone());
            }
        }
        if let Some(Ok(chrome)) = self.shared.chrome.get(lang) {
            ctx.insert_value("chrome", chrome.clone());
        }
        ctx.insert_value("page", Value::from(page));
        ctx.insert_value("lang", lang.into());
        ctx
    }
}

/// The `page` view: kind, title, URLs, description, breadcrumbs and (empty) JSON-LD.
fn page_map(
    ctx: &RenderContext<'_>,
    kind: &str,
    title: &str,
    site_path: &str,
    description: &str,
    crumbs: Vec<Value>,
) -> Map {
    let c = &ctx.site.config;
    tv::map_of([
        ("kind", kind.into()),
        ("title", title.into()),
        ("url", c.link(site_path).into()),
        ("permalink", c.absolute(site_path).into()),
        ("description", crate::text::truncate_words(description, 200).into()),
        ("breadcrumbs", crumbs.into()),
        ("jsonld", Value::none()),
    ])
}

/// The home page: featured and latest news, shortcuts to the transparency sections.
pub fn home<'a>(ctx: &RenderContext<'a>) -> Page<'a> {
    let site = ctx.site;
    let c = &site.config;
    let mut news: Vec<usize> = ctx
        .published
        .iter()
        .copied()
        .filter(|i| site.items[*i].kind() == Kind::News)
        .collect();
    plan::sort_items(&site.items, &mut news, SortOrder::DateDesc);
    let featured: Vec<usize> = news
        .iter()
        .copied()
        .filter(|i| matches!(&site.items[*i].data, KindData::News(n) if n.featured))
        .take(3)
        .collect();
    let latest: Vec<usize> = news.iter().take(8).copied().collect();
    let shortcuts: Vec<serde_json::Value> = site
        .sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.parent.is_none() && s.kind != Kind::News && s.kind != Kind::Pages)
        .map(|(i, s)| views::shortcut(s, ctx.section_items[i].len(), c))
        .collect();
    let desc = c.description.clone().unwrap_or_else(|| c.title.clone());
    let mut page = page_map(ctx, "home", &c.title, "", &desc, Vec::new());
    page.insert("jsonld".into(), jsonld::organization(c).into());
    let mut t = ctx.page_context(&c.language, page);
    let news_url = news.first().map(|i| c.link(&site.sections[site.items[*i].section].url));
    t.insert_value(
        "home",
        tv::map([
            ("featured", ctx.cards(&featured)),
            ("latest", ctx.cards(&latest)),
            ("shortcuts", tv::from_json(&serde_json::Value::Array(shortcuts))),
            ("news_url", news_url.into()),
        ]),
    );
    Page {
        template: "home.html".into(),
        lang: &c.language,
        context: t,
        what: "the home page".into(),
    }
}

/// The page of item `i`, with its kind's template (or `page.html`).
pub fn item<'a>(ctx: &RenderContext<'a>, i: usize) -> Page<'a> {
    let site = ctx.site;
    let c = &site.config;
    let item = &site.items[i];
    let mut crumbs = ctx.crumbs(Some(item.section));
    crumbs.push(tv::link(&item.title, c.link(&item.url)));
    let mut page = page_map(
        ctx,
        item.kind().item_type(),
        &item.title,
        &item.url,
        &item.summary_or_lead(),
        crumbs,
    );
    page.insert("jsonld".into(), jsonld::for_item(item, c).into());
    page.insert("alternates".into(), translations(ctx, item));
    let mut t = ctx.page_context(&item.lang, page);
    t.insert_value("item", item_view(ctx, i, &site.sections[item.section]));
    let template = format!("{}.html", item.kind().item_type());
    let template = if ctx.theme.tera.contains_template(&template) {
        template
    } else {
        "page.html".to_owned()
    };
    Page {
        template: template.into(),
        lang: &item.lang,
        context: t,
        what: Cow::Borrowed(item.file.as_str()),
    }
}

/// The `item` view: the item's fields, its body, and for news the newer/older/related cards.
fn item_view(ctx: &RenderContext<'_>, i: usize, section: &Section) -> Value {
    let c = &ctx.site.config;
    let item = &ctx.site.items[i];
    let tags: Vec<Value> = item
        .tags
        .iter()
        .map(|t| ctx.shared.tags.get(t).cloned().unwrap_or_else(|| views::tag(t, c)))
        .collect();
    let mut view = views::item(item, section, c, tags.into());
    view.insert("body".into(), item.html.as_str().into());
    if item.kind() == Kind::News && item.lang == c.language {
        let [newer, older, related] = super::news_nav_ids(ctx, i);
        let nav = tv::map([
            ("newer", ctx.cards(&newer)),
            ("older", ctx.cards(&older)),
            ("related", ctx.cards(&related)),
        ]);
        view.insert("nav".into(), nav);
    }
    view.into()
}

/// The other languages of an item: `{lang, url, title}` each.
fn translations(ctx: &RenderContext<'_>, item: &Item) -> Value {
    let Some(group) = ctx.translations.get(&item.translation_key) else {
        return Value::from(Vec::<Value>::new());
    };
    group
        .iter()
        .map(|j| &ctx.site.items[*j])
        .filter(|o| o.lang != item.lang)
        .map(|o| {
            tv::map([
                ("lang", o.lang.as_str().into()),
                ("url", ctx.site.config.link(&o.url).into()),
                ("title", o.title.as_str().into()),
            ])
        })
        .collect::<Vec<Value>>()
        .into()
}

/// Page `page` (1-based) of list `l`.
pub fn list<'a>(
    ctx: &RenderContext<'a>,
    l: &'a ListPlan,
    shared: &ListShared,
    page: usize,
    facets: Option<&[plan::Facet]>,
) -> Page<'a> {
    let site = ctx.site;
    let c = &site.config;
    let (common, crumbs) = shared.get_or_init(|| list_shared(ctx, l, facets));
    let total = plan::page_count(l.items.len(), l.per_page);
    let start = (page - 1).saturating_mul(l.per_page);
    let ids: Vec<usize> = l.items.iter().skip(start).take(l.per_page).copied().collect();
    let url = plan::page_url(&l.url, page);
    let title = if page > 1 {
        format!("{} – trang {page}", l.title)
    } else {
        l.title.clone()
    };
    let description = l.description.as_deref().unwrap_or(&l.title);
    let page_v = page_map(ctx, "list", &title, &url, description, crumbs.clone());
    let mut t = ctx.page_context(&c.language, page_v);
    let mut view = common.clone();
    let kicker = matches!(list_kind(ctx, l), "news" | "tags");
    view.insert("items".into(), ctx.list_cards(&ids, kicker));
    let pages = pagination::view(page, total, |n| c.link(&plan::page_url(&l.url, n)));
    view.insert("pagination".into(), pages);
    t.insert_value("list", view.into());
    Page {
        template: "list.html".into(),
        lang: &c.language,
        context: t,
        what: format!("the list /{url}").into(),
    }
}

/// The kind of list `l` (`list.kind`): its section's kind, or `tags`.
fn list_kind(ctx: &RenderContext<'_>, l: &ListPlan) -> &'static str {
    l.section.map_or("tags", |s| ctx.site.sections[s].kind.name())
}

/// What every page of list `l` shows besides its cards and pagination: title, kind, section,
/// filter, count, links, facets; and its breadcrumbs.
fn list_shared(ctx: &RenderContext<'_>, l: &ListPlan, facets: Option<&[plan::Facet]>) -> (Map, Vec<Value>) {
    let site = ctx.site;
    let c = &site.config;
    let mut crumbs = ctx.crumbs(l.section);
    if let Some((_, label)) = &l.filter {
        crumbs.push(tv::link(label, c.link(&l.url)));
    }
    let section = l.section.map(|s| &site.sections[s]);
    let kind = list_kind(ctx, l);
    let section_v = section.map(|s| {
        tv::map([
            ("title", s.title.as_str().into()),
            ("url", c.link(&s.url).into()),
            ("kind", s.kind.name().into()),
        ])
    });
    let filter_v = l
        .filter
        .as_ref()
        .map(|(seg, label)| tv::map([("segment", seg.as_str().into()), ("label", label.as_str().into())]));
    let links = l
        .section
        .map(|i| super::section_links(ctx, &site.sections[i], i))
        .unwrap_or_default();
    let map = tv::map_of([
        ("title", l.title.as_str().into()),
        ("description", l.description.as_deref().into()),
        ("kind", kind.into()),
        ("section", section_v.into()),
        ("filter", filter_v.into()),
        ("count", l.items.len().into()),
        ("links", tv::from_json(&serde_json::Value::Array(links))),
        ("facets", facet_views(ctx, l, facets)),
    ]);
    (map, crumbs)
}

/// The facet navigation of a list: each facet's values with URL, count and whether active (the
/// value `l` is the list of). The views are the section's, shared; only the facet of the active
/// value is built for the list, with that value's view.
fn facet_views(ctx: &RenderContext<'_>, l: &ListPlan, facets: Option<&[plan::Facet]>) -> Value {
    let facets = facets.unwrap_or(&[]);
    let section = l.section.map(|s| &ctx.site.sections[s]);
    let built;
    let base = match l.section.and_then(|s| ctx.shared.facets.get(s)) {
        Some(cell) => cell.get_or_init(|| facet_values(ctx, section, facets)),
        None => {
            built = facet_values(ctx, section, facets);
            &built
        }
    };
    facets
        .iter()
        .zip(base)
        .map(|(f, (views, none_active))| {
            if l.filter.as_ref().is_none_or(|(seg, _)| seg != f.segment) {
                return none_active.clone();
            }
            let values: Vec<Value> = f
                .values
                .iter()
                .zip(views)
                .map(|((slug, label, members), view)| {
                    let active = l
                        .filter
                        .as_ref()
                        .is_some_and(|(seg, lab)| seg == f.segment && lab == label);
                    if active {
                        facet_value(ctx, section, f, slug, label, members.len(), true)
                    } else {
                        view.clone()
                    }
                })
                .collect();
            facet_view(f, values)
        })
        .collect::<Vec<Value>>()
        .into()
}

/// Each facet's value views and its view, none active.
fn facet_values(ctx: &RenderContext<'_>, section: Option<&Section>, facets: &[plan::Facet]) -> Vec<FacetViews> {
    facets
        .iter()
        .map(|f| {
            let views: Vec<Value> = f
                .values
                .iter()
                .map(|(slug, label, members)| facet_value(ctx, section, f, slug, label, members.len(), false))
                .collect();
            let facet = facet_view(f, views.clone());
            (views, facet)
        })
        .collect()
}

/// A facet's view: `{segment, title, values}`.
fn facet_view(f: &plan::Facet, values: Vec<Value>) -> Value {
    tv::map([
        ("segment", f.segment.into()),
        ("title", f.title.into()),
        ("values", values.into()),
    ])
}

/// One facet value's view: label, URL, count, whether active.
fn facet_value(
    ctx: &RenderContext<'_>,
    section: Option<&Section>,
    f: &plan::Facet,
    slug: &str,
    label: &str,
    count: usize,
    active: bool,
) -> Value {
    let sec_url = section.map_or("", |s| s.url.as_str());
    tv::map([
        ("label", label.into()),
        (
            "url",
            ctx.site.config.link(&format!("{sec_url}{}/{slug}/", f.segment)).into(),
        ),
        ("count", count.into()),
        ("active", active.into()),
    ])
}

/// The index of all tags, with counts.
pub fn tags_index<'a>(ctx: &RenderContext<'a>, tags: &BTreeMap<String, (String, Vec<usize>)>) -> Page<'a> {
    let c = &ctx.site.config;
    let mut crumbs = ctx.crumbs(None);
    crumbs.push(tv::link("Thẻ", c.link("tags/")));
    let page = page_map(ctx, "tags", "Thẻ", "tags/", "Tất cả các thẻ", crumbs);
    let mut t = ctx.page_context(&c.language, page);
    let list: Vec<Value> = tags
        .iter()
        .map(|(slug, (name, items))| {
            tv::map([
                ("name", name.as_str().into()),
                ("url", c.link(&format!("tags/{slug}/")).into()),
                ("count", items.len().into()),
            ])
        })
        .collect();
    t.insert_value("tags", list.into());
    Page {
        template: "tags.html".into(),
        lang: &c.language,
        context: t,
        what: "the tag index".into(),
    }
}

/// A page with no data of its own (the 404 page, the search page), at site path `path`.
pub fn simple<'a>(ctx: &RenderContext<'a>, template: &'static str, title: &str, path: &str) -> Page<'a> {
    let c = &ctx.site.config;
    let mut crumbs = ctx.crumbs(None);
    crumbs.push(tv::link(title, c.link(path)));
    let kind = template.trim_end_matches(".html");
    let page = page_map(ctx, kind, title, path, title, crumbs);
    Page {
        template: template.into(),
        lang: &c.language,
        context: ctx.page_context(&c.language, page),
        what: format!("/{path}").into(),
    }
}

/// The search page; `manifest` is the URL of the search index's manifest, when there is one.
pub fn search<'a>(ctx: &RenderContext<'a>, manifest: Option<&str>) -> Page<'a> {
    let mut page = simple(ctx, "search.html", "Tìm kiếm", "search/");
    page.context.insert_value("search_manifest", manifest.into());
    page
}
