// The client of server.js (as in client_server), which cannot tell whether
// an interposer sits between them: every call, capabilities both ways, the
// synchronous path, typed errors. It logs its RAM quota before opening the
// session and after closing it, and stays up for the state report.
import { defineInterface, ServiceDenied } from 'nido';

const Hello = defineInterface('Hello', ['add', 'greet', 'counter', 'check', 'callBack', 'fail']);
const Counter = defineInterface('Counter', ['increment']);
const Callback = defineInterface('Callback', ['call']);

export async function construct(env) {
  const before = (await env.pd.quota()).ram.quota;
  const hello = await env.connect(Hello, { label: 'main', ram: 16 * 1024 });
  env.log(`1 + 2 = ${await hello.client.add(1, 2)}`);
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
  await hello.upgrade(4096);
  env.log(`after upgrade: ${await hello.client.add(2, 3)}`);
  await hello.close();
  try {
    await counter.increment();
    env.log('counter still reachable after close');
  } catch (error) {
    env.log(`after close: ${error.name}`);
  }
  const after = (await env.pd.quota()).ram.quota;
  env.log(`ram quota back to the byte: ${after === before}`);
  env.log('client done');
}
