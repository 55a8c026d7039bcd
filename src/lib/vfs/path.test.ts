import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { baseName, checkPath, isWithin, joinPath, normalisePath, parentPath, pathElements, utf8Length } from './path.js';
import { errnoOf } from './test_services.js';

test('normalisePath resolves ".", "..", repeated and trailing slashes', () => {
  assert.equal(normalisePath('/'), '/');
  assert.equal(normalisePath(''), '/');
  assert.equal(normalisePath('/a/b'), '/a/b');
  assert.equal(normalisePath('/a/./b/../c/'), '/a/c');
  assert.equal(normalisePath('//a///b//'), '/a/b');
  assert.equal(normalisePath('/..'), '/', '".." at the root stays at the root');
  assert.equal(normalisePath('/a/../../b'), '/b');
  assert.equal(normalisePath('a/b'), '/a/b', 'relative paths are taken from the root');
  assert.equal(normalisePath('/a/.hidden/..x'), '/a/.hidden/..x', 'names that start with dots are names');
  assert.equal(normalisePath('/.'), '/');
});

test('elements, parent, base name and join', () => {
  assert.deepEqual(pathElements('/'), []);
  assert.deepEqual(pathElements('/a/b'), ['a', 'b']);
  assert.equal(parentPath('/a/b'), '/a');
  assert.equal(parentPath('/a'), '/');
  assert.equal(parentPath('/'), '/');
  assert.equal(baseName('/a/b'), 'b');
  assert.equal(baseName('/'), '');
  assert.equal(joinPath('/', 'a'), '/a');
  assert.equal(joinPath('/a', 'b'), '/a/b');
  assert.ok(isWithin('/a/b', '/a'));
  assert.ok(isWithin('/a', '/a'));
  assert.ok(!isWithin('/ab', '/a'));
  assert.ok(isWithin('/x', '/'));
});

test('utf8Length counts UTF-8 bytes', () => {
  assert.equal(utf8Length('abc'), 3);
  assert.equal(utf8Length('ä'), 2);
  assert.equal(utf8Length('€'), 3);
  assert.equal(utf8Length('😀'), 4);
  for (const text of ['abc', 'äöü', '€uro', '😀x', 'a\u07ffb']) assert.equal(utf8Length(text), new TextEncoder().encode(text).length, text);
});

test('names are at most 128 bytes and paths 1024 bytes: ENAMETOOLONG beyond (spec/runtime.md §2)', () => {
  assert.equal(errnoOf(() => checkPath('/' + 'n'.repeat(128))), undefined);
  assert.equal(errnoOf(() => checkPath('/' + 'n'.repeat(129))), Errno.NAMETOOLONG);
  /* 64 two-byte characters are 128 bytes; one more is too long */
  assert.equal(errnoOf(() => checkPath('/' + 'ä'.repeat(64))), undefined);
  assert.equal(errnoOf(() => checkPath('/' + 'ä'.repeat(65))), Errno.NAMETOOLONG);
  const element = '/' + 'e'.repeat(99);
  assert.equal(errnoOf(() => checkPath(element.repeat(10) + '/' + 'x'.repeat(23))), undefined, '1024 bytes');
  assert.equal(errnoOf(() => checkPath(element.repeat(10) + '/' + 'x'.repeat(24))), Errno.NAMETOOLONG, '1025 bytes');
});

test('a NUL character in a path is EINVAL', () => {
  assert.equal(errnoOf(() => checkPath('/a\0b')), Errno.INVAL);
});
