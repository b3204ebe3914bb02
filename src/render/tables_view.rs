//! Template views of budget and statistics tables, with their charts and downloads.

use tera::Value;

use crate::config::SiteConfig;
use crate::model::Item;
use crate::model::kinds::{Budget, Statistics};

use super::tv::{self, fact};
use super::views::label;

fn downloads(item: &Item, config: &SiteConfig) -> Value {
    match super::data::table_paths(item) {
        Some((csv, js)) => vec![
            tv::map([
                ("title", "Tải bảng số liệu (CSV)".into()),
                ("url", config.link(&csv).into()),
                ("ext", "CSV".into()),
            ]),
            tv::map([
                ("title", "Tải bảng số liệu (JSON)".into()),
                ("url", config.link(&js).into()),
                ("ext", "JSON".into()),
            ]),
        ]
        .into(),
        None => Vec::<Value>::new().into(),
    }
}

/// The `budget` view of a budget item: facts, table, chart, downloads.
pub fn budget(b: &Budget, item: &Item, config: &SiteConfig) -> Value {
    let unit = b.unit.clone().unwrap_or_default();
    let facts = tv::facts([
        fact("Biểu mẫu", b.form.clone()),
        fact("Năm ngân sách", b.fiscal_year.map(|y| y.to_string())),
        fact("Giai đoạn", b.stage.map(|s| label(s).to_owned())),
        fact("Kỳ báo cáo", b.period.clone()),
        fact("Đơn vị tính", b.unit.clone()),
        fact("Căn cứ", b.decision.clone()),
        fact("Ngày công bố", item.date.map(|d| d.short_vi())),
    ]);
    let caption = match (&b.unit, &b.decision) {
        (Some(u), Some(d)) => format!("{} (đơn vị tính: {u}; {d})", item.title),
        (Some(u), None) => format!("{} (đơn vị tính: {u})", item.title),
        (None, Some(d)) => format!("{} ({d})", item.title),
        (None, None) => item.title.clone(),
    };
    tv::map([
        ("facts", facts),
        ("unit", tv::opt(&b.unit)),
        ("caption", caption.into()),
        (
            "table",
            b.table.as_ref().map(|t| tv::from_serializable(&t.view())).into(),
        ),
        (
            "chart",
            b.table
                .as_ref()
                .and_then(|t| t.chart(&item.title, &unit))
                .map(|c| tv::from_serializable(&c))
                .into(),
        ),
        ("downloads", downloads(item, config)),
    ])
}

/// The `statistics` view of a statistics item: summary, table, charts, downloads.
pub fn statistics(s: &Statistics, item: &Item, config: &SiteConfig) -> Value {
    let unit = s.unit.clone().unwrap_or_default();
    let view = s.table.as_ref().map(|t| t.view());
    let summary = match view.as_ref().and_then(|v| v.summary.as_ref()) {
        Some(sm) => tv::facts([
            fact("Kỳ báo cáo", Some(sm.periods.clone())),
            fact("Hồ sơ tiếp nhận", Some(sm.received.clone())),
            fact("Đã giải quyết", Some(sm.resolved.clone())),
            fact("Đang giải quyết", Some(sm.pending.clone())),
            fact("Tỷ lệ đúng hạn", Some(sm.on_time_rate.clone())),
            fact("Tỷ lệ nộp trực tuyến", sm.online_share.clone()),
            fact("Mức độ hài lòng", sm.satisfaction.clone()),
        ]),
        None => Vec::<Value>::new().into(),
    };
    let caption = match &s.unit {
        Some(u) => format!("{} (đơn vị tính: {u})", item.title),
        None => item.title.clone(),
    };
    let charts = s
        .table
        .as_ref()
        .map(|t| t.charts(&item.title, &unit, s.chart.as_ref()))
        .unwrap_or_default();
    tv::map([
        ("unit", tv::opt(&s.unit)),
        ("caption", caption.into()),
        ("summary", summary),
        ("table", view.as_ref().map(tv::from_serializable).into()),
        ("charts", tv::from_serializable(&charts)),
        ("downloads", downloads(item, config)),
    ])
}
