#!/usr/bin/env node
// Measures minhbach's search and Pagefind side by side in headless Chromium, over one built site.
//
//   node bench/search/run.mjs --site OUT/portal --qrels SITE/qrels.json --port PORT --out result.json
//        [--reps 3] [--limit N] [--engines minhbach,pagefind]
//
// The site must have been built with --base-url http://127.0.0.1:PORT/portal/ and hold Pagefind's
// bundle in OUT/portal/pagefind/. It is served by tests/browser/lib/server.mjs (loopback, no
// compression, `Cache-Control: no-store`, so nothing is reused between page loads).
//
// Per query and engine, on a fresh page load each time (one Chromium, fresh profile):
//   warm: load the page and let the search bootstrap (minhbach: the real search page, its
//         manifest and facet table; Pagefind: a blank page of the same origin, `import
//         pagefind.js` and `await pagefind.init()`), wait for the network to be quiet, then
//         run the query and time it. minhbach: the query is typed into the page's search box and
//         submitted; "first" is when the first result is in `[data-search-results]`, "all" when
//         the 10 shown are. Pagefind: `await pagefind.search(q)` then `r.data()` for the top 10;
//         "first" is when the first result's data is in hand, "all" when the 10 are (Pagefind
//         renders nothing here, so it is spared the DOM work). Bytes and requests after the
//         query started count for the query.
//   cold: open `search/?q=...` (Pagefind: the blank page with the same four steps inline) and
//         time from navigation start to the results: what someone following a shared link waits.
// Bytes: the response body size of every request (Playwright `request.sizes().responseBodySize`;
// the server sends files as they are, so this is the file size), and the gzip size of the same
// file (node zlib, default level) for text files (html, css, js, json, txt), which is what a host
// serving gzip would send; binary files (minhbach's .bin shards, Pagefind's already-compressed
// .pf_* files and wasm) count as they are.
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { launch, firstPage, CHROMIUM } from '../../tests/browser/lib/browser.mjs';
import { startServer } from '../../tests/browser/lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]] : acc), []),
);
const SITE = path.resolve(args.site);
const QRELS = JSON.parse(readFileSync(args.qrels, 'utf8'));
const PORT = Number(args.port);
const REPS = Number(args.reps || 1);
const ENGINES = String(args.engines || 'minhbach,pagefind').split(',');
const PREFIX = '/portal/';
let queries = QRELS.queries;
if (args.limit) queries = queries.slice(0, Number(args.limit));
if (args.only) queries = queries.filter((q) => String(args.only).split(',').includes(q.id));

const log = (...m) => console.error(`[bench-search ${new Date().toISOString().slice(11, 19)}]`, ...m);

// ---------- files and sizes ----------
const gzCache = new Map();
function fileOf(url) {
  const u = new URL(url);
  if (!u.pathname.startsWith(PREFIX)) return null;
  let rel = decodeURIComponent(u.pathname.slice(PREFIX.length));
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  return path.join(SITE, rel);
}
const TEXT = /\.(html|css|js|mjs|json|txt|svg|xml)$/i;
function gzSize(file, raw) {
  if (!file) return raw;
  if (gzCache.has(file)) return gzCache.get(file);
  let v = raw;
  try {
    if (TEXT.test(file)) v = gzipSync(readFileSync(file)).length;
    else v = statSync(file).size;
  } catch {}
  gzCache.set(file, v);
  return v;
}
function category(url) {
  const p = new URL(url).pathname;
  if (p.includes('/pagefind/')) {
    if (/\.pf_fragment$/.test(p)) return 'fragment';
    if (/\.pf_index$/.test(p)) return 'index';
    if (/\.pf_meta$/.test(p) || /pagefind-entry\.json$/.test(p)) return 'bootstrap-index';
    if (/wasm|\.js$/.test(p)) return 'runtime';
    return 'other';
  }
  if (/\/search\/manifest\.[^/]+\.json$/.test(p) || /\/search\/t\.[^/]+\.bin$/.test(p)) return 'bootstrap-index';
  if (/\/search\/[up]\//.test(p)) return 'index';
  if (/\/search\/f\//.test(p)) return 'fragment';
  if (/\/search\/w\.[^/]+\.txt$/.test(p)) return 'index';
  if (/search\.[^/]*\.js$|search\.js$/.test(p)) return 'runtime';
  if (/\.(js|mjs)$/.test(p)) return 'page-js';
  if (/\.css$/.test(p)) return 'page-css';
  return 'page';
}

/** Records every request of a page: url, start order, body bytes, gzip bytes, category. */
function recorder(page) {
  const rec = { list: [], pending: 0, lastChange: Date.now() };
  page.on('request', () => {
    rec.pending++;
    rec.lastChange = Date.now();
  });
  const done = async (req, failed) => {
    let body = 0;
    if (!failed) {
      try {
        body = (await req.sizes()).responseBodySize;
      } catch {}
    }
    const url = req.url();
    const file = fileOf(url);
    if (body === 0 && file && !failed) {
      try {
        body = statSync(file).size;
      } catch {}
    }
    rec.list.push({ url, body, gz: failed ? 0 : gzSize(file, body), cat: category(url), failed, status: (await req.response().catch(() => null))?.status() ?? 0 });
    rec.pending--;
    rec.lastChange = Date.now();
  };
  page.on('requestfinished', (r) => done(r, false));
  page.on('requestfailed', (r) => done(r, true));
  rec.quiet = async (ms = 150, timeout = 15_000) => {
    const t0 = Date.now();
    for (;;) {
      if (rec.pending <= 0 && Date.now() - rec.lastChange >= ms) return;
      if (Date.now() - t0 > timeout) throw new Error(`network not quiet after ${timeout} ms (${rec.pending} pending)`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  rec.reset = () => {
    rec.list = [];
  };
  rec.sum = (from = 0, filter = () => true) => {
    const l = rec.list.slice(from).filter(filter);
    return { bytes: l.reduce((a, x) => a + x.body, 0), gz: l.reduce((a, x) => a + x.gz, 0), requests: l.length };
  };
  return rec;
}

// ---------- quality ----------
function normalize(u) {
  try {
    let p = new URL(u, `http://127.0.0.1:${PORT}/`).pathname;
    p = decodeURIComponent(p);
    if (p.startsWith(PREFIX)) p = p.slice(PREFIX.length);
    p = p.replace(/^\/+/, '').replace(/index\.html$/, '');
    if (p && !p.endsWith('/')) p += '/';
    return p;
  } catch {
    return u;
  }
}
function quality(urls, rel) {
  const grades = urls.slice(0, 10).map((u) => rel[normalize(u)] || 0);
  const first = grades.findIndex((g) => g >= 2);
  const rr = first < 0 ? 0 : 1 / (first + 1);
  const firstAny = grades.findIndex((g) => g >= 1);
  const firstAbout = grades.findIndex((g) => g >= 3);
  const dcg = grades.reduce((a, g, i) => a + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = Object.values(rel).sort((a, b) => b - a).slice(0, 10);
  const idcg = ideal.reduce((a, g, i) => a + (2 ** g - 1) / Math.log2(i + 2), 0);
  return { grades, rr, rrAny: firstAny < 0 ? 0 : 1 / (firstAny + 1), rrAbout: firstAbout < 0 ? 0 : 1 / (firstAbout + 1), ndcg: idcg ? dcg / idcg : 0 };
}

// ---------- engines ----------
const BLANK = (inline) =>
  `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title></head><body>${inline ? `<script type="module">${inline}</script>` : ''}</body></html>`;
const PF_COLD = `
const q = new URLSearchParams(location.search).get('q');
const pf = await import('${PREFIX}pagefind/pagefind.js');
await pf.init();
const s = await pf.search(q);
let first = s.results.length ? null : performance.now();
const data = await Promise.all(s.results.slice(0, 10).map((r, i) => r.data().then((d) => { if (i === 0) first = performance.now(); return d; })));
window.__done = { ms: first, total: s.results.length, urls: data.map((d) => d.url) };
`;

async function routeBlank(context) {
  await context.route(`**${PREFIX}__bench__/**`, (route) => {
    const u = new URL(route.request().url());
    const body = BLANK(u.pathname.endsWith('cold.html') ? PF_COLD : '');
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-store' }, body });
  });
}

async function minhbachWarm(page, rec, base, q) {
  rec.reset();
  await page.goto(`${base}search/`, { waitUntil: 'load' });
  await page.waitForFunction(() => /Nhập từ khóa/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), null, { timeout: 15_000 });
  await rec.quiet();
  const boot = rec.list.slice();
  const mark = rec.list.length;
  const r = await page.evaluate(
    (q) =>
      new Promise((resolve, reject) => {
        // first: the first result is in the DOM (or the empty list of a query with none);
        // all: as many results as the page shows (10, or fewer when fewer were found).
        const results = document.querySelector('[data-search-results]');
        const status = document.querySelector('[data-search-status]');
        const input = document.querySelector('main input[name=q]') || document.querySelector('input[name=q]');
        let t0 = 0;
        let first = null;
        const check = () => {
          const ol = results.querySelector('ol');
          if (!ol) return;
          const n = ol.querySelectorAll('li').length;
          const m = (status.textContent || '').replace(/\s+/g, ' ').match(/^([\d.]+) kết quả/);
          const want = m ? Math.min(10, Number(m[1].replace(/\./g, ''))) : 0;
          if (first === null && (n > 0 || want === 0)) first = performance.now() - t0;
          if (first !== null && n >= want) {
            obs.disconnect();
            resolve({ ms: first, allMs: performance.now() - t0 });
          }
        };
        const obs = new MutationObserver(check);
        obs.observe(results, { childList: true, subtree: true });
        setTimeout(() => reject(new Error('no results rendered within 20 s')), 20_000);
        input.value = q;
        t0 = performance.now();
        input.form.requestSubmit();
      }),
    q,
  );
  await rec.quiet();
  const out = await page.evaluate(() => {
    const status = (document.querySelector('[data-search-status]')?.textContent ?? '').replace(/\s+/g, ' ').trim();
    const links = [...document.querySelectorAll('[data-search-results] a')].map((a) => a.getAttribute('href'));
    const m = status.match(/^([\d.]+) kết quả/);
    return { status, urls: links.slice(0, 10), total: m ? Number(m[1].replace(/\./g, '')) : links.length, url: location.href };
  });
  return { ...r, ...out, boot, query: rec.list.slice(mark) };
}

async function minhbachCold(page, rec, base, q) {
  rec.reset();
  await page.goto(`${base}search/?q=${encodeURIComponent(q)}`, { waitUntil: 'commit' });
  const h = await page.waitForFunction(
    () => {
      const ol = document.querySelector('[data-search-results] ol');
      if (!ol) return 0;
      const empty = /^Không có kết quả/.test((document.querySelector('[data-search-status]')?.textContent ?? '').trim());
      return ol.querySelector('li') || empty ? performance.now() : 0;
    },
    null,
    { timeout: 20_000, polling: 'raf' },
  );
  const ms = await h.jsonValue();
  await rec.quiet();
  await page.waitForFunction(() => {
    const m = (document.querySelector('[data-search-status]')?.textContent ?? '').replace(/\s+/g, ' ').match(/^([\d.]+) kết quả/);
    const want = m ? Math.min(10, Number(m[1].replace(/\./g, ''))) : 0;
    return document.querySelectorAll('[data-search-results] li').length >= want;
  }, null, { timeout: 20_000 });
  const urls = await page.$$eval('[data-search-results] a', (as) => as.slice(0, 10).map((a) => a.getAttribute('href')));
  return { ms, urls, all: rec.list.slice() };
}

async function pagefindWarm(page, rec, base, q) {
  rec.reset();
  await page.goto(`${base}__bench__/blank.html`, { waitUntil: 'load' });
  await page.evaluate(async (prefix) => {
    window.pf = await import(`${prefix}pagefind/pagefind.js`);
    await window.pf.init();
  }, PREFIX);
  await rec.quiet();
  const boot = rec.list.slice();
  const mark = rec.list.length;
  const r = await page.evaluate(async (q) => {
    // first: the data of the first result is in hand (or the search said there is none);
    // all: the data of the top 10.
    const t0 = performance.now();
    const s = await window.pf.search(q);
    let first = s.results.length ? null : performance.now() - t0;
    const data = await Promise.all(
      s.results.slice(0, 10).map((x, i) =>
        x.data().then((d) => {
          if (i === 0) first = performance.now() - t0;
          return d;
        }),
      ),
    );
    return { ms: first, allMs: performance.now() - t0, total: s.results.length, urls: data.map((d) => d.url), titles: data.map((d) => d.meta?.title) };
  }, q);
  await rec.quiet();
  return { ...r, boot, query: rec.list.slice(mark) };
}

async function pagefindCold(page, rec, base, q) {
  rec.reset();
  await page.goto(`${base}__bench__/cold.html?q=${encodeURIComponent(q)}`, { waitUntil: 'commit' });
  const h = await page.waitForFunction(() => window.__done || null, null, { timeout: 20_000, polling: 'raf' });
  const v = await h.jsonValue();
  await rec.quiet();
  return { ms: v.ms, urls: v.urls, all: rec.list.slice() };
}

const median = (a) => {
  const s = [...a].sort((x, y) => x - y);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const ENGINE = {
  minhbach: { warm: minhbachWarm, cold: minhbachCold },
  pagefind: { warm: pagefindWarm, cold: pagefindCold },
};

function sumOf(list, cats) {
  const l = list.filter((x) => !cats || cats.includes(x.cat));
  return { bytes: l.reduce((a, x) => a + x.body, 0), gz: l.reduce((a, x) => a + x.gz, 0), requests: l.length };
}

async function main() {
  const server = await startServer({ root: SITE, prefix: PREFIX, port: PORT });
  const base = server.baseUrl;
  log(`serving ${SITE} at ${base}; ${queries.length} queries, engines ${ENGINES.join(', ')}, ${REPS} rep(s)`);
  const context = await launch();
  await routeBlank(context);
  const page = await firstPage(context);
  page.setDefaultTimeout(20_000);
  const rec = recorder(page);
  let browserVersion = null;
  try {
    browserVersion = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {}
  const out = { meta: {}, queries: [] };
  const errors = [];
  try {
    // Warm up the browser and the OS file cache once per engine (not measured).
    for (const e of ENGINES) await ENGINE[e].warm(page, rec, base, 'khởi động').catch((err) => log('warm-up', e, err.message));
    for (const [qi, q] of queries.entries()) {
      const row = { id: q.id, q: q.q, class: q.class, phrase: q.phrase, relevant: Object.keys(q.relevant).length, engines: {} };
      // Alternate which engine goes first, so that drifts in machine load hit both alike.
      const order = qi % 2 ? [...ENGINES].reverse() : ENGINES;
      for (const e of order) {
        const reps = [];
        let cold = null;
        try {
          for (let k = 0; k < REPS; k++) reps.push(await ENGINE[e].warm(page, rec, base, q.q));
          cold = await ENGINE[e].cold(page, rec, base, q.q);
        } catch (err) {
          errors.push(`${e} ${q.id} "${q.q}": ${err.message}`);
          log('ERROR', e, q.id, err.message);
          row.engines[e] = { error: err.message };
          continue;
        }
        const r = reps[0];
        const qual = quality(r.urls, q.relevant);
        const per = sumOf(r.query);
        row.engines[e] = {
          total: r.total,
          zero: r.total === 0,
          top: r.urls.map(normalize),
          grades: qual.grades,
          rr: qual.rr,
          rrAny: qual.rrAny,
          rrAbout: qual.rrAbout,
          ndcg: qual.ndcg,
          status: r.status,
          warmMs: median(reps.map((x) => x.ms)),
          warmAllMs: median(reps.map((x) => x.allMs)),
          warmMsAll: reps.map((x) => Math.round(x.ms * 10) / 10),
          coldMs: cold.ms,
          coldSame: JSON.stringify(cold.urls.map(normalize)) === JSON.stringify(r.urls.map(normalize)),
          query: per,
          queryIndex: sumOf(r.query, ['index']),
          queryFragments: sumOf(r.query, ['fragment']),
          boot: {
            all: sumOf(r.boot),
            page: sumOf(r.boot, ['page', 'page-css', 'page-js']),
            runtime: sumOf(r.boot, ['runtime']),
            index: sumOf(r.boot, ['bootstrap-index']),
          },
          cold: sumOf(cold.all),
          files: r.query.map((x) => [new URL(x.url).pathname.replace(PREFIX, ''), x.body]),
          bootFiles: r.boot.map((x) => [new URL(x.url).pathname.replace(PREFIX, ''), x.body, x.cat]),
        };
      }
      const m = row.engines.minhbach;
      const p = row.engines.pagefind;
      const f = (x) => (x && !x.error ? `${String(x.total).padStart(5)} res rr ${x.rr.toFixed(2)} ndcg ${x.ndcg.toFixed(2)} ${String(Math.round(x.query.bytes / 1024)).padStart(4)} KB ${String(x.query.requests).padStart(3)} req ${x.warmMs.toFixed(0).padStart(4)} ms` : 'error');
      log(`${q.id} ${q.q.padEnd(34)} mb: ${f(m)} | pf: ${f(p)}`);
      out.queries.push(row);
    }
  } finally {
    await context.close();
    await server.close();
  }
  out.meta = {
    site: SITE,
    pages: QRELS.meta.pages,
    seed: QRELS.meta.seed,
    reps: REPS,
    chromium: { path: CHROMIUM, version: browserVersion },
    node: process.version,
    machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30 * 10) / 10, load: os.loadavg() },
    date: new Date().toISOString(),
    errors,
  };
  writeFileSync(args.out, JSON.stringify(out, null, 1) + '\n');
  log(`wrote ${args.out}${errors.length ? ` (${errors.length} errors)` : ''}`);
  if (errors.length) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
