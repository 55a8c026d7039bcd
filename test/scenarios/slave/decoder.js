// An enslaved server: it does not know that its parent is not init.
import { Timer, defineInterface } from 'nido';

const Decoder = defineInterface('Decoder', ['decode', 'tryTimer']);

export async function construct(env) {
  const codec = (await env.config()).xml.stringAttribute('codec', '?');
  env.announce(Decoder, (args) => {
    env.log(`session "${args.label}" with ${args.ramQuota} bytes`);
    return {
      decode: (data) => `${data} as ${codec}`,
      tryTimer: async () => {
        try {
          await env.connect(Timer);
          return 'granted';
        } catch (error) {
          return `denied (${error.name})`;
        }
      },
    };
  });
}
