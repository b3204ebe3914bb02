//! Typed access to the keys of one record (a front-matter block, a YAML file or a CSV row),
//! collecting every problem as a positioned diagnostic instead of stopping at the first.
//!
//! Each kind's model asks for its keys by type (`text`, `date`, `choice`, `money`, …); what a
//! kind never asked for is reported at the end as an unknown key, with the closest known key.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde_yaml::Value;

use super::positions::{KeyPositions, Pos};
use crate::dates::{self, DateTime};
use crate::diag::Diagnostic;
use crate::text;

/// Where a record's values come from; CSV cells are text that still needs typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// A YAML mapping (front matter or data file).
    Yaml,
    /// One row of a CSV catalog: every value is a string, lists are `;`-separated.
    Csv,
}

/// One record's keys, with their positions, and the diagnostics found while reading them.
pub struct Fields<'a> {
    path: &'a str,
    map: serde_yaml::Mapping,
    positions: KeyPositions,
    /// Position of the record itself (the opening fence, the CSV row).
    origin_pos: Pos,
    origin: Origin,
    used: RefCell<BTreeSet<String>>,
    diags: RefCell<Vec<Diagnostic>>,
}

impl<'a> Fields<'a> {
    /// A record read from YAML. `positions` maps key paths to file positions.
    pub fn from_yaml(path: &'a str, map: serde_yaml::Mapping, positions: KeyPositions, origin_pos: Pos) -> Self {
        Fields {
            path,
            map,
            positions,
            origin_pos,
            origin: Origin::Yaml,
            used: RefCell::default(),
            diags: RefCell::default(),
        }
    }

    /// A record read from a CSV row: `cells` pairs column names with raw cell text;
    /// `line` is the row's line in the file. Empty cells count as absent.
    pub fn from_csv(path: &'a str, line: usize, cells: &[(String, String)]) -> Self {
        let mut map = serde_yaml::Mapping::new();
        let mut positions = Vec::new();
        for (i, (name, value)) in cells.iter().enumerate() {
            positions.push((name.clone(), Pos::new(line, i + 1)));
            if !value.trim().is_empty() {
                map.insert(Value::String(name.clone()), Value::String(value.clone()));
            }
        }
        let mut kp = KeyPositions::default();
        for (k, p) in positions {
            kp.insert(k, p);
        }
        Fields {
            path,
            map,
            positions: kp,
            origin_pos: Pos::new(line, 1),
            origin: Origin::Csv,
            used: RefCell::default(),
            diags: RefCell::default(),
        }
    }

    /// The file this record comes from, relative to the site.
    pub fn path(&self) -> &str {
        self.path
    }

    /// Whether the record comes from a CSV row.
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// Position of a key (or of the record when the key is absent).
    pub fn pos(&self, key: &str) -> Pos {
        self.positions.find(key, self.origin_pos)
    }

    /// Records an error at `key`.
    pub fn error(&self, key: &str, message: impl Into<String>, hint: Option<String>) {
        let p = self.pos(key);
        let mut message = message.into();
        if self.origin == Origin::Csv {
            message = format!("{message} in column `{key}`");
        }
        let mut d = Diagnostic::error(self.path, p.line, p.column, message);
        d.hint = hint;
        self.diags.borrow_mut().push(d);
    }

    /// Records a warning at `key`.
    pub fn warn(&self, key: &str, message: impl Into<String>, hint: Option<String>) {
        let p = self.pos(key);
        let mut d = Diagnostic::warning(self.path, p.line, p.column, message);
        d.hint = hint;
        self.diags.borrow_mut().push(d);
    }

    /// Whether the key is present (and marks it as known).
    pub fn has(&self, key: &str) -> bool {
        self.raw(key).is_some()
    }

    /// The raw value of a key, marking it as known. `null` counts as absent.
    pub fn raw(&self, key: &str) -> Option<&Value> {
        self.used.borrow_mut().insert(key.to_owned());
        match self.map.get(key) {
            None | Some(Value::Null) => None,
            Some(v) => Some(v),
        }
    }

    /// A text value; numbers and booleans are accepted as their text. NFC, trimmed; empty is absent.
    pub fn text(&self, key: &str) -> Option<String> {
        let v = self.raw(key)?;
        match scalar_text(v) {
            Some(s) => {
                let s = text::nfc(s.trim());
                (!s.is_empty()).then_some(s)
            }
            None => {
                self.error(
                    key,
                    format!("`{key}` must be text, found {}", describe(v)),
                    Some(quote_hint()),
                );
                None
            }
        }
    }

    /// A required text value: a missing key is an error.
    pub fn required_text(&self, key: &str) -> String {
        match self.text(key) {
            Some(s) => s,
            None => {
                match self.raw(key) {
                    None => self.missing(key),
                    // Present but blank (a type error was reported by `text`).
                    Some(v) if scalar_text(v).is_some() => {
                        self.error(
                            key,
                            format!("`{key}` is empty"),
                            Some(format!("write the {key} after `{key}:`")),
                        );
                    }
                    Some(_) => {}
                }
                String::new()
            }
        }
    }

    /// Reports a missing required key.
    pub fn missing(&self, key: &str) {
        let p = self.origin_pos;
        let what = if self.origin == Origin::Csv { "column" } else { "key" };
        let d = Diagnostic::error(self.path, p.line, p.column, format!("missing required {what} `{key}`"))
            .with_hint(format!("add `{key}: ...`"));
        self.diags.borrow_mut().push(d);
    }

    /// A boolean (`true`/`false`; in CSV also `yes`/`no`, `1`/`0`, `có`/`không`).
    pub fn boolean(&self, key: &str) -> Option<bool> {
        let v = self.raw(key)?;
        match v {
            Value::Bool(b) => Some(*b),
            Value::String(s) => match s.trim().to_lowercase().as_str() {
                "true" | "yes" | "1" | "có" => Some(true),
                "false" | "no" | "0" | "không" => Some(false),
                _ => {
                    self.error(
                        key,
                        format!("`{key}` must be true or false, found `{s}`"),
                        Some(bool_hint()),
                    );
                    None
                }
            },
            _ => {
                self.error(
                    key,
                    format!("`{key}` must be true or false, found {}", describe(v)),
                    Some(bool_hint()),
                );
                None
            }
        }
    }

    /// A whole number.
    pub fn integer(&self, key: &str) -> Option<i64> {
        let v = self.raw(key)?;
        let parsed = match v {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => crate::numbers::parse_integer(s),
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                key,
                format!("`{key}` must be a whole number, found {}", describe(v)),
                Some("write digits only, e.g. 20".into()),
            );
        }
        parsed
    }

    /// An amount of money in đồng: a whole number, digits may be grouped by `.` or spaces
    /// (`1.250.000.000`).
    pub fn money(&self, key: &str) -> Option<i64> {
        let v = self.raw(key)?;
        let parsed = match v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
            Value::String(s) => crate::numbers::parse_integer(s),
            _ => None,
        };
        if parsed.is_none() {
            self.error(
                key,
                format!("`{key}` must be an amount in đồng, found {}", describe(v)),
                Some("write a whole number of đồng, e.g. 1250000000 or \"1.250.000.000\"".into()),
            );
        }
        parsed
    }

    /// A date or date-time (`2020-03-20`, `2020-03-20 14:29`, RFC 3339).
    pub fn date(&self, key: &str) -> Option<DateTime> {
        let v = self.raw(key)?;
        let Some(s) = scalar_text(v) else {
            self.error(
                key,
                format!("`{key}` must be a date, found {}", describe(v)),
                Some(date_hint()),
            );
            return None;
        };
        match dates::parse(s.trim()) {
            Ok(d) => Some(d),
            Err(why) => {
                self.error(key, format!("`{key}` is not a valid date: {why}"), Some(date_hint()));
                None
            }
        }
    }

    /// A list of text values; a single text value is a list of one. In CSV, `;` separates items.
    pub fn text_list(&self, key: &str) -> Vec<String> {
        let Some(v) = self.raw(key) else { return Vec::new() };
        match v {
            Value::Sequence(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match scalar_text(item) {
                        Some(s) if !s.trim().is_empty() => out.push(text::nfc(s.trim())),
                        Some(_) => {}
                        None => self.error(
                            &format!("{key}.{i}"),
                            format!("item {} of `{key}` must be text, found {}", i + 1, describe(item)),
                            None,
                        ),
                    }
                }
                out
            }
            Value::String(s) if self.origin == Origin::Csv => split_list(s),
            other => match scalar_text(other) {
                Some(s) => vec![text::nfc(s.trim())],
                None => {
                    self.error(
                        key,
                        format!("`{key}` must be a list of text, found {}", describe(other)),
                        None,
                    );
                    Vec::new()
                }
            },
        }
    }

    /// One value out of a fixed set; an unknown value is an error naming the allowed ones.
    pub fn choice(&self, key: &str, allowed: &[&'static str]) -> Option<&'static str> {
        let s = self.text(key)?;
        self.check_choice(key, &s, allowed)
    }

    /// A list of values out of a fixed set.
    pub fn choices(&self, key: &str, allowed: &[&'static str]) -> Vec<&'static str> {
        let list = self.text_list(key);
        list.iter().filter_map(|s| self.check_choice(key, s, allowed)).collect()
    }

    fn check_choice(&self, key: &str, value: &str, allowed: &[&'static str]) -> Option<&'static str> {
        if let Some(a) = allowed.iter().find(|a| **a == value) {
            return Some(a);
        }
        let hint = match text::closest(value, allowed) {
            Some(c) => format!("did you mean `{c}`? allowed: {}", allowed.join(", ")),
            None => format!("allowed: {}", allowed.join(", ")),
        };
        self.error(key, format!("`{value}` is not a valid `{key}`"), Some(hint));
        None
    }

    /// A list of `{title, file}` maps (in CSV: `title|file` entries separated by `;`).
    pub fn file_list(&self, key: &str) -> Vec<FileRef> {
        let Some(v) = self.raw(key) else { return Vec::new() };
        let mut out = Vec::new();
        match v {
            Value::String(s) if self.origin == Origin::Csv => {
                for entry in split_list(s) {
                    let (title, file) = match entry.split_once('|') {
                        Some((t, f)) => (t.trim().to_owned(), f.trim().to_owned()),
                        None => (String::new(), entry.trim().to_owned()),
                    };
                    if file.is_empty() {
                        self.error(
                            key,
                            format!("entry `{entry}` of `{key}` names no file"),
                            Some("write `title|file`".into()),
                        );
                        continue;
                    }
                    out.push(FileRef {
                        title,
                        file,
                        pos: self.pos(key),
                    });
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    let ipath = format!("{key}.{i}");
                    let pos = self.pos(&ipath);
                    match item {
                        Value::String(f) => out.push(FileRef {
                            title: String::new(),
                            file: text::nfc(f.trim()),
                            pos,
                        }),
                        Value::Mapping(m) => {
                            let title = m
                                .get("title")
                                .and_then(scalar_text)
                                .map(|s| text::nfc(s.trim()))
                                .unwrap_or_default();
                            let file = m.get("file").and_then(scalar_text).map(|s| text::nfc(s.trim()));
                            for k in m.keys() {
                                let k = k.as_str().unwrap_or("");
                                if k != "title" && k != "file" {
                                    self.warn(
                                        &format!("{ipath}.{k}"),
                                        format!("unknown key `{k}` in `{key}`"),
                                        Some("an entry has `title` and `file`".into()),
                                    );
                                }
                            }
                            match file {
                                Some(f) if !f.is_empty() => out.push(FileRef {
                                    title,
                                    file: f,
                                    pos: self.pos(&format!("{ipath}.file")),
                                }),
                                _ => self.error(
                                    &ipath,
                                    format!("entry {} of `{key}` has no `file`", i + 1),
                                    Some("add `file: name.pdf`".into()),
                                ),
                            }
                        }
                        other => self.error(
                            &ipath,
                            format!(
                                "entry {} of `{key}` must be `{{title, file}}`, found {}",
                                i + 1,
                                describe(other)
                            ),
                            None,
                        ),
                    }
                }
            }
            other => self.error(
                key,
                format!("`{key}` must be a list of `{{title, file}}`, found {}", describe(other)),
                None,
            ),
        }
        out
    }

    /// Reports every key that was never asked for, with the closest known key as a hint.
    /// `known` lists keys that are valid even though this kind did not read them.
    pub fn finish(self, known: &[&str]) -> Vec<Diagnostic> {
        let used = self.used.borrow();
        let mut candidates: Vec<&str> = used.iter().map(String::as_str).collect();
        candidates.extend_from_slice(known);
        for key in self.map.keys() {
            let Some(k) = key.as_str() else {
                self.warn("", format!("ignored a key that is not text: {}", describe(key)), None);
                continue;
            };
            if used.contains(k) || known.contains(&k) {
                continue;
            }
            let hint = text::closest(k, &candidates).map(|c| format!("did you mean `{c}`?"));
            let what = if self.origin == Origin::Csv { "column" } else { "key" };
            self.warn(k, format!("unknown {what} `{k}` is ignored"), hint);
        }
        drop(used);
        self.diags.into_inner()
    }
}

/// A reference to a file, as written by the author, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// Display title; may be empty.
    pub title: String,
    /// Path as written: relative to the referring file, or from the site root when it starts with `/`.
    pub file: String,
    /// Where it was written.
    pub pos: Pos,
}

fn split_list(s: &str) -> Vec<String> {
    s.split(';')
        .map(|p| text::nfc(p.trim()))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The text of a scalar value (string, number or boolean).
pub fn scalar_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// Describes a value's type for messages: "a list", "a map", "the number 12".
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) => format!("`{}`", text::truncate_words(s, 40)),
        Value::Sequence(_) => "a list".into(),
        Value::Mapping(_) => "a map".into(),
        Value::Tagged(t) => format!("a value tagged {}", t.tag),
    }
}

fn quote_hint() -> String {
    "write it on one line, in quotes if it contains `:`".into()
}

fn bool_hint() -> String {
    "write true or false".into()
}

fn date_hint() -> String {
    "write YYYY-MM-DD, YYYY-MM-DD HH:MM, or an RFC 3339 date-time".into()
}
