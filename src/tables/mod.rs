//! Tables read from CSV: catalog records, budget disclosures, statistics, and their charts.
//!
//! Everything here is pure: callers read the file and pass its site-relative path (for
//! messages) and its text. Numbers are exact ([`decimal::Decimal`]) until they reach a chart.

pub mod budget;
pub mod chart;
pub mod csv_cell;
pub mod decimal;
pub mod records;
pub mod statistics;
