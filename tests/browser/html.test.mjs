// Checks on the generated HTML files themselves (no browser needed):
//   a. the Nu Html Checker (vnu-jar) finds 0 errors in every generated .html file;
//   g. no render-blocking script and no inline script (nothing a strict CSP would block).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ARTEFACTS_DIR, listHtml, prepareSite } from './lib/site.mjs';

const require = createRequire(import.meta.url);
let site;
let files;

before(async () => {
  site = await prepareSite();
  files = listHtml(site.siteDir);
});
after(async () => site?.close());

function runVnu(paths) {
  const jar = String(require('vnu-jar')); // the package's main export is the path of vnu.jar
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss1024k', '-jar', jar, '--errors-only', '--format', 'json', '--exit-zero-always', ...paths],
      { maxBuffer: 256 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`java -jar vnu.jar failed: ${err.message}\n${stderr.slice(0, 2000)}`));
        try {
          resolve(JSON.parse(stderr || stdout || '{"messages":[]}'));
        } catch (e) {
          reject(new Error(`vnu printed no JSON: ${e.message}\n${(stderr || stdout).slice(0, 2000)}`));
        }
      },
    );
  });
}

test('a. vnu: 0 errors in every generated .html file', { timeout: 600_000 }, async (t) => {
  assert.ok(files.length > 0, `no .html file in ${site.siteDir}`);
  const messages = [];
  // Batches keep the command line short on big sites; one JVM start per 400 files.
  for (let i = 0; i < files.length; i += 400) {
    const batch = files.slice(i, i + 400).map((f) => path.join(site.siteDir, f));
    const report = await runVnu(batch);
    messages.push(...report.messages);
  }
  const errors = messages.filter((m) => m.type === 'error' || m.type === 'non-document-error');
  const lines = errors.map((m) => {
    let file = m.url ?? '?';
    try {
      file = path.relative(site.siteDir, fileURLToPath(file.replace(/^file:\/*/, 'file:///')));
    } catch {}
    m.file = file;
    const where = m.lastLine ? `:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? ''}` : '';
    return `${file}${where}: ${m.message}${m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim().slice(0, 120)}]` : ''}`;
  });
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  writeFileSync(path.join(ARTEFACTS_DIR, 'vnu.json'), JSON.stringify(errors, null, 2));
  t.diagnostic(`vnu checked ${files.length} files: ${errors.length} errors`);
  // Group identical messages so a template bug shows once with its count.
  const byMessage = new Map();
  for (const [i, m] of errors.entries()) {
    const k = m.message;
    if (!byMessage.has(k)) byMessage.set(k, { count: 0, first: lines[i] });
    byMessage.get(k).count++;
  }
  const grouped = [...byMessage.values()].sort((a, b) => b.count - a.count);
  assert.equal(
    errors.length,
    0,
    `vnu found ${errors.length} errors (${byMessage.size} distinct) in ${files.length} files; full list in artefacts/vnu.json\n` +
      grouped.slice(0, 40).map((g) => `  ${g.count}x ${g.first}`).join('\n'),
  );
});

// The attributes of every <script ...> start tag, and whether it sits in <head>.
function scripts(html) {
  const headEnd = html.search(/<\/head\s*>/i);
  const out = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  let m;
  while ((m = re.exec(html))) {
    const attrs = m[1];
    const map = new Map();
    for (const a of attrs.matchAll(/\s+([^\s=>\/"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
      map.set(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    }
    const attr = (name) => (map.has(name) ? map.get(name) : null);
    out.push({
      tag: `<script${attrs}>`,
      inHead: headEnd === -1 || m.index < headEnd,
      src: attr('src'),
      type: (attr('type') ?? '').toLowerCase().trim(),
      defer: attr('defer') !== null,
      async: attr('async') !== null,
      body: m[2],
    });
  }
  return out;
}

// Start tags with their attributes, parsed attribute by attribute so that text inside a
// quoted value (" online=...") is never taken for an attribute.
const START_TAG = /<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>\/"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*\/?>/g;
const ATTRIBUTE = /\s+([^\s=>\/"']+)(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?/g;
function eventHandlers(html) {
  const found = [];
  for (const m of html.matchAll(START_TAG)) {
    for (const a of m[2].matchAll(ATTRIBUTE)) {
      if (/^on[a-z]+$/i.test(a[1])) found.push(m[0].slice(0, 120));
    }
  }
  return found;
}

test('g. no render-blocking script, no inline script or event handler', async (t) => {
  const problems = [];
  let count = 0;
  for (const rel of files) {
    const html = readFileSync(path.join(site.siteDir, rel), 'utf8');
    for (const s of scripts(html)) {
      count++;
      if (s.src !== null) {
        if (s.inHead && !s.defer && !s.async && s.type !== 'module') {
          problems.push(`${rel}: render-blocking script in <head> (needs defer, async or type="module"): ${s.tag}`);
        }
      } else if (s.type !== 'application/ld+json') {
        problems.push(`${rel}: inline script (only application/ld+json may be inline): ${s.tag}${s.body.trim().slice(0, 80)}`);
      }
    }
    for (const tag of eventHandlers(html)) problems.push(`${rel}: inline event handler attribute: ${tag}`);
  }
  t.diagnostic(`${count} <script> elements in ${files.length} files`);
  assert.deepEqual(problems.slice(0, 50), [], `${problems.length} problems`);
});
