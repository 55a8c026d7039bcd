/*
 * The PD runtime as scripts/build.mjs bundles it (dist/core/pd/runtime.js):
 * one copy of the base library, whatever path the libraries import it by
 * ('nido' or relative), and class names kept. Errors cross protection
 * domains by class name; a second copy renamed `NoSpace` to `NoSpace2`, so
 * a full file system reached a C program as an uncaught error instead of
 * ENOSPC.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';

const runtime = await readFile(new URL('./runtime.js', import.meta.url), 'utf8');

test('the PD runtime holds one copy of the base library', () => {
  assert.equal(runtime.match(/^var NidoError\d* = class /gm)?.length, 1);
  assert.doesNotMatch(runtime, /^var (NidoError|NoSpace|Ipc)\d+ = /m);
});

test('the PD runtime keeps class names, which errors cross protection domains by', async () => {
  assert.match(runtime, /__name\(this, "NoSpace"\)/);
});
