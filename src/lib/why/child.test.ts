import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChildExplainer, formatChildAnswer, type ChildAnswer, type Finding } from './child.js';
import { parseStateReport } from './state_report.js';
import { PARENT_PROVIDES, testSystem } from './test_system.js';

async function explain(config: string, name: string, report?: string, modules?: Record<string, string>): Promise<ChildAnswer> {
  const system = testSystem(config, modules);
  const located = await system.locateChild(name);
  assert.ok(located.ok, located.ok ? '' : located.reason);
  return new ChildExplainer(system).explain(located.model, located.child,
    report === undefined ? undefined : { source: 'reports/init/state', state: parseStateReport(report) });
}

const problems = (findings: readonly Finding[]) => findings.filter((f) => f.level === 'problem').map((f) => f.text);

const ROUTED = (rest: string) => `<config>${PARENT_PROVIDES}
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="100"/>
  ${rest}
</config>`;

test('from the config: a child that can start has no problem', async () => {
  const answer = await explain(ROUTED('<start name="a" ram="1M"> <binary name="dummy"/> </start>'), 'a');
  assert.deepEqual(problems(answer.config), []);
  assert.match(formatChildAnswer(answer), /From the config: nothing keeps it from starting\.\n  ✓ PD → core\n  ✓ CPU → core\n  ✓ LOG → core\n  ✓ ROM \(its binary "dummy"\) → core: boot\/dummy\n  ✓ quota: 768K and 66 caps in its PD at its start/);
});

test('its binary resolves nowhere', async () => {
  const answer = await explain(ROUTED('<start name="a" ram="1M"> <binary name="nowhere"/> </start>'), 'a');
  assert.deepEqual(problems(answer.config), [
    'its binary resolves nowhere: core has no ROM module "nowhere" (not in the boot directory as nowhere, nowhere.js, nowhere.mjs, nowhere.ts or nowhere.wasm, and not shipped with Nido)',
  ]);
});

test('its quota exceeds what the children before it left', async () => {
  /* init has 64M in the test host. */
  const answer = await explain(ROUTED('<start name="a" ram="40M"> <binary name="dummy"/> </start> <start name="b" ram="40M"> <binary name="dummy"/> </start>'), 'b');
  const [problem] = answer.config.filter((f) => f.level === 'problem');
  assert.match(problem?.text ?? '', /^its quota does not fit: it asks for 40M and 100 caps; when it starts, init can hand out /);
  assert.match(problem?.detail?.[0] ?? '', /^\[init\] Warning: b: configured RAM exceeds available RAM, proceed with \d+$/);
});

test('a service it needs has no route, and a parent that provides nothing', async () => {
  const answer = await explain(`<config>
  <start name="a" ram="1M" caps="100">
    <binary name="dummy"/>
    <route>
      <service name="LOG"> <child name="nobody"/> </service>
      <service name="Timer" label="tick"> <child name="nobody"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>`, 'a');
  const text = formatChildAnswer(answer);
  assert.match(text, /✗ PD: no route, the environment session is denied\n {6}\[init\] Warning: a: no route to service "PD" \(label="a"\)\n {6}\[init\] \(route of "a" to PD \(label "a"\): config line 7, <parent\/>: the parent provides nothing/);
  assert.match(text, /✗ LOG: no route[^\n]*\n {6}\[init\] \(route of "a" to LOG \(label "a"\): config line 5, <child name="nobody"\/>: there is no child "nobody"\)/);
  assert.match(text, /✗ its Timer sessions matching <service name="Timer" label="tick"> \(boot\/config:6\) are denied/);
});

test('it waits for a server that cannot start, or for one that waits for it', async () => {
  const broken = await explain(ROUTED(`
  <start name="log" ram="1M"> <binary name="nowhere"/> <provides> <service name="LOG"/> </provides> </start>
  <start name="a" ram="1M"> <binary name="dummy"/> <route> <service name="LOG"> <child name="log"/> </service> <any-service> <parent/> </any-service> </route> </start>`), 'a');
  assert.deepEqual(problems(broken.config), [
    'LOG → child "log" of init (boot/config:5), which cannot start itself: its binary resolves nowhere: core has no ROM module "nowhere" (not in the boot directory as nowhere, nowhere.js, nowhere.mjs, nowhere.ts or nowhere.wasm, and not shipped with Nido)',
  ]);
  const circle = await explain(ROUTED(`
  <start name="a" ram="1M"> <binary name="dummy"/> <provides> <service name="LOG"/> </provides> <route> <service name="LOG"> <child name="b"/> </service> <any-service> <parent/> </any-service> </route> </start>
  <start name="b" ram="1M"> <binary name="dummy"/> <provides> <service name="LOG"/> </provides> <route> <service name="LOG"> <child name="a"/> </service> <any-service> <parent/> </any-service> </route> </start>`), 'a');
  assert.match(problems(circle.config)[0] ?? '', /^LOG → child "b" of init \(boot\/config:6\), which cannot start itself: LOG → child "a" [^]*"a" waits for a server that waits for "a"$/);
});

const SERVER = ROUTED(`
  <report requested="yes" child_ram="yes"/>
  <start name="log" ram="1M"> <binary name="dummy"/> <provides> <service name="LOG"/> </provides> </start>
  <start name="a" ram="1M"> <binary name="dummy"/> <route> <service name="LOG"> <child name="log"/> </service> <any-service> <parent/> </any-service> </route> </start>`);

test('from the state report: incomplete, waiting for the session a server has not served yet', async () => {
  const answer = await explain(SERVER, 'a', `<state>
  <child name="a" binary="dummy" state="incomplete">
    <requested>
      <session service="PD" label="a" state="CAP_HANDED_OUT" ram="192K" caps="13"/>
      <session service="CPU" label="a" state="CAP_HANDED_OUT" ram="32K" caps="8"/>
      <session service="LOG" label="a" state="CREATE_REQUESTED" ram="0" caps="0"/>
    </requested>
  </child>
  <child name="log" binary="dummy" state="incomplete"> <requested/> </child>
</state>`);
  assert.deepEqual(problems(answer.report?.findings ?? []), [
    '"a" is incomplete: init has not started its program: it waits for its LOG session at child "log" of init (boot/config:6)',
  ]);
});

test('from the state report: a denied env session, an exit value, a child not listed', async () => {
  const denied = await explain(SERVER.replace('<child name="log"/>', '<child name="nobody"/>'), 'a', `<state>
  <child name="a" binary="dummy" state="incomplete"> <requested> <session service="PD" label="a" state="CAP_HANDED_OUT" ram="192K" caps="13"/> <session service="CPU" label="a" state="CAP_HANDED_OUT" ram="32K" caps="8"/> </requested> </child>
</state>`);
  const finding = denied.report?.findings[0];
  assert.equal(finding?.text, '"a" is incomplete: init has not started its program: its LOG environment session was denied (no route)');
  assert.match(finding?.detail?.at(-1) ?? '', /there is no child "nobody"/);
  const exited = await explain(SERVER, 'a', '<state> <child name="a" binary="dummy" exited="3"/> </state>');
  assert.deepEqual(problems(exited.report?.findings ?? []), ['"a" exited with exit value 3; init keeps it as an exited child until its start node changes']);
  const missing = await explain(SERVER, 'a', '<state version="v2"/>');
  assert.match(problems(missing.report?.findings ?? [])[0] ?? '', /^the report lists no child "a" \(report of config version "v2"\)/);
});

test('from the state report: running, with a session it still waits for', async () => {
  const config = ROUTED(`
  <start name="timer" ram="1M"> <binary name="nowhere"/> <provides> <service name="Timer"/> </provides> </start>
  <start name="a" ram="1M"> <binary name="dummy"/> <route> <service name="Timer"> <child name="timer"/> </service> <any-service> <parent/> </any-service> </route> </start>`);
  const answer = await explain(config, 'a', `<state>
  <child name="a" binary="dummy">
    <requested>
      <session service="PD" label="a" state="CAP_HANDED_OUT" ram="192K" caps="13"/>
      <session service="Timer" label="a -> " state="CREATE_REQUESTED" ram="0" caps="0"/>
    </requested>
  </child>
</state>`);
  const text = formatChildAnswer(answer);
  assert.match(text, /From the state report \(reports\/init\/state\):\n  ✓ "a" is running\n  ✗ its Timer session "a -> " is CREATE_REQUESTED: it waits for child "timer" of init \(boot\/config:5\), which cannot start: its binary resolves nowhere/);
});
