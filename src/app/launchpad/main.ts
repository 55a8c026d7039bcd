/*
 * launchpad: starts and kills subsystems through the loader, from commands
 * typed on a Terminal, and shows its own quota, its launchers and each
 * child's quota and use, like the talk's launchpad window:
 *
 *   Status
 *     Quota          7664 KByte / 16 MByte   (what is left / what it had)
 *   Launcher
 *     testnit        512 KByte / 16 MByte
 *   Children
 *     testnit        443 KByte / 512 KByte
 *
 * Commands: `start NAME`, `kill NAME`, `status`, `help`.
 */

import { Loader, Terminal, type Connection, type Env } from 'nido';
import { launchers, type Launcher } from './launcher.js';
import { LineReader } from './line_reader.js';
import { quotaText } from './quota_text.js';

const encoder = new TextEncoder();
/* The loader keeps some of each session's donation for its bookkeeping. */
const LOADER_OVERHEAD = 256 * 1024;

interface Running {
  readonly name: string;
  readonly launcher: Launcher;
  readonly session: Connection<Loader>;
}

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const terminal = await env.connect(Terminal, { label: 'launchpad' });
  const children = new Map<string, Running>();
  const out = (text: string) => void terminal.client.write(encoder.encode(text.replace(/\n/g, '\r\n')));
  const pad = (name: string) => name.padEnd(14);
  /* What the launchpad had before it started anything: the scale of every figure. */
  const total = (await env.pd.quota()).ram.quota;

  const status = async () => {
    const own = await env.pd.quota();
    let text = `Status\n  ${pad('Quota')} ${quotaText(own.ram.avail)} / ${quotaText(total)}\nLauncher\n`;
    for (const launcher of launchers(config.xml)) text += `  ${pad(launcher.name)} ${quotaText(launcher.ram)} / ${quotaText(total)}\n`;
    text += 'Children\n';
    for (const child of children.values()) {
      const usage = await child.session.client.usage();
      const state = await child.session.client.state();
      const note = state.exit === undefined ? '' : ` (exited with ${state.exit.code})`;
      text += `  ${pad(child.name)} ${quotaText(usage.ram.avail)} / ${quotaText(child.launcher.ram)}${note}\n`;
    }
    out(text);
  };

  const uniqueName = (name: string) => {
    if (!children.has(name)) return name;
    let n = 2;
    while (children.has(`${name}.${n}`)) n++;
    return `${name}.${n}`;
  };

  const start = async (name: string) => {
    const launcher = launchers(config.xml).find((l) => l.name === name);
    if (launcher === undefined) return out(`no launcher "${name}"\n`);
    const label = uniqueName(name);
    const session = await env.connect(Loader, { label, ram: launcher.ram + LOADER_OVERHEAD, caps: launcher.caps + 50 });
    try {
      for (const [module, text] of launcher.modules) await session.client.romModule(module, encoder.encode(text));
      await session.client.ramQuota(launcher.ram);
      await session.client.capQuota(launcher.caps);
      await session.client.start(launcher.binary, label);
    } catch (error) {
      await session.close();
      return out(`starting "${label}" failed: ${(error as Error).message}\n`);
    }
    children.set(label, { name: label, launcher, session });
    env.log(`started ${label}`);
  };

  const kill = async (name: string) => {
    const child = children.get(name);
    if (child === undefined) return out(`no child "${name}"\n`);
    children.delete(name);
    await child.session.close();
    env.log(`killed ${name}`);
  };

  const execute = async (line: string) => {
    const [command, argument = ''] = line.split(/\s+/, 2);
    switch (command) {
      case '': return;
      case 'start': await start(argument); break;
      case 'kill': await kill(argument); break;
      case 'status': break;
      case 'help': out('commands: start NAME, kill NAME, status, help\n'); return;
      default: out(`unknown command "${command}" (try help)\n`); return;
    }
    await status();
  };

  /* Commands run one after another, in the order they were typed. */
  const reader = new LineReader();
  let queue: Promise<void> = Promise.resolve();
  const readInput = async () => {
    for (;;) {
      const bytes = await terminal.client.read(4096);
      if (bytes.length === 0) return;
      const { lines, echo } = reader.feed(bytes);
      if (echo !== '') out(echo);
      for (const line of lines) queue = queue.then(() => execute(line)).catch((error: unknown) => out(`error: ${(error as Error).message}\n`));
    }
  };
  await terminal.client.readAvailSigh(env.ep.signalHandler(() => void readInput()));
  config.onChange(() => void config.update().then(status));
  await status();
  await readInput();
}
