// Throws after its first log line.
export function construct(env) {
  env.log('about to crash');
  return env.flushLog().then(() => {
    null.property;
  });
}
