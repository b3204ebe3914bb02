//! Typed data of each kind, read from a record's [`Fields`] with validation.

use super::{Kind, MdField};
use crate::dates::DateTime;
use crate::diag::Diagnostic;
use crate::load::fields::{Fields, FileRef};
use crate::tables::{budget, statistics};

/// Reads the text of a file an item references (a CSV table), reporting problems itself.
pub trait TableReader {
    /// (site-relative path, text) of the referenced file, or `None` after reporting why not.
    fn read_table(&self, fields: &Fields<'_>, key: &str, file: &FileRef) -> Option<(String, String)>;
}

/// What each kind adds to the common item fields.
#[derive(Debug, Clone)]
pub enum KindData {
    /// News article.
    News(News),
    /// Administrative procedure.
    Procedure(Box<Procedure>),
    /// Legal or directive document.
    Document(Document),
    /// Budget disclosure table.
    Budget(Box<Budget>),
    /// Inspection conclusion.
    Inspection(Inspection),
    /// Complaint or denunciation result.
    Complaint(Complaint),
    /// Procurement project or package.
    Procurement(Procurement),
    /// Statistics table.
    Statistics(Box<Statistics>),
    /// Plain page.
    Page,
}

impl KindData {
    /// The section kind this data belongs to.
    pub fn kind(&self) -> Kind {
        match self {
            KindData::News(_) => Kind::News,
            KindData::Procedure(_) => Kind::Procedures,
            KindData::Document(_) => Kind::Documents,
            KindData::Budget(_) => Kind::Budget,
            KindData::Inspection(_) => Kind::Inspections,
            KindData::Complaint(_) => Kind::Complaints,
            KindData::Procurement(_) => Kind::Procurement,
            KindData::Statistics(_) => Kind::Statistics,
            KindData::Page => Kind::Pages,
        }
    }

    /// Markdown fields to render in the link pass.
    pub fn markdown_fields_mut(&mut self) -> Vec<&mut MdField> {
        match self {
            KindData::Procedure(p) => {
                let mut v: Vec<&mut MdField> = Vec::new();
                for f in [&mut p.steps, &mut p.documents, &mut p.conditions, &mut p.iso_text] {
                    if let Some(f) = f.as_mut() {
                        v.push(f);
                    }
                }
                v
            }
            _ => Vec::new(),
        }
    }
}

/// Keys every kind accepts.
pub const COMMON_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "summary",
    "slug",
    "draft",
    "publish_at",
    "tags",
    "attachments",
    "weight",
    "pii_allow",
];

/// kind: news.
#[derive(Debug, Clone)]
pub struct News {
    /// `news`, `interview`, `announcement` or `event`.
    pub news_type: &'static str,
    /// Category.
    pub category: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Source name.
    pub source: Option<String>,
    /// Source link.
    pub source_url: Option<String>,
    /// Lead image as written.
    pub image: Option<FileRef>,
    /// Lead image, resolved.
    pub image_asset: Option<super::Asset>,
    /// Caption under the lead image.
    pub image_caption: Option<String>,
    /// Alternative text of the lead image.
    pub image_alt: Option<String>,
    /// Shown in the home page highlights.
    pub featured: bool,
}

/// News types and their Vietnamese labels.
pub const NEWS_TYPES: &[&str] = &["news", "interview", "announcement", "event"];

/// Reads kind: news.
pub fn news(f: &Fields<'_>) -> KindData {
    let news_type = f.choice("type", NEWS_TYPES).unwrap_or("news");
    let image = f.text("image").map(|file| FileRef {
        title: String::new(),
        file,
        pos: f.pos("image"),
    });
    let image_alt = f.text("image_alt");
    if image.is_some() && image_alt.is_none() {
        f.error(
            "image",
            "a lead image needs `image_alt`",
            Some("describe what the image shows for readers who cannot see it, e.g. image_alt: \"Cán bộ tiếp nhận hồ sơ tại bộ phận một cửa\"".into()),
        );
    }
    let source_url = f.text("source_url").filter(|u| safe_url(f, "source_url", u));
    KindData::News(News {
        news_type,
        category: f.text("category"),
        author: f.text("author"),
        source: f.text("source"),
        source_url,
        image,
        image_asset: None,
        image_caption: f.text("image_caption"),
        image_alt,
        featured: f.boolean("featured").unwrap_or(false),
    })
}

fn safe_url(f: &Fields<'_>, key: &str, u: &str) -> bool {
    if u.starts_with("https://") || u.starts_with("http://") || u.starts_with('/') {
        true
    } else {
        f.error(
            key,
            format!("`{key}` must be an http(s) link"),
            Some("write the full address, starting with https://".into()),
        );
        false
    }
}

/// kind: procedures.
#[derive(Debug, Clone)]
pub struct Procedure {
    /// Mã thủ tục.
    pub code: String,
    /// Lĩnh vực.
    pub field: Option<String>,
    /// Cấp thực hiện.
    pub level: Vec<&'static str>,
    /// Cơ quan thực hiện.
    pub agency: Option<String>,
    /// Đối tượng thực hiện.
    pub audience: Vec<&'static str>,
    /// Cách thức thực hiện.
    pub channels: Vec<&'static str>,
    /// Mức độ dịch vụ công trực tuyến.
    pub online: Option<&'static str>,
    /// Link to the online service.
    pub online_url: Option<String>,
    /// Thời hạn giải quyết.
    pub processing_time: Option<String>,
    /// Processing time in days, for sorting.
    pub processing_days: Option<i64>,
    /// Phí, lệ phí.
    pub fees: Option<String>,
    /// Fee in đồng.
    pub fee_amount: Option<i64>,
    /// Kết quả thực hiện.
    pub result: Option<String>,
    /// Trình tự thực hiện.
    pub steps: Option<MdField>,
    /// Thành phần hồ sơ.
    pub documents: Option<MdField>,
    /// Yêu cầu, điều kiện.
    pub conditions: Option<MdField>,
    /// Căn cứ pháp lý.
    pub legal_basis: Vec<String>,
    /// Mẫu đơn, tờ khai, as written.
    pub form_refs: Vec<FileRef>,
    /// Forms, resolved.
    pub forms: Vec<super::Asset>,
    /// ISO process file, as written.
    pub iso_file: Option<FileRef>,
    /// ISO process file, resolved.
    pub iso_asset: Option<super::Asset>,
    /// ISO process as Markdown.
    pub iso_text: Option<MdField>,
    /// Ngày hiệu lực.
    pub effective: Option<DateTime>,
    /// Ngày bãi bỏ.
    pub repealed: Option<DateTime>,
}

/// Procedure levels.
pub const LEVELS: &[&str] = &["province", "district", "commune"];
/// Procedure audiences.
pub const AUDIENCES: &[&str] = &["citizen", "business", "organization"];
/// Procedure channels.
pub const CHANNELS: &[&str] = &["in_person", "online", "postal"];
/// Online service levels.
pub const ONLINE: &[&str] = &["full", "partial", "none"];

/// Keys a procedure accepts besides the common ones.
pub const PROCEDURE_KEYS: &[&str] = &[
    "code",
    "field",
    "level",
    "agency",
    "audience",
    "channels",
    "online",
    "online_url",
    "processing_time",
    "processing_days",
    "fees",
    "fee_amount",
    "result",
    "steps",
    "documents",
    "conditions",
    "legal_basis",
    "forms",
    "iso_process",
    "effective",
    "repealed",
];

/// Reads kind: procedures. `body_sections` are `## ` sections of a Markdown body that stand in
/// for `steps`, `documents` and `conditions`.
pub fn procedure(f: &Fields<'_>, body_sections: &BodySections) -> KindData {
    let code = f.required_text("code");
    let (iso_file, iso_text) = match f.raw("iso_process") {
        None => (None, None),
        Some(serde_yaml::Value::Mapping(m)) => {
            let file = m.get("file").and_then(crate::load::fields::scalar_text);
            match file {
                Some(file) => (
                    Some(FileRef {
                        title: "Quy trình ISO".into(),
                        file,
                        pos: f.pos("iso_process.file"),
                    }),
                    None,
                ),
                None => {
                    f.error(
                        "iso_process",
                        "`iso_process` must be `{file: ...}` or Markdown text",
                        None,
                    );
                    (None, None)
                }
            }
        }
        Some(_) => {
            let t = f.text("iso_process");
            // In a CSV cell, a value ending in a file extension is a file.
            match t {
                Some(t) if f.origin() == crate::load::fields::Origin::Csv && looks_like_file(&t) => (
                    Some(FileRef {
                        title: "Quy trình ISO".into(),
                        file: t,
                        pos: f.pos("iso_process"),
                    }),
                    None,
                ),
                t => (None, MdField::new(t)),
            }
        }
    };
    let md = |key: &str, heading: Option<&String>| MdField::new(f.text(key).or_else(|| heading.cloned()));
    let online_url = f.text("online_url").filter(|u| safe_url(f, "online_url", u));
    let online = f.choice("online", ONLINE);
    if online == Some("full") && online_url.is_none() {
        f.warn(
            "online",
            "a fully online procedure should give `online_url`",
            Some("link the online public service".into()),
        );
    }
    KindData::Procedure(Box::new(Procedure {
        code,
        field: f.text("field"),
        level: f.choices("level", LEVELS),
        agency: f.text("agency"),
        audience: f.choices("audience", AUDIENCES),
        channels: f.choices("channels", CHANNELS),
        online,
        online_url,
        processing_time: f.text("processing_time"),
        processing_days: f.integer("processing_days"),
        fees: f.text("fees"),
        fee_amount: f.money("fee_amount"),
        result: f.text("result"),
        steps: md("steps", body_sections.steps.as_ref()),
        documents: md("documents", body_sections.documents.as_ref()),
        conditions: md("conditions", body_sections.conditions.as_ref()),
        legal_basis: f.text_list("legal_basis"),
        form_refs: f.file_list("forms"),
        forms: Vec::new(),
        iso_file,
        iso_asset: None,
        iso_text,
        effective: f.date("effective"),
        repealed: f.date("repealed"),
    }))
}

fn looks_like_file(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    [".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".png", ".jpg", ".svg"]
        .iter()
        .any(|e| lower.ends_with(e))
}

/// `## ` sections of a procedure body that hold steps, documents and conditions.
#[derive(Debug, Clone, Default)]
pub struct BodySections {
    /// "Trình tự thực hiện".
    pub steps: Option<String>,
    /// "Thành phần hồ sơ".
    pub documents: Option<String>,
    /// "Yêu cầu, điều kiện".
    pub conditions: Option<String>,
    /// What remains of the body.
    pub rest: String,
}

/// Splits a procedure body at its known `## ` headings (matched without diacritics).
pub fn split_procedure_body(body: &str) -> BodySections {
    let mut out = BodySections::default();
    let mut current: Option<u8> = None;
    let mut buf = String::new();
    let flush = |which: Option<u8>, buf: &mut String, out: &mut BodySections| {
        let text = std::mem::take(buf);
        match which {
            Some(0) => out.steps = Some(text.trim().to_owned()),
            Some(1) => out.documents = Some(text.trim().to_owned()),
            Some(2) => out.conditions = Some(text.trim().to_owned()),
            _ => out.rest.push_str(&text),
        }
    };
    for line in body.split_inclusive('\n') {
        if let Some(h) = line.strip_prefix("## ") {
            let key = crate::text::slugify(h);
            let which = if key.starts_with("trinh-tu") {
                Some(0)
            } else if key.starts_with("thanh-phan-ho-so") || key == "ho-so" {
                Some(1)
            } else if key.starts_with("yeu-cau") || key.starts_with("dieu-kien") {
                Some(2)
            } else {
                None
            };
            flush(current, &mut buf, &mut out);
            current = which;
            if which.is_some() {
                continue;
            }
        }
        buf.push_str(line);
    }
    flush(current, &mut buf, &mut out);
    out
}

/// kind: documents.
#[derive(Debug, Clone)]
pub struct Document {
    /// Số ký hiệu.
    pub number: String,
    /// Hình thức văn bản.
    pub doc_type: Option<String>,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Người ký.
    pub signer: Option<String>,
    /// Ngày hiệu lực.
    pub effective: Option<DateTime>,
    /// Ngày hết hiệu lực.
    pub expires: Option<DateTime>,
    /// Lĩnh vực.
    pub field: Option<String>,
}

/// Reads kind: documents.
pub fn document(f: &Fields<'_>) -> KindData {
    let number = f.required_text("number");
    if !f.has("date") {
        f.missing("date");
    }
    KindData::Document(Document {
        number,
        doc_type: f.text("doc_type"),
        issuer: f.text("issuer"),
        signer: f.text("signer"),
        effective: f.date("effective"),
        expires: f.date("expires"),
        field: f.text("field"),
    })
}

/// kind: budget.
#[derive(Debug, Clone)]
pub struct Budget {
    /// Biểu mẫu.
    pub form: Option<String>,
    /// Năm ngân sách.
    pub fiscal_year: Option<i64>,
    /// `estimate`, `execution` or `settlement`.
    pub stage: Option<&'static str>,
    /// Period of an execution report.
    pub period: Option<String>,
    /// Unit of every number.
    pub unit: Option<String>,
    /// Approving decision.
    pub decision: Option<String>,
    /// CSV path relative to the site.
    pub table_file: Option<String>,
    /// The parsed table.
    pub table: Option<budget::BudgetTable>,
}

/// Budget stages.
pub const STAGES: &[&str] = &["estimate", "execution", "settlement"];

/// Reads kind: budget.
pub fn budget(f: &Fields<'_>, reader: &dyn TableReader, diags: &mut Vec<Diagnostic>) -> KindData {
    let stage = f.choice("stage", STAGES);
    if stage.is_none() && !f.has("stage") {
        f.missing("stage");
    }
    let fiscal_year = f.integer("fiscal_year");
    if fiscal_year.is_none() && !f.has("fiscal_year") {
        f.missing("fiscal_year");
    }
    let (table_file, table) = read_table(f, reader, diags, budget::parse);
    KindData::Budget(Box::new(Budget {
        form: f.text("form"),
        fiscal_year,
        stage,
        period: f.text("period"),
        unit: f.text("unit"),
        decision: f.text("decision"),
        table_file,
        table,
    }))
}

type TableParser<T> = fn(&str, &str) -> (Option<T>, Vec<Diagnostic>);

fn read_table<T>(
    f: &Fields<'_>,
    reader: &dyn TableReader,
    diags: &mut Vec<Diagnostic>,
    parse: TableParser<T>,
) -> (Option<String>, Option<T>) {
    let Some(file) = f.text("table") else {
        if !f.has("table") {
            f.missing("table");
        }
        return (None, None);
    };
    let r = FileRef {
        title: String::new(),
        file,
        pos: f.pos("table"),
    };
    let Some((path, text)) = reader.read_table(f, "table", &r) else {
        return (None, None);
    };
    let (table, problems) = parse(&path, &text);
    diags.extend(problems);
    (Some(path), table)
}

/// kind: inspections.
#[derive(Debug, Clone)]
pub struct Inspection {
    /// Số kết luận.
    pub number: String,
    /// Cơ quan ban hành.
    pub issuer: Option<String>,
    /// Đối tượng thanh tra.
    pub subject: Option<String>,
    /// Nội dung.
    pub scope: Option<String>,
    /// Thời kỳ thanh tra.
    pub period: Option<String>,
    /// Lĩnh vực.
    pub field: Option<String>,
    /// Sai phạm (đồng).
    pub violation_amount: Option<i64>,
    /// Kiến nghị thu hồi (đồng).
    pub recovered_amount: Option<i64>,
    /// Kiến nghị.
    pub recommendations: Vec<String>,
    /// `open` or `implemented`.
    pub status: Option<&'static str>,
}

/// Inspection statuses.
pub const INSPECTION_STATUS: &[&str] = &["open", "implemented"];

/// Reads kind: inspections.
pub fn inspection(f: &Fields<'_>) -> KindData {
    let number = f.required_text("number");
    if !f.has("date") {
        f.missing("date");
    }
    KindData::Inspection(Inspection {
        number,
        issuer: f.text("issuer"),
        subject: f.text("subject"),
        scope: f.text("scope"),
        period: f.text("period"),
        field: f.text("field"),
        violation_amount: f.money("violation_amount"),
        recovered_amount: f.money("recovered_amount"),
        recommendations: f.text_list("recommendations"),
        status: f.choice("status", INSPECTION_STATUS),
    })
}

/// kind: complaints.
#[derive(Debug, Clone)]
pub struct Complaint {
    /// Decision number.
    pub number: String,
    /// `complaint`, `denunciation` or `petition`.
    pub complaint_type: Option<&'static str>,
    /// Authority that decided.
    pub issuer: Option<String>,
    /// Summary of the matter.
    pub subject: Option<String>,
    /// `upheld`, `partly_upheld`, `rejected` or `withdrawn`.
    pub result: Option<&'static str>,
}

/// Complaint types.
pub const COMPLAINT_TYPES: &[&str] = &["complaint", "denunciation", "petition"];
/// Complaint results.
pub const COMPLAINT_RESULTS: &[&str] = &["upheld", "partly_upheld", "rejected", "withdrawn"];

/// Reads kind: complaints.
pub fn complaint(f: &Fields<'_>) -> KindData {
    KindData::Complaint(Complaint {
        number: f.required_text("number"),
        complaint_type: f.choice("type", COMPLAINT_TYPES),
        issuer: f.text("issuer"),
        subject: f.text("subject"),
        result: f.choice("result", COMPLAINT_RESULTS),
    })
}

/// kind: procurement.
#[derive(Debug, Clone)]
pub struct Procurement {
    /// Dự án.
    pub project: Option<String>,
    /// Gói thầu.
    pub package: Option<String>,
    /// Chủ đầu tư.
    pub investor: Option<String>,
    /// Hình thức lựa chọn nhà thầu.
    pub method: Option<String>,
    /// Giá trị (đồng).
    pub value: Option<i64>,
    /// Nguồn vốn.
    pub funding: Option<String>,
    /// Status.
    pub status: Option<&'static str>,
    /// Nhà thầu trúng thầu.
    pub winner: Option<String>,
    /// Ngày phê duyệt kết quả.
    pub award_date: Option<DateTime>,
    /// Khởi công.
    pub start: Option<DateTime>,
    /// Hoàn thành.
    pub end: Option<DateTime>,
    /// Địa điểm.
    pub location: Option<String>,
}

/// Procurement statuses.
pub const PROCUREMENT_STATUS: &[&str] = &["planned", "bidding", "awarded", "in_progress", "completed"];

/// Reads kind: procurement.
pub fn procurement(f: &Fields<'_>) -> KindData {
    let p = Procurement {
        project: f.text("project"),
        package: f.text("package"),
        investor: f.text("investor"),
        method: f.text("method"),
        value: f.money("value"),
        funding: f.text("funding"),
        status: f.choice("status", PROCUREMENT_STATUS),
        winner: f.text("winner"),
        award_date: f.date("award_date"),
        start: f.date("start"),
        end: f.date("end"),
        location: f.text("location"),
    };
    if let (Some(s), Some(e)) = (p.start, p.end) {
        if e < s {
            f.error("end", "`end` is before `start`", None);
        }
    }
    KindData::Procurement(p)
}

/// kind: statistics.
#[derive(Debug, Clone)]
pub struct Statistics {
    /// Unit of the numbers.
    pub unit: Option<String>,
    /// CSV path relative to the site.
    pub table_file: Option<String>,
    /// The parsed table.
    pub table: Option<statistics::StatsTable>,
    /// Declared chart for a generic table.
    pub chart: Option<statistics::ChartSpec>,
}

/// Reads kind: statistics.
pub fn statistics(f: &Fields<'_>, reader: &dyn TableReader, diags: &mut Vec<Diagnostic>) -> KindData {
    let (table_file, table) = read_table(f, reader, diags, statistics::parse);
    let chart = chart_spec(f);
    if let (Some(t), Some(c)) = (&table, &chart) {
        if let Err(why) = statistics::validate_chart(t, c) {
            f.error("chart", why, Some("name columns from the table's header".into()));
        }
    }
    KindData::Statistics(Box::new(Statistics {
        unit: f.text("unit"),
        table_file,
        table,
        chart,
    }))
}

fn chart_spec(f: &Fields<'_>) -> Option<statistics::ChartSpec> {
    let v = f.raw("chart")?;
    let Some(m) = v.as_mapping() else {
        f.error(
            "chart",
            "`chart` must be `{type: line|bar, x: COLUMN, y: [COLUMNS]}`",
            None,
        );
        return None;
    };
    let get = |k: &str| m.get(k).and_then(crate::load::fields::scalar_text);
    let kind = match get("type").as_deref() {
        Some("line") => statistics::ChartKind::Line,
        Some("bar") | None => statistics::ChartKind::Bar,
        Some(other) => {
            f.error(
                "chart.type",
                format!("`{other}` is not a chart type"),
                Some("allowed: line, bar".into()),
            );
            return None;
        }
    };
    let Some(x) = get("x") else {
        f.error("chart", "`chart` needs `x`, the column for the horizontal axis", None);
        return None;
    };
    let y = match m.get("y") {
        Some(serde_yaml::Value::Sequence(s)) => s.iter().filter_map(crate::load::fields::scalar_text).collect(),
        Some(v) => crate::load::fields::scalar_text(v).into_iter().collect(),
        None => Vec::new(),
    };
    if y.is_empty() {
        f.error("chart", "`chart` needs `y`, the columns to draw", None);
        return None;
    }
    Some(statistics::ChartSpec { kind, x, y })
}

/// Reads the kind-specific keys of a record for `kind`.
pub fn read(
    kind: Kind,
    f: &Fields<'_>,
    body: &BodySections,
    reader: &dyn TableReader,
    diags: &mut Vec<Diagnostic>,
) -> KindData {
    match kind {
        Kind::News => news(f),
        Kind::Procedures => procedure(f, body),
        Kind::Documents => document(f),
        Kind::Budget => budget(f, reader, diags),
        Kind::Inspections => inspection(f),
        Kind::Complaints => complaint(f),
        Kind::Procurement => procurement(f),
        Kind::Statistics => statistics(f, reader, diags),
        Kind::Pages => KindData::Page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn procedure_body_sections() {
        let b = split_procedure_body(
            "Giới thiệu.\n\n## Trình tự thực hiện\n\n1. Nộp\n\n## Thành phần hồ sơ\n\n- Tờ khai\n\n## Ghi chú\n\nKhác.\n",
        );
        assert_eq!(b.steps.as_deref(), Some("1. Nộp"));
        assert_eq!(b.documents.as_deref(), Some("- Tờ khai"));
        assert!(b.rest.contains("Giới thiệu.") && b.rest.contains("## Ghi chú"));
    }
}
