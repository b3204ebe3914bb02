//! From a [`Corpus`] to the index files: term shards, facet table, fragments, vocabulary and
//! the manifest. The byte formats are described in `docs/search.md`.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::Serialize;

use super::encode::{
    BitWriter, Fnv64, base32, best_rice_k, fnv1a32, fnv1a32_parts, short_hash, string, varint, varint_len,
};
use super::index::{Corpus, Ids, KINDS, Posting, Terms, kind_index};
use super::{SearchDoc, SearchFile, SearchIndex};

/// Version of the file formats; the client refuses other versions.
pub(crate) const FORMAT: u32 = 2;
/// A single-syllable shard is closed once the next term would take it past this many bytes.
pub(crate) const UNI_SHARD_BYTES: usize = 1_500;
/// Pair shards are as many as the pair entries take at this many bytes a shard.
pub(crate) const PAIR_SHARD_BYTES: usize = 1_500;
/// Result fragments per file, of consecutive document ids (similar pages: same kind, field,
/// agency). Results rarely sit next to each other (10k synthetic pages: the first 10 results of
/// a query fall in 10, 10, 10 and 9 different files at 1, 2, 4 and 8 documents a file), so every
/// document more in a file adds about 600 bytes a result to a query: 2 halves the files for
/// ~6 KB more a query.
pub(crate) const FRAG_DOCS: usize = 2;
/// Files per group: shards and fragments live in `<dir>/<group hash>/<n>.<ext>`.
pub(crate) const GROUP: usize = 64;
/// Base-32 digits of a content hash in a path.
pub(crate) const HASH_CHARS: usize = 8;
/// Characters of summary and body kept in a fragment for excerpts.
pub(crate) const EXCERPT_CHARS: usize = 320;
/// Spellings of a term kept; rarer ones code as "other".
pub(crate) const MAX_VARIANTS: usize = 15;
/// Terms seen in fewer documents are left out of the "did you mean" vocabulary.
pub(crate) const VOCAB_MIN_DF: usize = 2;
/// Where every index file goes, relative to the output root.
pub(crate) const DIR: &str = "search";

/// The manifest, the first file the client loads.
#[derive(Debug, Serialize)]
struct Manifest {
    /// Format version.
    v: u32,
    /// Number of documents.
    docs: usize,
    /// Files per group in `uni`, `pair` and `frag`.
    group: usize,
    /// `[code, label]` of every kind, in facet-id order.
    kinds: Vec<[&'static str; 2]>,
    /// Facet value labels, in facet-id order (id 0 = first label).
    facets: Facets,
    /// Single-syllable term shards, cut by key range.
    uni: Space,
    /// Pair term shards, chosen by hash.
    pair: Space,
    /// Result fragments, [`FRAG_DOCS`] documents a file.
    frag: Space,
    /// Facet table file, relative to the manifest.
    table: String,
    /// Vocabulary file for "did you mean", relative to the manifest.
    vocab: String,
}

/// Facet value labels; a value's id in the table is its index here plus one.
#[derive(Debug, Serialize)]
pub(crate) struct Facets {
    field: Vec<String>,
    agency: Vec<String>,
    level: Vec<String>,
    year: Vec<i32>,
}

/// A set of numbered files in content-hashed groups: file `i` is
/// `<dir>/<hash of group i / GROUP>/<i>.<ext>` relative to the manifest.
#[derive(Debug, Serialize)]
struct Space {
    /// Directory, relative to the manifest.
    dir: &'static str,
    /// Number of files.
    n: usize,
    /// Content hash of every group, [`HASH_CHARS`] digits each, concatenated.
    hash: String,
    /// For key ranges: first key (shortened) of every shard but the first, joined by `,`.
    #[serde(skip_serializing_if = "Option::is_none")]
    keys: Option<String>,
    /// For fragments: documents per file; document `d` is item `d % per` of file `d / per`.
    #[serde(skip_serializing_if = "Option::is_none")]
    per: Option<usize>,
}

/// The result data of one document.
#[derive(Debug, Serialize)]
struct Fragment<'a> {
    /// Title.
    t: &'a str,
    /// URL.
    u: &'a str,
    /// Display date.
    #[serde(skip_serializing_if = "Option::is_none")]
    d: Option<&'a str>,
    /// Text for the excerpt: summary, a line break, then the start of the body.
    x: String,
}

/// Writes every file of the index.
pub(crate) fn write(docs: &[SearchDoc<'_>], corpus: &Corpus) -> SearchIndex {
    let mut files = Vec::new();
    let (keys, shards) = range_shards(&corpus.unigrams, corpus);
    let mut uni = grouped(&mut files, "u", "bin", shards);
    uni.keys = Some(keys);
    let pair = grouped(&mut files, "p", "bin", hash_shards(&corpus.pairs, corpus));
    let (facets, table_bytes) = facet_table(docs, &corpus.order);
    let table = named(&mut files, "t", "bin", table_bytes);
    let vocab = named(&mut files, "w", "txt", vocabulary(&corpus.unigrams).into_bytes());
    let mut frag = grouped(&mut files, "f", "json", fragment_files(docs, &corpus.order));
    frag.per = Some(FRAG_DOCS);

    let manifest = Manifest {
        v: FORMAT,
        docs: docs.len(),
        group: GROUP,
        kinds: KINDS.iter().map(|(k, l)| [*k, *l]).collect(),
        facets,
        uni,
        pair,
        frag,
        table,
        vocab,
    };
    let bytes = serde_json::to_vec(&manifest).expect("the manifest serialises");
    let manifest_name = format!("manifest.{}.json", short_hash(&bytes, HASH_CHARS));
    let manifest_path = format!("{DIR}/{manifest_name}");
    files.push(SearchFile {
        path: manifest_path.clone(),
        bytes,
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    SearchIndex { files, manifest_path }
}

/// Adds `search/<stem>.<hash>.<ext>` and returns its name relative to the manifest.
fn named(files: &mut Vec<SearchFile>, stem: &str, ext: &str, bytes: Vec<u8>) -> String {
    let name = format!("{stem}.{}.{ext}", short_hash(&bytes, HASH_CHARS));
    files.push(SearchFile {
        path: format!("{DIR}/{name}"),
        bytes,
    });
    name
}

/// Adds `bodies` as `search/<dir>/<group hash>/<i>.<ext>`, [`GROUP`] files a group.
fn grouped(files: &mut Vec<SearchFile>, dir: &'static str, ext: &str, bodies: Vec<Vec<u8>>) -> Space {
    let n = bodies.len();
    let mut hash = String::new();
    let mut bodies = bodies.into_iter();
    for g in 0..n.div_ceil(GROUP) {
        let group: Vec<Vec<u8>> = bodies.by_ref().take(GROUP).collect();
        // The hash of every file's length (varint) and bytes, one after another.
        let mut fnv = Fnv64::default();
        let mut len = Vec::with_capacity(10);
        for body in &group {
            len.clear();
            varint(&mut len, body.len() as u64);
            fnv.write(&len);
            fnv.write(body);
        }
        let h = base32(fnv.0, HASH_CHARS);
        for (j, bytes) in group.into_iter().enumerate() {
            files.push(SearchFile {
                path: format!("{DIR}/{dir}/{h}/{}.{ext}", g * GROUP + j),
                bytes,
            });
        }
        hash.push_str(&h);
    }
    Space {
        dir,
        n,
        hash,
        keys: None,
        per: None,
    }
}

/// Cuts sorted `terms` into shards of about [`UNI_SHARD_BYTES`]; returns the boundaries joined
/// by `,` and the shards.
fn range_shards(terms: &Terms, corpus: &Corpus) -> (String, Vec<Vec<u8>>) {
    // Each entry's key is front-coded against the previous key; an entry that starts a shard is
    // coded against nothing.
    let bodies = encode_bodies(terms, corpus, true);
    let terms = &terms.list;
    let mut shards: Vec<Vec<u8>> = Vec::new();
    let mut boundaries: Vec<String> = Vec::new();
    let mut current = Vec::new();
    let mut key = Vec::new();
    for (i, (term, body)) in terms.iter().zip(&bodies).enumerate() {
        key.clear();
        let prev = if i == 0 { "" } else { terms[i - 1].key.as_str() };
        encode_key(&mut key, prev, &term.key);
        if !current.is_empty() && current.len() + key.len() + body.len() > UNI_SHARD_BYTES {
            shards.push(std::mem::take(&mut current));
            boundaries.push(separator(prev, &term.key));
            encode_key(&mut current, "", &term.key);
        } else {
            current.extend_from_slice(&key);
        }
        current.extend_from_slice(body);
    }
    if !current.is_empty() || shards.is_empty() {
        shards.push(current);
    }
    (boundaries.join(","), shards)
}

/// The entry of every term but its key, in parallel.
fn encode_bodies(terms: &Terms, corpus: &Corpus, unigram: bool) -> Vec<Vec<u8>> {
    terms
        .list
        .par_iter()
        .map_init(Scratch::default, |scratch, term| {
            let (postings, variants) = (terms.postings(term), terms.variants(term));
            let mut body = Vec::with_capacity(16 + postings.len());
            encode_body(&mut body, postings, variants, corpus, unigram, scratch);
            body
        })
        .collect()
}

/// The shard of a pair key among `n`: FNV-1a 32 of its UTF-8 bytes, modulo `n`.
pub(crate) fn pair_shard(key: &str, n: usize) -> usize {
    (fnv1a32(key.as_bytes()) as usize) % n.max(1)
}

/// Spreads sorted pair `terms` over shards by hash of the key; each shard stays sorted.
fn hash_shards(terms: &Terms, corpus: &Corpus) -> Vec<Vec<u8>> {
    let bodies = encode_bodies(terms, corpus, false);
    let terms = &terms.list;
    let total: usize = terms
        .iter()
        .zip(&bodies)
        .map(|(t, body)| key_len(&t.key) + body.len())
        .sum();
    let n = total.div_ceil(PAIR_SHARD_BYTES).max(1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, term) in terms.iter().enumerate() {
        members[pair_shard(&term.key, n)].push(i);
    }
    members
        .par_iter()
        .map(|list| {
            let mut bytes = Vec::new();
            let mut prev = "";
            for &i in list {
                encode_key(&mut bytes, prev, &terms[i].key);
                bytes.extend_from_slice(&bodies[i]);
                prev = &terms[i].key;
            }
            bytes
        })
        .collect()
}

/// The shortest prefix of `next` (at a character boundary) that sorts after `prev`.
pub(crate) fn separator(prev: &str, next: &str) -> String {
    for (i, c) in next.char_indices() {
        let candidate = &next[..i + c.len_utf8()];
        if candidate > prev {
            return candidate.to_owned();
        }
    }
    next.to_owned()
}

/// The 16-bit signature of a pair spelling (its exact keys joined by a space).
#[cfg(test)]
pub(crate) fn pair_signature(exact_pair: &str) -> u16 {
    (fnv1a32(exact_pair.as_bytes()) & 0xffff) as u16
}

/// [`pair_signature`] of the exact keys `a` and `b`, without joining them.
fn pair_signature_of(a: &str, b: &str) -> u16 {
    (fnv1a32_parts(&[a.as_bytes(), b" ", b.as_bytes()]) & 0xffff) as u16
}

/// Bytes [`encode_key`] writes for `key` against nothing.
fn key_len(key: &str) -> usize {
    varint_len(0) + varint_len(key.len() as u64) + key.len()
}

/// Appends a term's key, front-coded against `prev`.
fn encode_key(out: &mut Vec<u8>, prev: &str, key: &str) {
    let shared = prev.bytes().zip(key.bytes()).take_while(|(a, b)| a == b).count();
    varint(out, shared as u64);
    varint(out, (key.len() - shared) as u64);
    out.extend_from_slice(&key.as_bytes()[shared..]);
}

/// Buffers of [`encode_body`], reused from one term to the next.
#[derive(Debug, Default)]
struct Scratch {
    per_variant: Vec<usize>,
    counts: Vec<(usize, usize)>,
    kept: Vec<usize>,
    gaps: Vec<u32>,
    bits: BitWriter,
}

/// Appends the rest of a term's entry: document count, spellings and postings.
fn encode_body(
    out: &mut Vec<u8>,
    postings: &[Posting],
    variants: &[Ids],
    corpus: &Corpus,
    unigram: bool,
    scratch: &mut Scratch,
) {
    varint(out, postings.len() as u64);

    // Variants: the dominant spellings, most documents first.
    let name = |v: usize| corpus.variant_parts(variants[v]);
    let Scratch {
        per_variant,
        counts,
        kept,
        gaps,
        bits,
    } = scratch;
    per_variant.clear();
    per_variant.resize(variants.len(), 0);
    for v in postings.iter().filter_map(|p| p.variant()) {
        if let Some(n) = per_variant.get_mut(v) {
            *n += 1;
        }
    }
    counts.clear();
    counts.extend(per_variant.iter().copied().enumerate().filter(|(_, n)| *n > 0));
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| name(a.0).cmp(&name(b.0))));
    let mut other = counts.len() > MAX_VARIANTS;
    kept.clear();
    kept.extend(counts.iter().take(MAX_VARIANTS).map(|(v, _)| *v));
    if !unigram && kept.len() < 2 {
        // A pair spelled one way everywhere ranks all its documents alike: say nothing.
        kept.clear();
        other = false;
    }
    varint(out, ((kept.len() as u64) << 1) | u64::from(other));
    for &v in kept.iter() {
        let (a, b) = name(v);
        if unigram {
            string(out, a);
        } else {
            out.extend_from_slice(&pair_signature_of(a, b).to_be_bytes());
        }
    }
    let symbols = kept.len() + usize::from(other);

    let mut prev_doc: i64 = -1;
    gaps.clear();
    gaps.extend(postings.iter().map(|p| {
        let gap = (i64::from(p.doc) - prev_doc - 1) as u32;
        prev_doc = i64::from(p.doc);
        gap
    }));
    let k = best_rice_k(gaps);
    bits.reset();
    bits.bits(k, 5);
    for (p, &gap) in postings.iter().zip(gaps.iter()) {
        bits.rice(gap, k);
        match p.level() {
            0 => bits.bits(0b0, 1),
            1 => bits.bits(0b10, 2),
            2 => bits.bits(0b110, 3),
            _ => bits.bits(0b111, 3),
        }
        if symbols > 1 {
            let symbol = kept.iter().position(|v| Some(*v) == p.variant()).unwrap_or(kept.len()) as u32;
            variant_code(bits, symbol, symbols as u32);
        }
    }
    let bits = bits.flush();
    varint(out, bits.len() as u64);
    out.extend_from_slice(bits);
}

/// Bits needed to write values below `n` in fixed width.
pub(crate) fn width(n: u32) -> u32 {
    32 - n.saturating_sub(1).leading_zeros()
}

/// Variant symbol `s` of `m` (m ≥ 2): one bit when m = 2; else `0` for the first symbol and `1`
/// followed by `s - 1` in `width(m - 1)` bits.
fn variant_code(bits: &mut BitWriter, s: u32, m: u32) {
    if m == 2 {
        bits.bit(s == 1);
    } else if s == 0 {
        bits.bit(false);
    } else {
        bits.bit(true);
        bits.bits(s - 1, width(m - 1));
    }
}

/// Facet labels and the run-length table of each document's facet values.
fn facet_table(docs: &[SearchDoc], order: &[usize]) -> (Facets, Vec<u8>) {
    let facets = facet_labels(docs);
    let rows = facet_rows(docs, order, &facets);
    (facets, encode_table(&rows))
}

/// The labels of every facet value, sorted the Vietnamese way; at most 30 levels (a bit mask).
pub(crate) fn facet_labels(docs: &[SearchDoc]) -> Facets {
    let sorted = |set: BTreeSet<(String, String)>| -> Vec<String> { set.into_iter().map(|(_, label)| label).collect() };
    let mut field = BTreeSet::new();
    let mut agency = BTreeSet::new();
    let mut level = BTreeSet::new();
    let mut year = BTreeSet::new();
    for d in docs {
        field.extend(d.field.iter().map(|f| crate::text::sort_key(f)));
        agency.extend(d.agency.iter().map(|a| crate::text::sort_key(a)));
        level.extend(d.level.iter().map(|l| crate::text::sort_key(l)));
        year.extend(d.year);
    }
    Facets {
        field: sorted(field),
        agency: sorted(agency),
        level: sorted(level).into_iter().take(30).collect(),
        year: year.into_iter().collect(),
    }
}

/// Per document id: kind index, field id, agency id (0 = none, else label index + 1), level bit
/// mask, year id (0 = none, else index + 1).
pub(crate) fn facet_rows(docs: &[SearchDoc], order: &[usize], facets: &Facets) -> Vec<[u64; 5]> {
    let id = |list: &[String], v: &Option<String>| -> u64 {
        v.as_ref()
            .and_then(|v| list.iter().position(|l| l == v))
            .map_or(0, |i| i as u64 + 1)
    };
    order
        .iter()
        .map(|&i| {
            let d = &docs[i];
            let levels = d
                .level
                .iter()
                .filter_map(|l| facets.level.iter().position(|x| x == l))
                .fold(0u64, |m, i| m | (1 << i));
            let year = d
                .year
                .and_then(|y| facets.year.iter().position(|x| *x == y))
                .map_or(0, |i| i as u64 + 1);
            let kind = kind_index(d.kind) as u64;
            [
                kind,
                id(&facets.field, &d.field),
                id(&facets.agency, &d.agency),
                levels,
                year,
            ]
        })
        .collect()
}

/// The facet table file.
fn encode_table(values: &[[u64; 5]]) -> Vec<u8> {
    // Column by column, whichever is smaller: a 0 byte then runs (count, then length and value of
    // each), or the bit width w (1..=32) then every value in w bits.
    let mut out = Vec::new();
    for c in 0..5 {
        let column: Vec<u64> = values.iter().map(|v| v[c]).collect();
        let mut runs = Vec::new();
        let mut count = 0u64;
        let mut start = 0;
        while start < column.len() {
            let run = column[start..].iter().take_while(|v| **v == column[start]).count();
            varint(&mut runs, run as u64);
            varint(&mut runs, column[start]);
            count += 1;
            start += run;
        }
        let max = column.iter().copied().max().unwrap_or(0);
        let w = 64 - max.leading_zeros();
        let packed_len = (column.len() * w as usize).div_ceil(8);
        if w == 0 || runs.len() <= packed_len {
            out.push(0);
            varint(&mut out, count);
            out.extend_from_slice(&runs);
        } else {
            out.push(w as u8);
            let mut bits = BitWriter::default();
            for v in &column {
                bits.bits(*v as u32, w);
            }
            out.extend_from_slice(&bits.finish());
        }
    }
    out
}

/// Folded syllables for "did you mean", most documents first, one per line.
fn vocabulary(unigrams: &Terms) -> String {
    let mut words: Vec<(&str, usize)> = unigrams
        .list
        .iter()
        .filter(|t| t.df() >= VOCAB_MIN_DF && t.key.chars().any(char::is_alphabetic))
        .map(|t| (t.key.as_str(), t.df()))
        .collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join("\n")
}

/// The fragment files: a JSON array of [`FRAG_DOCS`] fragments (fewer in the last), in document
/// id order.
fn fragment_files(docs: &[SearchDoc<'_>], order: &[usize]) -> Vec<Vec<u8>> {
    order
        .par_chunks(FRAG_DOCS)
        .map(|ids| {
            let list: Vec<Fragment<'_>> = ids.iter().map(|&i| fragment(&docs[i])).collect();
            serde_json::to_vec(&list).expect("fragments serialise")
        })
        .collect()
}

fn fragment<'a>(doc: &'a SearchDoc<'_>) -> Fragment<'a> {
    let summary = crate::text::truncate_words(doc.summary.trim(), EXCERPT_CHARS / 2);
    let left = EXCERPT_CHARS.saturating_sub(summary.chars().count());
    let body = body_excerpt(&doc.facts, &doc.text, left);
    let x = match (summary.is_empty(), body.is_empty()) {
        (true, _) => body,
        (false, true) => summary,
        (false, false) => format!("{summary}\n{body}"),
    };
    Fragment {
        t: &doc.title,
        u: &doc.url,
        d: doc.date.as_deref(),
        x,
    }
}

/// `truncate_words(format!("{facts}{text}").trim(), left)`, copying only the start of `text`
/// (its first `left + 1` characters after the leading white space are all that can show).
fn body_excerpt(facts: &str, text: &str, left: usize) -> String {
    let lead = facts.trim_start();
    // Where the characters counted start in `text`, and how many of them are needed.
    let (start, need) = if lead.is_empty() {
        (text.len() - text.trim_start().len(), left + 1)
    } else {
        (0, (left + 1).saturating_sub(lead.chars().count()))
    };
    let end = text[start..]
        .char_indices()
        .nth(need)
        .map_or(text.len(), |(i, _)| start + i);
    if end < text.len() && !text[end..].trim().is_empty() {
        // More than `left` characters in any case: the head alone decides the cut.
        let mut head = String::with_capacity(facts.len() + end);
        head.push_str(facts);
        head.push_str(&text[..end]);
        return crate::text::truncate_words(head.trim_start(), left);
    }
    if facts.is_empty() {
        crate::text::truncate_words(text.trim(), left)
    } else {
        crate::text::truncate_words(format!("{facts}{text}").trim(), left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_excerpts_match_the_whole_text_cut() {
        let whole = |f: &str, t: &str, n: usize| crate::text::truncate_words(format!("{f}{t}").trim(), n);
        let texts = [
            "",
            "  ",
            "a b c d e f g h",
            "  xin chào thế giới  ",
            "một hai ba bốn năm sáu bảy",
            "ab    ",
        ];
        for f in ["", " ", "Mã: 1.2\n", "  Cơ quan: UBND xã Hòa Bình\n"] {
            for t in texts {
                for n in 0..30 {
                    assert_eq!(body_excerpt(f, t, n), whole(f, t, n), "{f:?} {t:?} {n}");
                }
            }
        }
    }

    #[test]
    fn separators_are_short() {
        assert_eq!(separator("dang", "danh"), "danh");
        assert_eq!(separator("bao", "cap"), "c");
        assert_eq!(separator("", "a"), "a");
        assert_eq!(separator("thu tuc", "thu tuc x"), "thu tuc ");
        assert_eq!(width(2), 1);
        assert_eq!(width(3), 2);
        assert_eq!(width(15), 4);
        assert_eq!(width(16), 4);
        assert_eq!(width(17), 5);
    }
}
