// Tries a dynamic import of Node's file system: the runtime must refuse to run it.
export async function construct(env) {
  const fs = await import('node:fs');
  env.log(`ESCAPED: read ${fs.readFileSync('/etc/hostname', 'utf8')}`);
}
