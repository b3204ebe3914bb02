// h. Without JavaScript, the procedure browse pages are navigable and list procedures.
// Starting from the procedures section page, the test follows every link inside <main>
// that stays in the section and is not itself a procedure page (lists, pagination, browse
// pages by field/level/agency/online level/audience, A–Z), with JavaScript disabled.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { firstPage, launch } from './lib/browser.mjs';
import { PROCEDURES_SECTION, prepareSite, procedurePages } from './lib/site.mjs';

let site;
let context;
let page;
before(async () => {
  site = await prepareSite();
  context = await launch({ javaScriptEnabled: false });
  page = await firstPage(context);
});
after(async () => {
  await context?.close();
  await site?.close();
});

const norm = (u) => {
  const x = new URL(u);
  x.hash = '';
  x.search = '';
  return decodeURI(x.href);
};

test('h. without JavaScript, procedure browse pages are navigable and list procedures', { timeout: 600_000 }, async (t) => {
  const { pages, how } = procedurePages(site);
  assert.ok(pages.length > 0, 'no procedure page in the built site');
  const procedures = new Set(pages.map((p) => norm(p.url)));
  const sectionUrl = `${site.baseUrl}${PROCEDURES_SECTION}/`;
  const queue = [sectionUrl];
  const visited = new Map(); // url -> { procedures: n, browse: n }
  const reached = new Set();
  const problems = [];
  while (queue.length && visited.size < 80) {
    const url = queue.shift();
    if (visited.has(url)) continue;
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (resp?.status() !== 200) {
      problems.push(`${url}: HTTP ${resp?.status()}`);
      visited.set(url, { procedures: 0, browse: 0 });
      continue;
    }
    const hasMain = await page.locator('main').count();
    if (!hasMain) problems.push(`${url}: no <main>`);
    const hrefs = await page.$$eval('main a[href]', (as) => as.map((a) => a.href));
    let procs = 0;
    let browse = 0;
    for (const h of hrefs) {
      if (!h.startsWith(sectionUrl)) continue;
      const n = norm(h);
      if (procedures.has(n)) {
        procs++;
        reached.add(n);
      } else if (/\/$|\.html$/.test(n)) {
        browse++;
        if (!visited.has(n) && !queue.includes(n)) queue.push(n);
      }
    }
    visited.set(url, { procedures: procs, browse });
    if (procs === 0 && browse === 0) problems.push(`${url}: lists no procedure and links to no other browse page`);
  }
  for (const [url, v] of visited) t.diagnostic(`${url.slice(site.baseUrl.length - 1)}: ${v.procedures} procedure links, ${v.browse} browse links`);
  t.diagnostic(`${visited.size} browse pages visited, ${reached.size} of ${procedures.size} procedures reached (${how})`);
  assert.ok((visited.get(sectionUrl)?.procedures ?? 0) + (visited.get(sectionUrl)?.browse ?? 0) > 0, `${sectionUrl} links to nothing in its section`);
  assert.ok(visited.size >= 2, `no browse page reachable from ${sectionUrl} without JavaScript (only the section page itself)`);
  assert.ok(reached.size > 0, 'no procedure listed on any browse page');
  assert.deepEqual(problems, []);
});

test('h. without JavaScript, a procedure page shows its content', async () => {
  const { pages } = procedurePages(site);
  assert.ok(pages.length > 0, 'no procedure page in the built site');
  const resp = await page.goto(pages[0].url, { waitUntil: 'load' });
  assert.equal(resp?.status(), 200);
  const h1 = (await page.locator('main h1').first().textContent())?.trim();
  assert.ok(h1, `${pages[0].url}: no <h1> in <main>`);
});
