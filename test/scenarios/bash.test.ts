/*
 * GNU bash from Debian's source under noux (issue 12, ports/bash): a
 * script of what bash scripts lean on, run under noux and by the host's
 * bash (Debian's, the same version) with equal output; bash at an
 * interactive prompt on the console through tmux (readline, Ctrl-C, job
 * control); and bash's own test suite (bash_suite.test.ts).
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, needPort, nidoBin, nouxScenarioConfig, repoRoot } from '../harness.js';
import { TmuxPane, tmuxInstalled } from './tmux_pane.js';

const scripts = join(repoRoot, 'test', 'scenarios', 'bash');
const CONSOLE = /^\[init -> log_terminal\] ?/;

/* noux running /bin/bash with `args`, the ROM files of the boot directory in /etc, a RAM file system at /tmp. */
function config(args: string, etc: readonly string[]): string {
  const arg = (value: string) => `<arg value="${value}"/>`;
  return nouxScenarioConfig({
    caps: 1000, ram: '256M',
    fstab: `<tar name="bash.tar"/> <tar name="tools.tar"/>
        <dir name="etc"> ${etc.map((name) => `<rom name="${name}"/>`).join(' ')} </dir>
        <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir>`,
    start: `<start name="/bin/bash"> <env name="TMPDIR" value="/tmp"/> <env name="HOME" value="/"/> ${args.split(' ').map(arg).join(' ')} </start>`,
  });
}

test('bash under noux runs a script of pipelines, functions, arrays, here-documents, traps, jobs and coprocesses as the host\'s bash does', async () => {
  await needPort('bash.tar', 'bash');
  const script = await readFile(join(scripts, 'features.sh'));
  const dir = await bootDir({ config: config('/etc/features.sh', ['features.sh']), 'features.sh': script });
  const result = await new Nido(dir, ['--timeout', '120', '--ram', '1G']).exited;
  const got = result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, ''));
  const errors = result.lines.filter((line) => /Error|Warning/.test(line) && !CONSOLE.test(line));
  assert.deepEqual(errors, [], result.lines.join('\n'));

  const scratch = await mkdtemp(join(tmpdir(), 'nido-bash-native-'));
  /* Standard error into the same pipe, in order, as the terminal gets both under noux. */
  const native = spawnSync('bash', ['-c', 'exec bash "$0" 2>&1', join(scripts, 'features.sh')], {
    encoding: 'utf8', env: { PATH: '/usr/bin:/bin', TMPDIR: scratch, HOME: '/' }, cwd: scratch,
  });
  const expected = native.stdout.split('\n').slice(0, -1);
  assert.deepEqual(got, expected);
  assert.equal(result.code, native.status);
  assert.equal(result.code, 5);
});

/* examples/noux with bash for nsh: the seed's fstab and ram_fs, noux_tests.tar for t_ctrlc. */
async function bashExample(): Promise<string> {
  const config = (await readFile(join(repoRoot, 'examples', 'noux', 'config'), 'utf8'))
    .replace('<tar name="nsh.tar" />', '<tar name="bash.tar" /> <tar name="noux_tests.tar" />')
    .replace('<start name="/bin/sh">', '<start name="/bin/bash">')
    .replace('<env name="HOME" value="/home" />', '<env name="HOME" value="/home" /> <env name="PS1" value="\\$ " />');
  assert.match(config, /bash\.tar.*\n(.*\n)*.*\/bin\/bash/);
  return bootDir({ config });
}

async function bashIn(boot: string): Promise<TmuxPane> {
  assert.ok(tmuxInstalled(), 'tmux is not installed: apt-get install tmux (.ci/run does)');
  const dir = await mkdtemp(join(tmpdir(), 'nido-bash-'));
  const pane = new TmuxPane(join(dir, 'socket'));
  const script = '"$0" "$1" run "$2" --timeout 240; echo "nido exited with $?"; exec sleep 600';
  pane.start(100, 30, ['sh', '-c', script, process.execPath, nidoBin, boot]);
  try {
    await pane.waitFor(/^# $/m);
  } catch (error) {
    pane.kill();
    throw error;
  }
  return pane;
}

test('bash at the console (tmux): readline editing, files on ram_fs, Ctrl-C, Ctrl-Z, jobs, fg, exit status', async () => {
  await needPort('bash.tar', 'bash');
  const pane = await bashIn(await bashExample());
  try {
    /* readline: the line is edited before Enter (Ctrl-A to its start, Ctrl-E to its end). */
    pane.type('cho edited');
    pane.key('C-a');
    pane.type('e');
    pane.key('C-e');
    pane.type(' line');
    pane.key('Enter');
    await pane.waitFor(/^edited line\n# $/m);
    pane.type('ls /ram/tmp; echo made > /tmp/made; cat /tmp/made; echo x > /ram/x; echo status $?');
    pane.key('Enter');
    await pane.waitFor(/^something\nmade\n.*\/ram\/x: .*\nstatus 1\n# $/m);
    pane.type('t_ctrlc');
    pane.key('Enter');
    await pane.waitFor(/^ready$/m);
    pane.key('C-c');
    pane.type('echo status $?');
    pane.key('Enter');
    await pane.waitFor(/^status 130\n# $/m);
    pane.type('t_ctrlc');
    pane.key('Enter');
    await pane.waitFor(/^status 130\n# t_ctrlc\nready$/m);
    pane.key('C-z');
    await pane.waitFor(/^\[1\]\+ +Stopped +t_ctrlc\n# $/m);
    pane.type('jobs');
    pane.key('Enter');
    await pane.waitFor(/^# jobs\n\[1\]\+ +Stopped +t_ctrlc\n# $/m);
    pane.type('fg');
    pane.key('Enter');
    await pane.waitFor(/^# fg\nt_ctrlc\ncontinued$/m);
    /* In the foreground again, it reads the terminal: Ctrl-D ends its input. */
    pane.key('C-d');
    await pane.waitFor(/^continued\neof\n# $/m);
    pane.type('echo after fg $?');
    pane.key('Enter');
    await pane.waitFor(/^after fg 0\n# $/m);
    pane.type('exit 3');
    pane.key('Enter');
    await pane.waitFor(/^nido exited with 3$/m);
  } finally {
    pane.kill();
  }
});
