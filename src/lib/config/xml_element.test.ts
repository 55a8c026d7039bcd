import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import { InvalidConfig } from './invalid_config.js';
import { config, node, XmlElement } from './xml_element.js';

test('a node writes its attributes in order, numbers in decimal and booleans as yes/no, undefined ones left out', () => {
  const element = node('policy', { label_prefix: 'client', precision: 2, writeable: true, verbose: false, root: undefined });
  assert.equal(element.toString(), '<policy label_prefix="client" precision="2" writeable="yes" verbose="no"/>');
});

test('sub nodes are indented by tabs, text stays inline, and both are escaped', () => {
  const element = node('config', {}, node('inline', { name: 'a "b"' }, 'x < y & z'), node('fstab', node('tar', { name: 'tools.tar' })));
  assert.equal(element.toString(), [
    '<config>',
    '\t<inline name="a &quot;b&quot;">x &lt; y &amp; z</inline>',
    '\t<fstab>',
    '\t\t<tar name="tools.tar"/>',
    '\t</fstab>',
    '</config>',
  ].join('\n'));
  const parsed = parseXml(element.toString());
  assert.equal(parsed.child('inline')?.text(), 'x < y & z');
  assert.equal(parsed.child('inline')?.attribute('name'), 'a "b"');
});

test('config() is a <config> node; attributes may be left out', () => {
  assert.equal(config({ rounds: 3 }).toString(), '<config rounds="3"/>');
  assert.equal(config(node('log_service')).toString(), '<config>\n\t<log_service/>\n</config>');
  assert.equal(config().toString(), '<config/>');
});

test('an element is frozen and tells its attributes and sub nodes', () => {
  const element = node('start', { name: 'a' }, node('binary', { name: 'dummy' }), node('route'));
  assert.ok(Object.isFrozen(element) && Object.isFrozen(element.content) && Object.isFrozen(element.attributes));
  assert.equal(element.attribute('name'), 'a');
  assert.equal(element.attribute('ram'), undefined);
  assert.deepEqual(element.children().map((child) => child.type), ['binary', 'route']);
  assert.equal(element.children('binary')[0]?.attribute('name'), 'dummy');
});

test('names XML cannot carry, numbers init cannot read and other content are refused', () => {
  assert.throws(() => node('two words'), InvalidConfig);
  assert.throws(() => node('x', { 'a b': 1 }), InvalidConfig);
  assert.throws(() => node('x', { n: Number.NaN }), /NaN is no number/);
  assert.throws(() => node('x', {}, 42 as unknown as string), /content must be nodes/);
  assert.throws(() => node('x', { list: ['a'] as unknown as string }), /expected a string, number or boolean/);
  assert.ok(node('x') instanceof XmlElement);
});
