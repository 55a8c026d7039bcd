/*
 * Scenario test of the VFS library in a real component (spec/runtime.md
 * §2): test/scenarios/vfs_library/probe.ts is bundled with src/lib/vfs, as
 * the C runtime and the vfs server link the library, and runs under `nido
 * run` against core's ROM, LOG, Timer and PD sessions, inside its
 * compartment. Checks tar, rom (and its updates), log, rtc, zero, import,
 * symlinks, terminal (core's, on a pipe), and that the RAM file system is
 * paid from the PD account, ends in ENOSPC and returns every byte.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, repoRoot } from '../harness.js';
import { bundleComponent } from './vfs_bundle.js';

/* dist/test/scenarios → dist/lib/vfs (the type comes from the source, the module from the build) */
const { writeTar } = (await import(new URL('../../lib/vfs/tar_writer.js', import.meta.url).href)) as typeof import('../../src/lib/vfs/tar_writer.js');

test('vfs library: every plugin against core\'s sessions, RAM paid from the PD and returned', async () => {
  const scenario = join(repoRoot, 'test', 'scenarios', 'vfs_library');
  const dir = await bootDir({
    'probe.js': await bundleComponent(join(scenario, 'probe.ts')),
    'root.tar': writeTar([
      { path: 'etc/motd', type: 'file', data: 'Welcome to Nido\n' },
      { path: 'usr/lib/libc.so', type: 'file', data: 'ELF' },
      { path: 'usr/lib/libm.so', type: 'file', data: 'ELF' },
    ]),
    settings: 'version 1',
    blob: new Uint8Array([0, 1, 2, 0, 255]),
  }, scenario);
  const nido = new Nido(dir, ['--timeout', '90']);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> probe\] waiting for version 2$/, 60_000);
    has('[init -> probe] tar: Welcome to Nido');
    has('[init -> probe] tar write: EROFS');
    has('[init -> probe] through symlinks: libc.so,libm.so');
    has('[init -> probe] missing: ENOENT');
    has('[init -> probe] root: dev,etc,tmp,usr');
    has('[init -> probe] import: from the import');
    has('[init -> probe] blob: 5');
    has('[init -> probe] zero: 512');
    assert.ok(nido.lines.some((line) => /^\[init -> probe\] rtc: "1970-01-01 \d\d:\d\d:\d\d\\n"$/.test(line)), 'rtc: the epoch at boot');
    has('[init -> probe] line one');
    has('[init -> probe] line two');
    has('[init -> probe] partial');
    has('[init -> probe -> audit] audited');
    has('[init -> probe] ram charged at least 1M: true');
    has('[init -> probe] ram returned: true');
    has('[init -> probe] fill: ENOSPC');
    has('[init -> probe] filled more than 1M: true');
    has('[init -> probe] ram returned after fill: true');
    has('[init -> probe] settings: version 1');

    /* same size: refreshed in place at the next open */
    await writeFile(join(dir, 'settings'), 'version 2');
    await nido.waitFor(/^\[init -> probe\] settings: version 2$/);
    /* larger: arrives with the ROM's signal */
    await writeFile(join(dir, 'settings'), 'version three, longer');
    await nido.waitFor(/^\[init -> probe\] settings: version three, longer$/);

    /* core's Terminal on the pipe: the probe blocks in waitReadReady until input comes */
    await nido.waitFor(/\[init -> probe\] terminal: waiting$/);
    nido.input('hello vfs\nsecond ');
    await nido.waitFor(/\[init -> probe\] terminal line "hello vfs"$/);
    await nido.waitFor(/^echo: hello vfs\r?$/);
    nido.input('line\nrest');
    await nido.waitFor(/\[init -> probe\] terminal line "second line"$/);
    nido.endInput();
    await nido.waitFor(/\[init -> probe\] terminal: end of input after "rest"$/);
    await nido.waitFor(/\[init -> probe\] terminal rows: <terminal rows="\d+" columns="\d+"\/>$/);
    await nido.waitFor(/^\[init -> probe\] done$/);
    has('[init -> probe] after close: true');
  } finally {
    await nido.stop();
  }
});
