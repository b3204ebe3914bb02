//! A statistics table formatted for a template.

use serde::Serialize;

use super::{Figures, Period, StatsTable};
use crate::numbers::{format_decimal, format_percent, group_int};

/// A table formatted for a template.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsView {
    /// `dossier` or `generic`.
    pub kind: &'static str,
    /// Column titles (Vietnamese for dossier reports).
    pub headers: Vec<String>,
    /// Whether each column holds numbers (to align it right).
    pub numeric: Vec<bool>,
    /// Body rows; the first cell is the row's header.
    pub rows: Vec<StatsRowView>,
    /// Footer rows: the sum of each period over its units (when rows carry a unit), then the
    /// grand total. Empty for generic tables.
    pub totals: Vec<StatsRowView>,
    /// Key figures of a dossier report, for an at-a-glance box.
    pub summary: Option<SummaryView>,
}

/// One row of a [`StatsView`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatsRowView {
    /// Formatted cells: `1.234`, `99,80%`, `–` for no value.
    pub cells: Vec<String>,
}

/// Overall figures of a dossier report, formatted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryView {
    /// The periods covered: "Quý 1/2024 – Quý 4/2024", or one label.
    pub periods: String,
    /// Dossiers received.
    pub received: String,
    /// Dossiers resolved.
    pub resolved: String,
    /// Dossiers pending.
    pub pending: String,
    /// On-time rate, `99,80%`, or `–`.
    pub on_time_rate: String,
    /// Online share, when reported.
    pub online_share: Option<String>,
    /// Satisfaction, when reported.
    pub satisfaction: Option<String>,
}

fn percent_text(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_owned(), format_percent)
}

impl StatsTable {
    /// The table formatted for a template, numbers the Vietnamese way.
    pub fn view(&self) -> StatsView {
        match self {
            StatsTable::Generic(t) => StatsView {
                kind: "generic",
                headers: t.headers.clone(),
                numeric: t.numeric.clone(),
                rows: t
                    .rows
                    .iter()
                    .zip(&t.values)
                    .map(|((_, cells), values)| StatsRowView {
                        cells: (0..cells.len())
                            .map(|c| match (t.formatted[c], values[c]) {
                                (true, Some(v)) => format_decimal(v, t.decimals[c]),
                                (true, None) => "–".to_owned(),
                                (false, _) => cells[c].clone(),
                            })
                            .collect(),
                    })
                    .collect(),
                totals: Vec::new(),
                summary: None,
            },
            StatsTable::Dossier(r) => {
                let mut headers = vec!["Kỳ báo cáo".to_owned()];
                if r.has_unit {
                    headers.push("Đơn vị".to_owned());
                }
                headers.extend(
                    [
                        "Tiếp nhận",
                        "Đã giải quyết",
                        "Trước hạn",
                        "Đúng hạn",
                        "Trễ hạn",
                        "Đang giải quyết",
                    ]
                    .map(String::from),
                );
                if r.has_online {
                    headers.push("Trực tuyến".to_owned());
                }
                headers.push("Tỷ lệ đúng hạn".to_owned());
                if r.has_online {
                    headers.push("Tỷ lệ trực tuyến".to_owned());
                }
                if r.has_satisfaction {
                    headers.push("Tỷ lệ hài lòng".to_owned());
                }
                let lead = if r.has_unit { 2 } else { 1 };
                let numeric = (0..headers.len()).map(|i| i >= lead).collect();
                let row = |first: String, unit: Option<String>, f: &Figures| {
                    let mut cells = vec![first];
                    cells.extend(unit);
                    cells.extend(
                        [
                            f.received,
                            f.resolved(),
                            f.resolved_early,
                            f.resolved_on_time,
                            f.resolved_late,
                            f.pending,
                        ]
                        .map(group_int),
                    );
                    if r.has_online {
                        cells.push(f.online.map_or_else(|| "–".to_owned(), group_int));
                    }
                    cells.push(percent_text(f.on_time_rate()));
                    if r.has_online {
                        cells.push(percent_text(f.online_share()));
                    }
                    if r.has_satisfaction {
                        cells.push(percent_text(f.satisfaction.map(|s| s / 100.0)));
                    }
                    StatsRowView { cells }
                };
                let unit_cell = |s: &str| r.has_unit.then(|| s.to_owned());
                let rows = r
                    .rows
                    .iter()
                    .map(|d| row(d.period.label(), unit_cell(&d.unit), &d.figures))
                    .collect();
                let by_period = r.by_period();
                let mut totals: Vec<StatsRowView> = Vec::new();
                // Sums per period, when some period has several units.
                let shared = |p: &Period| r.rows.iter().filter(|d| d.period == *p).count() > 1;
                if r.has_unit && by_period.iter().any(|(p, _)| shared(p)) {
                    totals.extend(by_period.iter().map(|(p, f)| row(p.label(), unit_cell("Cộng"), f)));
                }
                let total = r.total();
                totals.push(row("Tổng cộng".to_owned(), unit_cell(""), &total));
                let periods = match (by_period.first(), by_period.last()) {
                    (Some((a, _)), Some((b, _))) if a != b => {
                        format!("{} – {}", a.label(), b.label())
                    }
                    (Some((a, _)), _) => a.label(),
                    _ => String::new(),
                };
                StatsView {
                    kind: "dossier",
                    headers,
                    numeric,
                    rows,
                    totals,
                    summary: Some(SummaryView {
                        periods,
                        received: group_int(total.received),
                        resolved: group_int(total.resolved()),
                        pending: group_int(total.pending),
                        on_time_rate: percent_text(total.on_time_rate()),
                        online_share: r.has_online.then(|| percent_text(total.online_share())),
                        satisfaction: r
                            .has_satisfaction
                            .then(|| percent_text(total.satisfaction.map(|s| s / 100.0))),
                    }),
                }
            }
        }
    }
}
