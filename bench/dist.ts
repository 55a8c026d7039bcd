/*
 * Loading Nido's built modules from a benchmark.
 *
 * Benchmarks are built to dist/bench/ and Nido's sources to dist/, so a
 * static import cannot name a path that is right both for the type checker
 * (src/) and at run time (dist/). Benchmarks therefore take a module's type
 * from its source (`typeof import('../src/...')`, erased by the build) and
 * load the built module by URL:
 *
 *   const { Ipc } = await load<typeof import('../src/base/ipc.js')>('base/ipc.js');
 */

import { fileURLToPath } from 'node:url';

/** Root of the built tree (dist/). */
export const distDir = fileURLToPath(new URL('..', import.meta.url));

/** Root of the repository. */
export const repoDir = fileURLToPath(new URL('../..', import.meta.url));

/** Imports dist/PATH; `M` is the type of its source module. */
export async function load<M>(path: string): Promise<M> {
  return (await import(new URL(`../${path}`, import.meta.url).href)) as M;
}
