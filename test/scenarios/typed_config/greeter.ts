// A server whose greeting is the one its config's policy gives the session's label.
import { selectPolicy, type Env } from 'nido';
import { Greeting } from './greeting.js';

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  env.announce(Greeting, (args) => {
    const greeting = selectPolicy(config.xml, args.label)?.stringAttribute('greeting', '') ?? '';
    env.log(`session "${args.label}": ${greeting}`);
    return { greet: (name: string) => `${greeting}, ${name}` };
  });
}
