/*
 * Stack traces that help: a component's uncaught error prints the
 * component's own frames at their lines in its own files (TypeScript
 * through the bundle's source map), relative to the boot directory,
 * without the runtime's frames and without a path of the host; and the
 * stack machinery gives a component nothing beyond its own frames.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bootDir, Nido, nidoRun, repoRoot } from '../harness.js';

const dir = join(repoRoot, 'test', 'scenarios', 'stack_trace');

/* `file:line:column` of the first occurrence of `text` on the line ending in the comment `// marker` (both 1-based). */
async function place(file: string, marker: string, text: string, root = dir): Promise<string> {
  const lines = (await readFile(join(root, file), 'utf8')).split('\n');
  const index = lines.findIndex((line) => line.endsWith(marker));
  const column = (lines[index] ?? '').indexOf(text);
  assert.ok(index >= 0 && column >= 0, `${file}: no "${text}" on a line ending in ${marker}`);
  return `${file}:${index + 1}:${column + 1}`;
}

/* The lines of `label`'s crash report: the error's line and the frames after it. */
function crashReport(lines: readonly string[], label: string): string[] {
  const prefix = `[${label}] `;
  const own = lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
  const start = own.findIndex((line) => line.startsWith('Error: uncaught '));
  assert.ok(start >= 0, `no crash of ${label} in:\n${lines.join('\n')}`);
  const frames = own.slice(start + 1);
  const end = frames.findIndex((line) => !line.startsWith('    at '));
  return [own[start] as string, ...(end < 0 ? frames : frames.slice(0, end))];
}

/* Nothing of the host: no absolute path (the repository's, a file URL, Node's modules) and no frame of the runtime or SES. */
function assertNoHost(lines: readonly string[], ...paths: string[]): void {
  const all = lines.join('\n');
  for (const path of [repoRoot.replace(/\/$/, ''), ...paths]) assert.ok(!all.includes(path), `${path} appears in:\n${all}`);
  assert.doesNotMatch(all, /file:\/\/|node:internal|runtime\.js|ses\.js|\(\//);
}

async function runAll(): Promise<string[]> {
  const nido = new Nido(dir, ['--timeout', '60']);
  try {
    for (const child of ['at_start', 'later', 'adder_client', 'test-framebuffer']) {
      await nido.waitFor(new RegExp(`^\\[init\\] child "${child}" exited with exit value 1$`), 60_000);
    }
    await nido.waitFor(/^\[init -> snooper\] snoop attempts: /, 60_000);
  } finally {
    await nido.stop();
  }
  return nido.lines;
}

const run = runAll();
/* Each test awaits the run; a failed run fails them, not the process. */
run.catch(() => undefined);

/* The frames of chain.ts every thrower goes through, innermost first. */
async function chainFrames(): Promise<string[]> {
  return [
    `    at inner (${await place('chain.ts', '// inner throws', 'new Error')})`,
    `    at middle (${await place('chain.ts', '// middle calls inner', 'inner(value)')})`,
    `    at ${await place('chain.ts', '// outer maps', 'middle(value)')}`,
    '    at Array.map (<anonymous>)',
    `    at outer (${await place('chain.ts', '// outer maps', 'map(')})`,
  ];
}

test('an error thrown synchronously in construct shows the TypeScript lines of the throw and of every caller', async () => {
  const lines = await run;
  assert.deepEqual(crashReport(lines, 'init -> at_start'), [
    'Error: uncaught Error: boom 1',
    ...(await chainFrames()),
    `    at construct (${await place('at_start.ts', '// at_start calls outer', 'outer(')})`,
  ]);
  assertNoHost(lines);
});

test('an error thrown later, in a timer\'s callback, shows the callback\'s line and none of the runtime that called it', async () => {
  const lines = await run;
  assert.deepEqual(crashReport(lines, 'init -> later'), [
    'Error: uncaught Error: boom 2',
    ...(await chainFrames()),
    `    at tick (${await place('later.ts', '// later calls outer', 'outer(')})`,
  ]);
});

test('a server\'s error that crashes its client shows where the client awaited the call', async () => {
  const lines = await run;
  assert.deepEqual(crashReport(lines, 'init -> adder_client'), [
    'Error: uncaught RangeError: 11 is over 10',
    `    at async sum (${await place('adder_client.ts', '// sum awaits add', 'await')})`,
    `    at async construct (${await place('adder_client.ts', '// adder_client awaits the failing call', 'await')})`,
  ]);
  /* The server lives on: its handler's error went to the client. */
  assert.ok(!lines.some((line) => line.startsWith('[init -> adder] Error')), lines.join('\n'));
});

test('a shipped component\'s frames name its sources in the repository, relative to it', async () => {
  const lines = await run;
  const report = crashReport(lines, 'init -> test-framebuffer');
  const source = (await readFile(join(repoRoot, 'src', 'test', 'test-framebuffer', 'main.ts'), 'utf8')).split('\n');
  const line = source.findIndex((text) => text.includes('await openScreenFramebuffer(')) + 1;
  assert.ok(line > 0);
  assert.ok(report.some((frame) => frame.startsWith('    at async construct (src/test/test-framebuffer/main.ts:') && frame.includes(`main.ts:${line}:`)),
    report.join('\n'));
  assert.ok(report.some((frame) => frame.includes('(src/lib/gui/screen_framebuffer.ts:')), report.join('\n'));
  assertNoHost(report);
});

test('the stack machinery gives a component nothing beyond its own frames', async (t) => {
  const source = await readFile(join(dir, 'snooper.js'), 'utf8');
  const names = [...source.matchAll(/^ {2}'([^']+)': /gm)].map((match) => match[1] as string);
  assert.ok(names.length >= 14, `expected the full list of attempts, found ${names.length}`);
  const lines = await run;
  for (const name of names) {
    await t.test(name, () => {
      assert.ok(lines.includes(`[init -> snooper] snoop ${name}: denied`), lines.filter((line) => line.includes(name)).join('\n') || `no outcome for ${name}`);
    });
  }
  assert.ok(lines.includes(`[init -> snooper] snoop attempts: ${names.length}, escaped: 0`));
});

test('a package\'s frames name it under node_modules, and no path of the boot directory appears', async () => {
  const boot = await bootDir({
    config: `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="2M"/>
  <start name="user"/>
</config>`,
    'node_modules/exploder/package.json': JSON.stringify({ name: 'exploder', main: 'lib/index.js' }),
    'node_modules/exploder/lib/index.js': 'exports.explode = function explode(what) {\n  throw new TypeError(`cannot explode ${what}`); // exploder throws\n};\n',
    'user.js': 'import { explode } from \'exploder\';\n\nexport function construct() {\n  explode(\'this\'); // user calls explode\n}\n',
  });
  const result = await nidoRun(boot, ['--until', 'child "user" exited', '--timeout', '60']);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(crashReport(result.lines, 'init -> user'), [
    'Error: uncaught TypeError: cannot explode this',
    `    at explode (${await place('node_modules/exploder/lib/index.js', '// exploder throws', 'new TypeError', boot)})`,
    `    at construct (${await place('user.js', '// user calls explode', 'explode(', boot)})`,
  ]);
  assertNoHost(result.lines, boot);
});
