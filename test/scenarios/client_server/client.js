// The client of server.js: every call goes through a capability that init
// delegated, and capabilities travel in both directions.
import { defineInterface, ServiceDenied } from 'nido';

const Hello = defineInterface('Hello', ['add', 'greet', 'counter', 'check', 'callBack', 'fail']);
const Counter = defineInterface('Counter', ['increment']);
const Callback = defineInterface('Callback', ['call']);

export async function construct(env) {
  const hello = await env.connect(Hello, { label: 'main', ram: 16 * 1024 });
  env.log(`1 + 2 = ${await hello.client.add(1, 2)}`);
  // The synchronous path: this worker blocks until the server answered.
  const blocking = env.syncClient(Hello, hello.cap);
  env.log(`sync: 20 + 22 = ${blocking.add(20, 22)}, ${blocking.greet('blocking caller')}`);
  try {
    blocking.fail();
  } catch (error) {
    env.log(`sync typed error: ${error instanceof ServiceDenied} ${error.message}`);
  }
  env.log(await hello.client.greet('Nido'));
  const counterCap = await hello.client.counter();
  const counter = env.client(Counter, counterCap);
  await counter.increment();
  env.log(`counter: ${await counter.increment()}`);
  env.log(await hello.client.check(counterCap));
  const callback = env.ep.manage(Callback, { call: (text) => `client got "${text}"` });
  env.log(await hello.client.callBack(callback, 'ping'));
  try {
    await hello.client.fail();
  } catch (error) {
    env.log(`typed error: ${error instanceof ServiceDenied} ${error.message}`);
  }
  await hello.close();
  try {
    await counter.increment();
    env.log('counter still reachable after close');
  } catch (error) {
    env.log(`after close: ${error.name}`);
  }
  env.log('client done');
}
