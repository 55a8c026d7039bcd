/*
 * Binaries: turning a component's ROM module (an ES module, in JavaScript
 * or TypeScript) into a script a compartment can evaluate.
 *
 * Compartments evaluate scripts, not modules, so the module is rewritten
 * to CommonJS form by esbuild; its only permitted import, 'nido', is then
 * satisfied by the protection domain's runtime. Results are cached by
 * content: in memory, so starting a binary a second time costs a hash, and
 * on disk (dist/cache/binaries, filled for the shipped components by the
 * build), so that a run whose binaries are all known never loads esbuild,
 * which alone took about 50 ms of every `nido run`.
 */

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NidoError } from '../base/errors.js';

export class InvalidBinary extends NidoError {}

const cache = new Map<string, Promise<string>>();
const MAX_CACHE = 256;
const cacheDir = fileURLToPath(new URL('../cache/binaries/', import.meta.url));
/* A new esbuild may transform differently: its version is part of every key. */
const esbuildVersion = (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;

async function transformed(source: string, name: string, key: string): Promise<string> {
  const file = join(cacheDir, `${key}.js`);
  try {
    return await readFile(file, 'utf8');
  } catch {
    /* not transformed before */
  }
  const { transform } = await import('esbuild');
  const output = await transform(source, { loader: 'ts', format: 'cjs', target: 'es2023', sourcefile: name, logLevel: 'silent' })
    .catch((error: unknown) => {
      const failure = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
      const where = failure?.location ? `${name}:${failure.location.line}:${failure.location.column + 1}` : name;
      throw new InvalidBinary(`${where}: ${failure?.text ?? String(error)}`);
    });
  try {
    await mkdir(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, output.code);
    await rename(partial, file);
  } catch {
    /* a read-only installation transforms again next time */
  }
  return output.code;
}

/** The evaluable form of `source`; `name` is used in error messages. */
export function loadBinary(source: string, name: string): Promise<string> {
  const key = createHash('sha256').update(esbuildVersion).update('\0').update(source).digest('hex');
  let result = cache.get(key);
  if (result === undefined) {
    result = transformed(source, name, key);
    result.catch(() => cache.delete(key));
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
  }
  return result;
}
