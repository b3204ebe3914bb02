//! Service statistics (kết quả giải quyết hồ sơ, chỉ số hài lòng).
//!
//! A statistics CSV is either a **dossier report**, recognised by its header (column names are
//! matched without regard to case):
//!
//! | column | meaning |
//! |---|---|
//! | `period` | `2019` (year), `2019-Q3` (quarter) or `2019-07` (month) |
//! | `unit` | optional: the agency or field the row is about |
//! | `received` | dossiers received, including those carried over |
//! | `resolved_early`, `resolved_on_time`, `resolved_late` | resolved before, on, after the deadline |
//! | `pending` | still being processed |
//! | `online` | optional: received online |
//! | `satisfaction` | optional: percent of satisfied users, 0–100 (`98.5`, `98,5` or `98,5%`) |
//!
//! or a **generic** table: any other header, cells kept as written, columns whose every
//! non-empty cell is a number usable in a chart declared with a [`ChartSpec`].
//!
//! A dossier report derives, per row and overall, the resolved total, the on-time rate
//! ((early + on time) / resolved) and the online share (online / received). Overall figures sum
//! the rows; when rows carry a `unit`, the report also sums each period over its units.
//! Satisfaction is averaged weighted by resolved dossiers. A row where received differs from
//! resolved + pending is a warning; so is `online` above `received`.
//!
//! A header with `period`, `received` and at least three of the other dossier counts, but not
//! all, is an error naming the missing columns (a likely typo), not a generic table.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use super::chart::{Chart, bar_chart, line_chart};
use super::csv_cell;
use super::decimal::{CellNumber, Decimal, Reading, classify, read_numbers};
use super::records::read_records;
use crate::diag::Diagnostic;
use crate::numbers::{format_decimal, format_percent, group_int, parse_integer};
use crate::text::closest;

/// The required columns of a dossier report.
pub const DOSSIER_COLUMNS: [&str; 6] = [
    "period",
    "received",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "pending",
];
/// The optional columns of a dossier report.
pub const OPTIONAL_DOSSIER_COLUMNS: [&str; 3] = ["unit", "online", "satisfaction"];

/// A parsed statistics table.
#[derive(Debug, Clone, PartialEq)]
pub enum StatsTable {
    /// A dossier-processing report with derived rates.
    Dossier(DossierReport),
    /// Any other table.
    Generic(GenericTable),
}

/// A reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Period {
    /// A calendar year: `2019`.
    Year(i32),
    /// A quarter, 1–4: `2019-Q3`.
    Quarter(i32, u8),
    /// A month, 1–12: `2019-07`.
    Month(i32, u8),
}

impl Period {
    /// Reads `2019`, `2019-Q3` (or `q3`) or `2019-07`.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let year = |y: &str| -> Option<i32> {
            (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
                .then(|| y.parse().ok())
                .flatten()
        };
        match s.split_once('-') {
            None => year(s).map(Period::Year),
            Some((y, rest)) => {
                let y = year(y)?;
                if let Some(q) = rest.strip_prefix(['Q', 'q']) {
                    let q: u8 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
                    (rest.len() == 2).then_some(Period::Quarter(y, q))
                } else {
                    let m: u8 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
                    (rest.len() == 2 && rest.bytes().all(|b| b.is_ascii_digit())).then_some(Period::Month(y, m))
                }
            }
        }
    }

    /// The period in Vietnamese: "Năm 2019", "Quý 3/2019", "Tháng 7/2019".
    pub fn label(&self) -> String {
        match *self {
            Period::Year(y) => format!("Năm {y}"),
            Period::Quarter(y, q) => format!("Quý {q}/{y}"),
            Period::Month(y, m) => format!("Tháng {m}/{y}"),
        }
    }

    /// The period as written in files: `2019`, `2019-Q3`, `2019-07`.
    pub fn code(&self) -> String {
        match *self {
            Period::Year(y) => format!("{y}"),
            Period::Quarter(y, q) => format!("{y}-Q{q}"),
            Period::Month(y, m) => format!("{y}-{m:02}"),
        }
    }

    /// Chronological key: start month, then longer periods first.
    fn key(&self) -> (i32, u8, u8) {
        match *self {
            Period::Year(y) => (y, 1, 0),
            Period::Quarter(y, q) => (y, (q - 1) * 3 + 1, 1),
            Period::Month(y, m) => (y, m, 2),
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// Counts of one row, or sums of several.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Figures {
    /// Dossiers received (tiếp nhận), including those carried over.
    pub received: i64,
    /// Resolved before the deadline (trước hạn).
    pub resolved_early: i64,
    /// Resolved on the deadline (đúng hạn).
    pub resolved_on_time: i64,
    /// Resolved late (trễ hạn).
    pub resolved_late: i64,
    /// Still being processed (đang giải quyết).
    pub pending: i64,
    /// Received online, when reported.
    pub online: Option<i64>,
    /// The received dossiers that `online` is a share of (for sums where some rows do not
    /// report `online`).
    pub online_base: i64,
    /// Satisfaction in percent (0–100), when reported.
    pub satisfaction: Option<f64>,
}

impl Figures {
    /// Resolved total (đã giải quyết): early + on time + late.
    pub fn resolved(&self) -> i64 {
        self.resolved_early + self.resolved_on_time + self.resolved_late
    }

    /// On-time rate as a ratio: (early + on time) / resolved; `None` when nothing was resolved.
    pub fn on_time_rate(&self) -> Option<f64> {
        let resolved = self.resolved();
        (resolved > 0).then(|| (self.resolved_early + self.resolved_on_time) as f64 / resolved as f64)
    }

    /// Online share as a ratio: online / received; `None` when not reported or nothing received.
    pub fn online_share(&self) -> Option<f64> {
        let online = self.online?;
        (self.online_base > 0).then(|| online as f64 / self.online_base as f64)
    }

    /// Sums rows: counts add up, the online share keeps to the rows that report `online`, and
    /// satisfaction is averaged weighted by resolved dossiers (plainly when none were resolved).
    pub fn sum<'a>(rows: impl IntoIterator<Item = &'a Figures>) -> Figures {
        let mut total = Figures::default();
        let mut weighted = (0.0, 0.0);
        let mut plain = (0.0, 0.0);
        for f in rows {
            total.received += f.received;
            total.resolved_early += f.resolved_early;
            total.resolved_on_time += f.resolved_on_time;
            total.resolved_late += f.resolved_late;
            total.pending += f.pending;
            if let Some(o) = f.online {
                total.online = Some(total.online.unwrap_or(0) + o);
                total.online_base += f.online_base;
            }
            if let Some(s) = f.satisfaction {
                weighted.0 += s * f.resolved() as f64;
                weighted.1 += f.resolved() as f64;
                plain.0 += s;
                plain.1 += 1.0;
            }
        }
        total.satisfaction = if weighted.1 > 0.0 {
            Some(weighted.0 / weighted.1)
        } else {
            (plain.1 > 0.0).then(|| plain.0 / plain.1)
        };
        total
    }
}

/// A dossier-processing report.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierReport {
    /// Whether rows carry a `unit`.
    pub has_unit: bool,
    /// Whether the `online` column is present.
    pub has_online: bool,
    /// Whether the `satisfaction` column is present.
    pub has_satisfaction: bool,
    /// The rows, in file order.
    pub rows: Vec<DossierRow>,
}

/// One row of a dossier report.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierRow {
    /// 1-based line in the CSV file.
    pub line: usize,
    /// The reporting period.
    pub period: Period,
    /// The agency or field, empty without a `unit` column.
    pub unit: String,
    /// The counts.
    pub figures: Figures,
}

impl DossierReport {
    /// Figures per period, summed over units, in chronological order.
    pub fn by_period(&self) -> Vec<(Period, Figures)> {
        let mut periods: Vec<Period> = self.rows.iter().map(|r| r.period).collect();
        periods.sort();
        periods.dedup();
        periods
            .into_iter()
            .map(|p| {
                let rows = self.rows.iter().filter(|r| r.period == p).map(|r| &r.figures);
                (p, Figures::sum(rows))
            })
            .collect()
    }

    /// Figures summed over every row.
    pub fn total(&self) -> Figures {
        Figures::sum(self.rows.iter().map(|r| &r.figures))
    }

    /// The metrics a chart can show, as (column name, Vietnamese label, is a rate).
    fn metrics(&self) -> Vec<(&'static str, &'static str, bool)> {
        let mut m = vec![
            ("received", "Tiếp nhận", false),
            ("resolved", "Đã giải quyết", false),
            ("resolved_early", "Trước hạn", false),
            ("resolved_on_time", "Đúng hạn", false),
            ("resolved_late", "Trễ hạn", false),
            ("pending", "Đang giải quyết", false),
            ("on_time_rate", "Tỷ lệ đúng hạn", true),
        ];
        if self.has_online {
            m.push(("online", "Trực tuyến", false));
            m.push(("online_share", "Tỷ lệ trực tuyến", true));
        }
        if self.has_satisfaction {
            m.push(("satisfaction", "Tỷ lệ hài lòng", true));
        }
        m
    }
}

/// The value of metric `name` (see [`DossierReport::metrics`]); rates in percent.
fn metric(f: &Figures, name: &str) -> Option<f64> {
    match name {
        "received" => Some(f.received as f64),
        "resolved" => Some(f.resolved() as f64),
        "resolved_early" => Some(f.resolved_early as f64),
        "resolved_on_time" => Some(f.resolved_on_time as f64),
        "resolved_late" => Some(f.resolved_late as f64),
        "pending" => Some(f.pending as f64),
        "online" => f.online.map(|o| o as f64),
        "on_time_rate" => f.on_time_rate().map(|r| r * 100.0),
        "online_share" => f.online_share().map(|r| r * 100.0),
        "satisfaction" => f.satisfaction,
        _ => None,
    }
}

/// A table that is not a dossier report.
#[derive(Debug, Clone, PartialEq)]
pub struct GenericTable {
    /// Column titles.
    pub headers: Vec<String>,
    /// Rows as (line, cells as written).
    pub rows: Vec<(usize, Vec<String>)>,
    /// Whether each column holds only numbers (and at least one).
    pub numeric: Vec<bool>,
    /// The numbers of numeric columns, per row; `None` elsewhere and for empty cells.
    pub values: Vec<Vec<Option<f64>>>,
    /// Decimals shown per numeric column: the most written in it.
    pub decimals: Vec<usize>,
    /// Whether each numeric column is shown in Vietnamese format (`12.345,6`). Columns of
    /// years (whole numbers 1900–2100 written without separators) are shown as written.
    pub formatted: Vec<bool>,
}

/// The kind of chart a generic table declares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChartKind {
    /// A line chart.
    Line,
    /// A column chart (the default).
    #[default]
    Bar,
}

/// The `chart` key of a statistics item: `{type: line|bar, x: COLUMN, y: [COLUMNS]}`.
/// `y` may also be a single column name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSpec {
    /// Line or bar; bar when omitted.
    #[serde(rename = "type", default)]
    pub kind: ChartKind,
    /// The column giving the labels along the x axis.
    pub x: String,
    /// The columns drawn as series.
    #[serde(deserialize_with = "one_or_many")]
    pub y: Vec<String>,
}

fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(d)? {
        OneOrMany::One(s) => vec![s],
        OneOrMany::Many(v) => v,
    })
}

/// Checks that a chart's columns exist (and that `y` columns hold numbers); the error names
/// the first wrong column. For a dossier report, `x` must be `period` and `y` one of the
/// report's figures: `received`, `resolved`, `resolved_early`, `resolved_on_time`,
/// `resolved_late`, `pending`, `on_time_rate`, and `online`, `online_share`, `satisfaction`
/// when present.
pub fn validate_chart(table: &StatsTable, spec: &ChartSpec) -> Result<(), String> {
    if spec.y.is_empty() {
        return Err("the chart names no `y` column".to_owned());
    }
    match table {
        StatsTable::Dossier(report) => {
            if !spec.x.trim().eq_ignore_ascii_case("period") {
                return Err(format!(
                    "a dossier report's chart runs over periods: write `x: period` instead of `x: {}`",
                    spec.x
                ));
            }
            let metrics = report.metrics();
            let names: Vec<&str> = metrics.iter().map(|m| m.0).collect();
            for y in &spec.y {
                if !names.contains(&y.trim().to_lowercase().as_str()) {
                    return Err(missing_column(y, &names));
                }
            }
            Ok(())
        }
        StatsTable::Generic(t) => {
            let names: Vec<&str> = t.headers.iter().map(String::as_str).collect();
            if t.column(&spec.x).is_none() {
                return Err(missing_column(&spec.x, &names));
            }
            for y in &spec.y {
                match t.column(y) {
                    None => return Err(missing_column(y, &names)),
                    Some(c) if !t.numeric[c] => {
                        return Err(format!(
                            "chart column \"{}\" does not hold numbers, so it cannot be drawn",
                            t.headers[c]
                        ));
                    }
                    Some(_) => {}
                }
            }
            Ok(())
        }
    }
}

fn missing_column(name: &str, names: &[&str]) -> String {
    let listed = names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    match closest(name, names) {
        Some(c) => format!("chart column \"{name}\" is not in the table; did you mean \"{c}\"? (columns: {listed})"),
        None => format!("chart column \"{name}\" is not in the table (columns: {listed})"),
    }
}

impl GenericTable {
    /// Index of the column titled `name`: exact match first, then ignoring case.
    pub fn column(&self, name: &str) -> Option<usize> {
        let name = crate::text::nfc(name.trim());
        self.headers.iter().position(|h| *h == name).or_else(|| {
            self.headers
                .iter()
                .position(|h| h.to_lowercase() == name.to_lowercase())
        })
    }
}

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

    /// Column names of [`to_csv`](Self::to_csv) and keys of [`to_json`](Self::to_json).
    fn export_columns(&self) -> Vec<String> {
        match self {
            StatsTable::Generic(t) => t.headers.clone(),
            StatsTable::Dossier(r) => {
                let mut c = vec!["period"];
                if r.has_unit {
                    c.push("unit");
                }
                c.extend([
                    "received",
                    "resolved_early",
                    "resolved_on_time",
                    "resolved_late",
                    "resolved",
                    "pending",
                ]);
                if r.has_online {
                    c.push("online");
                }
                c.push("on_time_rate");
                if r.has_online {
                    c.push("online_share");
                }
                if r.has_satisfaction {
                    c.push("satisfaction");
                }
                c.into_iter().map(String::from).collect()
            }
        }
    }

    /// Export rows as JSON values, one per export column.
    fn export_rows(&self) -> Vec<Vec<serde_json::Value>> {
        use serde_json::Value;
        let rate = |r: Option<f64>| -> Value {
            r.and_then(|r| serde_json::Number::from_f64((r * 10_000.0).round() / 100.0))
                .map_or(Value::Null, Value::Number)
        };
        match self {
            StatsTable::Generic(t) => t
                .rows
                .iter()
                .zip(&t.values)
                .map(|((_, cells), values)| {
                    cells
                        .iter()
                        .zip(values)
                        .zip(&t.numeric)
                        .map(|((cell, v), numeric)| match (numeric, v) {
                            (true, Some(v)) => json_f64(*v),
                            _ if cell.is_empty() || (*numeric && v.is_none()) => Value::Null,
                            _ => Value::String(cell.clone()),
                        })
                        .collect()
                })
                .collect(),
            StatsTable::Dossier(r) => r
                .rows
                .iter()
                .map(|d| {
                    let f = &d.figures;
                    let mut v: Vec<Value> = vec![d.period.code().into()];
                    if r.has_unit {
                        v.push(d.unit.clone().into());
                    }
                    v.extend(
                        [
                            f.received,
                            f.resolved_early,
                            f.resolved_on_time,
                            f.resolved_late,
                            f.resolved(),
                            f.pending,
                        ]
                        .map(Value::from),
                    );
                    if r.has_online {
                        v.push(f.online.map_or(Value::Null, Value::from));
                    }
                    v.push(rate(f.on_time_rate()));
                    if r.has_online {
                        v.push(rate(f.online_share()));
                    }
                    if r.has_satisfaction {
                        v.push(f.satisfaction.map_or(Value::Null, json_f64));
                    }
                    v
                })
                .collect(),
        }
    }

    /// The table as CSV with a header row. Generic tables come back as read (trimmed, NFC);
    /// dossier reports get the derived columns `resolved`, `on_time_rate` and `online_share`,
    /// rates in percent with two decimals (`99.80`), periods as `2019-Q3`.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let columns = self.export_columns();
        let _ = csv_cell::write_record(&mut w, &columns);
        match self {
            StatsTable::Generic(t) => {
                for (_, cells) in &t.rows {
                    let _ = csv_cell::write_record(&mut w, cells);
                }
            }
            StatsTable::Dossier(_) => {
                for row in self.export_rows() {
                    let record: Vec<String> = row
                        .iter()
                        .zip(&columns)
                        .map(|(v, name)| match v {
                            serde_json::Value::Null => String::new(),
                            serde_json::Value::String(s) => s.clone(),
                            serde_json::Value::Number(n) if name == "on_time_rate" || name == "online_share" => {
                                format!("{:.2}", n.as_f64().unwrap_or(0.0))
                            }
                            other => other.to_string(),
                        })
                        .collect();
                    let _ = csv_cell::write_record(&mut w, &record);
                }
            }
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// The table as JSON: an array of objects keyed by the [`to_csv`](Self::to_csv) column
    /// names, numbers as JSON numbers (rates in percent), `null` for no value.
    pub fn to_json(&self) -> serde_json::Value {
        let columns = self.export_columns();
        serde_json::Value::Array(
            self.export_rows()
                .into_iter()
                .map(|row| serde_json::Value::Object(columns.iter().cloned().zip(row).collect()))
                .collect(),
        )
    }

    /// Charts of the table. A dossier report gets, without `spec`, a column chart of dossiers
    /// received and resolved per period and a chart of its rates per period (a line chart over
    /// two periods or more); with `spec`, one chart of the named figures per period. A generic
    /// table gets the chart `spec` declares (nothing without one, or when [`validate_chart`]
    /// fails). `unit` labels counts ("hồ sơ" when empty for dossier reports).
    pub fn charts(&self, title: &str, unit: &str, spec: Option<&ChartSpec>) -> Vec<Chart> {
        if let Some(spec) = spec {
            if validate_chart(self, spec).is_err() {
                return Vec::new();
            }
        }
        match self {
            StatsTable::Dossier(r) => {
                let by_period = r.by_period();
                let labels: Vec<String> = by_period.iter().map(|(p, _)| p.label()).collect();
                let metrics = r.metrics();
                let series_of = |names: &[&str]| -> Vec<(String, Vec<Option<f64>>)> {
                    names
                        .iter()
                        .filter_map(|n| metrics.iter().find(|m| m.0 == *n))
                        .map(|(name, label, _)| {
                            (
                                label.to_string(),
                                by_period.iter().map(|(_, f)| metric(f, name)).collect(),
                            )
                        })
                        .collect()
                };
                let count_unit = if unit.is_empty() { "hồ sơ" } else { unit };
                let draw = |kind: ChartKind, t: &str, s: &[(String, Vec<Option<f64>>)], u: &str| match kind {
                    ChartKind::Line if labels.len() > 1 => line_chart(t, &labels, s, u),
                    _ => bar_chart(t, &labels, s, u),
                };
                match spec {
                    Some(spec) => {
                        let names: Vec<String> = spec.y.iter().map(|y| y.trim().to_lowercase()).collect();
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        let all_rates = names.iter().all(|n| metrics.iter().any(|m| m.0 == *n && m.2));
                        vec![draw(
                            spec.kind,
                            title,
                            &series_of(&names),
                            if all_rates { "%" } else { count_unit },
                        )]
                    }
                    None => {
                        let mut rates = vec!["on_time_rate"];
                        if r.has_online {
                            rates.push("online_share");
                        }
                        if r.has_satisfaction {
                            rates.push("satisfaction");
                        }
                        vec![
                            bar_chart(
                                &format!("{title}: hồ sơ tiếp nhận và đã giải quyết"),
                                &labels,
                                &series_of(&["received", "resolved"]),
                                count_unit,
                            ),
                            draw(ChartKind::Line, &format!("{title}: tỷ lệ"), &series_of(&rates), "%"),
                        ]
                    }
                }
            }
            StatsTable::Generic(t) => {
                let Some(spec) = spec else {
                    return Vec::new();
                };
                let (Some(x), Some(ys)) = (
                    t.column(&spec.x),
                    spec.y.iter().map(|y| t.column(y)).collect::<Option<Vec<usize>>>(),
                ) else {
                    return Vec::new();
                };
                let labels: Vec<String> = t.rows.iter().map(|(_, cells)| cells[x].clone()).collect();
                let series: Vec<(String, Vec<Option<f64>>)> = ys
                    .iter()
                    .map(|&c| (t.headers[c].clone(), t.values.iter().map(|row| row[c]).collect()))
                    .collect();
                vec![match spec.kind {
                    ChartKind::Line => line_chart(title, &labels, &series, unit),
                    ChartKind::Bar => bar_chart(title, &labels, &series, unit),
                }]
            }
        }
    }
}

fn json_f64(v: f64) -> serde_json::Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        return serde_json::Value::from(v as i64);
    }
    serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number)
}

/// Parses a statistics CSV. `path` is the site-relative path used in messages; `text` is the
/// file without BOM. Returns the table when there is no error, and every problem found.
pub fn parse(path: &str, text: &str) -> (Option<StatsTable>, Vec<Diagnostic>) {
    let (records, mut diags) = read_records(path, text);
    let header_line = 1 + text
        .bytes()
        .take_while(|b| *b == b'\n' || *b == b'\r')
        .filter(|b| *b == b'\n')
        .count();
    if records.headers.is_empty() {
        return (None, diags);
    }
    // Column titles must be unique and present: they key the JSON download.
    for (i, h) in records.headers.iter().enumerate() {
        if h.is_empty() {
            diags.push(
                Diagnostic::error(path, header_line, i + 1, format!("column {} has no title", i + 1))
                    .with_hint("every column needs a title in the header row"),
            );
        } else if let Some(first) = records.headers[..i]
            .iter()
            .position(|o| o.to_lowercase() == h.to_lowercase())
        {
            diags.push(
                Diagnostic::error(
                    path,
                    header_line,
                    i + 1,
                    format!("column title \"{h}\" is already used by column {}", first + 1),
                )
                .with_hint("give each column its own title"),
            );
        }
    }
    if records.rows.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        diags.push(
            Diagnostic::error(path, header_line, 1, "the table has no rows")
                .with_hint("add the figures below the header row"),
        );
    }

    let lower: Vec<String> = records.headers.iter().map(|h| h.to_lowercase()).collect();
    let find = |name: &str| lower.iter().position(|h| h == name);
    let present = DOSSIER_COLUMNS.iter().filter(|c| find(c).is_some()).count();
    let table = if present == DOSSIER_COLUMNS.len() {
        parse_dossier(path, header_line, &records, &lower, &mut diags).map(StatsTable::Dossier)
    } else if find("period").is_some() && find("received").is_some() && present >= 5 {
        let known: Vec<&str> = DOSSIER_COLUMNS
            .iter()
            .chain(&OPTIONAL_DOSSIER_COLUMNS)
            .copied()
            .collect();
        let unknown: Vec<&str> = lower
            .iter()
            .map(String::as_str)
            .filter(|h| !known.contains(h))
            .collect();
        for missing in DOSSIER_COLUMNS.iter().filter(|c| find(c).is_none()) {
            let near = unknown.iter().copied().find(|u| closest(u, &[missing]).is_some());
            let mut d = Diagnostic::error(
                path,
                header_line,
                1,
                format!("this dossier report has no `{missing}` column"),
            );
            d = match near {
                Some(u) => d.with_hint(format!("did you mean `{missing}` instead of `{u}`?")),
                None => d.with_hint(format!(
                    "a dossier report needs the columns {}",
                    DOSSIER_COLUMNS.join(", ")
                )),
            };
            diags.push(d);
        }
        None
    } else {
        Some(StatsTable::Generic(parse_generic(&records)))
    };
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    (table, diags)
}

fn parse_generic(records: &super::records::Records) -> GenericTable {
    let width = records.headers.len();
    let all: Vec<&str> = records
        .rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(String::as_str))
        .collect();
    let file = read_numbers(&all, None);
    let fallback = file.decided_by.map(|_| file.convention);
    let mut numeric = vec![false; width];
    let mut decimals = vec![0; width];
    let mut formatted = vec![false; width];
    let mut values = vec![vec![None; width]; records.rows.len()];
    for c in 0..width {
        let cells: Vec<&str> = records.rows.iter().map(|(_, cells)| cells[c].as_str()).collect();
        let col = read_numbers(&cells, fallback);
        let all_numbers = col
            .cells
            .iter()
            .all(|n| matches!(n, CellNumber::Empty | CellNumber::Value(_)));
        let any = col.cells.iter().any(|n| matches!(n, CellNumber::Value(_)));
        if all_numbers && any {
            numeric[c] = true;
            let mut years = true;
            for (r, n) in col.cells.iter().enumerate() {
                if let CellNumber::Value(w) = n {
                    values[r][c] = Some(w.value.to_f64());
                    decimals[c] = decimals[c].max(w.decimals);
                    let year = (1900..=2100).any(|y| w.value == Decimal::from_int(y));
                    years &= year && cells[r].bytes().all(|b| b.is_ascii_digit());
                }
            }
            formatted[c] = !years;
        }
    }
    GenericTable {
        headers: records.headers.clone(),
        rows: records.rows.clone(),
        numeric,
        values,
        decimals,
        formatted,
    }
}

fn parse_dossier(
    path: &str,
    header_line: usize,
    records: &super::records::Records,
    lower: &[String],
    diags: &mut Vec<Diagnostic>,
) -> Option<DossierReport> {
    let col = |name: &str| lower.iter().position(|h| h == name);
    let known: Vec<&str> = DOSSIER_COLUMNS
        .iter()
        .chain(&OPTIONAL_DOSSIER_COLUMNS)
        .copied()
        .collect();
    for (i, h) in records.headers.iter().enumerate() {
        if !known.contains(&lower[i].as_str()) && !h.is_empty() {
            let hint = match closest(&lower[i], &known) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("the columns of a dossier report are {}", known.join(", ")),
            };
            diags.push(
                Diagnostic::warning(
                    path,
                    header_line,
                    i + 1,
                    format!("column \"{h}\" is not a dossier report column and is left out"),
                )
                .with_hint(hint),
            );
        }
    }
    let (unit_col, online_col, satisfaction_col) = (col("unit"), col("online"), col("satisfaction"));
    let mut rows: Vec<DossierRow> = Vec::new();
    for (line, cells) in &records.rows {
        let line = *line;
        let mut bad = false;
        let mut count = |name: &str, required: bool| -> Option<i64> {
            let c = col(name)?;
            let cell = cells[c].as_str();
            if !required && matches!(cell, "" | "-" | "–" | "—") {
                return None;
            }
            match parse_integer(cell) {
                Some(v) if v >= 0 => Some(v),
                _ => {
                    bad = true;
                    let message = if cell.is_empty() {
                        format!("missing value in column \"{}\"", records.headers[c])
                    } else {
                        format!("\"{cell}\" is not a whole number in column \"{}\"", records.headers[c])
                    };
                    diags.push(
                        Diagnostic::error(path, line, c + 1, message)
                            .with_hint("write a count of dossiers such as 1234 or 1.234, 0 when there are none"),
                    );
                    None
                }
            }
        };
        let received = count("received", true);
        let early = count("resolved_early", true);
        let on_time = count("resolved_on_time", true);
        let late = count("resolved_late", true);
        let pending = count("pending", true);
        let online = count("online", false);
        let period_col = col("period").unwrap_or(0);
        let period_cell = &cells[period_col];
        let period = Period::parse(period_cell);
        if period.is_none() {
            bad = true;
            diags.push(
                Diagnostic::error(
                    path,
                    line,
                    period_col + 1,
                    format!(
                        "\"{period_cell}\" is not a period in column \"{}\"",
                        records.headers[period_col]
                    ),
                )
                .with_hint("write a year 2019, a quarter 2019-Q3 or a month 2019-07"),
            );
        }
        let satisfaction = satisfaction_col.and_then(|c| {
            let cell = cells[c].trim();
            let number = cell.strip_suffix('%').unwrap_or(cell).trim_end();
            let value = match classify(number) {
                Reading::Empty => return None,
                Reading::Neutral(w) | Reading::Decided(_, w) => Some(w.value.to_f64()),
                // 98.500 or 98,500: the decimal reading is the only one within 0–100.
                Reading::Ambiguous { point, comma } => {
                    Some(if point.decimals > 0 { point.value } else { comma.value }.to_f64())
                }
                Reading::Invalid => None,
            };
            match value.filter(|v| (0.0..=100.0).contains(v)) {
                Some(v) => Some(v),
                None => {
                    bad = true;
                    diags.push(
                        Diagnostic::error(
                            path,
                            line,
                            c + 1,
                            format!("\"{cell}\" is not a percentage in column \"{}\"", records.headers[c]),
                        )
                        .with_hint("write the share of satisfied users from 0 to 100, such as 98,5"),
                    );
                    None
                }
            }
        });
        if bad {
            continue;
        }
        let (Some(received), Some(early), Some(on_time), Some(late), Some(pending), Some(period)) =
            (received, early, on_time, late, pending, period)
        else {
            continue;
        };
        let figures = Figures {
            received,
            resolved_early: early,
            resolved_on_time: on_time,
            resolved_late: late,
            pending,
            online,
            online_base: received,
            satisfaction,
        };
        let received_col = col("received").unwrap_or(0) + 1;
        if received != figures.resolved() + pending {
            diags.push(
                Diagnostic::warning(
                    path,
                    line,
                    received_col,
                    format!(
                        "{} received but {} resolved ({} early + {} on time + {} late) and {} pending make {}",
                        group_int(received),
                        group_int(figures.resolved()),
                        group_int(early),
                        group_int(on_time),
                        group_int(late),
                        group_int(pending),
                        group_int(figures.resolved() + pending)
                    ),
                )
                .with_hint("received should equal resolved plus pending; check the row"),
            );
        }
        if let (Some(o), Some(c)) = (online, online_col) {
            if o > received {
                diags.push(
                    Diagnostic::warning(
                        path,
                        line,
                        c + 1,
                        format!(
                            "{} received online but only {} received in all",
                            group_int(o),
                            group_int(received)
                        ),
                    )
                    .with_hint("online dossiers are part of the received ones"),
                );
            }
        }
        let unit = unit_col.map(|c| cells[c].clone()).unwrap_or_default();
        if let Some(other) = rows.iter().find(|r| r.period == period && r.unit == unit) {
            let whose = if unit.is_empty() {
                String::new()
            } else {
                format!(" for \"{unit}\"")
            };
            diags.push(
                Diagnostic::error(
                    path,
                    line,
                    period_col + 1,
                    format!(
                        "period {} appears twice{whose}: here and at line {}",
                        period.code(),
                        other.line
                    ),
                )
                .with_hint("keep one row per period and unit, or the totals would count it twice"),
            );
            continue;
        }
        rows.push(DossierRow {
            line,
            period,
            unit,
            figures,
        });
    }
    Some(DossierReport {
        has_unit: unit_col.is_some(),
        has_online: online_col.is_some(),
        has_satisfaction: satisfaction_col.is_some(),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "content/thong-ke/ho-so.csv";

    fn ok(text: &str) -> (StatsTable, Vec<String>) {
        let (t, d) = parse(PATH, text);
        let msgs: Vec<String> = d.iter().map(ToString::to_string).collect();
        (t.unwrap_or_else(|| panic!("no table: {msgs:?}")), msgs)
    }

    fn errors(text: &str) -> Vec<String> {
        let (t, d) = parse(PATH, text);
        assert!(t.is_none(), "a table despite errors");
        d.iter().map(ToString::to_string).collect()
    }

    fn dossier(t: &StatsTable) -> &DossierReport {
        match t {
            StatsTable::Dossier(r) => r,
            StatsTable::Generic(_) => panic!("generic"),
        }
    }

    const REPORT: &str = "period,received,resolved_early,resolved_on_time,resolved_late,pending,online,satisfaction\n\
        2024-Q1,1000,600,380,10,10,400,\"98,5\"\n\
        2024-Q2,1200,700,480,0,20,600,99.5%\n";

    #[test]
    fn periods() {
        assert_eq!(Period::parse("2019"), Some(Period::Year(2019)));
        assert_eq!(Period::parse("2019-Q3"), Some(Period::Quarter(2019, 3)));
        assert_eq!(Period::parse("2019-q4"), Some(Period::Quarter(2019, 4)));
        assert_eq!(Period::parse("2019-07"), Some(Period::Month(2019, 7)));
        for bad in ["2019-Q5", "2019-13", "2019-7", "19", "2019-Q", "2019/07", "Quý 3", ""] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
        assert_eq!(Period::Quarter(2019, 3).label(), "Quý 3/2019");
        assert_eq!(Period::Month(2019, 7).label(), "Tháng 7/2019");
        assert_eq!(Period::Year(2019).label(), "Năm 2019");
        assert_eq!(Period::Month(2019, 7).code(), "2019-07");
        let mut v = vec![
            Period::Month(2019, 8),
            Period::Year(2019),
            Period::Quarter(2019, 3),
            Period::Month(2019, 7),
        ];
        v.sort();
        assert_eq!(
            v,
            vec![
                Period::Year(2019),
                Period::Quarter(2019, 3),
                Period::Month(2019, 7),
                Period::Month(2019, 8)
            ]
        );
    }

    #[test]
    fn dossier_derivations() {
        let (t, w) = ok(REPORT);
        assert!(w.is_empty(), "{w:?}");
        let r = dossier(&t);
        let f = &r.rows[0].figures;
        assert_eq!(f.resolved(), 990);
        assert_eq!(f.on_time_rate(), Some(980.0 / 990.0));
        assert_eq!(f.online_share(), Some(0.4));
        assert_eq!(f.satisfaction, Some(98.5));
        assert_eq!(r.rows[1].figures.satisfaction, Some(99.5));
        let total = r.total();
        assert_eq!(total.received, 2200);
        assert_eq!(total.resolved(), 2170);
        assert_eq!(total.on_time_rate(), Some(2160.0 / 2170.0));
        assert_eq!(total.online_share(), Some(1000.0 / 2200.0));
        // Weighted by resolved: (98.5 × 990 + 99.5 × 1180) / 2170.
        let s = total.satisfaction.unwrap();
        assert!((s - (98.5 * 990.0 + 99.5 * 1180.0) / 2170.0).abs() < 1e-9);

        let v = t.view();
        assert_eq!(v.kind, "dossier");
        assert_eq!(v.headers[0], "Kỳ báo cáo");
        assert_eq!(
            v.rows[0].cells,
            vec![
                "Quý 1/2024",
                "1.000",
                "990",
                "600",
                "380",
                "10",
                "10",
                "400",
                "98,99%",
                "40,00%",
                "98,50%"
            ]
        );
        assert_eq!(v.totals.len(), 1);
        assert_eq!(v.totals[0].cells[..3], ["Tổng cộng", "2.200", "2.170"]);
        let summary = v.summary.unwrap();
        assert_eq!(summary.periods, "Quý 1/2024 – Quý 2/2024");
        assert_eq!(summary.on_time_rate, "99,54%");
        assert_eq!(summary.online_share.as_deref(), Some("45,45%"));
        assert_eq!(summary.satisfaction.as_deref(), Some("99,04%"));
        assert!(!v.numeric[0] && v.numeric[1]);
    }

    #[test]
    fn units_are_summed_per_period() {
        let csv = "Period,Unit,Received,Resolved_early,Resolved_on_time,Resolved_late,Pending\n\
            2024-02,Hộ tịch,10,5,5,0,0\n\
            2024-01,Hộ tịch,20,10,5,5,0\n\
            2024-01,Đất đai,\"1.000\",0,900,100,0\n";
        let (t, w) = ok(csv);
        assert!(w.is_empty(), "{w:?}");
        let r = dossier(&t);
        let by = r.by_period();
        assert_eq!(by.len(), 2);
        assert_eq!(by[0].0, Period::Month(2024, 1));
        assert_eq!(by[0].1.received, 1020);
        assert_eq!(by[0].1.on_time_rate(), Some(915.0 / 1020.0));
        assert_eq!(by[0].1.online_share(), None);
        let v = t.view();
        assert_eq!(v.headers[1], "Đơn vị");
        assert_eq!(v.totals.len(), 3);
        assert_eq!(v.totals[0].cells[..3], ["Tháng 1/2024", "Cộng", "1.020"]);
        assert_eq!(v.totals[2].cells[..3], ["Tổng cộng", "", "1.030"]);
        assert!(v.summary.unwrap().online_share.is_none());
        // One unit per period: no per-period sums, they would repeat the rows.
        let (one, _) = ok(
            "period,unit,received,resolved_early,resolved_on_time,resolved_late,pending\n\
            2024-01,Hộ tịch,10,5,5,0,0\n\
            2024-02,Hộ tịch,20,10,5,5,0\n",
        );
        assert_eq!(one.view().totals.len(), 1);
    }

    #[test]
    fn received_must_equal_resolved_plus_pending() {
        let csv = "period,received,resolved_early,resolved_on_time,resolved_late,pending,online\n\
            2024,100,50,40,5,3,120\n";
        let (_, w) = ok(csv);
        assert_eq!(
            w,
            vec![
                "content/thong-ke/ho-so.csv:2:2: warning: 100 received but 95 resolved (50 early + 40 on time + 5 late) and 3 pending make 98 (received should equal resolved plus pending; check the row)",
                "content/thong-ke/ho-so.csv:2:7: warning: 120 received online but only 100 received in all (online dossiers are part of the received ones)",
            ]
        );
    }

    #[test]
    fn bad_cells_and_periods_are_errors() {
        let csv = "period,received,resolved_early,resolved_on_time,resolved_late,pending,satisfaction\n\
            2024-13,10,5,5,0,0,\n\
            2024-Q1,10,5,\"5,5\",0,,101\n\
            2024-Q2,10,5,5,0,0,\n\
            2024-Q2,10,5,5,0,0,\n";
        let e = errors(csv);
        assert_eq!(
            e,
            vec![
                "content/thong-ke/ho-so.csv:2:1: \"2024-13\" is not a period in column \"period\" (write a year 2019, a quarter 2019-Q3 or a month 2019-07)",
                "content/thong-ke/ho-so.csv:3:4: \"5,5\" is not a whole number in column \"resolved_on_time\" (write a count of dossiers such as 1234 or 1.234, 0 when there are none)",
                "content/thong-ke/ho-so.csv:3:6: missing value in column \"pending\" (write a count of dossiers such as 1234 or 1.234, 0 when there are none)",
                "content/thong-ke/ho-so.csv:3:7: \"101\" is not a percentage in column \"satisfaction\" (write the share of satisfied users from 0 to 100, such as 98,5)",
                "content/thong-ke/ho-so.csv:5:1: period 2024-Q2 appears twice: here and at line 4 (keep one row per period and unit, or the totals would count it twice)",
            ]
        );
    }

    #[test]
    fn a_misspelt_dossier_column_is_an_error() {
        let e = errors("period,received,resolved_early,resolved_ontime,resolved_late,pending\n2024,1,1,0,0,0\n");
        assert_eq!(
            e,
            vec![
                "content/thong-ke/ho-so.csv:1:1: this dossier report has no `resolved_on_time` column (did you mean `resolved_on_time` instead of `resolved_ontime`?)"
            ]
        );
        let (_, w) =
            ok("period,received,resolved_early,resolved_on_time,resolved_late,pending,ghi chú\n2024,1,1,0,0,0,x\n");
        assert_eq!(
            w,
            vec![
                "content/thong-ke/ho-so.csv:1:7: warning: column \"ghi chú\" is not a dossier report column and is left out (the columns of a dossier report are period, received, resolved_early, resolved_on_time, resolved_late, pending, unit, online, satisfaction)"
            ]
        );
    }

    #[test]
    fn generic_tables_and_chart_specs() {
        let (t, w) = ok(
            "Năm,Dân số,Hộ gia đình,Ghi chú\n2022,\"12.345\",\"3.100\",ước tính\n2023,\"12.800\",-,\n2024,\"13.050,5\",\"3.300\",\n",
        );
        assert!(w.is_empty(), "{w:?}");
        let StatsTable::Generic(g) = &t else { panic!("dossier") };
        assert_eq!(g.numeric, vec![true, true, true, false]);
        assert_eq!(g.values[0][1], Some(12345.0));
        assert_eq!(g.values[2][1], Some(13050.5));
        assert_eq!(g.values[1][2], None);
        let v = t.view();
        assert_eq!(v.kind, "generic");
        assert_eq!(v.rows[0].cells, vec!["2022", "12.345,0", "3.100", "ước tính"]);
        assert_eq!(v.rows[1].cells, vec!["2023", "12.800,0", "–", ""]);
        assert_eq!(g.formatted, vec![false, true, true, false]);
        let (plain, _) = ok("Khu phố,Nhân khẩu\nKhu phố 1,4382\n");
        assert_eq!(plain.view().rows[0].cells, vec!["Khu phố 1", "4.382"]);

        let spec: ChartSpec =
            serde_json::from_str(r#"{"type": "line", "x": "Năm", "y": ["Dân số", "Hộ gia đình"]}"#).unwrap();
        assert_eq!(validate_chart(&t, &spec), Ok(()));
        let charts = t.charts("Dân số phường", "người", Some(&spec));
        assert_eq!(charts.len(), 1);
        assert!(
            charts[0]
                .alt
                .starts_with("Biểu đồ đường: Dân số phường. Dân số — 2022: 12.345,0 người;"),
            "{}",
            charts[0].alt
        );
        assert!(
            charts[0]
                .alt
                .contains("Hộ gia đình — 2022: 3.100,0 người; 2023: không có số liệu;")
        );

        let one: ChartSpec = serde_json::from_str(r#"{"x": "năm", "y": "Dân sô"}"#).unwrap();
        assert_eq!(one.kind, ChartKind::Bar);
        assert_eq!(
            validate_chart(&t, &one),
            Err("chart column \"Dân sô\" is not in the table; did you mean \"Dân số\"? (columns: \"Năm\", \"Dân số\", \"Hộ gia đình\", \"Ghi chú\")".to_owned())
        );
        let text_y = ChartSpec {
            kind: ChartKind::Bar,
            x: "Năm".into(),
            y: vec!["Ghi chú".into()],
        };
        assert_eq!(
            validate_chart(&t, &text_y),
            Err("chart column \"Ghi chú\" does not hold numbers, so it cannot be drawn".to_owned())
        );
        assert!(t.charts("x", "", Some(&text_y)).is_empty());
        assert!(t.charts("x", "", None).is_empty());
    }

    #[test]
    fn dossier_charts() {
        let (t, _) = ok(REPORT);
        let charts = t.charts("Kết quả giải quyết hồ sơ", "", None);
        assert_eq!(charts.len(), 2);
        assert_eq!(
            charts[0].alt,
            "Biểu đồ cột: Kết quả giải quyết hồ sơ: hồ sơ tiếp nhận và đã giải quyết. \
             Tiếp nhận — Quý 1/2024: 1.000 hồ sơ; Quý 2/2024: 1.200 hồ sơ. \
             Đã giải quyết — Quý 1/2024: 990 hồ sơ; Quý 2/2024: 1.180 hồ sơ."
        );
        assert!(
            charts[1]
                .alt
                .starts_with("Biểu đồ đường: Kết quả giải quyết hồ sơ: tỷ lệ. Tỷ lệ đúng hạn — Quý 1/2024: 98,99%;"),
            "{}",
            charts[1].alt
        );
        assert!(
            charts[1]
                .alt
                .contains("Tỷ lệ hài lòng — Quý 1/2024: 98,50%; Quý 2/2024: 99,50%.")
        );
        let spec = ChartSpec {
            kind: ChartKind::Line,
            x: "period".into(),
            y: vec!["online_share".into()],
        };
        assert_eq!(validate_chart(&t, &spec), Ok(()));
        let c = t.charts("Trực tuyến", "", Some(&spec));
        assert_eq!(
            c[0].alt,
            "Biểu đồ đường: Trực tuyến. Tỷ lệ trực tuyến — Quý 1/2024: 40,00%; Quý 2/2024: 50,00%."
        );
        let bad = ChartSpec {
            kind: ChartKind::Line,
            x: "period".into(),
            y: vec!["recieved".into()],
        };
        assert!(
            validate_chart(&t, &bad)
                .unwrap_err()
                .contains("did you mean \"received\"?")
        );
    }

    #[test]
    fn csv_and_json_exports() {
        let (t, _) = ok(REPORT);
        let csv = t.to_csv();
        assert_eq!(
            csv,
            "period,received,resolved_early,resolved_on_time,resolved_late,resolved,pending,online,on_time_rate,online_share,satisfaction\n\
             2024-Q1,1000,600,380,10,990,10,400,98.99,40.00,98.5\n\
             2024-Q2,1200,700,480,0,1180,20,600,100.00,50.00,99.5\n"
        );
        let json = serde_json::to_string(&t.to_json()).unwrap();
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back[0]["period"], "2024-Q1");
        assert_eq!(back[0]["resolved"], 990);
        assert_eq!(back[0]["on_time_rate"], 98.99);
        assert_eq!(back[1]["on_time_rate"], 100.0);
        assert_eq!(back[0]["online_share"], 40.0);
        assert_eq!(back[1]["satisfaction"], 99.5);
        assert_eq!(t.to_csv(), csv, "deterministic");

        let (g, _) = ok("Năm,Dân số,Ghi chú\n2022,\"12.345\",\"ước, tính\"\n2023,-,\n");
        assert_eq!(g.to_csv(), "Năm,Dân số,Ghi chú\n2022,12.345,\"ước, tính\"\n2023,-,\n");
        let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&g.to_json()).unwrap()).unwrap();
        assert_eq!(back[0]["Dân số"], 12345);
        assert_eq!(back[0]["Ghi chú"], "ước, tính");
        assert!(back[1]["Dân số"].is_null() && back[1]["Ghi chú"].is_null());
    }
}
