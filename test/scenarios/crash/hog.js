// Allocates until its heap limit ends it.
export async function construct(env) {
  env.log('allocating');
  await env.flushLog();
  const hoard = [];
  for (;;) hoard.push(new Array(1 << 16).fill(hoard.length));
}
