// A server that answers each session request only after 800 ms: long
// enough for the test to kill the client while its request is on its way.
import { defineInterface, Timer } from 'nido';

const Hello = defineInterface('Hello', ['greet']);

export async function construct(env) {
  const timer = await env.connect(Timer, { label: 'delay' });
  env.announce(Hello, async (args) => {
    env.log(`session requested by "${args.label}"`);
    await timer.client.msleep(800);
    env.log(`session created for "${args.label}"`);
    return { greet: (name) => `Hello, ${name}!`, close: () => env.log(`session of "${args.label}" closed`) };
  });
}
