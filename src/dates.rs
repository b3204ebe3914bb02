//! Dates as authors write them, and as Vietnamese readers expect to see them.

use jiff::civil;

/// A date as written in content: a calendar date, with a time of day when one was given.
/// Dates without an offset are in the site's time zone; an RFC 3339 offset is converted to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime {
    /// Local civil date-time in the site's time zone (midnight when no time was given).
    pub local: civil::DateTime,
    /// Whether the author gave a time of day.
    pub has_time: bool,
    /// Offset in seconds the author wrote, when RFC 3339 (converted on [`DateTime::in_zone`]).
    offset_seconds: Option<i32>,
}

/// Vietnamese weekday names, Monday first.
const WEEKDAYS: [&str; 7] = [
    "Thứ Hai",
    "Thứ Ba",
    "Thứ Tư",
    "Thứ Năm",
    "Thứ Sáu",
    "Thứ Bảy",
    "Chủ Nhật",
];

/// Parses `2020-03-20`, `2020-03-20 14:29`, `2020-03-20 14:29:05`, `2020-03-20T14:29` or RFC 3339.
pub fn parse(s: &str) -> Result<DateTime, String> {
    let s = s.trim();
    if s.len() == 10 {
        let d: civil::Date = s.parse().map_err(|e| explain(s, e))?;
        return Ok(DateTime {
            local: d.to_datetime(civil::Time::midnight()),
            has_time: false,
            offset_seconds: None,
        });
    }
    if let Ok(ts) = s.parse::<jiff::Timestamp>() {
        // RFC 3339 with an offset: keep the offset, convert when the zone is known.
        let offset = s
            .rfind(['+', '-'])
            .filter(|i| *i > 10)
            .and_then(|i| parse_offset(&s[i..]))
            .unwrap_or(0);
        let off = jiff::tz::Offset::from_seconds(offset).map_err(|e| e.to_string())?;
        return Ok(DateTime {
            local: ts.to_zoned(jiff::tz::TimeZone::fixed(off)).datetime(),
            has_time: true,
            offset_seconds: Some(offset),
        });
    }
    let normalized = s.replacen(' ', "T", 1);
    let dt: civil::DateTime = normalized.parse().map_err(|e| explain(s, e))?;
    Ok(DateTime {
        local: dt,
        has_time: true,
        offset_seconds: None,
    })
}

fn parse_offset(s: &str) -> Option<i32> {
    let sign = if s.starts_with('-') { -1 } else { 1 };
    let digits: String = s[1..].chars().filter(char::is_ascii_digit).collect();
    if digits.len() != 4 {
        return None;
    }
    let h: i32 = digits[..2].parse().ok()?;
    let m: i32 = digits[2..].parse().ok()?;
    Some(sign * (h * 3600 + m * 60))
}

fn explain(s: &str, e: jiff::Error) -> String {
    let msg = e.to_string();
    if msg.contains("day") || msg.contains("month") || msg.contains("hour") || msg.contains("minute") {
        format!("`{s}` is not a real date or time")
    } else {
        format!("`{s}` is not in a known date format")
    }
}

impl DateTime {
    /// Moves an RFC 3339 date-time into the site's time zone; others are already local.
    pub fn in_zone(self, tz: &jiff::tz::TimeZone) -> DateTime {
        match self.offset_seconds {
            Some(off) => {
                let Ok(offset) = jiff::tz::Offset::from_seconds(off) else {
                    return self;
                };
                let Ok(z) = self.local.to_zoned(jiff::tz::TimeZone::fixed(offset)) else {
                    return self;
                };
                DateTime {
                    local: z.with_time_zone(tz.clone()).datetime(),
                    has_time: true,
                    offset_seconds: None,
                }
            }
            None => self,
        }
    }

    /// The instant, reading the local time in `tz`.
    pub fn timestamp(&self, tz: &jiff::tz::TimeZone) -> Option<jiff::Timestamp> {
        self.local.to_zoned(tz.clone()).ok().map(|z| z.timestamp())
    }

    /// RFC 3339 with the zone's offset, for feeds, sitemaps and `<time datetime>`.
    pub fn rfc3339(&self, tz: &jiff::tz::TimeZone) -> String {
        match self.local.to_zoned(tz.clone()) {
            Ok(z) => z.timestamp().display_with_offset(z.offset()).to_string(),
            Err(_) => self.local.to_string(),
        }
    }

    /// ISO date `2020-03-20`.
    pub fn iso_date(&self) -> String {
        self.local.date().to_string()
    }

    /// `20/03/2020`.
    pub fn short_vi(&self) -> String {
        let d = self.local.date();
        format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
    }

    /// "Thứ Sáu, 20/03/2020, 14:29" (without the time when none was given).
    pub fn long_vi(&self) -> String {
        let d = self.local.date();
        let wd = WEEKDAYS[d.weekday().to_monday_zero_offset() as usize];
        if self.has_time {
            format!(
                "{wd}, {}, {:02}:{:02}",
                self.short_vi(),
                self.local.hour(),
                self.local.minute()
            )
        } else {
            format!("{wd}, {}", self.short_vi())
        }
    }

    /// The year.
    pub fn year(&self) -> i32 {
        i32::from(self.local.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_long_dates() {
        assert_eq!(
            parse("2020-03-20 14:29").map(|d| d.long_vi()),
            Ok("Thứ Sáu, 20/03/2020, 14:29".into())
        );
        assert_eq!(
            parse("2020-03-22").map(|d| d.long_vi()),
            Ok("Chủ Nhật, 22/03/2020".into())
        );
    }

    #[test]
    fn rfc3339_converts_to_site_zone() {
        let tz = jiff::tz::TimeZone::fixed(jiff::tz::offset(7));
        let d = parse("2020-03-20T07:29:00Z").map(|d| d.in_zone(&tz));
        assert_eq!(d.map(|d| d.long_vi()), Ok("Thứ Sáu, 20/03/2020, 14:29".into()));
        assert_eq!(
            parse("2020-03-20 14:29").map(|d| d.rfc3339(&tz)),
            Ok("2020-03-20T14:29:00+07:00".into())
        );
    }

    #[test]
    fn impossible_dates_are_errors() {
        assert!(parse("2020-02-30").is_err());
        assert!(parse("2020-13-01").is_err());
        assert!(parse("20/03/2020").is_err());
        assert!(parse("2020-03-20 25:00").is_err());
    }
}
