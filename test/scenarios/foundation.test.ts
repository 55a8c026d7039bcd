/*
 * Scenario tests of the foundation: real boot directories booted through
 * `nido run`, checked by their log lines and state reports.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, initAccounts, initAccountsWhenEmpty, nidoRun, reportDir, repoRoot, waitForReport } from '../harness.js';

const scenario = (name: string) => join(repoRoot, 'test', 'scenarios', name);

test('hello world: [init -> hello] Hello world, then init sees the exit', async () => {
  const result = await nidoRun(join(repoRoot, 'examples', 'hello'), ['--until', 'exited with exit value', '--timeout', '30']);
  assert.equal(result.code, 0, result.stderr);
  assert.ok(result.lines.includes('[init -> hello] Hello world'), result.lines.join('\n'));
  assert.ok(result.lines.includes('[init] child "hello" exited with exit value 0'), result.lines.join('\n'));
});

test('client and server in separate workers: custom session, delegated capabilities, typed errors, revocation', async () => {
  const result = await nidoRun(scenario('client_server'), ['--until', 'client done', '--timeout', '30']);
  assert.equal(result.code, 0, result.stderr);
  const expected = [
    '[init -> server] session opened by "client -> main" with ram_quota=15872',
    '[init -> client] 1 + 2 = 3',
    '[init -> client] sync: 20 + 22 = 42, Hello, blocking caller!',
    '[init -> client] sync typed error: true server refuses',
    '[init -> client] Hello, Nido!',
    '[init -> client] counter: 2',
    '[init -> client] counter is ours: true',
    '[init -> client] client got "ping (via server)"',
    '[init -> client] typed error: true server refuses',
    '[init -> server] session of "client -> main" closed',
    '[init -> client] after close: CapabilityRevoked',
  ];
  for (const line of expected) assert.ok(result.lines.includes(line), `missing "${line}" in\n${result.lines.join('\n')}`);
  /* The session closed before the revoked call was tried. */
  assert.ok(result.lines.indexOf(expected[9] as string) < result.lines.indexOf(expected[10] as string));
});

test('a ROM module changed on disk reaches the running component', async () => {
  const dir = await bootDir({}, scenario('rom_update'));
  const nido = new Nido(dir, ['--timeout', '60']);
  try {
    await nido.waitFor(/^\[init -> watcher\] message: first version$/);
    await writeFile(join(dir, 'message'), 'second version\n');
    await nido.waitFor(/^\[init -> watcher\] message: second version$/);
    await writeFile(join(dir, 'message'), 'third version\n');
    await nido.waitFor(/^\[init -> watcher\] message: third version$/);
  } finally {
    await nido.stop();
  }
});

test('a crashing child and a child over its RAM quota end alone; quotas come back to the byte', async () => {
  const reports = await reportDir();
  const dir = await bootDir({}, scenario('crash'));
  const config = await readFile(join(dir, 'config'), 'utf8');
  /* First boot without the children, to learn init's quota with nothing started. */
  await writeFile(join(dir, 'config'), config.replace(/<start[^>]*\/>\s*/g, ''));
  const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '120']);
  try {
    const empty = await waitForReport(reports, 'init/state', (r) => r.includes('<ram quota='));
    const before = initAccounts(empty);
    await writeFile(join(dir, 'config'), config);
    await nido.waitFor(/^\[init\] child "crasher" exited with exit value 1$/);
    await nido.waitFor(/^\[init -> crasher\] Error: uncaught TypeError: Cannot read properties of null/);
    await nido.waitFor(/^\[init\] child "hog" exited with exit value 1$/);
    await nido.waitFor(/^\[init -> hog\] Error: RAM quota of 3\.\d MiB exceeded: the JavaScript heap reached its limit of \d+ MiB/);
    /* The survivor runs on after both ended. */
    const index = nido.lines.length;
    await nido.waitFor(/^\[init -> survivor\] still alive \d+$/, 30_000, index);
    const report = await waitForReport(reports, 'init/state', (r) => /name="hog"[^>]*exited="1"/.test(r) && /name="crasher"[^>]*exited="1"/.test(r));
    assert.match(report, /<child name="survivor" binary="survivor">/);
    /* Take the survivor away too: every byte and cap is back with init. */
    await writeFile(join(dir, 'config'), config.replace(/<start[^>]*\/>\s*/g, ''));
    /* Closes at servers complete asynchronously; each completion triggers a new report. */
    assert.deepEqual(await initAccountsWhenEmpty(reports, before, 30_000), before);
  } finally {
    await nido.stop();
  }
});

test('a component flooding its LOG does not stall the others; long lines are split', async () => {
  const result = await nidoRun(scenario('flood'), ['--until', '^\\[init -> flooder\\] flood done$', '--timeout', '120']);
  assert.equal(result.code, 0, result.stderr);
  const done = result.lines.indexOf('[init -> flooder] flood done');
  const ticks = result.lines.filter((line, index) => /^\[init -> ticker\] tick \d$/.test(line) && index < done);
  assert.ok(ticks.length >= 1, 'no tick made it through while the flood went on');
  /* A 3000-character write arrives as lines of at most 1024 characters, each with the label. */
  const pieces = result.lines.filter((line) => line.startsWith('[init -> flooder] ') && line.includes('xxx'));
  assert.ok(pieces.length >= 3 && pieces.every((line) => line.length <= '[init -> flooder] '.length + 1024));
});

test('a malformed config is a boot error naming file, line and column', async () => {
  const dir = await bootDir({ config: '<config>\n  <start name="a">\n  </strat>\n</config>\n' });
  const result = await nidoRun(dir, ['--timeout', '30']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /config:3:\d+: unexpected close tag <\/strat> \(expected <\/start>, opened at line 2\)/);
});

test('a config broken at run time is reported with line and column; the system runs on', async () => {
  const dir = await bootDir({}, scenario('rom_update'));
  const nido = new Nido(dir, ['--timeout', '60']);
  try {
    await nido.waitFor(/message: first version/);
    const config = await readFile(join(dir, 'config'), 'utf8');
    await writeFile(join(dir, 'config'), config.replace('</config>', '<start name="x">\n</config>'));
    await nido.waitFor(/^\[init\] Error: malformed config: config:\d+:\d+: /);
    await writeFile(join(dir, 'message'), 'still here\n');
    await nido.waitFor(/^\[init -> watcher\] message: still here$/);
  } finally {
    await nido.stop();
  }
});

test('a missing binary is a clear error naming module and label; siblings start', async () => {
  const dir = await bootDir({
    config: `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
  <start name="ghost"/>
  <start name="hello"/>
</config>`,
    'hello.js': 'export function construct(env) { env.log("Hello world"); }',
  });
  const nido = new Nido(dir, ['--timeout', '60']);
  try {
    await nido.waitFor(/^\[init -> hello\] Hello world$/);
    await nido.waitFor(/^\[init\] Error: ghost: .*ROM module "ghost" not found \(requested by "init -> ghost"\)/);
  } finally {
    await nido.stop();
  }
});
