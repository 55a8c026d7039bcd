import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { parseXml, type XmlNode } from '../../util/xml.js';
import { configText } from './config_text.js';
import { init } from './init.js';
import { InvalidConfig } from './invalid_config.js';
import { anyChild, anyService, child, parent, service } from './route.js';
import { start } from './start.js';
import { config, node } from './xml_element.js';
import { defaultPolicy, policy } from './policy.js';

const repo = new URL('../../../', import.meta.url);

/* A node as init reads it: type, attributes (unordered), text, sub nodes in order; whitespace and comments left out. */
interface Shape {
  type: string;
  attributes: Record<string, string>;
  text: string;
  children: Shape[];
}

function shape(node: XmlNode): Shape {
  return {
    type: node.type,
    attributes: Object.fromEntries(node.attributes),
    text: node.text().trim(),
    children: node.children().map(shape),
  };
}

function sameConfig(generated: string, handWritten: string): void {
  assert.deepEqual(shape(parseXml(generated, { source: 'generated' })), shape(parseXml(handWritten, { source: 'hand-written' })));
}

test('init() with nothing is <config/>; its attributes keep Genode\'s names', () => {
  assert.equal(init().toString(), '<config/>');
  assert.equal(init({ version: 'v7', verbose: true, prio_levels: 4, ld_verbose: false }).toString(), '<config version="v7" verbose="yes" prio_levels="4" ld_verbose="no"/>');
});

test('every sub node of init\'s config (spec/init.md §1.3–§1.11)', () => {
  const generated = init({
    parentProvides: ['ROM', 'LOG'],
    defaultRoute: [anyService(parent(), anyChild())],
    default: { caps: 100, ram: '1M' },
    resource: { RAM: { preserve: '2M' }, CAP: { preserve: 50 } },
    report: { ids: true, requested: true, provided: true, session_args: false, child_ram: true, child_caps: true, init_ram: true, init_caps: true, delay_ms: 100, buffer: '64K' },
    heartbeat: { rate_ms: 1000 },
    affinitySpace: { width: 2, height: 1 },
    service: { LOG: [policy({ label_prefix: 'app' }, child('log_a')), policy({ label: 'admin' }, child('log_b', { label: 'root' })), defaultPolicy(child('log_a'))] },
    alias: { log: 'terminal_log' },
    start: [start('terminal_log', { provides: ['LOG'] }), start('log_a'), start('log_b')],
  });
  sameConfig(generated.toString(), `
    <config>
      <parent-provides> <service name="ROM"/> <service name="LOG"/> </parent-provides>
      <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
      <default caps="100" ram="1M"/>
      <resource name="RAM" preserve="2M"/>
      <resource name="CAP" preserve="50"/>
      <report ids="yes" requested="yes" provided="yes" session_args="no" child_ram="yes" child_caps="yes" init_ram="yes" init_caps="yes" delay_ms="100" buffer="64K"/>
      <heartbeat rate_ms="1000"/>
      <affinity-space width="2" height="1"/>
      <service name="LOG">
        <policy label_prefix="app"> <child name="log_a"/> </policy>
        <policy label="admin"> <child name="log_b" label="root"/> </policy>
        <default-policy> <child name="log_a"/> </default-policy>
      </service>
      <alias name="log" child="terminal_log"/>
      <start name="terminal_log"> <provides> <service name="LOG"/> </provides> </start>
      <start name="log_a"/>
      <start name="log_b"/>
    </config>`);
  assert.equal(init({ report: true, heartbeat: true }).toString(), '<config>\n\t<report/>\n\t<heartbeat/>\n</config>');
});

test('examples/demo\'s config, typed, is the hand-written one', async () => {
  const demo = init({
    version: 'demo',
    parentProvides: ['ROM', 'PD', 'CPU', 'LOG', 'Timer', 'Report'],
    defaultRoute: [anyService(parent(), anyChild())],
    default: { caps: 100, ram: '2M' },
    report: { init_ram: true, init_caps: true, child_ram: true, child_caps: true, requested: true, provided: true, delay_ms: 200 },
    start: [
      start('calculator', {
        provides: ['Calculator'],
        config: config(policy({ label_prefix: 'client', precision: 2 }), defaultPolicy({ precision: 0 })),
      }),
      start('client', {
        exit: { propagate: true },
        route: [service('Calculator', child('calculator')), anyService(parent())],
        config: config({ rounds: 3 }),
      }),
      start('ticker', { config: config({ ticks: 3, period_ms: 300 }) }),
    ],
  });
  sameConfig(configText(demo), await readFile(new URL('examples/demo/config', repo), 'utf8'));
});

test('the deployment of Genode\'s init test, typed, is the hand-written one (label matches, label rewriting, raw and typed configs)', async () => {
  const deployment = init({
    prio_levels: 2,
    parentProvides: ['ROM', 'PD', 'CPU', 'LOG', 'Timer'],
    defaultRoute: [anyService(parent(), anyChild())],
    default: { caps: 100 },
    start: [
      start('report_rom', {
        ram: '2M',
        provides: ['ROM', 'Report'],
        config: config({ verbose: true },
          policy({ label: 'init -> config', report: 'test-init -> init.config' }),
          policy({ label: 'test-init -> state', report: 'init -> state' })),
      }),
      start('test-init', {
        ram: '4M',
        provides: ['LOG'],
        route: [
          service('Report', child('report_rom')),
          service('ROM', { label: 'state' }, child('report_rom')),
          service('ROM', { label: 'config' }, parent({ label: 'test-init.config' })),
          anyService(parent()),
        ],
      }),
      start('init', {
        caps: 2000,
        ram: '16M',
        route: [
          service('ROM', { label: 'config' }, child('report_rom')),
          service('Report', child('report_rom')),
          service('LOG', child('test-init')),
          service('ROM', { label: 'another_dummy' }, parent({ label: 'dummy' })),
          anyService(parent()),
        ],
      }),
    ],
  });
  sameConfig(configText(deployment), await readFile(new URL('test/scenarios/init/config', repo), 'utf8'));
});

test('init\'s config is written as Genode\'s Xml_generator writes it', () => {
  const text = configText(init({ parentProvides: ['LOG'], start: [start('a', { config: config(node('log', { string: 'hi' })) })] }));
  assert.equal(text, [
    '<config>',
    '\t<parent-provides>',
    '\t\t<service name="LOG"/>',
    '\t</parent-provides>',
    '\t<start name="a">',
    '\t\t<config>',
    '\t\t\t<log string="hi"/>',
    '\t\t</config>',
    '\t</start>',
    '</config>',
    '',
  ].join('\n'));
});

test('what init would collapse, ignore or refuse is refused where it is written', () => {
  assert.throws(() => init({ start: [start('a'), start('a', { ram: '1M' })] }), /two children are named "a"/);
  assert.throws(() => init({ alias: { a: 'b' }, start: [start('a')] }), /alias "a" has the name of a child/);
  assert.throws(() => init({ prio_levels: 3 }), /prio_levels 3 is no power of two/);
  assert.throws(() => init({ report: { init_ram: 'yes' as never } }), /report.init_ram must be true or false/);
  assert.throws(() => init({ report: { quantum: true } as never }), /"quantum" is no attribute of <report>/);
  assert.throws(() => init({ children: [] } as never), (error: unknown) => error instanceof InvalidConfig && /"children" is no option of init's config/.test(error.message));
  assert.throws(() => init({ service: { LOG: [defaultPolicy()] } }), /forwards to no child/);
  assert.throws(() => init({ start: [node('start') as never, 'x' as never] }), /start must be a list of start/);
  assert.throws(() => init({ default: { ram: '1 MB' as never } }), /init\(\) default.ram: "1 MB" is no size/);
});

test('the default export is init({...}) or XML text', () => {
  assert.equal(configText('<config/>'), '<config/>');
  assert.throws(() => configText(start('a')), /must be init\(\{\.\.\.\}\) from 'nido\/config' .*not a <start> node/);
  assert.throws(() => configText(undefined), /not undefined/);
  assert.throws(() => configText({ start: [] }), /not an object \(start\)/);
});
