//! Building Tera values directly. Tera 2's `Value` shares arrays, maps and long strings by
//! reference count, so a value built once (an item's card) can be put into many pages for the
//! price of a pointer copy, without a `serde_json::Value` in between.

use tera::{Map, Value};

/// A map value from `(key, value)` pairs.
pub fn map<const N: usize>(pairs: [(&'static str, Value); N]) -> Value {
    Value::from(map_of(pairs))
}

/// A map from `(key, value)` pairs, for callers that add entries before wrapping it.
pub fn map_of<const N: usize>(pairs: [(&'static str, Value); N]) -> Map {
    let mut m = Map::with_capacity(N + 2);
    for (k, v) in pairs {
        m.insert(k.into(), v);
    }
    m
}

/// A Tera value from a JSON view (used where a view is still built as JSON).
pub fn from_json(v: &serde_json::Value) -> Value {
    Value::from_serializable(v)
}

/// A `{title, url}` link.
pub fn link(title: &str, url: String) -> Value {
    map([("title", title.into()), ("url", url.into())])
}

/// An integer as a JSON view would hold it: unsigned when not negative (how `serde_json` keeps
/// numbers), so that values built here equal those once built through JSON.
pub fn int(n: i64) -> Value {
    match u64::try_from(n) {
        Ok(u) => u.into(),
        Err(_) => n.into(),
    }
}

/// An optional string (none when absent).
pub fn opt(v: &Option<String>) -> Value {
    v.as_deref().into()
}

/// A list of strings.
pub fn strs<S: AsRef<str>>(v: &[S]) -> Value {
    v.iter().map(|s| Value::from(s.as_ref())).collect::<Vec<Value>>().into()
}

/// A `{label, value}` fact row, when the value is present and not empty.
pub fn fact(label: &str, value: Option<String>) -> Option<Value> {
    value
        .filter(|v| !v.is_empty())
        .map(|v| map([("label", label.into()), ("value", v.into())]))
}

/// The rows of a fact table that have a value.
pub fn facts<const N: usize>(rows: [Option<Value>; N]) -> Value {
    rows.into_iter().flatten().collect::<Vec<Value>>().into()
}

/// A serialisable value (a table view, a chart) as a Tera value, without a JSON copy between.
pub fn from_serializable<T: serde::Serialize>(v: &T) -> Value {
    Value::try_from_serializable(v).unwrap_or_else(|_| Value::none())
}
