import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainQuota, formatQuotaAnswer, initOwnQuota, startQuotas } from './quota.js';
import { parseStateReport } from './state_report.js';
import { PARENT_PROVIDES, testSystem } from './test_system.js';

const CONFIG = `<config>${PARENT_PROVIDES}
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  <report child_ram="yes" child_caps="yes" requested="yes" provided="yes"/>
  <start name="log" ram="2M"> <binary name="dummy"/> <provides> <service name="LOG"/> </provides> </start>
  <start name="a" ram="1M" caps="200"> <binary name="dummy"/> </start>
  <start name="big"> <binary name="dummy"/> <resource name="RAM" quantum="1G"/> </start>
  <start name="sub" ram="8M"> <binary name="init"/> <config> <start name="b" ram="1M"/> </config> </start>
</config>`;

test('initial transfers in start order: the configured quota less environment sessions and init\'s bookkeeping, clamped to what is left', () => {
  const system = testSystem(CONFIG);
  const quotas = startQuotas(system.top, { ram: 64 * 1024 * 1024, caps: 2000 });
  assert.deepEqual(quotas.map((q) => [q.child.name, q.transfer.ram, q.transfer.caps]), [
    ['log', 2048 * 1024 - 248 * 1024 - 8192, 66],
    ['a', 1024 * 1024 - 248 * 1024 - 8192, 166],
    /* What init has (64M) less preservation (320K), the two children before and their env sessions (240K each), less the env sessions. */
    ['big', 64 * 1024 * 1024 - 320 * 1024 - (1792 * 1024 + 240 * 1024) - (768 * 1024 + 240 * 1024) - 248 * 1024, 66],
    ['sub', 0, 66],
  ]);
  assert.deepEqual(quotas[2]?.messages.map((m) => m.text), [`big: configured RAM exceeds available RAM, proceed with ${quotas[2]?.transfer.ram}`]);
  assert.equal(quotas[2]?.ramFrom?.type, 'resource');
  assert.equal(quotas[0]?.capsFrom?.type, 'default');
});

test('a nested init has what its parent transferred to it', async () => {
  const system = testSystem(CONFIG.replace('<resource name="RAM" quantum="1G"/>', ''));
  const sub = system.top.child('sub');
  assert.ok(sub !== undefined);
  const nested = await system.nested(system.top, sub);
  assert.ok(typeof nested !== 'string');
  const own = initOwnQuota(nested, system.host.initQuota);
  assert.deepEqual(own.own, { ram: 8 * 1024 * 1024 - 248 * 1024 - 8192, caps: 66 });
  assert.equal(own.from, 'what init transfers to "sub" at its start');
});

test('with a state report: assigned, quota, use, env sessions apart from its own donations, sessions it serves', () => {
  const system = testSystem(CONFIG);
  const log = system.top.child('log');
  assert.ok(log !== undefined);
  const report = parseStateReport(`<state>
  <child name="log" binary="dummy">
    <ram assigned="2M" quota="1834496" used="300K" avail="1534496"/>
    <caps assigned="100" quota="70" used="20" avail="50"/>
    <requested>
      <session service="PD" label="log" state="CAP_HANDED_OUT" ram="192K" caps="13"/>
      <session service="CPU" label="log" state="CAP_HANDED_OUT" ram="32K" caps="8"/>
      <session service="LOG" label="log" state="CAP_HANDED_OUT" ram="8K" caps="2"/>
      <session service="ROM" label="dummy" state="CAP_HANDED_OUT" ram="8K" caps="2"/>
      <session service="Timer" label="log -> " state="CAP_HANDED_OUT" ram="7680" caps="2"/>
    </requested>
    <provided>
      <session service="LOG" label="a" state="CAP_HANDED_OUT" ram="7680" caps="2"/>
    </provided>
  </child>
</state>`);
  const text = formatQuotaAnswer(explainQuota(system.top, log, { ram: 64 * 1024 * 1024, caps: 2000 }, 'core', report, 'reports/init/state'));
  assert.match(text, /asks for 2M RAM \(ram from <start name="log"> at boot\/config:5\) and 100 caps \(caps from <default> at boot\/config:3\)/);
  assert.match(text, /"log" is the first child it starts/);
  assert.match(text, /RAM: {2}assigned 2M, quota 1834496, used 300K, avail 1534496/);
  assert.match(text, /environment sessions \(paid by init, not from "log"'s quota\):\n {4}PD [^\n]*\n {4}CPU [^\n]*\n {4}LOG [^\n]*\n {4}ROM [^\n]*"dummy"/);
  assert.match(text, /its own sessions[^\n]*\n {4}Timer {8}"log -> "[^\n]*\n {4}together 8K and 2 caps/);
  assert.match(text, /sessions it serves[^\n]*\n {4}LOG {10}"a"[^\n]*\n {4}together 7680 and 2 caps/);
  assert.match(text, /RAM quota: start 1792K − donated 8K \+ received 7680 = 1834496, as the report says/);
  assert.match(text, /From the state report \(reports\/init\/state\):/);
});

test('without a report, the answer says how to get one', () => {
  const system = testSystem(CONFIG);
  const a = system.top.child('a');
  assert.ok(a !== undefined);
  const text = formatQuotaAnswer(explainQuota(system.top, a, { ram: 64 * 1024 * 1024, caps: 2000 }, 'core', undefined));
  assert.match(text, /the child started before "a" \(log\) takes 2032K and 91 caps with its environment sessions/);
  assert.match(text, /add <report child_ram="yes" child_caps="yes" requested="yes" provided="yes"\/>/);
});
