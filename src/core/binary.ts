/*
 * Binaries: turning a component's ROM module (an ES module, in JavaScript
 * or TypeScript) into a script a compartment can evaluate.
 *
 * Compartments evaluate scripts, not modules, so the module is rewritten
 * to CommonJS form by esbuild; its only permitted import, 'nido', is then
 * satisfied by the protection domain's runtime. Results are cached by
 * content, so starting a binary a second time costs a hash.
 */

import { createHash } from 'node:crypto';
import { transform } from 'esbuild';
import { NidoError } from '../base/errors.js';

export class InvalidBinary extends NidoError {}

const cache = new Map<string, Promise<string>>();
const MAX_CACHE = 256;

/** The evaluable form of `source`; `name` is used in error messages. */
export function loadBinary(source: string, name: string): Promise<string> {
  const key = createHash('sha256').update(source).digest('base64');
  let result = cache.get(key);
  if (result === undefined) {
    result = transform(source, { loader: 'ts', format: 'cjs', target: 'es2023', sourcefile: name, logLevel: 'silent' })
      .then((output) => output.code, (error: unknown) => {
        cache.delete(key);
        const failure = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
        const where = failure?.location ? `${name}:${failure.location.line}:${failure.location.column + 1}` : name;
        throw new InvalidBinary(`${where}: ${failure?.text ?? String(error)}`);
      });
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
  }
  return result;
}
