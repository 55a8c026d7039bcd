// Throws later, in a timer's callback, through chain.ts.
import type { Env } from 'nido';
import { outer } from './chain.js';

export function construct(env: Env): void {
  env.log('later: waiting');
  setTimeout(function tick() {
    outer([2]); // later calls outer
  }, 10);
}
