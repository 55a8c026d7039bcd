/*
 * The npm compatibility suite (docs/component-api.md, "npm packages"): 40
 * widely used pure-JS packages, each imported unmodified by a component
 * of test/npm (a smoke test of its main API), bundled by core from the
 * repository's node_modules and run in a compartment. Every package but
 * the ones documented as failing must log "ok NAME"; a documented failure
 * must still fail the documented way, so that the table stays true.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, repoRoot } from '../harness.js';

const dir = join(repoRoot, 'test', 'npm');

interface Package { readonly package: string; readonly smoke: string }

/* Packages that cannot run in a compartment, and what they fail with (see the docs' table). */
const KNOWN_FAILURES: Readonly<Record<string, RegExp>> = {
  /* Its browser build carries core-js 2, which rewrites Function.prototype.toString. */
  json5: /Error: uncaught TypeError: Cannot delete property 'toString' of function/,
};
const GOAL = 0.95;

test('40 npm packages run unmodified in components (≥ 95 %)', { timeout: 300_000 }, async (t) => {
  const packages = JSON.parse(await readFile(join(dir, 'packages.json'), 'utf8')) as Package[];
  const config = await readFile(join(dir, 'config'), 'utf8');
  assert.equal(packages.length, 40);
  const nido = new Nido(dir, ['--ram', '2G', '--timeout', '280']);
  try {
    let passed = 0;
    for (const { package: name, smoke } of packages) {
      const component = smoke.replace(/\.js$/, '');
      assert.ok(config.includes(`<start name="${component}"/>`), `test/npm/config starts ${component}`);
      await t.test(name, async () => {
        await nido.waitFor(new RegExp(`^\\[init\\] child "${component.replace(/\./g, '\\.')}" exited`), 240_000);
        const own = nido.lines.filter((line) => line.startsWith(`[init -> ${component}] `)).join('\n');
        const failure = KNOWN_FAILURES[name];
        if (failure === undefined) {
          assert.ok(nido.lines.includes(`[init -> ${component}] ok ${name}`), own);
          passed++;
        } else {
          assert.match(own, failure, `${name} is documented as failing this way; if it works now, update the docs`);
        }
      });
    }
    assert.ok(passed / packages.length >= GOAL, `${passed} of ${packages.length} work`);
  } finally {
    await nido.stop();
  }
});
