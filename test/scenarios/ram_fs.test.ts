/*
 * Scenario tests of ram_fs (spec/runtime.md §3): clients in their own
 * protection domains work through File_system sessions with the packet
 * stream in shared memory, synchronously and asynchronously. Policies
 * confine and restrict them, a label without policy is denied, a full file
 * system answers NoSpace and goes on serving, and every client gets its
 * donation back.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Nido, bootDir, reportDir, repoRoot, waitForReport } from '../harness.js';

/* The RAM quota of each child in an init state report. */
function quotas(report: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const match of report.matchAll(/<child name="([^"]+)"[^>]*>\s*<ram [^>]*quota="([^"]+)"/g)) result.set(match[1] as string, match[2] as string);
  return result;
}

test('ram_fs: files, directories, sharing, read-only and missing policies, root confinement; donations come back', async () => {
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'ram_fs'));
  const reports = await reportDir();
  const nido = new Nido(dir, ['--timeout', '120', '--report-dir', reports]);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> worker\] worker done$/, 60_000);
    for (const line of [
      'root: hello:continuous_file',
      'hello: hi there',
      'notes: 23 bytes: "first line\\nsecond line\\n"',
      'docs: drafts:directory notes.txt:continuous_file (2 entries)',
      'create again: NodeAlreadyExists',
      'big: wrote 1048593, read 1048593, equal true',
      'big after truncate: 10 bytes',
      'after move: root docs:directory hello:continuous_file renamed.txt:continuous_file; docs big.bin:continuous_file drafts:directory',
      'renamed: "first line\\nsecond line\\n"',
      'linked: "first line\\nsecond line\\n", links 2, same inode true',
      'link again: NodeAlreadyExists',
      'link a directory: PermissionDenied',
      'after unlinking the first name: "first line\\nsecond line\\n", links 1',
      'unlink non-empty docs: NotEmpty',
      'after unlink: root hello:continuous_file; open unlinked: LookupFailed',
      /* The policy's root confines: '..' stops there, the sibling directory is out of reach. */
      "'/../..': hello:continuous_file",
      "'/../other/secret': LookupFailed",
      "name with '/': InvalidName",
      'missing: LookupFailed',
      /* Session arguments narrow: root "/sub/../../.." stays the policy's root, writeable="no" holds. */
      'narrowed: root hello:continuous_file sub:directory, create: PermissionDenied',
      'sub: inside:continuous_file',
    ]) has(`[init -> worker] ${line}`);

    /* Two clients share a writeable directory: each watches it and reads what the other wrote. */
    await nido.waitFor(/^\[init -> consumer\] consumed 790 bytes, 100 lines, last "line 99"$/);
    await nido.waitFor(/^\[init -> producer\] produced 790 bytes$/);
    await nido.waitFor(/^\[init -> producer\] receipt: 100 lines$/);

    /* Read only: the content is there, every modification is denied. */
    await nido.waitFor(/^\[init -> reader\] reader done$/);
    has('[init -> reader] greeting: "Hello from a ROM module\\n"');
    has('[init -> reader] hello: hi there');
    for (const what of ['create', 'open for writing', 'mkdir', 'unlink', 'move', 'link', 'truncate', 'write packet', 'timestamp']) {
      has(`[init -> reader] ${what}: PermissionDenied`);
    }

    /* No policy: denied, and ram_fs names the label. */
    await nido.waitFor(/^\[init -> intruder\] intruder: ServiceDenied$/);
    has("[init -> ram_fs] Warning: no policy for File_system session request 'intruder -> sneak'");

    /* Every client that closed its sessions has its whole quota back, as the intruder that never paid. */
    await waitForReport(reports, 'init/state', (report) => {
      const quota = quotas(report);
      const unpaid = quota.get('intruder');
      return unpaid !== undefined && ['worker', 'producer', 'consumer', 'reader'].every((name) => quota.get(name) === unpaid);
    });
    assert.ok(!nido.lines.some((line) => /keeps \d+ bytes|Error/.test(line)), nido.lines.join('\n'));
  } finally {
    await nido.stop();
  }
});

test('ram_fs: a full file system answers NoSpace and goes on serving; the donation comes back', async () => {
  const dir = await bootDir({}, join(repoRoot, 'test', 'scenarios', 'ram_fs_full'));
  const reports = await reportDir();
  const nido = new Nido(dir, ['--timeout', '120', '--report-dir', reports]);
  const has = (line: string) => assert.ok(nido.lines.includes(line), `missing "${line}" in\n${nido.lines.join('\n')}`);
  try {
    await nido.waitFor(/^\[init -> filler\] filler done: 65536$/, 60_000);
    has('[init -> filler] filled: NoSpace after some bytes');
    has('[init -> filler] size matches: true');
    has('[init -> filler] after unlink: wrote 65536');
    await waitForReport(reports, 'init/state', (report) => quotas(report).get('filler') === '3840K');
  } finally {
    await nido.stop();
  }
});
