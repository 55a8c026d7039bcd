// Donates little storage and writes until the file system is full: NoSpace,
// then ram_fs goes on serving, and space comes back with an unlink.
import { FileSystemConnection, NoSpace, WRITE_ONLY, READ_ONLY } from 'nido';

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'fill', ram: 256 * 1024 });
  const fs = connection.blocking;
  const root = fs.dir('/', false);
  const file = fs.file(root, 'big', WRITE_ONLY, true);
  const chunk = new Uint8Array(64 * 1024).fill(0x5a);
  let total = 0;
  let error;
  for (let round = 0; round < 10_000; round++) {
    try {
      const written = fs.append(file, chunk);
      total += written;
      if (written < chunk.length) env.log(`short write: ${written} of ${chunk.length}`);
    } catch (caught) {
      error = caught;
      break;
    }
  }
  env.log(`filled: ${error instanceof NoSpace ? 'NoSpace' : String(error)} after ${total > 0 ? 'some' : 'no'} bytes`);
  const size = fs.status(file).size;
  env.log(`size matches: ${size === total}`);
  fs.close(file);
  fs.unlink(root, 'big');
  const again = fs.file(root, 'small', WRITE_ONLY, true);
  env.log(`after unlink: wrote ${fs.write(again, chunk, 0)}`);
  fs.close(again);
  await connection.close();
  /* The server took new sessions all along. */
  const second = await FileSystemConnection.open(env, { label: 'fill' });
  const check = second.blocking.file(second.blocking.dir('/', false), 'small', READ_ONLY, false);
  env.log(`filler done: ${second.blocking.status(check).size}`);
  await second.close();
}
