// Logs as fast as it can, long lines included; its flood must not hold up the others.
export async function construct(env) {
  const long = 'x'.repeat(3000);
  for (let i = 0; i < 20000; i++) env.log(i % 100 === 0 ? `flood ${i} ${long}` : `flood ${i}`);
  env.log('flood done');
}
