/*
 * The programs that ship with Nido but are built apart from its
 * JavaScript: Nido's C programs (wasm/src), noux's (wasm/noux), the ports
 * of Debian's programs (ports/) and WebAssembly modules that come from npm
 * packages. A machine may lack what builds them, so a ROM module of
 * theirs can be missing; then core's ROM service says which program it is
 * and how to get it, and so does the build's summary (scripts/programs.mjs),
 * instead of only that a ROM module was not found.
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/* Nido's installation: this file is dist/core/shipped_program.js. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Debian's packages that build the C programs (wasm/build.mjs). */
export const C_PACKAGES = 'clang lld wasi-libc libclang-rt-14-dev-wasm32';
/** …and noux's, linked by nido cc, which archives its POSIX layer with llvm-ar. */
export const NOUX_PACKAGES = `${C_PACKAGES} llvm`;
/** …and the ports of Debian's programs (ports/README.md, "What it needs"). */
export const PORT_PACKAGES = `${NOUX_PACKAGES} make dpkg-dev ncurses-bin gawk autoconf automake autopoint less`;

/* The archives wasm/noux_build.mjs packs of noux's programs and Nido's tools. */
const NOUX_ARCHIVES = new Set(['nsh.tar', 'tools.tar', 'noux_tests.tar']);
/* ROM modules scripts/build.mjs copies from npm packages (its packagedModules). */
const PACKAGED: Readonly<Record<string, string>> = { 'ruby.wasm': '@ruby/3.4-wasm-wasi' };

/** What a shipped program is and where it comes from. */
export interface ShippedProgram {
  /** The ROM module's name as asked for (`ls`, `bash.tar`). */
  readonly module: string;
  /** `c`: wasm/build.mjs; `noux`: wasm/build.mjs with nido cc; `port`: npm run ports; `packaged`: the build, from npm. */
  readonly kind: 'c' | 'noux' | 'port' | 'packaged';
  /** Where it is made from, relative to the repository (`wasm/src/ls.c`, `ports/bash`, `@ruby/3.4-wasm-wasi`). */
  readonly origin: string;
}

/**
 * The shipped program whose ROM module `module` is, or undefined if it is
 * none of them (a file the boot directory should hold).
 *
 *   await shippedProgram('ls')        // { module: 'ls', kind: 'c', origin: 'wasm/src/ls.c' }
 *   await shippedProgram('bash.tar')  // { module: 'bash.tar', kind: 'port', origin: 'ports/bash' }
 */
export async function shippedProgram(module: string, root = ROOT): Promise<ShippedProgram | undefined> {
  return shippedProgramSync(module, root);
}

/** shippedProgram for callers that cannot wait (nido check's environment, src/cli/check.ts): a few stat calls. */
export function shippedProgramSync(module: string, root = ROOT): ShippedProgram | undefined {
  if (!/^[\w.+-]+$/.test(module) || module.startsWith('.')) return undefined;
  const packaged = PACKAGED[module];
  if (packaged !== undefined) return { module, kind: 'packaged', origin: packaged };
  const tar = module.endsWith('.tar');
  const base = module.replace(/\.(wasm|tar)$/, '');
  if (NOUX_ARCHIVES.has(module)) return { module, kind: 'noux', origin: 'wasm/noux' };
  if (!tar) {
    if (existsSync(join(root, 'wasm', 'src', `${base}.c`))) return { module, kind: 'c', origin: `wasm/src/${base}.c` };
    if (existsSync(join(root, 'wasm', 'noux', `${base}.c`))) return { module, kind: 'noux', origin: `wasm/noux/${base}.c` };
  }
  /* A port's modules are named after it (bc, dash.tar), its test suite's after it with _tests (sed_tests.tar). */
  for (const port of [base, base.replace(/_tests$/, '')]) {
    if (existsSync(join(root, 'ports', port, 'port.mjs'))) return { module, kind: 'port', origin: `ports/${port}` };
  }
  return undefined;
}

/** What programs of a kind are, for a sentence that names several. */
export const KIND_NAMES: Readonly<Record<ShippedProgram['kind'], string>> = {
  c: "Nido's C programs",
  noux: "noux's programs",
  port: "ports of Debian's programs",
  packaged: 'modules from npm packages',
};

/** How programs of `kind` are built and what that needs, for after the programs' names. */
export function howToBuild(kind: ShippedProgram['kind']): string {
  const wasmBuild = 'built by `node wasm/build.mjs` (part of `npm start`, `npm run build` and `npm test`)';
  switch (kind) {
    case 'c':
      return `${wasmBuild} where clang can build for wasm32-wasi: sudo apt-get install ${C_PACKAGES}`;
    case 'noux':
      return `${wasmBuild} with nido cc, which needs clang and llvm: sudo apt-get install ${NOUX_PACKAGES}`;
    case 'port':
      return 'built by `npm run ports` (about 20 minutes once, then kept in ~/.cache/nido/ports, where `npm start` finds it), '
        + `which needs apt's deb-src entries and: sudo apt-get install ${PORT_PACKAGES} (ports/README.md)`;
    case 'packaged':
      return 'which scripts/build.mjs copies into dist/wasm: npm install, then npm start';
  }
}

/**
 * Which program `program` is and how to get it, as one sentence:
 *
 *   ls is one of Nido's C programs (wasm/src/ls.c), built by `node wasm/build.mjs` ...
 */
export function howToGet(program: ShippedProgram): string {
  const { module, origin, kind } = program;
  const what = {
    c: `${module} is one of Nido's C programs (${origin})`,
    noux: `${module} is one of noux's programs (${origin})`,
    port: `${module} comes from the port of Debian's ${origin.replace(/^ports\//, '')} (${origin})`,
    packaged: `${module} comes from the npm package ${origin}`,
  }[kind];
  return `${what}, ${howToBuild(kind)}`;
}
