/*
 * The WASI test programs (wasm/src/wasi_*.c) and the tools, each run under
 * Nido's C runtime (on two VFS implementations) and under node:wasi on an equivalent host directory;
 * their output, error output and exit code must agree. Where Nido differs
 * from the reference on purpose, the test names the line and what Nido
 * must answer (and docs/libc.md says why).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, LIBRARY_VFS, runNido, runReference, type ProgramRun } from './test/wasm_harness.js';
import { cases, compare } from './test/wasi_cases.js';


/* Each case runs on the tests' minimal in-memory VFS and on the VFS library (RAM file systems). */
const filesystems: readonly { readonly name: string; readonly vfs: string | undefined }[] = [
  { name: 'memory VFS', vfs: undefined },
  { name: 'VFS library', vfs: LIBRARY_VFS },
];

for (const filesystem of filesystems) {
  for (const [program, runs] of Object.entries(cases)) {
    runs.forEach((entry, index) => {
      const label = `${program}${entry.args === undefined ? '' : ' ' + JSON.stringify(entry.args)}${runs.length > 1 ? ` (#${index + 1})` : ''}`;
      test(`${label} on the ${filesystem.name}: Nido agrees with node:wasi`, async () => {
        const run: ProgramRun = { program, args: entry.args, stdin: entry.stdin, env: { HOME: '/home/user', LANG: 'C' }, fixture, vfs: filesystem.vfs };
        const nido = await runNido(run);
        const reference = await runReference(run);
        assert.deepEqual(nido.warnings, []);
        compare(label, nido, reference, entry.differences ?? {}, entry.nidoOnly);
      });
    });
  }
}
