/*
 * The ports (ports/README.md): GNU bc, built by `npm run ports` from
 * Debian's source package with clang for wasm32-wasi and installed as
 * dist/wasm/bc.wasm, runs as a component under `nido run`, found by name
 * as `<binary name="bc"/>`.
 *
 * Two bc children: one runs a script with the math library (pi, a user
 * function, a number long enough to be continued on a second line, a
 * division by zero reported on stderr), a ROM module of the boot
 * directory read from its working directory; the other defines a function
 * from a file and reads the rest from standard input. Each is checked for
 * the lines a user expects and compared with the same binary under
 * node:wasi, in the form the LOG gives any text.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Nido, bootDir, repoRoot } from '../harness.js';
import type { ProgramRun } from '../../src/lib/libc/test/wasm_harness.js';

/* dist/test/scenarios → dist/lib, dist/core (the types come from the sources, the modules from the build) */
const distModule = async <T>(path: string): Promise<T> => (await import(new URL(`../../${path}`, import.meta.url).href)) as T;
const { runReference } = await distModule<typeof import('../../src/lib/libc/test/wasm_harness.js')>('lib/libc/test/wasm_harness.js');
const { logLines } = await distModule<typeof import('../../src/core/log_service.js')>('core/log_service.js');

const BC_WASM = join(repoRoot, 'dist', 'wasm', 'bc.wasm');

const CALC = `/* the math library, a function of our own, a long number, an error */
scale = 20
4 * a(1)
define fact(n) {
  if (n <= 1) return (1)
  return (n * fact(n - 1))
}
fact(30)
sqrt(2)
2 ^ 256
obase = 16
255
obase = 10
x = 1 / 0
print "done\\n"
`;
const SQUARE = 'define sq(x) { return (x * x); }\n';
/* No "<" or "&": an <inline> file is the node's content as written. */
const INPUT = 'sq(12)\nsq(1.5)\nobase = 2\n10\n';

interface Child {
  readonly name: string;
  readonly args: readonly string[];
  readonly stdin: string;
  readonly files: Readonly<Record<string, string>>;
}

const CHILDREN: readonly Child[] = [
  { name: 'bc-math', args: ['-l', 'calc.bc'], stdin: '', files: { 'calc.bc': CALC } },
  { name: 'bc-input', args: ['-q', 'square.bc'], stdin: INPUT, files: { 'square.bc': SQUARE } },
];

function startNode(child: Child): string {
  const args = ['bc', ...child.args].map((arg) => `<arg value="${arg}"/>`).join(' ');
  const roms = Object.keys(child.files).map((file) => `<rom name="${file}"/>`).join(' ');
  return `
  <start name="${child.name}">
    <binary name="bc"/>
    <resource name="RAM" quantum="16M"/>
    <config>
      ${args}
      <vfs>
        <dir name="dev">
          <log name="stdout" label="stdout"/> <log name="stderr" label="stderr"/>
          <inline name="stdin">${child.stdin}</inline>
        </dir>
        <dir name="home"> ${roms} </dir>
      </vfs>
      <libc stdin="/dev/stdin" stdout="/dev/stdout" stderr="/dev/stderr" cwd="/home"/>
    </config>
  </start>`;
}

const CONFIG = `<config>
  <parent-provides>
    <service name="ROM"/> <service name="LOG"/> <service name="PD"/> <service name="CPU"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100"/>
${CHILDREN.map(startNode).join('\n')}
</config>
`;

/* What child `name` printed with LOG label `label`, one element per line. */
function logged(lines: readonly string[], name: string, label: string): string[] {
  const prefix = `[init -> ${name} -> ${label}] `;
  return lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
}

/* A text as the LOG prints it, one element per line, without the label. */
function asLogged(text: string): string[] {
  return text === '' ? [] : logLines('x', text).map((line) => line.slice('[x] '.length));
}

test('ports: GNU bc from Debian\'s source runs as a component and agrees with node:wasi', async () => {
  assert.ok(existsSync(BC_WASM), 'dist/wasm/bc.wasm is missing: run "npm run ports" (fetches Debian\'s bc source with apt-get source '
    + 'and builds it with clang for wasm32-wasi, see ports/README.md), then run the tests again');
  const files: Record<string, string> = { config: CONFIG };
  for (const child of CHILDREN) Object.assign(files, child.files);
  const dir = await bootDir(files);
  const nido = new Nido(dir);
  try {
    for (const child of CHILDREN) await nido.waitFor(new RegExp(`^\\[init\\] child "${child.name}" exited with exit value \\d+$`), 60_000);
  } finally {
    await nido.stop();
  }
  const lines = nido.lines;
  const has = (line: string) => assert.ok(lines.includes(line), `missing "${line}" in\n${lines.join('\n')}`);
  has('[init] child "bc-math" exited with exit value 0');
  has('[init] child "bc-input" exited with exit value 0');
  assert.deepEqual(logged(lines, 'bc-math', 'stdout'), [
    '3.14159265358979323844',
    '265252859812191058636308480000000',
    '1.41421356237309504880',
    '11579208923731619542357098500868790785326998466564056403945758400791\\',
    '3129639936',
    'FF',
    'done',
  ]);
  assert.deepEqual(logged(lines, 'bc-math', 'stderr'), ['Runtime error (func=(main), adr=3): Divide by zero']);
  assert.deepEqual(logged(lines, 'bc-input', 'stdout'), ['144', '2.2', '1010']);
  assert.deepEqual(logged(lines, 'bc-input', 'stderr'), []);
  assert.deepEqual(lines.filter((line) => /^\[init -> bc-[a-z]+\] /.test(line)), [], 'nothing but the programs\' output in their logs');

  for (const child of CHILDREN) {
    const files = Object.fromEntries(Object.entries(child.files).map(([name, content]) => [`/home/${name}`, content]));
    /* <libc cwd> reaches the program as $PWD, which Nido's start-up code (wasm/crt) enters */
    const run: ProgramRun = { program: 'bc', args: child.args, stdin: child.stdin, env: { PWD: '/home' }, fixture: { files } };
    const reference = await runReference(run);
    assert.equal(reference.exitCode, 0, `${child.name} under node:wasi: ${JSON.stringify(reference)}`);
    assert.deepEqual(logged(lines, child.name, 'stdout'), asLogged(reference.stdout), `${child.name}: stdout as node:wasi's`);
    assert.deepEqual(logged(lines, child.name, 'stderr'), asLogged(reference.stderr), `${child.name}: stderr as node:wasi's`);
  }
});
