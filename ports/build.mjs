// Nido's ports, after Genode's: a Debian source package, fetched with
// `apt-get source`, built with clang for wasm32-wasi by its recipe
// (ports/NAME/port.mjs) and installed as ROM modules in dist/wasm/, where
// core's ROM service finds `<binary name="bc"/>`. See ports/README.md.
//
//   node ports/build.mjs [PORT...]           fetch, build and install (every port without names)
//   node ports/build.mjs --cached [PORT...]  install what was built before; fetch and build nothing
//   node ports/build.mjs --deb-src           (as root) only add deb-src entries if apt has none, apt-get update
//
// The first form needs apt's deb-src entries, which it adds as root for
// the running release when there are none; without root it stops and
// names the --deb-src form. Builds are cached in .ports/ by
// source version and recipe, so a second run only copies. `--cached` is
// part of `npm run build` and `npm test`, which empty dist/ first: it
// brings the built ports back, and says which ports were never built.
import { spawnSync } from 'node:child_process';
import { copyFile, lstat, mkdir, readdir, readFile, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { enableSources, fetchSource, fetchedTree, sourceCandidate } from './lib/debian_source.mjs';
import { PortBuild } from './lib/port_build.mjs';
import {
  buildDir, buildKey, builtModules, crtSources, fetchedVersions, install, installDir, portCache, portNames, portsDir,
  removeOthers, shown, sourceDir,
} from './lib/port_cache.mjs';
import { PortError } from './lib/port_error.mjs';
import { compilerVersion, nidoCc, toolchain } from './lib/toolchain.mjs';

const dist = join(fileURLToPath(new URL('..', import.meta.url)), 'dist');

/*
 * npm puts node_modules/.bin on PATH, and binaryen's wasm-opt is there:
 * clang 14 runs any wasm-opt it finds on every optimized link, which
 * strips the name section (a trap would name no function) and costs
 * seconds a program. Nido runs wasm-opt itself where it wants it.
 */
process.env.PATH = (process.env.PATH ?? '').split(':').filter((dir) => !dir.endsWith('node_modules/.bin')).join(':');
const log = (name) => (line) => console.log(`ports: ${name}: ${line}`);

async function recipeOf(name) {
  const available = await portNames();
  if (!available.includes(name)) throw new PortError(`no port ${name} (ports/${name}/port.mjs); the ports are: ${available.join(', ') || 'none'}`);
  const recipe = await import(pathToFileURL(join(portsDir, name, 'port.mjs')).href);
  if (typeof recipe.source !== 'string' || typeof recipe.build !== 'function') {
    throw new PortError(`ports/${name}/port.mjs must export source (the Debian source package) and build(port)`);
  }
  if (recipe.runtime !== undefined && recipe.runtime !== 'noux') {
    throw new PortError(`ports/${name}/port.mjs: runtime "${recipe.runtime}" is none of Nido's; leave it out (the C runtime) or say 'noux'`);
  }
  if (recipe.uses !== undefined && !(Array.isArray(recipe.uses) && recipe.uses.every((used) => typeof used === 'string' && used !== name))) {
    throw new PortError(`ports/${name}/port.mjs: uses must be a list of other ports' names (ports/NAME), e.g. ['ncurses']`);
  }
  if (recipe.library !== undefined && typeof recipe.library.tree !== 'string') {
    throw new PortError(`ports/${name}/port.mjs: library must name the tree its build() installs into, e.g. { tree: '.nido-install' }`);
  }
  return recipe;
}

/* The toolchain of a recipe: nido cc's for programs that run under noux, the C runtime's for the others (one probe each). */
const toolchains = new Map();
function toolchainOf(recipe) {
  const kind = recipe.runtime ?? 'libc';
  if (!toolchains.has(kind)) toolchains.set(kind, kind === 'noux' ? nidoCc(dist) : toolchain());
  return toolchains.get(kind);
}

/* The compiler's identity in a recipe's build key: nido cc's flags too, which name its POSIX layer's build. */
async function compilerOf(recipe) {
  return recipe.runtime === 'noux' ? (await toolchainOf(recipe)).version : compilerVersion();
}

/*
 * A noux port's tar archives (recipe.tar: one { name, tree, entries } or
 * a list of them), for an fstab's <tar name="…"/>: `tree` is a directory
 * of the build that build() installed into (`make install DESTDIR=…`),
 * kept with the build under trees/NAME, and every file, directory and
 * symlink in it goes into the archive; `entries` add { path, module } (a
 * ROM module the build made) or { path, symlink }.
 */
const tarsOf = (recipe) => (recipe.tar === undefined ? [] : [recipe.tar].flat());
const keptTree = (dir, tar) => join(dir, 'trees', tar.name);

async function installTars(name, recipe, build, installed) {
  const { writeTar } = await import(pathToFileURL(join(dist, 'lib', 'vfs', 'tar_writer.js')).href);
  const targets = [];
  for (const tar of tarsOf(recipe)) {
    const entries = tar.tree === undefined ? [] : await treeEntries(keptTree(build.dir, tar));
    for (const entry of tar.entries ?? []) {
      if (entry.symlink !== undefined) {
        entries.push({ path: entry.path, type: 'symlink', linkTarget: entry.symlink });
        continue;
      }
      const file = installed.find((path) => basename(path) === `${entry.module}.wasm`);
      if (file === undefined) throw new PortError(`${name}: tar entry ${entry.path} names module ${entry.module}, which the build did not make`);
      entries.push({ path: entry.path, type: 'file', mode: 0o755, data: await readFile(file) });
    }
    const target = join(installDir, tar.name);
    await writeFile(target, writeTar(entries));
    targets.push(target);
  }
  return targets;
}

/* The tar entries of the installed tree under `root`, parents before their contents, in name order (the same archive every time). */
async function treeEntries(root, under = '') {
  const entries = [];
  for (const name of (await readdir(join(root, under))).sort()) {
    const path = under === '' ? name : `${under}/${name}`;
    const info = await lstat(join(root, path));
    if (info.isSymbolicLink()) entries.push({ path, type: 'symlink', linkTarget: await readlink(join(root, path)) });
    else if (info.isDirectory()) entries.push({ path, type: 'directory', mode: info.mode & 0o7777 }, ...(await treeEntries(root, path)));
    else if (info.isFile()) entries.push({ path, type: 'file', mode: info.mode & 0o7777, data: await readFile(join(root, path)) });
  }
  return entries;
}

/* The WebAssembly programs of an installed tree (files that begin with the magic), for asyncify. */
async function treePrograms(root) {
  const programs = [];
  for (const entry of await treeEntries(root)) {
    if (entry.type === 'file' && entry.data.subarray(0, 4).toString('latin1') === '\0asm') programs.push(join(root, entry.path));
  }
  return programs;
}

/*
 * A recipe's `uses`: library ports (recipe.library = { tree }) whose
 * installed tree (headers, static libraries, data) its build reads
 * through port.dependency(NAME). A dependency's build is part of the
 * user's build key: a rebuilt ncurses builds vim again.
 */
const usesOf = (recipe) => recipe.uses ?? [];
const keptLibrary = (dir) => join(dir, 'library');

/* What goes into a build's key besides the recipe and the driver: the compiler, and the builds of the ports it uses. */
async function keyOf(recipe, dependencies) {
  const used = dependencies.map((dependency) => `uses ${dependency.name} ${basename(dependency.dir)}`);
  return [await compilerOf(recipe), ...used].join('\n');
}

/* The build of `version` fetched before, if its recipe, compiler and dependencies are still the same. */
async function cachedBuild(name, recipe, version, dependencies) {
  const dir = buildDir(name, version, await buildKey(name, version, await keyOf(recipe, dependencies)));
  const modules = await builtModules(dir);
  return modules === undefined ? undefined : { name, dir, modules };
}

/* The newest build in the cache that is current, or undefined. */
async function newestCachedBuild(name, recipe, dependencies) {
  for (const version of (await fetchedVersions(name)).reverse()) {
    const cached = await cachedBuild(name, recipe, version, dependencies);
    if (cached !== undefined) return { version, cached };
  }
  return undefined;
}

/* The current cached builds of the ports a recipe uses, or undefined if one has none. */
async function cachedDependencies(name, recipe) {
  const dependencies = [];
  for (const used of usesOf(recipe)) {
    const usedRecipe = await recipeOf(used);
    const usedDependencies = await cachedDependencies(used, usedRecipe);
    const newest = usedDependencies === undefined ? undefined : await newestCachedBuild(used, usedRecipe, usedDependencies);
    if (newest === undefined) return undefined;
    dependencies.push(newest.cached);
  }
  return dependencies;
}

async function installCached(name) {
  const say = log(name);
  const recipe = await recipeOf(name);
  const versions = (await fetchedVersions(name)).reverse();
  if (versions.length > 0) {
    try {
      await compilerOf(recipe);
    } catch (error) {
      if (!(error instanceof PortError)) throw error;
      say(`cannot tell whether a build is current: ${error.message}`);
      return;
    }
  }
  const dependencies = versions.length > 0 ? await cachedDependencies(name, recipe) : undefined;
  const newest = dependencies === undefined ? undefined : await newestCachedBuild(name, recipe, dependencies);
  if (newest !== undefined) {
    const { version, cached } = newest;
    const modules = await install(cached.dir, cached.modules);
    const installed = [...modules, ...(await installTars(name, recipe, cached, modules))];
    say(installed.length === 0
      ? `${version} is in the cache (a library for ${await usersOf(name)})`
      : `${version} installed from the cache: ${installed.map(shown).join(', ')}`);
    return;
  }
  say('not built for this recipe and compiler: run "npm run ports" (see ports/README.md)');
}

/* Nido's start-up additions (wasm/crt), compiled for the port's programs to link. */
async function crtObjects(port) {
  const objects = [];
  await mkdir(port.path('.nido-crt'), { recursive: true });
  for (const source of await crtSources()) {
    const object = `.nido-crt/${basename(source, '.c')}.o`;
    await port.compile([source], object);
    objects.push(port.path(object));
  }
  return objects;
}

async function buildFresh(name, recipe, version, tree, tools, dependencies) {
  const say = log(name);
  const cache = portCache(name);
  const work = join(cache, 'work');
  const logPath = join(cache, 'build.log');
  await rm(work, { recursive: true, force: true });
  /* cp -a: make decides by the timestamps, which dpkg-source set with care (generated files not older than their sources). */
  const copied = spawnSync('cp', ['-a', tree, work]);
  if (copied.status !== 0) throw new PortError(`${name}: cp -a ${shown(tree)} ${shown(work)} failed: ${String(copied.stderr).trim()}`);
  await writeFile(logPath, `# ${name} ${version}\n`);
  say(`building ${version} (log: ${shown(logPath)})`);
  const started = performance.now();
  const libraries = Object.fromEntries(dependencies.map((dependency) => [dependency.name, keptLibrary(dependency.dir)]));
  const port = new PortBuild({ name, version, dir: work, toolchain: tools, recipe, logPath, dependencies: libraries });
  let modules;
  try {
    for (const patch of recipe.patches ?? []) await port.run('patch', ['-p1', '-i', join(portsDir, name, patch)]);
    /* wasm/crt is the C runtime's start-up; under noux, nido cc's POSIX layer does that part. */
    if (recipe.runtime !== 'noux') port.libs.unshift(...(await crtObjects(port)));
    modules = await recipe.build(port);
    const tree = [];
    for (const tar of tarsOf(recipe).filter((t) => t.tree !== undefined)) tree.push(...(await treePrograms(port.path(tar.tree))));
    /* A noux program may fork: asyncify, as nido cc does after every link. */
    for (const file of [...Object.values(modules ?? {}).map((file) => port.path(file)), ...tree]) {
      if (tools.asyncify !== undefined) {
        port.note(`$ asyncify ${file}`);
        tools.asyncify(file, { fpcast: recipe.fpcast === true });
      }
    }
  } finally {
    port.close();
  }
  const key = await buildKey(name, version, await keyOf(recipe, dependencies));
  const dir = buildDir(name, version, key);
  const partial = `${dir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await mkdir(partial, { recursive: true });
  const files = {};
  for (const [module, file] of Object.entries(modules ?? {})) {
    const content = await readFile(port.path(file));
    if (content.subarray(0, 4).toString('latin1') !== '\0asm') throw new PortError(`${name}: ${file} (module ${module}) is not a WebAssembly binary`);
    await copyFile(port.path(file), join(partial, `${module}.wasm`));
    files[module] = `${module}.wasm`;
  }
  const trees = tarsOf(recipe).filter((tar) => tar.tree !== undefined);
  for (const tar of trees) {
    await mkdir(join(partial, 'trees'), { recursive: true });
    const copied = spawnSync('cp', ['-a', port.path(tar.tree), keptTree(partial, tar)]);
    if (copied.status !== 0) throw new PortError(`${name}: the installed tree ${tar.tree} could not be kept: ${String(copied.stderr).trim()}`);
  }
  if (recipe.library !== undefined) {
    const copied = spawnSync('cp', ['-a', port.path(recipe.library.tree), keptLibrary(partial)]);
    if (copied.status !== 0) throw new PortError(`${name}: the library's installed tree ${recipe.library.tree} could not be kept: ${String(copied.stderr).trim()}`);
  }
  if (Object.keys(files).length === 0 && trees.length === 0 && recipe.library === undefined) throw new PortError(`${name}: the recipe's build() named no ROM module, its tar no tree and it is no library`);
  await writeFile(join(partial, 'modules.json'), `${JSON.stringify(files, null, 2)}\n`);
  await rm(dir, { recursive: true, force: true });
  await rename(partial, dir);
  say(`built in ${Math.round((performance.now() - started) / 1000)} s`);
  return { name, dir, modules: files };
}

/* Builds port `name` (and the ports it uses first) if the cache has no current build, and installs it; answers the build. */
async function buildPort(name, built = new Map()) {
  if (built.has(name)) return built.get(name);
  const say = log(name);
  const recipe = await recipeOf(name);
  const dependencies = [];
  for (const used of usesOf(recipe)) dependencies.push(await buildPort(used, built));
  let candidate;
  let version;
  try {
    candidate = await sourceCandidate(recipe.source, say);
    version = candidate.version;
  } catch (error) {
    /* Without apt's help a source fetched before still builds (offline, or deb-src missing without root). */
    const fetched = (await fetchedVersions(name)).at(-1);
    if (!(error instanceof PortError) || fetched === undefined) throw error;
    say(`apt cannot tell the current version (${error.message.split('\n')[0]}); using the source fetched before, ${fetched}`);
    version = fetched;
  }
  let build = await cachedBuild(name, recipe, version, dependencies);
  if (build === undefined) {
    const tools = await toolchainOf(recipe);
    let tree = await fetchedTree(sourceDir(name, version));
    if (tree === undefined) {
      if (candidate === undefined) throw new PortError(`${name}: the source fetched before is gone from ${shown(sourceDir(name, version))}`);
      tree = await fetchSource(recipe.source, candidate, sourceDir(name, version), say);
    }
    build = await buildFresh(name, recipe, version, tree, tools, dependencies);
  } else {
    say(`${version} is built already (cache: ${shown(build.dir)})`);
  }
  /* Older builds and sources go. */
  await removeOthers(join(portCache(name), 'build'), basename(build.dir), 2);
  await removeOthers(join(portCache(name), 'source'), version);
  const modules = await install(build.dir, build.modules);
  const installed = [...modules, ...(await installTars(name, recipe, build, modules))];
  say(installed.length === 0 ? `${version} is a library for ${await usersOf(name)}, kept in the cache` : `installed ${installed.map(shown).join(', ')}`);
  built.set(name, build);
  return build;
}

/* The ports whose recipes use `name`, for messages. */
async function usersOf(name) {
  const users = [];
  for (const other of await portNames()) if (usesOf(await recipeOf(other)).includes(name)) users.push(other);
  return users.join(', ') || 'no port';
}

const OPTIONS = ['--cached', '--deb-src'];
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg.startsWith('-') && !OPTIONS.includes(arg));
try {
  if (unknown.length > 0) throw new PortError(`unknown option ${unknown.join(' ')}; usage: node ports/build.mjs [--cached | --deb-src] [PORT...]`);
  const named = args.filter((arg) => !arg.startsWith('-'));
  const names = named.length > 0 ? named : await portNames();
  if (args.includes('--deb-src')) {
    await enableSources((line) => console.log(`ports: ${line}`));
  } else if (args.includes('--cached')) {
    for (const name of names) await installCached(name);
  } else {
    const built = new Map();
    for (const name of names) await buildPort(name, built);
  }
} catch (error) {
  if (!(error instanceof PortError)) throw error;
  console.error(`ports: ${error.message}`);
  process.exit(1);
}
