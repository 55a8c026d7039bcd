/*
 * The global scope of a JavaScript component (docs/component-api.md):
 * every check of globals.js passes in a component whose parent routes
 * Timer, and a component without that route gets Nido's error for every
 * clock and timer while randomness and dates from numbers still work.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, nidoRun, repoRoot } from '../harness.js';

const dir = join(repoRoot, 'test', 'scenarios', 'web_globals');

test('the web platform globals work in a component, time through its Timer session', async (t) => {
  const source = await readFile(join(dir, 'globals.js'), 'utf8');
  const names = [...source.matchAll(/^check\('([^']+)'/gm)].map((m) => m[1] as string);
  assert.ok(names.length >= 20, `expected the full list of checks, found ${names.length}`);
  const result = await nidoRun(dir, ['--until', 'child "globals" exited', '--timeout', '60']);
  const all = result.lines.join('\n');
  for (const name of names) {
    await t.test(name, () => assert.ok(result.lines.includes(`[init -> globals] check ${name}: ok`),
      result.lines.filter((line) => line.includes(`check ${name}:`)).join('\n') || `no outcome for ${name}\n${all}`));
  }
  assert.ok(result.lines.includes(`[init -> globals] checks: ${names.length}, failed: 0`), all);
  assert.ok(result.lines.includes('[init -> globals] visits: 1'), 'console.count logs');
  assert.ok(result.lines.includes('[init] child "globals" exited with exit value 0'), all);
});

test('without a Timer route, clocks and timers say which route is missing', async () => {
  const result = await nidoRun(dir, ['--until', 'child "no_timer" exited', '--timeout', '60']);
  const all = result.lines.join('\n');
  for (const what of ['Date.now()', 'new Date()', 'setTimeout', 'performance.now()']) {
    const line = result.lines.find((l) => l.startsWith(`[init -> no_timer] ${what}: `)) ?? '';
    assert.match(line, /TimerDenied: .*a clock needs a Timer session, and the parent denied it \(no_timer: Timer session denied/, all);
    assert.match(line, /<route> <service name="Timer"> <parent\/> <\/service> <\/route>/);
  }
  assert.ok(result.lines.includes('[init -> no_timer] random: number 36'), all);
  assert.ok(result.lines.includes('[init -> no_timer] dated: 1970-01-02T00:00:00.000Z'), all);
});

test('a TypeScript component imports a package and its types', async () => {
  const result = await nidoRun(dir, ['--until', 'child "typed" exited', '--timeout', '60']);
  assert.ok(result.lines.includes('[init -> typed] typed: true false too_big'), result.lines.join('\n'));
});

test('a package that uses Node\'s process crashes its component with a line naming the package and its file', async () => {
  const dir = await bootDir({
    config: `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="4M"/>
  <start name="reader"/>
  <start name="own"/>
</config>`,
    'node_modules/cwd-reader/package.json': JSON.stringify({ name: 'cwd-reader', main: 'index.js' }),
    'node_modules/cwd-reader/index.js': `module.exports = function where() {\n  return process.cwd();\n};\n`,
    'reader.js': `import where from 'cwd-reader';\nexport function construct(env) { env.log(where()); }\n`,
    'own.js': `export function construct(env) {\n  env.log(__dirname.length);\n}\n`,
  });
  const nido = new Nido(dir, ['--timeout', '60']);
  await nido.waitFor(/child "own" exited/);
  await nido.waitFor(/child "reader" exited/);
  const result = await nido.stop();
  const all = result.lines.join('\n');
  /* In a compartment a name no global has reads as undefined. */
  assert.match(all, /\[init -> reader\] Error: uncaught TypeError: Cannot read properties of undefined \(reading 'cwd'\)/);
  assert.ok(result.lines.some((line) => line.includes('package "cwd-reader" (node_modules/cwd-reader/index.js) uses Node\'s `process`, which a component does not have')), all);
  assert.ok(result.lines.some((line) => line.includes('"own" uses Node\'s `__dirname`, which a component does not have')), all);
  assert.doesNotMatch(all, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
});
