// Throws synchronously in construct, through chain.ts.
import type { Env } from 'nido';
import { outer } from './chain.js';

export function construct(env: Env): void {
  env.log('at_start: about to throw');
  outer([1]); // at_start calls outer
}
