/*
 * Logging that returns when the line was written, as Genode's log() does.
 *
 * The init test compares the order of lines from different sessions (a
 * client's message, then the server's reaction to its next request). In
 * Nido a log write is asynchronous and messages on different sessions are
 * not ordered against each other, so the dummy waits for each line before
 * it does the next thing.
 */

import type { Env } from 'nido';

/** Writes a line and resolves when the LOG server took it. */
export type LogLine = (text: string) => Promise<void>;

export function synchronousLog(env: Env): LogLine {
  return async (text) => {
    env.log(text);
    await env.flushLog();
  };
}
