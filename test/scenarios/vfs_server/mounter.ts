/*
 * Links the VFS library, as the C runtime does, and mounts the vfs server
 * with <fs> plugins (see ../vfs_server.test.ts): symlinks served by the
 * server are followed here, modifications the policy forbids are EACCES,
 * a full server is ENOSPC, and files travel to and from "client".
 */

import { FileSystemConnection, Timer, type Env } from 'nido';
import { CREATE_WRITE, createVfs } from '../../../src/lib/vfs/index.js';
import { readAll, reporter, writeAll } from '../vfs_probe_tools.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const vfs = await createVfs(env, config.xml.child('vfs'));
  await config.close();
  const timer = await env.connect(Timer);
  const report = reporter(env);

  report('root', () => vfs.readdir('/root').map((entry) => `${entry.name}:${entry.type}`).join(' '));
  report('motd', () => readAll(vfs, '/root/etc/motd'));
  report('through the served symlink', () => readAll(vfs, '/root/lib/libc.so'));
  report('symlink', () => `${vfs.stat('/root/lib', false).type} -> ${vfs.readlink('/root/lib')}`);
  report('write to a read-only policy', () => writeAll(vfs, '/root/etc/new', 'x'));
  report('write to a read-only session', () => writeAll(vfs, '/ro/new', 'x'));
  report('write into the tar', () => writeAll(vfs, '/all/usr/new', 'x'));
  report('mkdir in the tar', () => vfs.mkdir('/all/usr/dir'));
  report('missing', () => vfs.stat('/root/usr/missing', true));
  report('below a file', () => vfs.stat('/root/etc/motd/x', true));

  env.log('mounter waiting for /tmp/from-client');
  for (;;) {
    try {
      vfs.stat('/tmp/from-client', true);
      break;
    } catch {
      await timer.client.msleep(20);
    }
  }
  report('mounter read /tmp/from-client', () => readAll(vfs, '/tmp/from-client'));

  vfs.mkdir('/tmp/dir');
  writeAll(vfs, '/tmp/dir/file', 'in a directory');
  vfs.rename('/tmp/dir/file', '/tmp/dir/moved');
  vfs.symlink('dir/moved', '/tmp/link');
  report('through a symlink made over the session', () => readAll(vfs, '/tmp/link'));
  report('tmp', () => vfs.readdir('/tmp').map((entry) => `${entry.name}:${entry.type}`).join(' '));
  report('rmdir of a full directory', () => vfs.rmdir('/tmp/dir'));
  /* the server's <ram/> holds hard links; its tar refuses them */
  report('hard link over the session', () => vfs.link('/tmp/dir/moved', '/tmp/hard', false));
  report('its names', () => `${vfs.stat('/tmp/hard', true).links}, ${readAll(vfs, '/tmp/hard')}`);
  report('hard link in the tar', () => vfs.link('/all/usr/lib/libc.so', '/all/usr/lib/libc.so.6', false));
  vfs.unlink('/tmp/hard');
  vfs.unlink('/tmp/link');
  vfs.unlink('/tmp/dir/moved');
  vfs.rmdir('/tmp/dir');
  report('seen read only', () => vfs.readdir('/ro').map((entry) => entry.name).join(' '));

  /* until the server's RAM is used up */
  const fill = vfs.open('/tmp/fill', CREATE_WRITE);
  const chunk = new Uint8Array(256 * 1024).fill(0x62);
  let written = 0;
  report('fill', () => {
    for (;;) written += fill.write(chunk, written);
  });
  fill.close();
  env.log(`filled more than 1M: ${written > 1024 * 1024}`);
  vfs.unlink('/tmp/fill');

  try {
    await FileSystemConnection.open(env, { label: 'nowhere' });
    env.log('missing root: granted');
  } catch (error) {
    env.log(`missing root: ${(error as Error).name}`);
  }

  /* Complete before it appears: the client reads it as soon as it finds it. */
  writeAll(vfs, '/tmp/from-mounter.partial', 'written by the mounter');
  vfs.rename('/tmp/from-mounter.partial', '/tmp/from-mounter');
  await vfs.close();
  await timer.close();
  env.log('mounter done');
}
