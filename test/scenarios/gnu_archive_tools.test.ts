/*
 * Debian's findutils, gzip, tar, make and less (ports/findutils,
 * ports/gzip, ports/tar, ports/make, ports/less), built for noux with
 * nido cc.
 *
 * find, gzip, tar and make: a dash script per tool
 * (test/scenarios/gnu_archive_tools/*.sh) runs under noux, booted through
 * `nido run` with its console a Terminal session that log_terminal turns
 * into log lines, and natively with the host's dash and programs (Debian
 * 12's: the same versions). Each script works in $TMPDIR (a RAM directory
 * under noux, a fresh one natively) with the coreutils port beside the
 * tool. Outputs and exit statuses must be equal; where noux answers
 * otherwise on purpose or for a known bug, the difference is declared
 * below with its reason. The scripts set their files' times (touch -d, in
 * UTC), and noux's clock starts at the rtc's time (/dev/rtc in the
 * fstab), so that make's decisions rest on times the script gives, never
 * on how long anything took.
 *
 * less: the host's less and noux's, each in a tmux pane of the same size
 * on the same file, are given the same keys (page, search, top, end,
 * quit), and after each the pane must show the same rows.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, needPort, nidoBin, nouxScenarioConfig, repoRoot, sortBlocks } from '../harness.js';
import { TmuxPane, tmuxInstalled } from './tmux_pane.js';

const scripts = join(repoRoot, 'test', 'scenarios', 'gnu_archive_tools');
const CONSOLE = /^\[init -> log_terminal\] ?/;

/* Each tar the scripts use, and the Debian source its port builds. */
const PORTS: Readonly<Record<string, string>> = {
  'dash.tar': 'dash', 'coreutils.tar': 'coreutils', 'findutils.tar': 'findutils', 'gzip.tar': 'gzip',
  'grep.tar': 'grep', 'diffutils.tar': 'diffutils', 'tar.tar': 'tar', 'make.tar': 'make-dfsg',
};

/* noux's wall clock at the start (Nido has no real-time clock): after every time the scripts give their files. */
const RTC = '2024-01-01 00:00:00';

function config(tars: readonly string[], script: string): string {
  return nouxScenarioConfig({
    ram: '200M',
    fstab: `${tars.map((tar) => `<tar name="${tar}"/>`).join(' ')}
        <dir name="scripts"> <rom name="${script}"/> </dir>
        <dir name="tmp"> <ram/> </dir>
        <dir name="dev"> <null/> <zero/> <inline name="rtc">${RTC}</inline> </dir>`,
    start: `<start name="/bin/dash">
        <env name="PATH" value="/bin"/> <env name="TMPDIR" value="/tmp"/> <env name="HOME" value="/"/>
        <arg value="-c"/> <arg value="exec 2>&amp;1; . /scripts/${script}"/>
      </start>`,
  });
}

/** Runs `script` with dash under noux: the console's lines and `exit: N`. */
async function underNoux(tars: readonly string[], script: string): Promise<string[]> {
  const dir = await bootDir({ config: config(tars, script), [script]: await readFile(join(scripts, script)) });
  const nido = new Nido(dir, ['--timeout', '240']);
  const result = await nido.exited;
  const lines = result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd());
  const errors = result.lines.filter((line) => /Error|Warning/.test(line) && !CONSOLE.test(line));
  assert.deepEqual(errors, [], `noux's log:\n${result.lines.join('\n')}`);
  return sortBlocks([...lines, `exit: ${result.code}`]);
}

/** Runs `script` with the host's dash and programs, in a fresh directory as TMPDIR. */
async function natively(script: string): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'nido-archive-tools-'));
  const result = spawnSync('/bin/dash', ['-c', `exec 2>&1; . ${join(scripts, script)}`], {
    encoding: 'utf8', timeout: 120_000,
    env: { PATH: '/usr/bin:/bin', TMPDIR: scratch, HOME: '/', LC_ALL: 'C' },
  });
  const lines = result.stdout.split('\n').map((line) => line.trimEnd());
  if (lines.at(-1) === '') lines.pop();
  return sortBlocks([...lines, `exit: ${result.status}`]);
}

/**
 * Runs `script` natively and under noux with `tars` and compares: the
 * native lines, with `differences` (a native line → noux's lines instead)
 * applied, must be noux's.
 */
async function compare(tars: readonly string[], script: string, differences: Readonly<Record<string, readonly string[]>> = {}): Promise<void> {
  for (const tar of tars) await needPort(tar, PORTS[tar] ?? tar);
  const expected = (await natively(script)).flatMap((line) => differences[line] ?? [line]);
  const got = await underNoux(tars, script);
  assert.deepEqual(got, expected);
}

test('find and xargs under noux agree with the host\'s (-newer, -regex, -delete, -depth, xargs -L -E -d -a -s)', async () => {
  await compare(['dash.tar', 'coreutils.tar', 'findutils.tar'], 'find.sh');
});

test('GNU gzip under noux agrees with the host\'s: the same compressed bytes, gunzip, zcat, zgrep, errors', async () => {
  await compare(['dash.tar', 'coreutils.tar', 'diffutils.tar', 'grep.tar', 'gzip.tar'], 'gzip.sh');
});

test('GNU tar under noux agrees with the host\'s: the same archive bytes, listing, extraction, gzip, append, delete, compare', async () => {
  await compare(['dash.tar', 'coreutils.tar', 'diffutils.tar', 'gzip.tar', 'tar.tar'], 'tar.sh');
});

test('GNU make under noux agrees with the host\'s: rules, rebuilds where a source changed, sub-make, functions, -n -q -k -i -B -j2', async () => {
  await compare(['dash.tar', 'coreutils.tar', 'findutils.tar', 'make.tar'], 'make.sh');
});

/* The file less shows: 200 numbered lines, every seventh with the word searched for. */
const LESS_TEXT = Array.from({ length: 200 }, (_, i) => `line ${i + 1} ${i % 7 === 3 ? 'needle' : 'hay'}`).join('\n') + '\n';
const COLUMNS = 80;
const ROWS = 24;

/*
 * less in a tmux pane under noux: /bin/sh (dash) runs less on the file in
 * a ROM directory, then says how less ended. TERM names an entry less.tar
 * carries (ncurses' terminfo); no history file (noux's / is not
 * writeable, and the host's run must not write one either).
 */
function lessConfig(): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/>
    <service name="Timer"/> <service name="Terminal"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
  <start name="noux" caps="500" ram="160M">
    <exit propagate="yes"/>
    <config>
      <fstab> <tar name="dash.tar"/> <tar name="less.tar"/> <dir name="data"> <rom name="lines.txt"/> </dir> </fstab>
      <start name="/bin/sh">
        <env name="TERM" value="screen-256color"/> <env name="PATH" value="/bin"/> <env name="LESSHISTFILE" value="-"/>
        <arg value="-c"/> <arg value="cd /data &amp;&amp; less lines.txt; echo &quot;less exited $?&quot;"/>
      </start>
    </config>
  </start>
</config>
`;
}

/** The keys given to both lesses, and what the pane shows once less has acted on them (the event waited for). */
const LESS_STEPS: readonly { readonly keys: readonly string[]; readonly shown: (rows: readonly string[]) => boolean; readonly what: string }[] = [
  { keys: [], shown: (rows) => rows[0] === 'line 1 hay' && rows[22] === 'line 23 hay' && (rows[23] ?? '').startsWith('lines.txt'), what: 'the first page and the file name' },
  { keys: ['Space'], shown: (rows) => rows[0] === 'line 24 hay' && rows[23] === ':', what: 'the second page' },
  { keys: ['/needle', 'Enter'], shown: (rows) => rows[0] === 'line 25 needle', what: 'the next match at the top' },
  { keys: ['n'], shown: (rows) => rows[0] === 'line 32 needle', what: 'the match after it' },
  { keys: ['G'], shown: (rows) => rows[22] === 'line 200 needle' && (rows[23] ?? '').includes('(END)'), what: 'the end of the file' },
  { keys: ['?line 150', 'Enter'], shown: (rows) => rows[0] === 'line 150 hay', what: 'a backward search' },
  { keys: ['g'], shown: (rows) => rows[0] === 'line 1 hay', what: 'the top again' },
];

/* Gives `pane` each step's keys, waits for what it shows, and answers the rows after each step. */
async function lessScreens(pane: TmuxPane, who: string): Promise<string[][]> {
  const screens: string[][] = [];
  for (const step of LESS_STEPS) {
    for (const key of step.keys) {
      if (key.length > 1 && /^[?/]/.test(key)) pane.type(key);
      else pane.key(key);
    }
    screens.push(await pane.waitForScreen(step.shown, `${who}: ${step.what}`));
  }
  pane.key('q');
  return screens;
}

test('less under noux shows what the host\'s less shows: pages, searches forward and back, top and end, quit', async () => {
  assert.ok(tmuxInstalled(), 'tmux is not installed: apt-get install tmux (.ci/run does)');
  await needPort('less.tar', 'less');
  await needPort('dash.tar', 'dash');
  const host = spawnSync('/bin/sh', ['-c', 'command -v less'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  assert.equal(host.status, 0, 'the reference is Debian\'s less on the host: apt-get install less');
  const dir = await mkdtemp(join(tmpdir(), 'nido-less-'));
  const boot = await bootDir({ config: lessConfig(), 'lines.txt': LESS_TEXT });
  await writeFile(join(dir, 'lines.txt'), LESS_TEXT);
  const native = new TmuxPane(join(dir, 'native.socket'));
  const noux = new TmuxPane(join(dir, 'noux.socket'));
  try {
    native.start(COLUMNS, ROWS, ['env', '-i', 'TERM=screen-256color', 'PATH=/usr/bin:/bin', 'HOME=/', 'LESSHISTFILE=-',
      'sh', '-c', `cd "$0" && less lines.txt; echo "less exited $?"; exec sleep 600`, dir]);
    const expected = await lessScreens(native, 'the host\'s less');
    await native.waitFor(/^less exited 0$/m);

    noux.start(COLUMNS, ROWS, ['sh', '-c', '"$0" "$1" run "$2" --timeout 110; echo "nido exited with $?"; exec sleep 600', process.execPath, nidoBin, boot]);
    const got = await lessScreens(noux, 'less under noux');
    assert.deepEqual(got, expected);
    const end = await noux.waitFor(/^nido exited with \d+$/m);
    assert.match(end, /^less exited 0$/m);
    assert.match(end, /^nido exited with 0$/m);
  } finally {
    native.kill();
    noux.kill();
    await rm(dir, { recursive: true, force: true });
    await rm(boot, { recursive: true, force: true });
  }
});
