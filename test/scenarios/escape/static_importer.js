// A static import of Node's file system: core must refuse to load it,
// saying which module imports what, and where.
import { readFileSync } from 'node:fs';

export function construct(env) {
  env.log(`ESCAPED: read ${readFileSync('/etc/hostname', 'utf8')}`);
}
