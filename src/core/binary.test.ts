import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { InvalidBinary, loadBinary, moduleFile } from './binary.js';

const cacheDir = fileURLToPath(new URL('../cache/binaries/', import.meta.url));

/* Runs a bundle as the PD runtime does (module, exports, require of 'nido' only) and returns construct's result. */
function construct(code: string): unknown {
  const module = { exports: {} as Record<string, unknown> };
  const factory = vm.runInThisContext(`(function (module, exports, require) {${code}\n})`) as (m: unknown, e: unknown, r: unknown) => void;
  factory(module, module.exports, (name: string) => {
    if (name === 'nido') return {};
    throw new Error(`require of "${name}" at run time`);
  });
  return (module.exports['construct'] as () => unknown)();
}

/* A boot directory with node_modules holding `packages` (name → files). */
async function bootDir(packages: Record<string, Record<string, string>>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-binary-'));
  for (const [name, files] of Object.entries(packages)) {
    for (const [file, text] of Object.entries(files)) {
      const path = join(dir, 'node_modules', name, file);
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(path, text);
    }
  }
  return dir;
}

test('a module becomes a CommonJS script, kept on disk for the next run', async () => {
  const marker = `binary test ${process.pid} ${Date.now()}`;
  const source = `import { harden } from 'nido';\nexport function construct(env: unknown) { return harden(JSON.stringify(${JSON.stringify(marker)})); }\n`;
  const before = new Set(await readdir(cacheDir).catch(() => []));
  const { code, globals } = await loadBinary(source, 'probe.ts');
  assert.match(code, /require\("nido"\)/);
  assert.ok(globals.includes('JSON'), String(globals));
  /* JSON.stringify names JSON: a global the runtime hands the module as a parameter (see bundle.ts); .stringify is no global. */
  assert.ok(!globals.includes('stringify'));
  assert.match(code, /exports/);
  const added = (await readdir(cacheDir)).filter((file) => !before.has(file));
  assert.equal(added.length, 1);
  const entry = JSON.parse(await readFile(join(cacheDir, added[0] ?? ''), 'utf8')) as { code: string; inputs: unknown[] };
  assert.equal(entry.code, code);
  assert.deepEqual(entry.inputs, []);
  /* The same source again, from another boot directory: the cached promise, not a second entry. */
  assert.equal((await loadBinary(source, 'other-name.ts', tmpdir())).code, code);
  assert.equal((await readdir(cacheDir)).filter((file) => !before.has(file)).length, 1);
});

test('a module that does not parse is InvalidBinary naming file, line and column; nothing is cached', async () => {
  const before = (await readdir(cacheDir).catch(() => [])).length;
  await assert.rejects(loadBinary('export function construct(env) {\n  return 1 +;\n}\n', 'broken.js'),
    (error: unknown) => error instanceof InvalidBinary && /^broken\.js:2:\d+: /.test(error.message));
  assert.equal((await readdir(cacheDir).catch(() => [])).length, before);
});

test('packages in the boot directory are bundled, their browser build preferred, and rebundled when they change', async () => {
  const dir = await bootDir({
    greeting: {
      'package.json': JSON.stringify({ name: 'greeting', main: 'node.js', browser: 'browser.js' }),
      'node.js': `module.exports = () => 'node build';`,
      'browser.js': `module.exports = () => 'browser build';`,
    },
  });
  try {
    const source = `import greet from 'greeting';\nexport function construct() { return greet() + ' ' + ${Date.now()}; }\n`;
    assert.match(String(construct((await loadBinary(source, 'app.js', dir)).code)), /^browser build /);
    const file = join(dir, 'node_modules', 'greeting', 'browser.js');
    await writeFile(file, `module.exports = () => 'changed build';`);
    /* A bundle checked within the last second is taken as it is (binary.ts). */
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await utimes(file, new Date(), new Date(Date.now() + 5000));
    assert.match(String(construct((await loadBinary(source, 'app.js', dir)).code)), /^changed build /);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('Node built-ins: the stand-ins for buffer, events, path and util; any other is refused naming package, import and file', async () => {
  const dir = await bootDir({
    reader: {
      'package.json': JSON.stringify({ name: 'reader', main: 'index.js' }),
      'index.js': `const fs = require('fs');\nmodule.exports = (p) => fs.readFileSync(p);\n`,
    },
  });
  try {
    const standIns = `import path from 'node:path';\nimport { EventEmitter } from 'events';\nimport { format } from 'util';\n`
      + `export function construct() { const e = new EventEmitter(); let heard = ''; e.on('x', (v) => { heard = v; }); e.emit('x', format('%s!', 'hi'));\n`
      + `  return [path.join('/a', '..', 'b'), heard, Buffer.from('Nido').toString('base64')].join(' '); }\n`;
    assert.equal(construct((await loadBinary(standIns, 'stand_ins.js', dir)).code), '/b hi! Tmlkbw==');
    await assert.rejects(loadBinary(`import read from 'reader';\nexport function construct() { return read('/etc/hostname'); }\n`, 'app.js', dir),
      (error: unknown) => error instanceof InvalidBinary
        && /^node_modules\/reader\/index\.js:1:\d+: package "reader" imports "fs", a built-in module of Node/.test(error.message)
        && !error.message.includes(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a bundle\'s source map names its files relative to the boot directory, and the module itself by its file', async () => {
  const dir = await bootDir({ helper: { 'package.json': JSON.stringify({ name: 'helper', main: 'index.js' }), 'index.js': 'module.exports = () => 1;\n' } });
  try {
    await mkdir(join(dir, 'lib'));
    await writeFile(join(dir, 'lib', 'util.ts'), `export const util = (): number => ${process.pid};\n`);
    const source = `import helper from 'helper';\nimport { util } from './lib/util.js';\nexport function construct() { return helper() + util(); }\n`;
    await writeFile(join(dir, 'app.ts'), source);
    const { map } = await loadBinary(source, 'app', dir);
    assert.ok(map !== undefined);
    const sources = (JSON.parse(map.json) as { sources: string[] }).sources;
    /* esbuild's own pseudo-files (<define:process.env>) aside. */
    assert.deepEqual(sources.filter((file) => !file.startsWith('<')).sort(), ['app', 'lib/util.ts', 'node_modules/helper/index.js']);
    assert.equal(sources[map.main], 'app');
    assert.ok(!map.json.includes(dir) && !map.json.includes('sourcesContent'));
    /* The starter names the module by the file the ROM service finds first: app.ts, as no app or app.js is there. */
    assert.equal(await moduleFile('app', dir), 'app.ts');
    assert.equal(await moduleFile('elsewhere', dir), 'elsewhere');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a shipped component\'s map names its sources in the repository (src/...), never a host path', async () => {
  const componentDir = fileURLToPath(new URL('../components/', import.meta.url));
  const source = await readFile(join(componentDir, 'dummy.js'), 'utf8');
  const { map } = await loadBinary(source, 'dummy', tmpdir());
  assert.ok(map !== undefined);
  const sources = (JSON.parse(map.json) as { sources: string[] }).sources;
  assert.ok(sources.includes('src/test/dummy/main.ts'), sources.join(', '));
  for (const file of sources) assert.match(file, /^(src\/|node_modules\/|<)/);
});
