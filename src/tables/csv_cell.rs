//! Cells of the CSV downloads, made safe to open in a spreadsheet.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula, so a title such as `=HYPERLINK(…)` or `- xem phụ lục` in a
//! downloaded CSV would run or break when a citizen opens it. Such a cell gets a leading `'`,
//! which spreadsheets show as text (OWASP "CSV injection"). Numbers keep their sign: `-1250.5`
//! and `+3` stay as they are, so budget figures are read as numbers, and so does a lone `-`. The JSON downloads carry
//! every value unchanged.

use std::borrow::Cow;

/// `cell`, with a leading `'` when a spreadsheet would read it as a formula.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let Some(first) = cell.chars().next() else {
        return Cow::Borrowed(cell);
    };
    let risky = matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r');
    // A lone sign is the usual "no figure" mark of a statistics table, and text to a spreadsheet.
    if risky && !is_plain_number(cell) && cell != "-" && cell != "+" {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes one CSV record, every cell through [`spreadsheet_safe`].
pub fn write_record<W: std::io::Write, S: AsRef<str>>(
    w: &mut csv::Writer<W>,
    cells: impl IntoIterator<Item = S>,
) -> csv::Result<()> {
    let cells: Vec<S> = cells.into_iter().collect();
    w.write_record(
        cells
            .iter()
            .map(|c| spreadsheet_safe(c.as_ref()))
            .collect::<Vec<_>>()
            .iter()
            .map(|c| c.as_bytes()),
    )
}

/// A signed decimal in plain notation: `-12`, `+3.5`, `-0.25`.
fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !(digits.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_become_text() {
        for cell in [
            "=1+2",
            "+SUM(A1)",
            "-A1",
            "@cmd",
            "\t=1",
            "\r=1",
            "- xem phụ lục",
            "=",
            "-1.",
            "--1",
        ] {
            assert_eq!(spreadsheet_safe(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn numbers_and_text_stay() {
        for cell in [
            "",
            "-1250.5",
            "+3",
            "-0.25",
            "42",
            "Đăng ký khai sinh",
            "1.250.000",
            "a=b",
            "'quoted",
            "-",
            "+",
        ] {
            assert_eq!(spreadsheet_safe(cell), cell, "{cell:?}");
        }
    }
}
