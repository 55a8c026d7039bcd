import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { CREATE_WRITE, READ_ONLY, READ_WRITE, openFlags } from './open_flags.js';
import { writeTar } from './tar_writer.js';
import { TestServices, errnoOf, readText, vfsFrom } from './test_services.js';

function services(): TestServices {
  return new TestServices({
    'root.tar': writeTar([
      { path: 'bin/', type: 'directory', mtime: 100 },
      { path: 'bin/ls', type: 'file', data: 'ls v1', mtime: 1_000_000 },
      { path: 'bin/ls', type: 'file', data: 'ls v2' },
      { path: 'usr/share/doc/readme', type: 'file', data: 'implied directories' },
      { path: 'lib', type: 'symlink', linkTarget: 'usr/share' },
      { path: 'abs', type: 'symlink', linkTarget: '/bin/ls' },
      { path: 'bin/list', type: 'hardlink', linkTarget: 'bin/ls' },
      { path: 'bin/ls/impossible', type: 'file', data: 'x' },
      { path: './dot/file', type: 'file', data: 'dot' },
    ]),
  });
}

test('files, implied directories, later entries replacing earlier ones', async () => {
  const vfs = await vfsFrom('<vfs> <tar name="root.tar"/> </vfs>', services());
  assert.deepEqual(vfs.readdir('/').map((entry) => entry.name), ['bin', 'usr', 'lib', 'abs', 'dot']);
  assert.equal(readText(vfs, '/bin/ls'), 'ls v2');
  assert.equal(readText(vfs, '/usr/share/doc/readme'), 'implied directories');
  assert.equal(readText(vfs, '/dot/file'), 'dot');
  assert.equal(vfs.stat('/usr/share', true).type, 'directory');
  assert.equal(vfs.stat('/bin', true).modificationTime, 100_000_000_000n);
  assert.equal(vfs.stat('/bin/ls', true).writeable, false);
});

test('a hard link is the node it links to', async () => {
  const vfs = await vfsFrom('<vfs> <tar name="root.tar"/> </vfs>', services());
  assert.equal(readText(vfs, '/bin/list'), 'ls v2');
  assert.equal(vfs.stat('/bin/list', true).inode, vfs.stat('/bin/ls', true).inode);
  assert.equal(vfs.stat('/bin/list', true).links, 2, 'the link count counts the names');
  assert.equal(errnoOf(() => vfs.link('/bin/ls', '/bin/third', false)), Errno.ROFS, 'no new names: read only');
  assert.equal(errnoOf(() => vfs.link('/bin/ls', '/bin/list', false)), Errno.EXIST);
});

test('symlinks are kept and followed by the VFS', async () => {
  const vfs = await vfsFrom('<vfs> <tar name="root.tar"/> </vfs>', services());
  assert.equal(vfs.readlink('/lib'), 'usr/share');
  assert.equal(vfs.stat('/lib', false).type, 'symlink');
  assert.equal(vfs.stat('/lib', true).type, 'directory');
  assert.equal(readText(vfs, '/lib/doc/readme'), 'implied directories');
  assert.equal(readText(vfs, '/abs'), 'ls v2');
  assert.deepEqual(vfs.readdir('/lib').map((entry) => entry.name), ['doc']);
});

test('an entry below a file is skipped with a warning', async () => {
  const test = services();
  await vfsFrom('<vfs> <tar name="root.tar"/> </vfs>', test);
  assert.deepEqual(test.warnings, ['tar "root.tar": entry "bin/ls/impossible" skipped: "ls" on its path is not a directory']);
});

test('everything that would change the archive is EROFS; what is not there ENOENT', async () => {
  const vfs = await vfsFrom('<vfs> <tar name="root.tar"/> </vfs>', services());
  assert.equal(errnoOf(() => vfs.open('/bin/ls', READ_WRITE)), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.open('/bin/ls', openFlags({ read: true, truncate: true }))), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.open('/bin/new', CREATE_WRITE)), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.mkdir('/bin/dir')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.symlink('x', '/bin/link')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.unlink('/bin/ls')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.rmdir('/usr/share/doc')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.rename('/bin/ls', '/bin/dir')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.unlink('/bin/missing')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.open('/missing/new', CREATE_WRITE)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.open('/bin/ls/x', READ_ONLY)), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.rmdir('/bin/ls')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.mkdir('/bin')), Errno.EXIST);
});

test('a missing ROM module fails the VFS and closes what it opened', async () => {
  const test = services();
  await assert.rejects(vfsFrom('<vfs> <log/> <tar name="missing.tar"/> </vfs>', test), /missing\.tar/);
  assert.equal(test.closed, test.opened, 'the LOG session opened before is closed');
});
