//! The theme: templates (site `templates/` > `themes/<name>/templates/` > embedded default),
//! static assets with fingerprinted names, and interface strings.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::Diagnostic;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_theme.rs"));
}

/// A loaded theme, parsed once and shared by every render.
pub struct Theme {
    /// Tera with every template added.
    pub tera: tera::Tera,
    /// Static assets: output path (fingerprinted) → bytes.
    pub assets: BTreeMap<String, Vec<u8>>,
    /// Logical asset name (`style.css`) → output path (`assets/style.1a2b3c4d.css`).
    pub asset_paths: BTreeMap<String, String>,
    /// Interface strings per language.
    pub strings: BTreeMap<String, serde_json::Value>,
}

/// Theme files: path inside the theme → (where it came from, for messages; bytes).
type ThemeFiles = BTreeMap<String, (String, Vec<u8>)>;

/// Reads the theme's files, overriding the embedded default theme file by file.
fn theme_files(site_root: &Path, theme: &str) -> Result<ThemeFiles, Vec<Diagnostic>> {
    let mut files: ThemeFiles = BTreeMap::new();
    for (path, bytes) in builtin::FILES {
        files.insert((*path).to_owned(), (format!("(built-in theme)/{path}"), bytes.to_vec()));
    }
    let mut diags = Vec::new();
    let theme_dir = site_root.join("themes").join(theme);
    if theme != "default" && !theme_dir.is_dir() {
        diags.push(
            Diagnostic::error("site.yaml", 1, 1, format!("theme `{theme}` not found in themes/"))
                .with_hint("create themes/<name>/templates, or remove `theme:` to use the default theme"),
        );
        return Err(diags);
    }
    let mut overlay = |dir: &Path, prefix_in_theme: &str, label: &str| {
        if !dir.is_dir() {
            return;
        }
        for entry in walkdir::WalkDir::new(dir)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let source = format!("{label}/{rel}");
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    files.insert(format!("{prefix_in_theme}{rel}"), (source, bytes));
                }
                Err(e) => diags.push(Diagnostic::error(source, 0, 0, format!("cannot read: {e}"))),
            }
        }
    };
    overlay(&theme_dir, "", &format!("themes/{theme}"));
    overlay(&site_root.join("templates"), "templates/", "templates");
    if diags.is_empty() { Ok(files) } else { Err(diags) }
}

/// Loads the theme for a site: parses every template once.
pub fn load(site_root: &Path, theme: &str, base_path: &str) -> Result<Theme, Vec<Diagnostic>> {
    let files = theme_files(site_root, theme)?;
    let mut tera = tera::Tera::new();
    let mut diags = Vec::new();
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut assets = BTreeMap::new();
    let mut asset_paths = BTreeMap::new();
    let mut strings = BTreeMap::new();
    for (path, (source, bytes)) in &files {
        if let Some(name) = path.strip_prefix("templates/") {
            match std::str::from_utf8(bytes) {
                Ok(t) => templates.push((name.to_owned(), t.to_owned())),
                Err(_) => diags.push(Diagnostic::error(source, 0, 0, "template is not valid UTF-8")),
            }
        } else if let Some(name) = path.strip_prefix("static/") {
            let out = fingerprint(name, bytes);
            asset_paths.insert(name.to_owned(), format!("{base_path}{out}"));
            assets.insert(out, bytes.clone());
        } else if let Some(name) = path.strip_prefix("i18n/").and_then(|n| n.strip_suffix(".yaml")) {
            let text = String::from_utf8_lossy(bytes);
            match crate::load::front_matter::parse_mapping(source, &text, 1) {
                Ok(_) => match serde_yaml::from_str::<serde_json::Value>(&text) {
                    Ok(v) => {
                        strings.insert(name.to_owned(), v);
                    }
                    Err(e) => diags.push(Diagnostic::error(
                        source,
                        1,
                        1,
                        format!("invalid interface strings: {e}"),
                    )),
                },
                Err(d) => diags.push(d),
            }
        }
    }
    // Add all templates at once so that inheritance between them resolves.
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
        // Tera points at the template at fault as "--> name:line:column".
        let text = e.to_string();
        let named = text.find("--> ").and_then(|at| {
            let spot: String = text[at + 4..].chars().take_while(|c| !c.is_whitespace()).collect();
            let name = spot.split(':').next().unwrap_or("").to_owned();
            files.get(&format!("templates/{name}")).map(|(s, _)| s.clone())
        });
        let source = named
            .or_else(|| {
                templates
                    .iter()
                    .find(|(n, _)| text.contains(n.as_str()))
                    .and_then(|(n, _)| files.get(&format!("templates/{n}")))
                    .map(|(s, _)| s.clone())
            })
            .unwrap_or_else(|| "templates".to_owned());
        diags.push(template_error(&source, &e));
    }
    if diags.is_empty() {
        Ok(Theme {
            tera,
            assets,
            asset_paths,
            strings,
        })
    } else {
        Err(diags)
    }
}

/// A template error as a diagnostic naming the template file.
pub fn template_error(source: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut cur: Option<&dyn std::error::Error> = std::error::Error::source(e);
    while let Some(s) = cur {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        cur = s.source();
    }
    // Tera points at the spot as "--> name:line:column"; use it as the position.
    let (mut line, mut column) = (1, 1);
    if let Some(at) = msg.find("--> ") {
        let spot: String = msg[at + 4..].chars().take_while(|c| !c.is_whitespace()).collect();
        let mut parts = spot.rsplitn(3, ':');
        if let (Some(c), Some(l)) = (parts.next(), parts.next()) {
            column = c.parse().unwrap_or(1);
            line = l.parse().unwrap_or(1);
        }
    }
    let first = msg
        .lines()
        .next()
        .unwrap_or("")
        .trim()
        .trim_start_matches("error: ")
        .to_owned();
    Diagnostic::error(source, line, column, format!("template error: {first}"))
        .with_hint("fix the template; see the Tera documentation")
}

/// `css/site.css` → `css/site.1a2b3c4d.css` for long caching; the hash is of the content.
fn fingerprint(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:08x}", fnv1a(bytes) as u32);
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("assets/{stem}.{hash}.{ext}"),
        None => format!("assets/{name}.{hash}"),
    }
}

/// FNV-1a, 64 bits: a small stable hash for file names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_loads() {
        let dir = std::env::temp_dir().join("minhbach-theme-test-empty");
        let theme =
            load(&dir, "default", "/").map_err(|d| d.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"));
        let theme = theme.expect("default theme");
        assert!(theme.tera.get_template_names().any(|n| n == "base.html"));
        assert!(theme.asset_paths.contains_key("site.css"));
        assert!(theme.strings.contains_key("vi"));
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint("site.css", b"a"), fingerprint("site.css", b"a"));
        assert_ne!(fingerprint("site.css", b"a"), fingerprint("site.css", b"b"));
        assert!(fingerprint("js/x.js", b"a").starts_with("assets/js/x."));
    }
}
