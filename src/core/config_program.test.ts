import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configProgram, ConfigProgramError, ConfigRom, generateConfig } from './config_program.js';

async function withBootDir(files: Record<string, string>, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-config-program-'));
  try {
    for (const [name, content] of Object.entries(files)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), content);
    }
    await body(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/* A new content with a new time of modification, as an editor's save: the cache compares size and mtime. */
async function save(path: string, content: string, seconds: number): Promise<void> {
  await writeFile(path, content);
  await utimes(path, seconds, seconds);
}

test('a config file wins over a program; config.ts before config.mjs and config.js', async () => {
  await withBootDir({ 'config.js': '', 'config.mjs': '', 'config.ts': '' }, async (dir) => {
    assert.equal(await configProgram(dir), join(dir, 'config.ts'));
    await rm(join(dir, 'config.ts'));
    assert.equal(await configProgram(dir), join(dir, 'config.mjs'));
    await writeFile(join(dir, 'config'), '<config/>');
    assert.equal(await configProgram(dir), undefined);
  });
});

test('the program, its imports and a CommonJS package it uses are bundled; it runs again only when one of them changed', async () => {
  await withBootDir({
    'config.ts': "import { init, start } from 'nido/config';\nimport { names } from './lib/names.js';\nexport default init({ start: names.map((name) => start(name)) });\n",
    'lib/names.ts': "import base from 'base';\nexport const names: string[] = [base('/x/first')];\n",
    'node_modules/base/package.json': '{ "name": "base", "main": "index.js" }',
    'node_modules/base/index.js': "module.exports = (path) => require('node:path').basename(path);\n",
  }, async (dir) => {
    const program = join(dir, 'config.ts');
    assert.equal(await generateConfig(program, dir), '<config>\n\t<start name="first"/>\n</config>\n');
    await save(join(dir, 'lib', 'names.ts'), "export const names: string[] = ['second', 'third'];\n", 1000);
    assert.equal(await generateConfig(program, dir), '<config>\n\t<start name="second"/>\n\t<start name="third"/>\n</config>\n');
  });
});

test('a throw names the program\'s own frames, in the files it imports too', async () => {
  await withBootDir({
    'config.ts': "import { init } from 'nido/config';\nimport { caps } from './lib/caps.js';\n\nexport default init({ default: { caps: caps() } });\n",
    'lib/caps.ts': "export function caps(): number {\n  throw new TypeError('no caps');\n}\n",
  }, async (dir) => {
    await assert.rejects(generateConfig(join(dir, 'config.ts'), dir), (error: unknown) => {
      assert.ok(error instanceof ConfigProgramError);
      assert.equal(error.message, `${join(dir, 'lib', 'caps.ts')}:2:9: TypeError: no caps\n    at ${join(dir, 'config.ts')}:4:40`);
      return true;
    });
  });
});

test('ConfigRom reports a failure once and keeps the last good config until the program works again', async () => {
  const good = "import { init } from 'nido/config';\nexport default init({ version: 'VERSION' });\n";
  await withBootDir({ 'config.ts': good.replace('VERSION', 'one') }, async (dir) => {
    const program = join(dir, 'config.ts');
    const reports: string[] = [];
    const rom = new ConfigRom((text) => reports.push(text));
    assert.equal(await rom.content(program, dir), '<config version="one"/>\n');
    await save(program, "throw new Error('half-edited');\n", 1000);
    assert.equal(await rom.content(program, dir), '<config version="one"/>\n');
    assert.equal(await rom.content(program, dir), '<config version="one"/>\n');
    assert.equal(reports.length, 1);
    assert.match(reports[0] ?? '', /config\.ts:1:7: Error: half-edited\n\(init keeps its config until .*config\.ts works again\)$/);
    await save(program, good.replace('VERSION', 'two'), 2000);
    assert.equal(await rom.content(program, dir), '<config version="two"/>\n');
  });
});
