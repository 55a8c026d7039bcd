// Ticks every 100 ms beside the hogs and says how late its ticks came.
import { Timer } from 'nido';

export async function construct(env) {
  const timer = await env.connect(Timer);
  let latest = 0;
  for (let tick = 1; ; tick++) {
    const before = await timer.client.elapsedMs();
    await timer.client.msleep(100);
    const late = (await timer.client.elapsedMs()) - before - 100;
    latest = Math.max(latest, late);
    env.log(`tick ${tick}, at most ${latest} ms late`);
  }
}
