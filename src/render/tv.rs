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
