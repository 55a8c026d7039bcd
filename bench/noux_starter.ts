/*
 * The boot directories of the noux start benchmark (bench/noux.ts): a
 * starter component as init (as start.ts's) that starts one child at a
 * time with the parent-side Child library, logging "spawn N" just before
 * each start, and waits for it to exit before the next. The start probe
 * (start_probe.ts) takes the time from that line to the child's first
 * line of output.
 *
 * The child is noux running b_true, its console a Terminal session at a
 * log_terminal child of the starter (started once, before the first
 * spawn), or, for comparison, a plain C program as a component writing
 * its line to LOG.
 */

export interface StartedChild {
  /** The child's binary: a component (`noux`) or a C program (`echo`). */
  readonly binary: string;
  /** Its config ROM. */
  readonly config: string;
  readonly ram: number;
  readonly caps: number;
  /** Whether its Terminal session goes to a log_terminal the starter runs. */
  readonly terminal: boolean;
}

/** noux running b_true from the test programs' archive, as test/scenarios/noux_programs.test.ts boots it. */
export const NOUX_TRUE: StartedChild = {
  binary: 'noux',
  config: `<config>
  <fstab> <tar name="noux_tests.tar"/> <dir name="tmp"> <ram/> </dir> <dir name="dev"> <null/> <zero/> </dir> </fstab>
  <start name="/bin/b_true"> <env name="PATH" value="/bin"/> </start>
</config>`,
  ram: 64 * 1024 * 1024,
  caps: 2000,
  terminal: true,
};

/* How the probe recognizes b_true's line on log_terminal's LOG. */
export const NOUX_TRUE_LINE = '\\] b_true: up$';

/** echo.wasm (wasm/src/echo.c) as a component on the C runtime, printing "up" to its LOG. */
export const PLAIN_ECHO: StartedChild = {
  binary: 'echo',
  config: `<config>
  <arg value="echo"/> <arg value="up"/>
  <vfs> <dir name="dev"> <log/> </dir> </vfs>
  <libc stdout="/dev/log" stderr="/dev/log"/>
</config>`,
  ram: 8 * 1024 * 1024,
  caps: 100,
  terminal: false,
};

/** The starter (the boot directory's init.js): starts `child` `count` times, one at a time, `pauseMs` apart. */
export function starterComponent(child: StartedChild, count: number, pauseMs: number): string {
  return `// Starts ${child.binary} ${count} times, one at a time (bench/noux.ts).
import { Child, LocalRom, Timer, lastElement } from 'nido';

const CONFIG = ${JSON.stringify(child.config)};

/* The binary ROM by the binary's name; everything else as the child asked. */
const toParent = (child, request) => ({
  kind: 'parent',
  label: request.env && request.service === 'ROM' && request.label === child.name ? child.binary : request.label,
});

export async function construct(env) {
  const timer = await env.connect(Timer);
  let terminal;
  if (${child.terminal}) {
    terminal = new Child(env, { resolve: toParent }, { name: 'log_terminal', binary: 'log_terminal', ram: 2 * 1024 * 1024, caps: 100 });
    await terminal.start();
  }
  for (let i = 0; i < ${count}; i++) {
    await timer.client.msleep(${pauseMs});
    let exited;
    const ended = new Promise((resolve) => { exited = resolve; });
    const config = new LocalRom(env, CONFIG);
    const policy = {
      resolve: (child, request) => {
        if (request.service === 'Terminal' && terminal !== undefined) return { kind: 'child', server: terminal, label: request.label };
        if (request.service === 'ROM' && lastElement(request.label) === 'config') return { kind: 'local', root: config, label: request.label };
        return toParent(child, request);
      },
      exited: (_child, info) => exited(info),
    };
    env.log('spawn ' + i);
    const started = new Child(env, policy, { name: 'c', binary: ${JSON.stringify(child.binary)}, ram: ${child.ram}, caps: ${child.caps} });
    await started.start();
    const info = await ended;
    if (info.reason !== 'exit' || info.code !== 0) env.error('${child.binary} ended: ' + info.message);
    await started.kill();
  }
  env.log('done');
}
`;
}
