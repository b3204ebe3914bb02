//! `site.yaml`: the site's configuration, read into a validated [`SiteConfig`].

use crate::diag::Diagnostic;
use crate::load::fields::Fields;
use crate::load::front_matter;

/// The organisation publishing the portal, shown in the footer and as JSON-LD.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Organization {
    /// Official name.
    pub name: String,
    /// Postal address.
    pub address: Option<String>,
    /// Switchboard phone.
    pub phone: Option<String>,
    /// Public e-mail address.
    pub email: Option<String>,
    /// Hotline.
    pub hotline: Option<String>,
    /// Opening hours of the reception desk.
    pub working_hours: Option<String>,
    /// Logo path as written (from the site root).
    pub logo: Option<String>,
}

/// One entry of the main menu: a URL or a section folder.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MenuEntry {
    /// Label.
    pub title: String,
    /// Target as written: a URL, or `None` when `section` is given.
    pub url: Option<String>,
    /// Section folder (relative to `content/`).
    pub section: Option<String>,
    /// Line in site.yaml, for diagnostics.
    #[serde(skip)]
    pub line: usize,
}

/// What to do when personal data is found in content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PiiCheck {
    /// Fail the build.
    Error,
    /// Report and go on.
    Warn,
    /// Do not scan.
    Off,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// Portal name.
    pub title: String,
    /// Short description for the home page and feeds.
    pub description: Option<String>,
    /// Absolute base URL, always ending in `/`.
    pub base_url: String,
    /// Path part of `base_url`, always starting and ending in `/` (`/portal/`).
    pub base_path: String,
    /// Default language.
    pub language: String,
    /// All languages, the default first.
    pub languages: Vec<String>,
    /// Publisher.
    pub organization: Organization,
    /// Main navigation.
    pub menu: Vec<MenuEntry>,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Time zone for dates without an offset.
    pub timezone: jiff::tz::TimeZone,
    /// Name of the time zone, as written.
    pub timezone_name: String,
    /// Whether the search index and page are built.
    pub search_enabled: bool,
    /// Personal data policy.
    pub pii_check: PiiCheck,
    /// Values that are never reported as personal data, site-wide.
    pub pii_allow: Vec<String>,
    /// Citizen feedback service.
    pub feedback_url: Option<String>,
    /// Satisfaction survey service.
    pub survey_url: Option<String>,
    /// Pass raw HTML in Markdown through unchanged.
    pub unsafe_html: bool,
    /// Items per page in lists, unless a section says otherwise.
    pub per_page: usize,
}

impl SiteConfig {
    /// A minimal configuration for tests.
    pub fn for_test() -> Self {
        SiteConfig {
            title: "Cổng thử nghiệm".into(),
            description: None,
            base_url: "https://example.gov.vn/".into(),
            base_path: "/".into(),
            language: "vi".into(),
            languages: vec!["vi".into()],
            organization: Organization {
                name: "UBND Phường Thử".into(),
                ..Organization::default()
            },
            menu: Vec::new(),
            theme: "default".into(),
            timezone: jiff::tz::TimeZone::fixed(jiff::tz::offset(7)),
            timezone_name: "Asia/Ho_Chi_Minh".into(),
            search_enabled: true,
            pii_check: PiiCheck::Error,
            pii_allow: Vec::new(),
            feedback_url: None,
            survey_url: None,
            unsafe_html: false,
            per_page: 20,
        }
    }

    /// Replaces the base URL (the `--base-url` flag).
    pub fn set_base_url(&mut self, url: &str) -> Result<(), String> {
        let (base_url, base_path) = parse_base_url(url)?;
        self.base_url = base_url;
        self.base_path = base_path;
        Ok(())
    }

    /// An absolute URL for a site path (`tin-tuc/a/` → `https://host/portal/tin-tuc/a/`).
    pub fn absolute(&self, site_path: &str) -> String {
        format!("{}{}", self.base_url, site_path.trim_start_matches('/'))
    }

    /// A root-relative link for a site path (`tin-tuc/a/` → `/portal/tin-tuc/a/`).
    pub fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.base_path, site_path.trim_start_matches('/'))
    }
}

/// Keys site.yaml may contain.
const KNOWN_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "languages",
    "organization",
    "menu",
    "theme",
    "timezone",
    "search",
    "privacy",
    "feedback_url",
    "survey_url",
    "unsafe_html",
    "per_page",
];

/// Parses site.yaml's text. Returns the config (when usable) and every problem found.
pub fn parse(path: &str, text: &str) -> (Option<SiteConfig>, Vec<Diagnostic>) {
    let text = front_matter::normalize_source(text);
    let fields = match front_matter::parse_mapping(path, &text, 1) {
        Ok(f) => f,
        Err(d) => return (None, vec![d]),
    };
    let title = fields.required_text("title");
    let description = fields.text("description");
    let base = fields.required_text("base_url");
    let (base_url, base_path) = match parse_base_url(&base) {
        Ok(v) => v,
        Err(why) => {
            if !base.is_empty() {
                fields.error(
                    "base_url",
                    why,
                    Some("write e.g. https://phuong.example.gov.vn/ or https://host/portal/".into()),
                );
            }
            ("/".into(), "/".into())
        }
    };
    let language = fields.text("language").unwrap_or_else(|| "vi".into());
    let mut languages = vec![language.clone()];
    for l in fields.text_list("languages") {
        if !languages.contains(&l) {
            languages.push(l);
        }
    }
    for l in &languages {
        if !matches!(l.as_str(), "vi" | "en") {
            fields.warn(
                "languages",
                format!("language `{l}` has no interface strings; Vietnamese labels are used"),
                None,
            );
        }
    }
    let organization = organization(&fields);
    let menu = menu(&fields);
    let theme = fields.text("theme").unwrap_or_else(|| "default".into());
    if theme.contains(['/', '\\']) || theme.starts_with('.') {
        fields.error(
            "theme",
            format!("`{theme}` is not a theme folder name"),
            Some("name a folder under themes/".into()),
        );
    }
    let timezone_name = fields.text("timezone").unwrap_or_else(|| "Asia/Ho_Chi_Minh".into());
    let timezone = match jiff::tz::TimeZone::get(&timezone_name) {
        Ok(tz) => tz,
        Err(_) if timezone_name == "Asia/Ho_Chi_Minh" => jiff::tz::TimeZone::fixed(jiff::tz::offset(7)),
        Err(_) => {
            fields.error(
                "timezone",
                format!("unknown time zone `{timezone_name}`"),
                Some("use an IANA name such as Asia/Ho_Chi_Minh".into()),
            );
            jiff::tz::TimeZone::fixed(jiff::tz::offset(7))
        }
    };
    let search_enabled = sub_bool(&fields, "search", "enabled").unwrap_or(true);
    let pii_check = match sub_text(&fields, "privacy", "pii_check").as_deref() {
        None | Some("error") => PiiCheck::Error,
        Some("warn") => PiiCheck::Warn,
        Some("off") => PiiCheck::Off,
        Some(other) => {
            fields.error(
                "privacy.pii_check",
                format!("`{other}` is not a valid `pii_check`"),
                Some("allowed: error, warn, off".into()),
            );
            PiiCheck::Error
        }
    };
    let pii_allow = sub_list(&fields, "privacy", "pii_allow");
    let feedback_url = url_field(&fields, "feedback_url");
    let survey_url = url_field(&fields, "survey_url");
    let unsafe_html = fields.boolean("unsafe_html").unwrap_or(false);
    let per_page = fields.integer("per_page").map_or(20, |n| n.clamp(1, 1000) as usize);
    let diags = fields.finish(KNOWN_KEYS);
    let config = SiteConfig {
        title,
        description,
        base_url,
        base_path,
        language,
        languages,
        organization,
        menu,
        theme,
        timezone,
        timezone_name,
        search_enabled,
        pii_check,
        pii_allow,
        feedback_url,
        survey_url,
        unsafe_html,
        per_page,
    };
    (Some(config), diags)
}

fn parse_base_url(url: &str) -> Result<(String, String), String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("`{url}` is not an http(s) URL"))?;
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("`{url}` has no host"));
    }
    if path.contains(['?', '#']) {
        return Err(format!("`{url}` must not have a query or fragment"));
    }
    let path = if path.ends_with('/') {
        path.to_owned()
    } else {
        format!("{path}/")
    };
    let scheme_len = url.len() - rest.len();
    Ok((format!("{}{}{}", &url[..scheme_len], host, path), path))
}

fn organization(fields: &Fields<'_>) -> Organization {
    let Some(v) = fields.raw("organization") else {
        return Organization::default();
    };
    let Some(m) = v.as_mapping() else {
        fields.error(
            "organization",
            "`organization` must be a map of name, address, phone, …",
            None,
        );
        return Organization::default();
    };
    let get = |k: &str| {
        m.get(k)
            .and_then(crate::load::fields::scalar_text)
            .map(|s| crate::text::nfc(s.trim()))
            .filter(|s| !s.is_empty())
    };
    const ORG_KEYS: &[&str] = &["name", "address", "phone", "email", "hotline", "working_hours", "logo"];
    for k in m.keys().filter_map(|k| k.as_str()) {
        if !ORG_KEYS.contains(&k) {
            let hint = crate::text::closest(k, ORG_KEYS).map(|c| format!("did you mean `{c}`?"));
            fields.warn(
                &format!("organization.{k}"),
                format!("unknown key `organization.{k}` is ignored"),
                hint,
            );
        }
    }
    Organization {
        name: get("name").unwrap_or_default(),
        address: get("address"),
        phone: get("phone"),
        email: get("email"),
        hotline: get("hotline"),
        working_hours: get("working_hours"),
        logo: get("logo"),
    }
}

fn menu(fields: &Fields<'_>) -> Vec<MenuEntry> {
    let Some(v) = fields.raw("menu") else { return Vec::new() };
    let Some(items) = v.as_sequence() else {
        fields.error(
            "menu",
            "`menu` must be a list of `{title, url}` or `{title, section}`",
            None,
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let key = format!("menu.{i}");
        let line = fields.pos(&key).line;
        let Some(m) = item.as_mapping() else {
            fields.error(
                &key,
                format!("menu entry {} must be `{{title, url}}` or `{{title, section}}`", i + 1),
                None,
            );
            continue;
        };
        let get = |k: &str| {
            m.get(k)
                .and_then(crate::load::fields::scalar_text)
                .map(|s| crate::text::nfc(s.trim()))
        };
        let Some(title) = get("title") else {
            fields.error(&key, format!("menu entry {} has no `title`", i + 1), None);
            continue;
        };
        let url = get("url");
        let section = get("section").map(|s| s.trim_matches('/').to_owned());
        if url.is_none() == section.is_none() {
            fields.error(
                &key,
                format!("menu entry `{title}` needs exactly one of `url` and `section`"),
                None,
            );
            continue;
        }
        if let Some(u) = &url {
            if !crate::markdown::is_safe_url(u) {
                fields.error(
                    &key,
                    format!("menu entry `{title}` has an unsafe URL"),
                    Some("use http(s) or a site path".into()),
                );
                continue;
            }
        }
        out.push(MenuEntry {
            title,
            url,
            section,
            line,
        });
    }
    out
}

fn sub_value<'f>(fields: &'f Fields<'_>, key: &str, sub: &str) -> Option<&'f serde_yaml::Value> {
    let v = fields.raw(key)?;
    match v.as_mapping() {
        Some(m) => m.get(sub),
        None => {
            fields.error(
                key,
                format!("`{key}` must be a map"),
                Some(format!("write `{key}:` then `  {sub}: ...` on the next line")),
            );
            None
        }
    }
}

fn sub_text(fields: &Fields<'_>, key: &str, sub: &str) -> Option<String> {
    sub_value(fields, key, sub).and_then(crate::load::fields::scalar_text)
}

fn sub_bool(fields: &Fields<'_>, key: &str, sub: &str) -> Option<bool> {
    match sub_value(fields, key, sub)? {
        serde_yaml::Value::Bool(b) => Some(*b),
        _ => {
            fields.error(
                &format!("{key}.{sub}"),
                format!("`{key}.{sub}` must be true or false"),
                None,
            );
            None
        }
    }
}

fn sub_list(fields: &Fields<'_>, key: &str, sub: &str) -> Vec<String> {
    match sub_value(fields, key, sub) {
        Some(serde_yaml::Value::Sequence(s)) => s.iter().filter_map(crate::load::fields::scalar_text).collect(),
        Some(_) => {
            fields.error(&format!("{key}.{sub}"), format!("`{key}.{sub}` must be a list"), None);
            Vec::new()
        }
        None => Vec::new(),
    }
}

fn url_field(fields: &Fields<'_>, key: &str) -> Option<String> {
    let u = fields.text(key)?;
    if u.starts_with("https://") || u.starts_with("http://") {
        Some(u)
    } else {
        fields.error(key, format!("`{key}` must be an http(s) URL"), None);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_with_sub_path() {
        assert_eq!(
            parse_base_url("https://host/portal"),
            Ok(("https://host/portal/".into(), "/portal/".into()))
        );
        assert_eq!(
            parse_base_url("http://127.0.0.1:8080"),
            Ok(("http://127.0.0.1:8080/".into(), "/".into()))
        );
        assert!(parse_base_url("host/portal").is_err());
    }

    #[test]
    fn unknown_keys_warn_with_suggestion() {
        let (c, d) = parse("site.yaml", "title: A\nbase_url: https://a.vn/\ntitel: B\n");
        assert!(c.is_some());
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].to_string(),
            "site.yaml:3:1: warning: unknown key `titel` is ignored (did you mean `title`?)"
        );
    }

    #[test]
    fn missing_title_is_an_error() {
        let (_, d) = parse("site.yaml", "base_url: https://a.vn/\n");
        assert!(d.iter().any(|d| d.is_error() && d.message.contains("`title`")), "{d:?}");
    }
}
