export function construct(env) { env.log('hello from the launchpad'); }
