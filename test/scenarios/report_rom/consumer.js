// Reads the ROM "status" and logs its value whenever it changes.
export async function construct(env) {
  const rom = await env.rom('status');
  const show = () => env.log(`status: ${rom.text.trim() === '' ? '(empty)' : rom.xml.attribute('value')}`);
  show();
  rom.onChange(async () => {
    await rom.update();
    show();
  });
}
