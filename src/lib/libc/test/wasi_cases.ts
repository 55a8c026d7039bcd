/*
 * The cases the C runtime's programs are checked with, and how an outcome
 * is compared with node:wasi's: shared by the in-process conformance test
 * (src/lib/libc/wasi_conformance.test.ts) and the scenario test that runs
 * the same programs as components through `nido run`
 * (test/scenarios/libc_programs.test.ts).
 */

import assert from 'node:assert/strict';
import type { RunOutcome } from './wasm_harness.js';

export interface Case {
  readonly args?: readonly string[];
  readonly stdin?: string;
  /** Lines ("what: result") where Nido answers differently from the reference, with Nido's answer. */
  readonly differences?: Readonly<Record<string, string>>;
  /** Lines only Nido prints, in order (each must be there): what the reference leaves out. */
  readonly nidoOnly?: readonly string[];
}


export const cases: Record<string, readonly Case[]> = {
  wasi_args: [{ args: ['one', 'two words', ''], differences: { 'args_get to bad memory': 'EFAULT' } }],
  /*
   * node:wasi sleeps on a millisecond timer and now and then wakes a hair
   * before 30 ms of the monotonic clock have passed (seen once in a full
   * run): the reference's answer is timing, Nido's must be "yes".
   */
  wasi_clock: [{ differences: { 'clock time to bad memory': 'EFAULT', 'slept at least 30 ms': 'yes' } }],
  wasi_random: [{ differences: { 'random_get outside memory': 'EFAULT' } }],
  wasi_file: [{ differences: { 'fdstat_set_flags bad': 'EINVAL' } }],
  /* node:wasi lists directories through libuv, which leaves '.' and '..' out; Nido lists them as POSIX and wasmtime do. */
  wasi_dir: [{
    differences: {
      'rmdir with dot': 'EINVAL',
      'dots in /data/empty': '2, . dir same inode, .. dir same inode',
      'dots in /data/sub': '2, . dir same inode, .. dir same inode',
      'dots in /': '2, . dir same inode, .. dir same inode',
    },
  }],
  /* An empty target: ENOENT as on Linux (node:wasi EINVAL). */
  wasi_link: [{ differences: { 'symlink empty target': 'ENOENT' } }],
  /*
   * node:wasi lets a path climb above its directory descriptor as long as
   * it stays within the preopen, and takes a path up to a NUL or in bytes
   * that are no UTF-8; Nido refuses as wasmtime does.
   */
  wasi_paths: [{
    differences: {
      'openat through dot-dot and back': 'ENOTCAPABLE',
      'openat above the directory': 'ENOTCAPABLE',
      'path_open with a NUL': 'EINVAL',
      'create a name that is no UTF-8': 'EILSEQ',
    },
  }],
  wasi_stat: [{}],
  /* The size of a preopen's name: wasmtime's ENAMETOOLONG, node:wasi's ENOBUFS. */
  wasi_fdstat: [{ differences: { 'prestat name too small': 'ENAMETOOLONG' } }],
  wasi_poll: [{}],
  wasi_stdio: [{ stdin: 'first line\nsecond line\nno newline at the end' }],
  /* No descriptor is a socket: ENOTSOCK as on Linux; node:wasi checks rights (ENOTCAPABLE) or has no sock_shutdown (ENOTSUP). */
  wasi_misc: [{
    differences: {
      sock_accept: 'ENOTSOCK', sock_recv: 'ENOTSOCK', sock_send: 'ENOTSOCK', sock_shutdown: 'ENOTSOCK',
      'sock_shutdown bad fd': 'EBADF', shutdown: 'ENOTSOCK', 'shutdown bad fd': 'EBADF',
    },
  }],
  wasi_exit: [{ args: ['7'] }, { args: ['9', 'immediately'] }, { args: ['0'] }],
  wasi_trap: [{ args: ['unreachable'] }, { args: ['memory'] }, { args: ['stack'] }],
  cat: [{ args: ['/data/hello.txt', '-', '/data/sub/a.txt'], stdin: 'from stdin\n' }, { args: ['-n', '/data/lines.txt'] },
    { args: ['/data/missing', '/data/hello.txt'] }, { args: ['/data/sub'] }, { stdin: 'only stdin\n' }],
  ls: [{ args: ['/data'] }, { args: ['-l', '/data', '/data/sub'] }, { args: ['-la', '/data/empty'], nidoOnly: ['d        0 .', 'd        0 ..'] },
    { args: ['/data/missing'] }, { args: ['/data/hello.txt'] }, { args: ['-x'] }],
  echo: [{ args: ['hello', 'world'] }, { args: ['-n', 'no newline'] }, {}],
  wc: [{ args: ['/data/lines.txt'] }, { args: ['-l', '/data/lines.txt', '/data/hello.txt'] }, { stdin: 'one two\nthree\n' },
    { args: ['-w', '/data/missing'] }],
  grep: [{ args: ['alpha', '/data/lines.txt'] }, { args: ['-in', 'alpha', '/data/lines.txt'] }, { args: ['-v', '-c', 'a', '/data/lines.txt'] },
    { args: ['-E', '^(beta|zeta)$', '/data/lines.txt', '/data/hello.txt'] }, { args: ['-F', '.', '/data/hello.txt'] },
    { args: ['nomatch', '/data/lines.txt'] }, { args: ['(', '/data/lines.txt'] }, { args: ['x', '/data/missing'] },
    { args: ['line'], stdin: 'a line\nanother\nlast line\n' }],
  tee: [{ args: ['/tmp/copy', '/tmp/second'], stdin: 'teed\n' }, { args: ['-a', '/data/hello.txt'], stdin: 'more\n' },
    { args: ['/data/missing/x'], stdin: 'lost\n' }],
  calc: [{ stdin: 'x = 6 * 7\nsqrt(x - 6) / 2\n1 / 0\n2 ^ 10\n-(3 + 4) % 4\nfoo + 1\n(1 + 2\nvars\nquit\n1 + 1\n' }],
};

export function keyOf(line: string): string {
  const colon = line.indexOf(': ');
  return colon < 0 ? line : line.slice(0, colon);
}

export function compare(name: string, nido: RunOutcome, reference: RunOutcome, differences: Readonly<Record<string, string>>,
  nidoOnly: readonly string[] = []): void {
  const nidoLines = nido.stdout.split('\n');
  let from = 0;
  for (const line of nidoOnly) {
    const at = nidoLines.indexOf(line, from);
    assert.ok(at >= 0, `${name}: Nido's own line ${JSON.stringify(line)}\n--- nido\n${nido.stdout}`);
    nidoLines.splice(at, 1);
    from = at;
  }
  const referenceLines = reference.stdout.split('\n');
  assert.equal(nidoLines.length, referenceLines.length, `${name}: line count\n--- nido\n${nido.stdout}\n--- reference\n${reference.stdout}`);
  const seen = new Set<string>();
  nidoLines.forEach((line, index) => {
    const key = keyOf(line);
    const expected = differences[key];
    if (expected !== undefined) {
      seen.add(key);
      assert.equal(line, `${key}: ${expected}`, `${name}: Nido's own answer`);
    } else {
      assert.equal(line, referenceLines[index], `${name}: line ${index + 1}`);
    }
  });
  assert.deepEqual([...seen].sort(), Object.keys(differences).sort(), `${name}: every declared difference was checked`);
  assert.equal(nido.stderr, reference.stderr, `${name}: standard error`);
  assert.equal(nido.exitCode, reference.exitCode, `${name}: exit code`);
  if (reference.error === undefined) {
    assert.equal(nido.error, undefined, `${name}: ${nido.error?.name}: ${nido.error?.message}`);
  } else {
    assert.equal(reference.error.name, 'RuntimeError');
    assert.equal(nido.error?.name, 'WasmTrap', `${name}: a trap is reported as WasmTrap`);
    assert.match(nido.error?.message ?? '', new RegExp(reference.error.message));
  }
}
