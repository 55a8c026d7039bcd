// The cross toolchain the ports build with: Debian's clang for
// wasm32-wasi with wasi-libc (the same compiler and flags as
// wasm/build.mjs), llvm-ar and llvm-ranlib (binutils' ar cannot index
// WebAssembly objects, and wasm-ld refuses an archive without an index),
// and make. Each missing piece is a PortError naming the package to
// install.
import { spawnSync } from 'node:child_process';
import { stat } from 'node:fs/promises';
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
