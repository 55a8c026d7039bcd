/*
 * Components for the VFS scenario tests that link library code (the VFS),
 * bundled the way scripts/build.mjs bundles servers: one module that
 * imports only 'nido'.
 */

import { build } from 'esbuild';

/** The bundled component whose source is `entry`. */
export async function bundleComponent(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry], bundle: true, write: false, format: 'esm', platform: 'neutral',
    target: 'es2023', external: ['nido'], logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`bundling ${entry} gave no output`);
  return output.text;
}
