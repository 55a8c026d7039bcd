import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidConfig } from './invalid_config.js';
import { anyChild, anyService, child, local, parent, route, service } from './route.js';
import { node } from './xml_element.js';

test('each target is its node; label rewriting becomes its attributes (spec/init.md §2.6)', () => {
  assert.equal(parent().toString(), '<parent/>');
  assert.equal(parent({ label: 'test-init.config' }).toString(), '<parent label="test-init.config"/>');
  assert.equal(child('vfs', { identity: 'user', prepend_resource: '/home' }).toString(), '<child name="vfs" identity="user" prepend_resource="/home"/>');
  assert.equal(child('x', { resource: 'data' }).toString(), '<child name="x" resource="data"/>');
  assert.equal(anyChild().toString(), '<any-child/>');
  assert.equal(anyChild({ identity: '' }).toString(), '<any-child identity=""/>');
  assert.equal(local().toString(), '<local/>');
});

test('a rule is <service name> or <any-service> with its label match and its targets in order (spec/init.md §2.4)', () => {
  assert.equal(service('Calculator', child('calculator')).toString(), '<service name="Calculator">\n\t<child name="calculator"/>\n</service>');
  assert.equal(service('LOG', { label: 'audit' }, child('audit_log', { label: 'secure' })).toString(),
    '<service name="LOG" label="audit">\n\t<child name="audit_log" label="secure"/>\n</service>');
  assert.equal(service('ROM', { unscoped_label: 'ld.lib.so' }, parent()).toString(), '<service name="ROM" unscoped_label="ld.lib.so">\n\t<parent/>\n</service>');
  assert.equal(service('File_system', { label_prefix: 'home', label_suffix: 'x' }).toString(), '<service name="File_system" label_prefix="home" label_suffix="x"/>');
  assert.equal(service('ROM', { label_last: 'state' }, child('report_rom')).attribute('label_last'), 'state');
  assert.equal(anyService(parent(), anyChild()).toString(), '<any-service>\n\t<parent/>\n\t<any-child/>\n</any-service>');
  assert.equal(anyService({ label_prefix: '' }, child('log')).toString(), '<any-service label_prefix="">\n\t<child name="log"/>\n</any-service>');
});

test('route() is the rules as they are, frozen', () => {
  const rules = route(service('Timer', child('timer')), anyService(parent()));
  assert.deepEqual(rules.map((rule) => rule.type), ['service', 'any-service']);
  assert.ok(Object.isFrozen(rules));
});

test('mistakes init would silently ignore are refused where they are written', () => {
  assert.throws(() => service(''), /expected the name of a service/);
  assert.throws(() => child(''), /expected the name of a child/);
  assert.throws(() => service('LOG', { label: 'a', unscoped_label: 'b' }), /unscoped_label makes init ignore label/);
  assert.throws(() => anyService({ label_last: 'a', label_prefix: 'b' }, parent()), /label_last makes init ignore label_prefix/);
  assert.throws(() => parent({ label: 'a', identity: 'b' }), /label replaces the whole label/);
  assert.throws(() => service('LOG', parent(), node('parent-provides') as never), (error: unknown) => error instanceof InvalidConfig && /a target must be/.test(error.message));
  assert.throws(() => route(parent() as never), /a rule must be/);
});
