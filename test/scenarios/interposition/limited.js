// A client of server.js behind limiter (calls="3"): its fourth call and
// every later one are refused with LimitExceeded, the server never sees them.
import { defineInterface, LimitExceeded } from 'nido';

const Hello = defineInterface('Hello', ['add', 'greet', 'counter', 'check', 'callBack', 'fail']);

export async function construct(env) {
  const before = (await env.pd.quota()).ram.quota;
  const hello = await env.connect(Hello, { label: 'main', ram: 16 * 1024 });
  for (let i = 1; i <= 5; i++) {
    try {
      env.log(`call ${i}: ${await hello.client.add(i, i)}`);
    } catch (error) {
      env.log(`call ${i}: ${error.name} (instanceof LimitExceeded: ${error instanceof LimitExceeded})`);
    }
  }
  const blocking = env.syncClient(Hello, hello.cap);
  try {
    blocking.greet('sync');
  } catch (error) {
    env.log(`sync call: ${error.name}`);
  }
  await hello.close();
  env.log(`ram quota back to the byte: ${(await env.pd.quota()).ram.quota === before}`);
  env.log('client done');
}
