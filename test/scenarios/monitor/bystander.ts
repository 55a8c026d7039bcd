// A component of the same monitor, not monitored: its PD and CPU sessions
// go to the parent. It tries to make itself debuggable, which core refuses.
import { Pd, type Env } from 'nido';

export async function construct(env: Env): Promise<void> {
  env.log('bystander: running');
  try {
    await env.client(Pd, env.pdCap).monitor(env.pdCap, { wait: false, stop: false });
    env.log('bystander: monitors itself');
  } catch (error) {
    env.log(`bystander: refused: ${(error as Error).message}`);
  }
}
