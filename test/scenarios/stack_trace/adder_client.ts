// Calls Adder twice; the second call's error is not caught.
import { defineInterface, type Env } from 'nido';

interface Adder { add(a: number, b: number): number }
const Adder = defineInterface<Adder>('Adder', ['add']);

async function sum(env: Env, a: number, b: number): Promise<number> {
  const adder = await env.connect(Adder, { label: 'sums' });
  return await adder.client.add(a, b); // sum awaits add
}

export async function construct(env: Env): Promise<void> {
  env.log(`adder_client: 1 + 2 = ${await sum(env, 1, 2)}`);
  await sum(env, 11, 2); // adder_client awaits the failing call
}
