// Headless Debian Chromium through playwright-core, each launch with a fresh profile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * Launch Chromium with a fresh, empty profile (launchPersistentContext on a new
 * temporary folder). `options` are Playwright context options, e.g.
 * { javaScriptEnabled: false, viewport }. Returns the context; `context.close()`
 * also removes the profile folder.
 */
export async function launch(options = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'minhbach-chromium-'));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'vi-VN',
      timezoneId: 'Asia/Ho_Chi_Minh',
      ...options,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw new Error(`could not launch ${CHROMIUM} headless: ${err.message}`);
  }
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  const close = context.close.bind(context);
  context.close = async () => {
    await close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  };
  return context;
}

/** The first page of a persistent context (it opens with one), or a new one. */
export async function firstPage(context) {
  return context.pages()[0] ?? (await context.newPage());
}
