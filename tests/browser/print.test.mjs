// d. A procedure page printed to PDF (A4) in Chromium fits on at most 2 pages.
// Every procedure page of the portal is printed (at most 40); the longest PDF is kept
// as artefacts/procedure-print.pdf.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { firstPage, launch } from './lib/browser.mjs';
import { ARTEFACTS_DIR, prepareSite, procedurePages } from './lib/site.mjs';

export const MAX_PRINT_PAGES = 2;

/** Number of page objects in a PDF (`/Type /Page`, not `/Pages`). */
export function pdfPageCount(pdf) {
  return (Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

let site;
let context;
before(async () => {
  site = await prepareSite();
  context = await launch();
});
after(async () => {
  await context?.close();
  await site?.close();
});

test(`d. a procedure page prints on at most ${MAX_PRINT_PAGES} A4 pages`, { timeout: 600_000 }, async (t) => {
  const { pages, how } = procedurePages(site);
  t.diagnostic(`${pages.length} procedure pages (${how})`);
  assert.ok(pages.length > 0, `no procedure page found under ${site.siteDir}/thu-tuc-hanh-chinh/`);
  const page = await firstPage(context);
  const sample = [...pages].sort((a, b) => b.size - a.size).slice(0, 40);
  const results = [];
  let worst = null;
  for (const p of sample) {
    await page.goto(p.url, { waitUntil: 'load' });
    const pdf = await page.pdf({ format: 'A4' });
    const n = pdfPageCount(pdf);
    results.push({ url: p.url, pages: n });
    if (!worst || n > worst.pages) worst = { url: p.url, pages: n, pdf };
  }
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTEFACTS_DIR, 'procedure-print.pdf'), worst.pdf);
  writeFileSync(path.join(ARTEFACTS_DIR, 'procedure-print.json'), JSON.stringify(results, null, 2));
  t.diagnostic(`longest print: ${worst.pages} pages (${worst.url}), kept as artefacts/procedure-print.pdf`);
  const over = results.filter((r) => r.pages > MAX_PRINT_PAGES || r.pages === 0);
  assert.deepEqual(over.map((r) => `${r.url}: ${r.pages} pages`), [], `procedure pages printing on more than ${MAX_PRINT_PAGES} A4 pages`);
});
