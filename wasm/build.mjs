// Builds the C programs of wasm/src/*.c into WebAssembly (wasm32-wasi,
// preview 1) with Debian's clang, lld and wasi-libc:
//
//   node wasm/build.mjs            # into dist/wasm/NAME.wasm
//   node wasm/build.mjs --require  # fail (instead of skipping) without clang
//
// NAME_reactor.c is built as a WASI reactor (-mexec-model=reactor).
// Every program is linked with wasm/crt/*.c (Nido's start-up additions to
// wasi-libc). Results are cached in wasm/build/ by a hash of sources and
// flags: a change rebuilds only what it touches (scripts/build.mjs keeps
// dist/wasm, and scripts/programs.mjs runs this after it). Without a
// clang that can target wasm32-wasi the build is skipped with a notice, so
// `npm run build` and `npm start` work on a machine without it; the tests
// that need the programs then fail and say how to get them.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';

/*
 * npm puts node_modules/.bin on PATH, and binaryen's wasm-opt is there:
 * clang 14 runs any wasm-opt it finds on every optimized link, which
 * strips the name section (a trap would name no function) and costs
 * seconds a program. Nido runs wasm-opt itself where it wants it.
 */
process.env.PATH = (process.env.PATH ?? '').split(':').filter((dir) => !dir.endsWith('node_modules/.bin')).join(':');
const root = new URL('..', import.meta.url).pathname;
const sourceDir = join(root, 'wasm', 'src');
const crtDir = join(root, 'wasm', 'crt');
const includeDir = join(root, 'wasm', 'include');
const cacheDir = join(root, 'wasm', 'build');
const outDir = join(root, 'dist', 'wasm');
const require = process.argv.includes('--require');
const cc = process.env.WASM_CC ?? 'clang';

async function exists(path) {
  try { await stat(path); return true; } catch { return false; }
}

/* Debian puts wasi-libc where clang finds it by itself; other distributions ship a sysroot. */
const sysroot = ['/usr/share/wasi-sysroot', '/opt/wasi-sdk/share/wasi-sysroot'];
const flags = ['--target=wasm32-wasi', '-O2', '-Wall', '-Wextra', '-Wno-unused-parameter', `-I${includeDir}`];
for (const candidate of sysroot) {
  if (await exists(candidate)) { flags.push(`--sysroot=${candidate}`); break; }
}

function skip(reason) {
  const message = `wasm: ${reason}; C programs not built (install clang, lld, wasi-libc and libclang-rt-14-dev-wasm32: see README)`;
  if (require) { console.error(message); process.exit(1); }
  console.log(message);
  process.exit(0);
}

const probe = spawnSync(cc, [...flags, '-x', 'c', '-', '-o', '/dev/null'], { input: 'int main(void){return 0;}', encoding: 'utf8' });
if (probe.error !== undefined) skip(`${cc} not found`);
if (probe.status !== 0) skip(`${cc} cannot build for wasm32-wasi (${(probe.stderr || '').trim().split('\n')[0]})`);

const list = async (dir, ext) => (await exists(dir) ? (await readdir(dir)).filter((n) => n.endsWith(ext)).sort().map((n) => join(dir, n)) : []);
const programs = await list(sourceDir, '.c');
const crt = await list(crtDir, '.c');
const headers = await list(includeDir, '.h');
const version = spawnSync(cc, ['--version'], { encoding: 'utf8' }).stdout ?? '';

/* The script itself is part of the key: a change in how programs are built rebuilds them. */
const shared = createHash('sha256').update(version).update(flags.join(' ')).update(await readFile(new URL(import.meta.url)));
for (const file of [...crt, ...headers]) shared.update(file).update(await readFile(file));
const sharedDigest = shared.digest('hex');

await mkdir(cacheDir, { recursive: true });
await mkdir(outDir, { recursive: true });

function compile(source, output) {
  return new Promise((resolve) => {
    /* NAME_reactor.c is a reactor: no main, initialized once, then its exports are called. */
    const model = source.endsWith('_reactor.c') ? ['-mexec-model=reactor'] : [];
    const child = spawn(cc, [...flags, ...model, source, ...crt, '-o', output], { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => { errors += chunk; });
    child.on('close', (code) => resolve({ code, errors }));
  });
}

let built = 0;
const failures = [];
const used = new Set();
async function buildOne(source) {
  const name = basename(source, '.c');
  const digest = createHash('sha256').update(sharedDigest).update(await readFile(source)).digest('hex').slice(0, 16);
  const cached = join(cacheDir, `${name}-${digest}.wasm`);
  used.add(basename(cached));
  if (!(await exists(cached))) {
    const temporary = `${cached}.${process.pid}.tmp`;
    const { code, errors } = await compile(source, temporary);
    if (errors !== '') process.stderr.write(errors);
    if (code !== 0) { failures.push(name); return; }
    await rename(temporary, cached);
    built++;
  }
  await copyFile(cached, join(outDir, `${name}.wasm`));
}

/* Two at a time: the machines this runs on have two cores. */
const queue = [...programs];
await Promise.all([0, 1].map(async () => {
  for (let source = queue.shift(); source !== undefined; source = queue.shift()) await buildOne(source);
}));
/* The programs for noux, built with nido cc (wasm/noux_build.mjs). */
const { buildNouxPrograms } = await import('./noux_build.mjs');
const noux = await buildNouxPrograms();
for (const entry of noux.used) used.add(entry);
/* Builds of older sources go. */
for (const entry of await readdir(cacheDir)) {
  if (entry.endsWith('.wasm') && !used.has(entry)) await rm(join(cacheDir, entry), { force: true });
}
if (failures.length > 0) {
  console.error(`wasm: failed to build ${failures.join(', ')}`);
  process.exit(1);
}
console.log(`wasm: ${programs.length} programs in dist/wasm (${built} compiled, ${programs.length - built} cached)`);
