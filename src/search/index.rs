//! From [`SearchDoc`]s to postings: document order, per-document terms and levels, aliases.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::SearchDoc;
use super::analyze::{MAX_TOKEN_CHARS, Words, keys, split};

/// The Fx hash (rustc's): fast for short keys; the maps here are never iterated into output.
#[derive(Debug, Default, Clone, Copy)]
struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// Documents analysed together (in parallel) before their terms are counted in order.
const CHUNK: usize = 256;
use super::synonyms::ALIASES;

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

/// One document's entry in a term's posting list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    /// Document id (position in [`Corpus::order`]).
    pub doc: u32,
    /// [`BODY`], [`FREQUENT`], [`SUMMARY`] or [`TITLE`].
    pub level: u8,
    /// The spelling that dominates in this document: an exact-key id for single syllables, an
    /// exact-pair id for pairs.
    pub variant: u32,
}

/// `Posting::variant` when no spelling was recorded.
pub(crate) const NO_VARIANT: u32 = u32::MAX;

/// A term (folded syllable, or two folded syllables joined by a space) and its postings.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    /// Folded key.
    pub key: String,
    /// Postings sorted by document id.
    pub postings: Vec<Posting>,
}

/// Everything the file writer needs, in deterministic order.
#[derive(Debug)]
pub(crate) struct Corpus {
    /// `order[id]` is the index in the input slice of document `id`.
    pub order: Vec<usize>,
    /// Single-syllable terms sorted by key.
    pub unigrams: Vec<Term>,
    /// Pair terms sorted by key.
    pub pairs: Vec<Term>,
    /// Most common spelling of each exact-key id (ties: smallest).
    pub spelling: Vec<String>,
    /// Exact keys of each exact-pair id, joined by a space (`đăng ki1`).
    pub exact_pairs: Vec<String>,
}

/// Interns strings into dense ids.
#[derive(Debug, Default)]
struct Interner {
    ids: FxMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(s.to_owned(), id);
        self.names.push(s.to_owned());
        id
    }
}

/// Per-spelling data: the keys, and how often the spelling was seen.
#[derive(Debug)]
struct Spelling {
    exact: u32,
    folded: u32,
    count: u64,
}

#[derive(Debug, Default)]
struct Vocab {
    raw: FxMap<String, u32>,
    spellings: Vec<Spelling>,
    raw_text: Vec<String>,
    exact: Interner,
    folded: Interner,
    pairs: FxMap<(u32, u32), u32>,
    pair_keys: Vec<(u32, u32)>,
    exact_pairs: FxMap<(u32, u32), u32>,
    exact_pair_names: Vec<String>,
}

impl Vocab {
    /// The spelling id of a lower-case NFC word.
    fn spelling(&mut self, raw: &str) -> u32 {
        if let Some(&id) = self.raw.get(raw) {
            return id;
        }
        let (exact, folded) = keys(raw);
        let id = self.spellings.len() as u32;
        self.spellings.push(Spelling {
            exact: self.exact.id(&exact),
            folded: self.folded.id(&folded),
            count: 0,
        });
        self.raw.insert(raw.to_owned(), id);
        self.raw_text.push(raw.to_owned());
        id
    }

    fn pair(&mut self, a: u32, b: u32) -> u32 {
        let next = self.pair_keys.len() as u32;
        let id = *self.pairs.entry((a, b)).or_insert(next);
        if id == next {
            self.pair_keys.push((a, b));
        }
        id
    }

    fn exact_pair(&mut self, a: u32, b: u32) -> u32 {
        let next = self.exact_pair_names.len() as u32;
        let id = *self.exact_pairs.entry((a, b)).or_insert(next);
        if id == next {
            let name = format!("{} {}", self.exact.names[a as usize], self.exact.names[b as usize]);
            self.exact_pair_names.push(name);
        }
        id
    }
}

/// A term's accumulated data inside one document.
#[derive(Debug, Default)]
struct Acc {
    level: u8,
    tf: u32,
    /// (exact id, weight) of each spelling seen.
    variants: Vec<(u32, u32)>,
}

impl Acc {
    fn add(&mut self, level: u8, exact: u32, weight: u32) {
        self.level = self.level.max(level);
        self.tf += 1;
        match self.variants.iter_mut().find(|(e, _)| *e == exact) {
            Some((_, w)) => *w += weight,
            None => self.variants.push((exact, weight)),
        }
    }

    fn final_level(&self) -> u8 {
        if self.level == BODY && self.tf >= FREQUENT_TF {
            FREQUENT
        } else {
            self.level
        }
    }
}

/// Weight of one occurrence at each level, for choosing a document's dominant spelling.
const WEIGHTS: [u32; 4] = [1, 2, 4, 8];

/// The alias table analysed: alias phrases as spelling ids, trigger phrases as folded ids
/// indexed by their first syllable.
#[derive(Debug, Default)]
struct Aliases {
    /// Per entry, its alias phrases as spelling ids.
    aliases: Vec<Vec<Vec<u32>>>,
    /// First folded id of a trigger phrase → (entry, the whole phrase as folded ids).
    triggers: FxMap<u32, Vec<(usize, Vec<u32>)>>,
}

impl Aliases {
    fn new(vocab: &mut Vocab) -> Aliases {
        let mut table = Aliases::default();
        for (entry, (aliases, phrases)) in ALIASES.iter().enumerate() {
            let ids =
                |vocab: &mut Vocab, p: &str| -> Vec<u32> { split(p).iter().map(|(w, _)| vocab.spelling(w)).collect() };
            table.aliases.push(aliases.iter().map(|a| ids(vocab, a)).collect());
            for phrase in *phrases {
                let folded: Vec<u32> = ids(vocab, phrase)
                    .iter()
                    .map(|&s| vocab.spellings[s as usize].folded)
                    .collect();
                if let Some(&first) = folded.first() {
                    table.triggers.entry(first).or_default().push((entry, folded));
                }
            }
        }
        table
    }

    /// The highest level at which each entry's trigger occurs in `sequences`.
    fn found(&self, sequences: &[(u8, Vec<u32>)]) -> Vec<(usize, u8)> {
        let mut found: Vec<(usize, u8)> = Vec::new();
        for (level, seq) in sequences {
            for (i, id) in seq.iter().enumerate() {
                let Some(candidates) = self.triggers.get(id) else {
                    continue;
                };
                for (entry, phrase) in candidates {
                    if seq[i..].starts_with(phrase) {
                        match found.iter_mut().find(|(e, _)| e == entry) {
                            Some((_, l)) => *l = (*l).max(*level),
                            None => found.push((*entry, *level)),
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
pub(crate) fn doc_order(docs: &[SearchDoc]) -> Vec<usize> {
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

impl Corpus {
    /// Analyses every document.
    pub fn build(docs: &[SearchDoc]) -> Corpus {
        let order = doc_order(docs);
        let mut vocab = Vocab::default();
        let aliases = Aliases::new(&mut vocab);

        let mut uni_postings: Vec<Vec<Posting>> = Vec::new();
        let mut pair_postings: Vec<Vec<Posting>> = Vec::new();
        for (c, chunk) in order.chunks(CHUNK).enumerate() {
            let split: Vec<Vec<(u8, Words)>> = chunk.par_iter().map(|&i| split_fields(&docs[i])).collect();
            for (j, fields) in split.iter().enumerate() {
                let id = (c * CHUNK + j) as u32;
                let (unis, pairs) = doc_terms(&mut vocab, &aliases, fields);
                for (folded, acc) in unis {
                    let variant = dominant(&acc, &vocab.exact.names);
                    push_posting(&mut uni_postings, folded, id, acc.final_level(), variant);
                }
                for (pair, acc) in pairs {
                    let variant = dominant(&acc, &vocab.exact_pair_names);
                    push_posting(&mut pair_postings, pair, id, acc.final_level(), variant);
                }
            }
        }

        let mut unigrams: Vec<Term> = uni_postings
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(f, postings)| Term {
                key: vocab.folded.names[f].clone(),
                postings,
            })
            .collect();
        unigrams.sort_by(|a, b| a.key.cmp(&b.key));
        let mut pairs: Vec<Term> = pair_postings
            .into_iter()
            .enumerate()
            .filter(|(_, p)| !p.is_empty())
            .map(|(p, postings)| {
                let (a, b) = vocab.pair_keys[p];
                Term {
                    key: format!("{} {}", vocab.folded.names[a as usize], vocab.folded.names[b as usize]),
                    postings,
                }
            })
            .collect();
        pairs.sort_by(|a, b| a.key.cmp(&b.key));

        // The most common spelling of each exact key.
        let mut best: Vec<Option<(u64, &str)>> = vec![None; vocab.exact.names.len()];
        for (s, sp) in vocab.spellings.iter().enumerate() {
            let raw = vocab.raw_text[s].as_str();
            let slot = &mut best[sp.exact as usize];
            let better = match *slot {
                None => true,
                Some((count, text)) => sp.count > count || (sp.count == count && raw < text),
            };
            if better {
                *slot = Some((sp.count, raw));
            }
        }
        let spelling = best
            .iter()
            .enumerate()
            .map(|(e, b)| b.map_or_else(|| vocab.exact.names[e].clone(), |(_, t)| t.to_owned()))
            .collect();

        Corpus {
            order,
            unigrams,
            pairs,
            spelling,
            exact_pairs: vocab.exact_pair_names,
        }
    }
}

fn push_posting(lists: &mut Vec<Vec<Posting>>, term: u32, doc: u32, level: u8, variant: u32) {
    let t = term as usize;
    if lists.len() <= t {
        lists.resize_with(t + 1, Vec::new);
    }
    lists[t].push(Posting { doc, level, variant });
}

/// The exact id with the most weight; ties go to the smallest exact key.
fn dominant(acc: &Acc, names: &[String]) -> u32 {
    acc.variants
        .iter()
        .max_by(|a, b| {
            a.1.cmp(&b.1)
                .then_with(|| names[b.0 as usize].cmp(&names[a.0 as usize]))
        })
        .map_or(NO_VARIANT, |v| v.0)
}

type DocTerms = (Vec<(u32, Acc)>, Vec<(u32, Acc)>);

/// The words of each field of `doc`, with the field's level.
fn split_fields(doc: &SearchDoc) -> Vec<(u8, Words)> {
    let mut fields: Vec<(&str, u8)> = vec![(&doc.title, TITLE), (&doc.summary, SUMMARY)];
    fields.extend(doc.keywords.iter().map(|k| (k.as_str(), SUMMARY)));
    fields.extend(doc.field.iter().map(|f| (f.as_str(), FREQUENT)));
    fields.extend(doc.agency.iter().map(|a| (a.as_str(), FREQUENT)));
    fields.extend(doc.level.iter().map(|l| (l.as_str(), FREQUENT)));
    fields.push((&doc.text, BODY));
    fields.into_iter().map(|(text, level)| (level, split(text))).collect()
}

/// The unigram and pair accumulators of one document, sorted by term id.
fn doc_terms(vocab: &mut Vocab, aliases: &Aliases, fields: &[(u8, Words)]) -> DocTerms {
    let mut unis: FxMap<u32, Acc> = FxMap::default();
    let mut pairs: FxMap<u32, Acc> = FxMap::default();
    // Folded ids of each field, with the field's level, for alias matching.
    let mut sequences: Vec<(u8, Vec<u32>)> = Vec::new();

    for &(level, ref words) in fields {
        let mut seq = Vec::new();
        let mut prev: Option<(u32, u32)> = None;
        for (raw, glued) in words.iter() {
            if raw.len() > MAX_TOKEN_CHARS && raw.chars().count() > MAX_TOKEN_CHARS {
                prev = None;
                continue;
            }
            let s = vocab.spelling(raw);
            let sp = &mut vocab.spellings[s as usize];
            sp.count += 1;
            let (exact, folded) = (sp.exact, sp.folded);
            unis.entry(folded)
                .or_default()
                .add(level, exact, WEIGHTS[level as usize]);
            if let (true, Some((pf, pe))) = (glued, prev) {
                let pair = vocab.pair(pf, folded);
                let variant = vocab.exact_pair(pe, exact);
                pairs
                    .entry(pair)
                    .or_default()
                    .add(level, variant, WEIGHTS[level as usize]);
            }
            prev = Some((folded, exact));
            seq.push(folded);
        }
        sequences.push((level, seq));
    }

    for (entry, level) in aliases.found(&sequences) {
        for alias in &aliases.aliases[entry] {
            let mut prev = None;
            for &s in alias {
                let (exact, folded) = {
                    let sp = &vocab.spellings[s as usize];
                    (sp.exact, sp.folded)
                };
                unis.entry(folded).or_default().add(level, exact, 0);
                if let Some((pf, pe)) = prev {
                    let pair = vocab.pair(pf, folded);
                    let variant = vocab.exact_pair(pe, exact);
                    pairs.entry(pair).or_default().add(level, variant, 0);
                }
                prev = Some((folded, exact));
            }
        }
    }

    let mut unis: Vec<(u32, Acc)> = unis.into_iter().collect();
    unis.sort_by_key(|(id, _)| *id);
    let mut pairs: Vec<(u32, Acc)> = pairs.into_iter().collect();
    pairs.sort_by_key(|(id, _)| *id);
    (unis, pairs)
}
