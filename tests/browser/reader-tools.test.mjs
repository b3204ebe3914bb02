// i. Reader tools of the default theme (contract between the theme and this suite):
//   - `a.skip-link[href="#main"]` is the first focusable element, `<main id="main">` exists
//     (checked on every page type);
//   - a `[data-text-size="larger"]` button makes the root font size larger, and the choice
//     survives a reload (localStorage);
//   - a `[data-contrast-toggle]` button toggles the class `high-contrast` on <html>;
//   - without JavaScript those buttons are not shown (they could not work).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPage, launch } from './lib/browser.mjs';
import { pageTypes, prepareSite } from './lib/site.mjs';

let site;
let types;
let context;
let page;
before(async () => {
  site = await prepareSite();
  types = pageTypes(site);
  context = await launch();
  page = await firstPage(context);
});
after(async () => {
  await context?.close();
  await site?.close();
});

const rootFontPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test('i. skip link is the first focusable element and <main id="main"> exists, on every page type', { timeout: 300_000 }, async (t) => {
  for (const type of types) {
    await t.test(type.key, async () => {
      await page.goto(type.url, { waitUntil: 'load' });
      assert.equal(await page.locator('main#main').count(), 1, `${type.url}: want exactly one <main id="main">`);
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return { desc: 'nothing' };
        const r = el.getBoundingClientRect();
        return {
          desc: el.outerHTML.slice(0, 120),
          isSkip: el.matches('a.skip-link[href="#main"]'),
          visible: r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
        };
      });
      assert.ok(focused.isSkip, `${type.url}: first Tab focuses ${focused.desc}, not a.skip-link[href="#main"]`);
      assert.ok(focused.visible, `${type.url}: the skip link is not visible when focused`);
    });
  }
});

test('i. text size: [data-text-size="larger"] enlarges the root font and is remembered', async () => {
  await page.goto(site.baseUrl, { waitUntil: 'load' });
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'load' });
  const button = page.locator('[data-text-size="larger"]').first();
  assert.equal(await page.locator('[data-text-size="larger"]').count() > 0, true, 'no [data-text-size="larger"] button on the home page');
  const before = await rootFontPx();
  await button.click();
  await page.waitForFunction((b) => parseFloat(getComputedStyle(document.documentElement).fontSize) > b, before, { timeout: 3000 }).catch(() => {});
  const larger = await rootFontPx();
  assert.ok(larger > before, `root font size ${before}px -> ${larger}px after clicking "larger"`);
  await page.reload({ waitUntil: 'load' });
  const afterReload = await rootFontPx();
  assert.equal(afterReload, larger, `root font size after reload: ${afterReload}px, chosen ${larger}px`);
  await page.evaluate(() => localStorage.clear());
});

test('i. contrast: [data-contrast-toggle] toggles html.high-contrast', async () => {
  await page.goto(site.baseUrl, { waitUntil: 'load' });
  await page.evaluate(() => localStorage.clear());
  await page.reload({ waitUntil: 'load' });
  assert.ok((await page.locator('[data-contrast-toggle]').count()) > 0, 'no [data-contrast-toggle] button on the home page');
  const has = () => page.evaluate(() => document.documentElement.classList.contains('high-contrast'));
  const start = await has();
  await page.locator('[data-contrast-toggle]').first().click();
  assert.equal(await has(), !start, 'first click did not toggle html.high-contrast');
  await page.locator('[data-contrast-toggle]').first().click();
  assert.equal(await has(), start, 'second click did not toggle html.high-contrast back');
  await page.evaluate(() => localStorage.clear());
});

test('i. without JavaScript the reader-tool buttons are not shown, the skip link still works', async () => {
  const nojs = await launch({ javaScriptEnabled: false });
  try {
    const p = await firstPage(nojs);
    await p.goto(site.baseUrl, { waitUntil: 'load' });
    const shown = await p.$$eval('[data-text-size], [data-contrast-toggle]', (els) =>
      els.filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
      }).map((e) => e.outerHTML.slice(0, 100)),
    );
    assert.deepEqual(shown, [], 'reader-tool buttons visible without JavaScript (they cannot work)');
    await p.keyboard.press('Tab');
    assert.ok(await p.evaluate(() => document.activeElement?.matches('a.skip-link[href="#main"]')), 'first Tab does not focus the skip link without JavaScript');
  } finally {
    await nojs.close();
  }
});
