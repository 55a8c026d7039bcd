/*
 * `nido check`: the checks of a config against parsing the same XML
 * alone. Two configs: Genode's test-init deployment (test/scenarios/init)
 * with each of its scripts, whose <init_config>s are checked as init's;
 * and a generated config of 1,000 children (a tenth of them LOG servers,
 * every other child routed to one of them), checked with --ram and --caps
 * that hold them. Each sample is one call of `nido check`'s function in
 * this process (the boot directory listed, the files read, parsed and
 * checked); the baseline is parseXml of the same files' text. Samples of
 * both alternate; the first call of each is dropped (JIT warm-up), but
 * reported: a command runs once. The whole command, spawn to exit, is a
 * diagnostic against `node -e ''`.
 */

import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { load, repoDir } from './dist.js';
import { runNode } from './node_process.js';
import { median, report, type Row } from './table.js';

const SAMPLES = 21;
const CHILDREN = 1000;

/* The config of CHILDREN children: servers provide LOG, the others route theirs to one. */
function manyChildren(count: number): string {
  const servers = Math.max(1, Math.floor(count / 10));
  const lines = [
    '<config>',
    '  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Timer"/> </parent-provides>',
    '  <default-route> <any-service> <parent/> </any-service> </default-route>',
    '  <default caps="100" ram="1M"/>',
    '  <report child_ram="yes" child_caps="yes"/>',
  ];
  for (let i = 0; i < count; i++) {
    if (i < servers) {
      lines.push(`  <start name="server${i}"> <binary name="dummy"/> <provides> <service name="LOG"/> </provides> <config> <log_service/> </config> </start>`);
    } else {
      lines.push(
        `  <start name="child${i}"> <binary name="dummy"/>`,
        `    <config version="1"> <log string="child ${i} up"/> <create_log_connections count="2"/> </config>`,
        `    <route> <service name="LOG"> <child name="server${i % servers}"/> </service> <any-service> <parent/> </any-service> </route>`,
        '  </start>',
      );
    }
  }
  lines.push('</config>');
  return `${lines.join('\n')}\n`;
}

interface Case {
  readonly name: string;
  readonly dir: string;
  readonly args: readonly string[];
  /** The XML the check reads: the baseline parses these. */
  readonly texts: readonly string[];
  readonly goalMs: number;
}

export async function run(): Promise<Row[]> {
  const { check } = await load<typeof import('../src/cli/check.js')>('cli/check.js');
  const { parseXml } = await load<typeof import('../src/util/xml.js')>('util/xml.js');
  const work = await mkdtemp(join(tmpdir(), 'nido-bench-check-'));
  try {
    const cases: Case[] = [];
    const deployment = join(repoDir, 'test', 'scenarios', 'init');
    for (const script of ['routing', 'quotas', 'lifecycle']) {
      const dir = join(work, script);
      await cp(deployment, dir, { recursive: true });
      const text = await readFile(join(deployment, `${script}.config`), 'utf8');
      await writeFile(join(dir, 'test-init.config'), text);
      cases.push({
        name: `Genode's test-init deployment, script "${script}"`,
        dir,
        args: [],
        texts: [await readFile(join(deployment, 'config'), 'utf8'), text],
        goalMs: 50,
      });
    }
    const many = join(work, 'many');
    const text = manyChildren(CHILDREN);
    await cp(join(repoDir, 'examples', 'hello'), many, { recursive: true });
    await writeFile(join(many, 'config'), text);
    cases.push({ name: `${CHILDREN} children`, dir: many, args: ['--ram', '2G', '--caps', '200000'], texts: [text], goalMs: 300 });

    const rows: Row[] = [];
    for (const c of cases) {
      let output = '';
      const checkOnce = async () => {
        const started = performance.now();
        const code = await check([c.dir, ...c.args], (line) => { output += line; });
        const ms = performance.now() - started;
        if (code !== 0) throw new Error(`nido check ${c.name} found errors:\n${output}`);
        return ms;
      };
      const parseOnce = () => {
        const started = performance.now();
        for (const xml of c.texts) parseXml(xml);
        return performance.now() - started;
      };
      const first = await checkOnce();
      const firstParse = parseOnce();
      const samples: number[] = [];
      const baseline: number[] = [];
      for (let i = 0; i < SAMPLES; i++) {
        samples.push(await checkOnce());
        baseline.push(parseOnce());
      }
      const value = median(samples);
      rows.push({
        name: `nido check: ${c.name}`, value, unit: 'ms', baseline: median(baseline), baselineName: 'parseXml of the same files',
        goal: `≤ ${c.goalMs} ms`, met: value <= c.goalMs, samples, baselineSamples: baseline,
      });
      rows.push({ name: `  the first call of the process (cold)`, value: first, unit: 'ms', baseline: firstParse, baselineName: 'the first parse' });
    }

    /* The command as a user runs it: a fresh process per run. */
    const command = [join(repoDir, 'bin', 'nido.js'), 'check', many, '--ram', '2G', '--caps', '200000'];
    await runNode(command, 60_000);
    const spawned: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < 5; i++) {
      spawned.push((await runNode(command, 60_000)).wallMs);
      bare.push((await runNode(['-e', ''], 60_000)).wallMs);
    }
    rows.push({
      name: `nido check of ${CHILDREN} children, spawn → exit`, value: median(spawned), unit: 'ms',
      baseline: median(bare), baselineName: "node -e ''", samples: spawned, baselineSamples: bare,
    });
    await report('check', rows);
    return rows;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
