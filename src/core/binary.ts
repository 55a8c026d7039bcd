/*
 * Binaries: turning a component's ROM module (an ES module, in JavaScript
 * or TypeScript) into the one script a compartment evaluates.
 *
 * Compartments evaluate scripts, not modules, so esbuild bundles the
 * module with everything it imports into CommonJS form; only 'nido' stays
 * an import, satisfied by the protection domain's runtime. Imports resolve
 * as Node resolves them, from the boot directory (its node_modules: a user
 * runs `npm install zod` next to the config), preferring packages' browser
 * builds, since a component has the web platform's globals, not Node's
 * (bundle.ts: Node's built-in modules are refused, or replaced by
 * their pure-JS stand-ins).
 *
 * Results are cached by content: in memory, so starting a binary a second
 * time costs a hash (and, at most once a second, a stat of each bundled
 * file), and on disk
 * (dist/cache/binaries, filled for the shipped components by the build),
 * so that a run whose binaries are all known never loads esbuild, which
 * alone took about 50 ms of every `nido run`. A cached bundle is used
 * while the files it was made of are unchanged (size and time of
 * modification) and, if it has any, for the same boot directory.
 */

import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, type BundleInput, type BundleMap } from './bundle.js';

export { InvalidBinary } from './bundle.js';

/** A bundled module and what it was made of. */
interface Entry {
  readonly code: string;
  /** The compartment's globals the code names (bundle.ts). */
  readonly globals: readonly string[];
  /** The directory imports were resolved from, when there were any. */
  readonly resolveDir: string | undefined;
  readonly inputs: readonly BundleInput[];
  /** Where its lines came from (bundle.ts), for the component's stack traces. */
  readonly map: BundleMap | undefined;
}

const cache = new Map<string, Promise<Entry>>();
const MAX_CACHE = 256;
/*
 * When each entry in memory was last found unchanged (or made). Checking costs a stat
 * of every bundled file (96 for zod and dayjs: 5 ms), so an entry checked
 * within the last second is taken as it is: a package changed on disk is
 * seen by the starts from a second later on.
 */
const checked = new WeakMap<Entry, number>();
const RECHECK_MS = 1000;
const cacheDir = fileURLToPath(new URL('../cache/binaries/', import.meta.url));
/* A new esbuild may bundle differently, and so may a new version of these rules: both are part of every key. */
const esbuildVersion = (createRequire(import.meta.url)('esbuild/package.json') as { version: string }).version;
const FORMAT = 'bundle-9';

/* Whether a bundle serves a start from `resolveDir`: one without imported files serves any. */
function servesDir(entry: Entry, resolveDir: string | undefined): boolean {
  return entry.inputs.length === 0 || entry.resolveDir === resolveDir;
}

/*
 * Whether a bundle still serves a start from `resolveDir`: the files it was
 * made of are as they were (taken as they were when checked within the
 * last RECHECK_MS).
 */
async function fresh(entry: Entry, resolveDir: string | undefined): Promise<boolean> {
  if (!servesDir(entry, resolveDir)) return false;
  if (entry.inputs.length === 0 || performance.now() - (checked.get(entry) ?? -Infinity) < RECHECK_MS) return true;
  const now = await Promise.all(entry.inputs.map((input) => stat(input.path).catch(() => undefined)));
  const same = now.every((found, i) => found !== undefined && found.size === entry.inputs[i]?.size && found.mtimeMs === entry.inputs[i]?.mtimeMs);
  if (same) checked.set(entry, performance.now());
  return same;
}

async function fromDisk(file: string): Promise<Entry | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Entry;
  } catch {
    return undefined;
  }
}

async function bundled(source: string, name: string, resolveDir: string | undefined, key: string): Promise<Entry> {
  const file = join(cacheDir, `${key}.json`);
  const kept = await fromDisk(file);
  if (kept !== undefined && await fresh(kept, resolveDir)) return kept;
  const result = await bundle(source, name, resolveDir);
  const entry: Entry = { code: result.code, globals: result.globals, resolveDir: result.inputs.length === 0 ? undefined : resolveDir, inputs: result.inputs, map: result.map };
  checked.set(entry, performance.now());
  try {
    await mkdir(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(entry));
    await rename(partial, file);
  } catch {
    /* a read-only installation bundles again next time */
  }
  return entry;
}

/** A component's script, the globals it names and where its lines came from. */
export interface Script {
  readonly code: string;
  readonly globals: readonly string[];
  readonly map: BundleMap | undefined;
}

/* The extensions core's ROM service tries after the bare name, in its order (rom_service.ts). */
const MODULE_EXTENSIONS = ['', '.js', '.mjs', '.ts'];
const moduleFiles = new Map<string, Promise<string>>();

/**
 * The file a binary `name` of the boot directory `resolveDir` is, as its
 * stack frames name it (`client.ts` for the binary "client"): the first
 * that exists in the order core's ROM service looks, else `name` itself
 * (a binary from elsewhere, a shipped component). Remembered for the run:
 * a start pays for it once per binary.
 */
export function moduleFile(name: string, resolveDir: string | undefined): Promise<string> {
  if (resolveDir === undefined) return Promise.resolve(name);
  const key = `${resolveDir}\0${name}`;
  let found = moduleFiles.get(key);
  if (found === undefined) {
    found = (async () => {
      for (const extension of MODULE_EXTENSIONS) {
        const file = await stat(join(resolveDir, name + extension)).catch(() => undefined);
        if (file?.isFile() === true) return name + extension;
      }
      return name;
    })();
    moduleFiles.set(key, found);
  }
  return found;
}

/**
 * The evaluable form of `source`; `name` is used in error messages,
 * `resolveDir` is where its imports resolve from (the boot directory).
 */
export async function loadBinary(source: string, name: string, resolveDir?: string): Promise<Script> {
  const key = createHash('sha256').update(esbuildVersion).update('\0').update(FORMAT).update('\0').update(source).digest('hex');
  let result = cache.get(key);
  if (result !== undefined) {
    const entry = await result.catch(() => undefined);
    if (entry !== undefined && await fresh(entry, resolveDir)) return entry;
    if (cache.get(key) === result) cache.delete(key);
    result = undefined;
  }
  result = bundled(source, name, resolveDir, key);
  result.catch(() => cache.delete(key));
  if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
  cache.set(key, result);
  return result;
}
