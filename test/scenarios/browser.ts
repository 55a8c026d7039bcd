/*
 * Debian's Chromium, headless, driven by playwright-core (Playwright's own
 * browser downloads are out of reach; .ci/run installs the chromium
 * package). Screenshots go to test-artifacts/ in the repository, kept by
 * CI as artifacts and shown in the README.
 */

import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from '../harness.js';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(repoRoot, 'test-artifacts');

export async function launchChromium(): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    /* No sandbox as root; no calls home, which this machine's closed network refuses by the dozen. */
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a screenshot of `page` as test-artifacts/NAME.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}
