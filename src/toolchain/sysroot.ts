/*
 * The sysroot of `nido cc`: wasi-libc's headers with the declarations it
 * hides because plain WASI lacks them (fork, pipe, sigaction, …) made
 * visible again, since noux provides them. wasi-libc marks each hidden
 * block with `#ifdef __wasilibc_unmodified_upstream /* reason *\/`; the
 * blocks whose reason is listed here are switched on, and nothing else
 * changes. A reason that is no longer found (another wasi-libc) is an
 * error, not a silently different toolchain.
 */

import { cp, mkdir, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** The hidden blocks noux provides, by wasi-libc's reason for hiding them. */
export const UNHIDDEN = [
  'WASI has no fork/exec',
  'WASI has no pipe',
  'WASI has no popen',
  'WASI has no dup',
  'WASI has no getpid etc.',
  'WASI has no getuid etc.',
  'WASI has no process groups',
  'WASI has no ttyname',
  'WASI has no pause',
  'WASI has no getitimer',
  'WASI has no signals',
  'WASI has no sigaction',
  'WASI has no signal sets',
  'WASI has no ucontext support',
  'WASI has no umask',
  'WASI has no chmod',
  'WASI has no chown',
  'WASI has no fchdir',
  'WASI has no timezone tables',
] as const;

const SIGSET_T = `#ifndef __wasilibc___typedef_sigset_t_h
#define __wasilibc___typedef_sigset_t_h
/* Nido: musl's signal set (signals 1 to 64 and room for more), not wasi-libc's single byte. */
typedef struct __sigset_t { unsigned long __bits[128/sizeof(long)]; } sigset_t;
#endif
`;

const MARKER = /#ifdef __wasilibc_unmodified_upstream \/\* (.*?) \*\//g;

export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function headers(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await headers(path)));
    else if (entry.name.endsWith('.h')) out.push(path);
  }
  return out;
}

/**
 * Writes the sysroot into `target` (include/wasm32-wasi, lib/wasm32-wasi)
 * from wasi-libc's `include` and `lib` directories.
 */
export async function writeSysroot(target: string, wasiInclude: string, wasiLib: string): Promise<void> {
  await rm(target, { recursive: true, force: true });
  const include = join(target, 'include', 'wasm32-wasi');
  await mkdir(join(target, 'lib'), { recursive: true });
  await cp(wasiInclude, include, { recursive: true });
  await symlink(wasiLib, join(target, 'lib', 'wasm32-wasi'));
  const found = new Set<string>();
  for (const file of await headers(include)) {
    const text = await readFile(file, 'utf8');
    let changed = false;
    const patched = text.replace(MARKER, (whole, reason: string) => {
      if (!(UNHIDDEN as readonly string[]).includes(reason)) return whole;
      found.add(reason);
      changed = true;
      return `#if 1 /* Nido's noux provides it: ${reason} */`;
    });
    if (changed) await writeFile(file, patched);
  }
  /* wasi-libc's sigset_t is one byte, too small for 64 signals: musl's, which its headers were written for. */
  await writeFile(join(include, '__typedef_sigset_t.h'), SIGSET_T);
  const missing = UNHIDDEN.filter((reason) => !found.has(reason));
  if (missing.length > 0) {
    throw new Error(`wasi-libc's headers in ${relative(process.cwd(), wasiInclude) || wasiInclude} have no hidden block "${missing.join('", "')}": another wasi-libc than nido cc knows`);
  }
}

/** Where wasi-libc lives: Debian's places first, then other distributions' sysroots. */
export async function findWasiLibc(): Promise<{ include: string; lib: string } | undefined> {
  const candidates = [
    { include: '/usr/include/wasm32-wasi', lib: '/usr/lib/wasm32-wasi' },
    { include: '/usr/share/wasi-sysroot/include/wasm32-wasi', lib: '/usr/share/wasi-sysroot/lib/wasm32-wasi' },
    { include: '/usr/share/wasi-sysroot/include', lib: '/usr/share/wasi-sysroot/lib/wasm32-wasi' },
    { include: '/opt/wasi-sdk/share/wasi-sysroot/include', lib: '/opt/wasi-sdk/share/wasi-sysroot/lib/wasm32-wasi' },
  ];
  for (const candidate of candidates) {
    if (await exists(join(candidate.include, 'unistd.h')) && await exists(join(candidate.lib, 'libc.a'))) return candidate;
  }
  return undefined;
}
