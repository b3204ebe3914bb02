//! Tests of the whole index: decoding what was written, determinism, sizes on a synthetic portal,
//! and the vectors file the JS tests check.

use std::collections::BTreeMap;

use serde_json::Value;

use super::analyze::{telex, tokenize};
use super::encode::fnv1a32;
use super::files::{FORMAT, FRAG_DOCS, facet_labels, facet_rows, pair_shard, pair_signature, separator, width};
use super::index::{Corpus, FREQUENT, SUMMARY, TITLE};
use super::synth::portal;
use super::{SearchDoc, SearchIndex, build_index};

/// Reads what `encode.rs` writes.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> u64 {
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.bytes[self.pos];
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return v;
            }
            shift += 7;
        }
    }

    fn take(&mut self, n: usize) -> &[u8] {
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        s
    }

    fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }
}

struct BitReader<'a> {
    bytes: &'a [u8],
    bit: usize,
}

impl BitReader<'_> {
    fn bit(&mut self) -> bool {
        let b = self.bytes[self.bit / 8] & (0x80 >> (self.bit % 8)) != 0;
        self.bit += 1;
        b
    }

    fn bits(&mut self, n: u32) -> u32 {
        (0..n).fold(0, |v, _| (v << 1) | u32::from(self.bit()))
    }

    fn unary(&mut self) -> u32 {
        let mut q = 0;
        while self.bit() {
            q += 1;
        }
        q
    }
}

/// One decoded term entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub variants: Vec<String>,
    pub other: bool,
    /// (doc, level, variant symbol)
    pub postings: Vec<(u32, u8, u32)>,
}

/// Decodes a shard; pair spellings come back as 4 hex digits of their signature.
pub(crate) fn decode_shard(bytes: &[u8], unigram: bool) -> Vec<Entry> {
    let mut r = Reader { bytes, pos: 0 };
    let mut out: Vec<Entry> = Vec::new();
    let mut prev: Vec<u8> = Vec::new();
    while !r.done() {
        let shared = r.varint() as usize;
        let len = r.varint() as usize;
        let mut key = prev[..shared].to_vec();
        key.extend_from_slice(r.take(len));
        let df = r.varint() as usize;
        let nv = r.varint();
        let (n, other) = ((nv >> 1) as usize, nv & 1 == 1);
        let variants: Vec<String> = (0..n)
            .map(|_| {
                if unigram {
                    let len = r.varint() as usize;
                    String::from_utf8(r.take(len).to_vec()).unwrap()
                } else {
                    let b = r.take(2);
                    format!("{:04x}", u16::from_be_bytes([b[0], b[1]]))
                }
            })
            .collect();
        let symbols = (n + usize::from(other)) as u32;
        let blen = r.varint() as usize;
        let mut b = BitReader {
            bytes: r.take(blen),
            bit: 0,
        };
        let k = b.bits(5);
        let mut doc: i64 = -1;
        let mut postings = Vec::with_capacity(df);
        for _ in 0..df {
            let gap = (b.unary() << k) | b.bits(k);
            doc += i64::from(gap) + 1;
            let level = if !b.bit() {
                0
            } else if !b.bit() {
                1
            } else if !b.bit() {
                2
            } else {
                3
            };
            let symbol = match symbols {
                0 | 1 => 0,
                2 => u32::from(b.bit()),
                m => {
                    if b.bit() {
                        1 + b.bits(width(m - 1))
                    } else {
                        0
                    }
                }
            };
            postings.push((doc as u32, level, symbol));
        }
        prev = key.clone();
        out.push(Entry {
            key: String::from_utf8(key).unwrap(),
            variants,
            other,
            postings,
        });
    }
    out
}

/// The files of an index by path.
pub(crate) fn by_path(index: &SearchIndex) -> BTreeMap<&str, &[u8]> {
    index
        .files
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

pub(crate) fn manifest(index: &SearchIndex) -> Value {
    let files = by_path(index);
    serde_json::from_slice(files[index.manifest_path.as_str()]).unwrap()
}

/// The path of file `i` of a space of the manifest ("uni", "pair" or "frag").
pub(crate) fn space_path(m: &Value, space: &str, i: usize) -> String {
    let dir = m[space]["dir"].as_str().unwrap();
    let hash = m[space]["hash"].as_str().unwrap();
    let g = i / m["group"].as_u64().unwrap() as usize;
    let ext = if space == "frag" { "json" } else { "bin" };
    format!("search/{dir}/{}/{i}.{ext}", &hash[g * 8..g * 8 + 8])
}

/// Every entry of one key space ("uni" or "pair"), in shard order, with its shard number.
pub(crate) fn entries(index: &SearchIndex, space: &str) -> Vec<(usize, Entry)> {
    let files = by_path(index);
    let m = manifest(index);
    let mut out = Vec::new();
    for i in 0..m[space]["n"].as_u64().unwrap() as usize {
        let path = space_path(&m, space, i);
        out.extend(
            decode_shard(files[path.as_str()], space == "uni")
                .into_iter()
                .map(|e| (i, e)),
        );
    }
    out
}

fn doc(kind: &'static str, title: &str, text: &str) -> SearchDoc<'static> {
    SearchDoc {
        url: format!("/{}/", crate::text::slugify(title)),
        title: title.to_owned(),
        kind,
        text: text.to_owned().into(),
        ..SearchDoc::default()
    }
}

/// A small portal whose ranking the JS tests check.
pub(crate) fn fixture() -> Vec<SearchDoc<'static>> {
    let mut docs = vec![
        SearchDoc {
            field: Some("Đất đai".into()),
            level: vec!["Cấp huyện".into()],
            agency: Some("Văn phòng đăng ký đất đai".into()),
            keywords: vec!["1.004227".into()],
            summary: "Cấp giấy chứng nhận quyền sử dụng đất lần đầu cho hộ gia đình, cá nhân.".into(),
            year: Some(2025),
            date: Some("12/05/2025".into()),
            ..doc(
                "procedure",
                "Đăng ký đất đai, cấp giấy chứng nhận quyền sử dụng đất lần đầu",
                "Hồ sơ gồm đơn đăng ký đất đai theo mẫu và giấy tờ về quyền sử dụng đất.",
            )
        },
        SearchDoc {
            field: Some("Cư trú".into()),
            level: vec!["Cấp xã".into()],
            agency: Some("Công an xã".into()),
            year: Some(2024),
            date: Some("03/01/2024".into()),
            ..doc(
                "procedure",
                "Đăng ký tạm trú",
                "Công dân đến nơi ở mới đăng ký tạm trú trong 30 ngày. Không cần hộ khẩu.",
            )
        },
        SearchDoc {
            field: Some("Cư trú".into()),
            level: vec!["Cấp xã".into()],
            agency: Some("Công an xã".into()),
            year: Some(2024),
            ..doc(
                "procedure",
                "Đăng ký thường trú",
                "Đăng ký thường trú tại chỗ ở hợp pháp; tạm vắng, trú quán được ghi nhận.",
            )
        },
        SearchDoc {
            field: Some("Hộ tịch".into()),
            level: vec!["Cấp xã".into()],
            agency: Some("UBND xã Hòa Bình".into()),
            year: Some(2023),
            ..doc(
                "procedure",
                "Đăng ký khai sinh",
                "Người đi đăng ký khai sinh nộp tờ khai; trẻ em được cấp giấy khai sinh.",
            )
        },
        SearchDoc {
            year: Some(2026),
            date: Some("20/03/2026".into()),
            agency: Some("UBND xã Hòa Bình".into()),
            ..doc(
                "news",
                "Hoà Bình đạt chuẩn nông thôn mới",
                "Xã Hòa Bình đã đạt mục tiêu, đặt ra kế hoạch mới. <script>alert(1)</script>",
            )
        },
        SearchDoc {
            year: Some(2025),
            agency: Some("UBND xã Hòa Bình".into()),
            ..doc(
                "news",
                "Tạm dừng cấp nước để sửa chữa đường ống",
                "Người dân khu trung tâm tạm thời trữ nước. Đường ống trú mưa bị vỡ.",
            )
        },
        SearchDoc {
            year: Some(2025),
            field: Some("Tài chính".into()),
            ..doc(
                "budget",
                "Công khai dự toán ngân sách xã năm 2025",
                "Dự toán thu ngân sách nhà nước trên địa bàn: 12.500.000.000 đồng, \
                 trong đó thuế đất phi nông nghiệp.",
            )
        },
        SearchDoc {
            year: Some(2024),
            ..doc(
                "inspection",
                "Kết luận thanh tra việc quản lý đất công",
                "Thanh tra phát hiện lấn chiếm đất công, cho thuê đất trái phép; \
                 kỹ thuật đo đạc chưa chuẩn.",
            )
        },
        SearchDoc {
            year: Some(2022),
            ..doc(
                "document",
                "Quyết định 15/QĐ-UBND về kĩ thuật đo đạc địa chính",
                "Ban hành quy định kỹ thuật đo đạc, thủy lợi và quy hoạch.",
            )
        },
    ];
    docs.push(doc(
        "page",
        "Giới thiệu",
        "Trang giới thiệu xã. Liên hệ bộ phận một cửa.",
    ));
    docs
}

#[test]
fn round_trip_of_the_fixture() {
    let docs = fixture();
    let index = build_index(&docs);
    let m = manifest(&index);
    assert_eq!(m["v"], FORMAT);
    assert_eq!(m["docs"], docs.len());
    assert!(index.manifest_path.starts_with("search/manifest."));

    let corpus = Corpus::build(&docs);
    let uni = entries(&index, "uni");
    assert_eq!(uni.len(), corpus.unigrams.list.len());
    for ((_, e), t) in uni.iter().zip(&corpus.unigrams.list) {
        assert_eq!(e.key, t.key);
        let docs: Vec<u32> = e.postings.iter().map(|p| p.0).collect();
        let want: Vec<u32> = corpus.unigrams.postings(t).iter().map(|p| p.doc).collect();
        assert_eq!(docs, want, "postings of {}", e.key);
    }
    let mut pair = entries(&index, "pair");
    pair.sort_by(|a, b| a.1.key.cmp(&b.1.key));
    assert_eq!(pair.len(), corpus.pairs.list.len());
    for ((_, e), t) in pair.iter().zip(&corpus.pairs.list) {
        assert_eq!(e.key, t.key);
        assert_eq!(e.postings.len(), t.df());
    }

    // "đất" is one variant of "dat" and dominates where the title says it.
    let dat = &uni.iter().find(|(_, e)| e.key == "dat").unwrap().1;
    assert!(dat.variants.contains(&"đất".to_owned()));
    assert!(dat.variants.contains(&"đạt".to_owned()));
    let land = corpus.order.iter().position(|&i| i == 0).unwrap() as u32;
    let p = dat.postings.iter().find(|p| p.0 == land).unwrap();
    assert_eq!(p.1, TITLE);
    assert_eq!(dat.variants[p.2 as usize], "đất");

    // The pair "tam tru" is in the title of "Đăng ký tạm trú" only.
    let tam_tru = &pair.iter().find(|(_, e)| e.key == "tam tru").unwrap().1;
    assert_eq!(tam_tru.postings.len(), 1);
    assert_eq!(tam_tru.postings[0].1, TITLE);

    // Aliases: the land procedure is found by "so do" at summary level.
    let so_do = &pair.iter().find(|(_, e)| e.key == "so do").unwrap().1;
    assert_eq!(so_do.postings, vec![(land, TITLE, 0)]);
    // "hộ khẩu" is in the body of the tạm trú page, and an alias of the title "thường trú".
    let ho_khau = &pair.iter().find(|(_, e)| e.key == "ho khau").unwrap().1;
    let levels: Vec<u8> = ho_khau.postings.iter().map(|p| p.1).collect();
    assert_eq!(levels, [0, TITLE]);
    assert!(levels[0] < SUMMARY);
    // Facet labels count at the FREQUENT level.
    let cu_tru = &pair.iter().find(|(_, e)| e.key == "cu tru").unwrap().1;
    assert!(cu_tru.postings.iter().all(|p| p.1 == FREQUENT));

    // kỹ and kĩ are one exact key; thủy and thuỷ too.
    let ki = &uni.iter().find(|(_, e)| e.key == "ki").unwrap().1;
    let tilde: Vec<&String> = ki.variants.iter().filter(|v| *v == "kỹ" || *v == "kĩ").collect();
    assert_eq!(tilde.len(), 1, "{:?}", ki.variants);
}

#[test]
fn shards_are_found_through_the_boundaries() {
    let docs = portal(300, 7);
    let index = build_index(&docs);
    let m = manifest(&index);
    let keys: Vec<&str> = m["uni"]["keys"].as_str().unwrap().split(',').collect();
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    assert!(keys.len() > 3, "{} shards", keys.len() + 1);
    let all = entries(&index, "uni");
    for (shard, e) in &all {
        assert_eq!(keys.partition_point(|b| *b <= e.key.as_str()), *shard, "{}", e.key);
    }
    assert!(all.windows(2).all(|w| w[0].1.key < w[1].1.key));

    let n = m["pair"]["n"].as_u64().unwrap() as usize;
    assert!(n > 3);
    let all = entries(&index, "pair");
    for (shard, e) in &all {
        assert_eq!(pair_shard(&e.key, n), *shard, "{}", e.key);
    }
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let docs = portal(200, 3);
    let a = build_index(&docs);
    let b = build_index(&docs);
    let mut reversed = docs.clone();
    reversed.reverse();
    let c = build_index(&reversed);
    for other in [&b, &c] {
        assert_eq!(a.manifest_path, other.manifest_path);
        assert_eq!(a.files.len(), other.files.len());
        for (x, y) in a.files.iter().zip(&other.files) {
            assert_eq!(x.path, y.path);
            assert!(x.bytes == y.bytes, "{} differs", x.path);
        }
    }
    let paths: Vec<&str> = a.files.iter().map(|f| f.path.as_str()).collect();
    assert!(paths.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
    assert!(paths.iter().all(|p| p.starts_with("search/")));
}

#[test]
fn an_empty_site_still_has_a_manifest() {
    let index = build_index(&[]);
    let m = manifest(&index);
    assert_eq!(m["docs"], 0);
    assert_eq!(entries(&index, "uni").len(), 0);
}

#[test]
fn fragments_hold_escaped_json_and_short_excerpts() {
    let docs = fixture();
    let index = build_index(&docs);
    let news = index
        .files
        .iter()
        .filter(|f| f.path.starts_with("search/f/"))
        .flat_map(|f| serde_json::from_slice::<Vec<Value>>(&f.bytes).unwrap())
        .find(|v| v["t"] == "Hoà Bình đạt chuẩn nông thôn mới")
        .unwrap();
    assert!(news["x"].as_str().unwrap().contains("<script>"));
    assert_eq!(news["d"], "20/03/2026");
    let long = SearchDoc {
        text: "chữ ".repeat(2000).into(),
        ..doc("news", "Dài", "")
    };
    let index = build_index(&[long]);
    let frag = index.files.iter().find(|f| f.path.starts_with("search/f/")).unwrap();
    assert!(frag.bytes.len() < 1_000, "{}", frag.bytes.len());
}

#[test]
fn fragments_are_bundled_in_document_order() {
    let docs = fixture();
    let index = build_index(&docs);
    let m = manifest(&index);
    let per = m["frag"]["per"].as_u64().unwrap() as usize;
    assert_eq!(per, FRAG_DOCS);
    assert_eq!(m["frag"]["n"].as_u64().unwrap() as usize, docs.len().div_ceil(per));
    let files = by_path(&index);
    let corpus = Corpus::build(&docs);
    for (d, &i) in corpus.order.iter().enumerate() {
        let list: Vec<Value> = serde_json::from_slice(files[space_path(&m, "frag", d / per).as_str()]).unwrap();
        assert_eq!(list[d % per]["u"], docs[i].url.as_str(), "document {d}");
    }
}

#[test]
fn telex_and_tokens_agree_with_separator_rules() {
    assert_eq!(separator("a", "b"), "b");
    let t = tokenize("Sổ đỏ");
    assert_eq!(t[1].folded, "do");
    assert!(t[1].marked() && t[1].glued);
    assert_eq!(telex("ddoor").map(|t| t.1).as_deref(), Some("do"));
}

/// Sizes of an index and the bytes a few typical queries fetch.
pub(crate) struct Sizes {
    pub files: usize,
    pub total: usize,
    pub manifest: usize,
    pub uni_shards: usize,
    pub pair_shards: usize,
    pub max_shard: usize,
    pub table: usize,
    pub vocab: usize,
    pub fragment_avg: usize,
    /// (query, bytes of shards, number of shards) for a submitted query.
    pub queries: Vec<(String, usize, usize)>,
}

/// Typical citizen queries, with and without marks.
pub(crate) const QUERIES: &[&str] = &[
    "đăng ký khai sinh",
    "dang ky khai sinh",
    "tạm trú",
    "dat dai",
    "giấy chứng nhận quyền sử dụng đất",
    "so do",
    "cấp lại giấy phép lái xe",
    "ngân sách năm 2025",
    "ket luan thanh tra",
    "hộ nghèo",
    "phòng cháy chữa cháy",
    "thủ tục hành chính",
    "xã hòa bình",
    "nong thon moi",
    "khieu nai",
];

fn shard_of(keys: &[&str], key: &str) -> usize {
    keys.partition_point(|b| *b <= key)
}

pub(crate) fn sizes(index: &SearchIndex) -> Sizes {
    let files = by_path(index);
    let m = manifest(index);
    let size_of = |space: &str| -> Vec<usize> {
        (0..m[space]["n"].as_u64().unwrap() as usize)
            .map(|i| files[space_path(&m, space, i).as_str()].len())
            .collect()
    };
    let (us, ps, frags) = (size_of("uni"), size_of("pair"), size_of("frag"));
    let uk: Vec<&str> = m["uni"]["keys"].as_str().unwrap().split(',').collect();
    let queries = QUERIES
        .iter()
        .map(|q| {
            let t = tokenize(q);
            let mut shards = std::collections::BTreeSet::new();
            for (i, tok) in t.iter().enumerate() {
                let in_pair = (i > 0 && tok.glued) || t.get(i + 1).is_some_and(|n| n.glued);
                if !in_pair {
                    shards.insert(("u", shard_of(&uk, &tok.folded)));
                }
                if i > 0 && tok.glued {
                    let key = format!("{} {}", t[i - 1].folded, tok.folded);
                    shards.insert(("p", pair_shard(&key, ps.len())));
                }
            }
            let bytes = shards
                .iter()
                .map(|(s, i)| if *s == "u" { us[*i] } else { ps[*i] })
                .sum();
            (q.to_string(), bytes, shards.len())
        })
        .collect();
    Sizes {
        files: index.files.len(),
        total: index.files.iter().map(|f| f.bytes.len()).sum(),
        manifest: files[index.manifest_path.as_str()].len(),
        uni_shards: us.len(),
        pair_shards: ps.len(),
        max_shard: us.iter().chain(&ps).copied().max().unwrap_or(0),
        table: files[format!("search/{}", m["table"].as_str().unwrap()).as_str()].len(),
        vocab: files[format!("search/{}", m["vocab"].as_str().unwrap()).as_str()].len(),
        fragment_avg: frags.iter().sum::<usize>() / frags.len().max(1),
        queries,
    }
}

fn report(n: usize) -> Sizes {
    let docs = portal(n, 42);
    let start = std::time::Instant::now();
    let corpus = Corpus::build(&docs);
    eprintln!("analysis {:?}", start.elapsed());
    drop(corpus);
    let start = std::time::Instant::now();
    let index = build_index(&docs);
    let took = start.elapsed();
    let s = sizes(&index);
    eprintln!(
        "{n} docs built in {took:?}: {} files, {} bytes; manifest {}, {} + {} shards (largest {}), \
         table {}, vocab {}, fragments {} on average",
        s.files, s.total, s.manifest, s.uni_shards, s.pair_shards, s.max_shard, s.table, s.vocab, s.fragment_avg
    );
    for (q, bytes, shards) in &s.queries {
        eprintln!("  {q:40} {bytes:6} bytes in {shards} shards");
    }
    s
}

#[test]
fn sizes_at_1000_pages() {
    let s = report(1_000);
    assert!(s.manifest < 8_000, "manifest {}", s.manifest);
}

/// The record: `cargo test sizes_at_10000 -- --ignored --nocapture`.
#[test]
#[ignore = "slow; run for the record"]
fn sizes_at_10000_pages() {
    let s = report(10_000);
    assert!(s.manifest <= 20_000, "manifest {}", s.manifest);
}

#[test]
#[ignore = "diagnostics"]
fn biggest_terms() {
    let docs = portal(10_000, 42);
    let index = build_index(&docs);
    let m = manifest(&index);
    let files = by_path(&index);
    for space in ["uni", "pair"] {
        let mut all: Vec<(usize, String, usize, usize)> = Vec::new();
        for i in 0..m[space]["n"].as_u64().unwrap() as usize {
            let bytes = files[space_path(&m, space, i).as_str()];
            let entries = decode_shard(bytes, space == "uni");
            for e in entries {
                all.push((bytes.len(), e.key, e.postings.len(), e.variants.len()));
            }
        }
        all.sort_by_key(|t| std::cmp::Reverse(t.2));
        eprintln!("{space}: {} terms", all.len());
        for t in all.iter().take(25) {
            eprintln!("  {:?}", t);
        }
        let df1 = all.iter().filter(|t| t.2 == 1).count();
        eprintln!("  df=1: {df1}");
    }
}

/// Texts whose analysis the JS client must reproduce exactly.
const ANALYSIS: &[&str] = &[
    "Đăng ký khai sinh",
    "ĐĂNG KÝ TẠM TRÚ",
    "Hòa bình, hoà bình; HOÀ BÌNH",
    "kỹ thuật, kĩ thuật, Kỹ Thuật",
    "thủy lợi thuỷ lợi Thủy Lợi",
    "quý quí Quý, lý lí, y tế, ý kiến, yêu cầu, uỷ ban",
    "Quyết định 15/QĐ-UBND ngày 1.2.2024. Số tiền 12.500.000 đồng!",
    "giấy tờ (bản sao) “hợp lệ” – nộp tại: bộ phận một cửa… xong",
    "Đất đai\nnhà ở\r\nkhác",
    "email: ubnd@hoabinh.gov.vn, https://example.org/a?b=c",
    "café naïve Ærø İstanbul ΣΊΣΥΦΟΣ",
    "dat dai dangw kys ddaats",
    "",
];

const TELEX: &[&str] = &[
    "ddaats", "dangw", "kys", "nguowif", "huwowngs", "thuj", "tucj", "hoaf", "quys", "ddoor", "xa", "dat", "sos", "w",
    "uw", "tieengs", "vieetj", "ddangw", "kyx", "Đất",
];

const SLUGS: &[&str] = &[
    "Cấp xã",
    "Đất đai",
    "Giáo dục và đào tạo",
    "Phòng Tài chính - Kế hoạch",
    "  Ổn định  ",
    "Thủy lợi",
];

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn entry_json(e: &Entry, unigram: bool) -> Value {
    let vars: Vec<Value> = e
        .variants
        .iter()
        .map(|v| {
            if unigram {
                Value::from(v.as_str())
            } else {
                Value::from(u32::from_str_radix(v, 16).unwrap())
            }
        })
        .collect();
    serde_json::json!({
        "df": e.postings.len(),
        "vars": vars,
        "other": e.other,
        "postings": e.postings.iter().map(|p| [p.0, u32::from(p.1), p.2]).collect::<Vec<_>>(),
    })
}

/// Everything the JS tests compare against.
fn vectors() -> Value {
    let analysis: Vec<Value> = ANALYSIS
        .iter()
        .map(|text| {
            let tokens: Vec<Value> = tokenize(text)
                .into_iter()
                .map(|t| serde_json::json!([t.raw, t.exact, t.folded, t.glued]))
                .collect();
            serde_json::json!({ "text": text, "tokens": tokens })
        })
        .collect();
    let telex: Vec<Value> = TELEX
        .iter()
        .map(|w| serde_json::json!([w, telex(&super::analyze::normalize(w))]))
        .collect();
    let slugs: Vec<Value> = SLUGS
        .iter()
        .map(|l| serde_json::json!([l, crate::text::slugify(l)]))
        .collect();
    let hashes: Vec<Value> = ["", "a", "dang ky", "đăng ki1", "sô3 đo3", "tam tru"]
        .iter()
        .map(|s| serde_json::json!([s, fnv1a32(s.as_bytes()), pair_signature(s)]))
        .collect();

    let docs = fixture();
    let index = build_index(&docs);
    let corpus = Corpus::build(&docs);
    let files: BTreeMap<&str, String> = index
        .files
        .iter()
        .map(|f| (f.path.as_str(), base64(&f.bytes)))
        .collect();
    let mut uni = serde_json::Map::new();
    for (_, e) in entries(&index, "uni") {
        uni.insert(e.key.clone(), entry_json(&e, true));
    }
    let mut pair = serde_json::Map::new();
    for (_, e) in entries(&index, "pair") {
        pair.insert(e.key.clone(), entry_json(&e, false));
    }
    let urls: Vec<&str> = corpus.order.iter().map(|&i| docs[i].url.as_str()).collect();
    let table = facet_rows(&docs, &corpus.order, &facet_labels(&docs));
    serde_json::json!({
        "about": "Written by `cargo test search::tests::vectors` (src/search/tests.rs); do not edit.",
        "analysis": analysis,
        "telex": telex,
        "slugs": slugs,
        "hashes": hashes,
        "fixture": {
            "manifest": index.manifest_path,
            "files": files,
            "urls": urls,
            "uni": uni,
            "pair": pair,
            "table": table,
        },
    })
}

/// Keeps `tests/js/vectors.json` in step with the analysis and the index format.
/// `MINHBACH_UPDATE_VECTORS=1 cargo test vectors` rewrites it after an intended change.
#[test]
fn vectors_file_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/js/vectors.json");
    let mut want = serde_json::to_string(&vectors()).unwrap();
    want.push('\n');
    if std::env::var_os("MINHBACH_UPDATE_VECTORS").is_some() {
        std::fs::write(path, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        have == want,
        "{path} is out of date: run `MINHBACH_UPDATE_VECTORS=1 cargo test vectors`, then `node --test tests/js/`"
    );
}

/// Writes a synthetic portal's index for `node tests/js/measure.cjs DIR`:
/// `MINHBACH_SEARCH_SITE=DIR MINHBACH_SEARCH_PAGES=10000 cargo test write_synthetic_index -- --ignored`.
#[test]
#[ignore = "writes files; for measurements"]
fn write_synthetic_index() {
    let dir = std::env::var("MINHBACH_SEARCH_SITE").unwrap_or_else(|_| "/tmp/minhbach-search".into());
    let pages = std::env::var("MINHBACH_SEARCH_PAGES").map_or(10_000, |n| n.parse().unwrap());
    let index = build_index(&portal(pages, 42));
    let root = std::path::Path::new(&dir);
    for f in &index.files {
        let path = root.join(&f.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &f.bytes).unwrap();
    }
    std::fs::write(root.join("manifest-path.txt"), &index.manifest_path).unwrap();
}
