/*
 * Scenario tests of the dummy (spec/init.md §6): its commands, config
 * versions across live edits of the boot directory's config, the dummy as
 * LOG server and client, and resource requests.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Nido, bootDir, replaceFile, reportDir, repoRoot, waitForReport } from '../harness.js';

const scenario = (name: string) => join(repoRoot, 'test', 'scenarios', name);

/** Replaces the inline <config> of start node `name` in a boot directory's config. */
async function setChildConfig(dir: string, name: string, config: string): Promise<void> {
  const file = join(dir, 'config');
  const text = await readFile(file, 'utf8');
  const start = new RegExp(`(<start name="${name}"[^>]*>[\\s\\S]*?)<config[^>]*?(?:/>|>[\\s\\S]*?</config>)`);
  assert.match(text, start, `no <config> in start node "${name}"`);
  await replaceFile(file, text.replace(start, (_match, head: string) => head + config));
}

/** Asserts that `lines` holds `expected` in this order (other lines may stand between them). */
function assertInOrder(lines: readonly string[], expected: readonly string[]): void {
  let at = -1;
  for (const line of expected) {
    const next = lines.indexOf(line, at + 1);
    assert.ok(next > at, `missing "${line}" after line ${at} in\n${lines.join('\n')}`);
    at = next;
  }
}

test('dummy: commands in document order, config versions, live reconfiguration, exit, a sleeping dummy misses heartbeats', async () => {
  const dir = await bootDir({}, scenario('dummy'));
  const reports = await reportDir();
  const nido = new Nido(dir, ['--report-dir', reports, '--timeout', '90']);
  try {
    await nido.waitFor(/^\[init -> dummy\] first config done$/);
    await nido.waitFor(/^\[init -> sleeper\] going to sleep$/);
    assertInOrder(nido.lines, [
      '[init -> dummy] config 1: 1',
      '[init -> dummy] hello from the dummy',
      '[init -> dummy] a log string is cut after its forty-ninth charact',
      '[init -> dummy] consume 1M bytes of memory',
      '[init -> dummy] release 1M bytes of memory',
      '[init -> dummy] consume 512K bytes of memory',
      '[init -> dummy] consume 5 caps',
      '[init -> dummy] release 5 caps',
      '[init -> dummy] consume 3 caps',
      '[init -> dummy] first config done',
    ]);
    await nido.waitFor(/^\[init -> witness\] config 1: 1$/);

    /* A new version is executed... */
    await setChildConfig(dir, 'dummy', '<config version="2"> <log string="second config"/> </config>');
    await nido.waitFor(/^\[init -> dummy\] second config$/);
    assertInOrder(nido.lines, ['[init -> dummy] config 2: 2', '[init -> dummy] second config']);

    /* ...a changed config with the same version is not; the sleeping dummy handles no config at all. */
    await setChildConfig(dir, 'dummy', '<config version="2"> <log string="same version again"/> </config>');
    await setChildConfig(dir, 'sleeper', '<config version="2"> <log string="woken up"/> </config>');
    await setChildConfig(dir, 'witness', '<config version="2"/>');
    await nido.waitFor(/^\[init -> witness\] config 2: 2$/);
    await setChildConfig(dir, 'dummy', '<config version="3"> <log string="leaving"/> <exit/> <log string="not reached"/> </config>');
    await nido.waitFor(/^\[init\] child "dummy" exited with exit value 0$/);
    assertInOrder(nido.lines, ['[init -> dummy] config 3: 3', '[init -> dummy] leaving', '[init] child "dummy" exited with exit value 0']);
    for (const absent of ['[init -> dummy] same version again', '[init -> dummy] not reached', '[init -> sleeper] woken up', '[init -> sleeper] not reached']) {
      assert.ok(!nido.lines.includes(absent), `unexpected "${absent}" in\n${nido.lines.join('\n')}`);
    }
    /* Blocked for good, the sleeper answers no heartbeat. */
    await waitForReport(reports, 'init/state', (report) => /<child name="sleeper"[^>]* skipped_heartbeats="\d+"/.test(report));
  } finally {
    await nido.stop();
  }
});

test('dummy: LOG service with verbose sessions, LOG connections with upgrades, blocking sleep and delayed close', async () => {
  const dir = await bootDir({}, scenario('dummy_log'));
  const nido = new Nido(dir, ['--timeout', '90']);
  try {
    await nido.waitFor(/^\[init -> server\] \[client\] created all LOG connections$/);
    assertInOrder(nido.lines, [
      '[init -> server] created LOG service',
      '[init -> server] opening session with label client',
      '[init -> server] [client] config 1: 1',
      '[init -> server] [client] going to create 2 LOG connections',
      '[init -> server] opening session with label client -> 0',
      '[init -> server] [client] upgrade connection 0',
      '[init -> server] received session quota upgrade',
      '[init -> server] opening session with label client -> 1',
      '[init -> server] [client] upgrade connection 1',
      '[init -> server] received session quota upgrade',
      '[init -> server] [client] created all LOG connections',
    ]);

    let from = nido.lines.length;
    await setChildConfig(dir, 'client', '<config version="2"> <destroy_log_connections/> </config>');
    await nido.waitFor(/^\[init -> server\] \[client\] destroyed all LOG connections$/, 30_000, from);
    assertInOrder(nido.lines.slice(from), [
      '[init -> server] close session without delay',
      '[init -> server] closing session with label client -> 0',
      '[init -> server] close session without delay',
      '[init -> server] closing session with label client -> 1',
      '[init -> server] [client] destroyed all LOG connections',
    ]);

    /* While the server sleeps, nothing it serves is answered: the client's session opens after it woke. */
    from = nido.lines.length;
    await setChildConfig(dir, 'server', `<config version="2">
      <log_service verbose="yes" delay_close_ms="300"/> <log string="sleeping"/> <sleep ms="1500"/> <log string="awake"/>
    </config>`);
    await nido.waitFor(/^\[init -> server\] sleeping$/, 30_000, from);
    await setChildConfig(dir, 'client', '<config version="3"> <create_log_connections count="1"/> <destroy_log_connections/> </config>');
    await nido.waitFor(/^\[init -> server\] \[client\] destroyed all LOG connections$/, 30_000, from);
    assertInOrder(nido.lines.slice(from), [
      '[init -> server] created LOG service',
      '[init -> server] sleeping',
      '[init -> server] awake',
      '[init -> server] opening session with label client -> 0',
      '[init -> server] delay close by 300 ms',
      '[init -> server] closing session with label client -> 0',
      '[init -> server] [client] destroyed all LOG connections',
    ]);
  } finally {
    await nido.stop();
  }
});

test('dummy: a dummy short of RAM or caps asks init for resources, goes on when granted, yields when asked', async () => {
  const dir = await bootDir({}, scenario('dummy_resources'));
  const nido = new Nido(dir, ['--timeout', '90']);
  try {
    await nido.waitFor(/^\[init\] child "hungry" requests resources: ram_quota=4198400$/);
    await nido.waitFor(/^\[init\] child "greedy" requests resources: cap_quota=\d+$/);
    assert.ok(nido.lines.includes('[init -> hungry] consume 4M bytes of memory'), nido.lines.join('\n'));
    assert.ok(nido.lines.includes('[init -> greedy] consume 100 caps'), nido.lines.join('\n'));
    /* init grants nothing by itself: both wait... */
    assert.ok(!nido.lines.includes('[init -> hungry] fed'), nido.lines.join('\n'));
    assert.ok(!nido.lines.includes('[init -> greedy] satisfied'), nido.lines.join('\n'));

    /* ...until their quota is raised in the config. */
    const file = join(dir, 'config');
    const config = await readFile(file, 'utf8');
    const raised = config.replace('<start name="hungry" ram="1M">', '<start name="hungry" ram="8M">').replace('<start name="greedy" caps="60">', '<start name="greedy" caps="300">');
    await replaceFile(file, raised);
    await nido.waitFor(/^\[init -> hungry\] fed$/);
    await nido.waitFor(/^\[init -> greedy\] satisfied$/);

    /* Lowered below what it holds: init asks for the rest back, the dummy frees its memory. */
    await replaceFile(file, raised.replace('<start name="hungry" ram="8M">', '<start name="hungry" ram="2M">'));
    await nido.waitFor(/^\[init -> hungry\] release 4M bytes of memory$/);
    assertInOrder(nido.lines, ['[init -> hungry] fed', '[init -> hungry] got yield request', '[init -> hungry] release 4M bytes of memory']);
  } finally {
    await nido.stop();
  }
});
