import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeTar } from '../../lib/vfs/tar_writer.js';
import { TestServices, vfsFrom, writeText } from '../../lib/vfs/test_services.js';
import { Programs } from './programs.js';

const WASM = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 0]);
const OTHER = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0, 1]);

async function setUp(): Promise<{ programs: Programs; write(path: string, bytes: Uint8Array): void }> {
  const services = new TestServices({
    'bin.tar': writeTar([
      { path: 'bin/multi', type: 'file', mode: 0o755, data: WASM },
      { path: 'bin/ls', type: 'symlink', linkTarget: 'multi' },
      { path: 'bin/cat', type: 'symlink', linkTarget: 'multi' },
      { path: 'bin/other', type: 'file', mode: 0o755, data: OTHER },
    ]),
  });
  const vfs = await vfsFrom('<vfs> <tar name="bin.tar"/> <dir name="tmp"> <ram/> </dir> </vfs>', services);
  return {
    programs: new Programs(vfs),
    write: (path, bytes) => {
      writeText(vfs, path, '');
      const handle = vfs.open(path, { read: false, write: true, create: false, exclusive: false, truncate: true, append: false });
      handle.write(bytes, 0);
      handle.close();
    },
  };
}

function idOf(programs: Programs, path: string): number {
  const program = programs.load(path, [path]);
  if (typeof program === 'number') throw new Error(`${path}: errno ${program}`);
  return program.binary.id;
}

test('the names of one multicall binary (symlinks, copies) are one program: one number, compiled once', async () => {
  const { programs, write } = await setUp();
  const multi = idOf(programs, '/bin/ls');
  assert.equal(idOf(programs, '/bin/cat'), multi);
  assert.equal(idOf(programs, '/bin/multi'), multi);
  write('/tmp/copy', WASM);
  assert.equal(idOf(programs, '/tmp/copy'), multi);
  assert.notEqual(idOf(programs, '/bin/other'), multi);
});

test('a program rewritten in place gets a new number, and its old bytes keep theirs under other names', async () => {
  const { programs, write } = await setUp();
  write('/tmp/prog', WASM);
  const before = idOf(programs, '/tmp/prog');
  assert.equal(idOf(programs, '/bin/ls'), before);
  write('/tmp/prog', OTHER);
  const after = idOf(programs, '/tmp/prog');
  assert.notEqual(after, before);
  assert.equal(idOf(programs, '/bin/ls'), before);
});
