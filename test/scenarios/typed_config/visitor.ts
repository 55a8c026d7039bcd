// A client of the greeter: greets with the name its config gives and keeps its session open.
import type { Env } from 'nido';
import { Greeting } from './greeting.js';

export async function construct(env: Env): Promise<void> {
  const name = (await env.config()).xml.stringAttribute('name', 'nobody');
  const greeter = await env.connect(Greeting, { label: 'main', ram: 16 * 1024 });
  env.log(await greeter.client.greet(name));
}
