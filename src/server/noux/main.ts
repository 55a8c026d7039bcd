/*
 * noux: Unix as a service (spec/runtime.md §7, docs/noux.md). One
 * component plays the Unix kernel for the process tree it runs: the
 * first program is `<start name>` from the `<fstab>` (a VFS), with `<arg>`s
 * after argv[0] and `<env name value>`s; its standard streams are the
 * Terminal session, behind a line discipline. noux ends with the exit
 * status of its first process.
 *
 *   <config>
 *     <fstab> <tar name="bash.tar"/> <dir name="tmp"> <ram/> </dir> </fstab>
 *     <start name="/bin/bash"> <env name="TERM" value="linux"/> <arg value="-c"/> <arg value="echo hi | cat"/> </start>
 *   </config>
 */

import { createVfs, Terminal, Timer, type Env, type Vfs, type XmlNode } from 'nido';
import { Console, ConsoleFile } from './console.js';
import { Kernel } from './kernel.js';

/* The least RAM and the caps of each process's protection domain unless the config says otherwise (docs/noux.md): RAM grows with the program. */
const PROCESS_RAM = 2 * 1024 * 1024;
const PROCESS_CAPS = 60;

function startArguments(start: XmlNode): { path: string; argv: string[]; env: string[] } {
  const path = start.stringAttribute('name', '');
  const argv = [path];
  const env: string[] = [];
  for (const node of start.children()) {
    if (node.type === 'arg') argv.push(node.stringAttribute('value', ''));
    else if (node.type === 'env') env.push(`${node.stringAttribute('name', '')}=${node.stringAttribute('value', '')}`);
  }
  /*
   * Without a HOME of the config's, HOME=/, as Linux's kernel starts init
   * (and the built-in root's home is /): programs build paths on it
   * (vim's 'runtimepath' begins with $HOME/.vim; unset, the `$` is left
   * in and vim asks a shell to expand it).
   */
  if (!env.some((entry) => entry.startsWith('HOME='))) env.push('HOME=/');
  return { path, argv, env };
}

function readRtc(vfs: Vfs): bigint | undefined {
  try {
    const handle = vfs.open('/dev/rtc', { read: true, write: false, create: false, exclusive: false, truncate: false, append: false });
    const buffer = new Uint8Array(64);
    const n = handle.read(buffer, 0);
    handle.close();
    const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})/.exec(new TextDecoder().decode(buffer.subarray(0, n)).trim());
    if (match === null) return undefined;
    const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
    const days = daysFromCivil(y as number, mo as number, d as number);
    return BigInt((((days * 24 + (h as number)) * 60 + (mi as number)) * 60 + (s as number))) * 1_000_000_000n;
  } catch {
    return undefined;
  }
}

/* Days since 1970-01-01 of a date in the proleptic Gregorian calendar (without Date, which a component lacks). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export async function construct(env: Env): Promise<void> {
  const config = (await env.config()).xml;
  const start = config.child('start');
  if (start === undefined || start.stringAttribute('name', '') === '') {
    env.error('noux: the config has no <start name="..."/>: nothing to run');
    env.exit(1);
    return;
  }
  const processRam = config.numBytesAttribute('process_ram', PROCESS_RAM);
  const processCaps = config.naturalAttribute('process_caps', PROCESS_CAPS);
  const fstab = config.child('fstab');
  /* Independent round trips through the parent, at once: the start of noux is the start of its first program. */
  const [vfs, timer, terminal] = await Promise.all([
    createVfs(env, fstab), env.connect(Timer, { label: '' }), env.connect(Terminal, { label: '' }),
  ]);

  let kernel: Kernel | undefined;
  const console = new Console(terminal.client, (pgrp, sig) => kernel?.signalGroup(pgrp, sig));
  kernel = new Kernel(env, vfs, console, timer.client, {
    processRam, processCaps, rtc: readRtc(vfs), timerSync: env.syncClient(Timer, timer.cap),
    ended: (code) => {
      void console.drained().then(() => env.exit(code));
    },
  });
  await console.start(
    env.ep.signalHandler(() => void console.pump()),
    env.ep.signalHandler(() => void console.sizeChanged()),
  );
  await console.pump();
  const { path, argv, env: environment } = startArguments(start);
  try {
    await kernel.startFirst(path, argv, environment, new ConsoleFile(console));
  } catch (error) {
    env.error(`noux: ${error instanceof Error ? error.message : String(error)}`);
    env.exit(1);
  }
}
