// The talk's media player, second part: a component enslaves a ram_fs,
// stores data in it through the File_system session it opens at the
// slave, reads it back, and kills the slave: every byte returns.
import { FileSystemConnection, Slave } from 'nido';

const WRITE_ONLY = 2;
const READ_ONLY = 1;

export async function construct(env) {
  const before = await env.pd.quota();
  const ramFs = await Slave.start(env, {
    name: 'ram_fs',
    ram: 4 * 1024 * 1024,
    caps: 200,
    config: '<config> <default-policy root="/" writeable="yes"/> </config>',
    permittedServices: ['ROM', 'LOG', 'PD', 'CPU'],
  });
  /* The File_system connection helper asks `connect` for its session: here the slave answers. */
  const viaSlave = Object.freeze({ ...env, connect: (iface, options) => ramFs.connect(iface, options) });
  const fs = await FileSystemConnection.open(viaSlave, { label: 'playlist', ram: 256 * 1024 });
  const root = await fs.client.dir('/', false);
  const text = new TextEncoder().encode('track 1: overture\ntrack 2: finale\n');
  const written = await fs.client.file(root, 'playlist.txt', WRITE_ONLY, true);
  await fs.client.write(written, text, 0);
  await fs.client.close(written);
  const read = await fs.client.file(root, 'playlist.txt', READ_ONLY, false);
  const buffer = new Uint8Array(256);
  const length = await fs.client.read(read, buffer, 0);
  await fs.client.close(read);
  await fs.client.close(root);
  env.log(`read back from the enslaved ram_fs: ${JSON.stringify(new TextDecoder().decode(buffer.subarray(0, length)))}`);
  await fs.close();
  await ramFs.kill();
  const after = await env.pd.quota();
  env.log(`archivist quota back: ${after.ram.avail === before.ram.avail && after.caps.avail === before.caps.avail}`);
}
