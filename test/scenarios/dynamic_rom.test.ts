/*
 * Scenario test of dynamic_rom (spec/init.md §8.2): a ROM client sees the
 * script's versions in order (content, absence, other content, and again
 * from the start); an unknown module is denied with Genode's error.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, repoRoot } from '../harness.js';

test('dynamic_rom: a client sees <config> <a/> </config>, then no module, then b, then a again', async () => {
  const nido = new Nido(join(repoRoot, 'test', 'scenarios', 'dynamic_rom'), ['--timeout', '90']);
  try {
    await nido.waitFor(/^\[init -> watcher\] missing: ServiceDenied$/);
    assert.ok(nido.lines.includes(`[init -> dynamic_rom] Error: ROM module lookup of 'watcher -> missing' failed`), nido.lines.join('\n'));

    const a = '[init -> watcher] settings: <config> <a/> </config>';
    const absent = '[init -> watcher] settings: absent';
    const b = '[init -> watcher] settings: <config> <b/> </config>';
    await nido.waitFor(/^\[init -> watcher\] settings: <config> <a\/> <\/config>$/);
    await nido.waitFor(/^\[init -> watcher\] settings: absent$/);
    await nido.waitFor(/^\[init -> watcher\] settings: <config> <b\/> <\/config>$/);
    const start = nido.lines.indexOf(b);
    await nido.waitFor(/^\[init -> watcher\] settings: <config> <a\/> <\/config>$/, 30_000, start);
    /* Each session starts the script at its creation: the first version the client sees is a. */
    const seen = nido.lines.filter((line) => line.startsWith('[init -> watcher] settings:'));
    assert.deepEqual(seen.slice(0, 4), [a, absent, b, a]);

    for (const line of [
      '[init -> dynamic_rom] settings: change (first)',
      '[init -> dynamic_rom] settings: sleep 500 milliseconds',
      '[init -> dynamic_rom] settings: remove',
      '[init -> dynamic_rom] settings: change',
    ]) assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  } finally {
    await nido.stop();
  }
});
