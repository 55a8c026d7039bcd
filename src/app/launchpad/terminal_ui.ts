/*
 * The launchpad on a Terminal: commands typed there start and kill
 * subsystems (`start NAME`, `kill NAME`, `status`, `help`); after each,
 * the status shows the quotas as the talk's launchpad window does:
 *
 *   Status
 *     Quota          7664 KByte / 16 MByte   (what is left / what it had)
 *   Launcher
 *     testnit        512 KByte / 16 MByte
 *   Children
 *     testnit        443 KByte / 512 KByte   (what it has left / what it got)
 */

import { Terminal, type Env } from 'nido';
import type { Launchpad } from './launchpad.js';
import { LineReader } from './line_reader.js';
import { quotaText } from './quota_text.js';

const encoder = new TextEncoder();

export async function runTerminalUi(env: Env, launchpad: Launchpad): Promise<void> {
  const terminal = await env.connect(Terminal, { label: 'launchpad' });
  const out = (text: string) => void terminal.client.write(encoder.encode(text.replace(/\n/g, '\r\n')));
  const pad = (name: string) => name.padEnd(14);

  const status = async () => {
    const figures = await launchpad.figures();
    let text = `Status\n  ${pad('Quota')} ${quotaText(figures.avail)} / ${quotaText(figures.total)}\nLauncher\n`;
    for (const launcher of figures.launchers) text += `  ${pad(launcher.name)} ${quotaText(launcher.ram)} / ${quotaText(figures.total)}\n`;
    text += 'Children\n';
    for (const child of figures.children) {
      const note = child.exit === undefined ? '' : ` (exited with ${child.exit.code})`;
      text += `  ${pad(child.name)} ${quotaText(child.avail)} / ${quotaText(child.assigned)}${note}\n`;
    }
    out(text);
  };

  const execute = async (line: string) => {
    const [command, argument = ''] = line.split(/\s+/, 2);
    switch (command) {
      case '': return;
      case 'start': {
        const started = await launchpad.start(argument);
        if (!started.ok) return out(`${started.message}\n`);
        break;
      }
      case 'kill':
        if (!(await launchpad.kill(argument))) return out(`no child "${argument}"\n`);
        break;
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
  launchpad.onChange((change) => { if (change === 'config') void status(); });
  await status();
  await readInput();
}
