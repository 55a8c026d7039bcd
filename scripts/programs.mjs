// Builds the programs that ship with Nido besides its JavaScript, as far
// as this machine can, and says once what it could not and how to get it.
// Runs after scripts/build.mjs (npm start, npm run build, npm test):
//
//   node scripts/programs.mjs
//
// - Nido's C programs and noux's: node wasm/build.mjs, which needs clang
//   for wasm32-wasi (and llvm for noux's) and skips without it;
// - the ports of Debian's programs built before on this machine: node
//   ports/build.mjs --cached, from ~/.cache/nido/ports (`npm run ports`
//   builds them: about 20 minutes, once);
// - then each example (examples/*/config) that names a shipped program
//   still missing from dist/wasm is listed, with how to get what it needs
//   (src/core/shipped_program.ts, as core's ROM service says it when such
//   a program is asked for).
//
// Exit status: 1 if a program that can be built fails to (wasm/build.mjs
// or ports/build.mjs failed), else 0: a machine without the compilers
// still gets every example that needs none.
import { spawnSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');

/* Runs a build script; its output is shown only if it failed (the summary below says the rest). */
function run(script, args, quietLines) {
  const result = spawnSync(process.execPath, [join(root, script), ...args], { cwd: root, encoding: 'utf8' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    process.stderr.write(output);
    console.error(`programs: ${script} failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
  return output.split('\n').filter((line) => line !== '' && !quietLines.test(line));
}

/* The C programs: wasm/build.mjs prints what it built; a skip ("not built") is said once below. */
for (const line of run('wasm/build.mjs', [], /not built/)) console.log(line);
/* The ports: one line for all of them, not one for each. */
const portLines = run('ports/build.mjs', ['--cached'], /^$/);
const installed = portLines.filter((line) => / installed from the cache| is in the cache/.test(line)).map((line) => /^ports: ([^:]+):/.exec(line)?.[1]);
if (installed.length > 0) console.log(`ports: ${installed.length} from the cache (${installed.join(', ')})`);
for (const line of portLines.filter((line) => !/ installed from the cache| is in the cache|not built for this recipe/.test(line))) console.log(line);

const { parseXml } = await import(pathToFileURL(join(dist, 'util', 'xml.js')).href);
const { KIND_NAMES, howToBuild, shippedProgram } = await import(pathToFileURL(join(dist, 'core', 'shipped_program.js')).href);

async function exists(path) {
  return stat(path).then(() => true, () => false);
}

/* The ROM modules a config names: binaries (a <start>'s own name without <binary>), tar archives, ROM files of a VFS. */
function modulesOf(node, found = new Set()) {
  if (node.type === 'start') found.add(node.child('binary')?.attribute('name') ?? node.attribute('name'));
  if (node.type === 'binary' || node.type === 'tar' || node.type === 'rom') found.add(node.attribute('name'));
  for (const child of node.children()) modulesOf(child, found);
  found.delete(undefined);
  return found;
}

/* Where core's ROM service looks (src/core/rom_service.ts): the boot directory, the components, dist/wasm. */
async function present(dir, name) {
  const candidates = [
    ...['', '.js', '.mjs', '.ts', '.wasm'].map((extension) => join(dir, name + extension)),
    join(dist, 'components', `${name}.js`), join(dist, 'wasm', name), join(dist, 'wasm', `${name}.wasm`),
  ];
  for (const path of candidates) if (await exists(path)) return true;
  return false;
}

/* What each kind of missing program keeps from running: kind → { programs, examples }. */
const missing = new Map();
const examples = join(root, 'examples');
for (const example of (await readdir(examples)).sort()) {
  const dir = join(examples, example);
  let config;
  try {
    config = parseXml(await readFile(join(dir, 'config'), 'utf8'));
  } catch {
    continue; /* no XML config (a typed one), or one nido run reports itself */
  }
  for (const name of modulesOf(config)) {
    if (await present(dir, name)) continue;
    const program = await shippedProgram(name);
    if (program === undefined) continue;
    const entry = missing.get(program.kind) ?? { programs: new Set(), examples: new Set() };
    entry.programs.add(name);
    entry.examples.add(`examples/${example}`);
    missing.set(program.kind, entry);
  }
}
if (missing.size > 0) {
  console.log('\nNot built on this machine, so these examples cannot run yet:');
  for (const [kind, { programs, examples: needing }] of missing) {
    const verb = needing.size === 1 ? 'needs' : 'need';
    console.log(`- ${[...needing].join(', ')} ${verb} ${[...programs].join(', ')}: ${KIND_NAMES[kind]}, ${howToBuild(kind)}.`);
  }
  console.log('The other examples run (README.md, "Quick start").\n');
}
