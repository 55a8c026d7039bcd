// Tries a dynamic import of Node's file system under a computed name (a
// literal one is refused when the component is bundled, see
// static_importer.js): the runtime must refuse to run it.
export async function construct(env) {
  const fs = await import(['node', 'fs'].join(':'));
  env.log(`ESCAPED: read ${fs.readFileSync('/etc/hostname', 'utf8')}`);
}
