//! Budget disclosure tables (công khai ngân sách, forms "CK-NSNN" of Circular 343/2016/TT-BTC).
//!
//! A budget CSV has a header row of display titles, then one row per line item:
//!
//! | column | content |
//! |---|---|
//! | 1st | the row code: `A`, `B`, `I`, `II`, `1`, `1.1`, `1.1.2`, `a`, `-`, `+`, or empty |
//! | 2nd | the item name |
//! | the rest | numbers: `1234.5`, `1.234,5` or `1,234.5`; empty, `-` or `–` for no value |
//! | `level` (optional, anywhere) | the row's depth, 1 for top-level rows; replaces codes for the hierarchy and is not shown |
//!
//! # Hierarchy from codes
//!
//! Code kinds rank, from the top:
//! 1. capital letters (`A`, `B`, also `Đ`),
//! 2. Roman numerals (`I`, `II`),
//! 3. Arabic numbers (`1`),
//! 4. dotted numbers (`1.1`, then `1.1.1`),
//! 5. lowercase letters (`a`),
//! 6. dash bullets (`-`), then plus bullets (`+`).
//!
//! A trailing `.` or `)` and surrounding parentheses are ignored (`1.`, `a)`, `(a)`). Each coded row is a child of the nearest row above it of a
//! higher kind, so levels are relative: a table without letters starts at Roman as level 0, and
//! an `a` right under a `1` is one level below it.
//!
//! A single capital that is also a Roman numeral (`I`, `V`, `X`, `L`, `C`, `D`, `M`) is a letter
//! when it continues the table's letters (`I` right after section `H`, `C` after `B`), unless the
//! next capital code shows it starts or continues Roman numbering (`II` follows); otherwise `I`,
//! `V` and `X` are Roman numerals and the others letters.
//!
//! Rows without a recognised code (empty, `*`, free text) are details:
//! - before the first coded row (a leading "TỔNG SỐ" line), they are level-0 summary rows, left
//!   out of [`BudgetTable::top_level`] when coded top-level rows exist;
//! - after it, they are children of the last coded row, one level below it.
//!
//! # Sums
//!
//! For each parent and each number column that is not a percentage, the parent's value is
//! compared with the sum of its coded direct children that have a value; a difference larger
//! than half a unit of the coarsest decimal place written among those cells (0.5 for whole
//! numbers) is a warning naming the parent's line and column. Detail rows (no code) are not
//! summed, and neither are the children of a row followed by a "Trong đó" (of which) row, which
//! announces a partial breakdown. With a `level` column every child is summed.
//!
//! Columns whose title contains `%`, "tỷ lệ" (or "tỉ lệ"), or "so sánh" without "tuyệt đối"
//! hold percentages: never summed, shown with `%`, and a trailing `%` in their cells is accepted.

mod levels;
mod sums;
#[cfg(test)]
mod tests;

use serde::Serialize;

use super::chart::{Chart, bar_chart};
use super::csv_cell;
use super::decimal::{CellNumber, Convention, Decimal, read_numbers};
use super::records::{header_line, read_records};
use crate::diag::Diagnostic;
use crate::text::fold_diacritics;
use levels::{levels_from_codes, levels_from_column};
use sums::check_sums;

const NUMBER_HINT: &str = "write 1234.5 or 1.234,5; leave empty or write - for no value";

/// A parsed budget table.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetTable {
    /// Display titles of the shown columns: code, name, then each value column (the `level`
    /// column is not shown). An empty code or name title becomes "STT" or "Nội dung".
    pub headers: Vec<String>,
    /// The value columns, in order.
    pub columns: Vec<ValueColumn>,
    /// The rows, in file order.
    pub rows: Vec<BudgetRow>,
}

/// A column of numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct ValueColumn {
    /// Display title from the header row.
    pub title: String,
    /// Most decimals written in any cell of the column: every cell is shown with this many.
    pub decimals: usize,
    /// A percentage column: not summed, shown with `%`.
    pub percent: bool,
    /// 1-based position of the column in the CSV file.
    pub source_column: usize,
}

/// One line item.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetRow {
    /// 1-based line in the CSV file.
    pub line: usize,
    /// The code as written (trimmed), possibly empty.
    pub code: String,
    /// The item name.
    pub name: String,
    /// Depth in the hierarchy, 0 for top-level rows.
    pub level: usize,
    /// Index (in [`BudgetTable::rows`]) of the parent row.
    pub parent: Option<usize>,
    /// A row without a recognised code, see the module documentation.
    pub detail: bool,
    /// One value per value column; `None` for an empty cell or `-`.
    pub values: Vec<Option<Decimal>>,
}

/// A table ready for a template: every number already formatted the Vietnamese way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableView {
    /// Column titles: code, name, then the value columns.
    pub headers: Vec<String>,
    /// The rows, in order.
    pub rows: Vec<RowView>,
}

/// One row of a [`TableView`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RowView {
    /// The code as written.
    pub code: String,
    /// The item name.
    pub name: String,
    /// Depth, 0 for top-level rows (for indentation).
    pub level: usize,
    /// Whether other rows belong to this one (usually shown bold).
    pub is_parent: bool,
    /// One cell per value column.
    pub cells: Vec<CellView>,
}

/// One number cell of a [`RowView`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellView {
    /// `12.345,6`, `98,5%`, or `–` for no value.
    pub text: String,
    /// The value, for charts or sorting.
    pub value: Option<f64>,
}

impl BudgetTable {
    /// Titles of the value columns.
    pub fn value_titles(&self) -> Vec<&str> {
        self.columns.iter().map(|c| c.title.as_str()).collect()
    }

    /// Decimals shown per value column (the most written in that column).
    pub fn decimals(&self) -> Vec<usize> {
        self.columns.iter().map(|c| c.decimals).collect()
    }

    /// Whether row `index` has children.
    pub fn is_parent(&self, index: usize) -> bool {
        self.rows.iter().any(|r| r.parent == Some(index))
    }

    /// The table formatted for a template.
    pub fn view(&self) -> TableView {
        let mut has_children = vec![false; self.rows.len()];
        for p in self.rows.iter().filter_map(|r| r.parent) {
            has_children[p] = true;
        }
        let rows = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| RowView {
                code: row.code.clone(),
                name: row.name.clone(),
                level: row.level,
                is_parent: has_children[i],
                cells: row
                    .values
                    .iter()
                    .zip(&self.columns)
                    .map(|(v, col)| CellView {
                        text: match v {
                            Some(v) if col.percent => format!("{}%", v.to_vietnamese(col.decimals)),
                            Some(v) => v.to_vietnamese(col.decimals),
                            None => "–".to_owned(),
                        },
                        value: v.map(Decimal::to_f64),
                    })
                    .collect(),
            })
            .collect();
        TableView {
            headers: self.headers.clone(),
            rows,
        }
    }

    /// The table as clean CSV: a header `code,name,level,<value titles>`, then one line per
    /// row with the level counted from 1 (like an input `level` column, so the file can be read
    /// back by [`parse`]) and values in plain notation (`1234.5`, empty for no value).
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        let mut header = vec!["code".to_owned(), "name".to_owned(), "level".to_owned()];
        header.extend(self.columns.iter().map(|c| c.title.clone()));
        // Writing to a Vec cannot fail.
        let _ = csv_cell::write_record(&mut w, &header);
        for row in &self.rows {
            let mut record = vec![row.code.clone(), row.name.clone(), (row.level + 1).to_string()];
            record.extend(row.values.iter().map(|v| v.map(Decimal::to_plain).unwrap_or_default()));
            let _ = csv_cell::write_record(&mut w, &record);
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }

    /// The table as JSON: an array with one object per row holding `code`, `name`, `level`
    /// (from 1, as in [`to_csv`](Self::to_csv)) and each value under its column title, as a
    /// number or `null`.
    pub fn to_json(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut obj = serde_json::Map::new();
                obj.insert("code".into(), row.code.clone().into());
                obj.insert("name".into(), row.name.clone().into());
                obj.insert("level".into(), (row.level + 1).into());
                for (col, v) in self.columns.iter().zip(&row.values) {
                    obj.insert(col.title.clone(), v.map_or(serde_json::Value::Null, json_number));
                }
                serde_json::Value::Object(obj)
            })
            .collect();
        serde_json::Value::Array(rows)
    }

    /// The top-level rows for a chart: (label, one value per value column). Leading summary
    /// rows ("TỔNG SỐ") are left out when the table has coded top-level rows.
    pub fn top_level(&self) -> Vec<(String, Vec<Option<f64>>)> {
        let tops: Vec<&BudgetRow> = self.rows.iter().filter(|r| r.level == 0).collect();
        let has_coded = tops.iter().any(|r| !r.detail);
        tops.into_iter()
            .filter(|r| !has_coded || !r.detail)
            .map(|r| {
                let label = if r.name.is_empty() {
                    r.code.clone()
                } else {
                    r.name.clone()
                };
                (label, r.values.iter().map(|v| v.map(Decimal::to_f64)).collect())
            })
            .collect()
    }

    /// A bar chart of the top-level rows, one series per value column that is not a
    /// percentage. `None` when there is nothing to draw.
    pub fn chart(&self, title: &str, unit: &str) -> Option<Chart> {
        let tops = self.top_level();
        let labels: Vec<String> = tops.iter().map(|(l, _)| l.clone()).collect();
        let series: Vec<(String, Vec<Option<f64>>)> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.percent)
            .map(|(i, c)| (c.title.clone(), tops.iter().map(|(_, v)| v[i]).collect()))
            .collect();
        let any_value = series.iter().any(|(_, v)| v.iter().any(Option::is_some));
        any_value.then(|| bar_chart(title, &labels, &series, unit))
    }
}

/// A decimal as a JSON number: an integer when whole, else the nearest double.
fn json_number(v: Decimal) -> serde_json::Value {
    let plain = v.to_plain();
    if let Ok(i) = plain.parse::<i64>() {
        return i.into();
    }
    serde_json::Number::from_f64(v.to_f64()).map_or(serde_json::Value::Null, Into::into)
}

/// Whether a column title announces percentages.
pub fn is_percent_title(title: &str) -> bool {
    let folded = fold_diacritics(title).to_lowercase();
    title.contains('%')
        || folded.contains("ty le")
        || folded.contains("ti le")
        || (folded.contains("so sanh") && !folded.contains("tuyet doi"))
}

/// Parses a budget CSV. `path` is the site-relative path used in messages; `text` is the file
/// without BOM. Returns the table when there is no error, and every problem found.
pub fn parse(path: &str, text: &str) -> (Option<BudgetTable>, Vec<Diagnostic>) {
    let (records, mut diags) = read_records(path, text);
    let header_line = header_line(text);

    // Columns: an optional `level` column anywhere; the others are code, name, values.
    let level_cols: Vec<usize> = records
        .headers
        .iter()
        .enumerate()
        .filter(|(_, h)| h.eq_ignore_ascii_case("level"))
        .map(|(i, _)| i)
        .collect();
    for &extra in level_cols.iter().skip(1) {
        diags.push(
            Diagnostic::error(path, header_line, extra + 1, "a second `level` column")
                .with_hint("keep one `level` column"),
        );
    }
    let level_col = level_cols.first().copied();
    let shown: Vec<usize> = (0..records.headers.len()).filter(|i| Some(*i) != level_col).collect();
    if records.headers.is_empty() {
        return (None, diags);
    }
    if shown.len() < 3 {
        diags.push(
            Diagnostic::error(
                path,
                header_line,
                1,
                format!(
                    "a budget table needs a code column, a name column and at least one column of numbers, but this one has {} column{}",
                    shown.len(),
                    if shown.len() == 1 { "" } else { "s" }
                ),
            )
            .with_hint("the header row should look like: STT,Nội dung,Dự toán năm 2025"),
        );
        return (None, diags);
    }
    let (code_col, name_col) = (shown[0], shown[1]);
    let value_cols = &shown[2..];
    let mut headers = vec![
        non_empty(&records.headers[code_col], "STT"),
        non_empty(&records.headers[name_col], "Nội dung"),
    ];
    let mut columns = Vec::new();
    for &c in value_cols {
        let title = records.headers[c].clone();
        if title.is_empty() {
            diags.push(
                Diagnostic::error(path, header_line, c + 1, format!("column {} has no title", c + 1))
                    .with_hint("every column of numbers needs a title in the header row"),
            );
        } else if let Some(first) = columns.iter().find(|col: &&ValueColumn| col.title == title) {
            diags.push(
                Diagnostic::error(
                    path,
                    header_line,
                    c + 1,
                    format!(
                        "column title \"{title}\" is already used by column {}",
                        first.source_column
                    ),
                )
                .with_hint("give each column its own title, e.g. \"Dự toán - Tổng số\" and \"Thực hiện - Tổng số\""),
            );
        } else if ["code", "name"].contains(&title.to_lowercase().as_str()) {
            diags.push(
                Diagnostic::error(
                    path,
                    header_line,
                    c + 1,
                    format!("a column of numbers cannot be titled \"{title}\""),
                )
                .with_hint("\"code\" and \"name\" are the keys of the row code and name in the downloads; choose another title"),
            );
        }
        headers.push(title.clone());
        columns.push(ValueColumn {
            percent: is_percent_title(&title),
            title,
            decimals: 0,
            source_column: c + 1,
        });
    }
    if records.rows.is_empty() && !diags.iter().any(Diagnostic::is_error) {
        diags.push(
            Diagnostic::error(path, header_line, 1, "the table has no rows")
                .with_hint("add the rows of the budget form below the header row"),
        );
    }

    // Numbers, read together so that the whole file follows one convention.
    let mut raw_cells: Vec<String> = Vec::new();
    for (_, cells) in &records.rows {
        for col in &columns {
            let cell = cells[col.source_column - 1].as_str();
            let cell = if col.percent {
                let t = cell.trim();
                t.strip_suffix('%').unwrap_or(t).trim_end()
            } else {
                cell
            };
            raw_cells.push(cell.to_owned());
        }
    }
    let numbers = read_numbers(&raw_cells, None);
    let width = columns.len();
    let position = |k: usize| (records.rows[k / width].0, &columns[k % width]);
    let mut reported_conflict = false;
    let mut warned_guess = false;
    let mut values: Vec<Vec<Option<(Decimal, usize)>>> = Vec::with_capacity(records.rows.len());
    for (r, (_, cells)) in records.rows.iter().enumerate() {
        let mut row = Vec::with_capacity(width);
        for (c, col) in columns.iter().enumerate() {
            let k = r * width + c;
            let (line, _) = position(k);
            let cell = &cells[col.source_column - 1];
            match numbers.cells[k] {
                CellNumber::Empty => row.push(None),
                CellNumber::Value(w) => {
                    if numbers.guessed && !warned_guess && cell.contains(',') && !cell.contains('.') {
                        warned_guess = true;
                        diags.push(
                            Diagnostic::warning(
                                path,
                                line,
                                col.source_column,
                                format!(
                                    "\"{cell}\" in column \"{}\" could be a thousand or a decimal; it is read as {} because other numbers of this file group thousands with dots",
                                    col.title,
                                    w.value.to_vietnamese(w.decimals)
                                ),
                            )
                            .with_hint("write at least one number with decimals (1.234,5) so the file's convention is clear"),
                        );
                    }
                    row.push(Some((w.value, w.decimals)));
                }
                CellNumber::Invalid => {
                    diags.push(
                        Diagnostic::error(
                            path,
                            line,
                            col.source_column,
                            format!("\"{cell}\" is not a number in column \"{}\"", col.title),
                        )
                        .with_hint(if col.percent {
                            format!("{NUMBER_HINT}; a % sign is allowed in this column")
                        } else {
                            NUMBER_HINT.to_owned()
                        }),
                    );
                    row.push(None);
                }
                CellNumber::Conflict { first } => {
                    if !reported_conflict {
                        reported_conflict = true;
                        let (first_line, first_col) = position(first);
                        let first_cell = &records.rows[first / width].1[first_col.source_column - 1];
                        let (this, that) = match numbers.convention {
                            Convention::Comma => ("a decimal point", "a decimal comma"),
                            Convention::Point => ("a decimal comma", "a decimal point"),
                        };
                        diags.push(
                            Diagnostic::error(
                                path,
                                line,
                                col.source_column,
                                format!(
                                    "\"{cell}\" in column \"{}\" is written with {this}, but \"{first_cell}\" at line {first_line}, column {} is written with {that}",
                                    col.title, first_col.source_column
                                ),
                            )
                            .with_hint(format!(
                                "write every number of a file the same way, here like {}",
                                numbers.convention.example()
                            )),
                        );
                    }
                    row.push(None);
                }
            }
        }
        values.push(row);
    }
    for (c, col) in columns.iter_mut().enumerate() {
        col.decimals = values
            .iter()
            .filter_map(|row| row[c].map(|(_, d)| d))
            .max()
            .unwrap_or(0);
    }

    // Hierarchy.
    let mut rows: Vec<BudgetRow> = records
        .rows
        .iter()
        .zip(&values)
        .map(|((line, cells), vals)| BudgetRow {
            line: *line,
            code: cells[code_col].clone(),
            name: cells[name_col].clone(),
            level: 0,
            parent: None,
            detail: false,
            values: vals.iter().map(|v| v.map(|(d, _)| d)).collect(),
        })
        .collect();
    match level_col {
        Some(lc) => {
            let title = records.headers[lc].clone();
            levels_from_column(path, &records.rows, lc, &title, &mut rows, &mut diags);
        }
        None => levels_from_codes(&mut rows),
    }

    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    check_sums(path, &rows, &columns, &values, &mut diags);
    (Some(BudgetTable { headers, columns, rows }), diags)
}

fn non_empty(s: &str, default: &str) -> String {
    if s.is_empty() { default.to_owned() } else { s.to_owned() }
}
