import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogHistory, MAX_LINES } from './log_history.js';

test('lines are split into label and text, numbered, and handed out once', () => {
  let now = 0;
  const log = new LogHistory(() => now++);
  assert.deepEqual(log.add('[init -> a] hello [there]'), { seq: 1, time: 0, label: 'init -> a', text: 'hello [there]' });
  assert.deepEqual(log.add('core says'), { seq: 2, time: 1, label: '', text: 'core says' });
  assert.deepEqual(log.add('[init] \x1b[31mError: x\x1b[0m'), { seq: 3, time: 2, label: 'init', text: '\x1b[31mError: x\x1b[0m' });
  assert.deepEqual(log.chunks(), [], 'history holds what was handed out');
  assert.deepEqual(log.takeNew().map((line) => line.seq), [1, 2, 3]);
  assert.deepEqual(log.takeNew(), []);
  assert.deepEqual(log.chunks().flat().map((line) => line.seq), [1, 2, 3]);
});

test('the newest MAX_LINES are kept; none is handed out twice or skipped when old ones go', () => {
  const log = new LogHistory(() => 0);
  let taken = 0;
  let last = 0;
  for (let i = 0; i < MAX_LINES * 2 + 123; i++) {
    log.add(`[x] ${i}`);
    if (i % 7000 === 0) {
      for (const line of log.takeNew()) {
        assert.equal(line.seq, last + 1);
        last = line.seq;
        taken++;
      }
    }
  }
  taken += log.takeNew().length;
  assert.equal(taken, MAX_LINES * 2 + 123);
  const kept = log.chunks().flat();
  assert.equal(kept.length, MAX_LINES);
  assert.equal(kept.at(-1)?.seq, MAX_LINES * 2 + 123);
});
