/*
 * The launchpad (the talk's launchpad window): commands typed on a Terminal
 * start and kill subsystems through the loader; the status shows quotas in
 * the talk's format, and every byte comes back when children are killed.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, repoRoot } from '../harness.js';

test('the launchpad starts and kills subsystems from terminal commands and shows their quotas', async () => {
  const nido = new Nido(join(repoRoot, 'test', 'scenarios', 'launchpad'), ['--timeout', '120']);
  try {
    const first = await nido.waitFor(/^ {2}Quota {10}\d+ (KByte|MByte) \/ \d+ (KByte|MByte)/);
    await nido.waitFor(/^ {2}testnit {8}8192 KByte \/ /);
    await nido.waitFor(/^ {2}hello {10}512 KByte \/ /);

    let from = nido.lines.length;
    nido.input('start testnit\n');
    await nido.waitFor(/^\[init -> launchpad\] started testnit$/);
    await nido.waitFor(/^\[init -> loader -> testnit -> ticker\] testnit is up$/);
    await nido.waitFor(/^ {2}testnit {8}\d+ KByte \/ 8192 KByte$/, 30_000, from);

    nido.input('start hello\r\nstart testnit\n');
    await nido.waitFor(/^\[init -> loader -> hello\] hello from the launchpad$/);
    await nido.waitFor(/^\[init -> launchpad\] started testnit\.2$/);
    await nido.waitFor(/^\[init -> loader -> testnit\.2 -> ticker\] testnit is up$/);

    from = nido.lines.length;
    nido.input('kill testnit\nkill testnit.2\nkill hello\nfrobnicate\n');
    await nido.waitFor(/^\[init -> launchpad\] killed hello$/);
    await nido.waitFor(/^unknown command "frobnicate" \(try help\)/, 30_000, from);
    nido.input('status\n');
    from = nido.lines.length;
    const last = await nido.waitFor(/^ {2}Quota {10}/, 30_000, from);
    /* Everything the children had is back with the launchpad. */
    assert.equal(last, first);
    await nido.waitFor(/^Children$/, 30_000, from);
    const afterKill = nido.lines.slice(nido.lines.indexOf('Children', from) + 1);
    const end = afterKill.findIndex((line) => !line.startsWith('  '));
    const children = afterKill.slice(0, end < 0 ? afterKill.length : end);
    assert.deepEqual(children, [], afterKill.join('\n'));
  } finally {
    await nido.stop();
  }
});
