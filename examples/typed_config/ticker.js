// Periodic timeouts from core's Timer, delivered as signals.
import { Timer } from 'nido';

export async function construct(env) {
  const config = (await env.config()).xml;
  const ticks = config.naturalAttribute('ticks', 3);
  const timer = await env.connect(Timer);
  let count = 0;
  await timer.client.sigh(env.ep.signalHandler(async () => {
    if (++count > ticks) return;
    env.log(`tick ${count} at ${await timer.client.elapsedMs()} ms`);
    if (count === ticks) await timer.client.triggerPeriodic(0);
  }));
  await timer.client.triggerPeriodic(config.naturalAttribute('period_ms', 500) * 1000);
}
