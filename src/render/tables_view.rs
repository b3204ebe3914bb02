//! Template views of budget and statistics tables, with their charts and downloads.

use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::model::Item;
use crate::model::kinds::{Budget, Statistics};

use super::views::label;

fn downloads(item: &Item, config: &SiteConfig) -> Vec<Value> {
    match super::data::table_paths(item) {
        Some((csv, js)) => vec![
            json!({ "title": "Tải bảng số liệu (CSV)", "url": config.link(&csv), "ext": "CSV" }),
            json!({ "title": "Tải bảng số liệu (JSON)", "url": config.link(&js), "ext": "JSON" }),
        ],
        None => Vec::new(),
    }
}

fn fact(label: &str, value: Option<String>) -> Option<Value> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| json!({ "label": label, "value": v }))
}

/// The `budget` view of a budget item: facts, table, chart, downloads.
pub fn budget(b: &Budget, item: &Item, config: &SiteConfig) -> Value {
    let unit = b.unit.clone().unwrap_or_default();
    let facts: Vec<Value> = [
        fact("Biểu mẫu", b.form.clone()),
        fact("Năm ngân sách", b.fiscal_year.map(|y| y.to_string())),
        fact("Giai đoạn", b.stage.map(|s| label(s).to_owned())),
        fact("Kỳ báo cáo", b.period.clone()),
        fact("Đơn vị tính", b.unit.clone()),
        fact("Căn cứ", b.decision.clone()),
        fact("Ngày công bố", item.date.map(|d| d.short_vi())),
    ]
    .into_iter()
    .flatten()
    .collect();
    let caption = match (&b.unit, &b.decision) {
        (Some(u), Some(d)) => format!("{} (đơn vị tính: {u}; {d})", item.title),
        (Some(u), None) => format!("{} (đơn vị tính: {u})", item.title),
        (None, Some(d)) => format!("{} ({d})", item.title),
        (None, None) => item.title.clone(),
    };
    json!({ "budget": {
        "facts": facts,
        "unit": b.unit,
        "caption": caption,
        "table": b.table.as_ref().map(|t| t.view()),
        "chart": b.table.as_ref().and_then(|t| t.chart(&item.title, &unit)),
        "downloads": downloads(item, config),
    }})
}

/// The `statistics` view of a statistics item: summary, table, charts, downloads.
pub fn statistics(s: &Statistics, item: &Item, config: &SiteConfig) -> Value {
    let unit = s.unit.clone().unwrap_or_default();
    let view = s.table.as_ref().map(|t| t.view());
    let summary: Vec<Value> = view
        .as_ref()
        .and_then(|v| v.summary.as_ref())
        .map(|sm| {
            [
                fact("Kỳ báo cáo", Some(sm.periods.clone())),
                fact("Hồ sơ tiếp nhận", Some(sm.received.clone())),
                fact("Đã giải quyết", Some(sm.resolved.clone())),
                fact("Đang giải quyết", Some(sm.pending.clone())),
                fact("Tỷ lệ đúng hạn", Some(sm.on_time_rate.clone())),
                fact("Tỷ lệ nộp trực tuyến", sm.online_share.clone()),
                fact("Mức độ hài lòng", sm.satisfaction.clone()),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .unwrap_or_default();
    let caption = match &s.unit {
        Some(u) => format!("{} (đơn vị tính: {u})", item.title),
        None => item.title.clone(),
    };
    json!({ "statistics": {
        "unit": s.unit,
        "caption": caption,
        "summary": summary,
        "table": view,
        "charts": s.table.as_ref().map(|t| t.charts(&item.title, &unit, s.chart.as_ref())).unwrap_or_default(),
        "downloads": downloads(item, config),
    }})
}
