import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, link, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BLOCK, TarArchiveInvalid, parseTar, type TarEntry } from './tar_archive.js';
import { writeTar } from './tar_writer.js';

const text = (data: Uint8Array) => new TextDecoder().decode(data);
const summary = (entries: TarEntry[]) => entries.map((entry) => [entry.path, entry.type, entry.type === 'file' ? text(entry.data) : entry.linkTarget]);

/* Archives made by GNU tar from a directory tree built here. */
async function gnuTar(format: 'gnu' | 'pax' | 'ustar', build: (dir: string) => Promise<void>): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-tar-'));
  try {
    await mkdir(join(dir, 'content'));
    await build(join(dir, 'content'));
    const result = spawnSync('tar', [`--format=${format}`, '--sort=name', '-cf', join(dir, 'archive.tar'), '-C', join(dir, 'content'), '.'], { encoding: 'utf8' });
    assert.equal(result.status, 0, `tar failed (GNU tar is needed for this test): ${result.error?.message ?? result.stderr}`);
    return new Uint8Array(await readFile(join(dir, 'archive.tar')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const LONG = 'a-directory-with-a-long-name-' + 'x'.repeat(60) + '/and-a-file-whose-name-is-long-too-' + 'y'.repeat(50);

async function tree(dir: string): Promise<void> {
  await mkdir(join(dir, 'etc'));
  await writeFile(join(dir, 'etc', 'motd'), 'hello\n');
  await mkdir(join(dir, 'empty'));
  await mkdir(join(dir, LONG.split('/')[0] ?? ''), { recursive: true });
  await writeFile(join(dir, LONG), 'long');
  await symlink('../etc/motd', join(dir, 'empty', 'motd-link'));
  await symlink('/' + 'z'.repeat(120), join(dir, 'far-link'));
  await link(join(dir, 'etc', 'motd'), join(dir, 'hard'));
  await writeFile(join(dir, 'blob'), new Uint8Array(1000).map((_, i) => i & 0xff));
}

function checkTree(entries: TarEntry[]): void {
  const byPath = new Map(entries.map((entry) => [entry.path, entry]));
  assert.equal(text(byPath.get('etc/motd')?.data ?? new Uint8Array()), 'hello\n');
  assert.equal(byPath.get('etc')?.type, 'directory');
  assert.equal(byPath.get('empty')?.type, 'directory');
  assert.equal(text(byPath.get(LONG)?.data ?? new Uint8Array()), 'long', 'a name over 100 bytes');
  assert.deepEqual([byPath.get('empty/motd-link')?.type, byPath.get('empty/motd-link')?.linkTarget], ['symlink', '../etc/motd']);
  assert.equal(byPath.get('far-link')?.linkTarget, '/' + 'z'.repeat(120), 'a link target over 100 bytes');
  const hard = [byPath.get('hard'), byPath.get('etc/motd')];
  assert.ok(hard.some((entry) => entry?.type === 'hardlink'), 'one of the two names is archived as a hard link');
  assert.deepEqual([...(byPath.get('blob')?.data ?? [])], [...new Uint8Array(1000).map((_, i) => i & 0xff)]);
}

test('GNU tar archives: long names and link targets as ././@LongLink entries', async () => {
  checkTree(parseTar(await gnuTar('gnu', tree), 'gnu.tar'));
});

test('pax archives: path and linkpath records', async () => {
  const archive = await gnuTar('pax', async (dir) => {
    await tree(dir);
    await writeFile(join(dir, 'grüße-😀'), 'utf-8');
  });
  const entries = parseTar(archive, 'pax.tar');
  checkTree(entries);
  assert.equal(text(entries.find((entry) => entry.path === 'grüße-😀')?.data ?? new Uint8Array()), 'utf-8');
});

test('ustar archives: the name prefix field', async () => {
  const deep = 'd'.repeat(90) + '/' + 'e'.repeat(50) + '/file';
  const archive = await gnuTar('ustar', async (dir) => {
    await mkdir(join(dir, 'd'.repeat(90), 'e'.repeat(50)), { recursive: true });
    await writeFile(join(dir, deep), 'deep');
  });
  const entry = parseTar(archive, 'ustar.tar').find((candidate) => candidate.type === 'file');
  assert.equal(entry?.path, deep);
  assert.equal(text(entry?.data ?? new Uint8Array()), 'deep');
});

test('the writer\'s archives read back, in both long-name formats', () => {
  const entries = [
    { path: 'dir', type: 'directory' as const, mtime: 1_700_000_000 },
    { path: 'dir/file', type: 'file' as const, data: 'content', mtime: 42 },
    { path: 'dir/' + 'n'.repeat(150), type: 'file' as const, data: 'long' },
    { path: 'link', type: 'symlink' as const, linkTarget: 'dir/file' },
    { path: 'hard', type: 'hardlink' as const, linkTarget: 'dir/file' },
    { path: 'empty', type: 'file' as const },
  ];
  for (const format of ['gnu', 'ustar'] as const) {
    const parsed = parseTar(writeTar(entries, { format }), format);
    assert.deepEqual(summary(parsed), [
      ['dir', 'directory', ''], ['dir/file', 'file', 'content'], ['dir/' + 'n'.repeat(150), 'file', 'long'],
      ['link', 'symlink', 'dir/file'], ['hard', 'hardlink', 'dir/file'], ['empty', 'file', ''],
    ], format);
    assert.equal(parsed[0]?.mtime, 1_700_000_000);
    assert.equal(parsed[1]?.mtime, 42);
    assert.equal(parsed[1]?.mode, 0o644);
  }
  assert.deepEqual(parseTar(new Uint8Array(0), 'empty.tar'), [], 'an empty module is an empty archive');
});

test('file data is a view into the archive, not a copy', () => {
  const archive = writeTar([{ path: 'f', type: 'file', data: 'abc' }]);
  const entry = parseTar(archive, 'x.tar')[0];
  assert.equal(entry?.data.buffer, archive.buffer);
  assert.equal(entry?.data.byteOffset, BLOCK);
});

test('a damaged archive is TarArchiveInvalid naming the module and the offset', () => {
  const archive = writeTar([{ path: 'a', type: 'file', data: 'x' }, { path: 'b', type: 'file', data: 'y' }]);
  const damaged = archive.slice();
  damaged[2 * BLOCK] = 'c'.charCodeAt(0);
  assert.throws(() => parseTar(damaged, 'bad.tar'), (error: unknown) =>
    error instanceof TarArchiveInvalid && error.offset === 2 * BLOCK && /bad\.tar.*checksum/.test(error.message));
  const truncated = writeTar([{ path: 'a', type: 'file', data: 'x'.repeat(2000) }]).subarray(0, BLOCK * 2);
  assert.throws(() => parseTar(truncated, 'short.tar'), TarArchiveInvalid);
});

test('GNU base-256 sizes are read', () => {
  const archive = writeTar([{ path: 'f', type: 'file', data: 'hello' }]);
  const header = archive.subarray(0, BLOCK);
  header.fill(0, 124, 136);
  header[124] = 0x80;
  header[135] = 5;
  header.fill(0x20, 148, 156);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.set(new TextEncoder().encode(sum.toString(8).padStart(6, '0') + '\0'), 148);
  assert.equal(text(parseTar(archive, 'b256.tar')[0]?.data ?? new Uint8Array()), 'hello');
});
