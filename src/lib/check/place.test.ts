import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import { attributePlace, nodePlace } from './place.js';

test('an attribute\'s place is where its name is written, across lines and after quoted values', () => {
  const text = '<config>\n  <start name="a -> b=x" ram="1M"\n         quantum=\'3\'/>\n</config>';
  const start = parseXml(text).child('start');
  assert.ok(start !== undefined);
  assert.deepEqual(nodePlace('f', start), { file: 'f', line: 2, column: 3 });
  assert.deepEqual(attributePlace('f', start, 'name'), { file: 'f', line: 2, column: 10 });
  assert.deepEqual(attributePlace('f', start, 'ram'), { file: 'f', line: 2, column: 26 });
  assert.deepEqual(attributePlace('f', start, 'quantum'), { file: 'f', line: 3, column: 10 });
  /* an attribute that is not there: the node */
  assert.deepEqual(attributePlace('f', start, 'caps'), { file: 'f', line: 2, column: 3 });
});

test('columns count characters: an emoji before an attribute is one column', () => {
  const node = parseXml('<config><log string="😀" label="x"/></config>').child('log');
  assert.ok(node !== undefined);
  assert.deepEqual(attributePlace('f', node, 'label'), { file: 'f', line: 1, column: 25 });
});
