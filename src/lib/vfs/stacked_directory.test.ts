import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { CREATE_WRITE, READ_ONLY, WRITE_ONLY, openFlags } from './open_flags.js';
import { writeTar } from './tar_writer.js';
import { TestServices, errnoOf, readText, vfsFrom, writeText } from './test_services.js';

const CONFIG = `
<vfs>
  <dir name="dev"> <null/> <zero/> <log/> </dir>
  <dir name="etc"> <inline name="motd">hello</inline> <ram/> </dir>
  <tar name="root.tar"/>
  <ram/>
</vfs>`;

function services(): TestServices {
  return new TestServices({
    'root.tar': writeTar([
      { path: 'etc/passwd', type: 'file', data: 'root:x:0:0' },
      { path: 'etc/motd', type: 'file', data: 'shadowed' },
      { path: 'bin/sh', type: 'file', data: '#!' },
      { path: 'usr/lib/libc.so', type: 'file', data: 'ELF' },
    ]),
  });
}

const names = (entries: { name: string }[]) => entries.map((entry) => entry.name);

test('the first plugin that has a path answers: the inline motd hides the tar\'s', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(readText(vfs, '/etc/motd'), 'hello');
  assert.equal(readText(vfs, '/etc/passwd'), 'root:x:0:0', 'a later plugin answers what earlier ones lack');
  assert.equal(readText(vfs, '/bin/sh'), '#!');
});

test('listings concatenate in document order and the first of two equal names wins', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.deepEqual(names(vfs.readdir('/')), ['dev', 'etc', 'bin', 'usr']);
  assert.deepEqual(names(vfs.readdir('/dev')), ['null', 'zero', 'log']);
  assert.deepEqual(names(vfs.readdir('/etc')), ['motd', 'passwd']);
  assert.equal(vfs.readdir('/etc').find((entry) => entry.name === 'motd')?.type, 'file');
  writeText(vfs, '/etc/hosts', '127.0.0.1');
  writeText(vfs, '/top', 'x');
  assert.deepEqual(names(vfs.readdir('/etc')), ['motd', 'hosts', 'passwd']);
  assert.deepEqual(names(vfs.readdir('/')), ['dev', 'etc', 'bin', 'usr', 'top']);
});

test('creation goes to the first plugin that accepts it', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  writeText(vfs, '/etc/hosts', 'in the ram of <dir name="etc">');
  writeText(vfs, '/note', 'in the ram of the root');
  assert.equal(readText(vfs, '/etc/hosts'), 'in the ram of <dir name="etc">');
  vfs.mkdir('/home');
  vfs.mkdir('/home/user');
  writeText(vfs, '/home/user/file', 'x');
  assert.deepEqual(names(vfs.readdir('/home/user')), ['file']);
  /* the ram of /etc does not reach into the root's ram */
  assert.equal(errnoOf(() => vfs.rename('/etc/hosts', '/hosts')), Errno.XDEV);
});

test('creating where only read-only plugins have the directory is EROFS; existing nodes are EEXIST', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(errnoOf(() => vfs.open('/bin/new', CREATE_WRITE)), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.mkdir('/usr/lib/new')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.mkdir('/dev/pts')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.symlink('/x', '/dev/link')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.mkdir('/bin')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.mkdir('/dev')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.open('/etc/motd', openFlags({ write: true, create: true, exclusive: true }))), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.open('/etc/motd', WRITE_ONLY)), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.open('/etc/passwd', CREATE_WRITE)), Errno.ROFS, 'truncating a tar file');
  assert.equal(errnoOf(() => vfs.unlink('/bin/sh')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.rename('/bin/sh', '/bin/bash')), Errno.ROFS);
  assert.equal(errnoOf(() => vfs.unlink('/etc/motd')), Errno.ROFS);
});

test('missing paths are ENOENT, paths through files ENOTDIR', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(errnoOf(() => vfs.stat('/nothing', true)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.open('/nothing/x', CREATE_WRITE)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.mkdir('/a/b')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.readdir('/dev/tty')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.stat('/etc/motd/x', true)), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.open('/dev/null/x', READ_ONLY)), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.readdir('/dev/null')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.readdir('/bin/sh')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.open('/bin/sh/x', CREATE_WRITE)), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.unlink('/nothing')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.rmdir('/nothing')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.readlink('/nothing')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.rename('/nothing', '/x')), Errno.NOENT);
});

test('directories of the config can be neither removed nor moved (EBUSY), nor unlinked (EISDIR)', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(errnoOf(() => vfs.rmdir('/dev')), Errno.BUSY);
  assert.equal(errnoOf(() => vfs.rmdir('/')), Errno.BUSY);
  assert.equal(errnoOf(() => vfs.rename('/dev', '/devices')), Errno.BUSY);
  assert.equal(errnoOf(() => vfs.unlink('/dev')), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.open('/dev', WRITE_ONLY)), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.rename('/note', '/dev')), Errno.NOENT);
  writeText(vfs, '/note', 'x');
  assert.equal(errnoOf(() => vfs.rename('/note', '/dev')), Errno.XDEV);
});

test('stat of stacked directories and devices', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(vfs.stat('/', true).type, 'directory');
  assert.equal(vfs.stat('/dev', true).type, 'directory');
  assert.equal(vfs.stat('/dev', true).writeable, false);
  assert.equal(vfs.stat('/dev/null', true).type, 'character_device');
  assert.equal(vfs.stat('/etc/passwd', true).size, 10);
  const directory = vfs.open('/dev', READ_ONLY);
  assert.equal(directory.stat().type, 'directory');
  assert.equal(errnoOf(() => directory.read(new Uint8Array(4), 0)), Errno.ISDIR);
  directory.close();
  const inodes = ['/', '/dev', '/etc', '/dev/null', '/dev/zero', '/etc/motd', '/etc/passwd', '/bin', '/bin/sh']
    .map((path) => vfs.stat(path, true).inode);
  assert.equal(new Set(inodes).size, inodes.length, 'every node of the component has its own inode');
});

test('a writeable plugin stacked before a read-only one takes the new files; the read-only one still answers', async () => {
  const vfs = await vfsFrom('<vfs> <ram/> <tar name="root.tar"/> </vfs>', services());
  vfs.mkdir('/tmp');
  writeText(vfs, '/tmp/x', 'x');
  assert.equal(readText(vfs, '/etc/passwd'), 'root:x:0:0');
  assert.equal(errnoOf(() => vfs.mkdir('/etc')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.open('/etc/new', CREATE_WRITE)), Errno.ROFS, 'the ram has no /etc, the tar refuses');
  assert.deepEqual(names(vfs.readdir('/')), ['tmp', 'etc', 'bin', 'usr']);
});

test('a hard link stays in the plugin of its node: EXDEV across, EROFS in a read-only one, EPERM without links', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  writeText(vfs, '/etc/hosts', 'in the ram of <dir name="etc">');
  vfs.link('/etc/hosts', '/etc/hosts.bak', false);
  assert.equal(vfs.stat('/etc/hosts.bak', true).links, 2);
  assert.equal(errnoOf(() => vfs.link('/etc/hosts', '/hosts', false)), Errno.XDEV, 'into the other <ram/>');
  assert.equal(errnoOf(() => vfs.link('/bin/sh', '/bin/sh2', false)), Errno.ROFS, 'in the tar');
  assert.equal(errnoOf(() => vfs.link('/bin/sh', '/sh', false)), Errno.XDEV);
  assert.equal(errnoOf(() => vfs.link('/dev/null', '/dev/null2', false)), Errno.XDEV, 'the directory is the config\'s, as for rename');
  assert.equal(errnoOf(() => vfs.rename('/dev/null', '/dev/null2')), Errno.XDEV);
  assert.equal(errnoOf(() => vfs.link('/etc', '/etc2', false)), Errno.PERM, 'a directory of the config');
  assert.equal(errnoOf(() => vfs.link('/etc/hosts', '/etc/motd', false)), Errno.EXIST);
});

test('times are set by path through the stack; plugins without times take them without effect', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  writeText(vfs, '/etc/hosts', '');
  vfs.setTimes('/etc/hosts', { modification: 5n, access: 3n }, true);
  assert.deepEqual([vfs.stat('/etc/hosts', true).modificationTime, vfs.stat('/etc/hosts', true).accessTime], [5n, 3n]);
  vfs.setTimes('/etc/passwd', { modification: 5n }, true);
  assert.equal(vfs.stat('/etc/passwd', true).modificationTime, 0n);
  assert.equal(errnoOf(() => vfs.setTimes('/etc/none', { modification: 5n }, true)), Errno.NOENT);
});

test('nested <dir> nodes', async () => {
  const vfs = await vfsFrom(`
    <vfs>
      <dir name="a"> <dir name="b"> <dir name="c"> <inline name="deep">deep</inline> </dir> </dir> <ram/> </dir>
    </vfs>`);
  assert.equal(readText(vfs, '/a/b/c/deep'), 'deep');
  assert.deepEqual(names(vfs.readdir('/a')), ['b']);
  assert.deepEqual(names(vfs.readdir('/a/b/c')), ['deep']);
  writeText(vfs, '/a/file', 'f');
  assert.deepEqual(names(vfs.readdir('/a')), ['b', 'file']);
  assert.equal(errnoOf(() => vfs.open('/a/b/new', CREATE_WRITE)), Errno.ROFS);
});
