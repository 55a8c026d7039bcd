/*
 * Every byte paid (docs/quotas.md): each way a component can allocate
 * memory is refused where its RAM quota ends, shows as used and comes
 * back once let go; ten components exhausting their quotas side by side
 * neither stop a ticking witness nor keep a byte when they go.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, initAccounts, initAccountsWhenEmpty, nidoRun, reportDir, repoRoot, waitForReport } from '../harness.js';

const scenario = (name: string) => join(repoRoot, 'test', 'scenarios', name);

/* Node 20 has no native ArrayBuffer.prototype.transfer, and SES's stand-in does not run here. */
const hasTransfer = typeof (ArrayBuffer.prototype as { transfer?: unknown }).transfer === 'function';

test('every way to allocate memory is refused where the quota ends, shows as used and comes back', async (t) => {
  const source = await readFile(join(scenario('ram_meter'), 'paths.js'), 'utf8');
  const names = [...source.matchAll(/^ {2}'([^']+)': \[/gm)].map((m) => m[1] as string);
  assert.ok(names.length >= 30, `expected the full list of paths, found ${names.length}`);
  const result = await nidoRun(scenario('ram_meter'), ['--until', '^\\[init -> paths\\] paths: ', '--timeout', '240']);
  assert.equal(result.code, 0, result.stderr + result.lines.join('\n'));
  for (const name of names) {
    await t.test(name, () => {
      const line = result.lines.find((l) => l.startsWith(`[init -> paths] path ${name}: `)) ?? `no outcome for ${name}`;
      if (name === 'ArrayBuffer.prototype.transfer' && !hasTransfer) {
        assert.equal(line, `[init -> paths] path ${name}: not on this engine`);
        return;
      }
      if (name === 'WebAssembly module with a memory it does not export') {
        assert.match(line, /: refused after 0 steps: WebAssembly module refused: it defines a linear memory it does not export/);
        return;
      }
      assert.match(line, /: refused after \d+ steps: \S+: \d+ bytes refused: the RAM quota of [\d.]+ MiB has \d+ bytes available/);
    });
  }
  assert.ok(result.lines.includes(`[init -> paths] paths: ${names.length}, failed: 0`), result.lines.join('\n'));
});

test('ten components exhaust their quotas beside a ticking witness; every byte comes back', async () => {
  const reports = await reportDir();
  const dir = await bootDir({}, scenario('ram_hogs'));
  const config = await readFile(join(dir, 'config'), 'utf8');
  const without = config.replace(/<start name="(witness|hog)[\s\S]*?(\/>|<\/start>)\s*(?=<start|<\/config>)/g, '');
  assert.ok(!without.includes('<start'), without);
  await writeFile(join(dir, 'config'), without);
  const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '300']);
  try {
    const empty = await waitForReport(reports, 'init/state', (r) => r.includes('<ram quota='));
    const before = initAccounts(empty);
    await writeFile(join(dir, 'config'), config);

    const hogs = [...config.matchAll(/<start name="(hog_\w+)">/g)].map((m) => m[1] as string);
    assert.equal(hogs.length, 10);
    const firstTick = await nido.waitFor(/^\[init -> witness\] tick 1,/);
    /* The heap hog cannot be refused: it is ended, under its label, naming its quota. */
    await nido.waitFor(/^\[init -> hog_heap\] Error: RAM quota of [\d.]+ MiB exceeded: /, 120_000);
    await nido.waitFor(/^\[init\] child "hog_heap" exited with exit value 1$/);
    for (const hog of hogs.filter((name) => name !== 'hog_heap')) {
      const line = await nido.waitFor(new RegExp(`^\\[init -> ${hog}\\] held \\d+ MiB, refused \\d+ times, used \\d+ of \\d+$`), 120_000);
      const [, held, refused, used, quota] = /held (\d+) MiB, refused (\d+) times, used (\d+) of (\d+)/.exec(line) ?? [];
      assert.ok(Number(held) > 0 && Number(refused) > 0, line);
      /* The first 256 KiB of buffers are the PD's base (docs/quotas.md). */
      assert.ok(Number(used) >= Number(held) * 1024 * 1024 - 256 * 1024 && Number(used) <= Number(quota), line);
    }
    /* The witness ticked on while they tried, and after. */
    const ticks = nido.lines.filter((line, index) => index > nido.lines.indexOf(firstTick) && line.startsWith('[init -> witness] tick ')).length;
    assert.ok(ticks >= 10, `only ${ticks} ticks while the hogs ran`);
    await nido.waitFor(/^\[init -> witness\] tick \d+,/, 30_000, nido.lines.length);

    await writeFile(join(dir, 'config'), without);
    assert.deepEqual(await initAccountsWhenEmpty(reports, before, 60_000), before);
  } finally {
    await nido.stop();
  }
});
