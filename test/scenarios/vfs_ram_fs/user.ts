/*
 * Works in File_system mounts of ram_fs through the VFS library (see
 * ../vfs_ram_fs.test.ts) and reports what each operation answered.
 */

import type { Env } from 'nido';
import { CREATE_WRITE, READ_WRITE, createVfs, openFlags } from '../../../src/lib/vfs/index.js';
import { readAll, reporter, writeAll } from '../vfs_probe_tools.js';

const encoder = new TextEncoder();

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const vfs = await createVfs(env, config.xml.child('vfs'));
  await config.close();
  const report = reporter(env);
  const list = (path: string) => vfs.readdir(path).map((entry) => `${entry.name}:${entry.type}`).sort().join(' ');

  report('profile', () => readAll(vfs, '/home/profile'));
  vfs.mkdir('/home/docs');
  writeAll(vfs, '/home/docs/notes', 'first\n');
  const append = vfs.open('/home/docs/notes', openFlags({ write: true, append: true }));
  append.write(encoder.encode('second\n'), 0);
  append.setTimes?.({ modification: 1_700_000_000_000_000_000n });
  append.close();
  report('notes', () => JSON.stringify(readAll(vfs, '/home/docs/notes')));
  report('notes size', () => vfs.stat('/home/docs/notes', true).size);
  report('notes time', () => vfs.stat('/home/docs/notes', true).modificationTime / 1_000_000_000n);
  report('again, exclusively', () => vfs.open('/home/docs/notes', openFlags({ write: true, create: true, exclusive: true })));

  /* a larger file than the bulk buffer, back and forth */
  const big = new Uint8Array(300 * 1024).map((_, i) => (i * 7 + 3) & 0xff);
  const writer = vfs.open('/home/big', CREATE_WRITE);
  let written = 0;
  while (written < big.length) written += writer.write(big.subarray(written), written);
  writer.close();
  const reader = vfs.open('/home/big', READ_WRITE);
  const back = new Uint8Array(big.length);
  let read = 0;
  for (let count = 1; count > 0 && read < back.length; read += count) count = reader.read(back.subarray(read), read);
  report('big equal', () => read === big.length && back.every((byte, i) => byte === big[i]));
  reader.truncate(10);
  report('big after truncate', () => reader.stat().size);
  reader.close();

  vfs.symlink('docs/notes', '/home/link');
  report('link', () => `${vfs.stat('/home/link', false).type} -> ${vfs.readlink('/home/link')}`);
  report('through the link', () => JSON.stringify(readAll(vfs, '/home/link')));
  vfs.symlink('/home/docs', '/home/dirlink');
  writeAll(vfs, '/home/dirlink/more', 'through a directory link');
  report('home', () => list('/home'));
  report('docs', () => list('/home/docs'));
  report('rmdir docs', () => vfs.rmdir('/home/docs'));
  vfs.rename('/home/docs/more', '/home/more');
  report('moved', () => readAll(vfs, '/home/more'));
  report('unlink a directory', () => vfs.unlink('/home/docs'));
  report('hard link', () => vfs.link('/home/docs/notes', '/home/hard', false));
  report('hard link names', () => `${vfs.stat('/home/hard', true).links}, same inode ${
    vfs.stat('/home/hard', true).inode === vfs.stat('/home/docs/notes', true).inode}, ${JSON.stringify(readAll(vfs, '/home/hard'))}`);

  report('view', () => list('/view'));
  report('view of the link', () => vfs.readlink('/view/home/link'));
  report('view through the link', () => JSON.stringify(readAll(vfs, '/view/home/link')));
  report('write in the view', () => writeAll(vfs, '/view/home/new', 'x'));
  report('mkdir in the view', () => vfs.mkdir('/view/new'));
  report('unlink in the view', () => vfs.unlink('/view/home/more'));
  report('link in the view', () => vfs.link('/view/home/hard', '/view/home/hard2', false));

  /* the scratch mount donated 64 KiB for storage */
  const fill = vfs.open('/scratch/fill', CREATE_WRITE);
  const chunk = new Uint8Array(8 * 1024).fill(0x63);
  let filled = 0;
  report('fill', () => {
    for (;;) filled += fill.write(chunk, filled);
  });
  fill.close();
  env.log(`filled at least 32K: ${filled >= 32 * 1024}`);
  /* Beyond the 64K donated at first: the mount donated more as it wrote, until the component's own quota (6M) could not pay. */
  env.log(`filled beyond the first donation, within the quota: ${filled > 1024 * 1024 && filled < 6 * 1024 * 1024}`);
  vfs.unlink('/scratch/fill');
  report('after freeing', () => writeAll(vfs, '/scratch/again', 'room again'));

  await vfs.close();
  env.log('user done');
}
