// A monitored component that throws, uncaught, once a debugger let it run.
import type { Env } from 'nido';

function explode(reason: string): never {
  throw new Error(`thrower: ${reason}`); // explode throws
}

export function construct(env: Env): void {
  env.log('thrower: about to throw');
  setTimeout(function later() {
    explode('on purpose'); // later calls explode
  }, 50);
}
