/*
 * The C runtime where it has no reference to agree with: its own
 * configuration (<libc>, <env name>, cwd, rtc, rng), terminals, a missing
 * Timer, bad binaries, and the checks the reference fails (absolute clock
 * timeouts, polling files, hard links, proc_raise).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, LIBRARY_VFS, runNido, type ProgramRun, type RunOutcome } from './test/wasm_harness.js';
import { compileWasm, unsupportedImports } from './run_wasm.js';
import { InvalidWasmBinary } from './errors.js';
import type { LibcEnv } from './run_wasm.js';
import type { Env } from '../../base/env.js';

/* A component's Env is what runWasm takes: checked by the compiler. */
export const envIsLibcEnv = (env: Env): LibcEnv => env;

const run = (options: ProgramRun): Promise<RunOutcome> => runNido({ fixture, ...options });

function lines(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) map.set(line.slice(0, colon), line.slice(colon + 2));
  }
  return map;
}

function expectLines(outcome: RunOutcome, expected: Record<string, string>): void {
  assert.equal(outcome.error, undefined, `${outcome.error?.name}: ${outcome.error?.message}`);
  const got = lines(outcome.stdout);
  for (const [key, value] of Object.entries(expected)) assert.equal(got.get(key), value, `"${key}" in\n${outcome.stdout}`);
}

test('absolute clock timeouts in poll_oneoff', async () => {
  const outcome = await run({ program: 'wasi_clock', args: ['abstime'] });
  expectLines(outcome, { 'poll absolute clock': 'ok', events: '1 userdata 42 type 0 error 0', 'absolute deadline passed': 'yes' });
});

test('polling files, standard streams and a bad descriptor', async () => {
  const outcome = await run({ program: 'wasi_poll', args: ['fds'], stdin: 'input\n' });
  expectLines(outcome, {
    'poll stdin, stdout, bad fd': '3',
    revents: 'stdin in 1, stdout out 1, bad nval 1',
    'select file': '1',
    select: 'readable 1',
    'poll_oneoff file and clock': 'ok',
    events: '1 first userdata 1 type 1 error 0',
  });
});

test('O_NOFOLLOW on a symlink and a short readlink, where the reference differs', async () => {
  const outcome = await run({ program: 'wasi_link', args: ['differences'] });
  expectLines(outcome, {
    'open O_NOFOLLOW': 'ELOOP',
    'readlink truncated': '5 "hello"',
  });
});

test('proc_raise is not supported: a component has no signals', async () => {
  expectLines(await run({ program: 'wasi_misc', args: ['raise'] }), { proc_raise: 'ENOTSUP' });
});

test('a program whose memory outgrows the limit ends with OutOfRam', async () => {
  const limited = await run({ program: 'wasi_misc', args: ['grow'], memoryLimit: 16 << 20 });
  assert.equal(limited.error?.name, 'OutOfRam');
  assert.match(limited.error?.message ?? '', /beyond its limit of 16777216/);
  expectLines(await run({ program: 'wasi_misc', args: ['grow'], memoryLimit: 128 << 20 }), { grown: 'yes' });
});

test('<libc cwd> makes relative paths start there', async () => {
  const outcome = await run({ program: 'ls', libc: '<libc stdout="/dev/stdout" stderr="/dev/stderr" cwd="/data/sub"/>' });
  assert.equal(outcome.stdout, 'a.txt\nb.txt\n');
  const cat = await run({ program: 'cat', args: ['../hello.txt', 'a.txt'], libc: '<libc stdout="/dev/stdout" cwd="/data/sub"/>' });
  assert.equal(cat.stdout, 'Hello, world!\nA\n');
});

test('Noux\'s <env name value> and Genode\'s <env key value> make the environment', async () => {
  const outcome = await run({ program: 'wasi_args', config: '<env name="TERM" value="linux"/><env key="HOME" value="/root"/>' });
  assert.match(outcome.stdout, /env: "TERM=linux"\n/);
  assert.match(outcome.stdout, /getenv HOME: \/root\n/);
});

test('a program without stdout writes nowhere and still exits normally', async () => {
  const outcome = await run({ program: 'cat', args: ['/data/hello.txt', '/data/missing'], libc: '<libc/>' });
  assert.equal(outcome.exitCode, 1);
  assert.equal(outcome.error, undefined);
  assert.equal(outcome.stdout, '');
  assert.equal(outcome.stderr, '');
  assert.deepEqual(outcome.warnings, []);
});

test('stdout and stderr on one file share it, in the order written', async () => {
  const outcome = await run({ program: 'wasi_stdio', stdin: 'x\n', fixture: { ...fixture, files: { ...fixture.files, '/out': '' } },
    libc: '<libc stdin="/dev/stdin" stdout="/out" stderr="/out"/>', collect: ['/out'] });
  assert.deepEqual(outcome.warnings, []);
  assert.equal(outcome.exitCode, 0);
  /* One open file: each write lands after the previous one, whichever stream it came from (nothing overwritten). */
  assert.equal(outcome.files['/out'], '1: x\nto stderr\nraw\nraw\nlines: 1 eof: 1\nwrite stdout: 4\nwrite stderr: 4\n'
    + 'read stdin at end: 0\nwrite stdin: EBADF\nread stdout: EBADF\n');
});

test('a stream whose path cannot be opened leads nowhere, with a warning', async () => {
  const outcome = await run({ program: 'echo', args: ['lost'], libc: '<libc stdout="/dev/missing"/>' });
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.warnings.length, 1);
  assert.match(outcome.warnings[0] ?? '', /cannot open stdout\/stderr "\/dev\/missing"/);
});

test('without rtc the wall clock starts at the epoch', async () => {
  const outcome = await run({ program: 'wasi_clock', libc: '<libc stdout="/dev/stdout"/>' });
  expectLines(outcome, { year: '1970' });
});

test('an rtc that holds no time is a warning, and the epoch', async () => {
  const outcome = await run({ program: 'wasi_clock', libc: '<libc stdout="/dev/stdout" rtc="/data/hello.txt"/>' });
  expectLines(outcome, { year: '1970' });
  assert.match(outcome.warnings.join('\n'), /rtc "\/data\/hello.txt" holds no time/);
});

test('without a Timer route: no monotonic clock, no sleeping, a warning', async () => {
  const outcome = await run({ program: 'wasi_clock', noTimer: true });
  expectLines(outcome, { 'clock 0 time': 'ok', 'clock 1 time': 'ENOTSUP', 'nanosleep 30 ms': 'ENOTSUP' });
  assert.match(outcome.warnings.join('\n'), /no Timer session/);
});

test('<libc rng> feeds random_get from a VFS file', async () => {
  const bytes = Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
  const outcome = await run({ program: 'wasi_random', fixture: { ...fixture, files: { ...fixture.files, '/dev/random': bytes } },
    libc: '<libc stdout="/dev/stdout" rng="/dev/random"/>' });
  expectLines(outcome, { 'getentropy 64': 'ok', 'two draws differ': 'yes', 'random_get 200000': 'ok', 'the tail is filled too': 'yes' });
  /* A source that runs dry is EIO, on which wasi-libc's arc4random aborts the program. */
  const short = await run({ program: 'wasi_random', fixture: { ...fixture, files: { ...fixture.files, '/dev/random': 'tiny' } },
    libc: '<libc stdout="/dev/stdout" rng="/dev/random"/>' });
  assert.equal(short.error?.name, 'WasmTrap');
  assert.match(short.error?.message ?? '', /at abort .*arc4random/);
});

test('the REPL edits lines on a terminal: cursor keys, backspace, history, Control-D', async () => {
  const outcome = await run({
    program: 'calc',
    libc: '<libc stdin="/dev/terminal" stdout="/dev/terminal" stderr="/dev/terminal"/>',
    terminal: { path: '/dev/terminal', chunks: ['1+2\r', 'x = 5\r', 'x*2', '\x1b[D\x7f+', '\r', '\x1b[A', '\r', 'vars\r', '\x04'] },
  });
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.error, undefined);
  const screen = outcome.terminal ?? '';
  assert.match(screen, /^calc: type an expression/);
  assert.match(screen, /> 1\+2\x1b\[K\r\n= 3\r\n/);
  assert.match(screen, /x = 5\r\n/);
  /* "x*2", cursor left, backspace removes '*', '+' inserted: the line is redrawn as "x+2". */
  assert.match(screen, /\r> x\+2\x1b\[K\x1b\[1D/);
  assert.equal(screen.match(/= 7\r\n/g)?.length, 2, 'evaluated, then again from the history');
  assert.match(screen, /vars\x1b\[K\r\nx = 5\r\n/);
  assert.match(screen, /bye\r\n$/);
});

test('the REPL on the VFS library\'s terminal plugin', async () => {
  const outcome = await run({
    program: 'calc', vfs: LIBRARY_VFS,
    libc: '<libc stdin="/dev/terminal" stdout="/dev/terminal" stderr="/dev/terminal"/>',
    terminal: { path: '/dev/terminal', chunks: ['6*7\r', 'x = 2\r', '\x1b[A\x1b[A\r'] },
  });
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.error, undefined);
  const screen = outcome.terminal ?? '';
  assert.match(screen, /^calc: type an expression/);
  assert.match(screen, /> 6\*7\x1b\[K\r\n= 42\r\n/);
  assert.match(screen, /\r> 6\*7\x1b\[K\r\n= 42\r\n> \r\nbye\r\n$/, 'two steps back in the history, then the input ended');
});

test('the REPL follows the terminal\'s width: polled with .terminal/info, the line scrolls within it and is laid out anew on a change', async () => {
  const text = '1+2+3+4+5+6+7+8+9+10+11+12';
  const outcome = await run({
    program: 'calc', vfs: LIBRARY_VFS,
    libc: '<libc stdin="/dev/terminal" stdout="/dev/terminal" stderr="/dev/terminal"/>',
    /* Each resize comes with a key, so that the program sees one size after the other (the editor takes the size first). */
    terminal: { path: '/dev/terminal', chunks: [{ columns: 20 }, text, { columns: 40 }, '\x05', { columns: 10 }, '\x01', { columns: 30 }, '\r'] },
  });
  assert.equal(outcome.exitCode, 0);
  assert.equal(outcome.error, undefined);
  const steps = (outcome.terminal ?? '').split('\r\n');
  assert.equal(steps[0], 'calc: type an expression, "vars" or "quit"');
  const editing = steps[1] ?? '';
  const expected = [
    /* 20 columns: nothing typed yet, the prompt is drawn anew */
    '> \r> \x1b[J',
    /* typing: 17 cells for the text (the last column stays free), then it scrolls */
    `\r> ${text.slice(0, 17)}\x1b[K`,
    `\r< ${text.slice(1, 18)}\x1b[K`,
    `\r< ${text.slice(-17)}\x1b[K`,
    /* 40 columns: all of it; Control-E leaves the cursor at the end */
    `\r> ${text}\x1b[J`,
    `\r> ${text}\x1b[K`,
    /* 10 columns: a reflowing terminal rewrapped the 28 cells into three rows, the cursor in the last */
    `\x1b[2A\r< ${text.slice(-7)}\x1b[J`,
    /* Control-A: the start, cursor at the left */
    `\r> ${text.slice(0, 7)}\x1b[K\x1b[7D`,
    /* 30 columns: the cursor stays at the start */
    `\r> ${text}\x1b[J\x1b[26D`,
  ];
  let at = 0;
  for (const part of expected) {
    const found = editing.indexOf(part, at);
    assert.ok(found >= 0, `${JSON.stringify(part)} after ${at} in ${JSON.stringify(editing)}`);
    at = found + part.length;
  }
  assert.equal(steps[2], '= 78');
  assert.equal(steps[3], '> ', 'the input ended');
  assert.equal(steps[4], 'bye');
});

test('files written by one program are there for the next; a read-only mount refuses writes', async () => {
  const vfs = '<vfs><dir name="ro"><inline name="motd">hello</inline></dir><ram/><dir name="dev"><ram/></dir></vfs>';
  const written = await run({ program: 'tee', args: ['/tmp/note'], stdin: 'kept\n', vfs, collect: ['/tmp/note'] });
  assert.equal(written.files['/tmp/note'], 'kept\n');
  const refused = await run({ program: 'tee', args: ['/ro/new', '/ro/motd'], stdin: 'x\n', vfs });
  assert.equal(refused.exitCode, 1);
  assert.equal(refused.stderr, 'tee: /ro/new: Read-only file system\ntee: /ro/motd: Read-only file system\n');
  const read = await run({ program: 'cat', args: ['/ro/motd'], vfs });
  assert.equal(read.stdout, 'hello');
});

test('a terminal read with nothing typed blocks until input arrives; the program sees a tty', async () => {
  const outcome = await run({
    program: 'cat',
    libc: '<libc stdin="/dev/terminal" stdout="/dev/stdout"/>',
    terminal: { path: '/dev/terminal', chunks: ['first\n', 'second\n'] },
  });
  assert.equal(outcome.stdout, 'first\nsecond\n');
  const fdstat = await run({ program: 'wasi_fdstat', libc: '<libc stdin="/dev/terminal" stdout="/dev/stdout" stderr="/dev/terminal"/>',
    terminal: { path: '/dev/terminal', chunks: [] } });
  expectLines(fdstat, { 'isatty 0 1 2': '1 0 1', 'fd 0': 'type 2 seek 0 readdir 0 path_open 0' });
});

test('a trap is a WasmTrap naming the trap and the program\'s function', async () => {
  const outcome = await run({ program: 'wasi_trap', args: ['unreachable'] });
  assert.equal(outcome.error?.name, 'WasmTrap');
  assert.match(outcome.error?.message ?? '', /^program trapped: unreachable \(at main /);
  assert.equal(outcome.stdout, 'before the trap\n');
});

test('bad binaries are InvalidWasmBinary', async () => {
  await assert.rejects(compileWasm(new TextEncoder().encode('#!/bin/sh\necho no\n'), 'script'), (error: unknown) =>
    error instanceof InvalidWasmBinary && /script: not a WebAssembly binary/.test(error.message));
  await assert.rejects(compileWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]), 'broken'), InvalidWasmBinary);
  /* A module importing env.foo: nothing the C runtime provides. */
  const foreign = await compileWasm(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 4, 1, 0x60, 0, 0,
    2, 11, 1, 3, 0x65, 0x6e, 0x76, 3, 0x66, 0x6f, 0x6f, 0, 0]));
  assert.deepEqual(unsupportedImports(foreign, new Set(['fd_write'])), ['env.foo (function)']);
});
