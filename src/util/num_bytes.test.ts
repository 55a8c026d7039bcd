import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatNumBytes, parseNumBytes, parseSize } from './num_bytes.js';

test('parseNumBytes reads digits with an optional K, M or G suffix (powers of 1024)', () => {
  assert.equal(parseNumBytes('0'), 0);
  assert.equal(parseNumBytes('1000'), 1000);
  assert.equal(parseNumBytes('8K'), 8192);
  assert.equal(parseNumBytes('16M'), 16 * 1024 * 1024);
  assert.equal(parseNumBytes('2G'), 2 * 1024 ** 3);
  assert.equal(parseNumBytes('4100K'), 4198400);
  assert.equal(parseNumBytes('007'), 7);
  assert.equal(parseNumBytes(' 1M '), 1024 * 1024, 'surrounding blanks are ignored');
});

test('parseNumBytes rejects anything else', () => {
  for (const text of ['', ' ', 'K', '1k', '1m', '1KB', '1 K', '-1', '+1', '1.5M', '0x10', '1e3', '1T', 'M1', '١٢']) {
    assert.equal(parseNumBytes(text), undefined, JSON.stringify(text));
  }
});

test('parseNumBytes rejects values beyond the safe integers', () => {
  assert.equal(parseNumBytes('9007199254740991'), Number.MAX_SAFE_INTEGER);
  assert.equal(parseNumBytes('9007199254740992'), undefined);
  assert.equal(parseNumBytes('99999999999G'), undefined);
});

test('parseSize also accepts lower-case suffixes', () => {
  assert.equal(parseSize('64m'), 64 * 1024 * 1024);
  assert.equal(parseSize('4k'), 4096);
  assert.equal(parseSize('1g'), 1024 ** 3);
  assert.equal(parseSize('64M'), 64 * 1024 * 1024);
  assert.equal(parseSize('512'), 512);
  assert.equal(parseSize('64mb'), undefined);
  assert.equal(parseSize('lots'), undefined);
});

test('formatNumBytes prints exact multiples as NG, NM, NK, 0 as 0, others as bytes (spec/init.md §5.1)', () => {
  assert.equal(formatNumBytes(0), '0');
  assert.equal(formatNumBytes(1000), '1000');
  assert.equal(formatNumBytes(1023), '1023');
  assert.equal(formatNumBytes(1024), '1K');
  assert.equal(formatNumBytes(4198400), '4100K');
  assert.equal(formatNumBytes(1024 * 1024), '1M');
  assert.equal(formatNumBytes(14 * 1024 * 1024), '14M');
  assert.equal(formatNumBytes(1536 * 1024), '1536K', 'the largest unit that divides exactly, not a fraction');
  assert.equal(formatNumBytes(1024 ** 3), '1G');
  assert.equal(formatNumBytes(1024 ** 4), '1024G', 'there is no larger unit than G');
  assert.equal(formatNumBytes(1025), '1025');
  assert.equal(formatNumBytes(1024 * 1024 + 1), '1048577');
});

test('formatNumBytes and parseNumBytes round-trip', () => {
  for (const bytes of [0, 1, 1000, 1024, 4096, 4198400, 1024 ** 2, 3 * 1024 ** 3, 1024 ** 3 + 1024, 123456789]) {
    assert.equal(parseNumBytes(formatNumBytes(bytes)), bytes, String(bytes));
  }
});
