// The system's app: it reads its greeting from whatever medium it was given.
import { FileSystemConnection } from 'nido';

export async function construct(env) {
  const fs = await FileSystemConnection.open(env, { writeable: false });
  const root = await fs.client.dir('/', false);
  const file = await fs.client.file(root, 'readme.txt', 1 /* READ_ONLY */, false);
  const buffer = new Uint8Array(4096);
  const length = await fs.client.read(file, buffer, 0);
  env.log(`app read: ${new TextDecoder().decode(buffer.subarray(0, length)).trim()}`);
  await fs.client.close(file);
  await fs.client.close(root);
}
