//! Splitting a Markdown file into its YAML front matter and body, and parsing YAML blocks
//! with positions counted in the file (not in the block).

use serde_yaml::{Mapping, Value};

use super::fields::Fields;
use super::positions::{KeyPositions, Pos};
use crate::diag::Diagnostic;

/// Nesting deeper than this is refused before parsing (deeply nested YAML is a denial of service).
const MAX_YAML_DEPTH: usize = 64;

/// A Markdown file split at its front-matter fences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'t> {
    /// The YAML between the fences.
    pub yaml: &'t str,
    /// 1-based line of the first YAML line in the file.
    pub yaml_line: usize,
    /// The Markdown after the closing fence.
    pub body: &'t str,
    /// 1-based line of the first body line in the file.
    pub body_line: usize,
}

/// Splits `text` (BOM removed, line endings normalised) at `---` fences.
pub fn split<'t>(path: &str, text: &'t str) -> Result<Split<'t>, Diagnostic> {
    let Some(after_open) = text.strip_prefix("---\n").or_else(|| (text == "---").then_some("")) else {
        let first = text.lines().next().unwrap_or("");
        let hint = if first.trim() == "---" {
            "the opening `---` must start the file, without spaces before it"
        } else {
            "start the file with a line `---`, then the keys (`title: ...`), then a line `---`"
        };
        return Err(Diagnostic::error(path, 1, 1, "missing front matter").with_hint(hint));
    };
    let mut offset = 0;
    for (i, line) in after_open.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches('\n');
        if bare == "---" || bare == "..." {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Ok(Split { yaml, yaml_line: 2, body, body_line: i + 3 });
        }
        offset += line.len();
    }
    Err(Diagnostic::error(path, 1, 1, "the front matter is never closed")
        .with_hint("add a line `---` after the last key, before the text"))
}

/// Parses a YAML block whose first line is `first_line` in the file into a mapping with key
/// positions, ready for typed reading. A syntax error is returned at its file position.
pub fn parse_mapping<'p>(path: &'p str, yaml: &str, first_line: usize) -> Result<Fields<'p>, Diagnostic> {
    if let Some((line, col)) = find_tab_indent(yaml) {
        return Err(Diagnostic::error(path, first_line + line - 1, col, "a tab is used for indentation")
            .with_hint("YAML indents with spaces only; replace the tab with two spaces"));
    }
    if let Some(line) = too_deep(yaml) {
        return Err(Diagnostic::error(path, first_line + line - 1, 1, format!("nesting deeper than {MAX_YAML_DEPTH} levels"))
            .with_hint("flatten the structure"));
    }
    let value: Value = if yaml.trim().is_empty() {
        Value::Mapping(Mapping::new())
    } else {
        serde_yaml::from_str(yaml).map_err(|e| yaml_error(path, &e, first_line))?
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        other => {
            return Err(Diagnostic::error(path, first_line, 1, format!(
                "expected `key: value` lines, found {}",
                super::fields::describe(&other)
            ))
            .with_hint("each line of the block is `key: value`"));
        }
    };
    let positions = KeyPositions::scan(yaml, first_line);
    Ok(Fields::from_yaml(path, map, positions, Pos::new(first_line.saturating_sub(1).max(1), 1)))
}

/// Turns a YAML parser error into a diagnostic at the file position.
fn yaml_error(path: &str, e: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let (line, col) = e.location().map_or((first_line, 1), |l| (first_line + l.line() - 1, l.column()));
    let raw = e.to_string();
    // The library appends " at line N column M", which counts from the block: drop it.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw,
    };
    let hint = if msg.contains("duplicate entry") {
        "each key may appear once; remove or rename the repeated one"
    } else if msg.contains("did not find expected") || msg.contains("found unexpected end of stream") || msg.contains("quoted scalar") {
        "check that every quote is closed and that values containing `: ` are quoted"
    } else if msg.contains("mapping values are not allowed") {
        "a value containing `: ` must be in quotes"
    } else {
        "check the YAML syntax on this line"
    };
    Diagnostic::error(path, line, col, format!("invalid YAML: {msg}")).with_hint(hint)
}

fn find_tab_indent(yaml: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, l)| {
        let indent: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent.find('\t').map(|c| (i + 1, c + 1))
    })
}

fn too_deep(yaml: &str) -> Option<usize> {
    let mut depth: usize = 0;
    for (i, line) in yaml.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let brackets = line.chars().filter(|c| *c == '[' || *c == '{').count();
        depth = depth.max(brackets);
        if indent / 2 > MAX_YAML_DEPTH || brackets > MAX_YAML_DEPTH {
            return Some(i + 1);
        }
    }
    None
}

/// Removes a UTF-8 BOM and turns CRLF / CR line endings into LF.
pub fn normalize_source(text: &str) -> std::borrow::Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_and_counts_lines() {
        let s = split("a.md", "---\ntitle: A\n---\nBody\n").expect("split");
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter() {
        let e = split("a.md", "---\ntitle: A\nBody\n").expect_err("unclosed");
        assert_eq!(e.to_string(), "a.md:1:1: the front matter is never closed (add a line `---` after the last key, before the text)");
    }

    #[test]
    fn yaml_errors_are_at_file_lines() {
        let e = parse_mapping("a.md", "title: A\nsummary: \"open\ndate: 2020-01-01\n", 2).err().expect("error");
        assert!(e.to_string().starts_with("a.md:"), "{e}");
        assert!(e.line >= 3, "{e}");
        let e = parse_mapping("a.md", "title: A\ntitle: B\n", 2).err().expect("dup");
        assert!(e.message.contains("duplicate"), "{e}");
        let e = parse_mapping("a.md", "title: A\n\tdate: x\n", 2).err().expect("tab");
        assert_eq!((e.line, e.column), (3, 1));
    }

    #[test]
    fn bom_and_crlf() {
        assert_eq!(normalize_source("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }
}
