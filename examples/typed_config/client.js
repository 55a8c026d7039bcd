// A client: its session request is routed by init to the calculator.
import { defineInterface, Timer } from 'nido';

const Calculator = defineInterface('Calculator', ['divide']);

export async function construct(env) {
  const rounds = (await env.config()).xml.naturalAttribute('rounds', 1);
  const calculator = await env.connect(Calculator, { label: 'math', ram: 16 * 1024 });
  const timer = await env.connect(Timer);
  for (let round = 1; round <= rounds; round++) {
    env.log(`22 / 7 = ${await calculator.client.divide(22, 7)} (round ${round})`);
    await timer.client.msleep(400);
  }
  await calculator.close();
  env.log('done; look at reports/init/state');
  env.exit(0);
}
