// A File_system client of the vfs server through the session of 'nido':
// reads what the tar and the inline plugin serve, is refused writes where
// its policy is read only, and exchanges files in /tmp with "mounter".
import { FileSystemConnection, READ_ONLY, WRITE_ONLY, Timer } from 'nido';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function construct(env) {
  const timer = await env.connect(Timer);
  const root = await FileSystemConnection.open(env, { label: 'root' });
  const fs = root.client;
  const text = async (path) => {
    const slash = path.lastIndexOf('/');
    const dir = await fs.dir(path.slice(0, slash) || '/', false);
    const file = await fs.file(dir, path.slice(slash + 1), READ_ONLY, false);
    const buffer = new Uint8Array((await fs.status(file)).size);
    const count = await fs.read(file, buffer, 0);
    await fs.close(file);
    await fs.close(dir);
    return decoder.decode(buffer.subarray(0, count));
  };
  const top = await fs.dir('/', false);
  env.log(`client root: ${(await fs.readdir(top)).map((entry) => `${entry.name}:${entry.type}`).join(' ')}`);
  env.log(`client motd: ${await text('/etc/motd')}`);
  env.log(`client tar: ${await text('/usr/lib/libc.so')}`);
  const link = await fs.node('/lib');
  const status = await fs.status(link);
  await fs.close(link);
  const lib = await fs.symlink(top, 'lib', false);
  env.log(`client symlink: ${status.type} -> ${await fs.readSymlink(lib)}`);
  await fs.close(lib);
  try {
    await fs.file(top, 'new', WRITE_ONLY, true);
    env.log('client write to root: done');
  } catch (error) {
    env.log(`client write to root: ${error.name}`);
  }
  await fs.close(top);

  const tmpConnection = await FileSystemConnection.open(env, { label: 'tmp' });
  const tmp = tmpConnection.client;
  const tmpRoot = await tmp.dir('/', false);
  const file = await tmp.file(tmpRoot, 'from-client', WRITE_ONLY, true);
  await tmp.write(file, encoder.encode('written by the client'), 0);
  await tmp.close(file);
  env.log('client wrote /tmp/from-client');

  /* the mounter answers with a file of its own */
  for (;;) {
    try {
      const answer = await tmp.file(tmpRoot, 'from-mounter', READ_ONLY, false);
      const buffer = new Uint8Array(64);
      const count = await tmp.read(answer, buffer, 0);
      env.log(`client read /tmp/from-mounter: ${decoder.decode(buffer.subarray(0, count))}`);
      await tmp.close(answer);
      break;
    } catch (error) {
      if (error.name !== 'LookupFailed') throw error;
      await timer.client.msleep(20);
    }
  }
  await tmp.close(tmpRoot);
  await tmpConnection.close();
  await root.close();
  await timer.close();
  env.log('client done');
}
