//! JSON-LD structured data: `GovernmentOrganization` on the home page, `GovernmentService`
//! for procedures, `NewsArticle` for news, `Dataset` for tables, `Legislation` for documents.

use serde_json::{Value, json};

use crate::config::SiteConfig;
use crate::model::{Item, KindData};

/// Serialises JSON for a `<script type="application/ld+json">` block: `<` is escaped so that
/// no text can close the script element.
pub fn to_script(v: &Value) -> String {
    script_safe(v.to_string().into_bytes())
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

/// Structured data for an item page, as [`to_script`] writes it: members in sorted order (as a
/// `serde_json` object holds them) and absent ones left out. Written straight into a string: a
/// JSON tree per page, then a second one without its nulls, cost more than the rest of it.
pub fn for_item(item: &Item, c: &SiteConfig) -> String {
    let mut out = Vec::with_capacity(512);
    let url = c.absolute(&item.url);
    let date = item.date.map(|d| d.rfc3339(&c.timezone));
    let mut o = Obj::open(&mut out);
    o.str("@context", "https://schema.org");
    match &item.data {
        KindData::Procedure(p) => {
            o.str("@type", "GovernmentService");
            o.key("audience");
            o.out.push(b'[');
            for (n, a) in p.audience.iter().enumerate() {
                if n > 0 {
                    o.out.push(b',');
                }
                let mut a_obj = Obj::open(o.out);
                a_obj.str("@type", "Audience");
                a_obj.str("audienceType", super::views::label(a));
                a_obj.close();
            }
            o.out.push(b']');
            if let Some(u) = &p.online_url {
                o.obj("availableChannel", |ch| {
                    ch.str("@type", "ServiceChannel");
                    ch.str("serviceUrl", u);
                });
            }
            o.str("identifier", &p.code);
            o.str("name", &item.title);
            if let Some(f) = p.fee_amount {
                o.obj("offers", |of| {
                    of.str("@type", "Offer");
                    of.key("price");
                    of.out.extend_from_slice(f.to_string().as_bytes());
                    of.str("priceCurrency", "VND");
                });
            }
            o.obj("provider", |pr| org_members(pr, c));
            if let Some(a) = &p.agency {
                o.obj("serviceOperator", |op| {
                    op.str("@type", "GovernmentOrganization");
                    op.str("name", a);
                });
            }
            o.opt("serviceOutput", p.result.as_deref());
            o.opt("serviceType", p.field.as_deref());
            o.str("url", &url);
        }
        KindData::News(n) => {
            o.str("@type", "NewsArticle");
            if let Some(a) = &n.author {
                o.obj("author", |au| {
                    au.str("@type", "Person");
                    au.str("name", a);
                });
            }
            let modified = item.updated.map(|d| d.rfc3339(&c.timezone)).or(date.clone());
            o.opt("dateModified", modified.as_deref());
            o.opt("datePublished", date.as_deref());
            o.str("headline", &item.title);
            let image = n
                .image_asset
                .as_ref()
                .map(|a| c.absolute(a.url.trim_start_matches(&c.base_path)));
            o.opt("image", image.as_deref());
            o.obj("publisher", |pb| org_members(pb, c));
            o.str("url", &url);
        }
        KindData::Budget(_) | KindData::Statistics(_) => {
            o.str("@type", "Dataset");
            o.opt("datePublished", date.as_deref());
            o.str("description", &item.summary_or_lead());
            o.str("name", &item.title);
            o.obj("publisher", |pb| org_members(pb, c));
            o.str("url", &url);
        }
        KindData::Document(d) => {
            o.str("@type", "Legislation");
            o.opt("legislationDate", item.date.map(|x| x.iso_date()).as_deref());
            o.str("legislationIdentifier", &d.number);
            o.opt("legislationType", d.doc_type.as_deref());
            o.str("name", &item.title);
            o.str("url", &url);
        }
        _ => {
            o.str("@type", "WebPage");
            o.opt("datePublished", date.as_deref());
            o.str("name", &item.title);
            o.str("url", &url);
        }
    }
    o.close();
    script_safe(out)
}

/// The organisation's members, as [`org`] has them without its nulls.
fn org_members(o: &mut Obj<'_>, c: &SiteConfig) {
    let org = &c.organization;
    o.str("@type", "GovernmentOrganization");
    o.opt("address", org.address.as_deref());
    o.opt("email", org.email.as_deref());
    o.str("name", &org.name);
    o.opt("telephone", org.phone.as_deref());
    o.str("url", &c.base_url);
}

/// A JSON object being written member by member; the caller gives the members in order.
struct Obj<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Obj<'a> {
    fn open(out: &'a mut Vec<u8>) -> Self {
        out.push(b'{');
        Obj { out, first: true }
    }

    fn key(&mut self, k: &str) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        string(self.out, k);
        self.out.push(b':');
    }

    fn str(&mut self, k: &str, v: &str) {
        self.key(k);
        string(self.out, v);
    }

    /// A member when `v` is there (a null member is left out).
    fn opt(&mut self, k: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.str(k, v);
        }
    }

    fn obj(&mut self, k: &str, members: impl FnOnce(&mut Obj<'_>)) {
        self.key(k);
        let mut inner = Obj::open(self.out);
        members(&mut inner);
        inner.close();
    }

    fn close(self) {
        self.out.push(b'}');
    }
}

/// A JSON string, escaped as `serde_json` escapes it.
fn string(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// JSON text with `<`, `>` and `&` escaped (as `\u003c`, `\u003e`, `\u0026`).
fn script_safe(json: Vec<u8>) -> String {
    let text = String::from_utf8(json).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    if !text.contains(['<', '>', '&']) {
        return text;
    }
    let mut s = String::with_capacity(text.len() + 16);
    for ch in text.chars() {
        match ch {
            '<' => s.push_str("\\u003c"),
            '>' => s.push_str("\\u003e"),
            '&' => s.push_str("\\u0026"),
            _ => s.push(ch),
        }
    }
    s
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
