//! Resolving the files that content references, without ever leaving the site folder.

use std::path::{Path, PathBuf};

/// Largest text file read (Markdown, YAML, CSV); bigger files are refused with a clear message.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// Resolves `reference` (relative to the site folder `from_dir`, or from the site root when it
/// starts with `/`) to a site-relative path with `/` separators.
/// Refuses paths that climb out of the site, absolute OS paths, URLs and control characters.
pub fn resolve_reference(from_dir: &str, reference: &str) -> Result<String, String> {
    if reference.contains(['\0', '\\']) || reference.chars().any(char::is_control) {
        return Err(format!(
            "`{}` contains characters not allowed in a path",
            reference.escape_debug()
        ));
    }
    if reference.contains("://") || reference.starts_with("//") {
        return Err(format!("`{reference}` is a URL, not a file in the site"));
    }
    let (start, rest) = match reference.strip_prefix('/') {
        Some(r) => ("", r),
        None => (from_dir, reference),
    };
    let mut parts: Vec<&str> = start.split('/').filter(|p| !p.is_empty()).collect();
    for part in rest.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("`{reference}` leads outside the site folder"));
                }
            }
            p if p.starts_with('.') => {
                return Err(format!(
                    "`{reference}` names a hidden file or folder, which is never published"
                ));
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(format!("`{reference}` names no file"));
    }
    Ok(parts.join("/"))
}

/// Checks that a site-relative path exists as a regular file inside the site, following
/// symlinks only when they stay inside. Returns its absolute path and size.
pub fn check_inside(site_root: &Path, canonical_root: &Path, rel: &str) -> Result<(PathBuf, u64), String> {
    let abs = site_root.join(rel);
    let meta = std::fs::symlink_metadata(&abs).map_err(|_| format!("`{rel}` does not exist"))?;
    let real = if meta.file_type().is_symlink() || rel.contains('/') {
        std::fs::canonicalize(&abs).map_err(|_| format!("`{rel}` is a broken link"))?
    } else {
        abs.clone()
    };
    if !real.starts_with(canonical_root) {
        return Err(format!("`{rel}` is a link to a file outside the site folder"));
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("`{rel}` cannot be read: {e}"))?;
    if !meta.is_file() {
        return Err(format!("`{rel}` is not a file"));
    }
    Ok((abs, meta.len()))
}

/// Where a referenced site file is published: files under `content/` keep their path inside it,
/// files under `static/` their path inside that, others their site path.
pub fn output_path_for(rel: &str) -> String {
    rel.strip_prefix("content/")
        .or_else(|| rel.strip_prefix("static/"))
        .unwrap_or(rel)
        .to_owned()
}

/// Joins a site-relative folder and a name.
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() {
        name.to_owned()
    } else {
        format!("{dir}/{name}")
    }
}

/// The folder part of a site-relative path.
pub fn parent(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_stay_inside() {
        assert_eq!(
            resolve_reference("content/tin-tuc", "anh.png"),
            Ok("content/tin-tuc/anh.png".into())
        );
        assert_eq!(
            resolve_reference("content/tin-tuc", "../van-ban/a.pdf"),
            Ok("content/van-ban/a.pdf".into())
        );
        assert_eq!(
            resolve_reference("content/tin-tuc", "/static/logo.svg"),
            Ok("static/logo.svg".into())
        );
        assert!(resolve_reference("content/tin-tuc", "../../../etc/passwd").is_err());
        assert!(resolve_reference("content", "/../x").is_err());
        assert!(resolve_reference("content", "a\0b").is_err());
        assert!(resolve_reference("content", "https://x/y.pdf").is_err());
        assert!(resolve_reference("content/a", "/.git/config").is_err());
        assert!(resolve_reference("content/a", ".env").is_err());
        assert!(resolve_reference("content/a", "../../.output.staging-1/x.html").is_err());
        assert_eq!(output_path_for("content/tin-tuc/a/b.pdf"), "tin-tuc/a/b.pdf");
        assert_eq!(output_path_for("static/images/logo.svg"), "images/logo.svg");
    }
}
