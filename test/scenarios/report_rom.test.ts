/*
 * Scenario test of report_rom (spec/init.md §8.1): a report becomes a ROM
 * module that its reader sees change; requests without policy, a second
 * writer and a zero-length report are refused with Genode's messages.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, repoRoot } from '../harness.js';

test('report_rom: a producer\'s report is its consumer\'s ROM; readers without policy are denied', async () => {
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'report_rom'));
  const nido = new Nido(dir, ['--timeout', '90']);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> consumer\] status: 1$/);
    await nido.waitFor(/^\[init -> report_rom\] {3}<status value="1">$/);
    has(`[init -> report_rom] report 'producer -> status'`);
    await nido.waitFor(/^\[init -> producer\] big: accepted$/);
    has('[init -> producer] second writer: ServiceDenied');
    has('[init -> producer] zero-length: ServiceDenied');
    has('[init -> report_rom] Error: zero-length report requested by producer -> empty');
    has('[init -> report_rom] Error: insufficient ram donation from producer -> big');

    await nido.waitFor(/^\[init -> intruder\] attempt 1: ServiceDenied$/);
    has(`[init -> report_rom] Warning: no valid policy for ROM request 'intruder -> status'`);

    /* A new report reaches the reader. */
    const file = join(dir, 'config');
    const config = await readFile(file, 'utf8');
    await writeFile(file, config.replace('<config version="1"/>', '<config version="2"/>'));
    await nido.waitFor(/^\[init -> consumer\] status: 2$/);

    /* Policies are read at each ROM-session creation: the intruder, asking again, gets the module. */
    await writeFile(file, config
      .replace('<config version="1"/>', '<config version="2"/>')
      .replace('<policy label="consumer -> status"', '<policy label_prefix="intruder" report="producer -> status"/>\n      <policy label="consumer -> status"')
      .replace('<config attempt="1"/>', '<config attempt="2"/>'));
    await nido.waitFor(/^\[init -> intruder\] attempt 2: status 2$/);
  } finally {
    await nido.stop();
  }
});
