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

use serde::Serialize;

use super::chart::{Chart, bar_chart};
use super::csv_cell;
use super::decimal::{CellNumber, Convention, Decimal, SCALE, read_numbers};
use super::records::read_records;
use crate::diag::Diagnostic;
use crate::numbers::parse_integer;
use crate::text::fold_diacritics;

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
    let header_line = 1 + text
        .bytes()
        .take_while(|b| *b == b'\n' || *b == b'\r')
        .filter(|b| *b == b'\n')
        .count();

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

/// Levels from an explicit `level` column: 1 for top-level rows, at most one deeper than the
/// row above.
fn levels_from_column(
    path: &str,
    records: &[(usize, Vec<String>)],
    col: usize,
    title: &str,
    rows: &mut [BudgetRow],
    diags: &mut Vec<Diagnostic>,
) {
    let mut stack: Vec<usize> = Vec::new();
    let mut previous = 0usize;
    for (i, (line, cells)) in records.iter().enumerate() {
        let cell = cells[col].as_str();
        let level = match parse_integer(cell) {
            Some(l) if l >= 1 => l as usize,
            _ => {
                diags.push(
                    Diagnostic::error(
                        path,
                        *line,
                        col + 1,
                        format!("\"{cell}\" is not a level in column \"{title}\""),
                    )
                    .with_hint("write a whole number: 1 for top-level rows, 2 for their parts, and so on"),
                );
                previous.max(1)
            }
        };
        if level > previous + 1 {
            diags.push(
                Diagnostic::error(
                    path,
                    *line,
                    col + 1,
                    if previous == 0 {
                        format!("the first row is at level {level}")
                    } else {
                        format!("level {level} is more than one level below the row above (level {previous})")
                    },
                )
                .with_hint("levels start at 1 and a row can be at most one level deeper than the row above"),
            );
        }
        while stack.len() >= level {
            stack.pop();
        }
        rows[i].level = stack.len();
        rows[i].parent = stack.last().copied();
        stack.push(i);
        previous = level;
    }
}

/// What a row code says about its place in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Code {
    /// No recognised code.
    None,
    /// A capital letter (index in the alphabet).
    Letter(char),
    /// A Roman numeral (its value).
    Roman(u32),
    /// A capital that is both a letter and a Roman numeral, resolved later.
    LetterOrRoman(char),
    Arabic,
    /// Dotted numbers with this many dots.
    Dotted(usize),
    Lower,
    Dash,
    Plus,
}

impl Code {
    /// Rank: lower is higher in the hierarchy.
    fn rank(self) -> usize {
        match self {
            Code::Letter(_) | Code::LetterOrRoman(_) => 0,
            Code::Roman(_) => 1,
            Code::Arabic => 2,
            Code::Dotted(d) => 2 + d,
            Code::Lower => 1000,
            Code::Dash => 1001,
            Code::Plus => 1002,
            Code::None => usize::MAX,
        }
    }
}

/// The Vietnamese alphabet's capitals, for "next letter" checks (`Ư` comes before `V`).
const VIETNAMESE_CAPITALS: &str = "AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY";

fn classify_code(raw: &str) -> Code {
    let mut s = raw.trim();
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        s = inner.trim();
    }
    if s.len() > 1 {
        s = s.strip_suffix(['.', ')']).unwrap_or(s);
    }
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [] => Code::None,
        ['-' | '–' | '—' | '•'] => Code::Dash,
        ['+'] => Code::Plus,
        [c] if "IVXLCDM".contains(*c) => Code::LetterOrRoman(*c),
        [c] if c.is_ascii_uppercase() || VIETNAMESE_CAPITALS.contains(*c) => Code::Letter(*c),
        [c] if c.is_lowercase() && c.is_alphabetic() => Code::Lower,
        _ if s.bytes().all(|b| b.is_ascii_digit()) => Code::Arabic,
        _ if s
            .split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Code::Dotted(s.matches('.').count())
        }
        _ => roman_value(s).map_or(Code::None, Code::Roman),
    }
}

/// The value of a Roman numeral written in canonical form (`IV`, not `IIII`), 1..=3999.
fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let digits: Vec<u32> = s.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, d) in digits.iter().enumerate() {
        if digits.get(i + 1).is_some_and(|next| next > d) {
            total -= *d as i64;
        } else {
            total += *d as i64;
        }
    }
    let value = u32::try_from(total).ok().filter(|v| (1..4000).contains(v))?;
    (to_roman(value) == s).then_some(value)
}

fn to_roman(mut v: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (n, s) in TABLE {
        while v >= n {
            out.push_str(s);
            v -= n;
        }
    }
    out
}

/// Whether capital `c` comes right after `prev`, in the Latin or the Vietnamese alphabet.
fn letter_follows(prev: char, c: char) -> bool {
    let latin = prev.is_ascii_uppercase() && c.is_ascii_uppercase() && prev as u32 + 1 == c as u32;
    let vn: Vec<char> = VIETNAMESE_CAPITALS.chars().collect();
    let pos = |x: char| vn.iter().position(|&y| y == x);
    latin || matches!((pos(prev), pos(c)), (Some(a), Some(b)) if a + 1 == b)
}

/// Decides each `I`/`V`/`X`/`L`/`C`/`D`/`M` code between letter and Roman numeral.
fn resolve_capitals(codes: &mut [Code]) {
    let mut last_letter: Option<char> = None;
    let mut last_roman = 0u32;
    for i in 0..codes.len() {
        if let Code::LetterOrRoman(c) = codes[i] {
            let value = roman_value(&c.to_string()).unwrap_or(0);
            let letter_next = last_letter.is_some_and(|l| letter_follows(l, c));
            let roman_next = value == 1 || value == last_roman + 1;
            codes[i] = match (letter_next, roman_next) {
                (true, false) => Code::Letter(c),
                (false, true) => Code::Roman(value),
                (false, false) if "IVX".contains(c) => Code::Roman(value),
                (false, false) => Code::Letter(c),
                (true, true) => {
                    // Look at the next capital code to decide.
                    let next = codes[i + 1..].iter().find_map(|k| match *k {
                        Code::Letter(n) | Code::LetterOrRoman(n) => Some(Err(n)),
                        Code::Roman(v) => Some(Ok(v)),
                        _ => None,
                    });
                    let next_roman = match next {
                        Some(Ok(v)) => Some(v),
                        Some(Err(n)) => roman_value(&n.to_string()),
                        None => None,
                    };
                    if next_roman == Some(value + 1) {
                        Code::Roman(value)
                    } else if matches!(next, Some(Err(n)) if letter_follows(c, n)) {
                        Code::Letter(c)
                    } else if last_roman > 0 && value == last_roman + 1 {
                        Code::Roman(value)
                    } else {
                        Code::Letter(c)
                    }
                }
            };
        }
        match codes[i] {
            Code::Letter(c) => {
                last_letter = Some(c);
                last_roman = 0;
            }
            Code::Roman(v) => last_roman = v,
            _ => {}
        }
    }
}

/// Levels from row codes, see the module documentation.
fn levels_from_codes(rows: &mut [BudgetRow]) {
    let mut codes: Vec<Code> = rows.iter().map(|r| classify_code(&r.code)).collect();
    resolve_capitals(&mut codes);
    let mut stack: Vec<(usize, usize)> = Vec::new(); // (rank, row index)
    for (i, code) in codes.iter().enumerate() {
        if *code == Code::None {
            rows[i].detail = true;
            rows[i].parent = stack.last().map(|(_, p)| *p);
            rows[i].level = stack.len();
            continue;
        }
        let rank = code.rank();
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            stack.pop();
        }
        rows[i].level = stack.len();
        rows[i].parent = stack.last().map(|(_, p)| *p);
        stack.push((rank, i));
    }
}

/// Whether a row name announces a partial breakdown: "Trong đó", "Trong đó: chi …", also
/// "trong do:" typed without accents (but not "Trong đô thị").
fn announces_part(name: &str) -> bool {
    let lower = name.to_lowercase();
    let lower = lower.trim_start_matches(['-', '*', '(', ' ']);
    let folded = fold_diacritics(lower);
    lower.starts_with("trong đó") || folded.trim_end() == "trong do" || folded.starts_with("trong do:")
}

/// Warns about parents whose children do not add up, see the module documentation.
fn check_sums(
    path: &str,
    rows: &[BudgetRow],
    columns: &[ValueColumn],
    values: &[Vec<Option<(Decimal, usize)>>],
    diags: &mut Vec<Diagnostic>,
) {
    // Parents announcing a partial breakdown with a "Trong đó" row.
    let partial: Vec<usize> = rows
        .iter()
        .filter(|r| announces_part(&r.name))
        .filter_map(|r| r.parent)
        .collect();
    for (p, parent) in rows.iter().enumerate() {
        if partial.contains(&p) {
            continue;
        }
        let children: Vec<usize> = (p + 1..rows.len())
            .filter(|&i| rows[i].parent == Some(p) && !rows[i].detail)
            .collect();
        if children.is_empty() {
            continue;
        }
        for (c, col) in columns.iter().enumerate() {
            let Some((total, total_decimals)) = values[p][c] else {
                continue;
            };
            if col.percent {
                continue;
            }
            let parts: Vec<(Decimal, usize)> = children.iter().filter_map(|&i| values[i][c]).collect();
            if parts.is_empty() {
                continue;
            }
            let sum: Decimal = parts.iter().map(|(v, _)| *v).sum();
            let coarsest = parts.iter().map(|(_, d)| *d).chain([total_decimals]).min().unwrap_or(0);
            let tolerance = if coarsest >= SCALE {
                Decimal::ZERO
            } else {
                Decimal::from_scaled(5, coarsest + 1)
            };
            if (sum - total).abs() > tolerance {
                let who = if parent.code.is_empty() {
                    format!("row \"{}\"", parent.name)
                } else {
                    format!("row {} \"{}\"", parent.code, parent.name)
                };
                diags.push(
                    Diagnostic::warning(
                        path,
                        parent.line,
                        col.source_column,
                        format!(
                            "{who} is {} but the {} row{} below it add up to {} in column \"{}\"",
                            total.to_vietnamese(col.decimals),
                            parts.len(),
                            if parts.len() == 1 { "" } else { "s" },
                            sum.to_vietnamese(col.decimals),
                            col.title
                        ),
                    )
                    .with_hint("check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "content/ngan-sach/a.csv";

    fn ok(text: &str) -> (BudgetTable, Vec<String>) {
        let (t, d) = parse(PATH, text);
        let msgs: Vec<String> = d.iter().map(ToString::to_string).collect();
        (t.unwrap_or_else(|| panic!("no table: {msgs:?}")), msgs)
    }

    fn errors(text: &str) -> Vec<String> {
        let (t, d) = parse(PATH, text);
        assert!(t.is_none(), "a table despite errors");
        d.iter().map(ToString::to_string).collect()
    }

    fn levels(t: &BudgetTable) -> Vec<(String, usize)> {
        t.rows.iter().map(|r| (r.code.clone(), r.level)).collect()
    }

    fn texts(t: &BudgetTable) -> Vec<Vec<String>> {
        t.view()
            .rows
            .into_iter()
            .map(|r| r.cells.into_iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn plain_numbers() {
        let (t, w) = ok("STT,Nội dung,Dự toán\n1,Thu,1234.5\n2,Chi,-\n3,Khác,\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1234.5"));
        assert_eq!(t.rows[1].values[0], None);
        assert_eq!(t.rows[2].values[0], None);
        assert_eq!(texts(&t), vec![vec!["1.234,5"], vec!["–"], vec!["–"]]);
        assert_eq!(t.decimals(), vec![1]);
    }

    #[test]
    fn vietnamese_numbers() {
        let (t, _) = ok("STT,Nội dung,Dự toán,Thực hiện\n1,Thu,\"1.234,5\",1.000\n2,Chi,–,\"12,25\"\n");
        assert_eq!(
            t.rows[0].values,
            vec![Decimal::parse_plain("1234.5"), Decimal::parse_plain("1000")]
        );
        assert_eq!(t.rows[1].values[1], Decimal::parse_plain("12.25"));
        assert_eq!(texts(&t), vec![vec!["1.234,5", "1.000,00"], vec!["–", "12,25"]]);
    }

    #[test]
    fn point_numbers_with_comma_grouping() {
        let (t, _) = ok("STT,Nội dung,Dự toán\n1,Thu,\"1,234.5\"\n2,Chi,\"1,000\"\n");
        assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1234.5"));
        assert_eq!(t.rows[1].values[0], Decimal::parse_plain("1000"));
    }

    #[test]
    fn ambiguous_numbers_follow_the_file() {
        // Alone, `1.234` groups thousands.
        let (t, _) = ok("STT,Nội dung,A\n1,Thu,1.234\n");
        assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1234"));
        // With `7.5` elsewhere, the file uses a decimal point.
        let (t, _) = ok("STT,Nội dung,A\n1,Thu,1.234\n2,Chi,7.5\n");
        assert_eq!(t.rows[0].values[0], Decimal::parse_plain("1.234"));
        // Both shapes and nothing to decide: Vietnamese, with a warning.
        let (t, w) = ok("STT,Nội dung,A,B\n1,Thu,1.234,\"5,678\"\n");
        assert_eq!(t.rows[0].values[1], Decimal::parse_plain("5.678"));
        assert_eq!(w.len(), 1);
        assert!(w[0].starts_with("content/ngan-sach/a.csv:2:4: warning: \"5,678\" in column \"B\" could be a thousand or a decimal; it is read as 5,678"), "{w:?}");
    }

    #[test]
    fn mixed_conventions_are_an_error_at_the_first_conflict() {
        let e = errors("STT,Nội dung,A,B\n1,Thu,\"1.234,5\",1\n2,Chi,3,\"1,234.5\"\n3,Khác,\"9,000.5\",1\n");
        assert_eq!(
            e,
            vec![
                "content/ngan-sach/a.csv:3:4: \"1,234.5\" in column \"B\" is written with a decimal point, but \"1.234,5\" at line 2, column 3 is written with a decimal comma (write every number of a file the same way, here like 1.234,5)"
            ]
        );
    }

    #[test]
    fn bad_cells_name_line_and_column() {
        let e = errors(
            "STT,Nội dung,Dự toán năm 2024,Dự toán năm 2025\n1,Thu,1,2\n2,Chi,3,4\n\n3,Khác,5,6\n4,A,7,8\n5,B,9,\"12,3,4\"\n6,C,abc,1\n",
        );
        assert_eq!(
            e,
            vec![
                "content/ngan-sach/a.csv:7:4: \"12,3,4\" is not a number in column \"Dự toán năm 2025\" (write 1234.5 or 1.234,5; leave empty or write - for no value)",
                "content/ngan-sach/a.csv:8:3: \"abc\" is not a number in column \"Dự toán năm 2024\" (write 1234.5 or 1.234,5; leave empty or write - for no value)",
            ]
        );
        let e = errors("STT,Nội dung,Dự toán\n1,Thu,1\n2,Chi,3,4\n");
        assert_eq!(
            e,
            vec![
                "content/ngan-sach/a.csv:3:1: this row has 4 cells but the header has 3 (a cell containing a comma must be in double quotes)"
            ]
        );
        let e = errors("STT,Nội dung\n1,Thu\n");
        assert!(e[0].starts_with("content/ngan-sach/a.csv:1:1: a budget table needs a code column, a name column and at least one column of numbers"), "{e:?}");
        let e = errors("STT,Nội dung,A,A\n1,Thu,1,2\n");
        assert!(
            e[0].starts_with("content/ngan-sach/a.csv:1:4: column title \"A\" is already used by column 3"),
            "{e:?}"
        );
        let e = errors("STT,Nội dung,A\n");
        assert!(
            e[0].starts_with("content/ngan-sach/a.csv:1:1: the table has no rows"),
            "{e:?}"
        );
    }

    #[test]
    fn codes_give_levels() {
        let csv = "STT,Nội dung,Số tiền\n\
            ,TỔNG SỐ,100\n\
            A,Thu,100\n\
            I,Thu cân đối,100\n\
            1,Thu nội địa,60\n\
            1.1,Thuế,60\n\
            1.1.1,Thuế GTGT,60\n\
            a,Doanh nghiệp,60\n\
            -,Nhà nước,60\n\
            +,Trung ương,60\n\
            2.,Thu khác,40\n\
            a),Phí,40\n\
            II,Thu khác,0\n\
            B,Chi,90\n\
            I,Chi thường xuyên,90\n\
            ,Chi tiết,10\n\
            II,Dự phòng,0\n";
        let (t, w) = ok(csv);
        assert!(w.is_empty(), "{w:?}");
        let l: Vec<usize> = t.rows.iter().map(|r| r.level).collect();
        assert_eq!(l, vec![0, 0, 1, 2, 3, 4, 5, 6, 7, 2, 3, 1, 0, 1, 2, 1]);
        assert_eq!(t.rows[14].parent, Some(13));
        assert!(t.rows[14].detail && t.rows[0].detail);
        let view = t.view();
        assert!(view.rows[1].is_parent && !view.rows[8].is_parent);
        assert_eq!(view.rows[9].code, "2.");
        // The leading total is left out of the chart's rows.
        let tops: Vec<String> = t.top_level().into_iter().map(|(l, _)| l).collect();
        assert_eq!(tops, vec!["Thu", "Chi"]);
    }

    #[test]
    fn roman_numerals_start_without_letters() {
        let (t, _) =
            ok("STT,Nội dung,X\nI,Thu,1\n1,Thuế,1\nII,Chi,2\n1,Lương,2\na,Cơ sở,2\nIII,Khác,\nIV,Nữa,\nV,Cuối,\n");
        assert_eq!(
            levels(&t),
            [
                ("I", 0),
                ("1", 1),
                ("II", 0),
                ("1", 1),
                ("a", 2),
                ("III", 0),
                ("IV", 0),
                ("V", 0)
            ]
            .map(|(c, l)| (c.to_string(), l))
        );
    }

    #[test]
    fn capital_i_is_a_letter_after_h() {
        // Sections A..H, then I as a section with Roman children, then J.
        let mut csv = String::from("STT,Nội dung,X\n");
        for c in "ABCDEFGH".chars() {
            csv.push_str(&format!("{c},Mục {c},\n"));
        }
        csv.push_str("I,Mục I,\nI,La mã một,\nII,La mã hai,\nJ,Mục J,\n");
        let (t, _) = ok(&csv);
        let tail: Vec<(String, usize)> = levels(&t)[7..].to_vec();
        assert_eq!(
            tail,
            [("H", 0), ("I", 0), ("I", 1), ("II", 1), ("J", 0)].map(|(c, l)| (c.to_string(), l))
        );
        // After H, an I followed by II is Roman.
        let (t, _) = ok("STT,Nội dung,X\nG,g,\nH,h,\nI,một,\nII,hai,\n");
        assert_eq!(levels(&t)[2..], [("I".to_string(), 1), ("II".to_string(), 1)]);
        assert_eq!(classify_code("IV"), Code::Roman(4));
        assert_eq!(classify_code("IIII"), Code::None);
        assert_eq!(classify_code("(a)"), Code::Lower);
        assert_eq!(classify_code("Đ"), Code::Letter('Đ'));
        assert_eq!(classify_code("*"), Code::None);
    }

    #[test]
    fn level_column() {
        let (t, w) =
            ok("STT,Nội dung,level,Số tiền\nA,Tổng,1,10\n,Phần một,2,4\n,Phần hai,2,6\n,Chi tiết,3,6\nB,Khác,1,\n");
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.headers, vec!["STT", "Nội dung", "Số tiền"]);
        assert_eq!(t.rows.iter().map(|r| r.level).collect::<Vec<_>>(), vec![0, 1, 1, 2, 0]);
        assert_eq!(t.rows[3].parent, Some(2));
        let (_, w) = ok("STT,Nội dung,Level,Số tiền\nA,Tổng,1,10\n,Phần một,2,4\n");
        assert_eq!(
            w,
            vec![
                "content/ngan-sach/a.csv:2:4: warning: row A \"Tổng\" is 10 but the 1 row below it add up to 4 in column \"Số tiền\" (check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them)"
            ]
        );
        let e = errors("STT,Nội dung,level,Số tiền\nA,Tổng,1,10\n,Phần,3,4\n,Sai,x,1\n");
        assert_eq!(
            e,
            vec![
                "content/ngan-sach/a.csv:3:3: level 3 is more than one level below the row above (level 1) (levels start at 1 and a row can be at most one level deeper than the row above)",
                "content/ngan-sach/a.csv:4:3: \"x\" is not a level in column \"level\" (write a whole number: 1 for top-level rows, 2 for their parts, and so on)",
            ]
        );
    }

    #[test]
    fn sums_are_checked_with_rounding_tolerance() {
        let csv = "STT,Nội dung,Dự toán,Thực hiện\n\
            A,Tổng thu,100,\"50,5\"\n\
            1,Thuế,\"33,33\",\"20,3\"\n\
            2,Phí,\"33,33\",\"30,3\"\n\
            3,Khác,\"33,33\",-\n\
            B,Tổng chi,90,80\n\
            1,Lương,50,40\n\
            2,Khác,30,40\n";
        let (_, w) = ok(csv);
        assert_eq!(
            w,
            vec![
                "content/ngan-sach/a.csv:2:4: warning: row A \"Tổng thu\" is 50,5 but the 2 rows below it add up to 50,6 in column \"Thực hiện\" (check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them)",
                "content/ngan-sach/a.csv:6:3: warning: row B \"Tổng chi\" is 90,00 but the 2 rows below it add up to 80,00 in column \"Dự toán\" (check the numbers; when the rows below are only part of it, put a \"Trong đó\" row before them)",
            ]
        );
    }

    #[test]
    fn partial_breakdowns_and_details_are_not_summed() {
        let csv = "STT,Nội dung,Số tiền\n\
            1,Chi thường xuyên,1000\n\
            ,Trong đó:,\n\
            a,Giáo dục,400\n\
            b,Y tế,100\n\
            2,Chi đầu tư,500\n\
            ,Từ nguồn xổ số,200\n";
        let (t, w) = ok(csv);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t.rows[2].parent, Some(0));
        assert_eq!(t.rows[2].level, 1);
    }

    #[test]
    fn announced_parts() {
        assert!(announces_part("Trong đó:"));
        assert!(announces_part("- Trong đó: chi giáo dục"));
        assert!(announces_part("trong do:"));
        assert!(!announces_part("Trong đô thị"));
        assert!(!announces_part("Thu trong đó"));
        // Six decimals: no rounding tolerance left, and no panic.
        let (_, w) = ok("STT,Nội dung,A\n1,Tổng,0.000003\n1.1,Một,0.000001\n1.2,Hai,0.000001\n");
        assert_eq!(w.len(), 1, "{w:?}");
    }

    #[test]
    fn percentage_columns() {
        assert!(is_percent_title("So sánh (%)"));
        assert!(is_percent_title("Tỷ lệ thực hiện"));
        assert!(is_percent_title("TỶ LỆ"));
        assert!(is_percent_title("Tỉ lệ"));
        assert!(is_percent_title("So sánh dự toán"));
        assert!(!is_percent_title("So sánh tuyệt đối"));
        assert!(!is_percent_title("Dự toán"));
        let (t, w) = ok("STT,Nội dung,Dự toán,So sánh (%)\nA,Tổng,100,\"98,5\"\n1,Một,60,50%\n2,Hai,40,\"101,25 %\"\n");
        assert!(w.is_empty(), "percentages are not summed: {w:?}");
        assert!(t.columns[1].percent && !t.columns[0].percent);
        assert_eq!(
            texts(&t),
            vec![vec!["100", "98,50%"], vec!["60", "50,00%"], vec!["40", "101,25%"]]
        );
        let e = errors("STT,Nội dung,Tỷ lệ\n1,Một,50%%\n");
        assert!(
            e[0].ends_with(
                "(write 1234.5 or 1.234,5; leave empty or write - for no value; a % sign is allowed in this column)"
            ),
            "{e:?}"
        );
    }

    #[test]
    fn csv_and_json_exports_round_trip() {
        let csv = "STT,Nội dung,\"Dự toán, năm 2025\",Tỷ lệ (%)\n\
            A,\"Thu \"\"cân đối\"\"\",\"1.234,5\",\"99,5\"\n\
            1,Thuế,\"1.000\",\n\
            2,Phí,\"234,5\",-\n\
            B,Chi,-,\n";
        let (t, _) = ok(csv);
        let out = t.to_csv();
        assert_eq!(
            out,
            "code,name,level,\"Dự toán, năm 2025\",Tỷ lệ (%)\n\
             A,\"Thu \"\"cân đối\"\"\",1,1234.5,99.5\n\
             1,Thuế,2,1000,\n\
             2,Phí,2,234.5,\n\
             B,Chi,1,,\n"
        );
        assert_eq!(t.to_csv(), out, "deterministic");
        let (back, w) = ok(&out);
        assert!(w.is_empty(), "{w:?}");
        let strip = |t: &BudgetTable| {
            t.rows
                .iter()
                .map(|r| (r.code.clone(), r.name.clone(), r.level, r.values.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(strip(&back), strip(&t));

        let json = serde_json::to_string(&t.to_json()).unwrap();
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        let rows = parsed.as_array().unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0]["code"], "A");
        assert_eq!(rows[0]["name"], "Thu \"cân đối\"");
        assert_eq!(rows[0]["level"], 1);
        assert_eq!(rows[0]["Dự toán, năm 2025"], 1234.5);
        assert_eq!(rows[1]["Dự toán, năm 2025"], 1000);
        assert_eq!(rows[1]["level"], 2);
        assert!(rows[3]["Dự toán, năm 2025"].is_null());
        assert_eq!(serde_json::to_string(&t.to_json()).unwrap(), json, "deterministic");
    }

    #[test]
    fn view_and_chart() {
        let (t, _) = ok(
            "STT,Nội dung,Dự toán,Thực hiện,So sánh (%)\nA,Thu,\"12.345,6\",\"12.000\",\"97,2\"\n1,Thuế,\"12.345,6\",\"12.000\",\n B ,Chi,10.000,\"9.000,5\",90\n",
        );
        let v = t.view();
        assert_eq!(
            v.headers,
            vec!["STT", "Nội dung", "Dự toán", "Thực hiện", "So sánh (%)"]
        );
        assert_eq!(v.rows[0].cells[0].text, "12.345,6");
        assert_eq!(v.rows[0].cells[0].value, Some(12345.6));
        assert_eq!(v.rows[0].cells[1].text, "12.000,0");
        assert_eq!(v.rows[2].code, "B");
        assert_eq!(v.rows[2].level, 0);
        let tops = t.top_level();
        assert_eq!(
            tops,
            vec![
                ("Thu".to_string(), vec![Some(12345.6), Some(12000.0), Some(97.2)]),
                ("Chi".to_string(), vec![Some(10000.0), Some(9000.5), Some(90.0)]),
            ]
        );
        let chart = t.chart("Cân đối ngân sách", "triệu đồng").unwrap();
        assert_eq!(
            chart.alt,
            "Biểu đồ cột: Cân đối ngân sách. Dự toán — Thu: 12.345,6 triệu đồng; Chi: 10.000,0 triệu đồng. \
             Thực hiện — Thu: 12.000,0 triệu đồng; Chi: 9.000,5 triệu đồng."
        );
        assert!(chart.svg.contains("<title id="));
        let serialized = serde_json::to_value(&v).unwrap();
        assert_eq!(serialized["rows"][0]["cells"][2]["text"], "97,2%");
        assert_eq!(serialized["rows"][0]["is_parent"], true);
    }
}
