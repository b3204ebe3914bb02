#!/usr/bin/env python3
"""Markdown report of a scripts/bench-search run.

    python3 bench/search/report.py bench/search/work/bench-search-<stamp>.json --out bench/search/results.md

Every figure comes from the raw JSON; `bench/search/analysis.md`, when present, is appended as
the explanation of the figures (it is written by hand after looking at a run).
"""
from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLASSES = ["diacritics", "no-diacritics", "telex-typo", "colloquial"]
CLASS_NAME = {"diacritics": "with diacritics", "no-diacritics": "without diacritics",
              "telex-typo": "Telex leftovers, typos", "colloquial": "colloquial names, abbreviations",
              "phrase": "phrase queries (subset)", "all": "all queries"}
ENGINES = ["minhbach", "pagefind"]
TARGET_QUERY_INDEX = 25 * 1024
TARGET_MANIFEST = 20 * 1024
TARGET_RUNTIME_GZ = 15 * 1024
TARGET_MS = 100


def kb(b) -> str:
    return "–" if b is None else f"{b / 1024:.1f} KB"


def ms(x) -> str:
    return "–" if x is None else f"{x:.0f} ms"


def med(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def pct(xs, p):
    xs = sorted(x for x in xs if x is not None)
    if not xs:
        return None
    k = min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))
    return xs[k]


def mean(xs):
    xs = list(xs)
    return sum(xs) / len(xs) if xs else None


def rows_of(run, cls=None):
    out = []
    for q in run["queries"]:
        if cls == "phrase" and not q["phrase"]:
            continue
        if cls not in (None, "all", "phrase") and q["class"] != cls:
            continue
        out.append(q)
    return out


def eng(q, e):
    return q["engines"].get(e) or {}


def stat(run, e, cls=None):
    qs = [eng(q, e) for q in rows_of(run, cls)]
    qs = [x for x in qs if x and "error" not in x]
    if not qs:
        return None
    return {
        "n": len(qs),
        "mrr": mean(x["rr"] for x in qs),
        "mrr3": mean(x.get("rrAbout", 0) for x in qs),
        "ndcg": mean(x["ndcg"] for x in qs),
        "zero": mean(1.0 if x["zero"] else 0.0 for x in qs),
        "idx_med": med([x["queryIndex"]["bytes"] for x in qs]),
        "idx_max": max(x["queryIndex"]["bytes"] for x in qs),
        "all_med": med([x["query"]["bytes"] for x in qs]),
        "all_max": max(x["query"]["bytes"] for x in qs),
        "all_gz_med": med([x["query"]["gz"] for x in qs]),
        "req_med": med([x["query"]["requests"] for x in qs]),
        "req_max": max(x["query"]["requests"] for x in qs),
        "warm_med": med([x["warmMs"] for x in qs]),
        "warm_p95": pct([x["warmMs"] for x in qs], 95),
        "warm_max": max(x["warmMs"] for x in qs),
        "all_ms_med": med([x.get("warmAllMs") for x in qs]),
        "all_ms_p95": pct([x.get("warmAllMs") for x in qs], 95),
        "cold_med": med([x["coldMs"] for x in qs]),
        "boot": med([x["boot"]["all"]["bytes"] for x in qs]),
        "boot_gz": med([x["boot"]["all"]["gz"] for x in qs]),
        "boot_page": med([x["boot"]["page"]["bytes"] for x in qs]),
        "boot_page_gz": med([x["boot"]["page"]["gz"] for x in qs]),
        "boot_runtime": med([x["boot"]["runtime"]["bytes"] for x in qs]),
        "boot_runtime_gz": med([x["boot"]["runtime"]["gz"] for x in qs]),
        "boot_index": med([x["boot"]["index"]["bytes"] for x in qs]),
        "boot_index_gz": med([x["boot"]["index"]["gz"] for x in qs]),
        "boot_req": med([x["boot"]["all"]["requests"] for x in qs]),
        "total_med": med([x["total"] for x in qs]),
    }


def fmt_pages(n):
    return f"{n:,}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw")
    ap.add_argument("--out", required=True)
    opts = ap.parse_args()
    b = json.loads(Path(opts.raw).read_text())
    runs = sorted(b["runs"], key=lambda r: r["meta"]["pages"])
    L = []
    w = L.append
    m = b["machine"]
    v = b["versions"]
    chromium = runs[0]["meta"]["chromium"]["version"]
    w("# Search benchmark: minhbach against Pagefind")
    w("")
    w(f"Run {b['started']} with `{b['command']}` on {m['cpus']} CPUs ({m['model']}), {m['mem_gib']} GiB RAM, "
      f"Linux {m['kernel']}; load average {m['load_start'][0]:.1f} at the start and {m['load_end'][0]:.1f} at the end "
      "(the machine is shared with other jobs, so times are inflated and noisy; bytes and quality are exact).")
    w("")
    w(f"Versions: {v['minhbach']}; {v['pagefind']}; {chromium} (headless, `--headless --no-sandbox --disable-gpu "
      f"--disable-background-networking`, fresh profile) through playwright-core {v['playwright-core']}; node {v['node']}.")
    w("")
    sizes = " and ".join(fmt_pages(r["meta"]["pages"]) for r in runs)
    w(f"Portal: `bench/search/gen.py` (seed {runs[0]['meta']['seed']}), {sizes} items of a synthetic district portal "
      "(news, a procedure catalog in CSV with fields, levels and agencies, documents, inspection conclusions, "
      "complaint decisions, procurement, budget and statistics tables) with planted relevance: "
      f"{len(runs[0]['queries'])} Vietnamese queries in 4 classes, graded 3 (about the topic), 2 (a substantial part), "
      "1 (mentioned in passing). Both engines index the same item pages of the same build (Pagefind: the `<main>` "
      "of each item page, without the related-news lists).")
    w("")

    # ---------------- side by side ----------------
    w("## Side by side")
    w("")
    head = "| |" + "".join(f" minhbach {fmt_pages(r['meta']['pages'])} | Pagefind {fmt_pages(r['meta']['pages'])} |" for r in runs)
    w(head)
    w("|---|" + "---:|---:|" * len(runs))
    S = [{e: stat(r, e) for e in ENGINES} for r in runs]
    Z = [r["sizes"] for r in runs]

    def line(label, f):
        cells = []
        for i, r in enumerate(runs):
            for e in ENGINES:
                try:
                    cells.append(f(S[i][e], Z[i][e], r, e))
                except (TypeError, KeyError):
                    cells.append("–")
        w(f"| {label} | " + " | ".join(cells) + " |")

    line("**Before the first search** (page + runtime + index bootstrap), as served / gzip",
         lambda s, z, r, e: f"{kb(s['boot'])} / {kb(s['boot_gz'])} in {s['boot_req']:.0f} req.")
    line("– the page itself (HTML, CSS, other JS; Pagefind: a blank page)", lambda s, z, r, e: f"{kb(s['boot_page'])} / {kb(s['boot_page_gz'])}")
    line("– search runtime (minhbach `search.js`; Pagefind JS + worker + WASM), as served / gzip",
         lambda s, z, r, e: f"{kb(s['boot_runtime'])} / {kb(s['boot_runtime_gz'])}")
    line("– index bootstrap (manifest + facet table; Pagefind entry + meta)", lambda s, z, r, e: f"{kb(s['boot_index'])}")
    line("**Per query: index** (shards, vocabulary; Pagefind index chunks), median / max",
         lambda s, z, r, e: f"{kb(s['idx_med'])} / {kb(s['idx_max'])}")
    line("Per query: everything (index + result fragments), median / max", lambda s, z, r, e: f"{kb(s['all_med'])} / {kb(s['all_max'])}")
    line("Per query: requests, median / max", lambda s, z, r, e: f"{s['req_med']:.0f} / {s['req_max']}")
    line("**First results after the query** (index ready), median / p95", lambda s, z, r, e: f"{ms(s['warm_med'])} / {ms(s['warm_p95'])}")
    line("Top 10 results after the query, median / p95", lambda s, z, r, e: f"{ms(s['all_ms_med'])} / {ms(s['all_ms_p95'])}")
    line("Shared link: navigation to first results, median", lambda s, z, r, e: ms(s["cold_med"]))
    line("**MRR@10**, all queries", lambda s, z, r, e: f"{s['mrr']:.3f}")
    line("MRR@10 counting only pages about the topic (grade 3)", lambda s, z, r, e: f"{s['mrr3']:.3f}")
    line("**nDCG@10**, all queries", lambda s, z, r, e: f"{s['ndcg']:.3f}")
    line("**Zero-result rate**, all queries", lambda s, z, r, e: f"{s['zero']:.1%}")
    line("Results per query, median", lambda s, z, r, e: f"{s['total_med']:,.0f}")
    line("Index on disk: size, files", lambda s, z, r, e: f"{z['total'] / 2**20:.1f} MB, {z['files']:,}")
    line("Indexing time (minhbach: the whole build)",
         lambda s, z, r, e: f"{r['build']['minhbach_build_s' if e == 'minhbach' else 'pagefind_s']:.1f} s")
    w("")

    # ---------------- by class ----------------
    w("## Quality by query class")
    w("")
    w("MRR@10: reciprocal rank of the first result graded ≥ 2 (0 when none in the top 10); MRR@10 (grade 3): the "
      "same counting only pages about the topic. nDCG@10: gain 2^grade − 1, ideal = the best 10 graded pages. "
      "Zero-result rate: share of queries with no result at all.")
    w("")
    for i, r in enumerate(runs):
        w(f"### {fmt_pages(r['meta']['pages'])} pages")
        w("")
        w("| class | queries | MRR@10 minhbach | MRR@10 Pagefind | MRR@10 (grade 3) minhbach | Pagefind | nDCG@10 minhbach | nDCG@10 Pagefind | zero results minhbach | zero results Pagefind | index KB/query minhbach (median) | Pagefind | first results minhbach (median) | Pagefind |")
        w("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for c in CLASSES + ["phrase", "all"]:
            a, p = stat(r, "minhbach", c), stat(r, "pagefind", c)
            if not a or not p:
                continue
            bold = lambda x, y: f"**{x:.3f}**" if x > y + 1e-9 else f"{x:.3f}"
            w(f"| {CLASS_NAME[c]} | {a['n']} | {bold(a['mrr'], p['mrr'])} | {bold(p['mrr'], a['mrr'])} | {bold(a['mrr3'], p['mrr3'])} | {bold(p['mrr3'], a['mrr3'])} | {bold(a['ndcg'], p['ndcg'])} | "
              f"{bold(p['ndcg'], a['ndcg'])} | {a['zero']:.0%} | {p['zero']:.0%} | {a['idx_med'] / 1024:.1f} | {p['idx_med'] / 1024:.1f} | "
              f"{ms(a['warm_med'])} | {ms(p['warm_med'])} |")
        w("")

    # ---------------- targets ----------------
    big = runs[-1]
    s = S[-1]["minhbach"]
    p = S[-1]["pagefind"]
    z = Z[-1]["minhbach"]
    w(f"## Targets of issue 4 at {fmt_pages(big['meta']['pages'])} pages")
    w("")
    w("| target | measured | |")
    w("|---|---|---|")

    def verdict(ok, miss):
        return "met" if ok else f"**missed** {miss}"

    miss_idx = "by " + kb(s["idx_max"] - TARGET_QUERY_INDEX) + " on the worst query"
    w(f"| ≤ 25 KB of index per query | median {kb(s['idx_med'])}, max {kb(s['idx_max'])} (with the 10 result fragments: "
      f"median {kb(s['all_med'])}, max {kb(s['all_max'])}) | {verdict(s['idx_max'] <= TARGET_QUERY_INDEX, miss_idx)} |")
    miss_man = "by " + kb(z["manifest"] - TARGET_MANIFEST)
    w(f"| ≤ 20 KB manifest | {kb(z['manifest'])} ({kb(z['manifest_gz'])} gzip); with the facet table fetched alongside: "
      f"{kb(z['manifest'] + z['table'])} | {verdict(z['manifest'] <= TARGET_MANIFEST, miss_man)} |")
    miss_rt = "by " + kb(z["runtime_gz"] - TARGET_RUNTIME_GZ)
    w(f"| ≤ 15 KB gz runtime | `search.js` {kb(z['runtime_gz'])} gzip ({kb(z['runtime'])} as served) | "
      f"{verdict(z['runtime_gz'] <= TARGET_RUNTIME_GZ, miss_rt)} |")
    over = [q for q in big["queries"] if eng(q, "minhbach").get("warmMs", 0) > TARGET_MS]
    miss_ms = f"at p95 by {s['warm_p95'] - TARGET_MS:.0f} ms" + ("" if s["warm_med"] <= TARGET_MS else f", median by {s['warm_med'] - TARGET_MS:.0f} ms")
    w(f"| first results ≤ 100 ms after the query (p95) | median {ms(s['warm_med'])}, p95 {ms(s['warm_p95'])}, max {ms(s['warm_max'])}; "
      f"{len(over)} of {len(big['queries'])} queries over 100 ms (Pagefind: median {ms(p['warm_med'])}, p95 {ms(p['warm_p95'])}) | "
      f"{verdict(s['warm_p95'] <= TARGET_MS, miss_ms)} |")
    nd, ndp = stat(big, "minhbach", "no-diacritics"), stat(big, "pagefind", "no-diacritics")
    if nd and ndp:
        w(f"| zero-result rate 0 on queries without diacritics | {nd['zero']:.0%} of {nd['n']} (Pagefind {ndp['zero']:.0%}) | "
          f"{verdict(nd['zero'] == 0, '')} |")
    cls_rows = []
    all_better = True
    for c in CLASSES:
        a, b_ = stat(big, "minhbach", c), stat(big, "pagefind", c)
        if not a or not b_:
            continue
        better = a["mrr"] > b_["mrr"] + 1e-9
        tie = abs(a["mrr"] - b_["mrr"]) <= 1e-9
        all_better &= better
        cls_rows.append(f"{CLASS_NAME[c]} {a['mrr']:.3f} vs {b_['mrr']:.3f}{' (tie)' if tie else ''}")
    w(f"| better MRR@10 than Pagefind on every query class | {'; '.join(cls_rows)} | "
      f"{'met' if all_better else '**missed** on the classes marked tie or lower'} |")
    w("")

    # ---------------- per query ----------------
    for r in runs[::-1]:
        w(f"## Per query, {fmt_pages(r['meta']['pages'])} pages")
        w("")
        w("Relevant: pages graded 3/2/1. Phrase/words: pages holding the intended phrase / all its words apart "
          "(folded). Results: how many each engine returned; RR and nDCG@10; KB: index + fragments of the query; "
          "ms: first results after the query (median of the timed runs).")
        w("")
        w("| id | query | class | relevant | phrase / words | minhbach results | RR | nDCG | KB | ms | Pagefind results | RR | nDCG | KB | ms |")
        w("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        st = r.get("qrels_stats", {})
        for q in r["queries"]:
            a, p_ = eng(q, "minhbach"), eng(q, "pagefind")
            s_ = st.get(q["id"], {})
            rel = f"{s_.get('grade3', '?')}/{s_.get('grade2', '?')}/{s_.get('grade1', '?')}"
            pw = f"{s_.get('pages_with_phrase', '?')} / {s_.get('pages_with_words', '?')}"

            def cells(x):
                if not x or "error" in x:
                    return "error | | | | "
                return f"{x['total']:,} | {x['rr']:.2f} | {x['ndcg']:.2f} | {x['query']['bytes'] / 1024:.1f} | {x['warmMs']:.0f}"

            w(f"| {q['id']} | {q['q']} | {q['class']} | {rel} | {pw} | {cells(a)} | {cells(p_)} |")
        w("")

    notes = HERE / "analysis.md"
    if notes.exists():
        w(notes.read_text().rstrip())
        w("")
    w("## Method")
    w("")
    w("- One Chromium, one fresh profile, every measurement on a fresh page load; the test server sends "
      "`Cache-Control: no-store`, so nothing is reused between loads. Engines alternate which goes first per query.")
    w("- **First results after the query** (the issue's \"first results\"): minhbach — the real search page "
      "`/portal/search/` is loaded and its manifest and facet table fetched, then the query is typed into its "
      "search box and submitted; time from the submit to the first result in `[data-search-results]` (the page "
      "shows results in rank order as their fragments arrive); \"top 10\" is when all 10 are shown. Pagefind — "
      "a blank page of the same origin imports `pagefind.js` and runs `await pagefind.init()`; time from "
      "`pagefind.search(q)` to the `data()` of the first result, and of the top 10 (no rendering). Median of the "
      "timed runs per query.")
    w("- **Shared link**: minhbach `search/?q=...`; Pagefind the blank page doing import, init, search and "
      "`data()` inline; from navigation start to the same point.")
    w("- **Bytes**: the response body of each request (`request.sizes()`; files are served as they are, so this "
      "is the file size). gzip figures are node zlib level 6 of the same text files (HTML, CSS, JS, JSON); binary "
      "files (minhbach `.bin`, Pagefind `.pf_*` and WASM, already compressed) count as they are. Per query = "
      "every request after the query started.")
    w("- **Quality**: the top 10 links (`[data-search-results] a`; Pagefind `data().url`) against "
      "`qrels.json` written by the generator.")
    w("- Pagefind runs with `--root-selector main --exclude-selectors .news-nav --exclude-selectors .back-link` over "
      "the item pages only (`--glob '{sections}/*-[0-9]*/index.html'`), so it sees the same pages and text as "
      "minhbach's index; its default UI files are written but not loaded.")
    Path(opts.out).write_text("\n".join(L) + "\n")


if __name__ == "__main__":
    main()
