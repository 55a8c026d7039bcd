/*
 * LogService: `<log_service verbose="no" delay_close_ms="0"/>`
 * (spec/init.md §6). The dummy as a LOG server: every write is logged as
 * `[LABEL] TEXT`, opening and closing are logged when verbose, and a close
 * can be held up by blocking the dummy, so that the close request stays
 * pending at init.
 *
 * The service is announced once: a second announcement of the same service
 * would give init a second root while sessions of the first one are open.
 * A re-created service applies its settings to sessions opened from then on
 * (verbose) and to every close (delay).
 */

import { Log, Pd, type Env, type XmlNode } from 'nido';
import type { BlockingTimer } from './blocking_timer.js';
import type { LogLine } from './synchronous_log.js';

/* Genode's dummy prints each message as a String<100>. */
const MAX_MESSAGE = 99;
const COLOR_RESET = '\x1b[0m';

interface Settings {
  readonly verbose: boolean;
  readonly delayCloseMs: number;
}

/** The written text without its line delimiter: a trailing newline and/or colour reset. */
export function strippedMessage(text: string): string {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  return line.endsWith(COLOR_RESET) ? line.slice(0, -COLOR_RESET.length) : line;
}

export class LogService {
  readonly #env: Env;
  readonly #log: LogLine;
  readonly #timer: BlockingTimer;
  #settings: Settings | undefined;

  constructor(env: Env, log: LogLine, timer: BlockingTimer) {
    this.#env = env;
    this.#log = log;
    this.#timer = timer;
  }

  /** (Re)creates the service with the settings of a `<log_service>` node. */
  async configure(node: XmlNode): Promise<void> {
    const announced = this.#settings !== undefined;
    this.#settings = {
      verbose: node.boolAttribute('verbose', false),
      delayCloseMs: node.naturalAttribute('delay_close_ms', 0),
    };
    if (!announced) this.#env.announce(Log, (args) => this.#session(args.label));
    await this.#log('created LOG service');
  }

  /* Every line is written before the request is answered, as Genode's synchronous RPC would order it. */
  async #session(label: string) {
    const log = this.#log;
    const verbose = this.#settings?.verbose ?? false;
    if (verbose) await log(`opening session with label ${label}`);
    return {
      write: (text: string) => log(`[${label}] ${strippedMessage(String(text))}`.slice(0, MAX_MESSAGE)),
      /*
       * RootComponent does not wait for this hook before it answers the
       * upgrade: ask core synchronously, so that the line is on its way
       * before the client hears back.
       */
      upgrade: (ram: number) => {
        const quota = this.#env.syncClient(Pd, this.#env.pdCap).quota();
        if (quota.ram.avail >= ram) this.#env.log('received session quota upgrade');
      },
      close: async () => {
        const delay = this.#settings?.delayCloseMs ?? 0;
        if (delay > 0) {
          await log(`delay close by ${delay} ms`);
          await this.#timer.block(delay);
        } else {
          await log('close session without delay');
        }
        if (verbose) await log(`closing session with label ${label}`);
      },
    };
  }
}
