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
            return Ok(Split {
                yaml,
                yaml_line: 2,
                body,
                body_line: i + 3,
            });
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
        return Err(
            Diagnostic::error(path, first_line + line - 1, col, "a tab is used for indentation")
                .with_hint("YAML indents with spaces only; replace the tab with two spaces"),
        );
    }
    if let Some(line) = too_deep(yaml) {
        return Err(Diagnostic::error(
            path,
            first_line + line - 1,
            1,
            format!("nesting deeper than {MAX_YAML_DEPTH} levels"),
        )
        .with_hint("flatten the structure"));
    }
    let value: Value = if yaml.trim().is_empty() {
        Value::Mapping(Mapping::new())
    } else {
        serde_yaml::from_str(yaml).map_err(|e| yaml_error(path, yaml, &e, first_line))?
    };
    let map = match value {
        Value::Mapping(m) => m,
        Value::Null => Mapping::new(),
        other => {
            return Err(Diagnostic::error(
                path,
                first_line,
                1,
                format!("expected `key: value` lines, found {}", super::fields::describe(&other)),
            )
            .with_hint("each line of the block is `key: value`"));
        }
    };
    let positions = KeyPositions::scan(yaml, first_line);
    Ok(Fields::from_yaml(
        path,
        map,
        positions,
        Pos::new(first_line.saturating_sub(1).max(1), 1),
    ))
}

/// Turns a YAML parser error into a diagnostic at the file position.
fn yaml_error(path: &str, yaml: &str, e: &serde_yaml::Error, first_line: usize) -> Diagnostic {
    let (block_line, block_col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    let raw = e.to_string();
    // The library appends " at line N column M", which counts from the block: drop it.
    let msg = match raw.find(" at line ") {
        Some(i) => raw[..i].to_owned(),
        None => raw.clone(),
    };
    let at = |line: usize, col: usize| (first_line + line.max(1) - 1, col.max(1));
    if let Some(key) = duplicate_key(&msg) {
        // The library points at the start of the mapping; point at the repeated key instead.
        let (line, col) = e
            .location()
            .and_then(|l| second_occurrence(yaml, l.index(), &key))
            .map_or_else(|| at(block_line, block_col), |(l, c)| at(l, c));
        return Diagnostic::error(path, line, col, format!("invalid YAML: the key `{key}` appears twice"))
            .with_hint("each key may appear once; remove or rename the repeated one");
    }
    if raw.contains("quoted scalar") && raw.contains("unexpected end of stream") {
        // An unclosed quote runs to the end of the block: point at the opening quote.
        let (line, col) = quote_start(&raw).map_or_else(|| at(block_line, block_col), |(l, c)| at(l, c));
        return Diagnostic::error(path, line, col, "invalid YAML: this quote is never closed")
            .with_hint("close the quote on the same line; inside \"...\" write a quote as \\\"");
    }
    if raw.contains("unknown escape character") {
        let (line, col) = at(block_line, block_col);
        return Diagnostic::error(
            path,
            line,
            col,
            "invalid YAML: a backslash in a \"...\" value starts an unknown escape",
        )
        .with_hint("write the value in single quotes ('C:\\tai-lieu'), or double each backslash");
    }
    if msg.starts_with("recursion limit exceeded") {
        let (line, col) = at(block_line, block_col);
        return Diagnostic::error(path, line, col, format!("nesting deeper than {MAX_YAML_DEPTH} levels"))
            .with_hint("flatten the structure");
    }
    if msg.starts_with("repetition limit exceeded") {
        let (line, col) = at(block_line, block_col);
        return Diagnostic::error(
            path,
            line,
            col,
            "invalid YAML: aliases (`*name`) expand to too many values",
        )
        .with_hint("write the values out instead of repeating them with `&anchor` and `*alias`");
    }
    let (line, col) = at(block_line, block_col);
    let hint = if msg.contains("did not find expected") || msg.contains("found unexpected end of stream") {
        "check that every quote and bracket is closed and that values containing `: ` are quoted"
    } else if msg.contains("mapping values are not allowed") {
        "a value containing `: ` must be in quotes"
    } else if msg.contains("found character that cannot start any token") {
        "a value starting with `@`, `` ` `` or `%` must be in quotes"
    } else {
        "check the YAML syntax on this line"
    };
    Diagnostic::error(path, line, col, format!("invalid YAML: {msg}")).with_hint(hint)
}

/// The key named by a "duplicate entry with key" message.
fn duplicate_key(msg: &str) -> Option<String> {
    let i = msg.find("duplicate entry with key ")?;
    let rest = &msg[i + "duplicate entry with key ".len()..];
    Some(rest.trim().trim_matches('"').to_owned())
}

/// The (line, column) in the block, both 1-based, of the second `key:` of the block mapping that
/// starts at byte `start`; `None` for flow mappings or when not found.
fn second_occurrence(yaml: &str, start: usize, key: &str) -> Option<(usize, usize)> {
    let start = start.min(yaml.len());
    if !yaml.is_char_boundary(start) {
        return None;
    }
    let line_start = yaml[..start].rfind('\n').map_or(0, |i| i + 1);
    let first_line = yaml[..line_start].matches('\n').count() + 1;
    let indent = start - line_start;
    let mut seen = 0;
    for (i, line) in yaml[line_start..].lines().enumerate() {
        let text = if i == 0 { &line[indent.min(line.len())..] } else { line };
        let this_indent = if i == 0 {
            indent
        } else {
            line.len() - line.trim_start_matches(' ').len()
        };
        let body = line.trim_start_matches([' ', '-']);
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if i > 0 && this_indent < indent {
            break;
        }
        if this_indent != indent {
            continue;
        }
        let text = text.trim_start_matches(' ');
        let name = text
            .strip_prefix('"')
            .and_then(|t| t.split('"').next())
            .or_else(|| text.strip_prefix('\'').and_then(|t| t.split('\'').next()))
            .or_else(|| {
                let end = text.find(": ").or_else(|| text.strip_suffix(':').map(str::len))?;
                Some(&text[..end])
            });
        if name.is_some_and(|n| n.trim() == key) {
            seen += 1;
            if seen == 2 {
                let col = line[..this_indent.min(line.len())].chars().count() + 1;
                return Some((first_line + i, col));
            }
        }
    }
    None
}

/// The position of the opening quote in "while scanning a quoted scalar at line N column M".
fn quote_start(raw: &str) -> Option<(usize, usize)> {
    let i = raw.find("while scanning a quoted scalar at line ")?;
    let rest = &raw[i + "while scanning a quoted scalar at line ".len()..];
    let (line, rest) = rest.split_once(" column ")?;
    let col: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, col.parse().ok()?))
}

fn find_tab_indent(yaml: &str) -> Option<(usize, usize)> {
    yaml.lines().enumerate().find_map(|(i, l)| {
        let indent: String = l.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent.find('\t').map(|c| (i + 1, c + 1))
    })
}

/// The first line whose nesting (indentation, `- ` item markers, open brackets on the line) goes
/// past [`MAX_YAML_DEPTH`]. The parser has its own limit; this one gives a clearer message.
fn too_deep(yaml: &str) -> Option<usize> {
    for (i, line) in yaml.lines().enumerate() {
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        let mut dashes = 0;
        let mut r = rest;
        while let Some(after) = r.strip_prefix("- ") {
            dashes += 1;
            r = after.trim_start_matches(' ');
        }
        let brackets = r.chars().filter(|c| *c == '[' || *c == '{').count();
        if indent / 2 + dashes > MAX_YAML_DEPTH || brackets > MAX_YAML_DEPTH {
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
        assert_eq!(
            e.to_string(),
            "a.md:1:1: the front matter is never closed (add a line `---` after the last key, before the text)"
        );
    }

    #[test]
    fn yaml_errors_are_at_file_lines() {
        let e = parse_mapping("a.md", "title: A\nsummary: \"open\ndate: 2020-01-01\n", 2)
            .err()
            .expect("error");
        assert_eq!(
            e.to_string(),
            "a.md:3:10: invalid YAML: this quote is never closed (close the quote on the same line; inside \"...\" write a quote as \\\")"
        );
        let e = parse_mapping("a.md", "title: 'open\n", 2).err().expect("error");
        assert_eq!((e.line, e.column), (2, 8), "{e}");
        let e = parse_mapping("a.md", "title: A\n\tdate: x\n", 2).err().expect("tab");
        assert_eq!((e.line, e.column), (3, 1));
    }

    #[test]
    fn duplicate_keys_point_at_the_repeat() {
        let e = parse_mapping("a.md", "title: A\ntitle: B\n", 2).err().expect("dup");
        assert_eq!(
            e.to_string(),
            "a.md:3:1: invalid YAML: the key `title` appears twice (each key may appear once; remove or rename the repeated one)"
        );
        let e = parse_mapping("a.md", "a: 1\nb:\n  x: 1\n  # note\n  y: 2\n  x: 3\n", 1)
            .err()
            .expect("dup");
        assert_eq!((e.line, e.column), (6, 3), "{e}");
        let e = parse_mapping("a.md", "l:\n  - t: 1\n    u: 2\n    t: 3\n", 1)
            .err()
            .expect("dup");
        assert_eq!((e.line, e.column), (4, 5), "{e}");
        let e = parse_mapping("a.md", "m: {a: 1, a: 2}\n", 5).err().expect("dup");
        assert_eq!((e.line, e.column), (5, 4), "{e}");
        assert!(e.message.contains("`a` appears twice"), "{e}");
    }

    #[test]
    fn nesting_and_alias_bombs_are_refused() {
        let e = parse_mapping("a.yaml", &format!("a: {}1", "[".repeat(10_000)), 1)
            .err()
            .expect("deep");
        assert_eq!(
            e.to_string(),
            "a.yaml:1:1: nesting deeper than 64 levels (flatten the structure)"
        );
        let e = parse_mapping("a.yaml", &"[\n".repeat(10_000), 1).err().expect("deep");
        assert!(e.message.starts_with("nesting deeper"), "{e}");
        let e = parse_mapping("a.yaml", &format!("{}x\n", "- ".repeat(10_000)), 1)
            .err()
            .expect("deep");
        assert!(e.message.starts_with("nesting deeper"), "{e}");
        let mut bomb = String::from("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        let e = parse_mapping("a.yaml", &bomb, 1).err().expect("bomb");
        assert!(e.message.contains("aliases"), "{e}");
    }

    #[test]
    fn unknown_escape() {
        let e = parse_mapping("a.md", "title: A\nfile: \"C:\\tai\\lieu\"\n", 2)
            .err()
            .expect("escape");
        assert_eq!(e.line, 3, "{e}");
        assert!(e.message.contains("unknown escape"), "{e}");
    }

    #[test]
    fn bom_and_crlf() {
        assert_eq!(normalize_source("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }
}
