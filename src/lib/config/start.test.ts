import { test } from 'node:test';
import assert from 'node:assert/strict';
import { init } from './init.js';
import { InvalidConfig } from './invalid_config.js';
import { anyService, child, parent, service } from './route.js';
import { start } from './start.js';
import { config, node } from './xml_element.js';

test('a start node with only a name is <start name/>', () => {
  assert.equal(start('hello').toString(), '<start name="hello"/>');
});

test('attributes keep Genode\'s names and order: name, version, ram, caps, priority, ld, managing_system (spec/init.md §1.6)', () => {
  const element = start('fs', { caps: 200, ram: '8M', priority: -1, version: '2', ld: false, managing_system: true });
  assert.equal(element.toString(), '<start name="fs" version="2" ram="8M" caps="200" priority="-1" ld="no" managing_system="yes"/>');
  assert.equal(start('a', { ram: 3 * 1024 * 1024 }).attribute('ram'), '3M');
});

test('every sub node: binary, heartbeat, affinity, exit, provides, route, config', () => {
  const element = start('fs', {
    binary: 'vfs',
    heartbeat: { restart_after_skipped: 3 },
    affinity: { xpos: 1, width: 2 },
    exit: { propagate: false },
    provides: ['File_system', 'ROM'],
    route: [service('Timer', child('timer')), anyService(parent())],
    config: config({ ld_verbose: true }),
  });
  assert.equal(element.toString(), [
    '<start name="fs">',
    '\t<binary name="vfs"/>',
    '\t<heartbeat restart_after_skipped="3"/>',
    '\t<affinity xpos="1" width="2"/>',
    '\t<exit propagate="no"/>',
    '\t<provides>',
    '\t\t<service name="File_system"/>',
    '\t\t<service name="ROM"/>',
    '\t</provides>',
    '\t<route>',
    '\t\t<service name="Timer">',
    '\t\t\t<child name="timer"/>',
    '\t\t</service>',
    '\t\t<any-service>',
    '\t\t\t<parent/>',
    '\t\t</any-service>',
    '\t</route>',
    '\t<config ld_verbose="yes"/>',
    '</start>',
  ].join('\n'));
  assert.equal(start('a', { heartbeat: true }).toString(), '<start name="a">\n\t<heartbeat/>\n</start>');
  assert.equal(start('a', { route: [] }).toString(), '<start name="a">\n\t<route/>\n</start>');
});

test('a nested init is the child\'s config (recursion)', () => {
  const inner = init({ parentProvides: ['LOG'], defaultRoute: [anyService(parent())], start: [start('leaf', { ram: '1M' })] });
  assert.equal(start('sub', { ram: '8M', config: inner }).toString(), [
    '<start name="sub" ram="8M">',
    '\t<config>',
    '\t\t<parent-provides>',
    '\t\t\t<service name="LOG"/>',
    '\t\t</parent-provides>',
    '\t\t<default-route>',
    '\t\t\t<any-service>',
    '\t\t\t\t<parent/>',
    '\t\t\t</any-service>',
    '\t\t</default-route>',
    '\t\t<start name="leaf" ram="1M"/>',
    '\t</config>',
    '</start>',
  ].join('\n'));
});

test('a config given as XML text is checked and written as it is', () => {
  const text = '<config verbose="yes">\n  <policy label="a" report="b -> c"/>\n</config>';
  assert.equal(start('report_rom', { config: `\n${text}\n` }).toString(), `<start name="report_rom">\n\t${text}\n</start>`);
  assert.throws(() => start('a', { config: '<config><policy></config>' }), /start\("a"\): its config is no well-formed XML: config of "a":1:/);
  assert.throws(() => start('a', { config: '<vfs/>' }), /its config must be a <config> node, not <vfs>/);
  assert.throws(() => start('a', { config: node('vfs') as never }), /config must be init\(\{\.\.\.\}\), config\(\.\.\.\)/);
});

test('what init would read otherwise or not at all is refused, naming the child', () => {
  assert.throws(() => start(''), /expected the child's name/);
  assert.throws(() => start('x'.repeat(64)), /at most 63 characters/);
  assert.throws(() => start('a', { ram: '4X' as '4M' }), /start\("a"\) ram: "4X" is no size/);
  assert.throws(() => start('a', { caps: -5 }), /start\("a"\) caps: -5/);
  assert.throws(() => start('a', { priority: 1 }), /priority 1 is no priority/);
  assert.throws(() => start('a', { quantum: 3 } as never), (error: unknown) => error instanceof InvalidConfig && /"quantum" is no option of a start node/.test(error.message));
  assert.throws(() => start('a', { provides: 'LOG' as never }), /expected a list of service names/);
  assert.throws(() => start('a', { binary: '' }), /binary must be the name of a ROM module/);
});
