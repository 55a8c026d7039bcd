// Logs a tick every 20 ms while the flood goes on.
import { Timer } from 'nido';

export async function construct(env) {
  const timer = await env.connect(Timer);
  for (let tick = 1; tick <= 5; tick++) {
    await timer.client.msleep(20);
    env.log(`tick ${tick}`);
  }
}
