/*
 * GNU sed, grep, diffutils, findutils and gawk from Debian's source
 * (ports/sed, ports/grep, ...), built for noux with nido cc: a dash script
 * per tool exercising its main features runs under noux (booted through
 * `nido run`, its console a Terminal session that log_terminal turns into
 * log lines) and natively with the host's /bin/dash and GNU tools, which
 * Debian 12 ships in the same versions. Outputs and exit statuses must be
 * equal; where noux answers otherwise on purpose, the difference is
 * declared below with its reason.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { access, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Nido, bootDir, repoRoot } from '../harness.js';

const scripts = join(repoRoot, 'test', 'scenarios', 'gnu_tools');
const CONSOLE = /^\[init -> log_terminal\] ?/;

function config(tars: readonly string[], script: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <start name="log_terminal" ram="2M"> <provides> <service name="Terminal"/> </provides> </start>
  <start name="noux" caps="2000" ram="160M">
    <exit propagate="yes"/>
    <config>
      <fstab>
        ${tars.map((tar) => `<tar name="${tar}"/>`).join(' ')}
        <dir name="scripts"> <rom name="${script}"/> </dir>
        <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir>
      </fstab>
      <start name="/bin/dash">
        <env name="PATH" value="/bin"/> <env name="TMPDIR" value="/tmp"/> <env name="HOME" value="/"/>
        <arg value="-c"/> <arg value="exec 2>&amp;1; . /scripts/${script}"/>
      </start>
    </config>
    <route> <service name="Terminal"> <child name="log_terminal"/> </service> <any-service> <parent/> </any-service> </route>
  </start>
</config>
`;
}

/** Fails naming `npm run ports` when a port's tar is missing. */
async function requireTars(tars: readonly string[]): Promise<void> {
  for (const tar of tars) {
    await access(join(repoRoot, 'dist', 'wasm', tar)).catch(() => {
      throw new Error(`dist/wasm/${tar} is missing: run "npm run ports" (fetches Debian's sources with apt-get source and builds them with nido cc, see ports/README.md)`);
    });
  }
}

/** Runs `script` (a file of test/scenarios/gnu_tools) with dash under noux: the console's lines and `exit: N`. */
async function underNoux(tars: readonly string[], script: string): Promise<string[]> {
  const text = await readFile(join(scripts, script));
  const dir = await bootDir({ config: config(tars, script), [script]: text });
  const nido = new Nido(dir, ['--timeout', '240']);
  const result = await nido.exited;
  const lines = result.lines.filter((line) => CONSOLE.test(line)).map((line) => line.replace(CONSOLE, '').trimEnd());
  const errors = result.lines.filter((line) => /Error|Warning/.test(line) && !CONSOLE.test(line));
  assert.deepEqual(errors, [], `noux's log:\n${result.lines.join('\n')}`);
  return [...lines, `exit: ${result.code}`];
}

/** Runs `script` with the host's dash and GNU tools in a fresh directory as TMPDIR. */
async function natively(script: string): Promise<string[]> {
  const scratch = await mkdtemp(join(tmpdir(), 'nido-gnu-tools-'));
  const result = spawnSync('/bin/dash', ['-c', `exec 2>&1; . ${join(scripts, script)}`], {
    encoding: 'utf8', timeout: 60_000,
    env: { PATH: '/usr/bin:/bin', TMPDIR: scratch, HOME: '/', LC_ALL: 'C' },
  });
  const lines = result.stdout.split('\n').map((line) => line.trimEnd());
  if (lines.at(-1) === '') lines.pop();
  return [...lines, `exit: ${result.status}`];
}

test('GNU sed under noux agrees with the host\'s', async () => {
  const tars = ['dash.tar', 'sed.tar'];
  await requireTars(tars);
  const expected = await natively('sed.sh');
  const got = await underNoux(tars, 'sed.sh');
  assert.deepEqual(got, expected);
});
