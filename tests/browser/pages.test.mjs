// Checks on one page of every page type of the built portal, in headless Chromium:
//   b. axe-core: 0 violations for WCAG 2.0/2.1 A and AA rules;
//   c. full-page screenshots at 375×800 and 1280×900 into artefacts/ (and no sideways
//      scrolling at 320 px);
//   e. page weight: gzip(HTML) + gzip(each CSS and JS file it loads) ≤ 50 KB;
//   f. no third-party request, every subresource loads, no JavaScript error.
// Page types come from the built files (lib/site.mjs: pageTypes), not from a fixed list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import { launch, firstPage } from './lib/browser.mjs';
import { ARTEFACTS_DIR, pageTypes, prepareSite, slugKey } from './lib/site.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
export const WEIGHT_BUDGET = 50_000; // bytes of gzip, HTML + CSS + JS, images excluded

let site;
let types;
let context;
let page;
const seen = []; // every request any page of this file made: { url, from }

before(async () => {
  site = await prepareSite();
  types = pageTypes(site);
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  writeFileSync(
    path.join(ARTEFACTS_DIR, 'page-types.json'),
    JSON.stringify(types.map(({ key, rel, url, size }) => ({ key, rel, url, size })), null, 2),
  );
  context = await launch();
  context.on('request', (r) => seen.push({ url: r.url(), from: r.frame()?.url?.() ?? '' }));
  page = await firstPage(context);
});
after(async () => {
  await context?.close();
  await site?.close();
});

test('page types found', (t) => {
  t.diagnostic(`${types.length} page types: ${types.map((x) => x.key).join(', ')}`);
  for (const want of ['home', '404']) assert.ok(types.some((x) => x.key.startsWith(want)), `no ${want} page in ${site.siteDir}`);
  assert.ok(types.length >= 3, 'fewer than 3 page types');
});

/** Wait until no request of the page has been in flight for `quiet` ms (max `max` ms). */
async function settle(p, inflight, { quiet = 150, max = 5_000 } = {}) {
  const t0 = Date.now();
  let idleSince = Date.now();
  while (Date.now() - t0 < max) {
    await p.waitForTimeout(50);
    if (inflight.size > 0) idleSince = Date.now();
    else if (Date.now() - idleSince >= quiet) return;
  }
}

/**
 * Visit every page type once, at 1280×900, and gather what each check needs:
 * responses (weight), problems (f), axe violations (b), screenshots at 1280 and 375 (c),
 * and the width at 320 px (c). Each type's visit is independent: an error is kept
 * and reported by every check of that type.
 */
let visits;
function visitAll() {
  visits ??= (async () => {
    const out = new Map();
    for (const type of types) {
      const v = { parts: [], problems: [], violations: null, overflow: null, error: null, status: null };
      out.set(type.key, v);
      const inflight = new Set();
      const responses = [];
      const listeners = {
        request: (r) => inflight.add(r),
        requestfinished: (r) => inflight.delete(r),
        requestfailed: (r) => {
          inflight.delete(r);
          v.problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
        },
        response: (r) => {
          responses.push(r);
          const isMainDoc = r.request().isNavigationRequest() && r.request().frame() === page.mainFrame();
          if (r.status() >= 400 && !isMainDoc) v.problems.push(`HTTP ${r.status()}: ${r.url()}`);
        },
        pageerror: (e) => v.problems.push(`page error: ${e.message}`),
        console: (m) => {
          if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) v.problems.push(`console error: ${m.text()}`);
        },
      };
      for (const [ev, fn] of Object.entries(listeners)) page.on(ev, fn);
      try {
        await page.setViewportSize({ width: 1280, height: 900 });
        const resp = await page.goto(type.url, { waitUntil: 'load' });
        v.status = resp?.status() ?? null;
        await settle(page, inflight);
        // e. weight: the HTML document and every CSS and JS file from the site.
        const origin = new URL(site.baseUrl).origin + '/';
        for (const r of responses) {
          const kind = r.request().resourceType();
          const isDoc = kind === 'document' && r.request().frame() === page.mainFrame();
          if (!r.url().startsWith(origin) || !(isDoc || kind === 'stylesheet' || kind === 'script')) continue;
          if (r.status() >= 300 && r.status() < 400) continue;
          const body = await r.body().catch(() => null);
          if (!body) continue;
          v.parts.push({ kind: isDoc ? 'html' : kind === 'stylesheet' ? 'css' : 'js', url: r.url(), raw: body.length, gz: zlib.gzipSync(body).length });
        }
        // b. axe-core.
        await page.addScriptTag({ content: AXE_SOURCE });
        const result = await page.evaluate(
          (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
          AXE_TAGS,
        );
        v.violations = result.violations;
        // f. scroll through the page so that lazily loaded content is requested too.
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 20));
          }
          window.scrollTo(0, 0);
        });
        await settle(page, inflight);
        // c. screenshots, then the width at 320 px.
        await page.screenshot({ path: path.join(ARTEFACTS_DIR, `${slugKey(type.key)}-1280.png`), fullPage: true });
        await page.setViewportSize({ width: 375, height: 800 });
        await page.screenshot({ path: path.join(ARTEFACTS_DIR, `${slugKey(type.key)}-375.png`), fullPage: true });
        await page.setViewportSize({ width: 320, height: 640 });
        v.overflow = await page.evaluate(() => {
          const w = window.innerWidth;
          const culprits = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > w + 1 && culprits.length < 5 && !culprits.some((c) => c.el.contains(el))) {
              const cls = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\s+/).join('.') : '';
              culprits.push({ el, desc: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right edge ${Math.round(r.right)}px)` });
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits: culprits.map((c) => c.desc) };
        });
      } catch (err) {
        v.error = err;
      } finally {
        for (const [ev, fn] of Object.entries(listeners)) page.off(ev, fn);
        await page.setViewportSize({ width: 1280, height: 900 }).catch(() => {});
      }
    }
    return out;
  })();
  return visits;
}

function visitOf(all, type) {
  const v = all.get(type.key);
  if (v.error) throw new Error(`${type.url}: the visit failed: ${v.error.message}`);
  return v;
}

test('b. axe-core: 0 WCAG 2.1 A/AA violations on every page type', { timeout: 900_000 }, async (t) => {
  const all = await visitAll();
  for (const type of types) {
    await t.test(type.key, () => {
      const { violations } = visitOf(all, type);
      const report = violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n` +
          v.nodes
            .slice(0, 6)
            .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`)
            .join('\n') +
          (v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more` : ''),
      );
      assert.equal(violations.length, 0, `${type.url}\n    ${report.join('\n    ')}`);
    });
  }
});

test('c. screenshots at 375×800 and 1280×900 of every page type', async (t) => {
  const all = await visitAll();
  for (const type of types) {
    await t.test(type.key, () => {
      visitOf(all, type);
      for (const w of [375, 1280]) {
        const file = path.join(ARTEFACTS_DIR, `${slugKey(type.key)}-${w}.png`);
        assert.ok(existsSync(file) && statSync(file).size > 0, `no screenshot ${file}`);
      }
    });
  }
});

test('c. no sideways scrolling at 320 px on any page type', async (t) => {
  const all = await visitAll();
  for (const type of types) {
    await t.test(type.key, () => {
      const { scrollWidth, innerWidth, culprits } = visitOf(all, type).overflow;
      assert.ok(scrollWidth <= innerWidth, `${type.url}: the page is ${scrollWidth}px wide in a ${innerWidth}px viewport; sticking out: ${culprits.join(', ')}`);
    });
  }
});

test(`e. page weight: HTML + CSS + JS ≤ ${WEIGHT_BUDGET / 1000} KB gzip on every page type`, async (t) => {
  const all = await visitAll();
  const rows = [];
  for (const type of types) {
    await t.test(type.key, (st) => {
      const { parts } = visitOf(all, type);
      const total = parts.reduce((s, p) => s + p.gz, 0);
      const by = (k) => parts.filter((p) => p.kind === k).reduce((s, p) => s + p.gz, 0);
      const row = { key: type.key, url: type.url, html: by('html'), css: by('css'), js: by('js'), total, files: parts };
      rows.push(row);
      st.diagnostic(`${type.key}: ${(total / 1000).toFixed(1)} KB gz (html ${(row.html / 1000).toFixed(1)}, css ${(row.css / 1000).toFixed(1)}, js ${(row.js / 1000).toFixed(1)}; ${parts.length} files)`);
      assert.ok(parts.some((p) => p.kind === 'html'), `${type.url}: the HTML document itself was not seen`);
      assert.ok(
        total <= WEIGHT_BUDGET,
        `${type.url}: ${total} bytes gzip > ${WEIGHT_BUDGET}\n` + parts.map((p) => `    ${p.kind} ${p.gz} B gz (${p.raw} B) ${p.url}`).join('\n'),
      );
    });
  }
  writeFileSync(path.join(ARTEFACTS_DIR, 'page-weights.json'), JSON.stringify(rows, null, 2));
  const table = ['| page type | HTML | CSS | JS | total (bytes gzip) |', '|---|---:|---:|---:|---:|'];
  for (const r of rows) table.push(`| ${r.key} | ${r.html} | ${r.css} | ${r.js} | ${r.total} |`);
  writeFileSync(path.join(ARTEFACTS_DIR, 'page-weights.md'), table.join('\n') + '\n');
});

test('f. every subresource loads and no JavaScript error, on every page type', async (t) => {
  const all = await visitAll();
  for (const type of types) {
    await t.test(type.key, () => {
      const v = visitOf(all, type);
      assert.equal(v.status, type.key === '404' ? 404 : 200, `${type.url}: HTTP status`);
      assert.deepEqual(v.problems, [], `${type.url}`);
    });
  }
});

test('f. no third-party request: every request went to 127.0.0.1', (t) => {
  const bad = seen.filter(({ url }) => {
    const u = new URL(url);
    if (['data:', 'blob:', 'about:'].includes(u.protocol)) return false;
    return u.hostname !== '127.0.0.1';
  });
  t.diagnostic(`${seen.length} requests checked`);
  assert.deepEqual(
    [...new Set(bad.map((b) => `${b.url} (from ${b.from})`))].slice(0, 30),
    [],
    'requests to other hosts',
  );
});
