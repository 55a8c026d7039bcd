import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import { Findings, formatFinding } from './finding.js';
import { attribute, BOOLEAN, element, NUMBER, oneOf, SIZE, type ElementSchema, type NestedConfig } from './schema.js';
import { validateElement } from './validate.js';

const schema = element('config', 'a test config', {
  attributes: [attribute('verbose', BOOLEAN, 'log', { fallback: 'no' })],
  children: [
    element('item', 'an item', {
      attributes: [
        attribute('name', oneOf('a', 'b'), 'the name', { required: 'error', malformed: 'error' }),
        attribute('size', SIZE, 'a size'),
        attribute('count', NUMBER, 'a count'),
      ],
    }),
    element('once', 'a singleton', { single: 'last' }),
    element('script', 'another component\'s config', { content: 'any', nested: (node) => [{ component: 'other', node }] }),
    element('must', 'required', { required: 'warning' }),
  ],
  retired: [{ kind: 'element', name: 'old', severity: 'warning', explain: () => ({ message: '<old> is old', hint: 'write <item>' }) }],
});

function validate(text: string, root: ElementSchema = schema): { findings: string[]; nested: NestedConfig[] } {
  const findings = new Findings();
  const nested: NestedConfig[] = [];
  validateElement(parseXml(text), root, { file: 'f', findings, reader: 'tester', nested: (found) => nested.push(found) });
  return { findings: findings.sorted().map(formatFinding), nested };
}

test('a config as the schema says has no findings; editors\' attributes are not findings', () => {
  const result = validate('<config verbose="yes" xmlns:xsi="x" xsi:noNamespaceSchemaLocation="y"><item name="a" size="4M" count="3"/><must/></config>');
  assert.deepEqual(result.findings, []);
});

test('unknown attributes and elements, with the near known one; retired names with their own message', () => {
  const { findings } = validate('<config verbos="yes"><itme name="a"/><old/><must/></config>');
  assert.deepEqual(findings, [
    'f:1:9: warning: <config> has no attribute "verbos": tester ignores it\n  hint: did you mean "verbose"?',
    'f:1:22: warning: <config> has no sub node <itme>: tester ignores it\n  hint: did you mean <item>?',
    'f:1:38: warning: <old> is old\n  hint: write <item>',
  ]);
});

test('values of the wrong type, missing required ones, singletons given twice, a missing required element', () => {
  const { findings } = validate('<config><item name="c" size="3MB" count="-1"/><item/><once/><once/></config>');
  assert.deepEqual(findings, [
    'f:1:1: warning: <config> lacks a <must> (required)',
    'f:1:15: error: name="c" is none of "a", "b": tester refuses it',
    'f:1:24: warning: size="3MB" is not a size (digits with an optional K, M or G: 512K, 4M): tester uses its default\n  hint: write "3M"',
    'f:1:35: warning: count="-1" is not a number (digits only): tester uses its default',
    'f:1:47: error: <item> lacks the attribute "name" (the name)\n  hint: write <item name="...">',
    'f:1:54: warning: a second <once>: only the last one counts (line 1)\n  hint: merge them into one <once>',
  ]);
});

test('content of another component is not looked into, but handed on as a nested config', () => {
  const { findings, nested } = validate('<config><must/><script><anything at="all"/></script></config>');
  assert.deepEqual(findings, []);
  assert.equal(nested.length, 1);
  assert.equal(nested[0]?.component, 'other');
  assert.equal(nested[0]?.node.type, 'script');
});
