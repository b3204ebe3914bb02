//! Dossier reports: counts per period (and unit), their derived rates, and parsing them.

use super::{DOSSIER_COLUMNS, OPTIONAL_DOSSIER_COLUMNS, Period};
use crate::diag::Diagnostic;
use crate::numbers::{group_int, parse_integer};
use crate::tables::decimal::{Reading, classify};
use crate::text::closest;

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
    pub(super) fn metrics(&self) -> Vec<(&'static str, &'static str, bool)> {
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
pub(super) fn metric(f: &Figures, name: &str) -> Option<f64> {
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

pub(super) fn parse_dossier(
    path: &str,
    header_line: usize,
    records: &crate::tables::records::Records,
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
