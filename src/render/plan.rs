//! Which list pages a site has: section lists, browse pages by facet, tag pages — computed
//! once from the model, before any rendering.

use std::collections::BTreeMap;

use crate::fxhash::FxMap;

use crate::model::kinds::KindData;
use crate::model::{Item, Kind, Section, SortOrder};
use crate::text;

/// A way to browse a section: by field, by year…
#[derive(Debug, Clone)]
pub struct Facet {
    /// URL segment (`linh-vuc`).
    pub segment: &'static str,
    /// Heading (`Lĩnh vực`).
    pub title: &'static str,
    /// Values in display order: (slug, label, item indexes in list order).
    pub values: Vec<(String, String, Vec<usize>)>,
}

/// One list to render (paginated into pages).
#[derive(Debug, Clone)]
pub struct ListPlan {
    /// Site path of the first page (`tin-tuc/`, `thu-tuc-hanh-chinh/linh-vuc/ho-tich/`).
    pub url: String,
    /// Page heading.
    pub title: String,
    /// Optional lead text.
    pub description: Option<String>,
    /// Section it belongs to.
    pub section: Option<usize>,
    /// Facet segment and value label when this is a browse page.
    pub filter: Option<(String, String)>,
    /// Items, in order.
    pub items: Vec<usize>,
    /// Items per page.
    pub per_page: usize,
}

/// Vietnamese label of a facet value that is an enum.
fn enum_label(v: &str) -> String {
    super::views::label(v).to_owned()
}

/// Facet values of one item for a kind's browse facets: (segment, [(slug, label)]).
pub fn item_facets(item: &Item) -> Vec<(&'static str, Vec<(String, String)>)> {
    item_facets_with(item, &mut |v| text::slugify(v))
}

/// [`item_facets`] with the slugs of free-text values (field, agency…) made by `slug`.
fn item_facets_with<'i>(
    item: &'i Item,
    slug: &mut dyn FnMut(&'i str) -> String,
) -> Vec<(&'static str, Vec<(String, String)>)> {
    let mut one = |s: &'i Option<String>| s.iter().map(|v| (slug(v), v.clone())).collect::<Vec<_>>();
    let year = |item: &Item| {
        item.sort_date()
            .map(|d| vec![(d.year().to_string(), format!("Năm {}", d.year()))])
            .unwrap_or_default()
    };
    match &item.data {
        KindData::News(n) => vec![("chuyen-muc", one(&n.category))],
        KindData::Procedure(p) => vec![
            ("linh-vuc", one(&p.field)),
            ("cap", p.level.iter().map(|l| (l.to_string(), enum_label(l))).collect()),
            ("co-quan", one(&p.agency)),
            (
                "muc-do",
                p.online.iter().map(|o| (o.to_string(), enum_label(o))).collect(),
            ),
            (
                "doi-tuong",
                p.audience.iter().map(|a| (a.to_string(), enum_label(a))).collect(),
            ),
        ],
        KindData::Document(d) => vec![
            ("loai", one(&d.doc_type)),
            ("co-quan", one(&d.issuer)),
            ("linh-vuc", one(&d.field)),
            ("nam", year(item)),
        ],
        KindData::Budget(b) => vec![
            (
                "nam",
                b.fiscal_year
                    .map(|y| vec![(y.to_string(), format!("Năm {y}"))])
                    .unwrap_or_default(),
            ),
            (
                "giai-doan",
                b.stage.iter().map(|s| (s.to_string(), enum_label(s))).collect(),
            ),
        ],
        KindData::Inspection(i) => vec![
            ("nam", year(item)),
            (
                "tinh-trang",
                i.status.iter().map(|s| (s.to_string(), enum_label(s))).collect(),
            ),
        ],
        KindData::Complaint(c) => vec![
            (
                "loai",
                c.complaint_type
                    .iter()
                    .map(|s| (s.to_string(), enum_label(s)))
                    .collect(),
            ),
            (
                "ket-qua",
                c.result.iter().map(|s| (s.to_string(), enum_label(s))).collect(),
            ),
            ("nam", year(item)),
        ],
        KindData::Procurement(p) => {
            let group = match p.status {
                Some("completed") => vec![("hoan-tat".to_owned(), "Các dự án hoàn tất".to_owned())],
                Some(_) => vec![("dang-trien-khai".to_owned(), "Các dự án đang triển khai".to_owned())],
                None => Vec::new(),
            };
            vec![("tien-do", group)]
        }
        KindData::Statistics(_) | KindData::Page => Vec::new(),
    }
}

/// Heading of a facet segment.
pub fn facet_title(segment: &str) -> &'static str {
    match segment {
        "chuyen-muc" => "Chuyên mục",
        "linh-vuc" => "Lĩnh vực",
        "cap" => "Cấp thực hiện",
        "co-quan" => "Cơ quan",
        "muc-do" => "Mức độ trực tuyến",
        "doi-tuong" => "Đối tượng thực hiện",
        "loai" => "Loại",
        "nam" => "Năm",
        "giai-doan" => "Giai đoạn",
        "tinh-trang" => "Tình trạng",
        "ket-qua" => "Kết quả",
        "tien-do" => "Tiến độ",
        _ => "",
    }
}

/// Sorts item indexes by a section's order.
pub fn sort_items(items: &[Item], idx: &mut [usize], order: SortOrder) {
    match order {
        SortOrder::DateDesc => idx.sort_by(|a, b| {
            items[*b]
                .sort_date()
                .cmp(&items[*a].sort_date())
                .then_with(|| items[*a].url.cmp(&items[*b].url))
        }),
        SortOrder::DateAsc => idx.sort_by(|a, b| {
            items[*a]
                .sort_date()
                .cmp(&items[*b].sort_date())
                .then_with(|| items[*a].url.cmp(&items[*b].url))
        }),
        SortOrder::Title => idx.sort_by_cached_key(|i| (text::sort_key(&items[*i].title), items[*i].url.clone())),
        SortOrder::Code => idx.sort_by_cached_key(|i| (code_key(&items[*i]), items[*i].url.clone())),
        SortOrder::Weight => {
            idx.sort_by_cached_key(|i| (items[*i].weight.unwrap_or(i64::MAX), text::sort_key(&items[*i].title)))
        }
    }
}

fn code_key(item: &Item) -> Vec<u64> {
    let code = match &item.data {
        KindData::Procedure(p) => p.code.as_str(),
        KindData::Document(d) => d.number.as_str(),
        _ => item.title.as_str(),
    };
    code.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap_or(u64::MAX))
        .collect()
}

/// Whether an item appears in its section's default lists (repealed procedures do not).
pub fn in_default_lists(item: &Item) -> bool {
    !matches!(&item.data, KindData::Procedure(p) if p.repealed.is_some())
}

/// The lists of a section: its own list plus one per facet value, and the section's facets.
pub fn section_lists(
    section_idx: usize,
    section: &Section,
    items: &[Item],
    members: &[usize],
) -> (Vec<ListPlan>, Vec<Facet>) {
    let mut ordered: Vec<usize> = members.to_vec();
    sort_items(items, &mut ordered, section.sort);
    let listed: Vec<usize> = ordered
        .iter()
        .copied()
        .filter(|i| in_default_lists(&items[*i]))
        .collect();
    let mut lists = vec![ListPlan {
        url: section.url.clone(),
        title: section.title.clone(),
        description: section.description.clone(),
        section: Some(section_idx),
        filter: None,
        items: listed.clone(),
        per_page: section.per_page,
    }];
    // Facets: segment → slug → (label, items).
    let mut facets: BTreeMap<&'static str, BTreeMap<String, (String, Vec<usize>)>> = BTreeMap::new();
    let mut segment_order: Vec<&'static str> = Vec::new();
    let mut slugs = SlugMemo::default();
    for &i in &listed {
        for (segment, values) in item_facets_with(&items[i], &mut |v| slugs.slug(v)) {
            if !segment_order.contains(&segment) {
                segment_order.push(segment);
            }
            for (slug, label) in values {
                if slug.is_empty() {
                    continue;
                }
                facets
                    .entry(segment)
                    .or_default()
                    .entry(slug)
                    .or_insert_with(|| (label, Vec::new()))
                    .1
                    .push(i);
            }
        }
    }
    let mut out_facets = Vec::new();
    for segment in segment_order {
        let Some(values) = facets.remove(segment) else { continue };
        let mut values: Vec<(String, String, Vec<usize>)> = values.into_iter().map(|(s, (l, v))| (s, l, v)).collect();
        if segment == "nam" {
            values.sort_by(|a, b| b.0.cmp(&a.0));
        } else {
            values.sort_by_cached_key(|v| text::sort_key(&v.1));
        }
        for (slug, label, members) in &values {
            lists.push(ListPlan {
                url: format!("{}{segment}/{slug}/", section.url),
                title: format!("{}: {label}", section.title),
                description: None,
                section: Some(section_idx),
                filter: Some((segment.to_owned(), label.clone())),
                items: members.clone(),
                per_page: section.per_page,
            });
        }
        out_facets.push(Facet {
            segment,
            title: facet_title(segment),
            values,
        });
    }
    if section.kind == Kind::Procedures {
        let mut az = listed.clone();
        sort_items(items, &mut az, SortOrder::Title);
        lists.push(ListPlan {
            url: format!("{}a-z/", section.url),
            title: format!("{}: danh sách A–Z", section.title),
            description: None,
            section: Some(section_idx),
            filter: Some(("a-z".into(), "A–Z".into())),
            items: az,
            per_page: usize::MAX,
        });
        let repealed: Vec<usize> = ordered
            .iter()
            .copied()
            .filter(|i| !in_default_lists(&items[*i]))
            .collect();
        if !repealed.is_empty() {
            lists.push(ListPlan {
                url: format!("{}da-bai-bo/", section.url),
                title: format!("{}: thủ tục đã bãi bỏ", section.title),
                description: Some("Các thủ tục dưới đây đã bị bãi bỏ, chỉ còn để tra cứu.".into()),
                section: Some(section_idx),
                filter: Some(("da-bai-bo".into(), "Đã bãi bỏ".into())),
                items: repealed,
                per_page: section.per_page,
            });
        }
    }
    (lists, out_facets)
}

/// Tag pages: slug → (display name, items newest first). A tag written several ways with the
/// same slug ("Hộ tịch", "hộ tịch") is one page, named as the first item (in `published`
/// order) writes it.
pub fn tags(items: &[Item], published: &[usize]) -> BTreeMap<String, (String, Vec<usize>)> {
    // Going through the items newest first builds every tag's list in its final order.
    let mut newest_first = published.to_vec();
    sort_items(items, &mut newest_first, SortOrder::DateDesc);
    // Each spelling → its slot (None: no slug); slug → slot; slot: (slug, name, items, index of
    // the item the name comes from).
    let mut slot_of: FxMap<&str, Option<usize>> = FxMap::default();
    let mut by_slug: FxMap<String, usize> = FxMap::default();
    let mut slots: Vec<(String, String, Vec<usize>, usize)> = Vec::new();
    for &i in &newest_first {
        for t in &items[i].tags {
            let slot = *slot_of.entry(t).or_insert_with(|| {
                let slug = text::slugify(t);
                (!slug.is_empty()).then(|| {
                    *by_slug.entry(slug.clone()).or_insert_with(|| {
                        slots.push((slug, t.clone(), Vec::new(), i));
                        slots.len() - 1
                    })
                })
            });
            let Some(tag) = slot.and_then(|k| slots.get_mut(k)) else {
                continue;
            };
            if tag.2.last() != Some(&i) {
                tag.2.push(i);
            }
            if i < tag.3 {
                t.clone_into(&mut tag.1);
                tag.3 = i;
            }
        }
    }
    slots
        .into_iter()
        .map(|(slug, name, list, _)| (slug, (name, list)))
        .collect()
}

/// Slugs of the values seen so far: a site repeats a few hundred tags, fields and agencies
/// over thousands of items, and folding each again was most of the planning time.
#[derive(Default)]
struct SlugMemo<'i>(FxMap<&'i str, String>);

impl<'i> SlugMemo<'i> {
    /// [`text::slugify`] of `value`, computed once per distinct value.
    fn slug(&mut self, value: &'i str) -> String {
        self.0.entry(value).or_insert_with(|| text::slugify(value)).clone()
    }
}

/// Number of pages for `n` items.
pub fn page_count(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page.max(1)).max(1)
}

/// Site path of page `page` (1-based) of a list.
pub fn page_url(list_url: &str, page: usize) -> String {
    if page <= 1 {
        list_url.to_owned()
    } else {
        format!("{list_url}trang/{page}/")
    }
}

/// Everything of an item that a render's plan reads — its place in lists and their order, its
/// facets, tags, news category, translations, URL — except the title when `title_orders` is
/// false (the title orders only sections sorted by title, weight or code, and procedures' A–Z
/// lists). Pages show more of the item (its title, summary, text), but only the pages the plan
/// says show it: an edit that keeps this key re-renders those pages and nothing else.
pub fn plan_key(item: &Item, title_orders: bool) -> String {
    use std::fmt::Write as _;
    let mut key = String::new();
    let code = match &item.data {
        KindData::Procedure(p) => p.code.as_str(),
        KindData::Document(d) => d.number.as_str(),
        _ => "",
    };
    let category = match &item.data {
        KindData::News(n) => n.category.as_deref(),
        _ => None,
    };
    let _infallible = write!(
        key,
        "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{}\u{1f}{}",
        item.lang,
        item.section,
        item.url,
        item.translation_key,
        item.kind(),
        item.sort_date(),
        item.weight,
        item.tags,
        item_facets(item),
        category,
        code,
        in_default_lists(item),
    );
    if title_orders {
        key.push('\u{1f}');
        key.push_str(&item.title);
    }
    key
}

/// Whether the titles of a section's items order one of its lists.
pub fn title_orders(section: &Section) -> bool {
    section.kind == Kind::Procedures || matches!(section.sort, SortOrder::Title | SortOrder::Weight | SortOrder::Code)
}
