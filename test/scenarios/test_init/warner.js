// Writes a Genode warning once the ROM "go" says so.
export async function construct(env) {
  const go = await env.rom('go');
  const check = () => {
    if (go.text.trim() === 'go') env.warning('careful');
  };
  go.onChange(async () => {
    await go.update();
    check();
  });
  check();
}
