// Waits for /shared/data (watching its directory, read only) and reads it.
import { FileSystemConnection, LookupFailed, READ_ONLY } from 'nido';

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'in' });
  const fs = connection.client;
  const root = await fs.dir('/', false);
  let done = false;
  const look = async () => {
    if (done) return;
    let file;
    try {
      file = await fs.file(root, 'data', READ_ONLY, false);
    } catch (error) {
      if (error instanceof LookupFailed) return;
      throw error;
    }
    done = true;
    const size = (await fs.status(file)).size;
    const buffer = new Uint8Array(size);
    const text = new TextDecoder().decode(buffer.subarray(0, await fs.read(file, buffer, 0)));
    const lines = text.split('\n').filter((line) => line !== '');
    env.log(`consumed ${size} bytes, ${lines.length} lines, last "${lines.at(-1)}"`);
    await fs.close(file);
    await connection.close();
    env.log('consumer done');
  };
  await fs.watch('/', () => void look().catch((error) => env.error(`consumer: ${error.name}: ${error.message}`)));
  await look();
}
