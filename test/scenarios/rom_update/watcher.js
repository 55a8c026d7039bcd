// Reads the ROM module "message" and re-reads it whenever it changes.
export async function construct(env) {
  const rom = await env.rom('message');
  env.log(`message: ${rom.text.trim()}`);
  rom.onChange(async () => {
    await rom.update();
    env.log(`message: ${rom.text.trim()}`);
  });
}
