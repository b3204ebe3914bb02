//! The typed site model: sections and items of every kind, with no I/O.
//!
//! Loading fills it in two passes: [`kinds`] reads each record's keys into typed data, then
//! [`crate::link`] gives every item its URL, renders Markdown and resolves referenced files.

pub mod kinds;

use crate::dates::DateTime;
use crate::load::fields::FileRef;
use crate::load::positions::Pos;

pub use kinds::KindData;

/// The kinds of section the contract defines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// News, announcements, interviews, events.
    News,
    /// Administrative procedures.
    Procedures,
    /// Legal and directive documents.
    Documents,
    /// Budget disclosures.
    Budget,
    /// Inspection conclusions.
    Inspections,
    /// Results of complaints and denunciations.
    Complaints,
    /// Projects, bidding and public purchases.
    Procurement,
    /// Service statistics.
    Statistics,
    /// Plain pages.
    Pages,
}

impl Kind {
    /// Every kind, in the order the home page lists them.
    pub const ALL: [Kind; 9] = [
        Kind::News,
        Kind::Procedures,
        Kind::Documents,
        Kind::Budget,
        Kind::Inspections,
        Kind::Complaints,
        Kind::Procurement,
        Kind::Statistics,
        Kind::Pages,
    ];

    /// The name used in `_section.yaml`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Procedures => "procedures",
            Kind::Documents => "documents",
            Kind::Budget => "budget",
            Kind::Inspections => "inspections",
            Kind::Complaints => "complaints",
            Kind::Procurement => "procurement",
            Kind::Statistics => "statistics",
            Kind::Pages => "pages",
        }
    }

    /// Parses a `_section.yaml` kind name.
    pub fn from_name(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// The singular type name used by search facets and templates (`procedure`, `page`, …).
    pub fn item_type(self) -> &'static str {
        match self {
            Kind::News => "news",
            Kind::Procedures => "procedure",
            Kind::Documents => "document",
            Kind::Budget => "budget",
            Kind::Inspections => "inspection",
            Kind::Complaints => "complaint",
            Kind::Procurement => "procurement",
            Kind::Statistics => "statistics",
            Kind::Pages => "page",
        }
    }

    /// The Vietnamese label of one item of this kind.
    pub fn label_vi(self) -> &'static str {
        match self {
            Kind::News => "Tin tức",
            Kind::Procedures => "Thủ tục hành chính",
            Kind::Documents => "Văn bản",
            Kind::Budget => "Ngân sách",
            Kind::Inspections => "Kết luận thanh tra",
            Kind::Complaints => "Khiếu nại - tố cáo",
            Kind::Procurement => "Dự án - đấu thầu",
            Kind::Statistics => "Thống kê",
            Kind::Pages => "Trang",
        }
    }
}

/// How a section's list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SortOrder {
    /// Newest first.
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// By title, Vietnamese order.
    Title,
    /// By code (procedures) or number.
    Code,
    /// By `weight`, then title.
    Weight,
}

impl SortOrder {
    /// Names accepted in `_section.yaml`.
    pub const NAMES: [&'static str; 5] = ["date_desc", "date_asc", "title", "code", "weight"];

    /// Parses a name from [`SortOrder::NAMES`].
    pub fn from_name(s: &str) -> Option<SortOrder> {
        Some(match s {
            "date_desc" => SortOrder::DateDesc,
            "date_asc" => SortOrder::DateAsc,
            "title" => SortOrder::Title,
            "code" => SortOrder::Code,
            "weight" => SortOrder::Weight,
            _ => return None,
        })
    }

    /// The default order for a kind.
    pub fn default_for(kind: Kind) -> SortOrder {
        match kind {
            Kind::Procedures => SortOrder::Title,
            Kind::Pages => SortOrder::Weight,
            _ => SortOrder::DateDesc,
        }
    }
}

/// A section: a folder under `content/` with a `_section.yaml`.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to `content/`, `/`-separated, no trailing slash (`thu-tuc-hanh-chinh/cap-xa`).
    pub dir: String,
    /// The `_section.yaml` path relative to the site.
    pub file: String,
    /// Site path of the section's list, ending in `/`.
    pub url: String,
    /// Kind of every item in it.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// Optional description.
    pub description: Option<String>,
    /// Items per list page.
    pub per_page: usize,
    /// List order.
    pub sort: SortOrder,
    /// Procedures catalog CSV, when declared.
    pub catalog: Option<FileRef>,
    /// Order among sibling sections.
    pub weight: i64,
    /// Index of the parent section, for nested sections.
    pub parent: Option<usize>,
}

/// A file an item publishes (attachment, form, image), resolved and ready to copy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Asset {
    /// Title to show (the file name when none was given).
    pub title: String,
    /// Root-relative link including the base path, or an external URL.
    pub url: String,
    /// Upper-case extension: `PDF`, `DOCX`.
    pub ext: String,
    /// Size in bytes (0 for external links).
    pub size: u64,
    /// Size for display: `245 KB`.
    pub size_text: String,
}

/// Markdown text held by a typed field (procedure steps, an ISO process…), rendered in the link pass.
#[derive(Debug, Clone, Default)]
pub struct MdField {
    /// Source Markdown; emptied by the link pass once rendered.
    pub src: String,
    /// Rendered HTML (filled by the link pass).
    pub html: String,
}

impl MdField {
    /// A field from source text; empty text gives `None`.
    pub fn new(src: Option<String>) -> Option<MdField> {
        src.filter(|s| !s.trim().is_empty()).map(|src| MdField {
            src,
            html: String::new(),
        })
    }
}

/// One published item of any kind.
#[derive(Debug, Clone)]
pub struct Item {
    /// Source file relative to the site (`content/tin-tuc/a.md`, or the catalog CSV).
    pub file: String,
    /// Where in `file` the item starts (a catalog row's line).
    pub pos: Pos,
    /// Folder that relative references start from, relative to the site.
    pub dir: String,
    /// Index of the section.
    pub section: usize,
    /// Language code of this item (`vi`, or `en` for `name.en.md`).
    pub lang: String,
    /// Key shared by an item and its translations (section + base slug).
    pub translation_key: String,
    /// URL slug.
    pub slug: String,
    /// Site path of the page, ending in `/` (`tin-tuc/a/`, `en/gioi-thieu/a/`).
    pub url: String,
    /// Title.
    pub title: String,
    /// Publication date.
    pub date: Option<DateTime>,
    /// Last revision.
    pub updated: Option<DateTime>,
    /// Summary as written.
    pub summary: Option<String>,
    /// Not built unless `--drafts`.
    pub draft: bool,
    /// Not built before this time.
    pub publish_at: Option<DateTime>,
    /// Tags.
    pub tags: Vec<String>,
    /// Attachments as written.
    pub attachment_refs: Vec<FileRef>,
    /// Attachments resolved by the link pass.
    pub attachments: Vec<Asset>,
    /// Order in menus and weighted lists.
    pub weight: Option<i64>,
    /// Values this item may publish although they look like personal data.
    pub pii_allow: Vec<String>,
    /// Markdown body; emptied by the link pass once rendered.
    pub body: String,
    /// Line of the body's first line in `file`.
    pub body_line: usize,
    /// Rendered body (filled by the link pass).
    pub html: String,
    /// Body text without markup (filled by the link pass).
    pub text: String,
    /// `##` headings of the body: (anchor, text).
    pub headings: Vec<(String, String)>,
    /// What this kind adds.
    pub data: KindData,
    /// What the personal-data scan found in this item's source files while loading (its own
    /// file, its table), before allow lists; empty when nothing looked like personal data.
    pub pii: Vec<std::sync::Arc<crate::pii::FileScan>>,
}

impl Item {
    /// The summary as written, else derived from the body text.
    pub fn summary_or_lead(&self) -> String {
        match &self.summary {
            Some(s) => s.clone(),
            None => crate::markdown::summary_from_text(&self.text, 220),
        }
    }

    /// The date used for sorting and display: `date`, else `updated`.
    pub fn sort_date(&self) -> Option<DateTime> {
        self.date.or(self.updated)
    }

    /// Kind of the item.
    pub fn kind(&self) -> Kind {
        self.data.kind()
    }
}

/// Everything loaded from a site folder.
#[derive(Debug, Clone)]
pub struct Site {
    /// Configuration.
    pub config: crate::config::SiteConfig,
    /// Sections, sorted by folder.
    pub sections: Vec<Section>,
    /// Items to publish, sorted by file then position.
    pub items: Vec<Item>,
    /// Files to copy to the output: output path (relative) → source path (absolute).
    pub files: std::collections::BTreeMap<String, std::path::PathBuf>,
}
