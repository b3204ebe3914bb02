//! Open data: every collection as CSV and JSON under `data/`, a DCAT-style catalog
//! (`data/catalog.json`), budget and statistics tables beside their pages (`bang.csv`,
//! `bang.json`), and Open Contracting (OCDS 1.1) release packages for procurement.

use rayon::prelude::*;
use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::model::kinds::KindData;
use crate::model::{Item, Kind, Section};
use crate::numbers;
use crate::tables::csv_cell;
use crate::write::Writer;

use super::RenderContext;
use super::views::label;

/// File-name slug of a section's datasets (`thu-tuc-hanh-chinh`, `a-b` for nested `a/b`).
pub fn section_slug(s: &Section) -> String {
    s.dir.replace('/', "-")
}

/// Site paths of an item's table downloads (CSV, JSON), when it has a table.
pub fn table_paths(item: &Item) -> Option<(String, String)> {
    let has_table = match &item.data {
        KindData::Budget(b) => b.table.is_some(),
        KindData::Statistics(s) => s.table.is_some(),
        _ => false,
    };
    has_table.then(|| (format!("{}bang.csv", item.url), format!("{}bang.json", item.url)))
}

/// One item as an ordered record of (column, value) for the collection's CSV and JSON.
pub fn record(item: &Item, config: &SiteConfig) -> Vec<(&'static str, Value)> {
    let s = |v: &Option<String>| v.clone().map_or(Value::Null, Value::String);
    let d = |v: &Option<crate::dates::DateTime>| v.map_or(Value::Null, |d| Value::String(d.iso_date()));
    let list = |v: &[&'static str]| Value::String(v.join(";"));
    let mut r: Vec<(&'static str, Value)> = vec![
        ("url", Value::String(config.absolute(&item.url))),
        ("title", Value::String(item.title.clone())),
        ("date", d(&item.date)),
        ("updated", d(&item.updated)),
        ("summary", Value::String(item.summary_or_lead())),
    ];
    match &item.data {
        KindData::News(n) => r.extend([
            ("type", json!(n.news_type)),
            ("category", s(&n.category)),
            ("author", s(&n.author)),
            ("source", s(&n.source)),
        ]),
        KindData::Procedure(p) => r.extend([
            ("code", json!(p.code)),
            ("field", s(&p.field)),
            ("level", list(&p.level)),
            ("agency", s(&p.agency)),
            ("audience", list(&p.audience)),
            ("channels", list(&p.channels)),
            ("online", p.online.map_or(Value::Null, |o| json!(o))),
            ("online_url", s(&p.online_url)),
            ("processing_time", s(&p.processing_time)),
            ("processing_days", p.processing_days.map_or(Value::Null, |v| json!(v))),
            ("fees", s(&p.fees)),
            ("fee_amount", p.fee_amount.map_or(Value::Null, |v| json!(v))),
            ("result", s(&p.result)),
            ("legal_basis", Value::String(p.legal_basis.join(";"))),
            ("effective", d(&p.effective)),
            ("repealed", d(&p.repealed)),
        ]),
        KindData::Document(x) => r.extend([
            ("number", json!(x.number)),
            ("doc_type", s(&x.doc_type)),
            ("issuer", s(&x.issuer)),
            ("signer", s(&x.signer)),
            ("effective", d(&x.effective)),
            ("expires", d(&x.expires)),
            ("field", s(&x.field)),
        ]),
        KindData::Budget(b) => r.extend([
            ("form", s(&b.form)),
            ("fiscal_year", b.fiscal_year.map_or(Value::Null, |v| json!(v))),
            ("stage", b.stage.map_or(Value::Null, |v| json!(v))),
            ("period", s(&b.period)),
            ("unit", s(&b.unit)),
            ("decision", s(&b.decision)),
            (
                "table_csv",
                table_paths(item).map_or(Value::Null, |(c, _)| json!(config.absolute(&c))),
            ),
        ]),
        KindData::Inspection(i) => r.extend([
            ("number", json!(i.number)),
            ("issuer", s(&i.issuer)),
            ("subject", s(&i.subject)),
            ("scope", s(&i.scope)),
            ("period", s(&i.period)),
            ("field", s(&i.field)),
            ("violation_amount", i.violation_amount.map_or(Value::Null, |v| json!(v))),
            ("recovered_amount", i.recovered_amount.map_or(Value::Null, |v| json!(v))),
            ("recommendations", Value::String(i.recommendations.join(";"))),
            ("status", i.status.map_or(Value::Null, |v| json!(v))),
        ]),
        KindData::Complaint(c) => r.extend([
            ("number", json!(c.number)),
            ("type", c.complaint_type.map_or(Value::Null, |v| json!(v))),
            ("issuer", s(&c.issuer)),
            ("subject", s(&c.subject)),
            ("result", c.result.map_or(Value::Null, |v| json!(v))),
        ]),
        KindData::Procurement(p) => r.extend([
            ("project", s(&p.project)),
            ("package", s(&p.package)),
            ("investor", s(&p.investor)),
            ("method", s(&p.method)),
            ("value", p.value.map_or(Value::Null, |v| json!(v))),
            ("funding", s(&p.funding)),
            ("status", p.status.map_or(Value::Null, |v| json!(v))),
            ("winner", s(&p.winner)),
            ("award_date", d(&p.award_date)),
            ("start", d(&p.start)),
            ("end", d(&p.end)),
            ("location", s(&p.location)),
        ]),
        KindData::Statistics(st) => r.extend([
            ("unit", s(&st.unit)),
            (
                "table_csv",
                table_paths(item).map_or(Value::Null, |(c, _)| json!(config.absolute(&c))),
            ),
        ]),
        KindData::Page => {}
    }
    r
}

/// Writes records as CSV (RFC 4180, UTF-8 with a header row).
pub fn to_csv(records: &[Vec<(&'static str, Value)>]) -> String {
    let mut columns: Vec<&str> = Vec::new();
    for r in records {
        for (k, _) in r {
            if !columns.contains(k) {
                columns.push(k);
            }
        }
    }
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _header = csv_cell::write_record(&mut w, &columns);
    for r in records {
        let row: Vec<String> = columns
            .iter()
            .map(|c| match r.iter().find(|(k, _)| k == c).map(|(_, v)| v) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Null) | None => String::new(),
                Some(v) => v.to_string(),
            })
            .collect();
        let _row = csv_cell::write_record(&mut w, &row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// Records as a JSON array of objects, serialised without building a [`Value`] tree; keys in
/// sorted order (and the last of a repeated key), as a `serde_json` object writes them.
struct JsonRecords<'a>(&'a [Vec<(&'static str, Value)>]);

impl serde::Serialize for JsonRecords<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|r| JsonRecord(r)))
    }
}

struct JsonRecord<'a>(&'a [(&'static str, Value)]);

impl serde::Serialize for JsonRecord<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut fields: Vec<&(&'static str, Value)> = self.0.iter().collect();
        fields.sort_by_key(|(k, _)| *k);
        let last_of_key = |i: &usize| fields.get(i + 1).is_none_or(|next| next.0 != fields[*i].0);
        let kept: Vec<&(&'static str, Value)> = (0..fields.len()).filter(last_of_key).map(|i| fields[i]).collect();
        serializer.collect_map(kept.into_iter().map(|(k, v)| (k, v)))
    }
}

fn pretty(v: &impl serde::Serialize) -> Vec<u8> {
    let mut s = serde_json::to_vec_pretty(v).unwrap_or_default();
    s.push(b'\n');
    s
}

/// A distribution entry of the catalog.
fn distribution(config: &SiteConfig, path: &str, media: &str, bytes: usize) -> Value {
    json!({ "@type": "dcat:Distribution", "dcat:downloadURL": config.absolute(path), "dcat:mediaType": media, "dcat:byteSize": bytes })
}

/// Writes every dataset and the catalog. Sections and items are written in parallel; the
/// catalog lists them in the same order as ever.
pub fn write_all(ctx: &RenderContext<'_>, out: &Writer, diags: &Diagnostics) {
    let _ = diags;
    let site = ctx.site;
    let c = &site.config;
    let publisher = json!({ "@type": "foaf:Organization", "foaf:name": c.organization.name });
    let sections: Vec<Value> = (0..site.sections.len())
        .into_par_iter()
        .filter_map(|s| section_dataset(ctx, s, &publisher, out))
        .collect();
    // Tables of budget and statistics items, and OCDS per procurement item.
    let tables: Vec<Value> = site
        .items
        .par_iter()
        .filter_map(|item| item_files(item, c, &publisher, out))
        .collect();
    let mut datasets = sections;
    datasets.extend(tables);
    let catalog = json!({
        "@context": { "dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/" },
        "@type": "dcat:Catalog",
        "dct:title": format!("Dữ liệu mở – {}", c.title),
        "dct:publisher": publisher,
        "dcat:dataset": datasets,
    });
    out.write("data/catalog.json", &pretty(&catalog));
}

/// Writes section `s`'s collection (CSV, JSON, OCDS for procurement); returns its catalog entry.
fn section_dataset(ctx: &RenderContext<'_>, s: usize, publisher: &Value, out: &Writer) -> Option<Value> {
    let site = ctx.site;
    let c = &site.config;
    let section = &site.sections[s];
    let members = &ctx.section_items[s];
    if members.is_empty() || section.kind == Kind::Pages {
        return None;
    }
    let records: Vec<_> = members.par_iter().map(|i| record(&site.items[*i], c)).collect();
    let slug = section_slug(section);
    let (csv_text, json_bytes) = rayon::join(|| to_csv(&records), || pretty(&JsonRecords(&records)));
    let csv_path = format!("data/{slug}.csv");
    let json_path = format!("data/{slug}.json");
    out.write(&csv_path, csv_text.as_bytes());
    out.write(&json_path, &json_bytes);
    let mut dists = vec![
        distribution(c, &csv_path, "text/csv", csv_text.len()),
        distribution(c, &json_path, "application/json", json_bytes.len()),
    ];
    if section.kind == Kind::Procurement {
        let releases: Vec<Value> = members
            .iter()
            .filter_map(|i| ocds_release(&site.items[*i], c))
            .collect();
        let package = ocds_package(c, &format!("data/{slug}-ocds.json"), releases);
        let bytes = pretty(&package);
        dists.push(distribution(
            c,
            &format!("data/{slug}-ocds.json"),
            "application/json",
            bytes.len(),
        ));
        out.write(&format!("data/{slug}-ocds.json"), &bytes);
    }
    let dates: Vec<_> = members.iter().filter_map(|i| site.items[*i].date).collect();
    let modified: Vec<_> = members
        .iter()
        .filter_map(|i| site.items[*i].updated.or(site.items[*i].date))
        .collect();
    Some(json!({
        "@type": "dcat:Dataset",
        "dct:identifier": slug,
        "dct:title": section.title,
        "dct:description": section.description.clone().unwrap_or_else(|| format!("{} – {}", section.title, c.title)),
        "dct:issued": dates.iter().min().map(|d| d.iso_date()),
        "dct:modified": modified.iter().max().map(|d| d.iso_date()),
        "dct:publisher": publisher,
        "dcat:landingPage": c.absolute(&section.url),
        "dcat:distribution": dists,
    }))
}

/// Writes an item's table (CSV, JSON) and OCDS release when it has them; returns the table's
/// catalog entry.
fn item_files(item: &Item, c: &SiteConfig, publisher: &Value, out: &Writer) -> Option<Value> {
    if let Some(release) = ocds_release(item, c) {
        let path = format!("{}ocds.json", item.url);
        out.write(&path, &pretty(&ocds_package(c, &path, vec![release])));
    }
    let table: Option<(String, Value)> = match &item.data {
        KindData::Budget(b) => b.table.as_ref().map(|t| (t.to_csv(), t.to_json())),
        KindData::Statistics(s) => s.table.as_ref().map(|t| (t.to_csv(), t.to_json())),
        _ => None,
    };
    let ((csv_text, json_value), (csv_path, json_path)) = table.zip(table_paths(item))?;
    let json_bytes = pretty(&json_value);
    out.write(&csv_path, csv_text.as_bytes());
    out.write(&json_path, &json_bytes);
    Some(json!({
        "@type": "dcat:Dataset",
        "dct:identifier": item.url.trim_end_matches('/').replace('/', "-"),
        "dct:title": item.title,
        "dct:description": item.summary_or_lead(),
        "dct:issued": item.date.map(|d| d.iso_date()),
        "dct:modified": item.updated.or(item.date).map(|d| d.iso_date()),
        "dct:publisher": publisher,
        "dcat:landingPage": c.absolute(&item.url),
        "dcat:distribution": [distribution(c, &csv_path, "text/csv", csv_text.len()), distribution(c, &json_path, "application/json", json_bytes.len())],
    }))
}

/// The OCDS prefix-like id of this portal (a stable hash of its base URL; not a registered prefix).
fn ocid_prefix(c: &SiteConfig) -> String {
    format!("ocds-{:06x}", super::theme::fnv1a(c.base_url.as_bytes()) & 0xff_ffff)
}

fn ocds_package(c: &SiteConfig, path: &str, releases: Vec<Value>) -> Value {
    let published = releases
        .iter()
        .filter_map(|r| r.get("date").and_then(Value::as_str))
        .max()
        .map(str::to_owned);
    json!({
        "uri": c.absolute(path),
        "version": "1.1",
        "publishedDate": published.unwrap_or_else(|| "1970-01-01T00:00:00Z".into()),
        "publisher": { "name": c.organization.name },
        "releases": releases,
    })
}

/// An OCDS 1.1 release for a procurement item.
pub fn ocds_release(item: &Item, c: &SiteConfig) -> Option<Value> {
    let KindData::Procurement(p) = &item.data else {
        return None;
    };
    let tz = &c.timezone;
    let dt = |d: &Option<crate::dates::DateTime>| d.map(|d| d.rfc3339(tz));
    let slug = item.url.trim_end_matches('/').replace('/', "-");
    let ocid = format!("{}-{slug}", ocid_prefix(c));
    let value = p.value.map(|v| json!({ "amount": v, "currency": "VND" }));
    let (tender_status, tags): (&str, Vec<&str>) = match p.status {
        Some("planned") => ("planned", vec!["planning"]),
        Some("bidding") => ("active", vec!["tender"]),
        Some("awarded") => ("complete", vec!["award"]),
        Some("in_progress") => ("complete", vec!["contract", "implementation"]),
        Some("completed") => ("complete", vec!["contract", "implementation"]),
        _ => ("planned", vec!["planning"]),
    };
    let buyer = p.investor.as_ref().map(|n| json!({ "id": "buyer", "name": n }));
    let mut parties = Vec::new();
    if let Some(n) = &p.investor {
        parties.push(json!({ "id": "buyer", "name": n, "roles": ["buyer", "procuringEntity"] }));
    }
    if let Some(w) = &p.winner {
        parties.push(json!({ "id": "supplier-1", "name": w, "roles": ["supplier"] }));
    }
    let awarded = matches!(p.status, Some("awarded" | "in_progress" | "completed")) || p.winner.is_some();
    let awards = if awarded {
        vec![json!({
            "id": format!("{slug}-award"),
            "status": "active",
            "date": dt(&p.award_date),
            "value": value,
            "suppliers": p.winner.as_ref().map(|w| vec![json!({ "id": "supplier-1", "name": w })]).unwrap_or_default(),
        })]
    } else {
        Vec::new()
    };
    let contracts = if matches!(p.status, Some("in_progress" | "completed")) {
        vec![json!({
            "id": format!("{slug}-contract"),
            "awardID": format!("{slug}-award"),
            "status": if p.status == Some("completed") { "terminated" } else { "active" },
            "period": { "startDate": dt(&p.start), "endDate": dt(&p.end) },
            "value": value,
        })]
    } else {
        Vec::new()
    };
    let date = item
        .updated
        .or(item.date)
        .or(p.award_date)
        .or(p.start)
        .map(|d| d.rfc3339(tz))
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    Some(super::jsonld::strip_nulls(json!({
        "ocid": ocid,
        "id": format!("{slug}-{}", date.get(..10).unwrap_or("0")),
        "date": date,
        "tag": tags,
        "initiationType": "tender",
        "language": c.language,
        "parties": parties,
        "buyer": buyer,
        "planning": { "budget": { "description": p.funding, "amount": value }, "project": p.project },
        "tender": {
            "id": format!("{slug}-tender"),
            "title": p.package.clone().unwrap_or_else(|| item.title.clone()),
            "description": item.summary_or_lead(),
            "status": tender_status,
            "procuringEntity": buyer,
            "value": value,
            "procurementMethodDetails": p.method,
            "items": p.location.as_ref().map(|l| vec![json!({ "id": "1", "description": format!("{} – {l}", item.title) })]),
        },
        "awards": awards,
        "contracts": contracts,
        "x_statusLabel": p.status.map(label),
        "x_valueText": p.value.map(numbers::format_vnd),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The direct serialisation writes what a `serde_json` object tree would.
    #[test]
    fn records_serialise_like_json_objects() {
        let records = vec![
            vec![
                ("url", json!("a")),
                ("title", json!("Tên")),
                ("date", Value::Null),
                ("url", json!("b")),
            ],
            vec![],
            vec![("z", json!(1.5)), ("a", json!(["x", {"k": true}]))],
        ];
        let tree = Value::Array(
            records
                .iter()
                .map(|r| Value::Object(r.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()))
                .collect(),
        );
        assert_eq!(pretty(&JsonRecords(&records)), pretty(&tree));
    }
}
