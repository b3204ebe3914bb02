//! Sum checks: a parent row whose children do not add up is a warning.

use super::{BudgetRow, ValueColumn};
use crate::diag::Diagnostic;
use crate::tables::decimal::{Decimal, SCALE};
use crate::text::fold_diacritics;

/// Whether a row name announces a partial breakdown: "Trong đó", "Trong đó: chi …", also
/// "trong do:" typed without accents (but not "Trong đô thị").
pub(super) fn announces_part(name: &str) -> bool {
    let lower = name.to_lowercase();
    let lower = lower.trim_start_matches(['-', '*', '(', ' ']);
    let folded = fold_diacritics(lower);
    lower.starts_with("trong đó") || folded.trim_end() == "trong do" || folded.starts_with("trong do:")
}

/// Warns about parents whose children do not add up, see the module documentation.
pub(super) fn check_sums(
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
