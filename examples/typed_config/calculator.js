// A server: each session gets the policy that its label selects.
import { defineInterface, selectPolicy } from 'nido';

const Calculator = defineInterface('Calculator', ['divide']);

export async function construct(env) {
  const config = await env.config();
  env.announce(Calculator, (args) => {
    const policy = selectPolicy(config.xml, args.label);
    const precision = policy?.naturalAttribute('precision', 0) ?? 0;
    env.log(`session "${args.label}": precision ${precision}, ${args.ramQuota} bytes donated`);
    return { divide: (a, b) => (a / b).toFixed(precision) };
  });
}
