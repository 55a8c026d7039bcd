import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidConfig } from './invalid_config.js';
import { defaultPolicy, policy, policyNodes } from './policy.js';
import { node } from './xml_element.js';

test('policy() is a <policy> with its selector and settings; defaultPolicy() takes settings or content', () => {
  assert.equal(policy({ label: 'init -> config', report: 'test-init -> init.config' }).toString(), '<policy label="init -> config" report="test-init -> init.config"/>');
  assert.equal(policy({ label_prefix: 'a', label_suffix: 'b' }, node('x')).toString(), '<policy label_prefix="a" label_suffix="b">\n\t<x/>\n</policy>');
  assert.equal(defaultPolicy({ precision: 0 }).toString(), '<default-policy precision="0"/>');
  assert.equal(defaultPolicy(node('child', { name: 'a' })).toString(), '<default-policy>\n\t<child name="a"/>\n</default-policy>');
});

test('a policy without label, label_prefix or label_suffix is refused: it would match no client (spec/init.md §2.8)', () => {
  assert.throws(() => policy({ precision: 2 }), (error: unknown) => error instanceof InvalidConfig && /matches no client .* use a default policy/.test(error.message));
  assert.throws(() => policyNodes('reportRom()', [{ report: 'x' }], undefined), /reportRom\(\): a policy without label/);
});

test('policyNodes() writes the policies, then the default policy', () => {
  const nodes = policyNodes<{ root: string; writeable?: boolean }>('ramFs()', [{ label: 'a', root: '/' }, { label_prefix: 'b', root: '/b', writeable: true }], { root: '/tmp' });
  assert.deepEqual(nodes.map(String), ['<policy label="a" root="/"/>', '<policy label_prefix="b" root="/b" writeable="yes"/>', '<default-policy root="/tmp"/>']);
  assert.deepEqual(policyNodes('x', undefined, undefined), []);
});
