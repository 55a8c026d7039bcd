/*
 * CRuby on Nido (issue 5): `ruby -e 'puts 1'` from start to exit. Nido:
 * `nido run` of a boot directory whose init starts the ruby component and
 * ends with its exit (`<exit propagate="yes"/>`), spawn to exit. Baseline,
 * in the same run: ruby_reference.ts, the same ruby.wasm driven by
 * @ruby/wasm-wasi on node:wasi in a plain Node process, spawn to exit.
 * Goal: ≤ 1.2×.
 *
 * Both compile the 30 MB module and initialise the interpreter, which
 * loads RubyGems from the standard library inside the module. The same
 * with --disable-gems is a diagnostic: less of Ruby's own start, so what
 * Nido adds (booting core and init, a worker under SES, the ROM module
 * handed over, the sessions) weighs more. A `puts 1` makes about 45 WASI
 * calls (27 of them clock reads): the C runtime's calls are no part of
 * the difference worth measuring on their own.
 *
 * Runs alternate between Nido and the baseline, after one unmeasured run
 * of each (the first writes the SES code cache, warms the file cache).
 */

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { distDir, repoDir } from './dist.js';
import { runNode } from './node_process.js';
import { median, report, type Row } from './table.js';

const RUNS = 5;
const TIMEOUT_MS = 120_000;
const PROGRAM = 'puts 1';

/* Wall time (ms) of one run of `node args...`, which must exit with 0 and print `expected` as a line. */
async function timeRun(args: readonly string[], expected: RegExp): Promise<number> {
  const { output, wallMs } = await runNode(args, TIMEOUT_MS);
  if (!expected.test(output)) throw new Error(`node ${args.join(' ')}: expected ${expected}\n${output}`);
  return wallMs;
}

function bootConfig(args: readonly string[]): string {
  return `<config>
  <parent-provides>
    <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/>
  </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <start name="ruby" caps="200" ram="128M">
    <exit propagate="yes"/>
    <config>
      ${args.map((arg) => `<arg value="${arg}"/>`).join(' ')}
      <vfs> <dir name="dev"> <log/> </dir> </vfs>
      <libc stdout="/dev/log" stderr="/dev/log"/>
    </config>
  </start>
</config>
`;
}

interface Samples {
  readonly nido: number[];
  readonly reference: number[];
}

async function measure(options: readonly string[]): Promise<Samples> {
  const args = ['ruby', ...options, '-e', PROGRAM];
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-ruby-'));
  try {
    await writeFile(join(dir, 'config'), bootConfig(args));
    const nido = () => timeRun([join(repoDir, 'bin', 'nido.js'), 'run', dir, '--report-dir', join(dir, 'reports')], /^\[init -> ruby\] 1$/m);
    const reference = () => timeRun(['--no-warnings', join(distDir, 'bench', 'ruby_reference.js'), ...args], /^1$/m);
    await nido();
    await reference();
    const samples: Samples = { nido: [], reference: [] };
    for (let run = 0; run < RUNS; run++) {
      samples.nido.push(await nido());
      samples.reference.push(await reference());
    }
    return samples;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<Row[]> {
  const row = (name: string, samples: Samples, goal: boolean): Row => {
    const value = median(samples.nido);
    const baseline = median(samples.reference);
    return {
      name, value, unit: 'ms', baseline, baselineName: '@ruby/wasm-wasi on node:wasi', samples: samples.nido, baselineSamples: samples.reference,
      ...(goal ? { goal: '≤ 1.2×', met: value / baseline <= 1.2 } : {}),
    };
  };
  const rows = [
    row(`ruby -e '${PROGRAM}', nido run: spawn → exit`, await measure([]), true),
    row('the same with --disable-gems', await measure(['--disable-gems']), false),
  ];
  await report('ruby', rows);
  return rows;
}
