import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LookupFailed, NoSpace, PermissionDenied } from 'nido';
import { Errno, VfsError } from './interface.js';
import { errnoOfFileSystemError, fileSystemErrorOf } from './file_system_errors.js';
import { CREATE_WRITE, READ_ONLY, READ_WRITE, WRITE_ONLY, openFlags } from './open_flags.js';
import { TestFileSystem } from './test_file_system.js';
import { writeTar } from './tar_writer.js';
import { TestServices, errnoOf, readText, vfsFrom, writeText } from './test_services.js';

async function fsVfs(config = '<vfs> <dir name="home"> <fs label="home"/> </dir> </vfs>', fs = new TestFileSystem()) {
  const services = new TestServices({ 'rootfs.tar': writeTar([{ path: 'bin/sh', type: 'file', data: 'sh' }]) });
  services.fileSystems.set('home', fs);
  return { vfs: await vfsFrom(config, services), fs, services };
}

test('the session is opened with label, writeable, buffer size and the RAM donation of the node', async () => {
  const { services } = await fsVfs('<vfs> <fs label="home" writeable="no" buffer_size="1M" ram="8M"/> </vfs>');
  assert.deepEqual(services.fileSystemOptions, [{ label: 'home', writeable: false, bufferSize: 1024 * 1024, ram: 8 * 1024 * 1024 }]);
  const defaults = new TestServices();
  defaults.fileSystems.set('', new TestFileSystem());
  await vfsFrom('<vfs> <fs/> </vfs>', defaults);
  assert.deepEqual(defaults.fileSystemOptions, [{ label: '', writeable: true, bufferSize: 128 * 1024, ram: 0 }]);
});

test('files are written and read through the session; every handle is closed again', async () => {
  const { vfs, fs } = await fsVfs();
  vfs.mkdir('/home/user');
  writeText(vfs, '/home/user/notes', 'first line\n');
  const append = vfs.open('/home/user/notes', openFlags({ write: true, append: true }));
  append.write(new TextEncoder().encode('second line\n'), 0);
  append.setTimes?.({ modification: 1_700_000_000_123_000_000n });
  append.close();
  assert.equal(readText(vfs, '/home/user/notes'), 'first line\nsecond line\n');
  assert.equal(vfs.stat('/home/user/notes', true).size, 23);
  assert.equal(vfs.stat('/home/user/notes', true).type, 'file');
  assert.equal(vfs.stat('/home/user/notes', true).modificationTime, 1_700_000_000_000_000_000n);
  assert.deepEqual(vfs.readdir('/home').map((entry) => [entry.name, entry.type]), [['user', 'directory']]);
  const handle = vfs.open('/home/user/notes', READ_WRITE);
  handle.truncate(5);
  assert.equal(handle.stat().size, 5);
  handle.close();
  writeText(vfs, '/home/user/notes', 'new');
  assert.equal(readText(vfs, '/home/user/notes'), 'new', 'O_TRUNC');
  vfs.open('/home/user/notes', openFlags({ read: true, truncate: true })).close();
  assert.equal(readText(vfs, '/home/user/notes'), '', 'O_TRUNC of a file opened for reading (the WASI suite\'s truncation_rights)');
  writeText(vfs, '/home/user/notes', 'new');
  vfs.rename('/home/user/notes', '/home/notes');
  assert.equal(readText(vfs, '/home/notes'), 'new');
  vfs.unlink('/home/notes');
  vfs.rmdir('/home/user');
  assert.deepEqual(vfs.readdir('/home'), []);
  assert.equal(fs.openHandles, 0);
});

test('errors of the session become errno values', async () => {
  const { vfs } = await fsVfs();
  vfs.mkdir('/home/d');
  writeText(vfs, '/home/d/f', 'x');
  assert.equal(errnoOf(() => vfs.open('/home/missing', READ_ONLY)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.open('/home/missing/f', CREATE_WRITE)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.open('/home/d/f/x', READ_ONLY)), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.stat('/home/d/f/x', true)), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.mkdir('/home/d')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.open('/home/d/f', openFlags({ write: true, create: true, exclusive: true }))), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.rmdir('/home/d')), Errno.NOTEMPTY);
  assert.equal(errnoOf(() => vfs.rmdir('/home/d/f')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.unlink('/home/d')), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.open('/home/d', WRITE_ONLY)), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.readdir('/home/d/f')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.readlink('/home/d/f')), Errno.INVAL);
  assert.equal(errnoOf(() => vfs.unlink('/home/nothing')), Errno.NOENT);
  const directory = vfs.open('/home/d', READ_ONLY);
  assert.equal(directory.stat().type, 'directory');
  directory.close();
});

test('a session whose policy is not writeable answers modifications with EACCES', async () => {
  const fs = new TestFileSystem(false);
  const { vfs } = await fsVfs('<vfs> <dir name="home"> <fs label="home"/> </dir> </vfs>', fs);
  assert.equal(errnoOf(() => vfs.open('/home/new', CREATE_WRITE)), Errno.ACCES);
  assert.equal(errnoOf(() => vfs.mkdir('/home/d')), Errno.ACCES);
  const readOnlyNode = await fsVfs('<vfs> <dir name="home"> <fs label="home" writeable="no"/> </dir> </vfs>', fs);
  assert.equal(errnoOf(() => readOnlyNode.vfs.open('/home/new', CREATE_WRITE)), Errno.ACCES,
    'writeable="no": the plugin takes no creations, and the server refuses the one it gets as the directory\'s holder');
});

test('a full server is ENOSPC; a write that got some bytes in answers with those', async () => {
  const fs = new TestFileSystem(true, 10);
  const { vfs } = await fsVfs('<vfs> <dir name="home"> <fs label="home"/> </dir> </vfs>', fs);
  const handle = vfs.open('/home/f', CREATE_WRITE);
  assert.equal(handle.write(new Uint8Array(8), 0), 8);
  assert.equal(handle.write(new Uint8Array(8), 8), 2);
  assert.equal(errnoOf(() => handle.write(new Uint8Array(8), 10)), Errno.NOSPC);
  handle.close();
});

test('symlinks in the session are kept; the VFS follows them, through the server and out of it', async () => {
  const { vfs, fs } = await fsVfs('<vfs> <dir name="home"> <fs label="home"/> </dir> <tar name="rootfs.tar"/> </vfs>');
  vfs.mkdir('/home/real');
  writeText(vfs, '/home/real/file', 'content');
  vfs.symlink('real', '/home/link');
  vfs.symlink('/bin', '/home/bin');
  assert.equal(vfs.readlink('/home/link'), 'real');
  assert.equal(vfs.stat('/home/link', false).type, 'symlink');
  assert.equal(vfs.stat('/home/link', true).type, 'directory');
  assert.equal(readText(vfs, '/home/link/file'), 'content');
  assert.equal(readText(vfs, '/home/bin/sh'), 'sh', 'out of the server into the tar');
  writeText(vfs, '/home/link/other', 'through a link');
  assert.equal(readText(vfs, '/home/real/other'), 'through a link');
  assert.deepEqual(vfs.readdir('/home/link').map((entry) => entry.name), ['file', 'other']);
  assert.equal(errnoOf(() => vfs.open('/home/link', openFlags({ read: true, noFollow: true }))), Errno.LOOP);
  vfs.unlink('/home/link');
  assert.equal(readText(vfs, '/home/real/file'), 'content');
  assert.equal(fs.openHandles, 0);
});

test('hard links through the session\'s link RPC, with the link count of its status; times go by a handle on the node', async () => {
  const { vfs, fs } = await fsVfs();
  writeText(vfs, '/home/f', 'x');
  vfs.mkdir('/home/d');
  vfs.link('/home/f', '/home/d/g', false);
  assert.equal(vfs.stat('/home/d/g', true).inode, vfs.stat('/home/f', true).inode);
  assert.equal(vfs.stat('/home/f', true).links, 2);
  writeText(vfs, '/home/d/g', 'changed');
  assert.equal(readText(vfs, '/home/f'), 'changed');
  vfs.unlink('/home/f');
  assert.equal(vfs.stat('/home/d/g', true).links, 1);
  assert.equal(errnoOf(() => vfs.link('/home/d', '/home/g', false)), Errno.PERM, 'a directory');
  assert.equal(errnoOf(() => vfs.link('/home/d/g', '/home/d', false)), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.link('/home/missing', '/home/g', false)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.link('/home/d/g', '/home/missing/g', false)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.link('/home/d/g', '/top', false)), Errno.XDEV, 'out of the mount');
  writeText(vfs, '/home/f', 'x');
  vfs.symlink('f', '/home/l');
  vfs.setTimes('/home/l', { modification: 1_700_000_000_000_000_000n }, false);
  assert.equal(vfs.stat('/home/l', false).modificationTime, 1_700_000_000_000_000_000n, 'the symlink\'s own');
  assert.equal(vfs.stat('/home/f', false).modificationTime, 0n);
  vfs.setTimes('/home/d', { modification: 2_000_000_000n, access: 1n }, true);
  assert.equal(vfs.stat('/home/d', true).modificationTime, 2_000_000_000n);
  assert.equal(fs.openHandles, 0);
});

test('a path that exists costs no lookups beyond the operation', async () => {
  const { vfs, fs } = await fsVfs();
  vfs.mkdir('/home/a');
  writeText(vfs, '/home/a/f', 'x');
  fs.calls.clear();
  vfs.open('/home/a/f', READ_ONLY).close();
  assert.deepEqual(Object.fromEntries(fs.calls), { node: 1, dir: 1, file: 1 }, 'the stack\'s lookup, the directory, the file');
});

test('File_system errors and errno values map both ways', () => {
  assert.equal(errnoOfFileSystemError(new LookupFailed('x')), Errno.NOENT);
  assert.equal(errnoOfFileSystemError(new PermissionDenied('x')), Errno.ACCES);
  assert.equal(errnoOfFileSystemError(new NoSpace('x')), Errno.NOSPC);
  assert.equal(errnoOfFileSystemError(new Error('x')), undefined);
  assert.ok(fileSystemErrorOf(new VfsError(Errno.ROFS, 'x')) instanceof PermissionDenied);
  assert.ok(fileSystemErrorOf(new VfsError(Errno.NOTDIR, 'x')) instanceof LookupFailed);
  assert.ok(fileSystemErrorOf(new VfsError(Errno.NOSPC, 'x')) instanceof NoSpace);
});
