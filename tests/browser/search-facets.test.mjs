// k. Search page state: facets, history, "did you mean", content shown as text.
//   - ticking a facet value filters the results to that value, shows its count, and adds the
//     value to the URL (a new history entry); a link with that URL opens the same state;
//   - Back restores the previous state (URL, box unticked, every result again), Forward again;
//   - a query typed in Telex without an input method ("dangw kys khai sinh") is read: the status
//     offers "Có phải bạn muốn tìm: đăng ký khai sinh?", the results are for that, and following
//     the suggestion puts it in the URL;
//   - markup in indexed content (a title or excerpt holding `<b>`, `<img onerror>`) shows as text:
//     the result fragments are rewritten on the wire to carry it, the client must not parse it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPage, launch } from './lib/browser.mjs';
import { prepareSite } from './lib/site.mjs';

const WITHIN = 5_000;
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

const clean = (s) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();

/** Waits until the status line says how many results there are and the page shows them all
    (results appear one by one as their fragments arrive); returns that number. */
async function resultCount() {
  const h = await page
    .waitForFunction(
      () => {
        const s = (document.querySelector('[data-search-status]')?.textContent ?? '').replace(/\s+/g, ' ');
        const m = s.match(/^([\d.]+) kết quả/);
        if (!m) return null;
        const n = Number(m[1].replace(/\./g, ''));
        const shown = document.querySelectorAll('[data-search-results] ol > li').length;
        return shown >= Math.min(n, 10) ? n : null;
      },
      null,
      { timeout: WITHIN },
    )
    .catch(() => null);
  if (!h) {
    const status = await page.locator('[data-search-status]').first().textContent().catch(() => null);
    assert.fail(`no "N kết quả" status within ${WITHIN} ms at ${page.url()}; status: ${JSON.stringify(status)}`);
  }
  return h.jsonValue();
}

/** The facet panel may be a closed <details> on narrow screens: open it as a visitor would. */
async function openFilters() {
  const summary = page.locator('details:has([data-search-facets]) > summary');
  if ((await summary.count()) && (await summary.first().isVisible())) {
    const open = await page.locator('details:has([data-search-facets])').first().evaluate((d) => d.open);
    if (!open) await summary.first().click();
  }
}

/** Facet checkboxes of one dimension (input name): [{value, label, count, checked}]. */
async function facetValues(name) {
  return page.$$eval(`[data-search-facets] input[type=checkbox][name="${name}"]`, (boxes) =>
    boxes.map((b) => {
      const label = b.closest('label')?.textContent.replace(/\s+/g, ' ').trim() ?? '';
      const m = label.match(/\((\d+)\)\s*$/);
      return { value: b.value, label: label.replace(/\(\d+\)\s*$/, '').trim(), count: m ? Number(m[1]) : null, checked: b.checked };
    }),
  );
}

async function kindsShown() {
  return page.$$eval('[data-search-results] .search-result-kind', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));
}

const params = () => new URL(page.url()).searchParams;

test('k. ticking a facet filters the results, shows its count and adds it to the URL', async () => {
  await page.goto(`${searchUrl}?q=${encodeURIComponent('dang ky')}`, { waitUntil: 'domcontentloaded' });
  const total = await resultCount();
  await openFilters();
  const types = await facetValues('type');
  assert.ok(types.length >= 2, `"dang ky" should span at least two types; facets: ${JSON.stringify(types)}`);
  const sum = types.reduce((a, t) => a + t.count, 0);
  assert.equal(sum, total, `type counts ${JSON.stringify(types)} should add up to the ${total} results`);
  // The smallest type: a real filter.
  const pick = [...types].sort((a, b) => a.count - b.count)[0];
  assert.ok(pick.count > 0 && pick.count < total, `facet ${JSON.stringify(pick)} does not filter ${total} results`);
  const before = await page.evaluate(() => history.length);
  await page.locator(`[data-search-facets] input[name="type"][value="${pick.value}"]`).check();
  await page.waitForFunction((v) => new URL(location.href).searchParams.getAll('type').includes(v), pick.value, { timeout: WITHIN });
  assert.equal(await resultCount(), pick.count, `after ticking "${pick.label}" the status should count ${pick.count} results`);
  const kinds = await kindsShown();
  assert.equal(kinds.length, Math.min(pick.count, 10), 'results shown after filtering');
  assert.deepEqual([...new Set(kinds)], [pick.label], `every result should be a "${pick.label}"`);
  assert.equal(params().get('q'), 'dang ky', 'the query stays in the URL');
  assert.equal(await page.evaluate(() => history.length), before + 1, 'ticking a facet pushes one history entry');
  const ticked = (await facetValues('type')).find((t) => t.value === pick.value);
  assert.ok(ticked?.checked, 'the ticked box stays ticked after re-rendering');

  // The URL alone reproduces the state (a shared link).
  const shared = page.url();
  await page.goto('about:blank');
  await page.goto(shared, { waitUntil: 'domcontentloaded' });
  assert.equal(await resultCount(), pick.count, `${shared} should open with the filter applied`);
  await openFilters();
  assert.ok((await facetValues('type')).find((t) => t.value === pick.value)?.checked, 'the box is ticked when opened from the URL');
  assert.deepEqual([...new Set(await kindsShown())], [pick.label]);
});

test('k. Back restores the previous state, Forward the filtered one', async () => {
  await page.goto(`${searchUrl}?q=${encodeURIComponent('dang ky')}`, { waitUntil: 'domcontentloaded' });
  const total = await resultCount();
  const status = clean(await page.locator('[data-search-status]').first().textContent());
  const firstLinks = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  await openFilters();
  const types = await facetValues('type');
  const pick = [...types].sort((a, b) => a.count - b.count)[0];
  await page.locator(`[data-search-facets] input[name="type"][value="${pick.value}"]`).check();
  await page.waitForFunction((v) => new URL(location.href).searchParams.getAll('type').includes(v), pick.value, { timeout: WITHIN });
  assert.equal(await resultCount(), pick.count);

  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => !new URL(location.href).searchParams.has('type'), null, { timeout: WITHIN });
  await page.waitForFunction((n) => (document.querySelector('[data-search-status]')?.textContent ?? '').replace(/\s+/g, ' ').startsWith(`${n} kết quả`), total, { timeout: WITHIN });
  assert.equal(await resultCount(), total, 'Back should show every result again');
  assert.equal(clean(await page.locator('[data-search-status]').first().textContent()), status, 'the status line as before');
  assert.deepEqual(await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href'))), firstLinks, 'the same results as before');
  assert.equal(params().get('q'), 'dang ky');
  await openFilters();
  assert.ok(!(await facetValues('type')).some((t) => t.checked), 'no facet box ticked after Back');
  assert.equal(await page.locator('main input[name=q]').inputValue(), 'dang ky', 'the search box holds the query');

  await page.goForward({ waitUntil: 'commit' });
  await page.waitForFunction((v) => new URL(location.href).searchParams.getAll('type').includes(v), pick.value, { timeout: WITHIN });
  await page.waitForFunction((n) => (document.querySelector('[data-search-status]')?.textContent ?? '').replace(/\s+/g, ' ').startsWith(`${n} kết quả`), pick.count, { timeout: WITHIN });
  assert.deepEqual([...new Set(await kindsShown())], [pick.label], 'Forward filters again');
});

test('k. Back after a new query restores the previous query and its results', async () => {
  await page.goto(`${searchUrl}?q=${encodeURIComponent('dang ky khai sinh')}`, { waitUntil: 'domcontentloaded' });
  await resultCount();
  const firstLinks = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href')));
  const box = page.locator('main input[name=q]');
  // Typed, then (once the live results are there) submitted, as people do.
  await box.fill('ket hon');
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'ket hon', null, { timeout: WITHIN });
  await page.waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent ?? '').includes('ket hon'), null, { timeout: WITHIN });
  await box.press('Enter');
  await resultCount();
  await page.goBack({ waitUntil: 'commit' });
  await page.waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent ?? '').includes('dang ky khai sinh'), null, { timeout: WITHIN });
  await resultCount();
  assert.equal(params().get('q'), 'dang ky khai sinh');
  assert.equal(await box.inputValue(), 'dang ky khai sinh', 'the search box shows the restored query');
  assert.deepEqual(await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.getAttribute('href'))), firstLinks);
});

test('k. a Telex query gets "did you mean" and the results of the correction', async () => {
  await page.goto(`${searchUrl}?q=${encodeURIComponent('dangw kys khai sinh')}`, { waitUntil: 'domcontentloaded' });
  await resultCount();
  const status = clean(await page.locator('[data-search-status]').first().textContent());
  assert.match(status, /Có phải bạn muốn tìm: đăng ký khai sinh\?/, `status: ${status}`);
  const titles = await page.$$eval('[data-search-results] a', (as) => as.map((a) => a.textContent.replace(/\s+/g, ' ').trim()));
  assert.ok(titles.some((t) => /Đăng ký khai sinh/i.test(t.normalize('NFC'))), `results for the correction: ${JSON.stringify(titles)}`);
  const suggestion = page.locator('[data-search-status] a', { hasText: 'đăng ký khai sinh' });
  assert.equal(await suggestion.count(), 1, 'the suggestion is a link');
  await suggestion.click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'đăng ký khai sinh', null, { timeout: WITHIN });
  await page.waitForFunction(() => !/Có phải/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), null, { timeout: WITHIN });
  assert.equal(await page.locator('main input[name=q]').inputValue(), 'đăng ký khai sinh');
  await resultCount();
});

test('k. markup in indexed content shows as text and never runs', async () => {
  const injected = '<b>in đậm</b> <img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script>';
  let rewritten = 0;
  await page.route('**/search/f/**', async (route) => {
    const resp = await route.fetch();
    const frags = JSON.parse(await resp.text());
    for (const frag of frags) {
      frag.t = `${injected} ${frag.t}`;
      frag.x = `${injected} ${frag.x ?? ''}`;
    }
    rewritten++;
    await route.fulfill({ response: resp, body: JSON.stringify(frags), contentType: 'application/json; charset=utf-8' });
  });
  try {
    await page.goto(`${searchUrl}?q=${encodeURIComponent('dang ky khai sinh')}`, { waitUntil: 'domcontentloaded' });
    await resultCount();
    await page.waitForTimeout(200);
    assert.ok(rewritten > 0, 'no fragment was fetched');
    const state = await page.evaluate(() => {
      const first = document.querySelector('[data-search-results] a');
      const excerpt = document.querySelector('[data-search-results] .search-result-excerpt');
      return {
        pwned: window.__pwned ?? null,
        title: first?.textContent ?? '',
        excerpt: excerpt?.textContent ?? '',
        elements: [...document.querySelectorAll('[data-search-results] b, [data-search-results] img, [data-search-results] script')].length,
      };
    });
    assert.equal(state.pwned, null, 'content ran script');
    assert.equal(state.elements, 0, 'content markup became elements');
    assert.ok(state.title.includes('<b>in đậm</b>'), `the title should show the markup as text: ${JSON.stringify(state.title)}`);
    assert.ok(state.title.includes('<img src=x'), `the title should show the <img> as text: ${JSON.stringify(state.title)}`);
    assert.match(state.excerpt, /<(b|img|script)\b/, `the excerpt should show the markup as text: ${JSON.stringify(state.excerpt)}`);
  } finally {
    await page.unroute('**/search/f/**');
  }
});
