//! Authoring aids: `minhbach new` (one item with the front matter of its kind filled in) and
//! `minhbach init` (a new portal skeleton with one example of each kind), plus reminders about
//! publication rules that `check` reports.
//!
//! Everything written here must load without a single diagnostic: the tests build a fresh
//! `init` site and every `new` template and require zero errors and zero warnings.

use std::fmt;
use std::io::Write as _;
use std::path::Path;

use jiff::ToSpan as _;
use jiff::civil;

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{Item, Kind};

/// Why `new` or `init` did nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScaffoldError {
    /// The command line asks for something that does not exist (an unknown kind): exit code 2.
    Usage(String),
    /// The site refuses it (the file exists, no section of that kind, not a site): exit code 1.
    Refused(String),
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::Usage(m) | ScaffoldError::Refused(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for ScaffoldError {}

/// What `new` created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The section folder under `content/` (`tin-tuc`).
    pub section: String,
    /// Files written, relative to the site, `/`-separated; the item first.
    pub files: Vec<String>,
}

/// Names accepted for each kind on the command line, besides the kind's own name: English
/// singular and plural, and the usual Vietnamese words (matched after folding diacritics).
const KIND_ALIASES: &[(Kind, &[&str])] = &[
    (
        Kind::News,
        &[
            "news", "article", "articles", "post", "posts", "tin", "tin-tuc", "bai-viet",
        ],
    ),
    (
        Kind::Procedures,
        &["procedure", "procedures", "thu-tuc", "thu-tuc-hanh-chinh", "tthc"],
    ),
    (Kind::Documents, &["document", "documents", "doc", "docs", "van-ban"]),
    (Kind::Budget, &["budget", "budgets", "ngan-sach", "cong-khai-ngan-sach"]),
    (
        Kind::Inspections,
        &["inspection", "inspections", "thanh-tra", "ket-luan-thanh-tra"],
    ),
    (
        Kind::Complaints,
        &[
            "complaint",
            "complaints",
            "khieu-nai",
            "to-cao",
            "khieu-nai-to-cao",
            "kntc",
        ],
    ),
    (
        Kind::Procurement,
        &[
            "procurement",
            "procurements",
            "project",
            "projects",
            "du-an",
            "dau-thau",
        ],
    ),
    (Kind::Statistics, &["statistics", "statistic", "stats", "thong-ke"]),
    (Kind::Pages, &["page", "pages", "trang", "gioi-thieu"]),
];

/// Reads a kind name as typed on the command line (`procedure`, `news`, `thủ tục`…).
pub fn parse_kind(name: &str) -> Option<Kind> {
    let key = crate::text::slugify(name);
    KIND_ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(k, _)| *k)
}

fn unknown_kind(name: &str) -> ScaffoldError {
    let all: Vec<&str> = KIND_ALIASES
        .iter()
        .flat_map(|(_, names)| names.iter().copied())
        .collect();
    let key = crate::text::slugify(name);
    let suggestion = crate::text::closest(&key, &all)
        .map(|c| format!("did you mean `{c}`? "))
        .unwrap_or_default();
    ScaffoldError::Usage(format!(
        "`{name}` is not a kind of item ({suggestion}kinds: news, procedure, document, budget, inspection, complaint, procurement, statistics, page)"
    ))
}

/// A section folder found under `content/`: (folder relative to `content/`, kind name as written).
fn find_sections(site: &Path) -> Vec<(String, String)> {
    let content = site.join("content");
    let mut out = Vec::new();
    let walk = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    for entry in walk
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
    {
        if entry.file_name() != "_section.yaml" || !entry.file_type().is_file() {
            continue;
        }
        let Some(dir) = entry.path().parent().and_then(|d| d.strip_prefix(&content).ok()) else {
            continue;
        };
        let dir: Vec<String> = dir
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let kind = std::fs::read_to_string(entry.path())
            .ok()
            .and_then(|t| serde_yaml::from_str::<serde_yaml::Value>(&t).ok())
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_owned))
            .unwrap_or_default();
        out.push((crate::text::nfc(&dir.join("/")), kind));
    }
    out.sort();
    out
}

/// The site's "now" (`SOURCE_DATE_EPOCH` or the clock) in its time zone, read from `site.yaml`
/// (the default zone when the file cannot be read).
fn site_now(site: &Path) -> civil::DateTime {
    let tz = std::fs::read_to_string(site.join("site.yaml"))
        .ok()
        .and_then(|t| crate::config::parse("site.yaml", &t).0)
        .map(|c| c.timezone)
        .unwrap_or_else(|| jiff::tz::TimeZone::fixed(jiff::tz::offset(7)));
    crate::build::now().to_zoned(tz).datetime()
}

/// Creates a new item of `kind` titled `title` in the site at `site`: `<slug>.md`, or for
/// budget and statistics `<slug>.yaml` with a CSV table `<slug>.csv` beside it. The section is
/// `section` (a folder under `content/`) or the first section of that kind in sorted order.
/// The item is a draft (`draft: true`) until its author removes that line. Never overwrites.
pub fn new_item(site: &Path, kind: &str, title: &str, section: Option<&str>) -> Result<Created, ScaffoldError> {
    let kind = parse_kind(kind).ok_or_else(|| unknown_kind(kind))?;
    let title = crate::text::nfc(title.trim());
    let slug = crate::text::slugify(&title);
    if slug.is_empty() {
        return Err(ScaffoldError::Usage(format!(
            "the title `{title}` has no letters or digits to make a file name from"
        )));
    }
    if !site.join("site.yaml").is_file() {
        return Err(ScaffoldError::Refused(format!(
            "{} is not a site folder: it has no site.yaml (run minhbach in the site folder, or pass --site DIR)",
            site.display()
        )));
    }
    let sections = find_sections(site);
    let dir = pick_section(&sections, kind, section)?;
    let files = item_files(kind, &title, &slug, site_now(site));
    let folder = site.join("content").join(&dir);
    for other in [
        format!("{slug}.md"),
        format!("{slug}.yaml"),
        format!("{slug}.yml"),
        format!("{slug}.csv"),
        slug.clone(),
    ] {
        if folder.join(&other).exists() {
            return Err(ScaffoldError::Refused(format!(
                "content/{dir}/{other} already exists; nothing was written (choose another title, or edit that file)"
            )));
        }
    }
    let mut written: Vec<String> = Vec::new();
    for (name, text) in &files {
        let rel = format!("content/{dir}/{name}");
        if let Err(e) = write_new(&folder.join(name), text) {
            for w in &written {
                let _removed = std::fs::remove_file(site.join(w));
            }
            return Err(ScaffoldError::Refused(format!("cannot create {rel}: {e}")));
        }
        written.push(rel);
    }
    Ok(Created {
        section: dir,
        files: written,
    })
}

fn pick_section(sections: &[(String, String)], kind: Kind, wanted: Option<&str>) -> Result<String, ScaffoldError> {
    let of_kind: Vec<&str> = sections
        .iter()
        .filter(|(_, k)| k == kind.name())
        .map(|(d, _)| d.as_str())
        .collect();
    match wanted {
        Some(w) => {
            let w = crate::text::nfc(w.trim().trim_matches('/'));
            let w = w.strip_prefix("content/").unwrap_or(&w).trim_matches('/');
            match sections.iter().find(|(d, _)| d == w) {
                Some((d, k)) if k == kind.name() => Ok(d.clone()),
                Some((d, k)) => Err(ScaffoldError::Refused(format!(
                    "section `{d}` holds `{k}` items, not `{}` (sections of that kind: {})",
                    kind.name(),
                    list_or_none(&of_kind)
                ))),
                None => Err(ScaffoldError::Refused(format!(
                    "there is no section `{w}`: content/{w}/_section.yaml does not exist (sections of kind `{}`: {})",
                    kind.name(),
                    list_or_none(&of_kind)
                ))),
            }
        }
        None => of_kind.first().map(|d| (*d).to_owned()).ok_or_else(|| {
            ScaffoldError::Refused(format!(
                "the site has no section of kind `{}` (create a folder under content/ with a _section.yaml holding `kind: {}` and a `title:`)",
                kind.name(),
                kind.name()
            ))
        }),
    }
}

fn list_or_none(v: &[&str]) -> String {
    if v.is_empty() { "none".to_owned() } else { v.join(", ") }
}

fn write_new(path: &Path, text: &str) -> std::io::Result<()> {
    let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(path)?;
    f.write_all(text.as_bytes())
}

/// A YAML double-quoted string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Keys every kind shares, as comments and empty values, after `title`, `date` and `draft`.
const COMMON_TAIL: &str = "\
summary:              # tóm tắt ngắn cho danh sách, tìm kiếm và RSS; để trống thì lấy từ nội dung
updated:              # ngày cập nhật gần nhất, ví dụ 2026-03-21 09:00
publish_at:           # hẹn giờ đăng: không đăng trước thời điểm này
slug:                 # đường dẫn riêng; để trống thì dùng tên tệp
tags: []              # từ khóa, ví dụ [\"hộ tịch\", \"khai sinh\"]
attachments: []       # tệp đính kèm đặt cạnh tệp này, ví dụ:
#  - title: \"Quyết định số 15/QĐ-UBND\"
#    file: qd-15-qd-ubnd.pdf
pii_allow: []         # giá trị giống dữ liệu cá nhân nhưng được phép công bố
";

const DRAFT: &str = "draft: true           # bản nháp: xóa dòng này để đăng (xem trước: minhbach serve --drafts)\n";

/// The files of a new item: (file name, text). `now` is the site's local time.
pub fn item_files(kind: Kind, title: &str, slug: &str, now: civil::DateTime) -> Vec<(String, String)> {
    let date = now.date().to_string();
    let date_time = format!("{date} {:02}:{:02}", now.hour(), now.minute());
    let head = |date: &str| format!("title: {}\ndate: {date}\n{DRAFT}", quote(title));
    let md = |fields: String, body: &str| (format!("{slug}.md"), format!("---\n{fields}{COMMON_TAIL}---\n\n{body}"));
    match kind {
        Kind::News => vec![md(
            format!(
                "{}\
type: news            # news (tin), interview (phỏng vấn), announcement (thông báo), event (sự kiện)
category:             # chuyên mục, ví dụ \"Cải cách hành chính\"
author:               # tác giả, ví dụ \"Phương Dung\"
source:               # nguồn, ví dụ \"VOH\"
source_url:           # địa chỉ bài gốc, bắt đầu bằng https://
image:                # ảnh đại diện đặt cạnh bài viết, ví dụ anh-dai-dien.jpg
image_alt:            # bắt buộc khi có ảnh: mô tả ảnh cho người không nhìn thấy
image_caption:        # chú thích dưới ảnh
featured: false       # true: đưa lên mục Tiêu điểm ở trang chủ
",
                head(&date_time)
            ),
            "Nội dung bài viết. Bài phỏng vấn ghi câu hỏi sau nhãn **PV:**.\n",
        )],
        Kind::Procedures => vec![md(
            format!(
                "{}\
code: \"1.000000\"      # mã thủ tục trên Cơ sở dữ liệu quốc gia về TTHC, ví dụ \"1.001193\"; không trùng
field:                # lĩnh vực, ví dụ \"Hộ tịch\"
level: [commune]      # cấp thực hiện: province, district, commune
agency:               # cơ quan thực hiện
audience: [citizen]   # đối tượng: citizen, business, organization
channels: [in_person] # cách thức: in_person, online, postal
online: none          # dịch vụ công trực tuyến: full (toàn trình, cần online_url), partial, none
online_url:           # địa chỉ nộp hồ sơ trực tuyến
processing_time:      # thời hạn giải quyết, ví dụ \"03 ngày làm việc\"
processing_days:      # số ngày, để sắp xếp và lọc
fees:                 # phí, lệ phí, ví dụ \"Miễn lệ phí\"
fee_amount:           # số tiền (đồng), ví dụ 50000
result:               # kết quả, ví dụ \"Giấy khai sinh\"
legal_basis: []       # căn cứ pháp lý, ví dụ [\"Luật Hộ tịch năm 2014\"]
forms: []             # mẫu đơn, tờ khai: - {{title: \"Tờ khai\", file: to-khai.pdf}}
iso_process:          # quy trình ISO: {{file: quy-trinh.pdf}} hoặc văn bản
effective:            # ngày hiệu lực
repealed:             # ngày bãi bỏ
# steps, documents, conditions: viết dưới các tiêu đề ## trong phần nội dung bên dưới
",
                head(&date)
            ),
            "## Trình tự thực hiện\n\n1. Nộp hồ sơ tại Bộ phận Một cửa.\n2. Nhận kết quả.\n\n\
             ## Thành phần hồ sơ\n\n- Tờ khai (01 bản chính).\n\n\
             ## Yêu cầu, điều kiện\n\nKhông.\n",
        )],
        Kind::Documents => vec![md(
            format!(
                "{}\
number: \"01/QĐ-UBND\"  # số ký hiệu (bắt buộc)
doc_type:             # hình thức: Quyết định, Nghị quyết, Chỉ thị, Kế hoạch, Thông báo, Công văn…
issuer:               # cơ quan ban hành
signer:               # người ký
effective:            # ngày hiệu lực
expires:              # ngày hết hiệu lực
field:                # lĩnh vực
# date là ngày ban hành; đính kèm toàn văn ở attachments
",
                head(&date)
            ),
            "Ghi chú về văn bản (không bắt buộc); toàn văn là tệp đính kèm.\n",
        )],
        Kind::Inspections => vec![md(
            format!(
                "{}\
number: \"01/KL-TTr\"   # số kết luận (bắt buộc); date là ngày ký
issuer:               # cơ quan ban hành
subject:              # đối tượng thanh tra
scope:                # nội dung thanh tra
period:               # thời kỳ thanh tra, ví dụ \"Năm 2025\"
field:                # lĩnh vực
violation_amount:     # số tiền sai phạm (đồng)
recovered_amount:     # số tiền kiến nghị thu hồi (đồng)
recommendations: []   # các kiến nghị
status: open          # open (đang thực hiện) hoặc implemented (đã thực hiện)
",
                head(&date)
            ),
            "## Kết luận\n\nNội dung kết luận thanh tra.\n",
        )],
        Kind::Complaints => vec![md(
            format!(
                "{}\
number: \"01/QĐ-UBND\"  # số quyết định (bắt buộc)
type: complaint       # complaint (khiếu nại), denunciation (tố cáo), petition (kiến nghị, phản ánh)
issuer:               # cơ quan giải quyết
subject:              # tóm tắt nội dung, không ghi thông tin cá nhân
result:               # upheld (đúng), partly_upheld (đúng một phần), rejected (sai), withdrawn (rút đơn)
",
                head(&date)
            ),
            "Tóm tắt kết quả giải quyết (không ghi họ tên, số giấy tờ, số điện thoại của người dân).\n",
        )],
        Kind::Procurement => vec![md(
            format!(
                "{}\
project:              # dự án
package:              # gói thầu
investor:             # chủ đầu tư
method:               # hình thức lựa chọn nhà thầu, ví dụ \"Chỉ định thầu rút gọn\"
value:                # giá trị (đồng)
funding:              # nguồn vốn
status: planned       # planned, bidding, awarded, in_progress, completed
winner:               # nhà thầu trúng thầu
award_date:           # ngày phê duyệt kết quả lựa chọn nhà thầu
start:                # ngày khởi công
end:                  # ngày hoàn thành
location:             # địa điểm
",
                head(&date)
            ),
            "Mô tả dự án, gói thầu.\n",
        )],
        Kind::Pages => vec![md(
            format!(
                "{}weight: 10            # thứ tự trong trình đơn (nhỏ lên trước)\n",
                head(&date)
            ),
            "Nội dung trang.\n",
        )],
        Kind::Budget => {
            let year = now.year();
            let yaml = format!(
                "title: {}
date: {date}
{DRAFT}form:                 # biểu mẫu, ví dụ \"Biểu số 117/CK-NSNN\"
fiscal_year: {year}
stage: estimate       # estimate (dự toán), execution (thực hiện), settlement (quyết toán)
period:               # kỳ báo cáo thực hiện, ví dụ \"6 tháng đầu năm\"
unit: \"triệu đồng\"    # đơn vị của mọi số trong bảng
decision:             # quyết định công bố, ví dụ \"Quyết định số 05/QĐ-UBND ngày 06/01/{year}\"
table: {slug}.csv
{COMMON_TAIL}",
                quote(title)
            );
            let csv = format!(
                "STT,Nội dung,Dự toán năm {year}\nA,Tổng thu ngân sách,\"1.000,0\"\nI,Các khoản thu hưởng 100%,\"1.000,0\"\n\
                 B,Tổng chi ngân sách,\"1.000,0\"\nI,Chi thường xuyên,\"1.000,0\"\n"
            );
            vec![(format!("{slug}.yaml"), yaml), (format!("{slug}.csv"), csv)]
        }
        Kind::Statistics => {
            let quarter = (now.month() - 1) / 3 + 1;
            let yaml = format!(
                "title: {}
date: {date}
{DRAFT}table: {slug}.csv
unit: \"hồ sơ\"         # đơn vị của các số
# chart: {{type: bar, x: \"Cột\", y: [\"Cột số\"]}}   # biểu đồ cho bảng thường (không phải bảng hồ sơ)
{COMMON_TAIL}",
                quote(title)
            );
            let csv = format!(
                "period,unit,received,resolved_early,resolved_on_time,resolved_late,pending,online,satisfaction\n\
                 {}-Q{quarter},Bộ phận Một cửa,100,30,60,2,8,50,95.5\n",
                now.year()
            );
            vec![(format!("{slug}.yaml"), yaml), (format!("{slug}.csv"), csv)]
        }
    }
}

/// Creates a new portal in `dir` (which must not exist or be empty): `site.yaml`, one section
/// with one example item for each kind, a procedure catalog, budget and statistics tables,
/// `static/` with a logo, and a `.gitignore`. Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<String>, ScaffoldError> {
    if dir.exists() {
        if !dir.is_dir() {
            return Err(ScaffoldError::Refused(format!(
                "{} exists and is not a folder",
                dir.display()
            )));
        }
        let mut entries = std::fs::read_dir(dir)
            .map_err(|e| ScaffoldError::Refused(format!("cannot read {}: {e}", dir.display())))?;
        if entries.next().is_some() {
            return Err(ScaffoldError::Refused(format!(
                "{} is not empty; nothing was written (choose a new folder name: minhbach init DIR creates it)",
                dir.display()
            )));
        }
    }
    let now = crate::build::now()
        .to_zoned(jiff::tz::TimeZone::fixed(jiff::tz::offset(7)))
        .datetime();
    let files = skeleton(now.date());
    for (rel, text) in &files {
        let path = dir.join(rel);
        let made = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| write_new(&path, text));
        if let Err(e) = made {
            return Err(ScaffoldError::Refused(format!("cannot create {}: {e}", path.display())));
        }
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// The files of a new portal, dated around `today`: (path relative to the site, text).
pub fn skeleton(today: civil::Date) -> Vec<(String, String)> {
    let day = |days_ago: i64| today.checked_sub(days_ago.days()).unwrap_or(today).to_string();
    let year = today.year();
    let last = year - 1;
    let mut f: Vec<(String, String)> = Vec::new();
    let mut add = |path: &str, text: String| f.push((path.to_owned(), text));
    add(".gitignore", "output/\n.minhbach-cache/\n".into());
    add(
        "site.yaml",
        "# Cấu hình cổng thông tin: xem docs/content-model.md của minhbach.
title: \"Cổng thông tin điện tử Phường Mẫu\"
base_url: \"https://example.gov.vn/\"   # địa chỉ chính thức của cổng (có thể là thư mục con)
language: vi
timezone: \"Asia/Ho_Chi_Minh\"

organization:
  name: \"Ủy ban nhân dân phường Mẫu\"
  address: \"Số 1 đường Mẫu, phường Mẫu\"
  phone: \"028 3000 0000\"
  hotline: \"028 3000 0001\"
  email: \"ubnd@example.gov.vn\"
  working_hours: \"Thứ Hai đến Thứ Sáu: sáng 7 giờ 30 - 11 giờ 30, chiều 13 giờ 00 - 17 giờ 00\"
  logo: /images/logo.svg

menu:
  - { title: \"Trang chủ\", url: \"/\" }
  - { title: \"Tin tức\", section: tin-tuc }
  - { title: \"Thủ tục hành chính\", section: thu-tuc-hanh-chinh }
  - { title: \"Văn bản\", section: van-ban }
  - { title: \"Ngân sách\", section: cong-khai-ngan-sach }
  - { title: \"Thanh tra\", section: thanh-tra }
  - { title: \"Khiếu nại tố cáo\", section: khieu-nai-to-cao }
  - { title: \"Dự án - Đấu thầu\", section: du-an-dau-thau }
  - { title: \"Thống kê\", section: thong-ke }
  - { title: \"Giới thiệu\", section: gioi-thieu }

search:
  enabled: true

privacy:
  pii_check: error
"
        .into(),
    );
    let section = |kind: &str, title: &str, description: &str, extra: &str| {
        format!("kind: {kind}\ntitle: \"{title}\"\ndescription: \"{description}\"\n{extra}")
    };
    add(
        "content/tin-tuc/_section.yaml",
        section(
            "news",
            "Tin tức - Sự kiện",
            "Tin hoạt động của chính quyền và đời sống dân cư trên địa bàn phường.",
            "per_page: 20\nsort: date_desc\n",
        ),
    );
    add(
        "content/tin-tuc/ra-mat-cong-thong-tin-dien-tu.md",
        format!(
            "---
title: \"Phường Mẫu ra mắt Cổng thông tin điện tử\"
date: {} 08:30
type: news
category: \"Hoạt động chính quyền\"
author: \"Ban biên tập\"
summary: \"Cổng thông tin điện tử công khai thủ tục hành chính, văn bản, ngân sách và kết quả giải quyết hồ sơ của phường.\"
tags: [\"chuyển đổi số\"]
---

Ủy ban nhân dân phường Mẫu chính thức đưa vào sử dụng Cổng thông tin điện tử. Người dân có thể tra cứu
[thủ tục hành chính](/thu-tuc-hanh-chinh/), xem [văn bản chỉ đạo, điều hành](/van-ban/) và
[công khai ngân sách](/cong-khai-ngan-sach/) của phường.
",
            day(1)
        ),
    );
    add(
        "content/thu-tuc-hanh-chinh/_section.yaml",
        section(
            "procedures",
            "Thủ tục hành chính",
            "Danh mục thủ tục hành chính tiếp nhận tại Bộ phận Một cửa phường.",
            "catalog: danh-muc.csv\nsort: title\n",
        ),
    );
    add(
        "content/thu-tuc-hanh-chinh/danh-muc.csv",
        "code,title,slug,field,level,agency,audience,channels,online,online_url,processing_time,processing_days,fees,fee_amount,result,steps,documents,conditions,legal_basis,forms,effective,repealed
1.001193,Đăng ký khai sinh,dang-ky-khai-sinh,Hộ tịch,commune,Ủy ban nhân dân phường Mẫu,citizen,in_person;online;postal,partial,https://dichvucong.gov.vn/,Ngay trong ngày làm việc,1,Miễn lệ phí đối với đăng ký khai sinh đúng hạn,0,Giấy khai sinh,\"1. Người yêu cầu nộp hồ sơ tại Bộ phận Một cửa, qua bưu chính hoặc trực tuyến.
2. Công chức tư pháp - hộ tịch kiểm tra hồ sơ và ghi vào Sổ đăng ký khai sinh.
3. Người yêu cầu nhận Giấy khai sinh.\",\"- Tờ khai đăng ký khai sinh (01 bản chính).
- Giấy chứng sinh (01 bản chính).\",Không.,Luật Hộ tịch năm 2014;Nghị định số 123/2015/NĐ-CP,,2016-01-01,
"
        .into(),
    );
    add(
        "content/van-ban/_section.yaml",
        section(
            "documents",
            "Văn bản chỉ đạo, điều hành",
            "Quyết định, kế hoạch, thông báo do Ủy ban nhân dân phường ban hành.",
            "sort: date_desc\n",
        ),
    );
    add(
        "content/van-ban/ke-hoach-cai-cach-hanh-chinh.md",
        format!(
            "---
title: \"Kế hoạch cải cách hành chính năm {year}\"
number: \"01/KH-UBND\"
doc_type: \"Kế hoạch\"
issuer: \"Ủy ban nhân dân phường Mẫu\"
signer: \"Chủ tịch Ủy ban nhân dân phường\"
date: {}
effective: {}
field: \"Cải cách hành chính\"
summary: \"Kế hoạch thực hiện công tác cải cách hành chính của phường trong năm {year}.\"
---

Toàn văn kế hoạch được đính kèm khi đăng (khóa `attachments`).
",
            day(40),
            day(40)
        ),
    );
    add(
        "content/cong-khai-ngan-sach/_section.yaml",
        section(
            "budget",
            "Công khai ngân sách",
            "Dự toán, tình hình thực hiện và quyết toán ngân sách phường.",
            "sort: date_desc\n",
        ),
    );
    add(
        "content/cong-khai-ngan-sach/du-toan.yaml",
        format!(
            "title: \"Công khai dự toán ngân sách phường năm {year}\"
form: \"Biểu số 117/CK-NSNN\"
fiscal_year: {year}
stage: estimate
unit: \"triệu đồng\"
decision: \"Quyết định số 05/QĐ-UBND của Ủy ban nhân dân phường Mẫu\"
date: {}
table: du-toan.csv
summary: \"Dự toán thu, chi ngân sách phường năm {year}.\"
",
            day(30)
        ),
    );
    add(
        "content/cong-khai-ngan-sach/du-toan.csv",
        format!(
            "STT,Nội dung,Dự toán năm {last},Dự toán năm {year}
A,Tổng thu ngân sách phường,\"10.000,0\",\"10.500,0\"
I,Các khoản thu phường hưởng 100%,\"2.000,0\",\"2.100,0\"
II,Thu bổ sung từ ngân sách cấp trên,\"8.000,0\",\"8.400,0\"
B,Tổng chi ngân sách phường,\"10.000,0\",\"10.500,0\"
I,Chi đầu tư phát triển,\"1.500,0\",\"1.600,0\"
II,Chi thường xuyên,\"8.500,0\",\"8.900,0\"
"
        ),
    );
    add(
        "content/thanh-tra/_section.yaml",
        section(
            "inspections",
            "Kết luận thanh tra",
            "Kết luận thanh tra được công khai toàn văn theo quy định.",
            "sort: date_desc\n",
        ),
    );
    add(
        "content/thanh-tra/ket-luan-thanh-tra-thu-chi-ngan-sach.md",
        format!(
            "---
title: \"Kết luận thanh tra việc quản lý thu, chi ngân sách phường năm {last}\"
number: \"01/KL-TTr\"
date: {}
issuer: \"Thanh tra quận\"
subject: \"Ủy ban nhân dân phường Mẫu\"
scope: \"Việc quản lý, sử dụng ngân sách và tài sản công\"
period: \"Năm {last}\"
field: \"Tài chính - ngân sách\"
recommendations:
  - \"Hoàn thiện hồ sơ thanh toán các khoản chi thường xuyên\"
status: open
summary: \"Thanh tra quận kiến nghị hoàn thiện hồ sơ thanh toán; không phát hiện sai phạm về tiền.\"
---

## Kết luận

Ủy ban nhân dân phường chấp hành cơ bản đúng quy định về quản lý thu, chi ngân sách.
",
            day(60)
        ),
    );
    add(
        "content/khieu-nai-to-cao/_section.yaml",
        section(
            "complaints",
            "Kết quả giải quyết khiếu nại, tố cáo",
            "Kết quả giải quyết khiếu nại, tố cáo và xử lý phản ánh, kiến nghị.",
            "sort: date_desc\n",
        ),
    );
    add(
        "content/khieu-nai-to-cao/xu-ly-phan-anh-ve-sinh-moi-truong.md",
        format!(
            "---
title: \"Kết quả xử lý phản ánh về vệ sinh môi trường tại khu phố 1\"
number: \"02/TB-UBND\"
date: {}
type: petition
issuer: \"Ủy ban nhân dân phường Mẫu\"
subject: \"Phản ánh rác thải tồn đọng tại khu phố 1\"
result: upheld
---

Phản ánh đúng; phường đã tổ chức thu gom và tăng tần suất kiểm tra.
",
            day(20)
        ),
    );
    add(
        "content/du-an-dau-thau/_section.yaml",
        section(
            "procurement",
            "Dự án - Đấu thầu",
            "Dự án đầu tư công, gói thầu và mua sắm công của phường.",
            "sort: date_desc\n",
        ),
    );
    add(
        "content/du-an-dau-thau/nang-cap-hem-khu-pho-2.md",
        format!(
            "---
title: \"Nâng cấp hẻm khu phố 2\"
date: {}
project: \"Nâng cấp hẻm khu phố 2\"
package: \"Thi công xây dựng\"
investor: \"Ủy ban nhân dân phường Mẫu\"
method: \"Chỉ định thầu rút gọn\"
value: 850000000
funding: \"Ngân sách phường\"
status: in_progress
winner: \"Công ty TNHH Xây dựng Mẫu\"
award_date: {}
start: {}
location: \"Khu phố 2, phường Mẫu\"
---

Nâng cấp mặt đường và hệ thống thoát nước hẻm khu phố 2.
",
            day(25),
            day(25),
            day(15)
        ),
    );
    add(
        "content/thong-ke/_section.yaml",
        section(
            "statistics",
            "Thống kê",
            "Số liệu tiếp nhận, giải quyết hồ sơ thủ tục hành chính.",
            "sort: date_desc\n",
        ),
    );
    add(
        "content/thong-ke/ket-qua-giai-quyet-ho-so.yaml",
        format!(
            "title: \"Kết quả giải quyết hồ sơ thủ tục hành chính năm {last}\"
date: {}
table: ket-qua-giai-quyet-ho-so.csv
unit: \"hồ sơ\"
summary: \"Số hồ sơ tiếp nhận, giải quyết và tỷ lệ hài lòng theo quý.\"
",
            day(10)
        ),
    );
    add(
        "content/thong-ke/ket-qua-giai-quyet-ho-so.csv",
        format!(
            "period,unit,received,resolved_early,resolved_on_time,resolved_late,pending,online,satisfaction
{last}-Q1,Bộ phận Một cửa,400,150,230,5,15,200,96.0
{last}-Q2,Bộ phận Một cửa,420,160,240,4,16,230,96.5
{last}-Q3,Bộ phận Một cửa,450,175,255,3,17,260,97.0
{last}-Q4,Bộ phận Một cửa,480,190,270,2,18,300,97.5
"
        ),
    );
    add(
        "content/gioi-thieu/_section.yaml",
        section(
            "pages",
            "Giới thiệu",
            "Thông tin chung và địa chỉ liên hệ của Ủy ban nhân dân phường.",
            "sort: weight\n",
        ),
    );
    add(
        "content/gioi-thieu/gioi-thieu-chung.md",
        format!(
            "---
title: \"Giới thiệu chung\"
date: {}
weight: 1
---

Phường Mẫu có 4 khu phố. Trụ sở, giờ làm việc và số điện thoại được ghi ở chân trang.
",
            day(60)
        ),
    );
    add(
        "static/images/logo.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 120 120\" width=\"120\" height=\"120\" role=\"img\" aria-labelledby=\"t\">
  <title id=\"t\">Biểu trưng Phường Mẫu</title>
  <circle cx=\"60\" cy=\"60\" r=\"57\" fill=\"#b3131b\" stroke=\"#e8b923\" stroke-width=\"4\"/>
  <polygon fill=\"#ffd84a\" points=\"60,22 68.2,47.2 94.7,47.2 73.3,62.8 81.4,88 60,72.4 38.6,88 46.7,62.8 25.3,47.2 51.8,47.2\"/>
</svg>
"
        .into(),
    );
    add(
        "static/favicon.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\" width=\"32\" height=\"32\">
  <circle cx=\"16\" cy=\"16\" r=\"15\" fill=\"#b3131b\"/>
  <polygon fill=\"#ffd84a\" points=\"16,5 18.5,12.6 26.5,12.6 20,17.3 22.5,25 16,20.3 9.5,25 12,17.3 5.5,12.6 13.5,12.6\"/>
</svg>
"
        .into(),
    );
    f
}

/// Days an inspection conclusion must stay published on the portal (Luật Thanh tra 2022 and its
/// decree: "thời gian đăng tải ít nhất là 15 ngày").
pub const INSPECTION_MIN_DAYS: i64 = 15;

/// Warns about inspection conclusions posted fewer than [`INSPECTION_MIN_DAYS`] days before
/// `now`: they must stay published, unchanged, until that period is over.
pub fn inspection_reminders(items: &[Item], tz: &jiff::tz::TimeZone, now: jiff::Timestamp, diags: &Diagnostics) {
    for item in items.iter().filter(|i| i.kind() == Kind::Inspections) {
        let Some(posted) = item.date.and_then(|d| d.timestamp(tz)) else {
            continue;
        };
        let age = now.as_second() - posted.as_second();
        if !(0..INSPECTION_MIN_DAYS * 86_400).contains(&age) {
            continue;
        }
        let until = posted
            .to_zoned(tz.clone())
            .date()
            .checked_add(INSPECTION_MIN_DAYS.days())
            .unwrap_or_else(|_| posted.to_zoned(tz.clone()).date());
        let days = age / 86_400;
        diags.push(
            Diagnostic::warning(
                &item.file,
                item.pos.line,
                1,
                format!(
                    "inspection conclusion posted {}: it must stay published until {:02}/{:02}/{}",
                    if days == 0 { "today".to_owned() } else { format!("{days} day(s) ago") },
                    until.day(),
                    until.month(),
                    until.year()
                ),
            )
            .with_hint(format!(
                "an inspection conclusion stays on the portal at least {INSPECTION_MIN_DAYS} days; do not remove it, make it a draft or move it before then"
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_in_english_and_vietnamese() {
        assert_eq!(parse_kind("news"), Some(Kind::News));
        assert_eq!(parse_kind("procedure"), Some(Kind::Procedures));
        assert_eq!(parse_kind("Procedures"), Some(Kind::Procedures));
        assert_eq!(parse_kind("thủ tục"), Some(Kind::Procedures));
        assert_eq!(parse_kind("document"), Some(Kind::Documents));
        assert_eq!(parse_kind("statistic"), Some(Kind::Statistics));
        assert_eq!(parse_kind("Thống kê"), Some(Kind::Statistics));
        assert_eq!(parse_kind("page"), Some(Kind::Pages));
        assert_eq!(parse_kind("newz"), None);
        for k in Kind::ALL {
            assert_eq!(parse_kind(k.name()), Some(k), "{}", k.name());
            assert_eq!(parse_kind(k.item_type()), Some(k), "{}", k.item_type());
        }
        let e = unknown_kind("inspectoin");
        assert!(
            matches!(&e, ScaffoldError::Usage(m) if m.contains("did you mean `inspection`?")),
            "{e}"
        );
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        assert_eq!(
            quote("Đăng ký \"khai sinh\" \\ a"),
            "\"Đăng ký \\\"khai sinh\\\" \\\\ a\""
        );
    }

    #[test]
    fn sections_are_picked_by_kind_or_name() {
        let s = vec![
            ("a/tin".to_owned(), "news".to_owned()),
            ("b".to_owned(), "news".to_owned()),
            ("c".to_owned(), "pages".to_owned()),
        ];
        assert_eq!(pick_section(&s, Kind::News, None), Ok("a/tin".into()));
        assert_eq!(pick_section(&s, Kind::News, Some("content/b/")), Ok("b".into()));
        assert!(
            matches!(pick_section(&s, Kind::News, Some("c")), Err(ScaffoldError::Refused(m)) if m.contains("holds `pages` items"))
        );
        assert!(
            matches!(pick_section(&s, Kind::Budget, None), Err(ScaffoldError::Refused(m)) if m.contains("no section of kind `budget`"))
        );
    }
}
