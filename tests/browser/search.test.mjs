// j. Search on the built portal (contract between the search client and this suite):
//   - `<base>search/?q=...` shows results inside `[data-search-results]`, each a link;
//   - typing in the search box `input[name=q]` updates the results and the URL's `q`;
//   - facet counts appear in `[data-search-facets]`;
//   - a word that matches nothing is named in `[data-search-status]`;
//   - markup in a query shows as text and never runs;
//   - every page has a search box: a GET form with `input[name=q]` that submits to `<base>search/`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPage, launch } from './lib/browser.mjs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { listHtml, prepareSite, procedurePages, urlOf } from './lib/site.mjs';

const WITHIN = 5_000; // ms for results to appear
let site;
let context;
let page;
let searchUrl;

before(async () => {
  site = await prepareSite();
  searchUrl = `${site.baseUrl}search/`;
  context = await launch();
  page = await firstPage(context);
});
after(async () => {
  await context?.close();
  await site?.close();
});

const nfc = (s) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
const fold = (s) => nfc(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();

/** Wait until a link in the results contains `text` (NFC, case-insensitive). */
async function waitForResult(text, timeout = WITHIN) {
  try {
    await page.waitForFunction(
      (want) =>
        [...document.querySelectorAll('[data-search-results] a')].some((a) =>
          a.textContent.normalize('NFC').replace(/\s+/g, ' ').toLowerCase().includes(want),
        ),
      nfc(text).toLowerCase(),
      { timeout },
    );
  } catch {
    const got = await page
      .$$eval('[data-search-results] a', (as) => as.slice(0, 10).map((a) => a.textContent.replace(/\s+/g, ' ').trim()))
      .catch(() => []);
    const status = await page.locator('[data-search-status]').first().textContent().catch(() => null);
    assert.fail(`no result link containing "${text}" within ${timeout} ms at ${page.url()}; links: ${JSON.stringify(got)}; status: ${JSON.stringify(status)}`);
  }
}

/** The search box of the search page itself (the one in <main> when the header has another). */
async function searchBox() {
  const inMain = page.locator('main input[name=q]');
  return (await inMain.count()) ? inMain.first() : page.locator('input[name=q]').first();
}

test('j. search page: ?q=dang+ky+khai+sinh lists "Đăng ký khai sinh" within 5 s', async () => {
  const resp = await page.goto(`${searchUrl}?q=dang+ky+khai+sinh`, { waitUntil: 'domcontentloaded' });
  assert.equal(resp?.status(), 200, `${searchUrl}: HTTP status`);
  assert.ok((await page.locator('[data-search-results]').count()) > 0, 'no [data-search-results] element on the search page');
  await waitForResult('Đăng ký khai sinh');
});

test('j. typing in the search box updates the results and the URL', async () => {
  // Another procedure than "khai sinh", typed without diacritics as citizens do.
  const { pages } = procedurePages(site);
  let title = null;
  for (const p of pages) {
    const h1 = nfc(p.html.match(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i)?.[1]?.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&'));
    if (h1 && !fold(h1).includes('khai sinh') && h1.split(' ').length >= 2) {
      title = h1;
      break;
    }
  }
  assert.ok(title, 'no second procedure page with an <h1> to search for');
  const query = fold(title).split(' ').slice(0, 5).join(' ');
  await page.goto(`${searchUrl}?q=dang+ky+khai+sinh`, { waitUntil: 'domcontentloaded' });
  await waitForResult('Đăng ký khai sinh');
  const box = await searchBox();
  await box.fill('');
  await box.pressSequentially(query, { delay: 20 });
  await waitForResult(title.split(' ').slice(0, 5).join(' '));
  await page
    .waitForFunction((q) => new URL(location.href).searchParams.get('q')?.trim() === q, query, { timeout: WITHIN })
    .catch(() => {});
  assert.equal(new URL(page.url()).searchParams.get('q')?.trim(), query, `the URL's q after typing "${query}"`);
});

test('j. facet counts appear in [data-search-facets]', async () => {
  await page.goto(`${searchUrl}?q=dang+ky+khai+sinh`, { waitUntil: 'domcontentloaded' });
  await waitForResult('Đăng ký khai sinh');
  await page
    .waitForFunction(() => /[1-9]/.test(document.querySelector('[data-search-facets]')?.textContent ?? ''), null, { timeout: WITHIN })
    .catch(() => {});
  const text = nfc(await page.locator('[data-search-facets]').first().textContent().catch(() => null));
  assert.ok(/[1-9]\d*/.test(text), `[data-search-facets] shows no count: ${JSON.stringify(text)}`);
});

test('j. a word that matches nothing is named in [data-search-status]', async () => {
  const word = 'xqzvwkj';
  await page.goto(`${searchUrl}?q=${word}`, { waitUntil: 'domcontentloaded' });
  await page
    .waitForFunction((w) => (document.querySelector('[data-search-status]')?.textContent ?? '').includes(w), word, { timeout: WITHIN })
    .catch(() => {});
  const status = await page.locator('[data-search-status]').first().textContent().catch(() => null);
  assert.ok(status?.includes(word), `[data-search-status] does not name "${word}": ${JSON.stringify(status)}`);
});

test('j. markup in a query shows as text and never runs', async () => {
  const q = '<img src=x onerror="window.__pwned=1">xqzvwkj <b>khai</b>';
  await page.goto(`${searchUrl}?q=${encodeURIComponent(q)}`, { waitUntil: 'domcontentloaded' });
  await page
    .waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent ?? '').includes('xqzvwkj'), null, { timeout: WITHIN })
    .catch(() => {});
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => ({
    pwned: window.__pwned === 1,
    img: document.querySelectorAll('img[src="x"]').length,
    b: [...document.querySelectorAll('[data-search-status] b, [data-search-results] b')].filter((e) => e.textContent === 'khai' && !e.closest('mark')).length,
  }));
  assert.equal(state.pwned, false, 'a query ran script');
  assert.equal(state.img, 0, 'a query inserted an <img>');
  assert.equal(state.b, 0, 'a query inserted a <b> element');
});

test('j. every page has a search box: a GET form with input[name=q] submitting to the search page', (t) => {
  const want = new URL(searchUrl).pathname;
  const attr = (tag, name) => {
    const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
    return m ? (m[1] ?? m[2] ?? m[3]).replace(/&amp;/g, '&') : null;
  };
  const missing = [];
  const pages = listHtml(site.siteDir).filter((rel) => rel.endsWith('index.html') || rel === '404.html');
  for (const rel of pages) {
    const html = readFileSync(path.join(site.siteDir, rel), 'utf8');
    const ok = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form\s*>/gi)].some(([, attrs, inner]) => {
      const hasQ = [...inner.matchAll(/<input\b[^>]*>/gi)].some(([tag]) => attr(tag, 'name') === 'q');
      const action = attr(' ' + attrs, 'action');
      const method = (attr(' ' + attrs, 'method') ?? 'get').toLowerCase();
      return hasQ && action !== null && method === 'get' && new URL(action, urlOf(site.baseUrl, rel)).pathname === want;
    });
    if (!ok) missing.push(rel);
  }
  t.diagnostic(`${pages.length} pages checked`);
  assert.deepEqual(missing.slice(0, 30), [], `${missing.length} pages without a GET search form submitting to ${want}`);
});

test('j. searching from the home page lands on the search page with results', async () => {
  await page.goto(site.baseUrl, { waitUntil: 'domcontentloaded' });
  const box = page.locator('form input[name=q]').first();
  await box.fill('dang ky khai sinh');
  await Promise.all([page.waitForURL((u) => u.pathname === new URL(searchUrl).pathname), box.press('Enter')]);
  assert.equal(new URL(page.url()).searchParams.get('q'), 'dang ky khai sinh');
  await waitForResult('Đăng ký khai sinh');
});
