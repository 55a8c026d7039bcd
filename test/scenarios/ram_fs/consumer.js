// Waits for /shared/data (watching its directory), reads it and answers
// with a receipt in the same directory.
import { FileSystemConnection, LookupFailed, READ_ONLY, WRITE_ONLY } from 'nido';

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'in', ram: 16 * 1024 });
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
    /* A change and the first look may both have found it. */
    if (done) return fs.close(file);
    done = true;
    const size = (await fs.status(file)).size;
    const buffer = new Uint8Array(size);
    const text = new TextDecoder().decode(buffer.subarray(0, await fs.read(file, buffer, 0)));
    const lines = text.split('\n').filter((line) => line !== '');
    env.log(`consumed ${size} bytes, ${lines.length} lines, last "${lines.at(-1)}"`);
    await fs.close(file);
    /* Complete before it appears: the producer reads it as soon as it sees it. */
    const receipt = await fs.file(root, 'receipt.tmp', WRITE_ONLY, true);
    await fs.write(receipt, new TextEncoder().encode(`${lines.length} lines`), 0);
    await fs.close(receipt);
    await fs.move(root, 'receipt.tmp', root, 'receipt');
    await connection.close();
    env.log('consumer done');
  };
  await fs.watch('/', () => void look().catch((error) => env.error(`consumer: ${error.name}: ${error.message}`)));
  await look();
}
