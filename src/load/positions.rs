//! Source positions of the keys in a YAML block, so that a problem found after parsing
//! (a bad date, an unknown key) is reported at the line the author wrote it on.
//!
//! The YAML parser reports positions only for syntax errors; this scanner maps each key path
//! (`title`, `organization.name`, `attachments.1.file`) to its line and column in the file.
//! It understands the block style authors write (maps and `- ` lists); flow collections
//! (`[a, b]`, `{a: 1}`) keep the position of their key.

use std::collections::HashMap;

/// A 1-based line and column in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl Pos {
    /// A position.
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }
}

/// Key path → position of the key (or list item) in the file.
#[derive(Debug, Clone, Default)]
pub struct KeyPositions {
    map: HashMap<String, Pos>,
}

impl KeyPositions {
    /// Scans `yaml`, whose first line is line `first_line` of the file.
    pub fn scan(yaml: &str, first_line: usize) -> Self {
        // Open containers: keys (children indented deeper) and list items (children at their indent).
        let mut stack: Vec<Open> = Vec::new();
        let mut map = HashMap::new();
        for (i, raw) in yaml.lines().enumerate() {
            let line_no = first_line + i;
            let trimmed = raw.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut indent = raw.len() - trimmed.len();
            let mut rest = trimmed;
            while stack.last().is_some_and(|o| o.indent > indent) {
                stack.pop();
            }
            // List items: "- value" or "- key: value".
            while let Some(after) = rest.strip_prefix("- ").or_else(|| (rest == "-").then_some("")) {
                while stack
                    .last()
                    .is_some_and(|o| o.indent > indent || (o.indent == indent && o.item))
                {
                    stack.pop();
                }
                let parent = stack.last().map(|o| o.path.clone()).unwrap_or_default();
                let index = stack.last_mut().map_or(0, |top| {
                    top.next_index += 1;
                    top.next_index - 1
                });
                let path = join(&parent, &index.to_string());
                map.entry(path.clone())
                    .or_insert(Pos::new(line_no, char_col(raw, indent)));
                let inner = indent + 2 + (after.len() - after.trim_start_matches(' ').len());
                stack.push(Open {
                    indent: inner,
                    path,
                    next_index: 0,
                    item: true,
                });
                indent = inner;
                rest = after.trim_start_matches(' ');
            }
            if let Some(key) = key_of(rest) {
                while stack
                    .last()
                    .is_some_and(|o| o.indent > indent || (o.indent == indent && !o.item))
                {
                    stack.pop();
                }
                let parent = stack.last().map(|o| o.path.clone()).unwrap_or_default();
                let path = join(&parent, &key);
                map.entry(path.clone())
                    .or_insert(Pos::new(line_no, char_col(raw, indent)));
                stack.push(Open {
                    indent,
                    path,
                    next_index: 0,
                    item: false,
                });
            }
        }
        KeyPositions { map }
    }

    /// Records the position of a key path (used for CSV columns).
    pub fn insert(&mut self, path: String, pos: Pos) {
        self.map.insert(path, pos);
    }

    /// Position of the key at `path` (dot-separated, list indexes as numbers).
    pub fn get(&self, path: &str) -> Option<Pos> {
        self.map.get(path).copied()
    }

    /// Position of `path`, else of its closest ancestor, else `fallback`.
    pub fn find(&self, path: &str, fallback: Pos) -> Pos {
        let mut p = path;
        loop {
            if let Some(pos) = self.get(p) {
                return pos;
            }
            match p.rfind('.') {
                Some(i) => p = &p[..i],
                None => return fallback,
            }
        }
    }
}

/// A container open at some indent while scanning.
struct Open {
    indent: usize,
    path: String,
    next_index: usize,
    item: bool,
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

fn char_col(raw: &str, byte_indent: usize) -> usize {
    raw[..byte_indent.min(raw.len())].chars().count() + 1
}

/// The key of a `key: value` or `key:` line, unquoted.
fn key_of(line: &str) -> Option<String> {
    let (key, quoted) = if let Some(stripped) = line.strip_prefix('"') {
        (stripped.split('"').next()?, true)
    } else if let Some(stripped) = line.strip_prefix('\'') {
        (stripped.split('\'').next()?, true)
    } else {
        let end = line.find(": ").or_else(|| line.strip_suffix(':').map(str::len))?;
        (&line[..end], false)
    };
    if !quoted && (key.starts_with(['[', '{', '&', '*', '!', '|', '>']) || key.contains('#')) {
        return None;
    }
    Some(key.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_keys_and_list_items() {
        let y = "title: A\norganization:\n  name: B\n  phone: \"1\"\nattachments:\n  - title: x\n    file: a.pdf\n  - title: y\n    file: b.pdf\ntags: [a, b]\n";
        let k = KeyPositions::scan(y, 2);
        assert_eq!(k.get("title"), Some(Pos::new(2, 1)));
        assert_eq!(k.get("organization.name"), Some(Pos::new(4, 3)));
        assert_eq!(k.get("organization.phone"), Some(Pos::new(5, 3)));
        assert_eq!(k.get("attachments.0"), Some(Pos::new(7, 3)));
        assert_eq!(k.get("attachments.1.file"), Some(Pos::new(10, 5)));
        assert_eq!(k.get("tags"), Some(Pos::new(11, 1)));
        assert_eq!(k.find("tags.1", Pos::default()), Pos::new(11, 1));
    }

    #[test]
    fn lists_at_key_indent() {
        let y = "menu:\n- title: A\n  url: /\n- title: B\n  section: x\nnext: 1\n";
        let k = KeyPositions::scan(y, 1);
        assert_eq!(k.get("menu.1.section"), Some(Pos::new(5, 3)));
        assert_eq!(k.get("next"), Some(Pos::new(6, 1)));
    }
}
