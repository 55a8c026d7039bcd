/*
 * Typed configs (docs/config.md): a boot directory whose init config is
 * config.ts, booted through `nido run`. The greeter and its visitor run
 * as routed (log lines, init's state report); --print-config prints the
 * XML; a change of config.ts reconfigures init live, a broken one is
 * reported with its line while init keeps its config; a broken program
 * at boot names file and line; tsc type-checks a config and catches the
 * mistakes a user makes.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseXml, type XmlNode } from 'nido';
import { bootDir, Nido, nidoBin, replaceFile, reportDir, repoRoot, waitForReport } from '../harness.js';

const scenario = join(repoRoot, 'test', 'scenarios', 'typed_config');

function nido(...args: string[]) {
  return spawnSync(process.execPath, [nidoBin, ...args], { encoding: 'utf8' });
}

/* A node as init reads it: type, attributes (unordered), text, sub nodes in order. */
function shape(node: XmlNode): unknown {
  return { type: node.type, attributes: Object.fromEntries(node.attributes), text: node.text().trim(), children: node.children().map(shape) };
}

/* The scenario's boot directory, copied, so that a test may change its config.ts. */
async function scenarioCopy(): Promise<{ dir: string; config: string; source: string }> {
  const dir = await bootDir({}, scenario);
  const config = join(dir, 'config.ts');
  return { dir, config, source: await readFile(config, 'utf8') };
}

function changed(source: string, from: string, to: string): string {
  assert.ok(source.includes(from), `config.ts no longer contains ${from}`);
  return source.replace(from, to);
}

test('a boot directory with config.ts boots: the visitor is routed to the greeter with its label rewritten, as init\'s state report shows', async () => {
  const reports = await reportDir();
  const run = new Nido(scenario, ['--report-dir', reports, '--timeout', '60']);
  try {
    await run.waitFor(/^\[init -> greeter\] session "guest": Welcome$/);
    await run.waitFor(/^\[init -> visitor\] Welcome, visitor$/);
    const report = await waitForReport(reports, 'init/state', (text) => /<provided>\s*<session service="Greeting" label="guest"/.test(text));
    const state = parseXml(report, { source: 'init/state' });
    assert.equal(state.attribute('version'), 'typed');
    const visitor = state.children('child').find((child) => child.attribute('name') === 'visitor');
    assert.equal(visitor?.attribute('binary'), 'visitor');
    const greeting = visitor?.child('requested')?.children('session').find((session) => session.attribute('service') === 'Greeting');
    assert.equal(greeting?.attribute('label'), 'guest');
    assert.equal(greeting?.attribute('state'), 'CAP_HANDED_OUT');
  } finally {
    await run.stop();
  }
});

test('--print-config prints the XML config.ts generates, in Genode\'s layout, and exits 0', () => {
  const result = nido('run', scenario, '--print-config');
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout, [
    '<config version="typed">',
    '\t<parent-provides>',
    '\t\t<service name="ROM"/>',
    '\t\t<service name="PD"/>',
    '\t\t<service name="CPU"/>',
    '\t\t<service name="LOG"/>',
    '\t</parent-provides>',
    '\t<default-route>',
    '\t\t<any-service>',
    '\t\t\t<parent/>',
    '\t\t</any-service>',
    '\t</default-route>',
    '\t<default caps="100" ram="2M"/>',
    '\t<report requested="yes" provided="yes" delay_ms="100"/>',
    '\t<start name="greeter">',
    '\t\t<provides>',
    '\t\t\t<service name="Greeting"/>',
    '\t\t</provides>',
    '\t\t<config>',
    '\t\t\t<policy label="guest" greeting="Welcome"/>',
    '\t\t\t<default-policy greeting="Hello"/>',
    '\t\t</config>',
    '\t</start>',
    '\t<start name="visitor">',
    '\t\t<binary name="visitor"/>',
    '\t\t<route>',
    '\t\t\t<service name="Greeting">',
    '\t\t\t\t<child name="greeter" label="guest"/>',
    '\t\t\t</service>',
    '\t\t\t<any-service>',
    '\t\t\t\t<parent/>',
    '\t\t\t</any-service>',
    '\t\t</route>',
    '\t\t<config name="visitor"/>',
    '\t</start>',
    '</config>',
    '',
  ].join('\n'));
});

test('examples/typed_config prints the config of examples/demo', async () => {
  const result = nido('run', join(repoRoot, 'examples', 'typed_config'), '--print-config');
  assert.equal(result.status, 0, result.stderr);
  const demo = await readFile(join(repoRoot, 'examples', 'demo', 'config'), 'utf8');
  assert.deepEqual(shape(parseXml(result.stdout, { source: 'typed_config' })), shape(parseXml(demo, { source: 'demo/config' })));
});

test('a changed config.ts reconfigures init live; a broken one is reported with its line and init keeps its config', async () => {
  const { dir, config, source } = await scenarioCopy();
  const reports = await reportDir();
  const run = new Nido(dir, ['--report-dir', reports, '--timeout', '90']);
  try {
    await run.waitFor(/^\[init -> visitor\] Welcome, visitor$/);
    /* One more visitor, without the label rewriting: the greeter's default policy. */
    const second = changed(changed(source, "['visitor']", "['visitor', 'second']"), "version: 'typed'", "version: 'typed-2'");
    await replaceFile(config, second);
    await run.waitFor(/^\[init -> second\] Hello, second$/);
    await waitForReport(reports, 'init/state', (text) => text.startsWith('<state version="typed-2"'));

    const broken = changed(second, 'const visitors', "if (Date.now() > 0) throw new RangeError('no visitors today');\nconst visitors");
    const brokenLine = broken.split('\n').findIndex((line) => line.includes('no visitors today')) + 1;
    const from = run.lines.length;
    await replaceFile(config, broken);
    await run.waitFor(new RegExp(`Error: ${config.replace(/[.]/g, '\\.')}:${brokenLine}:\\d+: RangeError: no visitors today$`), 30_000, from);
    await run.waitFor(/init keeps its config until .*config\.ts works again/, 30_000, from);

    await replaceFile(config, changed(second, "'second']", "'second', 'third']"));
    await run.waitFor(/^\[init -> third\] Hello, third$/);
    /* The children of before were left as they were: no restart. */
    assert.equal(run.lines.filter((line) => line === '[init -> visitor] Welcome, visitor').length, 1);
    assert.equal(run.lines.filter((line) => line === '[init -> second] Hello, second').length, 1);
  } finally {
    await run.stop();
  }
});

test('a broken config.ts at boot is a boot error naming its file and line', async () => {
  const cases: { readonly program: string; readonly message: RegExp }[] = [
    {
      program: "import { init, start } from 'nido/config';\n\nexport default init({\n  start: [start('a', { ram: '4 MB' as '4M' })],\n});\n",
      message: /config\.ts:4:\d+: start\("a"\) ram: "4 MB" is no size/,
    },
    {
      program: "import { init } from 'nido/config';\n\nfunction caps(): number {\n  throw new Error('boom');\n}\n\nexport default init({ default: { caps: caps() } });\n",
      message: /config\.ts:4:9: Error: boom\n {4}at .*config\.ts:7:\d+/,
    },
    {
      program: "import { start } from 'nido/config';\n\nexport default start('a');\n",
      message: /config\.ts:3:1: the default export must be init\(\{\.\.\.\}\) from 'nido\/config' \(or init's config as XML text\), not a <start> node/,
    },
    {
      program: "import { init } from 'nido/config';\n\nexport default init({ start: [ });\n",
      message: /config\.ts:3:\d+: /,
    },
    {
      program: "import { init } from 'nido/config';\n\nexport const config = init();\n",
      message: /config\.ts: no default export/,
    },
    {
      program: "export default '<config>\\n<start name=\"a\">\\n</strat>\\n</config>';\n",
      message: /config\.ts \(its default export\):3:1: unexpected close tag <\/strat>/,
    },
  ];
  for (const { program, message } of cases) {
    const dir = await bootDir({ 'config.ts': program });
    const result = nido('run', dir, '--timeout', '30');
    assert.equal(result.status, 2, program);
    assert.match(result.stderr, /^nido: \//, program);
    assert.match(result.stderr, message, `${program}\n${result.stderr}`);
    assert.ok(result.stderr.startsWith(`nido: ${join(dir, 'config.ts')}`), result.stderr);
  }
});

/* tsc on a boot directory outside the repository: nido/config through a tsconfig path, as docs/config.md shows. */
function typeCheck(dir: string) {
  return spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8' });
}

async function typedBootDir(program: string): Promise<string> {
  return bootDir({
    'config.ts': program,
    'package.json': JSON.stringify({ type: 'module' }),
    'tsconfig.json': JSON.stringify({
      compilerOptions: {
        target: 'ES2023', lib: ['ES2024'], module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [],
        paths: { 'nido/config': [join(repoRoot, 'src', 'lib', 'config', 'index.ts')] },
      },
      files: ['config.ts'],
    }),
  });
}

test('tsc type-checks a config.ts, and refuses a misspelled option, a malformed size, a target where a rule belongs and a config of the wrong node', async () => {
  const good = await typedBootDir(await readFile(join(scenario, 'config.ts'), 'utf8'));
  const checked = typeCheck(good);
  assert.equal(checked.status, 0, checked.stdout + checked.stderr);

  const bad = await typedBootDir([
    "import { init, start, child, node } from 'nido/config';",
    'export default init({',
    '  start: [',
    "    start('a', { quantum: 3 }),",
    "    start('b', { ram: '4X' }),",
    "    start('c', { route: [child('b')] }),",
    "    start('d', { config: node('vfs') }),",
    '  ],',
    "  parentProvide: ['LOG'],",
    '});',
  ].join('\n'));
  const refused = typeCheck(bad);
  assert.notEqual(refused.status, 0);
  for (const line of [4, 5, 6, 7, 9]) assert.match(refused.stdout, new RegExp(`config\\.ts\\(${line},\\d+\\): error TS`), `line ${line}:\n${refused.stdout}`);
  assert.match(refused.stdout, /'quantum' does not exist in type 'StartOptions'/);
  assert.match(refused.stdout, /'parentProvide' does not exist in type 'InitOptions'/);

  /* In the repository, nido/config resolves through the package's own exports. */
  const example = typeCheck(join(repoRoot, 'examples', 'typed_config'));
  assert.equal(example.status, 0, example.stdout + example.stderr);
});
