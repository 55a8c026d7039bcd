// A monitored component for the debugger: it counts on a timer. The tests
// find the lines by the comments at their ends.
import type { Env } from 'nido';

function square(value: number): number {
  const product = value * value; // square multiplies
  return product; // square returns
}

export function construct(env: Env): void {
  let total = 0;
  let round = 0;
  setInterval(function tick() {
    round += 1;
    const squared = square(round); // tick squares
    total += squared; // tick adds
    env.log(`round ${round} total ${total}`);
  }, 20);
}
