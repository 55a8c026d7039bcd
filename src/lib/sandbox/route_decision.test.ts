import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml, type XmlNode } from '../../util/xml.js';
import { readGlobals, routingTableOf, startNodes } from './config_model.js';
import { binaryOf, providedServices } from './init_child.js';
import { decideRoute, denialSummary, openingTag, type RouteDecision, type RouteRequest } from './route_decision.js';

interface Service {
  readonly name: string;
  abandoned: boolean;
  readonly child: { readonly name: string };
}

/* The facts init has after creating every child of `text` (as Sandbox#apply does). */
function decide(text: string, child: string, request: RouteRequest, abandon: readonly string[] = []): RouteDecision<Service> {
  const config = parseXml(text, { source: 'config' });
  const out = { warning: () => undefined, error: () => undefined };
  const globals = readGlobals(config, out);
  const starts = [...startNodes(config, globals, out).values()];
  const services: Service[] = starts.flatMap((start) => [...providedServices(start)].map((name) => ({
    name, abandoned: abandon.includes(start.stringAttribute('name', '')), child: { name: start.stringAttribute('name', '') },
  })));
  const start = starts.find((s) => s.stringAttribute('name', '') === child) as XmlNode;
  return decideRoute({
    parentProvides: globals.parentProvides,
    aliases: globals.aliases,
    services,
    hasChild: (name) => starts.some((s) => s.stringAttribute('name', '') === name),
  }, { name: child, binary: binaryOf(start), inlineConfig: start.hasChild('config'), routes: routingTableOf(start, globals) }, request);
}

const PARENT = '<parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>';

test('<parent/>: the service from <parent-provides>, the label unchanged; a service it lacks fails the target', () => {
  const config = `<config>${PARENT}<default-route> <any-service> <parent/> </any-service> </default-route><start name="a"/></config>`;
  const log = decide(config, 'a', { service: 'LOG', label: 'a', env: true });
  assert.deepEqual(log.outcome.kind === 'parent' && log.outcome.label, 'a');
  assert.equal(log.steps.length, 1);
  assert.equal(log.steps[0]?.verdict.reason, 'any service, any label');
  const timer = decide(config, 'a', { service: 'Timer', label: 'a -> ', env: false });
  assert.equal(timer.outcome.kind, 'deny');
  assert.deepEqual(timer.diagnostics, [{ level: 'warning', text: 'a: no route to service "Timer" (label="a -> ")' }]);
  const failed = timer.steps[0]?.targets[0]?.outcome;
  assert.ok(failed !== undefined && !failed.ok);
  assert.match(failed.reason, /"Timer" is not in <parent-provides> \(ROM, PD, CPU, LOG\)/);
});

test('<child name>: the declared service, through an alias; a missing child, a child without the service and an abandoned one each say so', () => {
  const config = (target: string) => `<config>${PARENT}
    <alias name="log" child="server"/>
    <start name="server"> <provides> <service name="LOG"/> </provides> </start>
    <start name="quiet"/>
    <start name="a"> <route> <service name="LOG"> ${target} </service> </route> </start>
  </config>`;
  const via = decide(config('<child name="log"/>'), 'a', { service: 'LOG', label: 'a', env: true });
  assert.equal(via.outcome.kind === 'child' && via.outcome.service.child.name, 'server');
  const reasons = ['<child name="nobody"/>', '<child name="quiet"/>'].map((target) => {
    const decision = decide(config(target), 'a', { service: 'LOG', label: 'a', env: true });
    assert.equal(decision.outcome.kind === 'deny' && decision.outcome.why, 'targets-failed');
    /* An explicit rule whose targets fail denies without init's "no route" warning (§2.4). */
    assert.deepEqual(decision.diagnostics, []);
    const outcome = decision.steps[0]?.targets[0]?.outcome;
    return outcome !== undefined && !outcome.ok ? outcome.reason : '';
  });
  assert.deepEqual(reasons, [
    'there is no child "nobody"',
    'child "quiet" does not provide LOG (its <provides> has no <service name="LOG"/>)',
  ]);
  const abandoned = decide(config('<child name="server"/>'), 'a', { service: 'LOG', label: 'a', env: true }, ['server']);
  const outcome = abandoned.steps[0]?.targets[0]?.outcome;
  assert.ok(outcome !== undefined && !outcome.ok && /going away/.test(outcome.reason));
});

test('<any-child/>: the one provider; two are ambiguous (init\'s error) and the next target is tried', () => {
  const config = (providers: number) => `<config>${PARENT}
    ${Array.from({ length: providers }, (_, i) => `<start name="s${i}"> <provides> <service name="Timer"/> </provides> </start>`).join('')}
    <start name="a"> <route> <any-service> <any-child/> <parent/> </any-service> </route> </start>
  </config>`;
  const one = decide(config(1), 'a', { service: 'Timer', label: 'a -> ', env: false });
  assert.equal(one.outcome.kind === 'child' && one.outcome.service.child.name, 's0');
  const two = decide(config(2), 'a', { service: 'Timer', label: 'a -> ', env: false });
  assert.deepEqual(two.diagnostics.map((d) => d.text), ['a: ambiguous routes to service "Timer"', 'a: no route to service "Timer" (label="a -> ")']);
  assert.equal(two.steps[0]?.targets.length, 2);
  const none = decide(config(0), 'a', { service: 'Timer', label: 'a -> ', env: false });
  const outcome = none.steps[0]?.targets[0]?.outcome;
  assert.ok(outcome !== undefined && !outcome.ok);
  assert.equal(outcome.reason, 'no child provides Timer');
});

test('label conditions: scoped labels only for the child\'s own sessions; label_last and unscoped_label for any; rewriting on the target', () => {
  const config = `<config>${PARENT}
    <start name="fs"> <provides> <service name="File_system"/> </provides> </start>
    <start name="a">
      <route>
        <service name="LOG" label_prefix=""> <child name="fs"/> </service>
        <service name="ROM" unscoped_label="ld.lib.so"> <parent label="lib"/> </service>
        <service name="ROM" label_last="font"> <parent resource="default_font"/> </service>
        <service name="File_system" label="home"> <child name="fs" identity="user" prepend_resource="/"/> </service>
        <any-service> <parent/> </any-service>
      </route>
    </start>
  </config>`;
  const env = decide(config, 'a', { service: 'LOG', label: 'a', env: true });
  assert.equal(env.steps[0]?.verdict.matched, false);
  assert.match(env.steps[0]?.verdict.reason ?? '', /does not start with "a -> "/);
  assert.equal(env.outcome.kind, 'parent');
  const linker = decide(config, 'a', { service: 'ROM', label: 'ld.lib.so', env: false });
  assert.deepEqual(linker.outcome.kind === 'parent' && linker.outcome.label, 'lib');
  const font = decide(config, 'a', { service: 'ROM', label: 'a -> fonts -> font', env: false });
  assert.deepEqual(font.outcome.kind === 'parent' && font.outcome.label, 'a -> fonts -> default_font');
  const home = decide(config, 'a', { service: 'File_system', label: 'a -> home', env: false });
  assert.deepEqual(home.outcome.kind === 'child' && home.outcome.label, 'user -> /home');
  assert.equal(home.steps.length, 4);
  const other = decide(config, 'a', { service: 'File_system', label: 'a -> tmp', env: false });
  assert.equal(other.steps[3]?.verdict.reason, 'the child\'s label "tmp" is not label "home"');
});

test('special ROMs: the inline config, and the binary request under the binary\'s name (§2.3)', () => {
  const config = `<config>${PARENT}<default-route> <any-service> <parent/> </any-service> </default-route>
    <start name="a"> <binary name="dummy"/> <config/> </start></config>`;
  assert.equal(decide(config, 'a', { service: 'ROM', label: 'a -> config', env: false }).outcome.kind, 'config');
  const binary = decide(config, 'a', { service: 'ROM', label: 'a', env: true });
  assert.equal(binary.label, 'dummy');
  assert.deepEqual(binary.outcome.kind === 'parent' && binary.outcome.label, 'dummy');
});

test('<local/> fails in init; no routing table denies silently', () => {
  const local = decide(`<config>${PARENT}<start name="a"> <route> <service name="LOG"> <local/> </service> </route> </start></config>`,
    'a', { service: 'LOG', label: 'a', env: true });
  const outcome = local.steps[0]?.targets[0]?.outcome;
  assert.ok(outcome !== undefined && !outcome.ok);
  assert.equal(outcome.reason, 'init has no local services');
  const none = decide(`<config>${PARENT}<start name="a"/></config>`, 'a', { service: 'PD', label: 'a', env: true });
  assert.deepEqual(none.outcome, { kind: 'deny', why: 'no-table' });
  assert.deepEqual(none.diagnostics, []);
});

test('denialSummary names the config line that decided', () => {
  const config = `<config>
  <parent-provides> <service name="LOG"/> </parent-provides>
  <start name="a">
    <route>
      <service name="LOG"> <child name="nobody"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>`;
  assert.equal(denialSummary(decide(config, 'a', { service: 'LOG', label: 'a', env: true })),
    '(route of "a" to LOG (label "a"): config line 5, <child name="nobody"/>: there is no child "nobody")');
  assert.equal(denialSummary(decide(config, 'a', { service: 'PD', label: 'a', env: true })),
    '(route of "a" to PD (label "a"): config line 6, <parent/>: "PD" is not in <parent-provides> (LOG); no other rule of <route> (config line 4) matches)');
  assert.equal(denialSummary(decide('<config><start name="a"/></config>', 'a', { service: 'PD', label: 'a', env: true })),
    '(route of "a" to PD (label "a"): the child has no <route> and the config no <default-route>)');
});

test('openingTag shows a node without its content', () => {
  assert.equal(openingTag(parseXml('<service name="LOG" label="x"> <parent/> </service>')), '<service name="LOG" label="x">');
  assert.equal(openingTag(parseXml('<parent/>')), '<parent/>');
});
