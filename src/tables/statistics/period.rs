//! Reporting periods: a year, a quarter or a month.

use std::cmp::Ordering;

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
