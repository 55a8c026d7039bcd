/*
 * LOG session: one line of text per write, prefixed by the server with the
 * session's label (`[init -> hello] Hello world`).
 */

import { defineInterface } from '../../base/interface.js';

export interface Log {
  /** Writes `text`; the server splits it into lines. */
  write(text: string): void;
}

export const Log = defineInterface<Log>('LOG', ['write']);

/** Session quota a client donates for a LOG session. */
export const LOG_SESSION_RAM = 8 * 1024;
export const LOG_SESSION_CAPS = 2;
