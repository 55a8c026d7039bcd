// Watches the ROM "settings" and logs each version it sees; first asks
// for a module dynamic_rom has no script for.
export async function construct(env) {
  try {
    await env.rom('missing');
    env.log('missing: accepted');
  } catch (error) {
    env.log(`missing: ${error.name}`);
  }
  const rom = await env.rom('settings');
  const show = () => env.log(rom.valid ? `settings: ${rom.text}` : 'settings: absent');
  show();
  rom.onChange(async () => {
    await rom.update();
    show();
  });
}
