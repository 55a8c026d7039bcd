// Where the ports keep what they fetched and built, outside dist/ (which
// `npm run build` empties) and outside the clone (a fresh clone, as CI's,
// reuses the builds): the user's cache directory, `nido/ports/` under
// $XDG_CACHE_HOME or ~/.cache (CACHE below; NIDO_PORTS_CACHE overrides it).
//
//   CACHE/NAME/source/VERSION/    apt-get source's download and unpacked tree
//   CACHE/NAME/work/              the last build tree (a fresh copy of the source)
//   CACHE/NAME/build.log          what the last build's tools printed
//   CACHE/NAME/build/VERSION-KEY/ the ROM modules built (MODULE.wasm, modules.json), a tar's
//                                 installed trees (trees/TAR), a library port's tree (library/)
//
// KEY hashes everything a build depends on besides the source: the
// recipe's directory, the driver, Nido's start-up objects (wasm/crt),
// the compiler's version and the builds of the ports the recipe uses
// (ports/build.mjs passes those with the compiler's). A build whose key
// is there is reused.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const portsDir = join(root, 'ports');
export const cacheDir = process.env.NIDO_PORTS_CACHE
  ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'nido', 'ports');
export const crtDir = join(root, 'wasm', 'crt');
export const installDir = join(root, 'dist', 'wasm');

/** A path as the messages show it: relative to the repository, or to the cache. */
export const shown = (path) => {
  const inCache = relative(cacheDir, path);
  if (!inCache.startsWith('..')) return join('<ports cache>', inCache);
  return relative(root, path) || '.';
};

async function filesUnder(dir) {
  const out = [];
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return out; }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

/** The C files of wasm/crt: linked into every port's programs as into wasm/src's. */
export async function crtSources() {
  return (await filesUnder(crtDir)).filter((path) => path.endsWith('.c'));
}

/** The ports: directories of ports/ with a port.mjs. */
export async function portNames() {
  const names = [];
  for (const entry of await readdir(portsDir, { withFileTypes: true })) {
    if (entry.isDirectory() && (await filesUnder(join(portsDir, entry.name))).includes(join(portsDir, entry.name, 'port.mjs'))) {
      names.push(entry.name);
    }
  }
  return names.sort();
}

/** The cache key of a build of port `name` from source `version` with compiler `compilerVersion`. */
export async function buildKey(name, version, compilerVersion) {
  const hash = createHash('sha256').update(`${name}\n${version}\n${compilerVersion}\n`);
  const inputs = [
    ...(await filesUnder(join(portsDir, name))),
    join(portsDir, 'build.mjs'),
    ...(await filesUnder(join(portsDir, 'lib'))),
    ...(await crtSources()),
  ];
  for (const file of inputs) hash.update(relative(root, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export const portCache = (name) => join(cacheDir, name);
export const sourceDir = (name, version) => join(cacheDir, name, 'source', version);
export const buildDir = (name, version, key) => join(cacheDir, name, 'build', `${version}-${key}`);

/** The versions of port `name` fetched before. */
export async function fetchedVersions(name) {
  try {
    return (await readdir(join(cacheDir, name, 'source'), { withFileTypes: true }))
      .filter((entry) => entry.isDirectory() && !entry.name.endsWith('.partial')).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}

/** The modules of a finished build (`{ MODULE: 'MODULE.wasm' }`), or undefined if there is none. */
export async function builtModules(dir) {
  try {
    return JSON.parse(await readFile(join(dir, 'modules.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Copies a finished build's modules to dist/wasm; answers the installed paths. */
export async function install(dir, modules) {
  await mkdir(installDir, { recursive: true });
  const installed = [];
  for (const [module, file] of Object.entries(modules)) {
    const target = join(installDir, `${module}.wasm`);
    await copyFile(join(dir, file), target);
    installed.push(target);
  }
  return installed;
}

/**
 * Removes the entries of `dir` other than `keep` and the `spare` most
 * recently changed others (older builds and sources). The cache is the
 * user's, shared by every clone: two clones' builds differ in their keys
 * (nido cc's flags name the clone's POSIX layer), and each would
 * otherwise remove the other's.
 */
export async function removeOthers(dir, keep, spare = 0) {
  let entries;
  try { entries = await readdir(dir); } catch { return; }
  const others = [];
  for (const entry of entries.filter((name) => name !== keep)) {
    const changed = await stat(join(dir, entry)).then((s) => s.mtimeMs, () => 0);
    others.push({ entry, changed });
  }
  others.sort((a, b) => b.changed - a.changed);
  for (const { entry } of others.slice(spare)) await rm(join(dir, entry), { recursive: true, force: true });
}
