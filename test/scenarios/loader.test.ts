/*
 * The loader (the talk's "Loader service"): a client starts, watches and
 * ends subsystems, each paid for by its own session; a subsystem reaches
 * only what the loader's policy permits; hundreds of cycles leave neither
 * quota nor memory behind.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, nidoRun, repoRoot } from '../harness.js';

const scenario = (name: string) => join(repoRoot, 'test', 'scenarios', name);

test('a loader client starts, observes and ends subsystems in turn; a forbidden session is denied and logged', async () => {
  const result = await nidoRun(scenario('loader'), ['--until', 'controller done', '--timeout', '120']);
  assert.equal(result.code, 0, result.stderr);
  for (const line of [
    '[init -> loader -> first] hello from a loaded subsystem',
    '[init -> loader] subsystem "first" exited with exit value 0',
    '[init -> controller] first ended: {"reason":"exit","code":0,"message":"exit(0)"}',
    '[init -> controller] quota back after first: true',
    '[init -> loader -> second -> greeter] hello from a loaded subsystem',
    '[init -> controller] quota back after second: true',
    '[init -> loader] Warning: third: Timer session denied by the loader\'s policy (label="third -> ")',
    '[init -> loader -> third] timer denied: RouteMissing',
    '[init -> controller] third ended: {"reason":"exit","code":3,"message":"exit(3)"}',
    '[init -> controller] quota back after third: true',
    '[init -> controller] fourth running: {"started":true}',
    '[init -> controller] quota back after fourth: true',
  ]) assert.ok(result.lines.includes(line), `missing "${line}" in\n${result.lines.join('\n')}`);
});

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 'NaN');
}

test('soak: 200 subsystems started and ended through the loader return all quota; memory does not grow', async () => {
  const nido = new Nido(scenario('loader_soak'), ['--timeout', '600']);
  try {
    const pid = nido.pid;
    assert.ok(pid !== undefined);
    await nido.waitFor(/^\[init -> soaker\] round 50: quota back true$/, 300_000);
    const early = await rssKiB(pid);
    for (const round of [100, 150, 200]) await nido.waitFor(new RegExp(`^\\[init -> soaker\\] round ${round}: quota back true$`), 300_000);
    await nido.waitFor(/^\[init -> soaker\] soak done$/, 60_000);
    const late = await rssKiB(pid);
    /* Workers come and go; what must not happen is growth with every round (150 rounds lie between the samples). */
    assert.ok(late < early * 1.5 + 64 * 1024, `RSS grew from ${early} KiB to ${late} KiB`);
  } finally {
    await nido.stop();
  }
});
