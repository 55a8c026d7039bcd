// Without a Timer route: every clock and timer fails, saying why; randomness and the rest work.
export async function construct(env) {
  const attempts = {
    'Date.now()': () => Date.now(),
    'new Date()': () => new Date(),
    'setTimeout': () => setTimeout(() => undefined, 1),
    'performance.now()': () => performance.now(),
  };
  for (const [name, attempt] of Object.entries(attempts)) {
    try {
      attempt();
      env.log(`${name}: worked`);
    } catch (error) {
      env.log(`${name}: ${error.name}: ${error.message}`);
    }
  }
  env.log(`random: ${typeof Math.random()} ${crypto.randomUUID().length}`);
  env.log(`dated: ${new Date(86_400_000).toISOString()}`);
  env.exit(0);
}
