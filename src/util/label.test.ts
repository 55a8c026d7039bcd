import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LABEL_SEPARATOR, MAX_LABEL_LENGTH, labelElements, labelPrefix, lastElement, prefixed, scopedLabel, withoutTrailingSeparator } from './label.js';

test('the separator is " -> " and labels hold 159 characters (spec/init.md §1.1, §2.1)', () => {
  assert.equal(LABEL_SEPARATOR, ' -> ');
  assert.equal(MAX_LABEL_LENGTH, 159);
});

test('prefixed joins with the separator, with no special case for an empty label', () => {
  assert.equal(prefixed('init', 'hello'), 'init -> hello');
  assert.equal(prefixed('init', 'shell -> vim'), 'init -> shell -> vim');
  assert.equal(prefixed('init', ''), 'init -> ');
  assert.equal(prefixed('', 'x'), ' -> x');
});

test('lastElement is the text after the last separator, or the whole label', () => {
  assert.equal(lastElement('init -> shell -> vim'), 'vim');
  assert.equal(lastElement('hello'), 'hello');
  assert.equal(lastElement(''), '');
  assert.equal(lastElement('init -> '), '');
  assert.equal(lastElement('a->b'), 'a->b', 'only the spaced separator counts');
  assert.equal(lastElement('a -> b->c'), 'b->c');
  assert.equal(lastElement('client -> config'), 'config');
});

test('labelPrefix is the text before the last separator, "" for one element', () => {
  assert.equal(labelPrefix('init -> shell -> vim'), 'init -> shell');
  assert.equal(labelPrefix('client -> 0'), 'client');
  assert.equal(labelPrefix('hello'), '');
  assert.equal(labelPrefix(''), '');
  assert.equal(labelPrefix('init -> '), 'init');
});

test('labelPrefix and lastElement put a label back together with prefixed', () => {
  for (const label of ['a -> b', 'init -> shell -> vim', 'x ->  -> y', 'init -> ']) {
    assert.equal(prefixed(labelPrefix(label), lastElement(label)), label);
  }
});

test('labelElements lists elements from the root to the leaf', () => {
  assert.deepEqual(labelElements('init -> shell -> vim'), ['init', 'shell', 'vim']);
  assert.deepEqual(labelElements('hello'), ['hello']);
  assert.deepEqual(labelElements('init -> '), ['init', '']);
  assert.deepEqual(labelElements(''), ['']);
  assert.equal(labelElements(prefixed('a', prefixed('b', 'c'))).join(LABEL_SEPARATOR), 'a -> b -> c');
});

test('scopedLabel is the remainder after "child -> " (spec/init.md §2.4)', () => {
  assert.equal(scopedLabel('noux', 'noux -> home'), 'home');
  assert.equal(scopedLabel('noux', 'noux -> a -> b'), 'a -> b');
  assert.equal(scopedLabel('noux', 'noux -> '), '', 'an unlabelled request of the child');
});

test('scopedLabel is undefined for labels not scoped to the child', () => {
  assert.equal(scopedLabel('noux', 'noux'), undefined, 'environment sessions are labelled with the bare name');
  assert.equal(scopedLabel('noux', 'nouxx -> home'), undefined);
  assert.equal(scopedLabel('noux', 'other -> noux -> home'), undefined);
  assert.equal(scopedLabel('noux', 'noux->home'), undefined);
  assert.equal(scopedLabel('noux', 'ld.lib.so'), undefined);
});

test('withoutTrailingSeparator drops the separator an empty client label leaves, as Genode\'s prefixed_label has it', () => {
  assert.equal(withoutTrailingSeparator('app -> '), 'app');
  assert.equal(withoutTrailingSeparator('launchpad -> app -> '), 'launchpad -> app');
  assert.equal(withoutTrailingSeparator('app -> main'), 'app -> main');
  assert.equal(withoutTrailingSeparator('app'), 'app');
});
