/*
 * log_terminal: a Terminal server whose output is its LOG (docs/terminal.md),
 * for running terminal programs headless, in tests above all; Genode's
 * repos/os/src/server/log_terminal under its name.
 *
 * Every line a client writes becomes a line of log_terminal's log as it is,
 * without the client's session label, as Genode's log_terminal writes it:
 * run scripts written for Genode match these lines. (Whoever must tell
 * clients apart gives each its own log_terminal: the start name is in
 * every line.)
 *
 *   [init -> log_terminal] $ ls
 *
 * There is no input: reads return nothing, and `eof()` says so at once, so
 * a program reading its standard input from here sees its end instead of
 * waiting forever. The size is 80x24 and never changes.
 */

import { Terminal, type Env, type Implementation, type SessionHooks, type SignalContextCapability, type TerminalSize } from 'nido';
import { LineBuffer } from './line_buffer.js';

const SIZE: TerminalSize = Object.freeze({ columns: 80, rows: 24 });

function terminalSession(env: Env, label: string): Implementation<Terminal> & SessionHooks {
  const lines = new LineBuffer();
  const handlers = new Set<SignalContextCapability>();
  const keep = (handler: SignalContextCapability): void => {
    handlers.add(handler);
  };
  const log = (line: string) => env.log(line);

  return {
    /* Answered once the log took the lines: a flooding client waits, log_terminal does not buffer it. */
    write: async (data: Uint8Array) => {
      if (!(data instanceof Uint8Array)) throw new TypeError(`Terminal write of "${label}": expected a Uint8Array, got ${typeof data}`);
      for (const line of lines.push(data)) log(line);
      await env.flushLog();
      return data.length;
    },
    read: () => new Uint8Array(0),
    avail: () => 0,
    eof: () => true,
    size: () => SIZE,
    /* Readers learn at once that there is nothing to wait for. */
    readAvailSigh: (handler) => {
      keep(handler);
      env.ep.submit(handler);
    },
    sizeChangedSigh: keep,
    connectedSigh: (handler) => {
      keep(handler);
      env.ep.submit(handler);
    },
    close: async () => {
      for (const line of lines.flush()) log(line);
      for (const handler of handlers) env.release(handler);
      await env.flushLog();
    },
  };
}

export function construct(env: Env): void {
  env.announce(Terminal, (args) => terminalSession(env, args.label));
}
