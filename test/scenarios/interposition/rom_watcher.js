// Logs the ROM module "filtered" (or the one its config names) on every version, on one line.
export async function construct(env) {
  const config = await env.config();
  const name = config.xml.stringAttribute('rom', 'filtered');
  const rom = await env.rom(name);
  const show = () => env.log(`${name}: ${rom.valid ? rom.text.replace(/\s+/g, ' ').trim() : 'absent'}`);
  show();
  rom.onChange(async () => {
    await rom.update();
    show();
  });
}
