/*
 * Escape tests: a component tries every known way out of its sandbox.
 * Each attempt is its own assertion, so a regression names the hole.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nidoRun, repoRoot } from '../harness.js';

const dir = join(repoRoot, 'test', 'scenarios', 'escape');

test('no way out of the sandbox', async (t) => {
  const source = await readFile(join(dir, 'escapee.js'), 'utf8');
  const names = [...source.matchAll(/^ {2}'([^']+)': /gm)].map((m) => m[1] as string);
  assert.ok(names.length >= 40, `expected the full list of attempts, found ${names.length}`);
  const result = await nidoRun(dir, ['--until', '^\\[init -> escapee\\] escape attempts', '--timeout', '60']);
  assert.equal(result.code, 0, result.stderr + result.lines.join('\n'));
  for (const name of names) {
    await t.test(name, () => {
      assert.ok(result.lines.includes(`[init -> escapee] escape ${name}: denied`), result.lines.filter((l) => l.includes(name)).join('\n') || `no outcome for ${name}`);
    });
  }
  assert.ok(result.lines.includes(`[init -> escapee] escape attempts: ${names.length}, escaped: 0`));
});

test('importing Node modules is refused at load time, naming the importer, the import and where', async () => {
  const result = await nidoRun(dir, ['--until', 'static_importer: start failed', '--timeout', '60']);
  const all = result.lines.join('\n');
  assert.equal(result.code, 0, all);
  assert.match(all, /Error: static_importer: start failed: static_importer:3:30: "static_importer" imports "node:fs", a built-in module of Node: a component reaches the world only through sessions/);
  assert.doesNotMatch(all, /ESCAPED|\/work\/|file:\/\//);
});

test('a dynamic import is rejected before the component runs', async () => {
  const result = await nidoRun(dir, ['--until', 'child "importer" exited', '--timeout', '60']);
  const all = result.lines.join('\n');
  assert.equal(result.code, 0, all);
  assert.match(all, /\[init -> importer\] Error: uncaught SyntaxError: Possible import expression rejected/);
  /* The crash names no file of the host (the runtime's frames are left out). */
  assert.doesNotMatch(all, /ESCAPED|file:\/\/|ses\.js/);
});
