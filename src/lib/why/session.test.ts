import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainSession, formatSessionAnswer, type SessionAnswer } from './session.js';
import { PARENT_PROVIDES as PARENT, testSystem as system } from './test_system.js';

async function ask(config: string, service: string, label: string, modules?: Record<string, string>): Promise<SessionAnswer> {
  const answer = await explainSession(system(config, modules), service, label);
  if ('error' in answer) throw new Error(answer.error);
  return answer;
}

test('<parent/> at the top-level init: core serves it; a ROM core lacks is named', async () => {
  const config = `<config>${PARENT}
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <start name="a"> <binary name="dummy"/> </start>
</config>`;
  const log = await ask(config, 'LOG', 'init -> a');
  assert.deepEqual(log.trace.destination, { kind: 'core', service: 'LOG', label: 'init -> a', provided: true, module: undefined });
  const text = formatSessionAnswer(log);
  assert.match(text, /\n    boot\/config:2  <any-service>  matches: any service, any label\n/);
  assert.match(text, /\n      boot\/config:2  <parent\/>  taken: the parent, label "a"\n/);
  assert.match(text, /→ core serves it, label "init -> a"/);
  const binary = await ask(config, 'ROM', 'a');
  assert.match(formatSessionAnswer(binary), /the binary request is routed as ROM "dummy"[^]*→ core serves ROM "dummy" from boot\/dummy/);
  const missing = await ask(config, 'ROM', 'init -> a -> font');
  assert.match(formatSessionAnswer(missing), /core's ROM service has no module "font"/);
});

test('<child name>: the server, its label, and the <policy> of its config that applies', async () => {
  const config = `<config>${PARENT}
  <start name="fs">
    <provides> <service name="File_system"/> </provides>
    <config>
      <policy label_prefix="a" root="/a"/>
      <policy label="a -> home" root="/home"/>
    </config>
  </start>
  <start name="a">
    <route>
      <service name="File_system"> <child name="fs"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
  <start name="b"> <route> <service name="File_system"> <child name="fs"/> </service> </route> </start>
</config>`;
  const home = await ask(config, 'File_system', 'init -> a -> home');
  const destination = home.trace.destination;
  assert.equal(destination.kind, 'server');
  assert.ok(destination.kind === 'server' && destination.policy?.kind === 'policy');
  assert.equal(destination.policy.node.attribute('root'), '/home');
  assert.match(formatSessionAnswer(home), /applies <policy label="a -> home" root="\/home"\/> \(boot\/config:6\) to label "a -> home"/);
  const stranger = await ask(config, 'File_system', 'b -> x');
  assert.ok(stranger.trace.destination.kind === 'server' && stranger.trace.destination.policy?.kind === 'none');
  assert.match(formatSessionAnswer(stranger), /none of the 2 policies of its config \(boot\/config:4\) matches label "b -> x"/);
});

test('<any-child/> and <default-route>: the only provider; two make init\'s ambiguity error and the next target', async () => {
  const config = (servers: number) => `<config>${PARENT}
  <default-route> <any-service> <any-child/> <parent/> </any-service> </default-route>
  ${Array.from({ length: servers }, (_, i) => `<start name="timer${i}"> <provides> <service name="Timer"/> </provides> </start>`).join('\n  ')}
  <start name="a"/>
</config>`;
  const one = await ask(config(1), 'Timer', 'init -> a -> ');
  assert.ok(one.trace.destination.kind === 'server' && one.trace.destination.child.name === 'timer0');
  assert.match(formatSessionAnswer(one), /its <default-route> \(it has no <route>\) at boot\/config:2/);
  const two = await ask(config(2), 'Timer', 'init -> a -> ');
  assert.equal(two.trace.destination.kind, 'core');
  assert.match(formatSessionAnswer(two), /<any-child\/>  fails: 2 children provide Timer \(timer0, timer1\): ambiguous/);
});

test('label rewriting: the server sees the target\'s label, identity and resource', async () => {
  const config = `<config>${PARENT}
  <start name="fs"> <provides> <service name="File_system"/> </provides> <config> <policy label="user -> /home" writeable="yes"/> </config> </start>
  <start name="a">
    <route>
      <service name="File_system" label_prefix="home"> <child name="fs" identity="user" prepend_resource="/"/> </service>
      <service name="LOG"> <parent label="audit"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>`;
  const home = await ask(config, 'File_system', 'init -> a -> home');
  assert.ok(home.trace.destination.kind === 'server' && home.trace.destination.label === 'user -> /home');
  assert.ok(home.trace.destination.policy?.kind === 'policy');
  const log = await ask(config, 'LOG', 'a');
  assert.deepEqual(log.trace.destination.kind === 'core' && log.trace.destination.label, 'init -> audit');
});

test('<local/> fails and no rule matches: denied with init\'s warning and the line that decided', async () => {
  const config = `<config>${PARENT}
  <start name="a">
    <route>
      <service name="Timer"> <local/> </service>
      <service name="LOG" label="x"> <parent/> </service>
    </route>
  </start>
</config>`;
  const timer = await ask(config, 'Timer', 'a -> ');
  assert.equal(timer.trace.destination.kind, 'denied');
  assert.match(formatSessionAnswer(timer), /<local\/>  fails: init has no local services/);
  const log = await ask(config, 'LOG', 'init -> a');
  const text = formatSessionAnswer(log);
  assert.match(text, /<service name="LOG" label="x">  no: label "a" does not start with "a -> "/);
  assert.match(text, /\[init\] Warning: a: no route to service "LOG" \(label="a"\)/);
  assert.match(text, /\[init\] Error: a: LOG environment session denied \(label="a", ram_quota=8192, cap_quota=2\)/);
});

test('the inline config ROM, without looking at the routing table', async () => {
  const answer = await ask(`<config><start name="a"> <config> <x/> </config> </start></config>`, 'ROM', 'init -> a -> config');
  assert.equal(answer.trace.destination.kind, 'config');
  assert.match(formatSessionAnswer(answer), /init serves the inline <config> of "a" \(boot\/config:1\)/);
});

const NESTED = `<config>${PARENT}
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <start name="log"> <provides> <service name="LOG"/> </provides> <config> <policy label_prefix="sub" verbose="yes"/> </config> </start>
  <start name="sub">
    <binary name="init"/>
    <provides> <service name="Timer"/> </provides>
    <route> <service name="LOG" label_prefix="b"> <child name="log"/> </service> <any-service> <parent/> </any-service> </route>
    <config>
      ${PARENT}
      <service name="Timer"> <policy label_prefix="a"> <child name="timer" label="from outside"/> </policy> </service>
      <default-route> <any-service> <parent/> </any-service> </default-route>
      <start name="b"/>
      <start name="timer"> <provides> <service name="Timer"/> </provides> </start>
    </config>
  </start>
  <start name="a"> <route> <service name="Timer"> <child name="sub"/> </service> </route> </start>
</config>`;

test('nested init: a request of its child goes up through it to the outer init, labelled as the outer init sees it', async () => {
  const answer = await ask(NESTED, 'LOG', 'init -> sub -> b');
  assert.equal(answer.requester.model.label, 'init -> sub');
  assert.equal(answer.trace.hops.length, 2);
  const destination = answer.trace.destination;
  assert.ok(destination.kind === 'server' && destination.child.name === 'log' && destination.label === 'sub -> b');
  const text = formatSessionAnswer(answer);
  assert.match(text, /init -> sub \(boot\/config\) routes LOG of child "b" \(boot\/config:12\), label "b", an environment session/);
  assert.match(text, /init \(boot\/config\) routes LOG of child "sub" \(boot\/config:4\), label "sub -> b":/);
  assert.match(text, /applies <policy label_prefix="sub" verbose="yes"\/>/);
});

test('nested init as the server: followed into its <service> forwarding to its child', async () => {
  const answer = await ask(NESTED, 'Timer', 'a -> ');
  const forward = answer.trace.hops[1];
  assert.equal(forward?.kind, 'forward');
  const destination = answer.trace.destination;
  assert.ok(destination.kind === 'server' && destination.child.name === 'timer' && destination.label === 'from outside');
  assert.equal(destination.model.label, 'init -> sub');
  assert.match(formatSessionAnswer(answer), /init -> sub serves Timer to its parent with its <service> nodes[^]*<policy label_prefix="a">  applies: child "timer", label "from outside"/);
});

test('a nested init\'s config from a ROM module of the boot directory, its lines in that file', async () => {
  const config = `<config>${PARENT}
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <start name="sub"> <binary name="init"/> <route> <service name="ROM" label="config"> <parent label="sub.config"/> </service> <any-service> <parent/> </any-service> </route> </start>
</config>`;
  const inner = `<config>\n${PARENT}\n<start name="b"/>\n</config>`;
  const answer = await explainSession(system(config, { 'sub.config': inner, init: '', dummy: '' }), 'LOG', 'init -> sub -> b');
  assert.ok(!('error' in answer));
  assert.match(formatSessionAnswer(answer), /init -> sub \(boot\/sub\.config\) routes LOG of child "b" \(boot\/sub\.config:3\)/);
});

test('a label naming no child is an error that lists the children', async () => {
  const answer = await explainSession(system(`<config><start name="a"/><start name="b"/></config>`), 'LOG', 'init -> c');
  assert.deepEqual(answer, { error: 'init (boot/config) has no child "c" (its children: a, b)' });
});
