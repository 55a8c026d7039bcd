// Starts and ends subsystems through the loader in a loop; every 50 rounds
// it says whether its quota is what it was before the first round.
import { Loader } from 'nido';

const ROUNDS = 200;
const module = new TextEncoder().encode('export function construct(env) { env.exit(0); }');

export async function construct(env) {
  const before = await env.pd.quota();
  for (let round = 1; round <= ROUNDS; round++) {
    const session = await env.connect(Loader, { label: `round ${round}`, ram: 1024 * 1024, caps: 200 });
    await session.client.romModule('quitter', module);
    await session.client.ramQuota(512 * 1024);
    await session.client.capQuota(100);
    let signalled = () => {};
    const ended = new Promise((resolve) => { signalled = resolve; });
    const handler = env.ep.signalHandler(() => signalled());
    await session.client.faultSigh(handler);
    await session.client.start('quitter', 'quitter');
    await ended;
    await session.close();
    env.ep.dissolve(handler);
    if (round % 50 === 0) {
      const now = await env.pd.quota();
      env.log(`round ${round}: quota back ${now.ram.avail === before.ram.avail && now.caps.avail === before.caps.avail}`);
    }
  }
  env.log('soak done');
}
