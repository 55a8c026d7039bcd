import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidConfig } from './invalid_config.js';
import { naturalValue, sizeText } from './size.js';

test('a size is written as Genode writes it: text as given, numbers in the shortest exact form', () => {
  assert.equal(sizeText('16M', 'ram'), '16M');
  assert.equal(sizeText('4096', 'ram'), '4096');
  assert.equal(sizeText(4 * 1024 ** 2, 'ram'), '4M');
  assert.equal(sizeText(1536, 'ram'), '1536');
  assert.equal(sizeText(0, 'ram'), '0');
});

test('a size init would read as 0 is refused, naming where it stands', () => {
  for (const bad of [-1, 1.5, Number.MAX_SAFE_INTEGER + 2]) assert.throws(() => sizeText(bad, 'start("a") ram'), /start\("a"\) ram: .* is no size/);
  for (const bad of ['4 MB', '4m', '', ' 4M', '-4M', '1.5M']) {
    assert.throws(() => sizeText(bad as '4M', 'ram'), (error: unknown) => error instanceof InvalidConfig && error.message.includes(JSON.stringify(bad)));
  }
});

test('a count is a whole number of 0 or more', () => {
  assert.equal(naturalValue(100, 'caps'), 100);
  assert.throws(() => naturalValue(-1, 'caps'), /caps: -1 is no whole number/);
  assert.throws(() => naturalValue(2.5, 'caps'), InvalidConfig);
});
