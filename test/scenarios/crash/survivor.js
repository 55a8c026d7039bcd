// Keeps working while its siblings crash.
import { Timer } from 'nido';

export async function construct(env) {
  const timer = await env.connect(Timer);
  for (let round = 1; ; round++) {
    await timer.client.msleep(100);
    env.log(`still alive ${round}`);
  }
}
