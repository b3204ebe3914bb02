//! Charts of a statistics table: the spec a generic table declares, and drawing them.

use serde::{Deserialize, Serialize};

use super::StatsTable;
use super::dossier::metric;
use crate::tables::chart::{Chart, bar_chart, line_chart};
use crate::text::closest;

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

impl StatsTable {
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
