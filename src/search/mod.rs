//! Stage 3b: the static search index (issue 4; the design is in `docs/search.md`).
//!
//! [`build_index`] analyses every [`SearchDoc`] the Vietnamese way ([`analyze`]), builds posting
//! lists for folded syllables and adjacent syllable pairs ([`index`]) and writes them as small
//! content-hashed files ([`files`]): a JSON manifest, binary term shards cut by key range, a facet
//! table, a vocabulary for "did you mean", and JSON result fragments, two documents a file. The browser client
//! is `themes/default/static/search.js`; it fetches the manifest, then only the shards of the
//! typed terms, then the fragments of the results it shows.

use std::borrow::Cow;

mod analyze;
mod encode;
mod files;
mod index;
mod synonyms;
#[cfg(test)]
mod synth;
#[cfg(test)]
mod tests;

/// One searchable item, produced by the render stage for every page worth finding.
#[derive(Debug, Clone, Default)]
pub struct SearchDoc<'a> {
    /// Link to the page, already including the site's base path, e.g. `/portal/tin-tuc/abc/`.
    pub url: String,
    /// Title, NFC.
    pub title: String,
    /// Machine type: `news`, `procedure`, `document`, `budget`, `inspection`, `complaint`,
    /// `procurement`, `statistics` or `page`.
    pub kind: &'static str,
    /// Display date, e.g. `20/03/2026`, when the item has one.
    pub date: Option<String>,
    /// Year for the year facet.
    pub year: Option<i32>,
    /// Lĩnh vực (field) facet value.
    pub field: Option<String>,
    /// Cấp thực hiện facet values, already as Vietnamese labels ("Cấp xã").
    pub level: Vec<String>,
    /// Agency facet value.
    pub agency: Option<String>,
    /// Short identifiers worth matching exactly: procedure code, document number, tags, category.
    pub keywords: Vec<String>,
    /// Summary or lead text, shown when no better excerpt is found.
    pub summary: String,
    /// Fact lines (code, agency, dates…), each ending with a line break, searched and shown
    /// as the start of the body; empty for most pages.
    pub facts: String,
    /// Plain body text (no markup), NFC; borrowed from the item when it can be.
    pub text: Cow<'a, str>,
}

/// One file of the index, relative to the output root (e.g. `search/shard-1a2b3c.json`).
#[derive(Debug, Clone)]
pub struct SearchFile {
    /// Path relative to the output root, `/`-separated.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// The index files and the manifest path the search page loads first.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    /// Every file to write.
    pub files: Vec<SearchFile>,
    /// Path of the manifest, relative to the output root.
    pub manifest_path: String,
}

/// Builds the index for `docs`. Deterministic: the same docs in the same order give the same bytes.
pub fn build_index(docs: &[SearchDoc<'_>]) -> SearchIndex {
    step("search: all", || {
        let corpus = index::Corpus::build(docs);
        let index = step("search: files", || files::write(docs, &corpus));
        step("search: drop", || corpus.free());
        index
    })
}

/// Runs one step of the index build; with `MINHBACH_TIMINGS` set, prints its wall time and the
/// CPU time the whole process spent meanwhile (the search stage runs alone, on every core).
pub(crate) fn step<T>(label: &str, f: impl FnOnce() -> T) -> T {
    if std::env::var_os("MINHBACH_TIMINGS").is_none() {
        return f();
    }
    let (start, cpu) = (std::time::Instant::now(), process_cpu_seconds());
    let out = f();
    let cpu = process_cpu_seconds().zip(cpu).map_or(f64::NAN, |(b, a)| b - a);
    eprintln!(
        "[timing] {label}: {:.1} ms, {cpu:.2} CPU-s",
        start.elapsed().as_secs_f64() * 1000.0
    );
    out
}

/// User plus system time of this process so far, from `/proc/self/stat` (Linux; in clock ticks
/// of 10 ms), or `None` elsewhere.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) may hold spaces; the fields after it follow its `)`.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: f64 = fields.next()?.parse().ok()?;
    let stime: f64 = fields.next()?.parse().ok()?;
    Some((utime + stime) / 100.0)
}
