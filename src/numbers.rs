//! Numbers and money the Vietnamese way: `12.345,6`, `1.250.000.000 đồng`, `99,80%`.

/// Parses a whole number written with optional `.`, ` ` or `,` thousands grouping: `1.250.000`.
/// Returns `None` for anything else (decimals, letters).
pub fn parse_integer(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if digits.is_empty() || !digits.chars().next()?.is_ascii_digit() {
        return None;
    }
    let groups: Vec<&str> = digits.split(['.', ' ', ',', '\u{a0}']).collect();
    if groups.len() > 1 && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3)) {
        return None;
    }
    let joined: String = groups.concat();
    if !joined.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let v: i64 = joined.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// Formats an integer with `.` grouping: 1250000 → `1.250.000`.
pub fn group_int(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Formats a number with `.` grouping and `decimals` digits after a decimal comma:
/// (12345.6, 1) → `12.345,6`.
pub fn format_decimal(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int_part, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let int: i64 = int_part.parse().unwrap_or(0);
    let negative = v < 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_int(int));
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// Money in đồng: `1.250.000.000 đồng`.
pub fn format_vnd(v: i64) -> String {
    format!("{} đồng", group_int(v))
}

/// A percentage with two decimals: 0.998 → `99,80%`.
pub fn format_percent(ratio: f64) -> String {
    format!("{}%", format_decimal(ratio * 100.0, 2))
}

/// A file size for download links: `245 KB`, `1,2 MB`.
pub fn format_size(bytes: u64) -> String {
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{} MB", format_decimal(bytes as f64 / (1024.0 * 1024.0), 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(parse_integer("1.250.000.000"), Some(1_250_000_000));
        assert_eq!(parse_integer("1250000"), Some(1_250_000));
        assert_eq!(parse_integer("12.5"), None);
        assert_eq!(parse_integer("abc"), None);
        assert_eq!(group_int(-1_234_567), "-1.234.567");
        assert_eq!(format_vnd(500_000), "500.000 đồng");
    }

    #[test]
    fn decimals_and_percent() {
        assert_eq!(format_decimal(12345.6, 1), "12.345,6");
        assert_eq!(format_decimal(0.0, 0), "0");
        assert_eq!(format_percent(0.998), "99,80%");
        assert_eq!(format_size(250_000), "245 KB");
        assert_eq!(format_size(1_300_000), "1,2 MB");
    }
}
