/*
 * The command line: `nido check` (findings as DIR/config:LINE:COLUMN with
 * hint lines, exit 1 with an error, 0 with warnings only or none, 2 for
 * usage errors), `nido schema` (a well-formed XSD per schema, the list,
 * an unknown name), and `nido run`, which prints the findings on stderr
 * and boots anyway with stdout unchanged.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootDir, nidoBin, nidoRun, repoRoot } from '../harness.js';

const { parseXml } = (await import(new URL('../../util/xml.js', import.meta.url).href)) as typeof import('../../src/util/xml.js');

function nido(...args: string[]) {
  return spawnSync(process.execPath, [nidoBin, ...args], { encoding: 'utf8', cwd: repoRoot });
}

test('nido check: an error is file:line:column with a hint line, and exits 1', () => {
  const result = nido('check', 'test/check/corpus/route_to_nobody');
  assert.equal(result.status, 1, result.stderr);
  assert.deepEqual(result.stdout.split('\n'), [
    'test/check/corpus/route_to_nobody/config:8:28: error: route for "LOG": <child name="nobody"> names no child of this config: init denies every "LOG" session this rule matches',
    '  hint: the only child is "a"',
    '1 error',
    '',
  ]);
});

test('nido check: warnings only exit 0; a clean config says so', () => {
  const warned = nido('check', 'test/check/corpus/quantum_on_start/');
  assert.equal(warned.status, 0, warned.stderr);
  assert.match(warned.stdout, /^test\/check\/corpus\/quantum_on_start\/config:6:19: warning: quantum="3" means nothing on <start>: init ignores it\n {2}hint: did you mean <resource name="RAM" quantum="3"\/> inside <start>, or ram="3M"\?\n1 warning\n$/);
  const clean = nido('check', 'examples/hello');
  assert.equal(clean.status, 0, clean.stderr);
  assert.equal(clean.stdout, 'no findings\n');
});

test('nido check: every finding at once, in the order of the file', () => {
  const result = spawnSync(process.execPath, [nidoBin, 'check', join(repoRoot, 'test', 'check', 'corpus', 'no_parent_provides')], { encoding: 'utf8', cwd: '/' });
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^\/.*\/no_parent_provides\/config:2:1: error: there is no <parent-provides>, so the parent gives no PD, CPU, LOG or ROM, which child "a" needs to start/);
});

test('nido check: --ram and --caps are init\'s quota, as for nido run', () => {
  const small = nido('check', 'examples/hello', '--ram', '1M');
  assert.equal(small.status, 0, small.stderr);
  assert.match(small.stdout, /warning: the children's RAM adds up to 1M with "hello", more than the 704K init can give \(--ram 1M, less 320K preserved\)/);
  assert.match(nido('check', 'examples/hello', '--caps', '50').stdout, /the children's caps add up to 100 with "hello"/);
});

test('nido check: usage errors exit 2', () => {
  for (const args of [['check'], ['check', 'examples/hello', 'examples/demo'], ['check', '/nonexistent/boot'], ['check', 'examples/hello', '--ram', 'lots'], ['check', 'examples/hello', '--bogus']]) {
    const result = nido(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, /^nido: /, args.join(' '));
  }
});

test('nido schema init is a well-formed XSD of init\'s config; every listed schema too', () => {
  const init = nido('schema', 'init');
  assert.equal(init.status, 0, init.stderr);
  const xsd = parseXml(init.stdout, { source: 'init.xsd' });
  assert.equal(xsd.type, 'xs:schema');
  assert.equal(xsd.child('xs:element')?.attribute('name'), 'config');
  const start = xsd.children('xs:complexType').find((type) => type.attribute('name') === 'init.config.start');
  assert.ok(start !== undefined, 'a type for <start>');
  assert.deepEqual(start.children('xs:attribute').map((a) => a.attribute('name')), ['name', 'ram', 'caps', 'priority', 'version', 'ld', 'managing_system']);
  const list = nido('schema');
  assert.equal(list.status, 0);
  const names = list.stdout.split('\n').slice(1).map((line) => line.trim().split(/\s+/)[0]).filter((name) => name !== undefined && name !== '');
  assert.ok(names[0] === 'init' && names.includes('ram_fs') && names.includes('vfs') && names.includes('noux') && names.length >= 20, list.stdout);
  for (const name of names) {
    const result = nido('schema', name as string);
    assert.equal(result.status, 0, `${name}: ${result.stderr}`);
    assert.equal(parseXml(result.stdout, { source: `${name}.xsd` }).type, 'xs:schema', name);
  }
});

test('nido schema: an unknown name exits 2 and suggests the near one', () => {
  const result = nido('schema', 'ram_f');
  assert.equal(result.status, 2);
  assert.match(result.stderr, /^nido: schema: no schema "ram_f" \(did you mean "ram_fs"\?\)/);
});

test('nido run prints the findings on stderr, boots anyway, and stdout is the log alone', async () => {
  const hello = join(repoRoot, 'examples', 'hello');
  const config = (await readFile(join(hello, 'config'), 'utf8')).replace('<start name="hello"/>', '<start name="hello" rma="1M"/>');
  const dir = await bootDir({}, hello);
  await writeFile(join(dir, 'config'), config);
  const result = await nidoRun(dir, ['--until', 'Hello world', '--timeout', '30']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.split('\n').filter((line) => line !== ''), ['[init -> hello] Hello world']);
  assert.match(result.stderr, /config:\d+:\d+: warning: <start> has no attribute "rma": init ignores it\n {2}hint: did you mean "ram"\?\nnido: 1 warning in .*config \(nido check; booting anyway\)\n/);
});

test('nido run of a clean config prints nothing on stderr', async () => {
  const result = await nidoRun(join(repoRoot, 'examples', 'hello'), ['--until', 'Hello world', '--timeout', '30']);
  assert.equal(result.code, 0);
  assert.equal(result.stderr, '');
});
