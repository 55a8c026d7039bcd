// Asks the slow server for a session and is killed before the answer.
import { defineInterface } from 'nido';

const Hello = defineInterface('Hello', ['greet']);

export async function construct(env) {
  env.log('requesting a session');
  const hello = await env.connect(Hello, { label: 'main', ram: 64 * 1024, caps: 3 });
  env.log(await hello.client.greet('client'));
}
