import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXml } from '../../util/xml.js';
import {
  ANY_LABEL, clientLabel, exactLabel, policyMatch, prefixLabel, rewriteLabel, ruleLabelMatch, ruleLabels, type RuleLabels,
} from './label_pattern.js';

const rule = (labels: Partial<RuleLabels>): RuleLabels => ({
  label: undefined, labelPrefix: undefined, labelSuffix: undefined, labelLast: undefined, unscopedLabel: undefined, ...labels,
});

test('a rule\'s label conditions on a whole label, as init matches them (spec/init.md §2.4)', () => {
  assert.equal(ruleLabelMatch(rule({}), 'a', exactLabel('a')), 'yes');
  assert.equal(ruleLabelMatch(rule({ label: 'config' }), 'a', exactLabel('a -> config')), 'yes');
  assert.equal(ruleLabelMatch(rule({ label: 'config' }), 'a', exactLabel('a')), 'no', 'an environment session has no scoped label');
  assert.equal(ruleLabelMatch(rule({ labelPrefix: '' }), 'a', exactLabel('a')), 'no');
  assert.equal(ruleLabelMatch(rule({ labelLast: 'dummy' }), 'a', exactLabel('dummy')), 'yes');
  assert.equal(ruleLabelMatch(rule({ unscopedLabel: 'ld.lib.so' }), 'a', exactLabel('ld.lib.so')), 'yes');
  assert.equal(ruleLabelMatch(rule({ labelSuffix: 'tmp' }), 'a', exactLabel('a -> x/tmp')), 'yes');
});

test('on a label known by its beginning, a condition holds, fails or may hold', () => {
  const any = clientLabel('ls');
  assert.deepEqual(any, prefixLabel('ls -> '));
  assert.equal(ruleLabelMatch(rule({ label: 'home' }), 'ls', any), 'maybe');
  assert.equal(ruleLabelMatch(rule({ labelPrefix: 'ho' }), 'ls', prefixLabel('ls -> home')), 'yes');
  assert.equal(ruleLabelMatch(rule({ labelPrefix: 'tmp' }), 'ls', prefixLabel('ls -> home')), 'no');
  assert.equal(ruleLabelMatch(rule({ label: 'x' }), 'ls', ANY_LABEL), 'maybe');
});

test('label rewriting by a target (spec/init.md §2.6), on whole labels and on beginnings', () => {
  const none = { label: undefined, identity: undefined, resource: undefined, prependResource: undefined };
  assert.deepEqual(rewriteLabel(none, exactLabel('noux -> home')), exactLabel('noux -> home'));
  assert.deepEqual(rewriteLabel({ ...none, label: 'primary' }, exactLabel('noux -> home')), exactLabel('primary'));
  assert.deepEqual(rewriteLabel({ ...none, identity: 'user' }, exactLabel('noux -> home')), exactLabel('user -> home'));
  assert.deepEqual(rewriteLabel({ ...none, prependResource: '/' }, exactLabel('noux -> home')), exactLabel('noux -> /home'));
  assert.deepEqual(rewriteLabel({ ...none, identity: '', resource: 'x' }, exactLabel('noux -> home')), exactLabel('x'));
  assert.deepEqual(rewriteLabel(none, prefixLabel('noux -> ')), prefixLabel('noux -> '));
  assert.deepEqual(rewriteLabel({ ...none, identity: 'user' }, prefixLabel('noux -> ')), prefixLabel('user -> '));
  assert.deepEqual(rewriteLabel({ ...none, resource: 'x' }, prefixLabel('noux -> ')), ANY_LABEL);
});

test('the labels a rule lets through, and whether a server policy may match them (spec/init.md §2.8)', () => {
  assert.deepEqual(ruleLabels(rule({ label: 'home' }), 'ls'), exactLabel('ls -> home'));
  assert.deepEqual(ruleLabels(rule({ labelPrefix: 'ho' }), 'ls'), prefixLabel('ls -> ho'));
  assert.deepEqual(ruleLabels(rule({}), 'ls'), prefixLabel('ls -> '));
  const policy = (text: string) => parseXml(text);
  assert.equal(policyMatch(policy('<policy label="ls -> home"/>'), exactLabel('ls -> home')), 'yes');
  assert.equal(policyMatch(policy('<policy label="ls -> home"/>'), prefixLabel('ls -> ')), 'maybe');
  assert.equal(policyMatch(policy('<policy label="tee -> tmp"/>'), prefixLabel('ls -> ')), 'no');
  assert.equal(policyMatch(policy('<policy label_prefix="ls"/>'), prefixLabel('ls -> ')), 'yes');
  assert.equal(policyMatch(policy('<policy label_suffix="tmp"/>'), prefixLabel('ls -> ')), 'maybe');
  assert.equal(policyMatch(policy('<policy/>'), exactLabel('ls -> home')), 'no');
});
