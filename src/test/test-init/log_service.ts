/*
 * The LOG service test-init offers to the init under test (spec/init.md
 * §7.1): every write becomes a message `[LABEL] TEXT`, where TEXT is the
 * written string without its line delimiter, and is handed to the driver,
 * which compares it with the expected one. Each message is logged with the
 * outcome: `[init -> dummy] config 1: 1 (expected)` or `... (ignored)`.
 */

import { Log, type Env } from 'nido';

const COLOR_RESET = '\x1b[0m';

/** What the driver made of a message. */
export type MessageOutcome = 'expected' | 'ignored';

/** The written text without its line delimiter: a trailing newline and/or colour reset. */
export function strippedMessage(text: string): string {
  const line = text.endsWith('\n') ? text.slice(0, -1) : text;
  return line.endsWith(COLOR_RESET) ? line.slice(0, -COLOR_RESET.length) : line;
}

/** Announces the LOG service; `handle` decides about each message. */
export function announceLogService(env: Env, handle: (message: string) => MessageOutcome): void {
  env.announce(Log, (args) => ({
    write: (text: string) => {
      const message = `[${args.label}] ${strippedMessage(String(text))}`;
      const outcome = handle(message);
      env.log(`${message} (${outcome})`);
    },
  }));
}
