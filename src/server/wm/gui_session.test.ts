import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sessionLabel } from './gui_session.js';

test('gui session: the separator an empty client label leaves is dropped, as Genode\'s prefixed_label has it', () => {
  assert.equal(sessionLabel('app -> '), 'app');
  assert.equal(sessionLabel('launchpad -> app -> '), 'launchpad -> app');
  assert.equal(sessionLabel('app -> main'), 'app -> main');
  assert.equal(sessionLabel('app'), 'app');
});
