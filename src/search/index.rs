//! From [`SearchDoc`]s to postings: document order, per-document terms and levels, aliases.
//!
//! Documents are analysed in chunks, in parallel, each chunk with its own vocabulary and term
//! lists; the chunks' terms are then merged in parallel by hash shard of their key, chunk after
//! chunk, so that every posting list stays sorted by document id. Nothing depends on the order in
//! which ids are given out: the output is sorted by key and ties are broken by spelling.

use std::hash::Hasher;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::SearchDoc;
use super::analyze::{MAX_TOKEN_CHARS, Words, keys, split};
use super::synonyms::ALIASES;
use crate::fxhash::{Fx, FxMap};

/// Documents analysed by one task.
const CHUNK: usize = 512;
/// Hash shards of the merge of the chunks' terms.
const SHARDS: usize = 64;

/// Level of a term in a document: where it was found, most important wins.
pub(crate) const BODY: u8 = 0;
/// In the body at least [`FREQUENT_TF`] times, or in a facet label.
pub(crate) const FREQUENT: u8 = 1;
/// In the summary or the keywords.
pub(crate) const SUMMARY: u8 = 2;
/// In the title.
pub(crate) const TITLE: u8 = 3;
/// Body occurrences that lift a term from [`BODY`] to [`FREQUENT`].
pub(crate) const FREQUENT_TF: u32 = 3;

/// Machine kinds in display order, with their Vietnamese labels.
pub(crate) const KINDS: [(&str, &str); 9] = [
    ("news", "Tin tức"),
    ("procedure", "Thủ tục hành chính"),
    ("document", "Văn bản"),
    ("budget", "Ngân sách"),
    ("inspection", "Kết luận thanh tra"),
    ("complaint", "Khiếu nại - tố cáo"),
    ("procurement", "Dự án - đấu thầu"),
    ("statistics", "Thống kê"),
    ("page", "Trang"),
];

/// Index of `kind` in [`KINDS`]; unknown kinds count as `page`.
pub(crate) fn kind_index(kind: &str) -> usize {
    KINDS.iter().position(|(k, _)| *k == kind).unwrap_or(KINDS.len() - 1)
}

/// The second id of a single-syllable key or spelling: there is none.
pub(crate) const NONE: u32 = u32::MAX;

/// A term or spelling as ids: two folded (or exact) ids for a pair, `[id, NONE]` for a syllable.
pub(crate) type Ids = [u32; 2];

/// Bits of [`Posting`]'s tag that hold the variant; the level sits above them.
const VARIANT_BITS: u32 = 30;
/// `Posting::variant` when no spelling was recorded.
const NO_VARIANT: u32 = (1 << VARIANT_BITS) - 1;

/// One document's entry in a term's posting list, in 8 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    /// Document id (position in [`Corpus::order`]).
    pub doc: u32,
    /// The level in the top two bits, the variant below.
    tag: u32,
}

impl Posting {
    fn new(doc: u32, level: u8, variant: Option<u32>) -> Posting {
        let variant = variant.map_or(NO_VARIANT, |v| v.min(NO_VARIANT - 1));
        Posting {
            doc,
            tag: (u32::from(level & 3) << VARIANT_BITS) | variant,
        }
    }

    /// [`BODY`], [`FREQUENT`], [`SUMMARY`] or [`TITLE`].
    pub fn level(self) -> u8 {
        (self.tag >> VARIANT_BITS) as u8
    }

    /// The spelling that dominates in this document, as an index into [`Term::variants`].
    pub fn variant(self) -> Option<usize> {
        let v = self.tag & NO_VARIANT;
        (v != NO_VARIANT).then_some(v as usize)
    }

    fn with_variant(self, variant: Option<u32>) -> Posting {
        Posting::new(self.doc, self.level(), variant)
    }
}

/// A term (folded syllable, or two folded syllables joined by a space); its postings and
/// spellings are ranges of its merge shard's [`Store`].
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// Folded key.
    pub key: String,
    /// The merge shard whose [`Store`] holds the postings and spellings.
    shard: u32,
    /// Range of the postings in the store.
    postings: (u32, u32),
    /// Range of the spellings in the store.
    variants: (u32, u32),
}

impl Term {
    /// Number of documents.
    pub fn df(&self) -> usize {
        (self.postings.1 - self.postings.0) as usize
    }
}

/// The postings and spellings of one merge shard's terms, one after another: two allocations
/// a shard instead of two a term.
#[derive(Debug, Default)]
struct Store {
    postings: Vec<Posting>,
    variants: Vec<Ids>,
}

/// Terms of one kind sorted by key, and the stores of their postings and spellings.
#[derive(Debug, Default)]
pub(crate) struct Terms {
    /// Sorted by key.
    pub list: Vec<Term>,
    stores: Vec<Store>,
}

impl Terms {
    /// The postings of `term`, sorted by document id.
    pub fn postings(&self, term: &Term) -> &[Posting] {
        let (a, b) = term.postings;
        self.stores
            .get(term.shard as usize)
            .and_then(|s| s.postings.get(a as usize..b as usize))
            .unwrap_or_default()
    }

    /// The spellings the postings of `term` name, as exact-key ids (`[id, NONE]` for a
    /// syllable).
    pub fn variants(&self, term: &Term) -> &[Ids] {
        let (a, b) = term.variants;
        self.stores
            .get(term.shard as usize)
            .and_then(|s| s.variants.get(a as usize..b as usize))
            .unwrap_or_default()
    }
}

/// Everything the file writer needs, in deterministic order.
#[derive(Debug)]
pub(crate) struct Corpus {
    /// `order[id]` is the index in the input slice of document `id`.
    pub order: Vec<usize>,
    /// Single-syllable terms sorted by key.
    pub unigrams: Terms,
    /// Pair terms sorted by key.
    pub pairs: Terms,
    /// Most common spelling of each exact-key id (ties: smallest).
    pub spelling: Vec<String>,
    /// Each exact key by id (`đăng`, `ki1`).
    pub exact: Vec<String>,
}

impl Corpus {
    /// Frees the corpus on every core: its millions of small lists take a while to free.
    pub fn free(self) {
        let Corpus { unigrams, pairs, .. } = self;
        rayon::join(
            || unigrams.list.into_par_iter().with_min_len(4096).for_each(drop),
            || pairs.list.into_par_iter().with_min_len(4096).for_each(drop),
        );
    }

    /// The name a variant is listed and ordered by, in two parts: the spelling of a syllable
    /// (and `""`), the two exact keys of a pair, whose name is them joined by a space (`đăng ki1`).
    /// Names order as their parts do, as no key holds a character below the space.
    pub fn variant_parts(&self, v: Ids) -> (&str, &str) {
        let name = |id: u32| self.exact.get(id as usize).map_or("", String::as_str);
        if v[1] == NONE {
            (self.spelling.get(v[0] as usize).map_or("", String::as_str), "")
        } else {
            (name(v[0]), name(v[1]))
        }
    }
}

/// Interns strings into dense ids.
#[derive(Debug, Default)]
struct Interner {
    /// Names of at most [`Short::BYTES`] bytes → id.
    short: FxMap<Short, u32>,
    /// Longer names → id.
    long: FxMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        let next = self.names.len() as u32;
        let id = match Short::of(s) {
            Some(key) => *self.short.entry(key).or_insert(next),
            None => match self.long.get(s) {
                Some(&id) => id,
                None => {
                    self.long.insert(s.to_owned(), next);
                    next
                }
            },
        };
        if id == next {
            self.names.push(s.to_owned());
        }
        id
    }

    /// The name of `id`, `""` for [`NONE`].
    fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

/// Per-spelling data: the keys, and how often the spelling was seen.
#[derive(Debug)]
struct Spelling {
    exact: u32,
    folded: u32,
    count: u64,
}

/// A word of at most [`Short::BYTES`] bytes as a map key: its bytes, zero-padded (a word holds
/// no NUL), compared and hashed as two integers instead of through a pointer to the heap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Short(u64, u64);

impl Short {
    /// The longest word kept as a [`Short`].
    const BYTES: usize = 16;

    /// The key of `word`, or `None` when it is longer than [`Short::BYTES`].
    fn of(word: &str) -> Option<Short> {
        let bytes = word.as_bytes();
        if bytes.len() > Self::BYTES {
            return None;
        }
        let mut buf = [0u8; Self::BYTES];
        buf[..bytes.len()].copy_from_slice(bytes);
        let [a, b, c, d, e, f, g, h, rest @ ..] = buf;
        let [i, j, k, l, m, n, o, q] = rest;
        Some(Short(
            u64::from_le_bytes([a, b, c, d, e, f, g, h]),
            u64::from_le_bytes([i, j, k, l, m, n, o, q]),
        ))
    }

    /// The bytes of the word and their number.
    fn bytes(self) -> ([u8; Self::BYTES], usize) {
        let mut buf = [0u8; Self::BYTES];
        let (lo, hi) = buf.split_at_mut(8);
        lo.copy_from_slice(&self.0.to_le_bytes());
        hi.copy_from_slice(&self.1.to_le_bytes());
        let len = buf.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
        (buf, len)
    }
}

/// The vocabulary of a run of chunks: spellings as written, their exact and folded keys and
/// counts.
#[derive(Debug, Default)]
struct Vocab {
    /// Spellings of at most [`Short::BYTES`] bytes.
    short: FxMap<Short, Spelling>,
    /// Longer spellings.
    long: FxMap<String, Spelling>,
    exact: Interner,
    folded: Interner,
    /// [`hash_str`] of each folded key, filled in by [`Vocab::folded_hashes`].
    folded_hashes: Vec<u64>,
}

impl Vocab {
    /// The entry of a lower-case NFC word.
    fn spelling(&mut self, raw: &str) -> &mut Spelling {
        let Vocab {
            short,
            long,
            exact,
            folded,
            ..
        } = self;
        let mut new = || {
            let (e, f) = keys(raw);
            Spelling {
                exact: exact.id(&e),
                folded: folded.id(&f),
                count: 0,
            }
        };
        match Short::of(raw) {
            Some(key) => short.entry(key).or_insert_with(new),
            None => {
                if !long.contains_key(raw) {
                    let spelling = new();
                    long.insert(raw.to_owned(), spelling);
                }
                long.get_mut(raw).expect("inserted above")
            }
        }
    }

    /// The hash of every folded key, by folded id.
    fn folded_hashes(&mut self) -> &[u64] {
        let known = self.folded_hashes.len();
        let names = &self.folded.names[known..];
        self.folded_hashes.extend(names.iter().map(|n| hash_str(n)));
        &self.folded_hashes
    }

    /// Orders two exact spellings by name: a pair's name is its two keys joined by a space, and
    /// keys hold no character below the space, so comparing key by key gives the same order.
    fn cmp_exact(&self, a: Ids, b: Ids) -> std::cmp::Ordering {
        let name = |v: Ids| (self.exact.name(v[0]), (v[1] != NONE).then(|| self.exact.name(v[1])));
        name(a).cmp(&name(b))
    }
}

/// A term's accumulated data inside one document.
#[derive(Debug)]
struct Acc {
    level: u8,
    tf: u32,
    /// The first spelling seen and its weight.
    first: (Ids, u32),
    /// Further spellings and their weights.
    more: Vec<(Ids, u32)>,
}

impl Acc {
    fn new(level: u8, exact: Ids, weight: u32) -> Acc {
        Acc {
            level,
            tf: 1,
            first: (exact, weight),
            more: Vec::new(),
        }
    }

    fn add(&mut self, level: u8, exact: Ids, weight: u32) {
        self.level = self.level.max(level);
        self.tf += 1;
        if self.first.0 == exact {
            self.first.1 += weight;
            return;
        }
        match self.more.iter_mut().find(|(e, _)| *e == exact) {
            Some((_, w)) => *w += weight,
            None => self.more.push((exact, weight)),
        }
    }

    fn final_level(&self) -> u8 {
        if self.level == BODY && self.tf >= FREQUENT_TF {
            FREQUENT
        } else {
            self.level
        }
    }

    /// The spelling with the most weight; ties go to the smallest name.
    fn dominant(&self, vocab: &Vocab) -> Ids {
        std::iter::once(&self.first)
            .chain(&self.more)
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| vocab.cmp_exact(b.0, a.0)))
            .map_or(self.first.0, |v| v.0)
    }
}

/// Weight of one occurrence at each level, for choosing a document's dominant spelling.
const WEIGHTS: [u32; 4] = [1, 2, 4, 8];

/// The alias table analysed: alias phrases as spelling ids, trigger phrases as folded ids
/// indexed by their first syllable.
#[derive(Debug, Default)]
struct Aliases {
    /// Per entry, its alias phrases as (exact id, folded id) of each word.
    aliases: Vec<Vec<Vec<(u32, u32)>>>,
    /// First folded id of a trigger phrase → (entry, the whole phrase as folded ids).
    triggers: FxMap<u32, Vec<(usize, Vec<u32>)>>,
}

impl Aliases {
    fn new(vocab: &mut Vocab) -> Aliases {
        let mut table = Aliases::default();
        for (entry, (aliases, phrases)) in ALIASES.iter().enumerate() {
            let ids = |vocab: &mut Vocab, p: &str| -> Vec<(u32, u32)> {
                split(p)
                    .iter()
                    .map(|(w, _)| {
                        let s = vocab.spelling(w);
                        (s.exact, s.folded)
                    })
                    .collect()
            };
            table.aliases.push(aliases.iter().map(|a| ids(vocab, a)).collect());
            for phrase in *phrases {
                let folded: Vec<u32> = ids(vocab, phrase).iter().map(|&(_, f)| f).collect();
                if let Some(&first) = folded.first() {
                    table.triggers.entry(first).or_default().push((entry, folded));
                }
            }
        }
        table
    }

    /// The highest level at which each entry's trigger occurs in `sequences`.
    fn found<'s>(&self, sequences: impl Iterator<Item = (u8, &'s [u32])>) -> Vec<(usize, u8)> {
        let mut found: Vec<(usize, u8)> = Vec::new();
        for (level, seq) in sequences {
            for (i, id) in seq.iter().enumerate() {
                let Some(candidates) = self.triggers.get(id) else {
                    continue;
                };
                for (entry, phrase) in candidates {
                    if seq[i..].starts_with(phrase) {
                        match found.iter_mut().find(|(e, _)| e == entry) {
                            Some((_, l)) => *l = (*l).max(level),
                            None => found.push((*entry, level)),
                        }
                    }
                }
            }
        }
        found.sort_unstable();
        found
    }
}

/// The order documents get their ids in: by kind, field, agency, levels, year, then URL, so
/// that facet values form long runs and similar pages sit together.
pub(crate) fn doc_order(docs: &[SearchDoc<'_>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_cached_key(|&i| {
        let d = &docs[i];
        (
            kind_index(d.kind),
            d.field.as_deref().map(crate::text::sort_key),
            d.agency.as_deref().map(crate::text::sort_key),
            d.level.clone(),
            d.year,
            d.url.clone(),
            i,
        )
    });
    order
}

/// One field's words: its level, and whether it continues the previous field's text (the body
/// after its fact lines), so that alias phrases are found across the two.
struct Field<'a> {
    level: u8,
    continues: bool,
    words: Words<'a>,
}

/// The words of each field of `doc`, with the field's level.
fn split_fields<'a>(doc: &'a SearchDoc<'_>) -> Vec<Field<'a>> {
    let mut fields: Vec<(&str, u8)> = vec![(&doc.title, TITLE), (&doc.summary, SUMMARY)];
    fields.extend(doc.keywords.iter().map(|k| (k.as_str(), SUMMARY)));
    fields.extend(doc.field.iter().map(|f| (f.as_str(), FREQUENT)));
    fields.extend(doc.agency.iter().map(|a| (a.as_str(), FREQUENT)));
    fields.extend(doc.level.iter().map(|l| (l.as_str(), FREQUENT)));
    let mut out: Vec<Field> = fields
        .into_iter()
        .map(|(text, level)| Field {
            level,
            continues: false,
            words: split(text),
        })
        .collect();
    let has_facts = !doc.facts.is_empty();
    if has_facts {
        out.push(Field {
            level: BODY,
            continues: false,
            words: split(&doc.facts),
        });
    }
    out.push(Field {
        level: BODY,
        continues: has_facts,
        words: split(&doc.text),
    });
    out
}

/// Terms of one kind (syllables or pairs) within a chunk, with chunk-local ids; postings are
/// recorded as they come (document after document) and grouped by term at the end.
#[derive(Debug, Default)]
struct LocalTerms {
    /// Pair key (packed by [`pack`]) → term.
    ids: FxMap<u64, Slot>,
    /// Syllable (folded id) → term ([`Slot::UNSEEN`] when not seen yet).
    dense: Vec<Slot>,
    /// Folded ids of each term.
    keys: Vec<Ids>,
    /// Exact ids of the first spelling of each term.
    first: Vec<Ids>,
    /// Number of spellings of each term.
    spellings: Vec<u32>,
    /// Further spellings: (term, exact ids) → index among the term's spellings.
    more: FxMap<(u32, Ids), u32>,
    /// (term, posting naming its spelling by index), in document order.
    seen: Vec<(u32, Posting)>,
}

/// A term's id and its first spelling, looked up together.
#[derive(Debug, Clone, Copy)]
struct Slot {
    term: u32,
    first: Ids,
}

impl Slot {
    /// The slot of a term not seen yet.
    const UNSEEN: Slot = Slot {
        term: NONE,
        first: [NONE; 2],
    };
}

impl LocalTerms {
    /// The slot of `key`, [`Slot::UNSEEN`] when it is new.
    fn slot(&mut self, key: Ids) -> &mut Slot {
        if key[1] != NONE {
            return self.ids.entry(pack(key)).or_insert(Slot::UNSEEN);
        }
        let at = key[0] as usize;
        if at >= self.dense.len() {
            self.dense.resize(at + 1, Slot::UNSEEN);
        }
        &mut self.dense[at]
    }

    fn add(&mut self, key: Ids, doc: u32, acc: &Acc, vocab: &Vocab) {
        let variant = acc.dominant(vocab);
        let next = self.keys.len() as u32;
        let slot = self.slot(key);
        let seen = *slot;
        let (t, v) = if seen.term == NONE {
            *slot = Slot {
                term: next,
                first: variant,
            };
            self.keys.push(key);
            self.first.push(variant);
            self.spellings.push(1);
            (next, 0)
        } else if seen.first == variant {
            (seen.term, 0)
        } else {
            let t = seen.term;
            let count = &mut self.spellings[t as usize];
            let v = *self.more.entry((t, variant)).or_insert_with(|| {
                *count += 1;
                *count - 1
            });
            (t, v)
        };
        self.seen.push((t, Posting::new(doc, acc.final_level(), Some(v))));
    }

    /// The terms, each in the merge shard of its key.
    fn into_shards(self, hashes: &[u64]) -> Vec<Part> {
        let mut parts: Vec<Part> = (0..SHARDS).map(|_| Part::default()).collect();
        // Each term's shard and position there; its spellings in index order.
        let mut place: Vec<(usize, usize)> = Vec::with_capacity(self.keys.len());
        let mut more: Vec<(u32, u32, Ids)> = self.more.into_iter().map(|((t, v), i)| (t, i, v)).collect();
        more.sort_unstable();
        let mut more = more.into_iter().peekable();
        let mut counts = vec![0u32; self.keys.len()];
        for &(t, _) in &self.seen {
            counts[t as usize] += 1;
        }
        for (t, key) in self.keys.iter().enumerate() {
            let h = hashes[key[0] as usize].rotate_left(17) ^ hashes.get(key[1] as usize).copied().unwrap_or(0);
            let s = (h % SHARDS as u64) as usize;
            let part = &mut parts[s];
            place.push((s, part.keys.len()));
            part.keys.push(*key);
            part.variants.push(self.first[t]);
            while let Some((_, _, v)) = more.next_if(|m| m.0 as usize == t) {
                part.variants.push(v);
            }
            part.variant_ends.push(part.variants.len() as u32);
            let end = part.ends.last().copied().unwrap_or(0) + counts[t];
            part.ends.push(end);
        }
        // Scatter the postings, keeping document order within each term.
        let mut fill: Vec<Vec<u32>> = parts
            .iter_mut()
            .map(|p| {
                p.postings = vec![Posting::new(0, 0, None); p.ends.last().copied().unwrap_or(0) as usize];
                std::iter::once(0)
                    .chain(p.ends.iter().copied())
                    .take(p.ends.len())
                    .collect()
            })
            .collect();
        for (t, posting) in self.seen {
            let (s, i) = place[t as usize];
            let at = &mut fill[s][i];
            parts[s].postings[*at as usize] = posting;
            *at += 1;
        }
        parts
    }
}

/// A pair of ids as one map key.
fn pack(ids: Ids) -> u64 {
    (u64::from(ids[0]) << 32) | u64::from(ids[1])
}

/// One chunk's terms of one merge shard, flat: term `i` has postings `ends[i-1]..ends[i]` and
/// spellings `variant_ends[i-1]..variant_ends[i]`.
#[derive(Debug, Default)]
struct Part {
    keys: Vec<Ids>,
    ends: Vec<u32>,
    postings: Vec<Posting>,
    variant_ends: Vec<u32>,
    variants: Vec<Ids>,
}

impl Part {
    /// Postings and spellings of term `i`.
    fn term(&self, i: usize) -> (&[Posting], &[Ids]) {
        let start = |ends: &[u32]| if i == 0 { 0 } else { ends[i - 1] as usize };
        (
            &self.postings[start(&self.ends)..self.ends[i] as usize],
            &self.variants[start(&self.variant_ends)..self.variant_ends[i] as usize],
        )
    }
}

/// The spellings of each term of a merge shard, in the order first seen, as linked lists in one
/// vector (most terms have one or two).
struct Spellings {
    /// Per term: first and last node, [`NONE`] when there is none yet.
    ends: Vec<(u32, u32)>,
    /// A spelling and the next node of its term.
    nodes: Vec<(Ids, u32)>,
}

impl Spellings {
    fn new(terms: usize) -> Spellings {
        Spellings {
            ends: vec![(NONE, NONE); terms],
            nodes: Vec::new(),
        }
    }

    /// The index of spelling `v` among those of term `t`, added when new.
    fn index(&mut self, t: usize, v: Ids) -> u32 {
        let mut node = self.ends[t].0;
        let mut i = 0;
        while let Some(&(w, next)) = self.nodes.get(node as usize) {
            if w == v {
                return i;
            }
            (node, i) = (next, i + 1);
        }
        let new = self.nodes.len() as u32;
        self.nodes.push((v, NONE));
        match self.ends[t].1 {
            NONE => self.ends[t].0 = new,
            last => self.nodes[last as usize].1 = new,
        }
        self.ends[t].1 = new;
        i
    }

    /// The spellings of term `t`, in index order.
    fn of(&self, t: usize) -> impl Iterator<Item = Ids> + '_ {
        let mut node = self.ends[t].0;
        std::iter::from_fn(move || {
            let &(v, next) = self.nodes.get(node as usize)?;
            node = next;
            Some(v)
        })
    }
}

/// The Fx hash of a string.
fn hash_str(s: &str) -> u64 {
    let mut h = Fx::default();
    h.write(s.as_bytes());
    h.finish()
}

/// One chunk's terms by merge shard, and the run whose vocabulary their ids come from.
#[derive(Debug)]
struct Chunk {
    /// Index of the run (and vocabulary) among all runs.
    run: usize,
    unigrams: Vec<Part>,
    pairs: Vec<Part>,
}

/// The analysis state of one worker thread, kept from one chunk to the next: one vocabulary for
/// all the chunks the thread analyses, so that a word's keys are worked out once a thread
/// instead of once a chunk. Which chunks a thread gets does not matter: ids are mapped into the
/// global vocabulary before the merge, and nothing depends on the order they were given out.
#[derive(Debug)]
struct Run {
    vocab: Vocab,
    aliases: Aliases,
    acc: DocTerms,
}

impl Run {
    fn new() -> Run {
        let mut vocab = Vocab::default();
        let aliases = Aliases::new(&mut vocab);
        Run {
            vocab,
            aliases,
            acc: DocTerms::default(),
        }
    }

    /// Analyses chunk `index`: the documents `ids` (consecutive ids from `index * CHUNK`); `run`
    /// is the index of this state among all.
    fn analyse_chunk(&mut self, docs: &[SearchDoc<'_>], index: usize, ids: &[usize], run: usize) -> Chunk {
        let Run {
            vocab, aliases, acc, ..
        } = self;
        let mut unigrams = LocalTerms::default();
        let mut pairs = LocalTerms::default();
        for (j, &i) in ids.iter().enumerate() {
            let doc = (index * CHUNK + j) as u32;
            let fields = split_fields(&docs[i]);
            acc.words(vocab, &fields);
            drop(fields);
            acc.aliases(aliases);
            acc.finish(doc, vocab, &mut unigrams, &mut pairs);
        }
        let hashes = vocab.folded_hashes();
        Chunk {
            run,
            unigrams: unigrams.into_shards(hashes),
            pairs: pairs.into_shards(hashes),
        }
    }
}

/// Accumulators of one document, reused from one document to the next.
#[derive(Debug, Default)]
struct DocTerms {
    /// Per folded id: its index in `unis` plus one, 0 when not in this document.
    uni_at: Vec<u32>,
    /// The document's syllables (folded ids) and their counts.
    unis: Vec<(u32, Acc)>,
    /// Per pair key (packed by [`pack`]): its index in `pairs`.
    pair_at: FxMap<u64, u32>,
    /// The document's pairs and their counts.
    pairs: Vec<(Ids, Acc)>,
    /// Folded ids of every field, one field after another, for alias matching.
    seq: Vec<u32>,
    /// Level and start in `seq` of each field (a continuing field joins the previous one).
    seq_starts: Vec<(u8, usize)>,
}

impl DocTerms {
    /// Counts one occurrence of syllable `folded`.
    fn add_uni(&mut self, folded: u32, level: u8, exact: u32, weight: u32) {
        let slot = folded as usize;
        if slot >= self.uni_at.len() {
            self.uni_at.resize(slot + 1, 0);
        }
        match self.uni_at[slot] {
            0 => {
                self.unis.push((folded, Acc::new(level, [exact, NONE], weight)));
                self.uni_at[slot] = self.unis.len() as u32;
            }
            i => self.unis[i as usize - 1].1.add(level, [exact, NONE], weight),
        }
    }

    /// Counts one occurrence of the pair `key` spelled `exact`.
    fn add_pair(&mut self, key: Ids, level: u8, exact: Ids, weight: u32) {
        let next = self.pairs.len() as u32;
        let i = *self.pair_at.entry(pack(key)).or_insert(next);
        if i == next {
            self.pairs.push((key, Acc::new(level, exact, weight)));
        } else {
            self.pairs[i as usize].1.add(level, exact, weight);
        }
    }

    /// Counts the words of every field.
    fn words(&mut self, vocab: &mut Vocab, fields: &[Field<'_>]) {
        for field in fields {
            if !field.continues || self.seq_starts.is_empty() {
                self.seq_starts.push((field.level, self.seq.len()));
            }
            let level = field.level;
            let weight = WEIGHTS[level as usize];
            let mut prev: Option<(u32, u32)> = None;
            for (raw, glued) in field.words.iter() {
                if raw.len() > MAX_TOKEN_CHARS && raw.chars().count() > MAX_TOKEN_CHARS {
                    prev = None;
                    continue;
                }
                let sp = vocab.spelling(raw);
                sp.count += 1;
                let (exact, folded) = (sp.exact, sp.folded);
                self.add_uni(folded, level, exact, weight);
                if let (true, Some((pf, pe))) = (glued, prev) {
                    self.add_pair([pf, folded], level, [pe, exact], weight);
                }
                prev = Some((folded, exact));
                self.seq.push(folded);
            }
        }
    }

    /// Each field's level and folded ids.
    fn sequences(&self) -> impl Iterator<Item = (u8, &[u32])> {
        let ends = self.seq_starts.iter().skip(1).map(|s| s.1).chain([self.seq.len()]);
        self.seq_starts
            .iter()
            .zip(ends)
            .map(|(&(level, start), end)| (level, &self.seq[start..end]))
    }

    /// Adds the alias phrases of the entries whose trigger phrases were found.
    fn aliases(&mut self, aliases: &Aliases) {
        for (entry, level) in aliases.found(self.sequences()) {
            for alias in &aliases.aliases[entry] {
                let mut prev = None;
                for &(exact, folded) in alias {
                    self.add_uni(folded, level, exact, 0);
                    if let Some((pf, pe)) = prev {
                        self.add_pair([pf, folded], level, [pe, exact], 0);
                    }
                    prev = Some((folded, exact));
                }
            }
        }
    }

    /// Hands the document's terms to the chunk's lists and gets ready for the next document.
    fn finish(&mut self, doc: u32, vocab: &Vocab, unigrams: &mut LocalTerms, pairs: &mut LocalTerms) {
        for (folded, a) in self.unis.drain(..) {
            self.uni_at[folded as usize] = 0;
            unigrams.add([folded, NONE], doc, &a, vocab);
        }
        for (key, a) in self.pairs.drain(..) {
            pairs.add(key, doc, &a, vocab);
        }
        self.pair_at.clear();
        self.seq.clear();
        self.seq_starts.clear();
    }
}

/// The corpus-wide vocabulary, and each chunk's ids mapped into it.
#[derive(Debug, Default)]
struct Global {
    exact: Interner,
    folded: Interner,
    /// Every spelling: its exact id and how often it was seen.
    spellings: FxMap<String, (u32, u64)>,
    /// Per run: its exact ids → global.
    exact_maps: Vec<Vec<u32>>,
    /// Per run: its folded ids → global.
    folded_maps: Vec<Vec<u32>>,
}

impl Global {
    /// Adds the vocabulary of the next run.
    fn add_vocab(&mut self, vocab: &Vocab) {
        let exact: Vec<u32> = vocab.exact.names.iter().map(|n| self.exact.id(n)).collect();
        let folded: Vec<u32> = vocab.folded.names.iter().map(|n| self.folded.id(n)).collect();
        for (key, sp) in &vocab.short {
            let (bytes, len) = key.bytes();
            let raw = String::from_utf8_lossy(&bytes[..len]);
            self.add_spelling(&raw, exact[sp.exact as usize], sp.count);
        }
        for (raw, sp) in &vocab.long {
            self.add_spelling(raw, exact[sp.exact as usize], sp.count);
        }
        self.exact_maps.push(exact);
        self.folded_maps.push(folded);
    }

    /// Counts `count` more occurrences of the spelling `raw` of the exact key `exact`.
    fn add_spelling(&mut self, raw: &str, exact: u32, count: u64) {
        match self.spellings.get_mut(raw) {
            Some(entry) => entry.1 += count,
            None => {
                self.spellings.insert(raw.to_owned(), (exact, count));
            }
        }
    }

    /// The most common spelling of each exact id (ties: smallest).
    fn best_spellings(&self) -> Vec<String> {
        let mut best: Vec<Option<(u64, &str)>> = vec![None; self.exact.names.len()];
        for (raw, &(exact, count)) in &self.spellings {
            let slot = &mut best[exact as usize];
            let better = match *slot {
                None => true,
                Some((c, text)) => count > c || (count == c && raw.as_str() < text),
            };
            if better {
                *slot = Some((count, raw));
            }
        }
        best.iter()
            .enumerate()
            .map(|(e, b)| b.map_or_else(|| self.exact.names[e].clone(), |(_, t)| t.to_owned()))
            .collect()
    }

    /// A chunk's ids mapped: `NONE` stays `NONE`.
    fn map(table: &[u32], ids: Ids) -> Ids {
        ids.map(|id| table.get(id as usize).copied().unwrap_or(NONE))
    }

    /// Merges one shard's terms of every chunk, chunk after chunk (so in document order); each
    /// part comes with the index of its run. `shard` is the index of the shard.
    fn merge_shard(&self, shard: u32, parts: Vec<(usize, Part)>) -> (Vec<Term>, Store) {
        // First the keys and sizes, then the postings into their ranges.
        let mut ids: FxMap<Ids, usize> = FxMap::default();
        let mut keys: Vec<Ids> = Vec::new();
        let mut sizes: Vec<u32> = Vec::new();
        let slots: Vec<Vec<usize>> = parts
            .iter()
            .map(|(run, part)| {
                (0..part.keys.len())
                    .map(|i| {
                        let key = Self::map(&self.folded_maps[*run], part.keys[i]);
                        let next = keys.len();
                        let t = *ids.entry(key).or_insert(next);
                        if t == next {
                            keys.push(key);
                            sizes.push(0);
                        }
                        sizes[t] += part.term(i).0.len() as u32;
                        t
                    })
                    .collect()
            })
            .collect();
        drop(ids);
        let mut starts: Vec<u32> = Vec::with_capacity(sizes.len());
        let mut total = 0u32;
        for &n in &sizes {
            starts.push(total);
            total += n;
        }
        let mut fill = starts.clone();
        let mut postings = vec![Posting::new(0, 0, None); total as usize];
        let mut spellings = Spellings::new(keys.len());
        let mut remap: Vec<u32> = Vec::new();
        for ((run, part), slots) in parts.into_iter().zip(slots) {
            for (i, t) in slots.into_iter().enumerate() {
                let (from, variants) = part.term(i);
                remap.clear();
                remap.extend(
                    variants
                        .iter()
                        .map(|&v| spellings.index(t, Self::map(&self.exact_maps[run], v))),
                );
                let at = fill[t] as usize;
                for (to, p) in postings[at..at + from.len()].iter_mut().zip(from) {
                    *to = p.with_variant(p.variant().and_then(|v| remap.get(v).copied()));
                }
                fill[t] += from.len() as u32;
            }
        }
        let mut variants: Vec<Ids> = Vec::with_capacity(spellings.nodes.len());
        let terms = keys
            .iter()
            .enumerate()
            .map(|(t, key)| {
                let (a, b) = (self.folded.name(key[0]), self.folded.name(key[1]));
                let key = match key[1] {
                    NONE => a.to_owned(),
                    _ => {
                        let mut both = String::with_capacity(a.len() + 1 + b.len());
                        both.push_str(a);
                        both.push(' ');
                        both.push_str(b);
                        both
                    }
                };
                let first = variants.len() as u32;
                variants.extend(spellings.of(t));
                Term {
                    key,
                    shard,
                    postings: (starts[t], starts[t] + sizes[t]),
                    variants: (first, variants.len() as u32),
                }
            })
            .collect();
        (terms, Store { postings, variants })
    }

    /// Merges the terms of every chunk, sorted by key.
    /// `by_chunk` holds each chunk's parts, in chunk order, with the index of their run.
    fn merge(&self, by_chunk: Vec<(usize, Vec<Part>)>) -> Terms {
        let mut by_shard: Vec<Vec<(usize, Part)>> = (0..SHARDS).map(|_| Vec::new()).collect();
        for (run, shards) in by_chunk {
            for (s, part) in shards.into_iter().enumerate() {
                by_shard[s].push((run, part));
            }
        }
        let merged: Vec<(Vec<Term>, Store)> = by_shard
            .into_par_iter()
            .enumerate()
            .map(|(s, parts)| self.merge_shard(s as u32, parts))
            .collect();
        let mut list: Vec<Term> = Vec::with_capacity(merged.iter().map(|m| m.0.len()).sum());
        let mut stores: Vec<Store> = Vec::with_capacity(merged.len());
        for (terms, store) in merged {
            list.extend(terms);
            stores.push(store);
        }
        list.par_sort_unstable_by(|a, b| a.key.cmp(&b.key));
        Terms { list, stores }
    }
}

impl Corpus {
    /// Analyses every document.
    pub fn build(docs: &[SearchDoc<'_>]) -> Corpus {
        let order = super::step("search: order", || doc_order(docs));
        // One state a worker thread; a thread holds its lock while it analyses a chunk (it runs
        // no other task meanwhile, so the lock is never waited for).
        let runs: Vec<Mutex<Run>> = (0..rayon::current_num_threads().max(1))
            .map(|_| Mutex::new(Run::new()))
            .collect();
        let chunks: Vec<Chunk> = super::step("search: analyse", || {
            order
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(c, ids)| {
                    let r = rayon::current_thread_index().unwrap_or(0) % runs.len();
                    let mut run = runs[r].lock().unwrap_or_else(PoisonError::into_inner);
                    run.analyse_chunk(docs, c, ids, r)
                })
                .collect()
        });

        let mut global = Global::default();
        super::step("search: vocab", || {
            for run in runs {
                let run = run.into_inner().unwrap_or_else(PoisonError::into_inner);
                global.add_vocab(&run.vocab);
            }
        });
        // In chunk order, so that the merge keeps each term's postings in document order.
        let (uni_parts, pair_parts): (Vec<_>, Vec<_>) = chunks
            .into_iter()
            .map(|c| ((c.run, c.unigrams), (c.run, c.pairs)))
            .unzip();
        let (unigrams, pairs) = super::step("search: merge", || {
            rayon::join(|| global.merge(uni_parts), || global.merge(pair_parts))
        });
        let spelling = super::step("search: spellings", || global.best_spellings());
        Corpus {
            order,
            unigrams,
            pairs,
            spelling,
            exact: global.exact.names,
        }
    }
}
