/*
 * Scenario test of the VFS library's <fs> plugin on ram_fs (spec/runtime.md
 * §2, §3): files, appends, timestamps, a file larger than the bulk buffer,
 * symlinks made through the session and followed by the VFS, a read-only
 * view (EACCES), storage that grows as the mount writes (the client
 * donating more), and ENOSPC once the client's own quota cannot pay.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, bootDir, repoRoot } from '../harness.js';
import { bundleComponent } from './vfs_bundle.js';

test('vfs <fs> on ram_fs: a C program\'s view of a File_system server', async () => {
  const scenario = join(repoRoot, 'test', 'scenarios', 'vfs_ram_fs');
  const dir = await bootDir({ 'user.js': await bundleComponent(join(scenario, 'user.ts')) }, scenario);
  const nido = new Nido(dir, ['--timeout', '90']);
  const has = (line: string) => assert.ok(nido.lines.includes(`[init -> user] ${line}`), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> user\] user done$/, 60_000);
    has('profile: PATH=/bin');
    has('notes: "first\\nsecond\\n"');
    has('notes size: 13');
    has('notes time: 1700000000');
    has('again, exclusively: EEXIST');
    has('big equal: true');
    has('big after truncate: 10');
    has('link: symlink -> docs/notes');
    has('through the link: "first\\nsecond\\n"');
    has('home: big:file dirlink:symlink docs:directory link:symlink profile:file');
    has('docs: more:file notes:file');
    has('rmdir docs: ENOTEMPTY');
    has('moved: through a directory link');
    has('unlink a directory: EISDIR');
    has('hard link: undefined');
    has('hard link names: 2, same inode true, "first\\nsecond\\n"');
    has('view: home:directory scratch:directory');
    has('view of the link: docs/notes');
    has('view through the link: "first\\nsecond\\n"');
    has('write in the view: EACCES');
    has('mkdir in the view: EACCES');
    has('unlink in the view: EACCES');
    has('link in the view: EACCES');
    has('fill: ENOSPC');
    has('filled at least 32K: true');
    has('filled beyond the first donation, within the quota: true');
    has('after freeing: undefined');
  } finally {
    await nido.stop();
  }
});
