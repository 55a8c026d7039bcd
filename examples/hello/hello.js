// The smallest component: one LOG line, then exit.
export function construct(env) {
  env.log('Hello world');
  env.exit(0);
}
