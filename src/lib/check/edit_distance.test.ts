import { test } from 'node:test';
import assert from 'node:assert/strict';
import { didYouMean, editDistance, suggestion } from './edit_distance.js';

test('edit distance: insertions, deletions, substitutions, and a swap of neighbours counts once', () => {
  assert.equal(editDistance('quantum', 'quantum'), 0);
  assert.equal(editDistance('quantm', 'quantum'), 1);
  assert.equal(editDistance('rma', 'ram'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('edit distance stops early above the limit', () => {
  assert.equal(editDistance('a', 'abcdefgh', 2), 3);
  assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
});

test('a suggestion is near enough to be a typo, and case counts least', () => {
  assert.equal(suggestion('strat', ['start', 'alias', 'service']), 'start');
  assert.equal(suggestion('Ram', ['ram', 'caps']), 'ram');
  assert.equal(suggestion('label', ['name', 'caps']), undefined);
  assert.equal(suggestion('x', ['yz']), undefined);
  assert.equal(suggestion('defualt', ['default', 'decorator']), 'default');
  assert.equal(didYouMean('lgo', ['log', 'exit'], (name) => `<${name}>`), 'did you mean <log>?');
  assert.equal(didYouMean('frobnicate', ['log']), undefined);
});
