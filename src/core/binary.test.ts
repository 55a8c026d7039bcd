import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InvalidBinary, loadBinary } from './binary.js';

const cacheDir = fileURLToPath(new URL('../cache/binaries/', import.meta.url));

test('a module becomes a CommonJS script, kept on disk for the next run', async () => {
  const marker = `binary test ${process.pid} ${Date.now()}`;
  const source = `import { harden } from 'nido';\nexport function construct(env: unknown) { return harden(${JSON.stringify(marker)}); }\n`;
  const before = new Set(await readdir(cacheDir).catch(() => []));
  const code = await loadBinary(source, 'probe.ts');
  assert.match(code, /require\("nido"\)/);
  assert.match(code, /exports/);
  const added = (await readdir(cacheDir)).filter((file) => !before.has(file));
  assert.equal(added.length, 1);
  assert.equal(await readFile(new URL(added[0] ?? '', `file://${cacheDir}`), 'utf8'), code);
  /* The same source again: the cached promise, not a second entry. */
  assert.equal(await loadBinary(source, 'other-name.ts'), code);
  assert.equal((await readdir(cacheDir)).filter((file) => !before.has(file)).length, 1);
});

test('a module that does not parse is InvalidBinary naming file, line and column; nothing is cached', async () => {
  const before = (await readdir(cacheDir).catch(() => [])).length;
  await assert.rejects(loadBinary('export function construct(env) {\n  return 1 +;\n}\n', 'broken.js'),
    (error: unknown) => error instanceof InvalidBinary && /^broken\.js:2:\d+: /.test(error.message));
  assert.equal((await readdir(cacheDir).catch(() => [])).length, before);
});
