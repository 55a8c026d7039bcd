/*
 * What must check clean (no errors): every example, every scenario test's
 * boot directory, Genode's test-init deployment with each of its scripts,
 * and the seed talk's component configs. With xmllint installed, the
 * examples also validate against `nido schema init`.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootDir, nidoBin, repoRoot } from '../harness.js';

const { check, hostEnvironment } = (await import(new URL('../../cli/check.js', import.meta.url).href)) as typeof import('../../src/cli/check.js');
const { checkComponentConfigText, checkInitConfig, formatFinding, hasErrors } = (await import(new URL('../../lib/check/index.js', import.meta.url).href)) as typeof import('../../src/lib/check/index.js');
const { shippedProgramSync } = (await import(new URL('../../core/shipped_program.js', import.meta.url).href)) as typeof import('../../src/core/shipped_program.js');
type CheckEnvironment = import('../../src/lib/check/index.js').CheckEnvironment;

/* The shipped programs and ports this machine has not built, which the configs name: said, not failed (they are the machine's, not the configs'). */
const unbuilt = new Set<string>();

/** The host as `nido check` sees it, with every shipped program and port built. */
function fullyBuilt(environment: CheckEnvironment): CheckEnvironment {
  return {
    ...environment,
    rom: (name) => {
      const found = environment.rom(name);
      if (found !== undefined || shippedProgramSync(name) === undefined) return found;
      unbuilt.add(name);
      return { origin: 'program', file: /\.(tar|wasm)$/.test(name) ? name : `${name}.wasm`, text: () => undefined };
    },
  };
}

/** `nido check DIR`'s verdict (errors or not) and output, in this process. */
async function checked(dir: string): Promise<{ code: number; output: string }> {
  if (!existsSync(join(dir, 'config'))) {
    /* a config program: the command generates its XML */
    let output = '';
    const code = await check([dir], (text) => { output += text; });
    return { code, output };
  }
  const findings = checkInitConfig(readFileSync(join(dir, 'config'), 'utf8'), join(dir, 'config'), fullyBuilt(hostEnvironment(dir, dir, 256 * 1024 * 1024, 10_000)));
  return { code: hasErrors(findings) ? 1 : 0, output: findings.map(formatFinding).join('\n') };
}

function bootDirectories(parent: string): string[] {
  return readdirSync(join(repoRoot, parent), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(repoRoot, parent, entry.name))
    .filter((dir) => ['config', 'config.ts', 'config.mjs', 'config.js'].some((name) => existsSync(join(dir, name))));
}

/* Files a scenario test adds to its boot directory before it runs; the check sees their names only. */
const ADDED: Readonly<Record<string, readonly string[]>> = { vfs_server: ['root.tar', 'mounter.js'] };

test('every example checks without errors', async (t) => {
  const dirs = bootDirectories('examples');
  assert.ok(dirs.length >= 10);
  for (const dir of dirs) {
    const { code, output } = await checked(dir);
    assert.equal(code, 0, `${dir}:\n${output}`);
  }
  if (unbuilt.size > 0) t.diagnostic(`shipped programs not built on this machine, taken as built: ${[...unbuilt].join(', ')}`);
});

test('every scenario test\'s boot directory checks without errors', async () => {
  for (const template of bootDirectories(join('test', 'scenarios'))) {
    const name = template.split('/').at(-1) ?? '';
    const added = Object.fromEntries((ADDED[name] ?? []).map((file) => [file, '']));
    const dir = Object.keys(added).length === 0 ? template : await bootDir(added, template);
    const { code, output } = await checked(dir);
    assert.equal(code, 0, `${name}:\n${output}`);
  }
});

test('Genode\'s test-init deployment checks without errors with each script; the mistakes its scripts make on purpose are warnings', async () => {
  const deployment = join(repoRoot, 'test', 'scenarios', 'init');
  for (const script of ['smoke', 'routing', 'quotas', 'lifecycle']) {
    const dir = await bootDir({ 'test-init.config': readFileSync(join(deployment, `${script}.config`)) }, deployment);
    const { code, output } = await checked(dir);
    assert.equal(code, 0, `${script}:\n${output}`);
    if (script === 'routing') {
      /* "a server that declares its service late": the writer's LOG route leads to a child that does not provide LOG (yet) */
      assert.match(output, /test-init\.config:\d+:\d+: warning: route for "LOG": child "logger" does not provide "LOG".*test-init tests init with such mistakes on purpose/);
    }
  }
});

test('the seed talk\'s noux and ram_fs configs check clean by their schemas', () => {
  const dir = join(repoRoot, 'test', 'check', 'genode');
  const environment = hostEnvironment(dir, 'genode', 256 * 1024 * 1024, 10_000);
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.config'))) {
    const component = /^seed_(noux|ram_fs)/.exec(file)?.[1];
    assert.ok(component !== undefined, file);
    const findings = checkComponentConfigText(component, readFileSync(join(dir, file), 'utf8'), join('genode', file), environment);
    assert.deepEqual(findings.map(formatFinding), [], file);
  }
});

test('with xmllint, the examples validate against nido schema init', async (t) => {
  if (spawnSync('xmllint', ['--version']).error !== undefined) {
    t.skip('xmllint is not installed (Debian: libxml2-utils): the examples were not validated against the XSD');
    return;
  }
  const schema = spawnSync(process.execPath, [nidoBin, 'schema', 'init'], { encoding: 'utf8' });
  assert.equal(schema.status, 0, schema.stderr);
  const xsd = join(await bootDir({ 'init.xsd': schema.stdout }), 'init.xsd');
  const configs = bootDirectories('examples').map((dir) => join(dir, 'config')).filter((file) => existsSync(file));
  const result = spawnSync('xmllint', ['--noout', '--schema', xsd, ...configs], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stderr.split('\n').filter((line) => line.endsWith(' validates')).length, configs.length, result.stderr);
});

test('with xmllint, a corpus config with a misspelt attribute fails the XSD where nido check warns', async (t) => {
  if (spawnSync('xmllint', ['--version']).error !== undefined) {
    t.skip('xmllint is not installed (Debian: libxml2-utils)');
    return;
  }
  const schema = spawnSync(process.execPath, [nidoBin, 'schema', 'init'], { encoding: 'utf8' });
  const dir = await bootDir({ 'init.xsd': schema.stdout });
  await writeFile(join(dir, 'config'), readFileSync(join(repoRoot, 'test', 'check', 'corpus', 'unknown_start_attribute', 'config')));
  const result = spawnSync('xmllint', ['--noout', '--schema', join(dir, 'init.xsd'), join(dir, 'config')], { encoding: 'utf8' });
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /attribute 'rma': The attribute 'rma' is not allowed/);
});
