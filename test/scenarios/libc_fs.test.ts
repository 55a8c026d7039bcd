/*
 * C programs on File_system sessions (issue 5), after the talk's "Bash +
 * file system" slides: a ram_fs with the talk's <content> and policies
 * serves programs whose VFS mounts its directories. Through `nido run`,
 * reconfigured in stages:
 *
 *   baseline  no children: init's own RAM and caps are recorded
 *   write     `tee` stores a file in its writeable home; a program whose
 *             label has no policy is denied by ram_fs
 *   read      ram_fs stays; `cat` reads the file through two mounts (its
 *             home and the root policy); `tee` on a read-only policy and on
 *             a mount the program itself asked read-only fails with
 *             EACCES, on a tar archive with EROFS
 *   baseline  every child gone: init's RAM and caps are back to the byte
 *
 * The example boot directory examples/file_system (tars stacked with fs
 * mounts under /home, /ram and /tmp) is booted as it ships, too.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, nidoRun, replaceFile, reportDir, repoRoot, waitForReport } from '../harness.js';

const stages = join(repoRoot, 'test', 'scenarios', 'libc_fs');
const example = join(repoRoot, 'examples', 'file_system');

/* init's own RAM and cap quota (the state report's first <ram> and <caps>). */
const ownQuota = (report: string): string | undefined => {
  const init = /^\t<ram quota="([^"]*)" used="[^"]*" avail="([^"]*)"\/>\n\t<caps quota="([^"]*)" used="[^"]*" avail="([^"]*)"/m.exec(report);
  return init === null ? undefined : `ram ${init[1]}/${init[2]} caps ${init[3]}/${init[4]}`;
};

async function stage(boot: string, name: string): Promise<void> {
  await replaceFile(join(boot, 'config'), await readFile(join(stages, `${name}.config`), 'utf8'));
}

test('programs share files through ram_fs; read-only mounts and unknown labels are refused; every byte returns', async () => {
  const reports = await reportDir();
  const boot = await bootDir({ config: await readFile(join(stages, 'baseline.config'), 'utf8') }, example);
  const nido = new Nido(boot, ['--report-dir', reports]);
  const state = (predicate: (report: string) => boolean) => waitForReport(reports, 'init/state', predicate, 60_000);
  try {
    const baseline = ownQuota(await state((report) => ownQuota(report) !== undefined));
    assert.ok(baseline !== undefined);

    await stage(boot, 'write');
    await nido.waitFor(/^\[init\] child "writer" exited with exit value 0$/, 60_000);
    await nido.waitFor(/^\[init -> ram_fs\] Warning: no policy for File_system session request 'stranger -> home'$/, 60_000);
    const denied = await nido.waitFor(/^\[init -> stranger\] Error: uncaught /, 60_000);
    assert.match(denied, /ServiceDenied|File_system session denied/);
    await nido.waitFor(/^\[init\] child "stranger" exited with exit value 1$/, 60_000);
    assert.ok(!nido.lines.some((line) => line.startsWith('[init -> stranger] Welcome')), 'the denied program read nothing');

    const read = nido.lines.length;
    await stage(boot, 'read');
    await nido.waitFor(/^\[init\] child "reader" exited with exit value 0$/, 60_000, read);
    const readerLines = nido.lines.slice(read).filter((line) => line.startsWith('[init -> reader] '));
    assert.deepEqual(readerLines, ['[init -> reader] written by writer', '[init -> reader] written by writer']);

    await nido.waitFor(/^\[init\] child "ro_writer" exited with exit value 1$/, 60_000, read);
    const refusals = nido.lines.slice(read).filter((line) => line.startsWith('[init -> ro_writer] '));
    assert.ok(refusals.includes('[init -> ro_writer] tee: /home/attempt.txt: Permission denied'), refusals.join('\n'));
    /* Genode's fs plugin asks the server, which refuses: EACCES, as for the policy's read-only root. */
    assert.ok(refusals.includes('[init -> ro_writer] tee: /ram/tmp/attempt.txt: Permission denied'), refusals.join('\n'));
    assert.ok(refusals.includes('[init -> ro_writer] tee: /etc/attempt.txt: Read-only file system'), refusals.join('\n'));
    /* The input still reached standard output, as tee does when a file cannot be opened. */
    assert.ok(refusals.includes('[init -> ro_writer] never stored'), refusals.join('\n'));

    await stage(boot, 'baseline');
    const after = await state((report) => !report.includes('<child ') && ownQuota(report) === baseline);
    assert.equal(ownQuota(after), baseline);
  } finally {
    await nido.stop();
  }
});

test('examples/file_system: tars stacked with ram_fs mounts, as the talk\'s noux fstab', async () => {
  const result = await nidoRun(example, ['--report-dir', await reportDir(), '--until', '^\\[init\\] child "ls" exited', '--timeout', '60']);
  assert.equal(result.code, 0, result.stdout);
  const ls = result.lines.filter((line) => line.startsWith('[init -> ls] ')).map((line) => line.slice('[init -> ls] '.length));
  assert.deepEqual(ls, [
    '/:', 'd        0 dev', 'd        0 etc', 'd        0 home', 'd        0 ram', 'd        0 share', 'd        0 tmp', '',
    '/share/doc:', '-       56 README', '',
    '/etc:', '-        5 hostname', '-       28 motd', '',
    '/ram:', 'd        0 home', 'd        0 tmp', '',
    '/ram/home/user:', '-       51 motd',
  ]);
  assert.ok(result.lines.includes('[init] child "ls" exited with exit value 0'));
});
