//! Personal data guard: citizen ID numbers, phone numbers and e-mail addresses in content.
//!
//! The source files of every published item (front matter, body, catalog rows, tables) are
//! scanned line by line, so each finding names its exact `path:line:column`. What counts:
//! - an e-mail address, unless it is the organisation's own or at the organisation's e-mail
//!   domain (official addresses must be published);
//! - a Vietnamese mobile number (`09x…`, `+84 9x…`, grouped or not) or landline (`02x…`, 11
//!   digits), unless it is the organisation's phone or hotline;
//! - a 9-digit (CMND) or 12-digit (CCCD, with a valid province code) number written after an
//!   ID word (CMND, CCCD, căn cước, chứng minh, định danh, hộ chiếu) on the same line.
//!
//! Procedure codes (`1.001193`), decision numbers (`15/QĐ-UBND`), dates and grouped money
//! (`1.250.000.000`) never match. Values listed in `pii_allow` (site or item) pass.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::config::{PiiCheck, SiteConfig};
use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Item, KindData};

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What kind of data ("a mobile phone number").
    pub what: &'static str,
    /// The value, partly masked for the report.
    pub masked: String,
}

/// Something that looks like personal data, found before any allow list is applied: the scan
/// runs once while a file is loaded, the allow lists (which depend on every item of the file)
/// are applied by [`scan_site`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suspect {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What kind of data ("a mobile phone number").
    pub what: &'static str,
    /// The value as found (digits only for numbers).
    value: String,
    /// Which allow test lets it pass.
    check: Check,
}

/// How an allow list is consulted for a [`Suspect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    Email,
    Phone,
    Id,
}

impl Suspect {
    /// Whether `allow` lets this value be published.
    fn allowed(&self, allow: &Allow) -> bool {
        match self.check {
            Check::Email => allow.allows_email(&self.value),
            Check::Phone => allow.allows_digits(&self.value),
            Check::Id => allow.allows_digits(&self.value) || allow.exact.contains(&self.value),
        }
    }

    /// The finding to report.
    fn finding(&self) -> Finding {
        let masked = match self.check {
            Check::Email => mask_email(&self.value),
            Check::Phone | Check::Id => mask_digits(&self.value),
        };
        Finding {
            line: self.line,
            column: self.column,
            what: self.what,
            masked,
        }
    }
}

/// The suspects of one source file (a Markdown or YAML item, a catalog, a table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileScan {
    /// Site-relative path.
    pub file: String,
    /// What was found, in line order.
    pub suspects: Vec<Suspect>,
}

/// Scans the text of `file`; `None` when nothing looks like personal data (the common case).
pub fn scan_file(file: &str, text: &str) -> Option<std::sync::Arc<FileScan>> {
    let suspects = suspects(text, 1);
    (!suspects.is_empty()).then(|| {
        std::sync::Arc::new(FileScan {
            file: file.to_owned(),
            suspects,
        })
    })
}

/// Values that are never reported.
#[derive(Debug, Clone, Default)]
pub struct Allow {
    exact: BTreeSet<String>,
    digits: BTreeSet<String>,
    email_domain: Option<String>,
}

impl Allow {
    /// The organisation's own contacts plus `pii_allow` lists.
    pub fn new(config: &SiteConfig, extra: &[String]) -> Allow {
        let mut a = Allow::default();
        let org = &config.organization;
        let values = [&org.phone, &org.hotline, &org.email]
            .into_iter()
            .flatten()
            .chain(config.pii_allow.iter())
            .chain(extra.iter());
        for v in values {
            for part in v.split([',', ';', '/']) {
                a.add(part);
            }
            a.add(v);
        }
        a.email_domain = org
            .email
            .as_ref()
            .and_then(|e| e.rsplit_once('@'))
            .map(|(_, d)| d.to_lowercase());
        a
    }

    fn add(&mut self, v: &str) {
        let v = v.trim();
        if v.is_empty() {
            return;
        }
        self.exact.insert(v.to_lowercase());
        let d = digits(v);
        if d.len() >= 6 {
            self.digits.insert(canonical_phone(&d));
        }
    }

    fn allows_digits(&self, d: &str) -> bool {
        self.digits.contains(&canonical_phone(d))
    }

    fn allows_email(&self, e: &str) -> bool {
        let e = e.to_lowercase();
        self.exact.contains(&e)
            || self
                .email_domain
                .as_ref()
                .is_some_and(|d| e.rsplit_once('@').is_some_and(|(_, ed)| ed == d))
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// +84 912… and 0912… are the same number.
fn canonical_phone(d: &str) -> String {
    match d.strip_prefix("84") {
        Some(rest) if rest.len() >= 9 && !rest.starts_with('0') => format!("0{rest}"),
        _ => d.to_owned(),
    }
}

/// Province codes of CCCD numbers (first three digits).
const PROVINCE_CODES: &[u16] = &[
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37, 38, 40, 42, 44, 45,
    46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92,
    93, 94, 95, 96,
];

const ID_WORDS: &[&str] = &[
    "cmnd",
    "cccd",
    "can cuoc",
    "chung minh",
    "dinh danh",
    "ho chieu",
    "cmt",
    "so id",
];

/// Words before a number that make it something other than a phone number: tax codes
/// (`MST: 0312345678`) and bank accounts (`số tài khoản 0381000123`), which are published on
/// purpose (an organisation's treasury account, a contractor's tax code).
const NOT_PHONE_WORDS: &[&str] = &[
    "ma so thue",
    "mst",
    "ma so doanh nghiep",
    "msdn",
    "tai khoan",
    "stk",
    "so tk",
];

/// Whether one of `words` occurs in the 60 characters before a number (folded, lower case).
fn has_context(before: &str, words: &[&str]) -> bool {
    let tail: String = before
        .chars()
        .rev()
        .take(60)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    let context = crate::text::fold_diacritics(&tail).to_lowercase();
    words.iter().any(|w| context.contains(w))
}

/// Scans one text; lines are counted from `first_line`.
pub fn scan_text(text: &str, first_line: usize, allow: &Allow) -> Vec<Finding> {
    suspects(text, first_line)
        .iter()
        .filter(|s| !s.allowed(allow))
        .map(Suspect::finding)
        .collect()
}

/// Everything in `text` that looks like personal data, allowed or not.
fn suspects(text: &str, first_line: usize) -> Vec<Suspect> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        // Every e-mail address holds an `@` and every number a digit.
        if line.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
            scan_line(line, first_line + i, &mut out);
        }
    }
    out
}

fn scan_line(line: &str, line_no: usize, out: &mut Vec<Suspect>) {
    let col_of = |byte: usize| line[..byte].chars().count() + 1;
    if line.contains('@') {
        scan_emails(line, |start, email| {
            out.push(Suspect {
                line: line_no,
                column: col_of(start),
                what: "an e-mail address",
                value: email.to_owned(),
                check: Check::Email,
            });
        });
    }
    scan_numbers(line, |start, what, value, check| {
        out.push(Suspect {
            line: line_no,
            column: col_of(start),
            what,
            value,
            check,
        });
    });
}

/// Calls `found(start byte, address)` for every e-mail address of `line`.
fn scan_emails(line: &str, mut found: impl FnMut(usize, &str)) {
    for (at_byte, _) in line.match_indices('@') {
        let start = line[..at_byte]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_alphanumeric() || "._%+-".contains(*c))
            .last()
            .map(|(i, _)| i);
        let end = at_byte
            + 1
            + line[at_byte + 1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
                .unwrap_or(line.len() - at_byte - 1);
        let Some(start) = start else { continue };
        let email = line[start..end].trim_end_matches('.');
        let Some((_, domain)) = email.rsplit_once('@') else {
            continue;
        };
        if !domain.contains('.')
            || domain.rsplit('.').next().is_none_or(|tld| {
                tld.len() < 2 || !tld.chars().all(|c| c.is_ascii_alphabetic()) || is_file_extension(tld)
            })
        {
            continue;
        }
        found(start, email);
    }
}

/// Digit groups separated by single spaces, dots or dashes: phone numbers and IDs. Calls
/// `found(start byte, what, digits, check)` for each. Every character the rules look at is
/// ASCII, so the line is read as bytes; the byte after an ASCII byte starts the next character.
fn scan_numbers(line: &str, mut found: impl FnMut(usize, &'static str, String, Check)) {
    let bytes = line.as_bytes();
    let digit = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_digit);
    let mut groups: Vec<&str> = Vec::new();
    let mut seps: Vec<u8> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let plus = c == b'+' && digit(i + 1);
        if !(c.is_ascii_digit() || plus) || line[..i].chars().next_back().is_some_and(is_number_glue) {
            i += 1;
            continue;
        }
        // Collect groups. An area or country code may stand in parentheses: `(028) 3836 1234`,
        // `(+84) 903 123 456`.
        let opened = i > 0 && bytes[i - 1] == b'(';
        groups.clear();
        seps.clear();
        let mut j = if plus { i + 1 } else { i };
        loop {
            let gstart = j;
            while digit(j) {
                j += 1;
            }
            groups.push(&line[gstart..j]);
            if matches!(bytes.get(j), Some(b' ' | b'.' | b'-')) && digit(j + 1) {
                seps.push(bytes[j]);
                j += 1;
            } else if opened
                && groups.len() == 1
                && bytes.get(j) == Some(&b')')
                && bytes.get(j + 1) == Some(&b' ')
                && digit(j + 2)
            {
                seps.push(b' ');
                j += 2;
            } else {
                break;
            }
        }
        // A number glued to what follows is part of something else (`0903123456X`, `123/QĐ`,
        // `1,5`); a comma or full stop followed by a space or the line's end is punctuation.
        let next_glued = bytes
            .get(j)
            .is_some_and(|&n| n.is_ascii_alphanumeric() || n == b'/' || (n == b',' && digit(j + 1)));
        // Phone numbers have 10 or 11 digits, ID numbers 9 or 12: shorter runs are dates, codes, amounts.
        if groups.iter().map(|g| g.len()).sum::<usize>() >= 9 {
            let before = &line[..i];
            check_groups(&groups, &seps, plus, next_glued, before, |what, value, check| {
                found(i, what, value, check);
            });
        }
        i = j.max(i + 1);
    }
}

/// `anh@2x.png` is an image name, not an address.
fn is_file_extension(tld: &str) -> bool {
    const EXT: &[&str] = &[
        "png", "jpg", "jpeg", "gif", "svg", "webp", "pdf", "doc", "docx", "xls", "xlsx", "csv", "zip", "md",
    ];
    EXT.contains(&tld.to_ascii_lowercase().as_str())
}

/// Characters that, right before a digit, make it part of something else (a code, a word).
fn is_number_glue(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '-' | '_')
}

fn check_groups(
    groups: &[&str],
    seps: &[u8],
    plus: bool,
    next_glued: bool,
    before: &str,
    mut report: impl FnMut(&'static str, String, Check),
) {
    let all: String = groups.concat();
    // Money and other grouped numbers: every group after the first has exactly three digits
    // and the number does not start with 0 or +84.
    let thousands = groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) && !all.starts_with('0') && !plus;
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    let dates = seps.iter().any(|s| *s == b'-' || *s == b'.')
        && lens.len() == 3
        && ((lens[0] == 4 && lens[1] <= 2 && lens[2] <= 2) || (lens[2] == 4 && lens[0] <= 2 && lens[1] <= 2));
    if !thousands && !dates {
        let phone = if plus || all.starts_with("84") && all.len() == 11 {
            all.strip_prefix("84")
                .filter(|r| r.len() == 9 && r.starts_with(['3', '5', '7', '8', '9']))
                .map(|_| "a mobile phone number")
        } else if all.len() == 10 && all.starts_with('0') && all[1..].starts_with(['3', '5', '7', '8', '9']) {
            Some("a mobile phone number")
        } else if all.len() == 11 && all.starts_with("02") {
            Some("a landline phone number")
        } else {
            None
        };
        if let Some(what) = phone {
            if !next_glued && !has_context(before, NOT_PHONE_WORDS) {
                report(what, all.clone(), Check::Phone);
            }
            return;
        }
    }
    // ID numbers: a run of 9 or 12 digits (plain or grouped by spaces) after an ID word.
    let spaced = groups.len() == 1 || seps.iter().all(|s| *s == b' ');
    if spaced && !plus && !next_glued && (all.len() == 9 || all.len() == 12) {
        let has_word = has_context(before, ID_WORDS);
        let valid = all.len() == 9 || all[..3].parse::<u16>().is_ok_and(|p| PROVINCE_CODES.contains(&p));
        if has_word && valid {
            report(
                if all.len() == 9 {
                    "a citizen ID number (CMND)"
                } else {
                    "a citizen ID number (CCCD)"
                },
                all,
                Check::Id,
            );
        }
    }
}

fn mask_digits(d: &str) -> String {
    let n = d.chars().count();
    d.chars()
        .enumerate()
        .map(|(i, c)| if i < 3 || i + 3 >= n { c } else { '•' })
        .collect()
}

fn mask_email(e: &str) -> String {
    match e.split_once('@') {
        Some((user, domain)) => {
            let first: String = user.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => e.to_owned(),
    }
}

/// Reports what the scans made while loading ([`Item::pii`]) found in the source files of
/// the published items, according to the policy. A file's allow list is the site's plus the
/// `pii_allow` of every published item it holds or whose table it is.
pub fn scan_site(config: &SiteConfig, items: &[Item], diags: &Diagnostics) {
    if config.pii_check == PiiCheck::Off {
        return;
    }
    let files = files_of(items);
    let found: Vec<Diagnostic> = files
        .par_iter()
        .filter_map(|(_, (extra, scan))| scan.map(|scan| (extra, scan)))
        .flat_map_iter(|(extra, scan)| {
            let extra: Vec<String> = extra.iter().map(|s| (*s).clone()).collect();
            let allow = Allow::new(config, &extra);
            let file = scan.file.as_str();
            scan.suspects
                .iter()
                .filter(move |s| !s.allowed(&allow))
                .map(move |s| report(config, file, &s.finding()))
        })
        .collect();
    diags.extend(found);
}

/// Allow values and suspects per source file.
type FileAllows<'a> = BTreeMap<&'a str, (Vec<&'a String>, Option<&'a FileScan>)>;

/// Source file → the `pii_allow` values of the items it holds, and what its scan found.
fn files_of(items: &[Item]) -> FileAllows<'_> {
    let mut files: FileAllows<'_> = BTreeMap::new();
    for item in items {
        files.entry(&item.file).or_default().0.extend(item.pii_allow.iter());
        let table = match &item.data {
            KindData::Budget(b) => b.table_file.as_deref(),
            KindData::Statistics(s) => s.table_file.as_deref(),
            _ => None,
        };
        if let Some(t) = table {
            files.entry(t).or_default().0.extend(item.pii_allow.iter());
        }
        for scan in &item.pii {
            files.entry(&scan.file).or_default().1 = Some(scan);
        }
    }
    files
}

fn report(config: &SiteConfig, file: &str, f: &Finding) -> Diagnostic {
    let msg = format!("personal data: {} ({})", f.what, f.masked);
    let hint = "remove it; if it may be published, add it to `pii_allow` of this item or of site.yaml `privacy`";
    let d = if config.pii_check == PiiCheck::Error {
        Diagnostic::error(file, f.line, f.column, msg)
    } else {
        Diagnostic::warning(file, f.line, f.column, msg)
    };
    d.with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allow() -> Allow {
        let mut c = SiteConfig::for_test();
        c.organization.phone = Some("028 3836 1234".into());
        c.organization.hotline = Some("0909 000 111".into());
        c.organization.email = Some("ubnd@ankhanh.example.gov.vn".into());
        Allow::new(&c, &["0911 222 333".into()])
    }

    fn whats(text: &str) -> Vec<&'static str> {
        scan_text(text, 1, &allow()).into_iter().map(|f| f.what).collect()
    }

    #[test]
    fn finds_personal_data() {
        assert_eq!(whats("Liên hệ anh Nam: 0903 123 456."), vec!["a mobile phone number"]);
        assert_eq!(
            whats("SĐT 0903.123.456 hoặc +84 903 123 457"),
            vec!["a mobile phone number", "a mobile phone number"]
        );
        assert_eq!(whats("Gọi 0283 999 8888"), vec!["a landline phone number"]);
        assert_eq!(whats("Số CCCD: 079203001234"), vec!["a citizen ID number (CCCD)"]);
        assert_eq!(whats("CMND số 023456789 cấp ngày"), vec!["a citizen ID number (CMND)"]);
        assert_eq!(whats("gửi về nguyenvana@gmail.com nhé"), vec!["an e-mail address"]);
    }

    #[test]
    fn near_misses_pass() {
        assert!(whats("Mã thủ tục 1.001193, 2.000986 và 1.004884").is_empty());
        assert!(whats("Quyết định số 1234/QĐ-UBND ngày 20/03/2020").is_empty());
        assert!(whats("Tổng kinh phí 1.250.000.000 đồng, 12.345.678.901 đồng").is_empty());
        assert!(whats("Ngày 2020-03-20, 20.03.2020").is_empty());
        assert!(
            whats("Hồ sơ 079203001234 trong kho").is_empty(),
            "12 digits without an ID word"
        );
        assert!(whats("Dân số 123456789 người").is_empty());
        assert!(whats("Tổng đài 028 3836 1234, đường dây nóng 0909 000 111").is_empty());
        assert!(whats("E-mail: ubnd@ankhanh.example.gov.vn, vanthu@ankhanh.example.gov.vn").is_empty());
        assert!(whats("Cho phép 0911.222.333").is_empty());
        assert!(whats("Mã hồ sơ H12.34-250101-0903123456X").is_empty());
        assert!(whats("Giá trị 0,5 tỷ; tỷ lệ 99,80%").is_empty());
    }

    /// Every phone, ID and e-mail shape a real leak takes.
    #[test]
    fn finds_every_shape() {
        let mobile = "a mobile phone number";
        let landline = "a landline phone number";
        for (text, expected) in [
            ("Anh Nam (0903123456) đã nộp đơn.", vec![mobile]),
            ("SĐT: 0903-123-456, anh Nam.", vec![mobile]),
            ("Liên hệ 0903 123 456, gặp chị Lan.", vec![mobile]),
            ("Liên hệ 0903 123 456.", vec![mobile]),
            (
                "ĐT 0353 456 789; 0703 456 789; 0813 456 789; 0563 456 789",
                vec![mobile, mobile, mobile, mobile],
            ),
            ("Gọi (+84) 903 123 456 hoặc 84903123457", vec![mobile, mobile]),
            ("Nhà riêng (028) 3999 8888", vec![landline]),
            ("Nhà riêng 0243.999.8888", vec![landline]),
            (
                "Số CCCD 079 203 001 234 do Cục Cảnh sát cấp",
                vec!["a citizen ID number (CCCD)"],
            ),
            ("Căn cước công dân số 001099012345", vec!["a citizen ID number (CCCD)"]),
            (
                "Giấy chứng minh nhân dân số 272 345 678",
                vec!["a citizen ID number (CMND)"],
            ),
            ("Số định danh cá nhân: 038190000123", vec!["a citizen ID number (CCCD)"]),
            ("Email: Nguyen.Van-A+hs@yahoo.com.vn.", vec!["an e-mail address"]),
            (
                "| Nguyễn Văn A | 0903123456 | a@gmail.com |",
                vec!["an e-mail address", mobile],
            ),
        ] {
            assert_eq!(whats(text), expected, "{text}");
        }
    }

    /// What a portal publishes every day and must never be taken for personal data.
    #[test]
    fn realistic_near_misses_pass() {
        for text in [
            // Procedure codes, national and local.
            "Mã thủ tục: 1.001193; 2.002185; 3.000123; mã TTHC 1.001612.000.00.00.H29",
            // Decision, circular and conclusion numbers.
            "Căn cứ Nghị định số 123/2015/NĐ-CP, Thông tư 04/2020/TT-BTP, Quyết định 1234/QĐ-UBND",
            "Kết luận thanh tra số 05/KL-TTr ngày 01/3/2026; Công văn 2345/UBND-VP",
            // Dates and times in every form.
            "Ngày 20/03/2020, 2020-03-20, 20.03.2020, 20-03-2020, 14:29 ngày 20 tháng 3 năm 2020",
            "Giai đoạn 2021-2025; năm 2026; quý III/2026",
            // Money: grouped, with units, large, and phone-like.
            "Tổng mức đầu tư 1.250.000.000 đồng (một tỷ hai trăm năm mươi triệu đồng)",
            "Giá gói thầu 903.123.456 đồng; 9.031.234.567 đồng; 1,250,000,000 VND",
            "Kinh phí 12.345.678.901 đồng; 0,5 tỷ; 250 triệu; 99,8%",
            "Sai phạm 3.456.789.012 đồng, kiến nghị thu hồi 1.234.567.890 đồng",
            // Counts and statistics.
            "Tiếp nhận 123456789 lượt; dân số 1 234 567 người; 100000000 m2",
            // Twelve digits without an ID word (a dossier number), or with an impossible province.
            "Hồ sơ số 000123456789 đã giải quyết; biên nhận 202603200001",
            "Số CCCD mẫu: 999203001234 (không hợp lệ)",
            // Tax codes and the organisation's treasury account are published on purpose.
            "Nhà thầu: Công ty TNHH Xây dựng An Khánh, MST: 0312345678",
            "Mã số doanh nghiệp 0301234567-001",
            "Nộp phí vào tài khoản số 0381000123 tại Kho bạc Nhà nước",
            "Số tài khoản: 3713.0.1234567.00000 mở tại KBNN quận",
            // Hotlines and short numbers.
            "Tổng đài 1900 1234; 1800 599 920; 1022; 113; 114; 115",
            // File names and handles with @.
            "Ảnh logo@2x.png và sơ đồ so-do@3x.svg; theo dõi @ubndphuong",
            // The organisation's own contacts and allowed values.
            "Tổng đài 028 3836 1234, đường dây nóng 0909 000 111, cho phép 0911.222.333",
            "Liên hệ: ubnd@ankhanh.example.gov.vn, vanthu@ankhanh.example.gov.vn",
            // Postal codes, house numbers and versions.
            "Số 123 đường 3/2, phường 12, quận 10, mã bưu chính 700000; phiên bản 2.0.1",
            // Phone-shaped numbers glued to something else.
            "Mã hồ sơ H12.34-250101-0903123456X; mã vạch 0903123456789",
        ] {
            assert!(
                whats(text).is_empty(),
                "false positive in {text:?}: {:?}",
                scan_text(text, 1, &allow())
            );
        }
    }

    #[test]
    fn positions_and_masks() {
        let f = scan_text("a\nSố CCCD: 079203001234", 10, &allow());
        assert_eq!((f[0].line, f[0].column), (11, 10));
        assert_eq!(f[0].masked, "079••••••234");
        // Columns count characters, not bytes: "Điện thoại" has multi-byte letters.
        let f = scan_text("Điện thoại: 0903 123 456 và d@gmail.com", 1, &allow());
        assert_eq!((f[0].column, f[0].what), (29, "an e-mail address"), "{f:?}");
        assert_eq!((f[1].column, f[1].masked.as_str()), (13, "090••••456"), "{f:?}");
        let f = scan_text("x\n\n1.001193,\"Anh A, 0912 345 678\",Hộ tịch", 1, &allow());
        assert_eq!((f[0].line, f[0].column), (3, 18), "{f:?}");
    }
}
