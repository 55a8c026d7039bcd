/*
 * A noux process's memory is paid from its PD's quota, which noux raises
 * as the program grows: malloc's sbrk asks first (wasm/posix/src/sbrk.c),
 * so a program that takes megabytes between two system calls gets them
 * while noux can pay, and NULL (ENOMEM) when it cannot, instead of a PD
 * ended by the RAM meter. Compared with the same program on Linux
 * (wasm/noux/t_malloc.c).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, nouxScenarioConfig, repoRoot } from '../harness.js';

const CONSOLE = /^\[init -> log_terminal\] ?/;

function config(nouxRam: string): string {
  return nouxScenarioConfig({ caps: 500, ram: nouxRam, fstab: '<tar name="noux_tests.tar"/>', start: '<start name="/bin/t_malloc"/>' });
}

async function underNoux(nouxRam: string): Promise<{ lines: string[]; log: string[] }> {
  const dir = await bootDir({ config: config(nouxRam) });
  try {
    const result = await new Nido(dir, ['--timeout', '120', '--ram', '1G']).exited;
    assert.equal(result.code, 0, result.lines.join('\n'));
    return { lines: result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd()), log: result.lines };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function natively(): string[] {
  const bin = join(tmpdir(), `nido-t_malloc-${process.pid}`);
  const built = spawnSync('clang', ['-O2', '-w', '-o', bin, join(repoRoot, 'wasm', 'noux', 't_malloc.c')], { encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const run = spawnSync(bin, [], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trimEnd().split('\n');
}

/*
 * The physical memory a process sees is noux's RAM quota: the `ram` of
 * its <start> less what its own environment takes (a few MiB).
 */
function assertPhysical(line: string | undefined, nouxMib: number): void {
  const mib = Number(/^physical memory: (\d+) MiB$/.exec(line ?? '')?.[1]);
  assert.ok(mib > nouxMib - 16 && mib <= nouxMib, `${line} for a noux of ${nouxMib} MiB`);
}

test('malloc of 16 MiB blocks under noux: granted while noux can pay, NULL with ENOMEM after, as Linux at its limit', async () => {
  const [physical, ...expected] = natively();
  assert.match(physical ?? '', /^physical memory: [1-9]\d* MiB$/);
  assert.equal(expected[1], 'malloc refused: none (limit 256 MiB)');

  /* Room for all of it: the same as Linux. */
  const roomy = await underNoux('400M');
  assert.deepEqual(roomy.lines.slice(1), expected, roomy.log.join('\n'));
  assertPhysical(roomy.lines[0], 400);

  /* 96 MiB for noux: the program meets the refusal, goes on and frees; nothing is killed. */
  const tight = await underNoux('96M');
  assertPhysical(tight.lines[0], 96);
  assert.deepEqual(tight.lines.slice(1, 3), [expected[0], 'malloc refused: ENOMEM'], tight.log.join('\n'));
  assert.deepEqual(tight.lines.slice(3), expected.slice(2));
  assert.ok(!tight.log.some((line) => /exceeded|trapped|killed/.test(line)), tight.log.join('\n'));
});
