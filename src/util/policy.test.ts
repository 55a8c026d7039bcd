import { test } from 'node:test';
import assert from 'node:assert/strict';
import { policyMatches, selectPolicy } from './policy.js';
import { parseXml, type XmlNode } from './xml.js';

/* The `id` attribute of the policy selected for `label` among `policies`, or undefined for none. */
function selected(policies: string, label: string): string | undefined {
  const policy = selectPolicy(parseXml(`<config>${policies}</config>`), label);
  if (policy === undefined) return undefined;
  const id = policy.attribute('id');
  assert.ok(id !== undefined, `selected a policy without id: ${policy.raw()}`);
  return id;
}

test('the worked example of spec/init.md §2.8, and the order of its lines does not matter', () => {
  const lines = [
    '<policy id="prefix-short" label_prefix="init"/>',
    '<policy id="prefix-long" label_prefix="init -> app"/>',
    '<policy id="suffix" label_suffix="settings"/>',
    '<policy id="prefix-and-suffix" label_prefix="init -> app" label_suffix="settings"/>',
    '<policy id="label" label="init -> app -> settings"/>',
    '<policy id="conflict" label="init -> other"/>',
  ];
  const label = 'init -> app -> settings';
  assert.equal(selected(lines.join(''), label), 'label');
  assert.equal(selected([...lines].reverse().join(''), label), 'label');
  /* take the strongest away one at a time: the ranking of the example */
  assert.equal(selected(lines.filter((line) => !line.includes('id="label"')).join(''), label), 'prefix-and-suffix');
  assert.equal(selected(lines.slice(0, 3).join(''), label), 'prefix-long');
  assert.equal(selected([lines[2], lines[0]].join(''), label), 'prefix-short', 'any prefix beats a suffix');
  assert.equal(selected([lines[2], lines[5]].join(''), label), 'suffix');
  assert.equal(selected(lines[5] ?? '', label), undefined, 'a conflicting policy is no candidate');
});

test('label must equal, label_prefix prefix and label_suffix suffix the label; all present must hold', () => {
  assert.equal(selected('<policy id="p" label="a -> b"/>', 'a -> b'), 'p');
  assert.equal(selected('<policy id="p" label="a -> b"/>', 'a -> bc'), undefined);
  assert.equal(selected('<policy id="p" label="a"/>', 'a -> b'), undefined);
  assert.equal(selected('<policy id="p" label_prefix="a -> "/>', 'a -> b'), 'p');
  assert.equal(selected('<policy id="p" label_prefix="b"/>', 'a -> b'), undefined);
  assert.equal(selected('<policy id="p" label_suffix="-> b"/>', 'a -> b'), 'p');
  assert.equal(selected('<policy id="p" label_suffix="a"/>', 'a -> b'), undefined);
  assert.equal(selected('<policy id="p" label_prefix="a" label_suffix="c"/>', 'a -> b'), undefined, 'prefix holds, suffix does not');
  assert.equal(selected('<policy id="p" label="a -> b" label_prefix="x"/>', 'a -> b'), undefined, 'label holds, prefix does not');
  assert.equal(selected('<policy id="p" label_prefix=""/>', 'anything'), 'p', 'an empty prefix matches every label');
  assert.equal(selected('<policy id="p" label=""/>', ''), 'p');
  assert.equal(selected('<policy id="p" label=""/>', 'x'), undefined);
});

test('a label beats prefixes and suffixes; longer prefixes beat shorter ones, then suffixes decide', () => {
  const label = 'init -> app -> settings';
  assert.equal(selected('<policy id="prefix" label_prefix="init -> app -> settings"/><policy id="label" label="init -> app -> settings"/>', label), 'label');
  assert.equal(selected('<policy id="short" label_prefix="init -> a"/><policy id="long" label_prefix="init -> app"/>', label), 'long');
  assert.equal(selected('<policy id="long" label_prefix="init -> app"/><policy id="short" label_prefix="init -> a"/>', label), 'long');
  assert.equal(selected('<policy id="short" label_suffix="s"/><policy id="long" label_suffix="settings"/>', label), 'long');
  assert.equal(selected('<policy id="prefix" label_prefix="i"/><policy id="suffix" label_suffix="app -> settings"/>', label), 'prefix', 'a short prefix still beats a long suffix');
  assert.equal(selected('<policy id="plain" label_prefix="init"/><policy id="suffixed" label_prefix="init" label_suffix="gs"/>', label), 'suffixed', 'equal prefixes: the suffix decides');
  assert.equal(selected('<policy id="a" label_prefix="init" label_suffix="settings"/><policy id="b" label_prefix="init -> app"/>', label), 'b', 'the prefix is compared before the suffix');
});

test('ties go to the earlier policy', () => {
  const label = 'init -> app';
  assert.equal(selected('<policy id="first" label="init -> app"/><policy id="second" label="init -> app"/>', label), 'first');
  assert.equal(selected('<policy id="first" label_prefix="init"/><policy id="second" label_prefix="init"/>', label), 'first');
  assert.equal(selected('<policy id="first" label_suffix="app"/><policy id="second" label_suffix="app"/>', label), 'first');
  assert.equal(selected('<policy id="first" label_prefix="ini"/><policy id="second" label_prefix="app" /><policy id="third" label_prefix="in"/><policy id="fourth" label_prefix="ini"/>', label), 'first');
  /* once a policy has `label`, another with `label` is not stronger, whatever else it carries (§2.8 rule 1) */
  assert.equal(selected('<policy id="first" label="init -> app"/><policy id="second" label="init -> app" label_prefix="init"/>', label), 'first');
});

test('no candidate: the first <default-policy>, else no policy', () => {
  const defaults = '<default-policy id="default"/><default-policy id="second-default"/>';
  assert.equal(selected(`<policy id="p" label="other"/>${defaults}`, 'app'), 'default');
  assert.equal(selected(`${defaults}<policy id="p" label="app"/>`, 'app'), 'p', 'a matching policy wins over the default wherever it stands');
  assert.equal(selected('<policy id="p" label="other"/>', 'app'), undefined);
  assert.equal(selected('', 'app'), undefined);
});

test('policies with only label_last or unscoped_label, or no label attribute at all, never match', () => {
  const label = 'init -> app';
  assert.equal(selected('<policy id="last" label_last="app"/>', label), undefined);
  assert.equal(selected('<policy id="unscoped" unscoped_label="init -> app"/>', label), undefined);
  assert.equal(selected('<policy id="bare"/>', label), undefined);
  assert.equal(selected('<policy id="last" label_last="app"/><default-policy id="default"/>', label), 'default');
  assert.equal(selected('<policy id="mixed" label_last="nope" label_prefix="init"/>', label), 'mixed', 'label_last is ignored next to other attributes');
});

test('only <policy> nodes are candidates, sub nodes of other types are ignored', () => {
  assert.equal(selected('<service id="s" label="app"/><policy-x id="x" label="app"/><policy id="p" label_prefix="a"/>', 'app'), 'p');
});

test('whitespace around the label and the attribute values is trimmed', () => {
  assert.equal(selected('<policy id="p" label="  init -> app "/>', 'init -> app'), 'p');
  assert.equal(selected('<policy id="p" label="init -> app"/>', '  init -> app\t'), 'p');
  assert.equal(selected('<policy id="p" label_prefix=" init "/>', 'init -> app'), 'p');
  assert.equal(selected('<policy id="p" label_suffix=" app"/>', 'init -> app '), 'p');
  assert.equal(selected('<policy id="short" label_prefix="init "/><policy id="long" label_prefix="  ini "/>', 'init -> app'), 'short', 'lengths are compared after trimming');
  assert.equal(selected('<policy id="p" label="init  -> app"/>', 'init -> app'), undefined, 'inner whitespace counts');
});

test('policyMatches: whether all label attributes of one policy hold', () => {
  const policy = (attributes: string): XmlNode => parseXml(`<policy ${attributes}/>`);
  assert.equal(policyMatches(policy('label="a -> b"'), 'a -> b'), true);
  assert.equal(policyMatches(policy('label="a -> b"'), ' a -> b '), true);
  assert.equal(policyMatches(policy('label_prefix="a" label_suffix="b"'), 'a -> b'), true);
  assert.equal(policyMatches(policy('label_prefix="a" label_suffix="c"'), 'a -> b'), false);
  assert.equal(policyMatches(policy('label_last="b"'), 'a -> b'), false);
  assert.equal(policyMatches(policy(''), 'a -> b'), false);
});
