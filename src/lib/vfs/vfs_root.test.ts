import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { CREATE_WRITE, READ_ONLY, openFlags } from './open_flags.js';
import { writeTar } from './tar_writer.js';
import { TestServices, errnoOf, readText, vfsFrom, writeText } from './test_services.js';

const CONFIG = `
<vfs>
  <dir name="tmp"> <ram/> </dir>
  <dir name="etc"> <symlink name="tmp" target="/tmp"/> <symlink name="loop" target="loop"/> </dir>
  <tar name="root.tar"/>
</vfs>`;

function services(): TestServices {
  return new TestServices({
    'root.tar': writeTar([
      { path: 'usr/lib/libc.so', type: 'file', data: 'ELF' },
      { path: 'lib', type: 'symlink', linkTarget: 'usr/lib' },
      { path: 'ping', type: 'symlink', linkTarget: 'pong' },
      { path: 'pong', type: 'symlink', linkTarget: 'ping' },
      { path: 'dangling', type: 'symlink', linkTarget: '/nowhere' },
      { path: 'to-tmp', type: 'symlink', linkTarget: 'etc/tmp' },
    ]),
  });
}

test('symlinks resolve across plugins: a link in the tar to a link in the config to the ram', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  writeText(vfs, '/to-tmp/file', 'through two links');
  assert.equal(readText(vfs, '/tmp/file'), 'through two links');
  assert.deepEqual(vfs.readdir('/to-tmp').map((entry) => entry.name), ['file']);
  vfs.mkdir('/to-tmp/dir');
  assert.equal(vfs.stat('/tmp/dir', true).type, 'directory');
  vfs.symlink('../file', '/etc/tmp/dir/link');
  assert.equal(readText(vfs, '/tmp/dir/link'), 'through two links');
  vfs.unlink('/etc/tmp/dir/link');
  vfs.rmdir('/etc/tmp/dir');
  assert.equal(errnoOf(() => vfs.stat('/tmp/dir', true)), Errno.NOENT);
  assert.equal(vfs.realPath('/to-tmp/file'), '/tmp/file');
  assert.equal(vfs.realPath('/lib/libc.so'), '/usr/lib/libc.so');
  assert.equal(vfs.realPath('/lib/new'), '/usr/lib/new', 'the last element need not exist');
});

test('the last element is followed by open and stat, not by lstat, readlink, unlink or rename', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(vfs.stat('/lib', true).type, 'directory');
  assert.equal(vfs.stat('/lib', false).type, 'symlink');
  assert.equal(vfs.readlink('/lib'), 'usr/lib');
  assert.equal(errnoOf(() => vfs.unlink('/lib')), Errno.ROFS, 'the link itself, in the tar');
  writeText(vfs, '/tmp/target', 'T');
  vfs.symlink('target', '/tmp/link');
  vfs.rename('/tmp/link', '/tmp/moved');
  assert.equal(vfs.readlink('/tmp/moved'), 'target');
  assert.equal(readText(vfs, '/tmp/moved'), 'T');
  vfs.unlink('/tmp/moved');
  assert.equal(readText(vfs, '/tmp/target'), 'T', 'unlink removed the link, not its target');
});

test('O_NOFOLLOW refuses a symlink with ELOOP; O_CREAT follows a dangling link into a writeable place', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(errnoOf(() => vfs.open('/lib', openFlags({ read: true, noFollow: true }))), Errno.LOOP);
  assert.equal(errnoOf(() => vfs.open('/lib/libc.so', openFlags({ read: true, noFollow: true }))), undefined, 'only the last element counts');
  vfs.symlink('/tmp/created', '/tmp/dangling');
  writeText(vfs, '/tmp/dangling', 'made through the link');
  assert.equal(readText(vfs, '/tmp/created'), 'made through the link');
  assert.equal(errnoOf(() => vfs.open('/tmp/dangling', openFlags({ write: true, create: true, exclusive: true }))), Errno.EXIST,
    'O_CREAT|O_EXCL does not follow');
  assert.equal(errnoOf(() => vfs.open('/dangling', READ_ONLY)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.stat('/dangling', true)), Errno.NOENT);
  assert.equal(vfs.stat('/dangling', false).type, 'symlink');
});

test('symlink loops are ELOOP after 40 links', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  assert.equal(errnoOf(() => vfs.stat('/ping', true)), Errno.LOOP);
  assert.equal(errnoOf(() => vfs.open('/etc/loop', READ_ONLY)), Errno.LOOP);
  assert.equal(errnoOf(() => vfs.readdir('/ping')), Errno.LOOP);
  assert.equal(errnoOf(() => vfs.mkdir('/ping/x')), Errno.LOOP);
  assert.equal(vfs.stat('/ping', false).type, 'symlink');
});

test('rename resolves the directories of both paths', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  writeText(vfs, '/tmp/a', 'A');
  vfs.rename('/etc/tmp/a', '/to-tmp/b');
  assert.equal(readText(vfs, '/tmp/b'), 'A');
  assert.equal(errnoOf(() => vfs.rename('/tmp/b', '/lib/b')), Errno.XDEV);
});

test('paths are normalised and checked before any plugin sees them', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  writeText(vfs, '/tmp/../tmp/./x', 'x');
  assert.equal(readText(vfs, '//tmp//x/'), 'x');
  assert.equal(errnoOf(() => vfs.open('/tmp/' + 'n'.repeat(129), CREATE_WRITE)), Errno.NAMETOOLONG);
  assert.equal(errnoOf(() => vfs.mkdir('/tmp/' + 'd/'.repeat(600))), Errno.NAMETOOLONG);
  assert.equal(errnoOf(() => vfs.symlink('t'.repeat(1025), '/tmp/l')), Errno.NAMETOOLONG);
  assert.equal(errnoOf(() => vfs.symlink('', '/tmp/l')), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.stat('/tmp/a\0b', true)), Errno.INVAL);
});

test('a link whose target makes the path too long is ENAMETOOLONG', async () => {
  const vfs = await vfsFrom(CONFIG, services());
  /* 409 bytes of target plus 707 of the rest: 1116 bytes */
  vfs.symlink('/tmp/' + ['x', 'y', 'z', 'v'].map((letter) => letter.repeat(100)).join('/'), '/tmp/long');
  const path = '/tmp/long/' + Array.from({ length: 7 }, () => 'w'.repeat(100)).join('/');
  assert.equal(errnoOf(() => vfs.stat(path, true)), Errno.NAMETOOLONG);
});

test('close() ends every session the plugins hold, once', async () => {
  const test = services();
  const vfs = await vfsFrom('<vfs> <tar name="root.tar"/> <log/> <rtc/> <dir name="d"> <rom name="root.tar"/> </dir> </vfs>', test);
  assert.equal(test.opened, 4);
  await vfs.close();
  await vfs.close();
  assert.equal(test.closed, 4);
  assert.ok(test.servicesClosed);
});
