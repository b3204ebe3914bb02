//! Exact decimal numbers for tables, and the three ways a CSV may write them.
//!
//! Budget tables must add up exactly, so values are kept as a [`Decimal`]: an `i128` count of
//! millionths. No `f64` is involved until a value is handed to a chart or a template.
//!
//! A CSV file writes its numbers in one convention (see [`Convention`]): `1234.5` and `1,234.5`
//! use a decimal point, `1.234,5` the Vietnamese decimal comma. Some cells decide the convention
//! on their own (`1.234,5`, `12,5`, `1.234.567`, `1234.5`); others are ambiguous (`1.234` is
//! either 1234 or 1.234). [`read_numbers`] reads all the cells of a file together: the first
//! deciding cell fixes the convention, ambiguous cells follow it, and a later cell that
//! contradicts it is reported.

use std::fmt;
use std::ops::{Add, Neg, Sub};

/// Number of decimal places a [`Decimal`] keeps.
pub const SCALE: usize = 6;
const ONE: i128 = 1_000_000;
/// Longest integer part accepted (far below what an `i128` holds at [`SCALE`]).
const MAX_INT_DIGITS: usize = 24;

/// An exact decimal number with [`SCALE`] decimal places.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(i128);

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal(0);

    /// A whole number.
    pub fn from_int(v: i64) -> Self {
        Decimal(i128::from(v) * ONE)
    }

    /// `units / 10^decimals`, e.g. `(12345, 1)` is 1234.5. `decimals` must be at most [`SCALE`].
    pub fn from_scaled(units: i64, decimals: usize) -> Self {
        assert!(decimals <= SCALE, "at most {SCALE} decimals");
        Decimal(i128::from(units) * 10i128.pow((SCALE - decimals) as u32))
    }

    /// Reads plain notation: an optional `-`, digits, and optionally `.` and up to [`SCALE`]
    /// digits (`-1234.5`). Returns `None` for anything else, including grouping separators.
    pub fn parse_plain(s: &str) -> Option<Self> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if body.ends_with('.') {
            return None;
        }
        let v = from_digits(int, frac)?;
        Some(if neg { -v } else { v })
    }

    /// The absolute value.
    pub fn abs(self) -> Self {
        Decimal(self.0.abs())
    }

    /// Whether the value is below zero.
    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// The nearest `f64`, for charts and JSON. Goes through the decimal text so that `1234.5`
    /// becomes exactly the double that `"1234.5"` parses to.
    pub fn to_f64(self) -> f64 {
        self.to_plain().parse().unwrap_or(0.0)
    }

    /// Plain notation with no trailing zeros: `1234.5`, `-0.25`, `100`.
    pub fn to_plain(self) -> String {
        let (neg, int, frac) = self.parts(SCALE);
        let frac = frac.trim_end_matches('0');
        let mut out = String::new();
        if neg {
            out.push('-');
        }
        out.push_str(&u64::try_from(int).map_or_else(|_| int.to_string(), |v| v.to_string()));
        if !frac.is_empty() {
            out.push('.');
            out.push_str(frac);
        }
        out
    }

    /// Vietnamese notation rounded (half away from zero) to `decimals` places:
    /// `1.234,5`, `-12.000`, `0,25`. `decimals` above [`SCALE`] are padded with zeros.
    pub fn to_vietnamese(self, decimals: usize) -> String {
        let (neg, int, frac) = self.parts(decimals);
        let mut out = String::new();
        if neg {
            out.push('-');
        }
        // Most values fit 64 bits, whose formatting needs no 128-bit division per digit.
        let digits = u64::try_from(int).map_or_else(|_| int.to_string(), |v| v.to_string());
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push('.');
            }
            out.push(c);
        }
        if decimals > 0 {
            out.push(',');
            out.push_str(&frac);
        }
        out
    }

    /// Rounds to `decimals` places (half away from zero) and splits into sign, integer part and
    /// exactly `decimals` fraction digits. The sign is dropped when the rounded value is zero.
    fn parts(self, decimals: usize) -> (bool, u128, String) {
        let shown = decimals.min(SCALE);
        let step = 10u128.pow((SCALE - shown) as u32);
        let abs = self.0.unsigned_abs();
        let rounded = (abs + step / 2) / step * step;
        let int = rounded / ONE as u128;
        let frac_units = rounded % ONE as u128;
        // Below ONE, so it fits 64 bits (formatted without 128-bit division).
        let frac_units = u64::try_from(frac_units).unwrap_or(0);
        let mut frac = format!("{frac_units:0width$}", width = SCALE);
        frac.truncate(shown);
        while frac.len() < decimals {
            frac.push('0');
        }
        (self.0 < 0 && rounded != 0, int, frac)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_plain())
    }
}

impl Add for Decimal {
    type Output = Decimal;
    fn add(self, rhs: Decimal) -> Decimal {
        Decimal(self.0 + rhs.0)
    }
}

impl Sub for Decimal {
    type Output = Decimal;
    fn sub(self, rhs: Decimal) -> Decimal {
        Decimal(self.0 - rhs.0)
    }
}

impl Neg for Decimal {
    type Output = Decimal;
    fn neg(self) -> Decimal {
        Decimal(-self.0)
    }
}

impl std::iter::Sum for Decimal {
    fn sum<I: Iterator<Item = Decimal>>(iter: I) -> Decimal {
        iter.fold(Decimal::ZERO, Add::add)
    }
}

/// `int` digits and `frac` digits as a decimal; `None` unless both are ASCII digits (the
/// fraction may be empty) and fit.
fn from_digits(int: &str, frac: &str) -> Option<Decimal> {
    if int.is_empty()
        || int.len() > MAX_INT_DIGITS
        || frac.len() > SCALE
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i128 = int.parse().ok()?;
    let mut f = String::from(frac);
    while f.len() < SCALE {
        f.push('0');
    }
    let part: i128 = f.parse().ok()?;
    Some(Decimal(whole * ONE + part))
}

/// How a file writes decimals and thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Convention {
    /// Decimal point, optional comma grouping: `1234.5`, `1,234.5`.
    Point,
    /// Vietnamese: decimal comma, optional dot grouping: `1.234,5`.
    Comma,
}

impl Convention {
    /// How a number looks in this convention, for messages.
    pub fn example(self) -> &'static str {
        match self {
            Convention::Point => "1234.5",
            Convention::Comma => "1.234,5",
        }
    }
}

/// A number read from a cell, with the number of decimals written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// The value.
    pub value: Decimal,
    /// Digits written after the decimal separator.
    pub decimals: usize,
}

/// What one cell says about itself, before the file's convention is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Empty, `-`, `–` or `—`: no value.
    Empty,
    /// Reads the same in both conventions (`1234`, `-7`).
    Neutral(Written),
    /// Only valid in one convention (`1.234,5` is [`Convention::Comma`]).
    Decided(Convention, Written),
    /// Valid in both with different values: `1.234` or `1,234`.
    Ambiguous {
        /// The value in [`Convention::Point`].
        point: Written,
        /// The value in [`Convention::Comma`].
        comma: Written,
    },
    /// Not a number.
    Invalid,
}

/// Classifies one cell. Accepts an optional leading `-` (or `−`), digits, `.` and `,` as above,
/// and spaces (including no-break spaces) between groups of three digits.
pub fn classify(cell: &str) -> Reading {
    let s = cell.trim();
    if s.is_empty() || matches!(s, "-" | "–" | "—") {
        return Reading::Empty;
    }
    let (neg, body) = match s.strip_prefix('-').or_else(|| s.strip_prefix('−')) {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let Some(body) = remove_space_groups(body) else {
        return Reading::Invalid;
    };
    let sign = |w: Written| Written {
        value: if neg { -w.value } else { w.value },
        decimals: w.decimals,
    };
    match read_body(&body) {
        Reading::Neutral(w) => Reading::Neutral(sign(w)),
        Reading::Decided(c, w) => Reading::Decided(c, sign(w)),
        Reading::Ambiguous { point, comma } => Reading::Ambiguous {
            point: sign(point),
            comma: sign(comma),
        },
        other => other,
    }
}

/// Removes spaces used as thousands separators (`1 234 567,5`); `None` when spaces appear
/// anywhere else.
fn remove_space_groups(body: &str) -> Option<String> {
    let is_space = |c: char| c == ' ' || c == '\u{a0}' || c == '\u{202f}';
    if !body.contains(is_space) {
        return Some(body.to_owned());
    }
    let end = body.find([',', '.']).unwrap_or(body.len());
    let (int, rest) = body.split_at(end);
    if rest.contains(is_space) || !valid_groups(&int.split(is_space).collect::<Vec<_>>()) {
        return None;
    }
    Some(int.chars().filter(|c| !is_space(*c)).collect::<String>() + rest)
}

/// Whether `groups` is a grouped integer: 1–3 digits not starting with 0, then groups of
/// exactly 3.
fn valid_groups(groups: &[&str]) -> bool {
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && !groups[0].starts_with('0')
        && groups.iter().all(|g| digits(g))
        && groups[1..].iter().all(|g| g.len() == 3)
}

/// `int` with grouping separator `sep` removed, when grouped correctly or not grouped at all.
fn ungroup(int: &str, sep: char) -> Option<String> {
    if !int.contains(sep) {
        return Some(int.to_owned());
    }
    let groups: Vec<&str> = int.split(sep).collect();
    valid_groups(&groups).then(|| groups.concat())
}

fn written(int: &str, frac: &str) -> Option<Written> {
    Some(Written {
        value: from_digits(int, frac)?,
        decimals: frac.len(),
    })
}

/// Classifies an unsigned number without spaces.
fn read_body(s: &str) -> Reading {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let decided = |c: Convention, w: Option<Written>| match w {
        Some(w) => Reading::Decided(c, w),
        None => Reading::Invalid,
    };
    match (dots, commas) {
        (0, 0) => written(s, "").map_or(Reading::Invalid, Reading::Neutral),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let sep_convention = if sep == '.' {
                Convention::Point
            } else {
                Convention::Comma
            };
            let other_convention = if sep == '.' {
                Convention::Comma
            } else {
                Convention::Point
            };
            if dots + commas > 1 {
                // Several separators of one kind can only be grouping.
                return decided(other_convention, ungroup(s, sep).and_then(|i| written(&i, "")));
            }
            let (int, frac) = s.split_once(sep).unwrap_or((s, ""));
            let as_decimal = written(int, frac).filter(|_| !frac.is_empty());
            let as_group = ungroup(s, sep).and_then(|i| written(&i, ""));
            match (as_decimal, as_group) {
                (Some(d), Some(g)) => {
                    let (point, comma) = if sep == '.' { (d, g) } else { (g, d) };
                    Reading::Ambiguous { point, comma }
                }
                (Some(d), None) => Reading::Decided(sep_convention, d),
                (None, Some(g)) => Reading::Decided(other_convention, g),
                (None, None) => Reading::Invalid,
            }
        }
        _ => {
            // Both separators: the last one is the decimal separator.
            let last_dot = s.rfind('.').unwrap_or(0);
            let last_comma = s.rfind(',').unwrap_or(0);
            let (convention, dec, group) = if last_comma > last_dot {
                (Convention::Comma, ',', '.')
            } else {
                (Convention::Point, '.', ',')
            };
            if s.matches(dec).count() != 1 {
                return Reading::Invalid;
            }
            let (int, frac) = s.split_once(dec).unwrap_or((s, ""));
            let value = ungroup(int, group).and_then(|i| written(&i, frac));
            decided(convention, value.filter(|_| !frac.is_empty()))
        }
    }
}

/// One cell's number once the file's convention is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellNumber {
    /// No value.
    Empty,
    /// A value.
    Value(Written),
    /// Not a number.
    Invalid,
    /// Valid only in the other convention; `first` is the index of the cell that decided the
    /// file's convention.
    Conflict {
        /// Index of the cell that decided the convention.
        first: usize,
    },
}

/// The numbers of a file, read together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNumbers {
    /// The convention applied to ambiguous cells.
    pub convention: Convention,
    /// Index of the cell that decided it, or `None` when no cell did.
    pub decided_by: Option<usize>,
    /// Whether cells of both ambiguous shapes (`1.234` and `1,234`) were read with no cell to
    /// decide between them, so some of them were read as decimals.
    pub guessed: bool,
    /// Each cell, in the order given.
    pub cells: Vec<CellNumber>,
}

/// Reads `cells` (in reading order: row by row, left to right) under one convention.
///
/// The first cell that is valid in only one convention decides it. When no cell decides,
/// `fallback` is used if given; otherwise a separator followed by exactly three digits is read
/// as a thousands separator (`1.234` and `1,234` are both 1234), and when the file has both
/// shapes the Vietnamese convention wins and [`FileNumbers::guessed`] is set.
pub fn read_numbers<S: AsRef<str>>(cells: &[S], fallback: Option<Convention>) -> FileNumbers {
    let readings: Vec<Reading> = cells.iter().map(|c| classify(c.as_ref())).collect();
    let decided_by = readings.iter().position(|r| matches!(r, Reading::Decided(..)));
    let mut guessed = false;
    let convention = match decided_by.map(|i| readings[i]) {
        Some(Reading::Decided(c, _)) => c,
        _ => fallback.unwrap_or_else(|| {
            let shape = |sep: char| {
                cells
                    .iter()
                    .zip(&readings)
                    .any(|(c, r)| matches!(r, Reading::Ambiguous { .. }) && c.as_ref().contains(sep))
            };
            match (shape('.'), shape(',')) {
                (true, true) => {
                    guessed = true;
                    Convention::Comma
                }
                (false, true) => Convention::Point,
                _ => Convention::Comma,
            }
        }),
    };
    let cells = readings
        .iter()
        .map(|r| match *r {
            Reading::Empty => CellNumber::Empty,
            Reading::Invalid => CellNumber::Invalid,
            Reading::Neutral(w) => CellNumber::Value(w),
            Reading::Decided(c, w) if c == convention => CellNumber::Value(w),
            Reading::Decided(..) => CellNumber::Conflict {
                first: decided_by.unwrap_or(0),
            },
            Reading::Ambiguous { point, comma } => CellNumber::Value(match convention {
                Convention::Point => point,
                Convention::Comma => comma,
            }),
        })
        .collect();
    FileNumbers {
        convention,
        decided_by,
        guessed,
        cells,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::parse_plain(s).unwrap()
    }

    fn w(s: &str, decimals: usize) -> Written {
        Written { value: d(s), decimals }
    }

    #[test]
    fn plain_and_vietnamese_text() {
        assert_eq!(d("1234.5").to_plain(), "1234.5");
        assert_eq!(d("-0.250").to_plain(), "-0.25");
        assert_eq!(d("100").to_plain(), "100");
        assert_eq!(d("1234.5").to_vietnamese(1), "1.234,5");
        assert_eq!(d("1234.5").to_vietnamese(2), "1.234,50");
        assert_eq!(d("1234567").to_vietnamese(0), "1.234.567");
        assert_eq!(d("-12345.65").to_vietnamese(1), "-12.345,7");
        assert_eq!(d("-0.04").to_vietnamese(1), "0,0");
        assert_eq!(d("0.5").to_vietnamese(0), "1");
        assert_eq!(d("1234.5").to_f64(), 1234.5);
        assert_eq!(Decimal::from_scaled(12345, 1), d("1234.5"));
        assert_eq!(Decimal::parse_plain("1,5"), None);
        assert_eq!(Decimal::parse_plain("1."), None);
        assert_eq!(
            [d("0.1"), d("0.2")].into_iter().sum::<Decimal>(),
            d("0.3"),
            "exact, unlike f64"
        );
    }

    #[test]
    fn cells_that_decide() {
        use Convention::*;
        assert_eq!(classify("1.234,5"), Reading::Decided(Comma, w("1234.5", 1)));
        assert_eq!(classify("12,5"), Reading::Decided(Comma, w("12.5", 1)));
        assert_eq!(classify("1.234.567"), Reading::Decided(Comma, w("1234567", 0)));
        assert_eq!(classify("1,234.5"), Reading::Decided(Point, w("1234.5", 1)));
        assert_eq!(classify("1234.5"), Reading::Decided(Point, w("1234.5", 1)));
        assert_eq!(classify("1,234,567"), Reading::Decided(Point, w("1234567", 0)));
        assert_eq!(classify("0.123"), Reading::Decided(Point, w("0.123", 3)));
        assert_eq!(classify("-1.234,56"), Reading::Decided(Comma, w("-1234.56", 2)));
        assert_eq!(classify("1 234,5"), Reading::Decided(Comma, w("1234.5", 1)));
        assert_eq!(classify("1\u{a0}234.5"), Reading::Decided(Point, w("1234.5", 1)));
    }

    #[test]
    fn neutral_ambiguous_empty_invalid() {
        assert_eq!(classify(" 1234 "), Reading::Neutral(w("1234", 0)));
        assert_eq!(classify("−7"), Reading::Neutral(w("-7", 0)));
        assert_eq!(classify("1 234"), Reading::Neutral(w("1234", 0)));
        assert_eq!(
            classify("1.234"),
            Reading::Ambiguous {
                point: w("1.234", 3),
                comma: w("1234", 0)
            }
        );
        for e in ["", " ", "-", "–", "—"] {
            assert_eq!(classify(e), Reading::Empty, "{e:?}");
        }
        for bad in [
            "1.234,",
            "12,3,4",
            "abc",
            "1.2.3",
            "1,234.5.6",
            "1.23,4.5",
            "12 34",
            "1.",
            ",5",
            "1e5",
            "--1",
            "1.2345678",
        ] {
            assert_eq!(classify(bad), Reading::Invalid, "{bad:?}");
        }
    }

    #[test]
    fn the_file_decides() {
        let f = read_numbers(&["1.234", "", "12,5"], None);
        assert_eq!(f.convention, Convention::Comma);
        assert_eq!(f.decided_by, Some(2));
        assert_eq!(f.cells[0], CellNumber::Value(w("1234", 0)));
        assert_eq!(f.cells[1], CellNumber::Empty);

        let f = read_numbers(&["1.234", "7.5"], None);
        assert_eq!(f.convention, Convention::Point);
        assert_eq!(f.cells[0], CellNumber::Value(w("1.234", 3)));

        // Nothing decides: a separator before three digits groups thousands.
        let f = read_numbers(&["1.234", "5.678"], None);
        assert_eq!(f.cells[1], CellNumber::Value(w("5678", 0)));
        let f = read_numbers(&["1,234"], None);
        assert_eq!((f.convention, f.guessed), (Convention::Point, false));
        assert_eq!(f.cells[0], CellNumber::Value(w("1234", 0)));
        let f = read_numbers(&["1,234", "5.678"], None);
        assert_eq!((f.convention, f.guessed), (Convention::Comma, true));
        let f = read_numbers(&["1,234"], Some(Convention::Comma));
        assert_eq!(f.cells[0], CellNumber::Value(w("1.234", 3)));

        // Mixing conventions: the later cell conflicts.
        let f = read_numbers(&["1.234,5", "3", "1,234.5"], None);
        assert_eq!(f.cells[2], CellNumber::Conflict { first: 0 });
    }
}
