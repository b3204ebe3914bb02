#!/usr/bin/env node
// Runner for the browser suite.
//
//   node tests/browser/run.mjs [FILTER...] [-- NODE_TEST_OPTIONS...]
//
// 1. starts the static server on 127.0.0.1 on a free port (URL prefix /portal/);
// 2. builds the bundled portal into a scratch folder with that port in the base URL:
//      cargo run --release -- build --site . --output <tmp>/site/portal \
//        --base-url http://127.0.0.1:<port>/portal/
//    (with SITE_DIR set, serves that folder as it is and builds nothing);
// 3. runs `node --test` on tests/browser/*.test.mjs (or those whose name contains a
//    FILTER) with BASE_URL, SITE_DIR and ARTEFACTS_DIR in their environment;
// 4. prints `browser: N passed, N failed` and exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer } from './lib/server.mjs';
import { ARTEFACTS_DIR, BROWSER_DIR, URL_PREFIX, buildSite } from './lib/site.mjs';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const filters = dash === -1 ? argv : argv.slice(0, dash);
const nodeTestArgs = dash === -1 ? [] : argv.slice(dash + 1);

const files = readdirSync(BROWSER_DIR)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

function summary(passed, failed) {
  console.log(`browser: ${passed} passed, ${failed} failed`);
}

if (files.length === 0) {
  console.error(`[browser] no test file matches ${filters.join(' ')}`);
  summary(0, 1);
  process.exit(1);
}

// Only this run's artefacts in the folder.
mkdirSync(ARTEFACTS_DIR, { recursive: true });
for (const f of readdirSync(ARTEFACTS_DIR)) {
  if (/\.(png|pdf|json|md|tap|txt)$/.test(f)) rmSync(path.join(ARTEFACTS_DIR, f), { force: true });
}

const scratch = mkdtempSync(path.join(tmpdir(), 'minhbach-browser-'));
const siteDir = process.env.SITE_DIR ? path.resolve(process.env.SITE_DIR) : path.join(scratch, 'site', 'portal');
const server = await startServer({ root: siteDir, prefix: URL_PREFIX, port: Number(process.env.PORT || 0) });
let exitCode = 1;
try {
  exitCode = await runSuite();
} finally {
  await server.close();
  if (process.env.KEEP_SITE) console.error(`[browser] kept the built site in ${siteDir}`);
  else rmSync(scratch, { recursive: true, force: true });
}
process.exit(exitCode);

async function runSuite() {
  console.error(`[browser] serving ${siteDir} at ${server.baseUrl}`);
  if (!process.env.SITE_DIR) {
    try {
      await buildSite({ outDir: siteDir, baseUrl: server.baseUrl });
    } catch (err) {
      console.error(`[browser] ${err.message}`);
      console.error('[browser] FAILED: the portal could not be built, so no browser test ran.');
      summary(0, 1);
      return 1;
    }
  }
  const tapFile = path.join(ARTEFACTS_DIR, 'browser.tap');
  const args = [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...nodeTestArgs,
    ...files.map((f) => path.join(BROWSER_DIR, f)),
  ];
  console.error(`[browser] node ${args.join(' ')}`);
  // Asynchronous spawn: the server lives in this process and must keep answering.
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BASE_URL: server.baseUrl, SITE_DIR: siteDir, ARTEFACTS_DIR, FORCE_COLOR: '0' },
    });
    child.on('error', (err) => {
      console.error(`[browser] could not start node: ${err.message}`);
      resolve(1);
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  let tap = '';
  try {
    tap = readFileSync(tapFile, 'utf8');
  } catch {}
  const count = (name) => Number((tap.match(new RegExp(`^# ${name} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (code !== 0 && failed === 0) failed = 1; // the runner itself failed
  summary(passed, failed);
  console.error(`[browser] artefacts in ${ARTEFACTS_DIR}`);
  return code === 0 && failed === 0 ? 0 : 1;
}
