//! What templates see: views of the model (Tera values, some JSON), with every date, number
//! and label already formatted the Vietnamese way. Templates never format data themselves.

use serde_json::{Value, json};
use tera::{Map as TMap, Value as TValue};

use super::tv;

use crate::config::SiteConfig;
use crate::dates::DateTime;
use crate::model::kinds::{self, KindData};
use crate::model::{Asset, Item, Kind, MdField, Section};
use crate::numbers;

/// Vietnamese label of an enum value used in content.
pub fn label(value: &str) -> &'static str {
    match value {
        // news types
        "news" => "Tin tức",
        "interview" => "Phỏng vấn",
        "announcement" => "Thông báo",
        "event" => "Sự kiện",
        // procedure levels, audiences, channels, online levels
        "province" => "Cấp tỉnh",
        "district" => "Cấp huyện",
        "commune" => "Cấp xã",
        "citizen" => "Công dân",
        "business" => "Doanh nghiệp",
        "organization" => "Tổ chức",
        "in_person" => "Trực tiếp",
        "online" => "Trực tuyến",
        "postal" => "Qua bưu chính",
        "full" => "Toàn trình",
        "partial" => "Một phần",
        "none" => "Không trực tuyến",
        // budget stages
        "estimate" => "Dự toán",
        "execution" => "Tình hình thực hiện",
        "settlement" => "Quyết toán",
        // inspections
        "open" => "Đang thực hiện kiến nghị",
        "implemented" => "Đã thực hiện xong",
        // complaints
        "complaint" => "Khiếu nại",
        "denunciation" => "Tố cáo",
        "petition" => "Kiến nghị, phản ánh",
        "upheld" => "Đúng",
        "partly_upheld" => "Đúng một phần",
        "rejected" => "Sai",
        "withdrawn" => "Rút đơn",
        // procurement
        "planned" => "Kế hoạch",
        "bidding" => "Đang mời thầu",
        "awarded" => "Đã có kết quả lựa chọn nhà thầu",
        "in_progress" => "Đang triển khai",
        "completed" => "Hoàn tất",
        _ => "",
    }
}

fn labels(values: &[&'static str]) -> Vec<&'static str> {
    values.iter().map(|v| label(v)).collect()
}

/// A compact view of an item for lists and cards, as a Tera value.
pub fn card_value(item: &Item, config: &SiteConfig) -> TValue {
    let (badge, meta) = card_meta(item);
    let image = match &item.data {
        KindData::News(n) => n
            .image_asset
            .as_ref()
            .map(|a| tv::map([("url", a.url.as_str().into()), ("alt", tv::opt(&n.image_alt))])),
        _ => None,
    };
    let meta: Vec<TValue> = meta
        .into_iter()
        .map(|(label, value)| tv::map([("label", label.into()), ("value", value.into())]))
        .collect();
    tv::map([
        ("title", item.title.as_str().into()),
        ("url", config.link(&item.url).into()),
        ("kind", item.kind().item_type().into()),
        ("type_label", type_label(item).into()),
        ("date", date_tv(&item.sort_date(), config)),
        ("summary", item.summary_or_lead().into()),
        ("meta", meta.into()),
        ("badge", badge.into()),
        ("image", image.into()),
    ])
}

/// The label shown above a card's title: the news type, else the kind.
pub fn type_label(item: &Item) -> &'static str {
    match &item.data {
        KindData::News(n) => label(n.news_type),
        other => other.kind().label_vi(),
    }
}

/// A card's badge and its `(label, value)` facts (those with a value).
pub(super) fn card_meta(item: &Item) -> (Option<&'static str>, Vec<(&'static str, String)>) {
    let mut meta = Vec::new();
    let mut badge = None;
    let mut fact = |label: &'static str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            meta.push((label, v));
        }
    };
    match &item.data {
        KindData::News(n) => {
            fact("Chuyên mục", n.category.clone());
        }
        KindData::Procedure(p) => {
            fact("Mã thủ tục", Some(p.code.clone()));
            fact("Lĩnh vực", p.field.clone());
            fact("Thời hạn", p.processing_time.clone());
            fact("Trực tuyến", p.online.map(|o| label(o).to_owned()));
            if p.repealed.is_some() {
                badge = Some("Đã bãi bỏ");
            }
        }
        KindData::Document(d) => {
            fact("Số ký hiệu", Some(d.number.clone()));
            fact("Loại văn bản", d.doc_type.clone());
            fact("Cơ quan ban hành", d.issuer.clone());
            if d.expires.is_some() {
                badge = Some("Hết hiệu lực");
            }
        }
        KindData::Budget(b) => {
            fact("Năm ngân sách", b.fiscal_year.map(|y| y.to_string()));
            fact("Giai đoạn", b.stage.map(|s| label(s).to_owned()));
        }
        KindData::Inspection(i) => {
            fact("Số kết luận", Some(i.number.clone()));
            fact("Đối tượng", i.subject.clone());
        }
        KindData::Complaint(c) => {
            fact("Số quyết định", Some(c.number.clone()));
            fact("Loại", c.complaint_type.map(|t| label(t).to_owned()));
            fact("Kết quả", c.result.map(|r| label(r).to_owned()));
        }
        KindData::Procurement(p) => {
            fact("Giá trị", p.value.map(numbers::format_vnd));
            fact("Tình trạng", p.status.map(|s| label(s).to_owned()));
        }
        KindData::Statistics(s) => {
            fact("Đơn vị", s.unit.clone());
        }
        KindData::Page => {}
    }
    (badge, meta)
}

/// An item's files (attachments, forms) as `{title, url, ext, size, size_text}` views.
fn assets(list: &[Asset]) -> TValue {
    list.iter().map(asset).collect::<Vec<TValue>>().into()
}

fn asset(a: &Asset) -> TValue {
    tv::map([
        ("title", a.title.as_str().into()),
        ("url", a.url.as_str().into()),
        ("ext", a.ext.as_str().into()),
        ("size", a.size.into()),
        ("size_text", a.size_text.as_str().into()),
    ])
}

/// A date for templates: ISO for `<time datetime>`, short and long Vietnamese forms, year.
fn date_tv(d: &Option<DateTime>, config: &SiteConfig) -> TValue {
    match d {
        Some(d) => tv::map([
            ("iso", d.rfc3339(&config.timezone).into()),
            ("short", d.short_vi().into()),
            ("long", d.long_vi().into()),
            ("year", tv::int(i64::from(d.year()))),
        ]),
        None => TValue::none(),
    }
}

fn money_tv(v: Option<i64>) -> TValue {
    v.map(numbers::format_vnd).into()
}

/// A tag as an item shows it: `{name, url}` (the URL of the tag's list).
pub fn tag(name: &str, config: &SiteConfig) -> TValue {
    let url = config.link(&format!("tags/{}/", crate::text::slugify(name)));
    tv::map([("name", name.into()), ("url", url.into())])
}

/// The full view of an item for its own page, except its body (`body`, the item's HTML, which
/// the page adds without copying it) and its tags (`tags`, each a [`tag`] view, given by the
/// caller, who keeps one view per tag). Built as Tera values directly: an item page is rendered
/// once, so nothing is gained by a JSON view in between.
pub fn item(item: &Item, section: &Section, config: &SiteConfig, tags: TValue) -> TMap {
    let headings: Vec<TValue> = item
        .headings
        .iter()
        .map(|(id, t)| tv::map([("id", id.as_str().into()), ("text", t.as_str().into())]))
        .collect();
    let section_v = tv::map([
        ("title", section.title.as_str().into()),
        ("url", config.link(&section.url).into()),
    ]);
    let mut m = tv::map_of([
        ("title", item.title.as_str().into()),
        ("url", config.link(&item.url).into()),
        ("permalink", config.absolute(&item.url).into()),
        ("kind", item.kind().item_type().into()),
        ("type_label", type_label(item).into()),
        ("section", section_v),
        ("date", date_tv(&item.date, config)),
        ("updated", date_tv(&item.updated, config)),
        ("summary", item.summary_or_lead().into()),
        ("has_summary", item.summary.is_some().into()),
        ("tags", tags),
        ("attachments", assets(&item.attachments)),
        ("headings", headings.into()),
        ("lang", item.lang.as_str().into()),
    ]);
    if let Some((key, value)) = kind_view(item, config) {
        m.insert(key.into(), value);
    }
    m
}

/// The view of an item's kind, under its key (`news`, `procedure`, …); none for plain pages.
fn kind_view(item: &Item, config: &SiteConfig) -> Option<(&'static str, TValue)> {
    let view = match &item.data {
        KindData::News(n) => ("news", news(n, item, config)),
        KindData::Procedure(p) => ("procedure", procedure(p, &section_url(item, config), config)),
        KindData::Document(d) => ("document", document(d, item)),
        KindData::Budget(b) => ("budget", super::tables_view::budget(b, item, config)),
        KindData::Statistics(s) => ("statistics", super::tables_view::statistics(s, item, config)),
        KindData::Inspection(i) => ("inspection", inspection(i, item)),
        KindData::Complaint(c) => ("complaint", complaint(c, item)),
        KindData::Procurement(p) => ("procurement", procurement(p, item, config)),
        KindData::Page => return None,
    };
    Some(view)
}

fn news(n: &kinds::News, item: &Item, config: &SiteConfig) -> TValue {
    let category = n.category.as_ref().map(|c| {
        let url = format!("{}chuyen-muc/{}/", section_url(item, config), crate::text::slugify(c));
        tv::map([("name", c.as_str().into()), ("url", config.link(&url).into())])
    });
    let image = n.image_asset.as_ref().map(|a| {
        tv::map([
            ("url", a.url.as_str().into()),
            ("alt", tv::opt(&n.image_alt)),
            ("caption", tv::opt(&n.image_caption)),
        ])
    });
    tv::map([
        ("type", n.news_type.into()),
        ("type_label", label(n.news_type).into()),
        ("is_interview", (n.news_type == "interview").into()),
        ("category", category.into()),
        ("author", tv::opt(&n.author)),
        ("source", tv::opt(&n.source)),
        ("source_url", tv::opt(&n.source_url)),
        ("image", image.into()),
    ])
}

fn document(d: &kinds::Document, item: &Item) -> TValue {
    tv::map([
        ("number", d.number.as_str().into()),
        (
            "facts",
            tv::facts([
                tv::fact("Số ký hiệu", Some(d.number.clone())),
                tv::fact("Loại văn bản", d.doc_type.clone()),
                tv::fact("Cơ quan ban hành", d.issuer.clone()),
                tv::fact("Người ký", d.signer.clone()),
                tv::fact("Ngày ban hành", item.date.map(|x| x.short_vi())),
                tv::fact("Ngày hiệu lực", d.effective.map(|x| x.short_vi())),
                tv::fact("Ngày hết hiệu lực", d.expires.map(|x| x.short_vi())),
                tv::fact("Lĩnh vực", d.field.clone()),
            ]),
        ),
        ("expired", d.expires.is_some().into()),
    ])
}

fn inspection(i: &kinds::Inspection, item: &Item) -> TValue {
    tv::map([
        (
            "facts",
            tv::facts([
                tv::fact("Số kết luận", Some(i.number.clone())),
                tv::fact("Ngày ký", item.date.map(|x| x.short_vi())),
                tv::fact("Cơ quan ban hành", i.issuer.clone()),
                tv::fact("Đối tượng thanh tra", i.subject.clone()),
                tv::fact("Nội dung thanh tra", i.scope.clone()),
                tv::fact("Thời kỳ thanh tra", i.period.clone()),
                tv::fact("Lĩnh vực", i.field.clone()),
                tv::fact("Số tiền sai phạm", i.violation_amount.map(numbers::format_vnd)),
                tv::fact("Kiến nghị thu hồi", i.recovered_amount.map(numbers::format_vnd)),
                tv::fact("Tình trạng", i.status.map(|s| label(s).to_owned())),
            ]),
        ),
        ("recommendations", tv::strs(&i.recommendations)),
        ("violation", money_tv(i.violation_amount)),
        ("recovered", money_tv(i.recovered_amount)),
    ])
}

fn complaint(c: &kinds::Complaint, item: &Item) -> TValue {
    tv::map([(
        "facts",
        tv::facts([
            tv::fact("Số quyết định", Some(c.number.clone())),
            tv::fact("Ngày ban hành", item.date.map(|x| x.short_vi())),
            tv::fact("Loại đơn", c.complaint_type.map(|t| label(t).to_owned())),
            tv::fact("Cơ quan giải quyết", c.issuer.clone()),
            tv::fact("Nội dung", c.subject.clone()),
            tv::fact("Kết quả giải quyết", c.result.map(|r| label(r).to_owned())),
        ]),
    )])
}

fn procurement(p: &kinds::Procurement, item: &Item, config: &SiteConfig) -> TValue {
    tv::map([
        (
            "facts",
            tv::facts([
                tv::fact("Dự án", p.project.clone()),
                tv::fact("Gói thầu", p.package.clone()),
                tv::fact("Chủ đầu tư", p.investor.clone()),
                tv::fact("Hình thức lựa chọn nhà thầu", p.method.clone()),
                tv::fact("Giá trị", p.value.map(numbers::format_vnd)),
                tv::fact("Nguồn vốn", p.funding.clone()),
                tv::fact("Tình trạng", p.status.map(|s| label(s).to_owned())),
                tv::fact("Nhà thầu trúng thầu", p.winner.clone()),
                tv::fact("Ngày phê duyệt kết quả", p.award_date.map(|x| x.short_vi())),
                tv::fact("Khởi công", p.start.map(|x| x.short_vi())),
                tv::fact("Hoàn thành", p.end.map(|x| x.short_vi())),
                tv::fact("Địa điểm", p.location.clone()),
            ]),
        ),
        ("ocds_url", config.link(&format!("{}ocds.json", item.url)).into()),
    ])
}

fn section_url(item: &Item, _config: &SiteConfig) -> String {
    // The section path is the item URL without its slug.
    let trimmed = item.url.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_owned(),
        None => String::new(),
    }
}

fn procedure(p: &kinds::Procedure, section_url: &str, config: &SiteConfig) -> TValue {
    let glance = tv::facts([
        tv::fact("Thời hạn giải quyết", p.processing_time.clone()),
        tv::fact(
            "Phí, lệ phí",
            p.fees.clone().or_else(|| p.fee_amount.map(numbers::format_vnd)),
        ),
        tv::fact("Nơi nộp hồ sơ", p.agency.clone()),
        tv::fact("Nộp trực tuyến", p.online.map(|o| label(o).to_owned())),
        tv::fact("Kết quả", p.result.clone()),
    ]);
    let field_url = p
        .field
        .as_ref()
        .map(|f| config.link(&format!("{section_url}linh-vuc/{}/", crate::text::slugify(f))));
    let html = |m: &Option<MdField>| -> TValue { m.as_ref().map(|m| m.html.as_str()).into() };
    let mut m = tv::map_of([
        ("code", p.code.as_str().into()),
        ("glance", glance),
        ("online", p.online.into()),
        ("online_label", p.online.map(label).into()),
        ("online_url", tv::opt(&p.online_url)),
        ("field", tv::opt(&p.field)),
        ("field_url", field_url.into()),
        ("levels", tv::strs(&labels(&p.level))),
        ("agency", tv::opt(&p.agency)),
        ("audience", tv::strs(&labels(&p.audience))),
        ("channels", tv::strs(&labels(&p.channels))),
        ("steps", html(&p.steps)),
        ("documents", html(&p.documents)),
        ("conditions", html(&p.conditions)),
        ("legal_basis", tv::strs(&p.legal_basis)),
        ("forms", assets(&p.forms)),
    ]);
    m.insert("iso_file".into(), p.iso_asset.as_ref().map(asset).into());
    m.insert("iso_text".into(), html(&p.iso_text));
    m.insert("effective".into(), p.effective.map(|d| d.short_vi()).into());
    m.insert("repealed".into(), p.repealed.map(|d| d.short_vi()).into());
    m.insert("is_repealed".into(), p.repealed.is_some().into());
    TValue::from(m)
}

/// Home page shortcuts: one per top-level transparency section.
pub fn shortcut(section: &Section, count: usize, config: &SiteConfig) -> Value {
    json!({
        "title": section.title,
        "url": config.link(&section.url),
        "description": section.description,
        "kind": section.kind.name(),
        "count": count,
    })
}

/// Kind of a section for templates.
pub fn kind_name(kind: Kind) -> &'static str {
    kind.name()
}
