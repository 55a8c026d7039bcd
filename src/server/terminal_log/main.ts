/*
 * terminal_log: a LOG server that prints to a Terminal (docs/terminal.md),
 * Genode's repos/os/src/server/terminal_log under its name, so that
 * Genode's configs that route LOG to a terminal_log run unchanged.
 *
 * At its start it opens one Terminal session, labelled "log"; then every
 * LOG session's writes go there as `[label] text`, with the LOG session's
 * label as the route made it, each line ended LF CR (terminal_output.ts):
 *
 *   <start name="terminal_log"> <provides> <service name="LOG"/> </provides>
 *     <route> <service name="Terminal"> <parent/> </service> <any-service> <parent/> </any-service> </route>
 *   </start>
 *   <start name="app">
 *     <route> <service name="LOG"> <child name="terminal_log"/> </service> <any-service> <parent/> </any-service> </route>
 *   </start>
 *
 * The terminal receives what clients write as it is, escape sequences
 * included, as on Genode: route LOG here only from components that may
 * drive that terminal.
 */

import { Log, LOG_SESSION_CAPS, LOG_SESSION_RAM, Terminal, type Client, type Env } from 'nido';
import { terminalOutput } from './terminal_output.js';

/*
 * The least donation, as core's LOG asks it (src/core/session_costs.ts):
 * half the default, so that a session via several inits, each keeping its
 * costs, still opens at once. It pays for the session object and its
 * capability.
 */
const SESSION_RAM = Math.floor(LOG_SESSION_RAM / 2);

/*
 * Writes each LOG write's bytes to the terminal whole and in the order
 * the writes came, whichever session they came from, so that lines of two
 * clients never mix.
 */
class TerminalOutput {
  readonly #env: Env;
  readonly #terminal: Client<Terminal>;
  #last: Promise<void> = Promise.resolve();
  #failed = false;

  constructor(env: Env, terminal: Client<Terminal>) {
    this.#env = env;
    this.#terminal = terminal;
  }

  /** Resolves once the terminal took `bytes`: a flooding client waits, terminal_log does not buffer it. */
  write(bytes: Uint8Array): Promise<void> {
    const written = this.#last.then(() => this.#writeAll(bytes));
    this.#last = written.catch(() => undefined);
    return written;
  }

  /* A terminal that takes less gets the rest; one that takes nothing drops it, as Genode's Terminal client gives up after a short write. */
  async #writeAll(bytes: Uint8Array): Promise<void> {
    try {
      for (let at = 0; at < bytes.length;) {
        const taken = await this.#terminal.write(bytes.subarray(at));
        if (!(taken > 0)) return;
        at += taken;
      }
    } catch (error) {
      /* Said once in terminal_log's own log; the client's write fails each time. */
      if (!this.#failed) this.#env.error(`terminal_log: writing to the Terminal session "log" failed: ${error instanceof Error ? error.message : String(error)}`);
      this.#failed = true;
      throw error;
    }
  }
}

export async function construct(env: Env): Promise<void> {
  const terminal = await env.connect(Terminal, { label: 'log' }).catch((error: unknown) => {
    env.error(`terminal_log: cannot open its Terminal session "log" (${error instanceof Error ? error.message : String(error)}): `
      + 'route Terminal for terminal_log to a Terminal server (log_terminal, or core\'s on the console)');
    return undefined;
  });
  if (terminal === undefined) {
    env.exit(1);
    return;
  }
  const output = new TerminalOutput(env, terminal.client);
  env.announce(Log, (args) => {
    const label = args.label;
    return {
      write: async (text: string) => {
        if (typeof text !== 'string') throw new TypeError(`LOG write of "${label}": expected a string, got ${typeof text}`);
        await output.write(terminalOutput(label, text));
      },
    };
  }, { ram: SESSION_RAM, caps: LOG_SESSION_CAPS });
}
