// Reads the ROM "settings" (served by fs_rom from ram_fs), then writes a
// new version of the file through its own File_system session, and logs
// the ROM's next version when fs_rom signals it.
import { FileSystemConnection, WRITE_ONLY } from 'nido';

export async function construct(env) {
  const rom = await env.rom('settings');
  const text = () => (rom.valid ? rom.text.trim() : 'absent');
  env.log(`settings: ${text()}`);
  rom.onChange(async () => {
    await rom.update();
    env.log(`settings: ${text()}`);
  });
  const fs = await FileSystemConnection.open(env, { label: 'writer' });
  const root = await fs.client.dir('/', false);
  const file = await fs.client.file(root, 'settings', WRITE_ONLY, false);
  const content = new TextEncoder().encode('<config mode="b"/>\n');
  await fs.client.truncate(file, 0);
  await fs.client.write(file, content, 0);
  await fs.client.close(file);
  env.log('written');
}
