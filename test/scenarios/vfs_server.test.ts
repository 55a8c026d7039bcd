/*
 * Scenario test of the vfs server (spec/runtime.md §3): a tar archive, a
 * RAM file system and an inline file served as one File_system, used by a
 * JS client through nido's File_system session and by a component that
 * mounts it with the VFS library's <fs> plugin; policies by label, denial
 * without one, read-only policies, errors as errno, files written by one
 * client read by the other, and every donation back when the clients are
 * done.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, bootDir, reportDir, repoRoot, waitForReport } from '../harness.js';
import { bundleComponent } from './vfs_bundle.js';

/* dist/test/scenarios → dist/lib/vfs (the type comes from the source, the module from the build) */
const { writeTar } = (await import(new URL('../../lib/vfs/tar_writer.js', import.meta.url).href)) as typeof import('../../src/lib/vfs/tar_writer.js');

test('vfs server: one File_system from tar, ram and inline, for a JS client and a VFS with <fs> mounts', async () => {
  const scenario = join(repoRoot, 'test', 'scenarios', 'vfs_server');
  const dir = await bootDir({
    'mounter.js': await bundleComponent(join(scenario, 'mounter.ts')),
    'root.tar': writeTar([
      { path: 'usr/lib/libc.so', type: 'file', data: 'ELF for everybody' },
      { path: 'usr/share/doc/README', type: 'file', data: 'read me' },
      { path: 'lib', type: 'symlink', linkTarget: 'usr/lib' },
    ]),
  }, scenario);
  const reports = await reportDir();
  const nido = new Nido(dir, ['--timeout', '90', '--report-dir', reports]);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> client\] client done$/, 60_000);
    await nido.waitFor(/^\[init -> mounter\] mounter done$/, 60_000);
    await nido.waitFor(/^\[init -> intruder\] intruder: ServiceDenied$/);

    has('[init -> client] client root: usr:directory lib:symlink tmp:directory etc:directory');
    has('[init -> client] client motd: served by the vfs server');
    has('[init -> client] client tar: ELF for everybody');
    has('[init -> client] client symlink: symlink -> usr/lib');
    has('[init -> client] client write to root: PermissionDenied');
    has('[init -> client] client read /tmp/from-mounter: written by the mounter');

    has('[init -> mounter] root: usr:directory lib:symlink tmp:directory etc:directory');
    has('[init -> mounter] motd: served by the vfs server');
    has('[init -> mounter] through the served symlink: ELF for everybody');
    has('[init -> mounter] symlink: symlink -> usr/lib');
    has('[init -> mounter] write to a read-only policy: EACCES');
    has('[init -> mounter] write to a read-only session: EACCES');
    has('[init -> mounter] write into the tar: EACCES');
    has('[init -> mounter] mkdir in the tar: EACCES');
    has('[init -> mounter] missing: ENOENT');
    has('[init -> mounter] below a file: ENOTDIR');
    has('[init -> mounter] mounter read /tmp/from-client: written by the client');
    has('[init -> mounter] through a symlink made over the session: in a directory');
    has('[init -> mounter] tmp: from-client:file dir:directory link:symlink');
    has('[init -> mounter] rmdir of a full directory: ENOTEMPTY');
    has('[init -> mounter] hard link over the session: undefined');
    has('[init -> mounter] its names: 2, in a directory');
    has('[init -> mounter] hard link in the tar: EACCES');
    has('[init -> mounter] seen read only: from-client');
    has('[init -> mounter] fill: ENOSPC');
    has('[init -> mounter] filled more than 1M: true');
    has('[init -> mounter] missing root: ServiceDenied');

    has(`[init -> vfs] Warning: no policy for File_system session request 'intruder -> sneak'`);
    has(`[init -> vfs] Warning: root "/usr/share/missing" of File_system session 'mounter -> nowhere' is not a directory`);

    /* the clients closed their sessions: each has the quota of the intruder, who never paid anything */
    await waitForReport(reports, 'init/state', (report) => {
      const quota = new Map([...report.matchAll(/<child name="([^"]+)"[^>]*>\s*<ram [^>]*quota="([^"]+)"/g)].map((match) => [match[1], match[2]]));
      const unpaid = quota.get('intruder');
      return unpaid !== undefined && quota.get('client') === unpaid && quota.get('mounter') === unpaid;
    });
    assert.ok(!nido.lines.some((line) => /Error/.test(line)), nido.lines.join('\n'));
  } finally {
    await nido.stop();
  }
});
