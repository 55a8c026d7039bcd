// Builds the programs for noux (wasm/noux/*.c) with `nido cc` (Debian's
// clang, wasi-libc and Nido's POSIX layer, asyncify) into
// dist/wasm/NAME.wasm, and packs the archives a noux <fstab> mounts:
//
//   nsh.tar         bin/nsh (Nido's small shell), bin/sh -> nsh
//   tools.tar       bin/cat echo ls wc grep tee (wasm/src's tools, plain WASI)
//   noux_tests.tar  bin/t_* and bin/b_* (the Unix runtime's test programs and helpers, the noux benchmark's programs)
//
// Run by wasm/build.mjs after the plain programs. Results are cached in
// wasm/build/ by a hash of the program, the headers and the toolchain's
// flags (which name the POSIX layer's version).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname;
const sourceDir = join(root, 'wasm', 'noux');
const includeDir = join(root, 'wasm', 'include');
const cacheDir = join(root, 'wasm', 'build');
const outDir = join(root, 'dist', 'wasm');
const TOOLS = ['cat', 'echo', 'ls', 'wc', 'grep', 'tee'];

async function exists(path) {
  try { await stat(path); return true; } catch { return false; }
}

export async function buildNouxPrograms() {
  const ccModule = join(root, 'dist', 'toolchain', 'cc.js');
  if (!(await exists(ccModule))) {
    console.log('wasm: dist/toolchain/cc.js missing (run node scripts/build.mjs first); noux programs not built');
    return { built: 0, total: 0, used: new Set() };
  }
  const { toolchain, asyncify, ToolchainError } = await import(pathToFileURL(ccModule).href);
  let chain;
  try {
    chain = await toolchain();
  } catch (error) {
    if (!(error instanceof ToolchainError)) throw error;
    console.log(`wasm: ${error.message}; noux programs not built`);
    return { built: 0, total: 0, used: new Set() };
  }
  const sources = (await readdir(sourceDir)).filter((name) => name.endsWith('.c')).sort().map((name) => join(sourceDir, name));
  const headers = [
    ...(await readdir(sourceDir)).filter((name) => name.endsWith('.h')).map((name) => join(sourceDir, name)),
    ...(await readdir(includeDir)).filter((name) => name.endsWith('.h')).map((name) => join(includeDir, name)),
  ].sort();
  const flags = [...chain.cflags, '-O2', '-Wall', '-Wextra', '-Wno-unused-parameter', `-I${includeDir}`, `-I${sourceDir}`];
  const shared = createHash('sha256').update(flags.join(' ')).update(chain.ldflags.join(' ')).update(await readFile(new URL(import.meta.url)));
  for (const file of headers) shared.update(file).update(await readFile(file));
  const sharedDigest = shared.digest('hex');

  const compile = (source, output) => new Promise((resolve) => {
    const child = spawn(chain.cc, [...flags, source, '-o', output, ...chain.ldflags], { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => { errors += chunk; });
    child.on('close', (code) => resolve({ code, errors }));
  });

  let built = 0;
  const failures = [];
  const used = new Set();
  const queue = [...sources];
  await Promise.all([0, 1].map(async () => {
    for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
      const name = basename(source, '.c');
      const digest = createHash('sha256').update(sharedDigest).update(await readFile(source)).digest('hex').slice(0, 16);
      const cached = join(cacheDir, `noux-${name}-${digest}.wasm`);
      used.add(basename(cached));
      if (!(await exists(cached))) {
        const temporary = `${cached}.${process.pid}.tmp`;
        const { code, errors } = await compile(source, temporary);
        if (errors !== '') process.stderr.write(errors);
        if (code !== 0) { failures.push(name); continue; }
        asyncify(temporary);
        await rename(temporary, cached);
        built++;
      }
      await copyFile(cached, join(outDir, `${name}.wasm`));
    }
  }));
  if (failures.length > 0) {
    console.error(`wasm: failed to build the noux programs ${failures.join(', ')}`);
    process.exit(1);
  }

  const { writeTar } = await import(pathToFileURL(join(root, 'dist', 'lib', 'vfs', 'tar_writer.js')).href);
  const program = async (name) => ({ path: `bin/${name}`, type: 'file', mode: 0o755, data: await readFile(join(outDir, `${name}.wasm`)) });
  const names = sources.map((source) => basename(source, '.c'));
  await writeFile(join(outDir, 'nsh.tar'), writeTar([await program('nsh'), { path: 'bin/sh', type: 'symlink', linkTarget: 'nsh' }]));
  const tools = [];
  for (const tool of TOOLS) if (await exists(join(outDir, `${tool}.wasm`))) tools.push(await program(tool));
  await writeFile(join(outDir, 'tools.tar'), writeTar(tools));
  /* nsh's test scripts ride along, under tests/. */
  const scripts = [];
  for (const name of (await readdir(join(sourceDir, 'nsh_tests'))).sort()) {
    if (name.endsWith('.sh')) scripts.push({ path: `tests/${name}`, type: 'file', mode: 0o755, data: await readFile(join(sourceDir, 'nsh_tests', name)) });
  }
  await writeFile(join(outDir, 'noux_tests.tar'), writeTar([...(await Promise.all(names.filter((name) => name !== 'nsh').map(program))), ...scripts]));
  console.log(`wasm: ${sources.length} noux programs in dist/wasm (${built} compiled, ${sources.length - built} cached); nsh.tar, tools.tar, noux_tests.tar`);
  return { built, total: sources.length, used };
}

export async function removeStale(used) {
  for (const entry of await readdir(cacheDir)) {
    if (entry.startsWith('noux-') && entry.endsWith('.wasm') && !used.has(entry)) await rm(join(cacheDir, entry), { force: true });
  }
}
