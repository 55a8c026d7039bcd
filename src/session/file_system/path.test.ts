import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidName, LookupFailed, MAX_NAME_LENGTH, MAX_PATH_LENGTH, NameTooLong } from './interface.js';
import { checkName, normalizedPath, pathElements } from './path.js';

test('paths resolve below the root: ".." never climbs above it', () => {
  assert.deepEqual(pathElements('/'), []);
  assert.deepEqual(pathElements('/home//user/./x/'), ['home', 'user', 'x']);
  assert.deepEqual(pathElements('/home/../tmp'), ['tmp']);
  assert.deepEqual(pathElements('/../../etc'), ['etc']);
  assert.equal(normalizedPath('/a/b/../../..'), '/');
  assert.throws(() => pathElements('relative'), LookupFailed);
  assert.throws(() => pathElements(`/${'a'.repeat(MAX_NAME_LENGTH + 1)}`), NameTooLong);
  assert.throws(() => pathElements(`/${'a/'.repeat(MAX_PATH_LENGTH)}`), NameTooLong);
});

test('names are single, proper path elements', () => {
  checkName('notes.txt');
  checkName('ü'.repeat(MAX_NAME_LENGTH / 2));
  for (const name of ['', '.', '..', 'a/b', 'nul\0']) assert.throws(() => checkName(name), InvalidName, JSON.stringify(name));
  assert.throws(() => checkName('ü'.repeat(MAX_NAME_LENGTH / 2 + 1)), NameTooLong);
});
