// Checks on one page of every page type of the built portal, in headless Chromium:
//   b. axe-core: 0 violations for WCAG 2.0/2.1 A and AA rules;
//   c. full-page screenshots at 375×800 and 1280×900 into artefacts/ (and no sideways
//      scrolling at 320 px);
//   e. page weight: gzip(HTML) + gzip(each CSS and JS file it loads) ≤ 50 KB;
//   f. no third-party request, every subresource loads, no JavaScript error.
// Page types come from the built files (lib/site.mjs: pageTypes), not from a fixed list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

async function open(url, waitUntil = 'load') {
  const resp = await page.goto(url, { waitUntil });
  if (url.includes('?q=')) await page.waitForLoadState('networkidle').catch(() => {});
  return resp;
}

test('page types found', (t) => {
  t.diagnostic(`${types.length} page types: ${types.map((x) => x.key).join(', ')}`);
  for (const want of ['home', '404']) assert.ok(types.some((x) => x.key.startsWith(want)), `no ${want} page in ${site.siteDir}`);
  assert.ok(types.length >= 3, 'fewer than 3 page types');
});

test('b. axe-core: 0 WCAG 2.1 A/AA violations on every page type', { timeout: 600_000 }, async (t) => {
  for (const type of types) {
    await t.test(type.key, async () => {
      await open(type.url);
      await page.addScriptTag({ content: AXE_SOURCE });
      const result = await page.evaluate(
        (tags) => globalThis.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
        AXE_TAGS,
      );
      const report = result.violations.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n` +
          v.nodes
            .slice(0, 6)
            .map((n) => `      ${n.target.join(' ')}${n.failureSummary ? ' — ' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 200) : ''}`)
            .join('\n') +
          (v.nodes.length > 6 ? `\n      … and ${v.nodes.length - 6} more` : ''),
      );
      assert.equal(result.violations.length, 0, `${type.url}\n    ${report.join('\n    ')}`);
    });
  }
});

test('c. screenshots at 375×800 and 1280×900 of every page type', { timeout: 600_000 }, async (t) => {
  for (const type of types) {
    await t.test(type.key, async () => {
      for (const [width, height] of [[375, 800], [1280, 900]]) {
        await page.setViewportSize({ width, height });
        await open(type.url);
        const file = path.join(ARTEFACTS_DIR, `${slugKey(type.key)}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  }
});

test('c. no sideways scrolling at 320 px on any page type', { timeout: 600_000 }, async (t) => {
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    for (const type of types) {
      await t.test(type.key, async () => {
        await open(type.url);
        const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => {
          const w = window.innerWidth;
          const culprits = [];
          for (const el of document.body.querySelectorAll('*')) {
            const r = el.getBoundingClientRect();
            if (r.right > w + 1 && culprits.length < 5) {
              // report the outermost element sticking out
              if (!culprits.some((c) => c.el.contains(el))) culprits.push({ el, desc: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} right=${Math.round(r.right)}` });
            }
          }
          return { scrollWidth: document.documentElement.scrollWidth, innerWidth: w, culprits: culprits.map((c) => c.desc) };
        });
        assert.ok(scrollWidth <= innerWidth, `${type.url}: page is ${scrollWidth}px wide in a ${innerWidth}px viewport; sticking out: ${culprits.join(', ')}`);
      });
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test(`e. page weight: HTML + CSS + JS ≤ ${WEIGHT_BUDGET / 1000} KB gzip on every page type`, { timeout: 600_000 }, async (t) => {
  const rows = [];
  for (const type of types) {
    await t.test(type.key, async (st) => {
      const responses = [];
      const onResponse = (r) => responses.push(r);
      page.on('response', onResponse);
      try {
        await open(type.url, 'networkidle');
      } finally {
        page.off('response', onResponse);
      }
      const parts = [];
      for (const r of responses) {
        const kind = r.request().resourceType();
        const url = r.url();
        if (!url.startsWith(new URL(site.baseUrl).origin + '/')) continue;
        const isDoc = kind === 'document' && r.request().frame() === page.mainFrame();
        const isCss = kind === 'stylesheet';
        const isJs = kind === 'script';
        if (!isDoc && !isCss && !isJs) continue;
        if (r.status() >= 300 && r.status() < 400) continue;
        let body;
        try {
          body = await r.body();
        } catch {
          continue;
        }
        parts.push({ kind: isDoc ? 'html' : isCss ? 'css' : 'js', url, raw: body.length, gz: zlib.gzipSync(body).length });
      }
      const total = parts.reduce((s, p) => s + p.gz, 0);
      const by = (k) => parts.filter((p) => p.kind === k).reduce((s, p) => s + p.gz, 0);
      const row = { key: type.key, url: type.url, html: by('html'), css: by('css'), js: by('js'), total, files: parts.map(({ kind, url, raw, gz }) => ({ kind, url, raw, gz })) };
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

test('f. every subresource loads and no JavaScript error, on every page type', { timeout: 600_000 }, async (t) => {
  for (const type of types) {
    await t.test(type.key, async () => {
      const problems = [];
      const onFailed = (r) => problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
      const onResponse = (r) => {
        const isMainDoc = r.request().isNavigationRequest() && r.request().frame() === page.mainFrame();
        if (r.status() >= 400 && !isMainDoc) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      };
      const onError = (e) => problems.push(`page error: ${e.message}`);
      const onConsole = (m) => {
        if (m.type() === 'error' && !/^Failed to load resource/.test(m.text())) problems.push(`console error: ${m.text()}`);
      };
      page.on('requestfailed', onFailed);
      page.on('response', onResponse);
      page.on('pageerror', onError);
      page.on('console', onConsole);
      try {
        const resp = await open(type.url, 'networkidle');
        const want = type.key === '404' ? 404 : 200;
        assert.equal(resp?.status(), want, `${type.url}: HTTP status`);
        // Scroll through the page so lazily loaded content is requested too.
        await page.evaluate(async () => {
          for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
            window.scrollTo(0, y);
            await new Promise((r) => setTimeout(r, 30));
          }
        });
        await page.waitForLoadState('networkidle').catch(() => {});
      } finally {
        page.off('requestfailed', onFailed);
        page.off('response', onResponse);
        page.off('pageerror', onError);
        page.off('console', onConsole);
      }
      assert.deepEqual(problems, [], `${type.url}`);
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
