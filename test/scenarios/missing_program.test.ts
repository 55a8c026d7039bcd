/*
 * A shipped program that was not built (a machine without clang, ports
 * never built): `nido run` says which program it is and how to get it,
 * not only that a ROM module was not found; and the build's summary
 * (scripts/programs.mjs) names the examples that cannot run yet.
 *
 * The installation is copied without dist/wasm, as a fresh clone on a
 * machine without clang has it; the tree's own dist/wasm stays untouched.
 */

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { bootDir, repoRoot } from '../harness.js';

/*
 * A copy of Nido without its programs: dist/ without dist/wasm (and the
 * caches and tests), the scripts and sources that build programs (but
 * wasm/build, their cache); node_modules is a link. Copies, not links: a
 * script finds its tree from its real path, and none may write to this
 * tree's dist/.
 */
async function installationWithoutPrograms(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'nido-fresh-'));
  const skipped = ['dist/wasm', 'dist/cache', 'dist/test', 'dist/bench', 'wasm/build'].map((dir) => join(repoRoot, dir));
  const filter = (source: string) => !skipped.some((dir) => source === dir || source.startsWith(dir + sep));
  for (const entry of ['bin', 'package.json', 'dist', 'scripts', 'wasm', 'ports', 'examples']) {
    await cp(join(repoRoot, entry), join(root, entry), { recursive: true, filter });
  }
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'));
  return root;
}

const installation = installationWithoutPrograms();
installation.catch(() => undefined);
after(async () => rm(await installation, { recursive: true, force: true }));

test('a missing C program and a missing port say which program they are and how to get them', { timeout: 120_000 }, async () => {
  const root = await installation;
  const boot = await bootDir({
    config: `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="2M"/>
  <start name="ls"/>
  <start name="reader"/>
</config>`,
    'reader.js': 'export async function construct(env) {\n  try { await env.rom(\'bash.tar\'); } catch (error) { env.log(`reader: ${error.message}`); }\n  env.log(\'reader: done\');\n}\n',
  });
  const result = spawnSync(process.execPath, [join(root, 'bin', 'nido.js'), 'run', boot, '--until', 'reader: done', '--timeout', '60'],
    { encoding: 'utf8', timeout: 90_000 });
  const all = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, all);
  assert.match(all, /ROM module "ls" not found \(requested by "init -> ls"\): ls is one of Nido's C programs \(wasm\/src\/ls\.c\), built by `node wasm\/build\.mjs` \(part of `npm start`[^)]*\) where clang can build for wasm32-wasi: sudo apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32/);
  assert.match(all, /\[init -> reader\] reader: ROM module "bash\.tar" not found \(requested by "init -> reader -> bash\.tar"\): bash\.tar comes from the port of Debian's bash \(ports\/bash\), built by `npm run ports`.*sudo apt-get install .*dpkg-dev/);
  /* The message names no path of the host. */
  assert.ok(!all.includes(root) && !all.includes(repoRoot), all);
});

test('the build\'s summary names each example that cannot run yet, what it needs and how to get it, once', { timeout: 300_000 }, async () => {
  const root = await installation;
  /* No compiler on the PATH and an empty ports cache: a machine with nothing but Node. */
  const result = spawnSync(process.execPath, [join(root, 'scripts', 'programs.mjs')], {
    encoding: 'utf8', timeout: 240_000, cwd: root,
    env: { ...process.env, PATH: '/nonexistent', NIDO_PORTS_CACHE: join(root, 'no-ports') },
  });
  const all = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, all);
  const lines = all.split('\n');
  const about = (example: string) => lines.filter((line) => line.startsWith('- ') && new RegExp(`examples/${example}(?!\\w)`).test(line));
  assert.equal(about('file_system').length, 1, all);
  assert.match(about('file_system')[0] ?? '', /need .*\bls\b.*Nido's C programs, built by `node wasm\/build\.mjs`.*sudo apt-get install clang/);
  assert.match(about('noux')[0] ?? '', /nsh\.tar.*noux's programs.*sudo apt-get install clang .*llvm/);
  assert.match(about('noux_bash')[0] ?? '', /bash\.tar.*ports of Debian's programs, built by `npm run ports`/);
  /* Examples that need nothing built run, and are not named. */
  assert.deepEqual(about('hello'), []);
  assert.deepEqual(about('demo'), []);
  assert.equal(lines.filter((line) => line.startsWith('Not built on this machine')).length, 1, all);
});
