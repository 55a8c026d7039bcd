// Serves Adder; its add refuses numbers over 10 with a RangeError.
import { defineInterface, type Env } from 'nido';

interface Adder { add(a: number, b: number): number }
const Adder = defineInterface<Adder>('Adder', ['add']);

export function construct(env: Env): void {
  env.announce(Adder, () => ({
    add(a: number, b: number): number {
      if (a > 10) throw new RangeError(`${a} is over 10`);
      return a + b;
    },
  }));
}
