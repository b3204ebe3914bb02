//! What templates see: plain JSON views of the model, with every date, number and label
//! already formatted the Vietnamese way. Templates never format data themselves.

use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::dates::DateTime;
use crate::model::kinds::{self, KindData};
use crate::model::{Asset, Item, Kind, Section};
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

/// A date for templates: ISO for `<time datetime>`, short and long Vietnamese forms.
pub fn date_view(d: &Option<DateTime>, config: &SiteConfig) -> Value {
    match d {
        Some(d) => {
            json!({ "iso": d.rfc3339(&config.timezone), "short": d.short_vi(), "long": d.long_vi(), "year": d.year() })
        }
        None => Value::Null,
    }
}

fn money(v: Option<i64>) -> Value {
    v.map_or(Value::Null, |v| Value::String(numbers::format_vnd(v)))
}

fn opt(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::String(s.clone()))
}

fn labels(values: &[&'static str]) -> Vec<&'static str> {
    values.iter().map(|v| label(v)).collect()
}

/// A `{label, value}` row for fact tables ("Số ký hiệu: 15/QĐ-UBND").
fn fact(label: &str, value: Option<String>) -> Option<Value> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| json!({ "label": label, "value": v }))
}

/// A compact view of an item for lists, cards and feeds.
pub fn card(item: &Item, config: &SiteConfig) -> Value {
    let (badge, meta) = card_meta(item);
    let image = match &item.data {
        KindData::News(n) => n
            .image_asset
            .as_ref()
            .map(|a| json!({ "url": a.url, "alt": n.image_alt })),
        _ => None,
    };
    json!({
        "title": item.title,
        "url": config.link(&item.url),
        "kind": item.kind().item_type(),
        "type_label": type_label(item),
        "date": date_view(&item.sort_date(), config),
        "summary": item.summary_or_lead(),
        "meta": meta,
        "badge": badge,
        "image": image,
    })
}

/// The label shown above a card's title: the news type, else the kind.
pub fn type_label(item: &Item) -> &'static str {
    match &item.data {
        KindData::News(n) => label(n.news_type),
        other => other.kind().label_vi(),
    }
}

fn card_meta(item: &Item) -> (Value, Vec<Value>) {
    let mut meta = Vec::new();
    let mut badge = Value::Null;
    match &item.data {
        KindData::News(n) => {
            meta.extend(fact("Chuyên mục", n.category.clone()));
        }
        KindData::Procedure(p) => {
            meta.extend(fact("Mã thủ tục", Some(p.code.clone())));
            meta.extend(fact("Lĩnh vực", p.field.clone()));
            meta.extend(fact("Thời hạn", p.processing_time.clone()));
            meta.extend(fact("Trực tuyến", p.online.map(|o| label(o).to_owned())));
            if p.repealed.is_some() {
                badge = json!("Đã bãi bỏ");
            }
        }
        KindData::Document(d) => {
            meta.extend(fact("Số ký hiệu", Some(d.number.clone())));
            meta.extend(fact("Loại văn bản", d.doc_type.clone()));
            meta.extend(fact("Cơ quan ban hành", d.issuer.clone()));
            if d.expires.is_some() {
                badge = json!("Hết hiệu lực");
            }
        }
        KindData::Budget(b) => {
            meta.extend(fact("Năm ngân sách", b.fiscal_year.map(|y| y.to_string())));
            meta.extend(fact("Giai đoạn", b.stage.map(|s| label(s).to_owned())));
        }
        KindData::Inspection(i) => {
            meta.extend(fact("Số kết luận", Some(i.number.clone())));
            meta.extend(fact("Đối tượng", i.subject.clone()));
        }
        KindData::Complaint(c) => {
            meta.extend(fact("Số quyết định", Some(c.number.clone())));
            meta.extend(fact("Loại", c.complaint_type.map(|t| label(t).to_owned())));
            meta.extend(fact("Kết quả", c.result.map(|r| label(r).to_owned())));
        }
        KindData::Procurement(p) => {
            meta.extend(fact("Giá trị", p.value.map(numbers::format_vnd)));
            meta.extend(fact("Tình trạng", p.status.map(|s| label(s).to_owned())));
        }
        KindData::Statistics(s) => {
            meta.extend(fact("Đơn vị", s.unit.clone()));
        }
        KindData::Page => {}
    }
    (badge, meta)
}

fn facts(v: Vec<Option<Value>>) -> Vec<Value> {
    v.into_iter().flatten().collect()
}

fn assets(list: &[Asset]) -> Value {
    json!(list)
}

/// The full view of an item for its own page, except its body (`body`, the item's HTML, which
/// the page adds without copying it through JSON).
pub fn item(item: &Item, section: &Section, config: &SiteConfig) -> Value {
    let mut v = json!({
        "title": item.title,
        "url": config.link(&item.url),
        "permalink": config.absolute(&item.url),
        "kind": item.kind().item_type(),
        "type_label": type_label(item),
        "section": { "title": section.title, "url": config.link(&section.url) },
        "date": date_view(&item.date, config),
        "updated": date_view(&item.updated, config),
        "summary": item.summary_or_lead(),
        "has_summary": item.summary.is_some(),
        "tags": item.tags.iter().map(|t| json!({ "name": t, "url": config.link(&format!("tags/{}/", crate::text::slugify(t))) })).collect::<Vec<_>>(),
        "attachments": assets(&item.attachments),
        "headings": item.headings.iter().map(|(id, t)| json!({ "id": id, "text": t })).collect::<Vec<_>>(),
        "lang": item.lang,
    });
    let extra = kind_view(item, config);
    if let (Value::Object(m), Value::Object(e)) = (&mut v, extra) {
        m.extend(e);
    }
    v
}

fn kind_view(item: &Item, config: &SiteConfig) -> Value {
    match &item.data {
        KindData::News(n) => json!({ "news": {
            "type": n.news_type,
            "type_label": label(n.news_type),
            "is_interview": n.news_type == "interview",
            "category": n.category.as_ref().map(|c| json!({ "name": c, "url": config.link(&format!("{}chuyen-muc/{}/", section_url(item, config), crate::text::slugify(c))) })),
            "author": opt(&n.author),
            "source": opt(&n.source),
            "source_url": opt(&n.source_url),
            "image": n.image_asset.as_ref().map(|a| json!({ "url": a.url, "alt": n.image_alt, "caption": n.image_caption })),
        }}),
        KindData::Procedure(p) => json!({ "procedure": procedure(p, &section_url(item, config), config) }),
        KindData::Document(d) => json!({ "document": {
            "number": d.number,
            "facts": facts(vec![
                fact("Số ký hiệu", Some(d.number.clone())),
                fact("Loại văn bản", d.doc_type.clone()),
                fact("Cơ quan ban hành", d.issuer.clone()),
                fact("Người ký", d.signer.clone()),
                fact("Ngày ban hành", item.date.map(|x| x.short_vi())),
                fact("Ngày hiệu lực", d.effective.map(|x| x.short_vi())),
                fact("Ngày hết hiệu lực", d.expires.map(|x| x.short_vi())),
                fact("Lĩnh vực", d.field.clone()),
            ]),
            "expired": d.expires.is_some(),
        }}),
        KindData::Budget(b) => super::tables_view::budget(b, item, config),
        KindData::Statistics(s) => super::tables_view::statistics(s, item, config),
        KindData::Inspection(i) => json!({ "inspection": {
            "facts": facts(vec![
                fact("Số kết luận", Some(i.number.clone())),
                fact("Ngày ký", item.date.map(|x| x.short_vi())),
                fact("Cơ quan ban hành", i.issuer.clone()),
                fact("Đối tượng thanh tra", i.subject.clone()),
                fact("Nội dung thanh tra", i.scope.clone()),
                fact("Thời kỳ thanh tra", i.period.clone()),
                fact("Lĩnh vực", i.field.clone()),
                fact("Số tiền sai phạm", i.violation_amount.map(numbers::format_vnd)),
                fact("Kiến nghị thu hồi", i.recovered_amount.map(numbers::format_vnd)),
                fact("Tình trạng", i.status.map(|s| label(s).to_owned())),
            ]),
            "recommendations": i.recommendations,
            "violation": money(i.violation_amount),
            "recovered": money(i.recovered_amount),
        }}),
        KindData::Complaint(c) => json!({ "complaint": {
            "facts": facts(vec![
                fact("Số quyết định", Some(c.number.clone())),
                fact("Ngày ban hành", item.date.map(|x| x.short_vi())),
                fact("Loại đơn", c.complaint_type.map(|t| label(t).to_owned())),
                fact("Cơ quan giải quyết", c.issuer.clone()),
                fact("Nội dung", c.subject.clone()),
                fact("Kết quả giải quyết", c.result.map(|r| label(r).to_owned())),
            ]),
        }}),
        KindData::Procurement(p) => json!({ "procurement": {
            "facts": facts(vec![
                fact("Dự án", p.project.clone()),
                fact("Gói thầu", p.package.clone()),
                fact("Chủ đầu tư", p.investor.clone()),
                fact("Hình thức lựa chọn nhà thầu", p.method.clone()),
                fact("Giá trị", p.value.map(numbers::format_vnd)),
                fact("Nguồn vốn", p.funding.clone()),
                fact("Tình trạng", p.status.map(|s| label(s).to_owned())),
                fact("Nhà thầu trúng thầu", p.winner.clone()),
                fact("Ngày phê duyệt kết quả", p.award_date.map(|x| x.short_vi())),
                fact("Khởi công", p.start.map(|x| x.short_vi())),
                fact("Hoàn thành", p.end.map(|x| x.short_vi())),
                fact("Địa điểm", p.location.clone()),
            ]),
            "ocds_url": config.link(&format!("{}ocds.json", item.url)),
        }}),
        KindData::Page => json!({}),
    }
}

fn section_url(item: &Item, _config: &SiteConfig) -> String {
    // The section path is the item URL without its slug.
    let trimmed = item.url.trim_end_matches('/');
    match trimmed.rfind('/') {
        Some(i) => trimmed[..=i].to_owned(),
        None => String::new(),
    }
}

fn procedure(p: &kinds::Procedure, section_url: &str, config: &SiteConfig) -> Value {
    let glance = [
        fact("Thời hạn giải quyết", p.processing_time.clone()),
        fact(
            "Phí, lệ phí",
            p.fees.clone().or_else(|| p.fee_amount.map(numbers::format_vnd)),
        ),
        fact("Nơi nộp hồ sơ", p.agency.clone()),
        fact("Nộp trực tuyến", p.online.map(|o| label(o).to_owned())),
        fact("Kết quả", p.result.clone()),
    ];
    json!({
        "code": p.code,
        "glance": glance.into_iter().flatten().collect::<Vec<_>>(),
        "online": p.online,
        "online_label": p.online.map(label),
        "online_url": p.online_url,
        "field": p.field,
        "field_url": p.field.as_ref().map(|f| config.link(&format!("{section_url}linh-vuc/{}/", crate::text::slugify(f)))),
        "levels": labels(&p.level),
        "agency": p.agency,
        "audience": labels(&p.audience),
        "channels": labels(&p.channels),
        "steps": p.steps.as_ref().map(|m| m.html.clone()),
        "documents": p.documents.as_ref().map(|m| m.html.clone()),
        "conditions": p.conditions.as_ref().map(|m| m.html.clone()),
        "legal_basis": p.legal_basis,
        "forms": p.forms,
        "iso_file": p.iso_asset,
        "iso_text": p.iso_text.as_ref().map(|m| m.html.clone()),
        "effective": p.effective.map(|d| d.short_vi()),
        "repealed": p.repealed.map(|d| d.short_vi()),
        "is_repealed": p.repealed.is_some(),
    })
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
