//! JSON-LD structured data: `GovernmentOrganization` on the home page, `GovernmentService`
//! for procedures, `NewsArticle` for news, `Dataset` for tables, `Legislation` for documents.

use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::model::{Item, KindData};

/// Serialises JSON for a `<script type="application/ld+json">` block: `<` is escaped so that
/// no text can close the script element.
pub fn to_script(v: &Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

fn org(c: &SiteConfig) -> Value {
    let o = &c.organization;
    json!({
        "@type": "GovernmentOrganization",
        "name": o.name,
        "url": c.base_url,
        "address": o.address,
        "telephone": o.phone,
        "email": o.email,
    })
}

/// The organisation, for the home page.
pub fn organization(c: &SiteConfig) -> String {
    let mut v = org(c);
    v["@context"] = json!("https://schema.org");
    to_script(&v)
}

/// Structured data for an item page.
pub fn for_item(item: &Item, c: &SiteConfig) -> String {
    let url = c.absolute(&item.url);
    let date = item.date.map(|d| d.rfc3339(&c.timezone));
    let v = match &item.data {
        KindData::Procedure(p) => json!({
            "@context": "https://schema.org",
            "@type": "GovernmentService",
            "name": item.title,
            "identifier": p.code,
            "url": url,
            "serviceType": p.field,
            "provider": org(c),
            "serviceOperator": p.agency.as_ref().map(|a| json!({ "@type": "GovernmentOrganization", "name": a })),
            "audience": p.audience.iter().map(|a| json!({ "@type": "Audience", "audienceType": super::views::label(a) })).collect::<Vec<_>>(),
            "availableChannel": p.online_url.as_ref().map(|u| json!({ "@type": "ServiceChannel", "serviceUrl": u })),
            "serviceOutput": p.result,
            "offers": p.fee_amount.map(|f| json!({ "@type": "Offer", "price": f, "priceCurrency": "VND" })),
        }),
        KindData::News(n) => json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": item.title,
            "url": url,
            "datePublished": date,
            "dateModified": item.updated.map(|d| d.rfc3339(&c.timezone)).or(date.clone()),
            "author": n.author.as_ref().map(|a| json!({ "@type": "Person", "name": a })),
            "publisher": org(c),
            "image": n.image_asset.as_ref().map(|a| c.absolute(a.url.trim_start_matches(&c.base_path))),
        }),
        KindData::Budget(_) | KindData::Statistics(_) => json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": item.title,
            "url": url,
            "datePublished": date,
            "publisher": org(c),
            "description": item.summary_or_lead(),
        }),
        KindData::Document(d) => json!({
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": item.title,
            "legislationIdentifier": d.number,
            "legislationDate": item.date.map(|x| x.iso_date()),
            "legislationType": d.doc_type,
            "url": url,
        }),
        _ => json!({
            "@context": "https://schema.org",
            "@type": "WebPage",
            "name": item.title,
            "url": url,
            "datePublished": date,
        }),
    };
    to_script(&strip_nulls(v))
}

/// Removes `null` members, recursively.
pub fn strip_nulls(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, strip_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_nulls).collect()),
        v => v,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_cannot_be_closed() {
        let s = to_script(&json!({ "name": "</script><script>alert(1)</script>" }));
        assert!(!s.contains("</script"));
    }
}
