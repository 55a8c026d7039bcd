import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { InodeAllocator } from './inode_allocator.js';
import { CREATE_WRITE, READ_ONLY, READ_WRITE, WRITE_ONLY, openFlags } from './open_flags.js';
import { LimitedRamAccount } from './ram_account.js';
import { NODE_COST, RamFileSystem } from './ram_file_system.js';
import { StackedDirectory } from './stacked_directory.js';
import { errnoOf, readText, writeText } from './test_services.js';
import { VfsRoot } from './vfs_root.js';

function ramVfs(limit = 1024 * 1024): { vfs: VfsRoot; account: LimitedRamAccount } {
  const account = new LimitedRamAccount(limit);
  const inodes = new InodeAllocator();
  return { vfs: new VfsRoot(new StackedDirectory([new RamFileSystem(account, inodes)], inodes.allocate())), account };
}

const bytes = (text: string) => new TextEncoder().encode(text);

test('files are created, written, read, appended and truncated', () => {
  const { vfs } = ramVfs();
  writeText(vfs, '/f', 'hello world');
  assert.equal(readText(vfs, '/f'), 'hello world');
  assert.equal(vfs.stat('/f', true).size, 11);
  assert.equal(vfs.stat('/f', true).writeable, true);

  const append = vfs.open('/f', openFlags({ write: true, append: true }));
  append.write(bytes('!'), 0);
  append.close();
  assert.equal(readText(vfs, '/f'), 'hello world!');

  const handle = vfs.open('/f', READ_WRITE);
  handle.write(bytes('J'), 0);
  handle.truncate(5);
  assert.equal(handle.stat().size, 5);
  handle.close();
  assert.equal(readText(vfs, '/f'), 'Jello');

  writeText(vfs, '/f', 'new');
  assert.equal(readText(vfs, '/f'), 'new', 'O_TRUNC replaces the content');
});

test('writes past the end leave a hole that reads as zeros', () => {
  const { vfs } = ramVfs();
  const handle = vfs.open('/sparse', CREATE_WRITE);
  handle.write(bytes('end'), 200_000);
  assert.equal(handle.stat().size, 200_003);
  handle.close();
  const reader = vfs.open('/sparse', READ_ONLY);
  const buffer = new Uint8Array(10).fill(7);
  assert.equal(reader.read(buffer, 100_000), 10);
  assert.deepEqual([...buffer], new Array(10).fill(0));
  const tail = new Uint8Array(10);
  assert.equal(reader.read(tail, 199_999), 4);
  assert.deepEqual([...tail.subarray(0, 4)], [0, ...bytes('end')]);
  assert.equal(reader.read(tail, 200_003), 0, 'the end');
  reader.close();
});

test('handles check their access mode (EBADF) and truncation needs write access (EINVAL)', () => {
  const { vfs } = ramVfs();
  writeText(vfs, '/f', 'x');
  const reader = vfs.open('/f', READ_ONLY);
  assert.equal(errnoOf(() => reader.write(bytes('y'), 0)), Errno.BADF);
  assert.equal(errnoOf(() => reader.truncate(0)), Errno.INVAL);
  reader.close();
  const writer = vfs.open('/f', WRITE_ONLY);
  assert.equal(errnoOf(() => writer.read(new Uint8Array(1), 0)), Errno.BADF);
  writer.close();
});

test('directories: mkdir, listing, EEXIST, EISDIR, ENOTEMPTY, ENOTDIR', () => {
  const { vfs } = ramVfs();
  vfs.mkdir('/d');
  vfs.mkdir('/d/e');
  writeText(vfs, '/d/f', 'x');
  assert.deepEqual(vfs.readdir('/d').map((entry) => [entry.name, entry.type]), [['e', 'directory'], ['f', 'file']]);
  assert.equal(errnoOf(() => vfs.mkdir('/d')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.mkdir('/d/f')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.open('/d', WRITE_ONLY)), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.unlink('/d')), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.rmdir('/d')), Errno.NOTEMPTY);
  assert.equal(errnoOf(() => vfs.rmdir('/d/f')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.mkdir('/d/f/g')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.readdir('/d/f')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.open('/d/missing/x', CREATE_WRITE)), Errno.NOENT);
  vfs.unlink('/d/f');
  vfs.rmdir('/d/e');
  vfs.rmdir('/d');
  assert.deepEqual(vfs.readdir('/'), []);
  assert.equal(errnoOf(() => vfs.open('/x', openFlags({ read: true }))), Errno.NOENT, 'no O_CREAT, no file');
  assert.equal(errnoOf(() => vfs.open('/x', openFlags({ write: true, create: true, exclusive: true }))), undefined);
  assert.equal(errnoOf(() => vfs.open('/x', openFlags({ write: true, create: true, exclusive: true }))), Errno.EXIST);
});

test('rename moves and replaces as POSIX says', () => {
  const { vfs } = ramVfs();
  vfs.mkdir('/a');
  vfs.mkdir('/b');
  writeText(vfs, '/a/f', 'F');
  writeText(vfs, '/g', 'G');
  vfs.rename('/a/f', '/b/f');
  assert.equal(readText(vfs, '/b/f'), 'F');
  assert.equal(errnoOf(() => vfs.stat('/a/f', true)), Errno.NOENT);
  vfs.rename('/g', '/b/f');
  assert.equal(readText(vfs, '/b/f'), 'G', 'a file replaces a file');
  vfs.rename('/b/f', '/b/f');
  assert.equal(readText(vfs, '/b/f'), 'G', 'a rename onto itself changes nothing');
  assert.equal(errnoOf(() => vfs.rename('/b/f', '/a')), Errno.ISDIR);
  assert.equal(errnoOf(() => vfs.rename('/a', '/b/f')), Errno.NOTDIR);
  assert.equal(errnoOf(() => vfs.rename('/a', '/b')), Errno.NOTEMPTY);
  assert.equal(errnoOf(() => vfs.rename('/b', '/b/c')), Errno.INVAL, 'into itself');
  vfs.unlink('/b/f');
  vfs.rename('/a', '/b');
  assert.deepEqual(vfs.readdir('/').map((entry) => entry.name), ['b'], 'a directory replaces an empty directory');
  assert.equal(errnoOf(() => vfs.rename('/b', '/missing/b')), Errno.NOENT);
});

test('an unlinked file lives on in its open handles; its RAM returns with the last one', () => {
  const { vfs, account } = ramVfs();
  writeText(vfs, '/f', 'still here');
  const before = account.used;
  const handle = vfs.open('/f', READ_WRITE);
  vfs.unlink('/f');
  assert.equal(errnoOf(() => vfs.stat('/f', true)), Errno.NOENT);
  handle.write(bytes('STILL'), 0);
  const buffer = new Uint8Array(10);
  assert.equal(handle.read(buffer, 0), 10);
  assert.equal(new TextDecoder().decode(buffer), 'STILL here');
  assert.ok(account.used > 0 && account.used < before, 'the node is gone, its data not yet');
  handle.close();
  handle.close();
  assert.equal(account.used, 0, 'everything returned');
});

test('hard links: one file, several names, one link count; its data goes with the last name and handle', () => {
  const { vfs, account } = ramVfs();
  writeText(vfs, '/f', 'one');
  vfs.mkdir('/d');
  const before = account.used;
  vfs.link('/f', '/d/g', false);
  assert.equal(vfs.stat('/d/g', true).inode, vfs.stat('/f', true).inode);
  assert.deepEqual([vfs.stat('/f', true).links, vfs.stat('/d/g', true).links], [2, 2]);
  assert.equal(account.used, before + NODE_COST, 'a name costs a node, the data is paid once');
  writeText(vfs, '/d/g', 'two');
  assert.equal(readText(vfs, '/f'), 'two', 'one content');

  assert.equal(errnoOf(() => vfs.link('/f', '/d/g', false)), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.link('/f', '/f', false)), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.link('/d', '/e', false)), Errno.PERM, 'no links to directories');
  assert.equal(errnoOf(() => vfs.link('/missing', '/x', false)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.link('/f', '/missing/x', false)), Errno.NOENT);
  assert.equal(errnoOf(() => vfs.link('/f', '/f/x', false)), Errno.NOTDIR);

  const handle = vfs.open('/f', READ_ONLY);
  vfs.unlink('/f');
  assert.equal(vfs.stat('/d/g', true).links, 1);
  assert.equal(readText(vfs, '/d/g'), 'two', 'the other name keeps the file');
  vfs.unlink('/d/g');
  assert.equal(handle.stat().links, 0, 'no name left');
  assert.ok(account.used > NODE_COST, 'the data lives on in the open handle');
  handle.close();
  assert.equal(account.used, NODE_COST, 'only /d is left');
});

test('hard links to symlinks: the link itself, or with following its target', () => {
  const { vfs } = ramVfs();
  vfs.symlink('nowhere', '/dangling');
  vfs.link('/dangling', '/second', false);
  assert.equal(vfs.stat('/second', false).type, 'symlink');
  assert.equal(vfs.stat('/second', false).links, 2);
  assert.equal(errnoOf(() => vfs.link('/dangling', '/third', true)), Errno.NOENT, 'a dangling link followed leads nowhere');
  writeText(vfs, '/f', 'x');
  vfs.symlink('f', '/to-f');
  vfs.link('/to-f', '/g', true);
  assert.equal(vfs.stat('/g', false).type, 'file');
  assert.equal(vfs.stat('/f', true).links, 2);
  vfs.rename('/g', '/f');
  assert.equal(vfs.stat('/f', true).links, 2, 'a rename between two names of one file changes nothing');
});

test('directories count their names: their own, \'.\' and each subdirectory\'s \'..\'', () => {
  const { vfs } = ramVfs();
  vfs.mkdir('/d');
  assert.equal(vfs.stat('/d', true).links, 2);
  vfs.mkdir('/d/a');
  vfs.mkdir('/d/b');
  writeText(vfs, '/d/f', '');
  assert.equal(vfs.stat('/d', true).links, 4);
  vfs.rename('/d/b', '/b');
  assert.equal(vfs.stat('/d', true).links, 3);
});

test('symlinks are created, read and listed; they cost a node', () => {
  const { vfs, account } = ramVfs();
  vfs.symlink('target/file', '/link');
  assert.equal(account.used, NODE_COST);
  assert.equal(vfs.readlink('/link'), 'target/file');
  assert.equal(vfs.stat('/link', false).type, 'symlink');
  assert.equal(vfs.stat('/link', false).size, 11);
  assert.equal(errnoOf(() => vfs.symlink('x', '/link')), Errno.EXIST);
  assert.equal(errnoOf(() => vfs.readlink('/')), Errno.INVAL);
  writeText(vfs, '/f', '');
  assert.equal(errnoOf(() => vfs.readlink('/f')), Errno.INVAL);
  vfs.unlink('/link');
  vfs.unlink('/f');
  assert.equal(account.used, 0);
});

test('a full account answers ENOSPC and a partial write reports what it wrote', () => {
  const { vfs, account } = ramVfs(NODE_COST * 2 + 64 * 1024 + 100);
  const handle = vfs.open('/big', CREATE_WRITE);
  const written = handle.write(new Uint8Array(200 * 1024).fill(1), 0);
  assert.equal(written, 64 * 1024, 'the first block fitted, the second did not');
  assert.equal(errnoOf(() => handle.write(new Uint8Array(2000), written)), Errno.NOSPC);
  handle.close();
  writeText(vfs, '/small', '');
  assert.equal(errnoOf(() => vfs.mkdir('/d')), Errno.NOSPC, 'a node needs its cost too');
  vfs.unlink('/big');
  vfs.mkdir('/d');
  vfs.rmdir('/d');
  vfs.unlink('/small');
  assert.equal(account.used, 0);
});

test('the root of a RAM file system can be neither removed nor replaced', () => {
  const { vfs } = ramVfs();
  assert.equal(errnoOf(() => vfs.rmdir('/')), Errno.BUSY);
  assert.equal(errnoOf(() => vfs.mkdir('/')), Errno.EXIST);
});

test('modification and access times are the epoch until set, each on its own', () => {
  const { vfs } = ramVfs();
  const handle = vfs.open('/f', CREATE_WRITE);
  assert.equal(handle.stat().modificationTime, 0n);
  assert.equal(handle.stat().accessTime, 0n);
  handle.setTimes?.({ modification: 1_700_000_000_000_000_000n });
  handle.close();
  assert.equal(vfs.stat('/f', true).modificationTime, 1_700_000_000_000_000_000n);
  assert.equal(vfs.stat('/f', true).accessTime, 0n, 'the access time stays');
  vfs.symlink('f', '/link');
  vfs.setTimes('/link', { modification: 42n, access: 7n }, true);
  assert.deepEqual([vfs.stat('/f', true).modificationTime, vfs.stat('/f', true).accessTime], [42n, 7n], 'by path, through the symlink');
  vfs.setTimes('/link', { modification: 5n }, false);
  assert.equal(vfs.stat('/link', false).modificationTime, 5n, 'the symlink\'s own');
  assert.equal(vfs.stat('/f', true).modificationTime, 42n, 'its target\'s stay');
  assert.equal(errnoOf(() => vfs.setTimes('/none', { modification: 1n }, false)), Errno.NOENT);
});
