// A server with a custom session: arithmetic, counters handed out as
// capabilities, and callbacks to objects its clients pass in.
import { defineInterface, ServiceDenied } from 'nido';

const Hello = defineInterface('Hello', ['add', 'greet', 'counter', 'check', 'callBack', 'fail']);
const Counter = defineInterface('Counter', ['increment']);
const Callback = defineInterface('Callback', ['call']);

export function construct(env) {
  env.announce(Hello, (args) => {
    // Objects handed out within a session live as long as the session.
    const counters = new Set();
    env.log(`session opened by "${args.label}" with ram_quota=${args.ramQuota}`);
    return {
      add: (a, b) => a + b,
      greet: (name) => `Hello, ${name}!`,
      counter() {
        let value = 0;
        const cap = env.ep.manage(Counter, { increment: () => ++value });
        counters.add(cap);
        return cap;
      },
      // A counter capability coming back home resolves to our own object.
      check: async (cap) => `counter is ours: ${counters.has(cap)}`,
      callBack: async (cap, text) => env.client(Callback, cap).call(`${text} (via server)`),
      fail: () => { throw new ServiceDenied('server refuses'); },
      close: () => {
        for (const cap of counters) env.ep.dissolve(cap);
        env.log(`session of "${args.label}" closed`);
      },
    };
  });
}
