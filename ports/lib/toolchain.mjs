// The cross toolchains the ports build with. A recipe with
// `runtime = 'noux'` gets nidoCc(): `nido cc`'s own (src/toolchain/cc.ts),
// the sysroot with Nido's POSIX layer, and asyncify after the link, as
// users' programs for noux get it. The others get toolchain(): Debian's clang for
// wasm32-wasi with wasi-libc (the same compiler and flags as
// wasm/build.mjs), llvm-ar and llvm-ranlib (binutils' ar cannot index
// WebAssembly objects, and wasm-ld refuses an archive without an index),
// and make. Each missing piece is a PortError naming the package to
// install.
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { PortError } from './port_error.mjs';

const TOOLCHAIN_PACKAGES = 'clang lld wasi-libc libclang-rt-14-dev-wasm32';

async function exists(path) {
  try { await stat(path); return true; } catch { return false; }
}

function runs(command, args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.error === undefined && result.status === 0;
}

/* The first of `names` that runs (`--version`), or undefined. */
function firstThatRuns(names) {
  return names.find((name) => name !== undefined && runs(name, ['--version']));
}

/** The compiler's banner (empty without one): part of every build's cache key. */
export function compilerVersion() {
  return spawnSync(process.env.WASM_CC ?? 'clang', ['--version'], { encoding: 'utf8' }).stdout ?? '';
}

/**
 * Probes the toolchain: `{ cc, target, cflags, ar, ranlib, make, version }`.
 * `target` goes with every use of the compiler (target and the sysroot
 * where a distribution needs one), `cflags` with every compile; `version`
 * is clang's banner, part of every build's cache key.
 */
export async function toolchain() {
  const cc = process.env.WASM_CC ?? 'clang';
  const target = ['--target=wasm32-wasi'];
  /* Debian puts wasi-libc where clang finds it by itself; other distributions ship a sysroot. */
  for (const candidate of ['/usr/share/wasi-sysroot', '/opt/wasi-sdk/share/wasi-sysroot']) {
    if (await exists(candidate)) { target.push(`--sysroot=${candidate}`); break; }
  }
  const probe = spawnSync(cc, [...target, '-x', 'c', '-', '-o', '/dev/null'], { input: 'int main(void){return 0;}', encoding: 'utf8' });
  if (probe.error !== undefined) throw new PortError(`${cc} not found: install ${TOOLCHAIN_PACKAGES} (apt-get install ${TOOLCHAIN_PACKAGES})`);
  if (probe.status !== 0) {
    throw new PortError(`${cc} cannot build for wasm32-wasi (${(probe.stderr || '').trim().split('\n')[0]}): install ${TOOLCHAIN_PACKAGES}`);
  }
  const ar = firstThatRuns([process.env.WASM_AR, 'llvm-ar', 'llvm-ar-14']);
  const ranlib = firstThatRuns([process.env.WASM_RANLIB, 'llvm-ranlib', 'llvm-ranlib-14']);
  if (ar === undefined || ranlib === undefined) {
    throw new PortError('llvm-ar/llvm-ranlib not found: libraries of WebAssembly objects need LLVM\'s archiver (apt-get install llvm)');
  }
  if (!runs('make', ['--version'])) throw new PortError('make not found: install make (apt-get install make)');
  const version = compilerVersion();
  return { cc, target, cflags: ['-O2'], ar, ranlib, make: 'make', version };
}

/**
 * `nido cc`'s toolchain for programs that run under noux (fork, exec,
 * pipes, signals): `{ cc, target, cflags, ldflags, ar, ranlib, make,
 * version, asyncify(file) }`. `target` holds nido cc's compile flags
 * (target, sysroot, the layer's headers), `ldflags` its link flags;
 * `version` names them all, so a changed layer is a new build. Needs
 * dist/ (npm run build) for nido cc's code.
 */
export async function nidoCc(dist) {
  let cc;
  try {
    cc = await import(pathToFileURL(`${dist}/toolchain/cc.js`).href);
  } catch (error) {
    throw new PortError(`nido cc's toolchain is not built (${error.message.split('\n')[0]}): run "node scripts/build.mjs" first`);
  }
  let chain;
  try {
    chain = await cc.toolchain();
  } catch (error) {
    if (error instanceof cc.ToolchainError) throw new PortError(error.message);
    throw error;
  }
  if (!runs('make', ['--version'])) throw new PortError('make not found: install make (apt-get install make)');
  return {
    cc: chain.cc,
    target: [...chain.cflags],
    cflags: ['-O2'],
    ldflags: [...chain.ldflags],
    ar: chain.ar,
    ranlib: chain.ranlib,
    make: 'make',
    version: `${compilerVersion()}\n${cc.printFlags(chain)}`,
    asyncify: (file, options) => cc.asyncify(file, options),
  };
}
