/* The `nido` command line: help, usage errors, --until, --fail, --timeout. */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { nidoBin, nidoRun, repoRoot } from '../harness.js';

const hello = join(repoRoot, 'examples', 'hello');

function nido(...args: string[]) {
  return spawnSync(process.execPath, [nidoBin, ...args], { encoding: 'utf8' });
}

test('--help documents every option and exits 0', () => {
  const result = nido('--help');
  assert.equal(result.status, 0);
  for (const option of ['--until', '--fail', '--timeout', '--report-dir', '--ram', '--caps']) assert.ok(result.stdout.includes(option), option);
});

test('usage errors exit 2 with a message', () => {
  for (const args of [['frobnicate'], ['run'], ['run', hello, '--bogus'], ['run', hello, '--ram', 'lots'], ['run', '/nonexistent/boot']]) {
    const result = nido(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^nido: /, args.join(' '));
  }
});

test('--until exits 0, --fail exits 1, --timeout exits 1', async () => {
  assert.equal((await nidoRun(hello, ['--until', 'Hello', '--timeout', '30'])).code, 0);
  assert.equal((await nidoRun(hello, ['--fail', 'Hello', '--timeout', '30'])).code, 1);
  const timedOut = await nidoRun(hello, ['--until', 'never printed', '--timeout', '1']);
  assert.equal(timedOut.code, 1);
  assert.match(timedOut.stderr, /timeout after 1 s/);
});
