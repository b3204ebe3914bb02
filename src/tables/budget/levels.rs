//! Row levels of a budget table: from a `level` column, or read from the row codes (I, II…;
//! A, B…; 1, 2…; a, b…; 1.1…).

use super::BudgetRow;
use crate::diag::Diagnostic;
use crate::numbers::parse_integer;

/// Levels from an explicit `level` column: 1 for top-level rows, at most one deeper than the
/// row above.
pub(super) fn levels_from_column(
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
pub(super) enum Code {
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

pub(super) fn classify_code(raw: &str) -> Code {
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
pub(super) fn levels_from_codes(rows: &mut [BudgetRow]) {
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
