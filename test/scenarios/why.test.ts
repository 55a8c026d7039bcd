/*
 * `nido why` on boot directories: from the config alone (the issue's
 * broken config: a LOG route to a child that does not exist and no
 * <parent-provides>), and with the state report of a real `nido run`
 * (a client waiting for a server whose binary is missing, a child that
 * exited, one that runs with sessions of its own). And init's log of a
 * real run names the config line that denied a session.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { bootDir, Nido, nidoBin, nidoRun, plain, reportDir, waitForReport } from '../harness.js';

interface WhyResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function nidoWhy(args: readonly string[]): Promise<WhyResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nidoBin, 'why', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/* The config: LOG routed to `nobody`, no <parent-provides>, and a misspelt attribute init ignores. */
const BROKEN = `<config>
  <default caps="100"/>
  <start name="a" ram="1M" quantum="3">
    <binary name="dummy"/>
    <route>
      <service name="LOG"> <child name="nobody"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>
`;

test('from the config alone: the route rules with their lines, the denial as init logs it, and what keeps the child from starting', async () => {
  const dir = await bootDir({ config: BROKEN });
  const config = join(dir, 'config');
  const session = await nidoWhy([dir, '--session', 'LOG', '--label', 'init -> a']);
  assert.equal(session.code, 0, session.stderr);
  assert.ok(session.stdout.includes([
    `init (${config}) routes LOG of child "a" (${config}:3), label "a", an environment session:`,
    `  its <route> at ${config}:5:`,
    `    ${config}:6  <service name="LOG">  matches: no label condition`,
    `      ${config}:6  <child name="nobody"/>  fails: there is no child "nobody"`,
    '      every target failed: a matching <service> rule does not fall through: denied',
    '→ denied',
    '  [init] (route of "a" to LOG (label "a"): config line 6, <child name="nobody"/>: there is no child "nobody")',
    '  [init] Error: a: LOG environment session denied (label="a", ram_quota=8192, cap_quota=2)',
  ].join('\n')), session.stdout);

  const child = await nidoWhy([dir, '--child', 'a']);
  assert.equal(child.code, 0, child.stderr);
  assert.match(child.stdout, /From the config: it cannot start as configured\.\n  ✗ PD: no route, the environment session is denied\n {6}\[init\] Warning: a: no route to service "PD" \(label="a"\)\n {6}\[init\] \(route of "a" to PD \(label "a"\): config line 7, <parent\/>: the parent provides nothing: <parent-provides> is missing or empty;/);
  assert.match(child.stdout, /✗ LOG: no route, the environment session is denied\n {6}\[init\] \(route of "a" to LOG \(label "a"\): config line 6, <child name="nobody"\/>: there is no child "nobody"\)/);

  const unknown = await nidoWhy([dir, '--child', 'b']);
  assert.equal(unknown.code, 2);
  assert.equal(unknown.stderr, `nido why: init (${config}) has no child "b" (its children: a)\n`);
  const usage = await nidoWhy([dir, '--session', 'LOG']);
  assert.equal(usage.code, 2);
  assert.match(usage.stderr, /--session needs --label/);
});

test('init\'s log names the config line that denied a session, after Genode\'s own messages', async () => {
  const dir = await bootDir({ config: BROKEN });
  const result = await nidoRun(dir, ['--until', 'PD environment session denied', '--timeout', '60']);
  assert.equal(result.code, 0, result.stdout + result.stderr);
  const lines = plain(result.stdout).split('\n');
  const warning = lines.indexOf('[init] Warning: a: no route to service "PD" (label="a")');
  assert.ok(warning >= 0, result.stdout);
  assert.equal(lines[warning + 1], '[init] (route of "a" to PD (label "a"): config line 7, <parent/>: the parent provides nothing: <parent-provides> is missing or empty; no other rule of <route> (config line 5) matches)');
  assert.equal(lines[warning + 2], '[init] Error: a: PD environment session denied (label="a", ram_quota=196608, cap_quota=13)');
});

const RUNNING = `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/>
    <service name="LOG"/> <service name="Timer"/> <service name="Report"/>
  </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <report requested="yes" provided="yes" child_ram="yes" child_caps="yes" delay_ms="100"/>
  <start name="server" ram="2M">
    <binary name="nowhere"/>
    <provides> <service name="LOG"/> </provides>
  </start>
  <start name="client" ram="1M">
    <binary name="dummy"/>
    <route> <service name="LOG"> <child name="server"/> </service> <any-service> <parent/> </any-service> </route>
    <config> <log string="never seen"/> </config>
  </start>
  <start name="quitter" ram="1M"> <binary name="dummy"/> <config> <log string="bye"/> <exit/> </config> </start>
  <start name="worker" ram="2M">
    <binary name="dummy"/>
    <config> <create_log_connections count="2"/> <log string="working"/> </config>
  </start>
</config>
`;

test('with the state report of a real run: waiting, exited, and where a running child\'s quota went', async () => {
  const dir = await bootDir({ config: RUNNING });
  const reports = await reportDir();
  const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '90']);
  try {
    await nido.waitFor(/^\[init -> worker\] working$/);
    await waitForReport(reports, join('init', 'state'), (report) =>
      report.includes('<child name="quitter" binary="dummy" exited="0"')
      && /<child name="client" binary="dummy" state="incomplete">[^]*?<session service="LOG" label="client" state="CREATE_REQUESTED"/.test(report)
      && report.includes('label="worker -> 1" state="CAP_HANDED_OUT"'));
  } finally {
    await nido.stop();
  }

  const client = await nidoWhy([dir, '--child', 'client', '--report-dir', reports]);
  assert.equal(client.code, 0, client.stderr);
  assert.match(client.stdout, /From the config: it cannot start as configured\.\n[^]*✗ LOG → child "server" of init \([^)]*config:9\), which cannot start itself: its binary resolves nowhere: core has no ROM module "nowhere"/);
  assert.match(client.stdout, new RegExp(`From the state report \\(${reports.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/init/state\\):\\n  ✗ "client" is incomplete: init has not started its program: it waits for its LOG session at child "server" of init \\([^)]*config:9\\), which cannot start: its binary resolves nowhere`));

  const server = await nidoWhy([dir, '--child', 'server', '--report-dir', reports]);
  assert.match(server.stdout, /✗ "server" is incomplete: init has not started its program: its ROM environment session is SERVICE_DENIED at core \(does its binary "nowhere" exist\?\)/);

  const quitter = await nidoWhy([dir, '--child', 'quitter', '--report-dir', reports]);
  assert.match(quitter.stdout, /· "quitter" exited with exit value 0/);

  const quota = await nidoWhy([dir, '--quota', 'worker', '--report-dir', reports]);
  assert.equal(quota.code, 0, quota.stderr);
  assert.match(quota.stdout, /asks for 2M RAM \(ram from <start name="worker">[^\n]*\) and 100 caps \(caps from <default>/);
  assert.match(quota.stdout, /its own sessions \(donated from its quota; init keeps 512 bytes of each\):\n {4}ROM {10}"worker -> config"[^\n]*\n {4}LOG {10}"worker -> 0" {16}CAP_HANDED_OUT[^\n]*\n {4}LOG {10}"worker -> 1"/);
  assert.match(quota.stdout, /RAM quota: start 1792K − donated \d+K? \+ received 0 = \d+K?/);

  const session = await nidoWhy([dir, '--session', 'LOG', '--label', 'init -> client', '--report-dir', reports]);
  assert.match(session.stdout, /→ child "server" of init \([^)]*config:9, binary nowhere\) takes the LOG session, label "client"/);
  assert.ok(session.stdout.endsWith(`\n${join(reports, 'init', 'state')}: "client" has its LOG session "client" in state CREATE_REQUESTED (0 bytes, 0 caps donated)\n`), session.stdout);
});
