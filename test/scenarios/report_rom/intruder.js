// Asks for the ROM "status" on start and again on every new config.
export async function construct(env) {
  const config = await env.config();
  const attempt = async () => {
    const number = config.xml.stringAttribute('attempt', '');
    try {
      const rom = await env.rom('status');
      env.log(`attempt ${number}: status ${rom.xml.attribute('value')}`);
    } catch (error) {
      env.log(`attempt ${number}: ${error.name}`);
    }
  };
  config.onChange(async () => {
    await config.update();
    await attempt();
  });
  await attempt();
}
