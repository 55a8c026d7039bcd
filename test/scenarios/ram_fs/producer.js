// Writes /shared/data for the consumer (first under a temporary name, then
// renamed, so that the consumer sees it complete) and waits for the
// consumer's receipt, written into the same directory.
import { FileSystemConnection, LookupFailed, READ_ONLY, WRITE_ONLY } from 'nido';

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'out', ram: 64 * 1024 });
  const fs = connection.client;
  const root = await fs.dir('/', false);
  let done = false;
  const receipt = async () => {
    if (done) return;
    let file;
    try {
      file = await fs.file(root, 'receipt', READ_ONLY, false);
    } catch (error) {
      if (error instanceof LookupFailed) return;
      throw error;
    }
    /* A change and the first look may both have found it. */
    if (done) return fs.close(file);
    done = true;
    const buffer = new Uint8Array((await fs.status(file)).size);
    env.log(`receipt: ${new TextDecoder().decode(buffer.subarray(0, await fs.read(file, buffer, 0)))}`);
    await fs.close(file);
    await connection.close();
    env.log('producer done');
  };
  await fs.watch('/', () => void receipt().catch((error) => env.error(`producer: ${error.name}: ${error.message}`)));

  const file = await fs.file(root, 'data.tmp', WRITE_ONLY, true);
  const lines = Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join('');
  await fs.write(file, new TextEncoder().encode(lines), 0);
  await fs.close(file);
  await fs.move(root, 'data.tmp', root, 'data');
  env.log(`produced ${lines.length} bytes`);
  await receipt();
}
