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

mod charts;
mod dossier;
mod export;
mod period;
#[cfg(test)]
mod tests;
mod view;

pub use charts::{ChartKind, ChartSpec, validate_chart};
pub use dossier::{DossierReport, DossierRow, Figures};
pub use period::Period;
pub use view::{StatsRowView, StatsView, SummaryView};

use super::decimal::{CellNumber, Decimal, read_numbers};
use super::records::{header_line, read_records};
use crate::diag::Diagnostic;
use crate::text::closest;
use dossier::parse_dossier;

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

/// Parses a statistics CSV. `path` is the site-relative path used in messages; `text` is the
/// file without BOM. Returns the table when there is no error, and every problem found.
pub fn parse(path: &str, text: &str) -> (Option<StatsTable>, Vec<Diagnostic>) {
    let (records, mut diags) = read_records(path, text);
    let header_line = header_line(text);
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

fn parse_generic(records: &crate::tables::records::Records) -> GenericTable {
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
