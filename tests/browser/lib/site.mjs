// The site under test: where it is, how it is built and served, and which pages it has.
//
// Two ways in:
//   1. Through the runner (`node tests/browser/run.mjs`): it starts the server, builds the
//      site with the server's port in the base URL, and passes BASE_URL and SITE_DIR to the
//      test processes. `prepareSite()` then only reads those.
//   2. A test file run on its own (`node --test tests/browser/print.test.mjs`): with no
//      BASE_URL set, `prepareSite()` starts its own server and builds the portal itself
//      (or serves SITE_DIR as it is, when only SITE_DIR is set).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BROWSER_DIR = path.resolve(HERE, '..');
export const REPO_ROOT = path.resolve(BROWSER_DIR, '..', '..');
export const ARTEFACTS_DIR = process.env.ARTEFACTS_DIR
  ? path.resolve(process.env.ARTEFACTS_DIR)
  : path.join(BROWSER_DIR, 'artefacts');
export const URL_PREFIX = '/portal/';

/** Section folders of the bundled portal, by what they hold. */
export const SECTIONS = {
  'tin-tuc': 'news',
  'thu-tuc-hanh-chinh': 'procedures',
  'van-ban': 'documents',
  'cong-khai-ngan-sach': 'budget',
  'thanh-tra': 'inspections',
  'khieu-nai-to-cao': 'complaints',
  'du-an-dau-thau': 'procurement',
  'thong-ke': 'statistics',
  'gioi-thieu': 'pages',
};
export const PROCEDURES_SECTION = 'thu-tuc-hanh-chinh';

/** Run `cargo run --release -- build` for the bundled portal into `outDir`. */
export function buildSite({ outDir, baseUrl, repoRoot = REPO_ROOT, quiet = false }) {
  const args = ['run', '--release', '--', 'build', '--site', '.', '--output', outDir, '--base-url', baseUrl];
  if (quiet) args.push('--quiet');
  mkdirSync(path.dirname(outDir), { recursive: true });
  console.error(`[browser] building the portal: cargo ${args.join(' ')}`);
  return new Promise((resolve, reject) => {
    // stdout goes to stderr so that it never mixes with a test reporter's stdout.
    const child = spawn('cargo', args, { cwd: repoRoot, stdio: ['ignore', process.stderr, process.stderr] });
    child.on('error', (err) => reject(new Error(`could not start cargo: ${err.message}`)));
    child.on('exit', (code, signal) => {
      if (code === 0 && existsSync(path.join(outDir, 'index.html'))) resolve(outDir);
      else if (code === 0) reject(new Error(`minhbach build exited 0 but wrote no ${path.join(outDir, 'index.html')}`));
      else reject(new Error(`minhbach build failed (exit ${code ?? signal}); see its messages above`));
    });
  });
}

/**
 * Resolve the site under test. Returns { baseUrl, siteDir, close() }.
 */
export async function prepareSite() {
  if (process.env.BASE_URL && process.env.SITE_DIR) {
    const baseUrl = process.env.BASE_URL.endsWith('/') ? process.env.BASE_URL : process.env.BASE_URL + '/';
    return { baseUrl, siteDir: path.resolve(process.env.SITE_DIR), close: async () => {} };
  }
  if (process.env.SITE_DIR) {
    const siteDir = path.resolve(process.env.SITE_DIR);
    const server = await startServer({ root: siteDir, prefix: URL_PREFIX });
    return { baseUrl: server.baseUrl, siteDir, close: () => server.close() };
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'minhbach-browser-'));
  const siteDir = path.join(scratch, 'site', 'portal');
  const server = await startServer({ root: siteDir, prefix: URL_PREFIX });
  try {
    await buildSite({ outDir: siteDir, baseUrl: server.baseUrl });
  } catch (err) {
    await server.close();
    rmSync(scratch, { recursive: true, force: true });
    throw err;
  }
  return {
    baseUrl: server.baseUrl,
    siteDir,
    close: async () => {
      await server.close();
      if (!process.env.KEEP_SITE) rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Every .html file under `siteDir`, as sorted POSIX paths relative to it. */
export function listHtml(siteDir) {
  const out = [];
  const walk = (dir, rel) => {
    for (const ent of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, ent.name);
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(p, r);
      else if (ent.isFile() && /\.html?$/i.test(ent.name)) out.push(r);
    }
  };
  walk(siteDir, '');
  return out.sort();
}

/** The URL a file is served at: `a/b/index.html` -> `<base>a/b/`. */
export function urlOf(baseUrl, rel) {
  const p = rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel;
  return baseUrl + p.split('/').map(encodeURIComponent).join('/');
}

const PAGE_TYPE_ATTR = /<(?:html|body)\b[^>]*\sdata-page-type\s*=\s*["']?([\w:-]+)/i;

/**
 * The page type of a page, from its path (see docs/testing.md), refined by a
 * `data-page-type` attribute on <html> or <body> when the theme writes one.
 * Returns null for pages that are not a type of their own (list pagination).
 */
export function classify(rel, html, hasChildren) {
  if (rel === '404.html') return '404';
  if (!rel.endsWith('index.html')) return `other:${rel}`;
  const segs = rel.split('/').slice(0, -1);
  let lang = '';
  if (segs.length && /^[a-z]{2}$/.test(segs[0])) lang = segs.shift() + '/';
  // Paginated lists (`.../page/2/`, `.../trang/2/`) look like their first page.
  if (segs.some((s, i) => i > 0 && /^\d+$/.test(s) && /^(page|trang|p)$/.test(segs[i - 1]))) return null;
  let key;
  if (segs.length === 0) key = 'home';
  else if (segs[0] === 'search' || segs[0] === 'tim-kiem') key = 'search';
  else if (segs[0] === 'tags' || segs[0] === 'the') key = segs.length === 1 ? 'tags' : 'tag';
  else if (segs.length === 1) key = `${segs[0]}/`;
  else if (segs[1] === 'chuyen-muc' || segs[1] === 'categories') key = segs.length === 2 ? `${segs[0]}/chuyen-muc/` : `${segs[0]}/chuyen-muc/*`;
  else key = `${segs[0]}/${'*/'.repeat(segs.length - 2)}${hasChildren ? '*/' : '*'}`;
  const m = html.match(PAGE_TYPE_ATTR);
  return lang + key + (m ? ` [${m[1]}]` : '');
}

/**
 * Every page of the site with its type: [{ rel, file, url, size, key }].
 */
export function discoverPages({ siteDir, baseUrl }) {
  const rels = listHtml(siteDir);
  const dirs = new Set();
  for (const r of rels) {
    const parts = r.split('/');
    for (let i = 1; i < parts.length - 1; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return rels.map((rel) => {
    const file = path.join(siteDir, rel);
    const html = readFileSync(file, 'utf8');
    const dir = rel.split('/').slice(0, -1).join('/');
    const key = classify(rel, html, dirs.has(dir));
    return { rel, file, url: urlOf(baseUrl, rel), size: statSync(file).size, key, html };
  });
}

/**
 * One page of every page type: the largest HTML file of its type (the worst case
 * for weight, printing and accessibility). The 404 type is loaded from a path that
 * does not exist, so the server's 404 handling is exercised as a real visitor sees it;
 * the search type is loaded with a query.
 */
export function pageTypes(site) {
  const best = new Map();
  for (const p of discoverPages(site)) {
    if (!p.key || p.key.startsWith('other:')) continue;
    const cur = best.get(p.key);
    if (!cur || p.size > cur.size) best.set(p.key, p);
  }
  const types = [...best.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, p]) => ({ key, ...p }));
  for (const t of types) {
    if (t.key === '404') t.url = site.baseUrl + 'trang-khong-ton-tai/';
    if (t.key.startsWith('search')) t.url = t.url + '?q=' + encodeURIComponent('đăng ký khai sinh');
  }
  return types;
}

/**
 * Procedure pages: pages under the procedures section that carry JSON-LD
 * `GovernmentService` (the contract of issue 3). When no page does yet, fall back
 * to the leaf pages directly under the section.
 */
export function procedurePages(site, pages = discoverPages(site)) {
  const under = pages.filter((p) => p.rel.startsWith(PROCEDURES_SECTION + '/') && p.rel.endsWith('index.html'));
  const ld = under.filter((p) => /"@type"\s*:\s*"GovernmentService"/.test(p.html));
  if (ld.length) return { pages: ld, how: 'JSON-LD GovernmentService' };
  return { pages: under.filter((p) => p.key === `${PROCEDURES_SECTION}/*`), how: 'heuristic: leaf pages directly under the section' };
}

/** A file-system-safe name for a page type. */
export function slugKey(key) {
  return key.replace(/\*/g, 'x').replace(/[^a-zA-Z0-9-]+/g, '_').replace(/^_+|_+$/g, '') || 'home';
}
