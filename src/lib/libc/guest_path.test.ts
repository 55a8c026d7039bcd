import { test } from 'node:test';
import assert from 'node:assert/strict';
import { joinPath, parentPath, resolveGuestPath } from './guest_path.js';
import { SyscallError } from './errors.js';
import { WasiErrno } from './wasi_abi.js';

test('relative paths resolve lexically against the directory', () => {
  assert.equal(joinPath('/', 'a/b'), '/a/b');
  assert.equal(joinPath('/home', './x//y/'), '/home/x/y');
  assert.equal(joinPath('/home/user', '../other'), '/home/other');
  assert.equal(joinPath('/', '../../x'), '/x');
  assert.equal(joinPath('/a', '.'), '/a');
  assert.equal(parentPath('/a/b'), '/a');
  assert.equal(parentPath('/a'), '/');
});

test('a path may not climb above its directory, except at the root, whose \'..\' is the root', () => {
  const errno = (f: () => unknown) => { try { f(); return 0; } catch (error) { return (error as SyscallError).errno; } };
  assert.equal(resolveGuestPath('/home/user', 'a/../b/./../c').path, '/home/user/c');
  assert.equal(errno(() => resolveGuestPath('/home/user', 'a/../../user/b')), WasiErrno.NOTCAPABLE, 'not even on the way back');
  assert.equal(errno(() => resolveGuestPath('/home/user', '../other')), WasiErrno.NOTCAPABLE);
  assert.equal(errno(() => resolveGuestPath('/home', 'a/../../../home/x')), WasiErrno.NOTCAPABLE);
  assert.equal(resolveGuestPath('/', '../etc/motd').path, '/etc/motd');
  assert.equal(resolveGuestPath('/', 'a/../../b').path, '/b');
});

test('a trailing slash asks for a directory', () => {
  assert.deepEqual(resolveGuestPath('/', 'dir/'), { path: '/dir', directoryRequired: true });
  assert.deepEqual(resolveGuestPath('/', 'file'), { path: '/file', directoryRequired: false });
});

test('empty, absolute and NUL-carrying paths are refused', () => {
  const errno = (f: () => unknown) => { try { f(); return 0; } catch (error) { return (error as SyscallError).errno; } };
  assert.equal(errno(() => resolveGuestPath('/', '')), WasiErrno.NOENT);
  assert.equal(errno(() => resolveGuestPath('/', '/etc')), WasiErrno.NOTCAPABLE);
  assert.equal(errno(() => resolveGuestPath('/', 'a\0b')), WasiErrno.INVAL);
});
