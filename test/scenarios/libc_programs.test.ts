/*
 * The C runtime's programs as components (issue 5): every case of the
 * WASI test programs and the tools (src/lib/libc/test/wasi_cases.ts) runs
 * as a child of init under `nido run`, its binary found by name among the
 * shipped programs, and is compared with the same binary under node:wasi
 * on an equivalent host directory.
 *
 * Each program's VFS holds the fixture (a `<ram/>` root filled by
 * `<import>`), its standard input as an inline file and its standard
 * output and error as two LOG sessions labelled "stdout" and "stderr". The
 * LOG prints lines, so the reference's output is compared in the form the
 * LOG service gives any text (core's own `logLines`): the same lines, a
 * last line without newline ended, controls shown as \xNN.
 */

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Nido, bootDir } from '../harness.js';
import type { Fixture, ProgramRun, RunOutcome } from '../../src/lib/libc/test/wasm_harness.js';
import type { Case } from '../../src/lib/libc/test/wasi_cases.js';

/* dist/test/scenarios → dist/lib, dist/core (the types come from the sources, the modules from the build) */
const distModule = async <T>(path: string): Promise<T> => (await import(new URL(`../../${path}`, import.meta.url).href)) as T;
const { fixture, runReference } = await distModule<typeof import('../../src/lib/libc/test/wasm_harness.js')>('lib/libc/test/wasm_harness.js');
const { cases, compare } = await distModule<typeof import('../../src/lib/libc/test/wasi_cases.js')>('lib/libc/test/wasi_cases.js');
const { logLines } = await distModule<typeof import('../../src/core/log_service.js')>('core/log_service.js');
const { escapeXmlAttribute } = await distModule<typeof import('../../src/util/xml.js')>('util/xml.js');

const ENV = { HOME: '/home/user', LANG: 'C' };

/*
 * An `<inline>` file's content is the node's raw text, as in Genode (no
 * entities decoded), so a text with markup characters cannot be given
 * that way.
 */
function inlineText(text: string): string {
  if (/[<&]/.test(text)) throw new Error(`cannot be an <inline> file's content: ${JSON.stringify(text)}`);
  return text;
}

/*
 * Where this set-up differs from the reference's: standard output and
 * error are LOG devices (character devices), the reference's are files.
 */
const STREAM_DIFFERENCES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  wasi_fdstat: { 'fd 1': 'type 2 seek 1 readdir 0 path_open 0', 'fd 2': 'type 2 seek 1 readdir 0 path_open 0' },
};

/* The fixture as the content of an `<import>`: directories, inline files and symlinks. */
function fixtureXml(files: Fixture): string {
  interface Dir { dirs: Map<string, Dir>; nodes: string[] }
  const root: Dir = { dirs: new Map(), nodes: [] };
  const dirOf = (path: string): Dir => {
    let dir = root;
    for (const element of path.split('/').filter((e) => e !== '')) {
      let next = dir.dirs.get(element);
      if (next === undefined) dir.dirs.set(element, next = { dirs: new Map(), nodes: [] });
      dir = next;
    }
    return dir;
  };
  const split = (path: string) => ({ dir: path.slice(0, path.lastIndexOf('/')), name: path.slice(path.lastIndexOf('/') + 1) });
  for (const dir of files.dirs ?? []) dirOf(dir);
  for (const [path, content] of Object.entries(files.files ?? {})) {
    const { dir, name } = split(path);
    dirOf(dir).nodes.push(`<inline name="${escapeXmlAttribute(name)}">${inlineText(content)}</inline>`);
  }
  for (const [path, target] of Object.entries(files.symlinks ?? {})) {
    const { dir, name } = split(path);
    dirOf(dir).nodes.push(`<symlink name="${escapeXmlAttribute(name)}" target="${escapeXmlAttribute(target)}"/>`);
  }
  const render = (dir: Dir): string => [...dir.dirs].map(([name, sub]) => `<dir name="${escapeXmlAttribute(name)}">${render(sub)}</dir>`).join('')
    + dir.nodes.join('');
  return render(root);
}

function rtcNow(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

function startNode(name: string, program: string, entry: Case): string {
  const args = [program, ...(entry.args ?? [])].map((a) => `<arg value="${escapeXmlAttribute(a)}"/>`).join(' ');
  const env = Object.entries(ENV).map(([key, value]) => `<env key="${key}" value="${value}"/>`).join(' ');
  return `
  <start name="${name}" caps="100">
    <binary name="${program}"/>
    <resource name="RAM" quantum="24M"/>
    <config>
      ${args}
      ${env}
      <vfs>
        <ram/>
        <import>${fixtureXml(fixture)}</import>
        <dir name="dev">
          <log name="stdout" label="stdout"/> <log name="stderr" label="stderr"/>
          <inline name="stdin">${inlineText(entry.stdin ?? '')}</inline>
          <inline name="rtc">${rtcNow()}</inline>
        </dir>
      </vfs>
      <libc stdin="/dev/stdin" stdout="/dev/stdout" stderr="/dev/stderr" rtc="/dev/rtc"/>
    </config>
  </start>`;
}

function initConfig(starts: string): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="LOG"/> <service name="PD"/> <service name="CPU"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
${starts}
</config>
`;
}

/* A text as the LOG prints it, one line per element, without the label. */
function asLogged(text: string): string {
  if (text === '') return '';
  return logLines('x', text).map((line) => line.slice('[x] '.length)).join('\n') + '\n';
}

/* What the run printed for child `name`, as an outcome comparable with the reference's. */
function outcomeOf(lines: readonly string[], name: string): RunOutcome {
  const body = (label: string): string => {
    const prefix = `[init -> ${name} -> ${label}] `;
    const own = lines.filter((line) => line.startsWith(prefix)).map((line) => line.slice(prefix.length));
    return own.length === 0 ? '' : own.join('\n') + '\n';
  };
  const own = lines.filter((line) => line.startsWith(`[init -> ${name}] `)).map((line) => line.slice(`[init -> ${name}] `.length));
  const trap = own.map((line) => /^Error: uncaught WasmTrap: (.*)$/.exec(line)?.[1]).find((message) => message !== undefined);
  const exit = lines.map((line) => new RegExp(`^\\[init\\] child "${name}" exited with exit value (\\d+)$`).exec(line)?.[1]).find((code) => code !== undefined);
  return {
    exitCode: trap === undefined && exit !== undefined ? Number(exit) : undefined,
    error: trap === undefined ? undefined : { name: 'WasmTrap', message: trap },
    stdout: body('stdout'),
    stderr: body('stderr'),
    files: {},
    warnings: trap === undefined ? own : [],
  };
}

for (const [program, runs] of Object.entries(cases)) {
  test(`${program}: each case as a component under nido run agrees with node:wasi`, async () => {
    const names = runs.map((_, index) => `${program}-${index + 1}`);
    const dir = await bootDir({ config: initConfig(runs.map((entry, index) => startNode(names[index] ?? '', program, entry)).join('\n')) });
    const nido = new Nido(dir, ['--ram', '1G']);
    try {
      for (const name of names) await nido.waitFor(new RegExp(`^\\[init\\] child "${name}" exited with exit value \\d+$`), 60_000);
    } finally {
      await nido.stop();
    }
    for (const [index, entry] of runs.entries()) {
      const name = names[index] ?? '';
      const run: ProgramRun = { program, args: entry.args, stdin: entry.stdin, env: ENV, fixture };
      const reference = await runReference(run);
      const nidoOutcome = outcomeOf(nido.lines, name);
      assert.deepEqual(nidoOutcome.warnings, [], `${name}: nothing but the program's output in its log`);
      compare(`${name} ${JSON.stringify(entry.args ?? [])}`, nidoOutcome,
        { ...reference, stdout: asLogged(reference.stdout), stderr: asLogged(reference.stderr) },
        { ...entry.differences, ...STREAM_DIFFERENCES[program] }, entry.nidoOnly);
    }
  });
}
