// Writes /shared/data for the consumer: first under a temporary name, then
// renamed, so that the consumer sees it complete.
import { FileSystemConnection, WRITE_ONLY } from 'nido';

export async function construct(env) {
  const connection = await FileSystemConnection.open(env, { label: 'out', ram: 64 * 1024 });
  const fs = connection.client;
  const root = await fs.dir('/', false);
  const file = await fs.file(root, 'data.tmp', WRITE_ONLY, true);
  const lines = Array.from({ length: 100 }, (_, i) => `line ${i}\n`).join('');
  await fs.write(file, new TextEncoder().encode(lines), 0);
  await fs.close(file);
  await fs.move(root, 'data.tmp', root, 'data');
  env.log(`produced ${lines.length} bytes`);
  await connection.close();
}
