// A static import of Node's file system: the runtime must refuse to load it.
import { readFileSync } from 'node:fs';

export function construct(env) {
  env.log(`ESCAPED: read ${readFileSync('/etc/hostname', 'utf8')}`);
}
