/*
 * The loader under load: a subsystem of 10 components (an init with 9
 * children) started through a Loader session, from the start call to its
 * first and its last child's first log line, and killed by closing the
 * session until every byte is back with the client. Baseline in the same
 * run: the same subsystem started directly as a child of init (a config
 * change), to the same log lines, and killed by removing its start node
 * until init's state report shows its quota back.
 */

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { report, type Row } from './table.js';

const nidoBin = fileURLToPath(new URL('../../bin/nido.js', import.meta.url));
const CHILDREN = 9;

const subsystem = `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
${Array.from({ length: CHILDREN }, (_, i) => `  <start name="c${i}"> <binary name="dummy"/> <config> <log string="up"/> </config> </start>`).join('\n')}
</config>`;

const controller = `import { Loader } from 'nido';
export async function construct(env) {
  const config = await env.config();
  const before = await env.pd.quota();
  const session = await env.connect(Loader, { label: 'sub', ram: 24 << 20, caps: 1500 });
  await session.client.romModule('config', new TextEncoder().encode(${JSON.stringify(subsystem)}));
  await session.client.ramQuota(20 << 20);
  await session.client.capQuota(1200);
  env.log('starting');
  await session.client.start('init', 'sub');
  config.onChange(async () => {
    await config.update();
    env.log('closing');
    await session.close();
    const after = await env.pd.quota();
    env.log('closed, quota back: ' + (after.ram.avail === before.ram.avail));
  });
}`;

function outer(extra: string, controllerConfig: string): string {
  return `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="Report"/> <service name="Timer"/> </parent-provides>
  <default-route> <any-service> <parent/> <any-child/> </any-service> </default-route>
  <default caps="300"/>
  <report init_ram="yes" delay_ms="1"/>
  <start name="loader" ram="2M"> <provides> <service name="Loader"/> </provides>
    <config> <policy label_prefix="controller"> <parent-service name="LOG"/> <parent-service name="ROM"/> </policy> </config> </start>
${controllerConfig}
${extra}
</config>`;
}

export async function run(): Promise<Row[]> {
  const dir = await mkdtemp(join(tmpdir(), 'nido-bench-loader-'));
  const reports = await mkdtemp(join(tmpdir(), 'nido-bench-loader-reports-'));
  await writeFile(join(dir, 'controller.js'), controller);
  await writeFile(join(dir, 'config'), outer('', ''));
  const nido = spawn(process.execPath, [nidoBin, 'run', dir, '--report-dir', reports, '--ram', '512M', '--caps', '20000'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const waiters: { pattern: RegExp; resolve(at: number): void }[] = [];
  createInterface({ input: nido.stdout }).on('line', (line) => {
    const at = performance.now();
    for (const waiter of [...waiters]) {
      if (waiter.pattern.test(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(at);
      }
    }
  });
  const line = (pattern: RegExp) => new Promise<number>((resolve) => waiters.push({ pattern, resolve }));
  const stateFile = join(reports, 'init', 'state');
  const stateUntil = async (predicate: (text: string) => boolean) => {
    for (;;) {
      const text = await readFile(stateFile, 'utf8').catch(() => '');
      if (predicate(text)) return performance.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  /* init's RAM quota: what transfers moved (its own allocations, e.g. children's configs, are not part of it). */
  const initQuota = (text: string) => /^\t<ram quota="([^"]*)"/m.exec(text)?.[1];
  try {
    const idle = initQuota(await (async () => { await stateUntil((t) => initQuota(t) !== undefined); return readFile(stateFile, 'utf8'); })());

    /* Through the loader. */
    const starting = line(/^\[init -> controller\] starting$/);
    const firstViaLoader = line(/^\[init -> loader -> sub -> c\d\] up$/);
    const allViaLoader = Promise.all(Array.from({ length: CHILDREN }, (_, i) => line(new RegExp(`^\\[init -> loader -> sub -> c${i}\\] up$`))));
    await writeFile(join(dir, 'config'), outer('', '  <start name="controller" ram="32M" caps="2000"> <config/> </start>'));
    const t0 = await starting;
    const loaderFirst = (await firstViaLoader) - t0;
    const loaderAll = Math.max(...(await allViaLoader)) - t0;
    const closing = line(/^\[init -> controller\] closing$/);
    const closed = line(/^\[init -> controller\] closed, quota back: true$/);
    await writeFile(join(dir, 'config'), outer('', '  <start name="controller" ram="32M" caps="2000"> <config kill="yes"/> </start>'));
    const loaderKill = (await closed) - (await closing);
    await writeFile(join(dir, 'config'), outer('', ''));
    await stateUntil((t) => !t.includes('name="controller"') && initQuota(t) === idle);

    /* Directly from init. */
    const firstDirect = line(/^\[init -> sub -> c\d\] up$/);
    const allDirect = Promise.all(Array.from({ length: CHILDREN }, (_, i) => line(new RegExp(`^\\[init -> sub -> c${i}\\] up$`))));
    const d0 = performance.now();
    await writeFile(join(dir, 'config'), outer(`  <start name="sub" ram="20M" caps="1200"> <binary name="init"/> ${subsystem} </start>`, ''));
    const directFirst = (await firstDirect) - d0;
    const directAll = Math.max(...(await allDirect)) - d0;
    const k0 = performance.now();
    await writeFile(join(dir, 'config'), outer('', ''));
    const directKill = (await stateUntil((t) => !t.includes('name="sub"') && initQuota(t) === idle)) - k0;

    const rows: Row[] = [
      { name: `loader: start → first log of a ${CHILDREN + 1}-component subsystem`, value: loaderFirst, unit: 'ms', baseline: directFirst, baselineName: 'the same subsystem started by init (config change → first log)' },
      { name: 'loader: start → last component logged', value: loaderAll, unit: 'ms', baseline: directAll, baselineName: 'started by init' },
      { name: 'loader: session closed → every byte back with the client', value: loaderKill, unit: 'ms', baseline: directKill, baselineName: 'start node removed → init\'s quota back in its report' },
    ];
    await report('loader', rows);
    return rows;
  } finally {
    nido.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    await rm(reports, { recursive: true, force: true });
  }
}
