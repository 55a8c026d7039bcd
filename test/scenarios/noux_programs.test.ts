/*
 * The Unix runtime (issue 11): the C test programs of wasm/noux, each run
 * under noux (built with nido cc, booted through `nido run`, its console a
 * Terminal session that log_terminal turns into log lines) and compiled
 * natively with the host's clang and run on Linux: outputs and exit
 * statuses must be equal. Where noux answers otherwise on purpose, the
 * line and noux's answer are declared below with the reason (docs/noux.md
 * lists them too). nsh's test scripts are compared with their expected
 * output, which was checked against bash.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFile, mkdtemp, mkdir, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Nido, bootDir, needPort, nouxScenarioConfig, repoRoot } from '../harness.js';

const sources = join(repoRoot, 'wasm', 'noux');
const PROGRAMS = ['t_fork', 't_exec', 't_wait', 't_ids', 't_pipe', 't_pipeline', 't_select', 't_signal', 't_jmp', 't_cwd', 't_tempfile'];

/* Lines where noux answers differently from Linux on purpose: the line's text before the colon, and noux's whole line. */
const DIFFERENCES: Record<string, Record<string, string>> = {
  /* Noux's file systems keep no permission bits: a file without x is tried, and is no program. */
  t_exec: { 'execve of a file without x permission': 'execve of a file without x permission: ENOEXEC' },
  t_ids: {
    /* No permission bits (wasi-libc reports the file type alone). */
    'mode of a new 0666 file under umask 027': 'mode of a new 0666 file under umask 027: 0',
    /* Nido has no wall clock: the rtc starts at the epoch when core boots. */
    'time is after 2020': 'time is after 2020: no',
  },
  t_select: {
    /* wasi-libc's poll() turns every readiness event of a read subscription into POLLIN; WASI has no POLLHUP alone. */
    'poll read end, writer closed': 'poll read end, writer closed: 1 POLLIN|POLLHUP',
    /* WASI's poll tells a write subscription's hang-up only as POLLHUP. */
    'poll write end, reader closed': 'poll write end, reader closed: 1 POLLHUP',
  },
};

/* nsh scripts' expected lines that noux answers otherwise on purpose: the line, and noux's lines instead (none: left out). */
const SCRIPT_DIFFERENCES: Record<string, Record<string, readonly string[]>> = {
  /* The first process of noux is pid 1, as init is on Unix; the script checks $$ > 1. */
  'expand.sh': { '$$ is a process id': [] },
  /*
   * No permission bits: a text file without #! is tried as a program; exec
   * answers ENOEXEC and the shell runs the file as a script, as POSIX has it
   * (the file's first word is no command). Linux refuses it with EACCES.
   */
  'status.sh': {
    'nsh: ./nsh_plain.txt: Permission denied': ['nsh: not: command not found'],
    'not executable: 126': ['not executable: 127'],
  },
};

/* `fstabFirst` goes before the test tars: its files win (dash.tar's bin/sh over nsh.tar's). */
function config(start: string, fstabFirst = ''): string {
  return nouxScenarioConfig({
    fstab: `${fstabFirst} <tar name="noux_tests.tar"/> <tar name="tools.tar"/> <tar name="nsh.tar"/>
        <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir>`,
    start,
  });
}

const ENV = '<env name="PATH" value="/bin"/> <env name="TEST_BIN" value="/bin"/> <env name="TMPDIR" value="/tmp"/> <env name="HOME" value="/"/>';
const CONSOLE = /^\[init -> log_terminal\] ?/;

/** Runs `start` under noux to its end: the console's lines and noux's exit status as `exit: N`. */
async function underNoux(start: string, fstabFirst = ''): Promise<string[]> {
  const dir = await bootDir({ config: config(start, fstabFirst) });
  const nido = new Nido(dir, ['--timeout', '240']);
  const result = await nido.exited;
  const lines = result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd());
  const errors = result.lines.filter((line) => /Error|Warning/.test(line) && !CONSOLE.test(line));
  assert.deepEqual(errors, [], `noux's log:\n${result.lines.join('\n')}`);
  return [...lines, `exit: ${result.code}`];
}

/* The native builds: every program of wasm/noux with the host's clang. */
const native = await (async () => {
  const dir = await mkdtemp(join(tmpdir(), 'nido-noux-native-'));
  const bin = join(dir, 'bin');
  const scratch = join(dir, 'tmp');
  await mkdir(bin);
  await mkdir(scratch);
  for (const file of (await readdir(sources)).filter((name) => name.endsWith('.c'))) {
    const built = spawnSync('clang', ['-O2', '-w', '-o', join(bin, basename(file, '.c')), join(sources, file)], { encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`native build of ${file}: ${built.stderr || built.error?.message}`);
  }
  return { bin, scratch };
})();

const setsid = spawnSync('sh', ['-c', 'command -v setsid'], { encoding: 'utf8' }).stdout.trim() || 'setsid';

function runNative(program: string): string[] {
  /*
   * In a session of its own (util-linux's setsid), as noux's first process
   * is: in a container whose session leader lies outside the pid namespace,
   * getsid(0) answers 0.
   */
  const result = spawnSync(setsid, ['--wait', join(native.bin, program)], {
    cwd: native.scratch, encoding: 'utf8', timeout: 120_000,
    env: { PATH: native.bin, TEST_BIN: native.bin, TMPDIR: native.scratch },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines = (result.stdout + result.stderr).split('\n').map((line) => line.trimEnd());
  if (lines.at(-1) === '') lines.pop();
  return [...lines, `exit: ${result.status ?? 128 + 0}`];
}

for (const program of PROGRAMS) {
  test(`${program} under noux agrees with Linux`, async () => {
    const expected = runNative(program).map((line) => {
      const key = line.slice(0, line.lastIndexOf(':'));
      return DIFFERENCES[program]?.[key] ?? line;
    });
    const got = await underNoux(`<start name="/bin/${program}"> ${ENV} </start>`);
    assert.deepEqual(got, expected);
  });
}

test('a fork bomb is bounded by noux\'s quota: fork fails with EAGAIN, every child is reaped, fork works again', async () => {
  const got = await underNoux(`<start name="/bin/t_forkbomb"> ${ENV} </start>`);
  const expected = runNative('t_forkbomb');
  /* Linux as root reaches the program's own limit; noux runs out of RAM for protection domains first. */
  assert.equal(got[1], 'fork failed: EAGAIN');
  assert.deepEqual(got.slice(2), expected.slice(2));
  assert.equal(got[0], expected[0]);
});

const scripts = (await readdir(join(sources, 'nsh_tests'))).filter((name) => name.endsWith('.sh')).sort();
for (const script of scripts) {
  test(`nsh ${script} under noux prints what bash and Linux print`, async () => {
    const lines = (await readFile(join(sources, 'nsh_tests', script.replace(/\.sh$/, '.out')), 'utf8')).split('\n').map((line) => line.trimEnd());
    if (lines.at(-1) === '') lines.pop();
    const expected = lines.flatMap((line) => SCRIPT_DIFFERENCES[script]?.[line] ?? [line]);
    const got = await underNoux(`<start name="/bin/nsh"> ${ENV} <arg value="/tests/${script}"/> </start>`);
    assert.deepEqual(got, expected);
  });
}

/*
 * Debian's dash (ports/dash, built unmodified with nido cc) runs the same
 * scripts under noux as Debian's own dash (the same source version, the
 * host's /bin/dash) runs them on Linux, with the helpers built natively.
 * Both run the script by the relative path tests/NAME.sh, so that its
 * messages name it alike.
 */
const DASH_DIFFERENCES: Record<string, Record<string, readonly string[]>> = {
  /* The first process of noux is pid 1, as init is on Unix; the script checks $$ > 1. */
  'expand.sh': { '$$ is a process id': [] },
  /*
   * No permission bits: a text file without #! is tried as a program; exec
   * answers ENOEXEC and dash runs the file with /bin/sh (dash), as POSIX has it.
   */
  'status.sh': {
    'tests/status.sh: 9: ./nsh_plain.txt: Permission denied': ['./nsh_plain.txt: 1: not: not found'],
    'not executable: 126': ['not executable: 127'],
  },
};

const nativeDash = spawnSync('sh', ['-c', 'command -v dash'], { encoding: 'utf8' }).stdout.trim();

for (const script of scripts) {
  test(`Debian's dash runs ${script} under noux as on Linux`, async () => {
    await needPort('dash.tar', 'dash');
    assert.notEqual(nativeDash, '', 'the reference is the host\'s dash (Debian\'s package dash)');
    const home = await mkdtemp(join(tmpdir(), 'nido-dash-'));
    await mkdir(join(home, 'tests'));
    await copyFile(join(sources, 'nsh_tests', script), join(home, 'tests', script));
    /* Its standard error into the same pipe, in order, as both go to noux's console. */
    const result = spawnSync(nativeDash, ['-c', 'exec "$0" "$1" 2>&1', nativeDash, `tests/${script}`], {
      cwd: home, encoding: 'utf8', timeout: 120_000,
      env: { PATH: `${native.bin}:/usr/bin:/bin`, TEST_BIN: native.bin, TMPDIR: native.scratch, HOME: '/' },
    });
    const lines = result.stdout.split('\n').map((line) => line.trimEnd());
    if (lines.at(-1) === '') lines.pop();
    const expected = [...lines, `exit: ${result.status}`].flatMap((line) => DASH_DIFFERENCES[script]?.[line] ?? [line]);
    const got = await underNoux(`<start name="/bin/dash"> ${ENV} <arg value="tests/${script}"/> </start>`, '<tar name="dash.tar"/>');
    assert.deepEqual(got, expected);
  });
}
