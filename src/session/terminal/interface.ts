/*
 * Terminal session: a character device (spec/runtime.md §4). `read`
 * returns what is available now (possibly nothing); the read-avail signal
 * says when more arrived. `size` is the terminal's geometry in character
 * cells; a client that handles the size-changed signal adapts at run time
 * (an adaptable session, as the talk calls it).
 *
 * `eof` is Nido's addition to Genode's interface: a terminal whose input
 * can end (core's terminal on a piped stdin, log_terminal) says so, and a
 * program reading its stdin from it can see the end instead of waiting
 * forever. On an interactive terminal, Ctrl-D is an ordinary byte.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import { defineInterface } from '../../base/interface.js';

export interface TerminalSize {
  readonly columns: number;
  readonly rows: number;
}

export interface Terminal {
  /** Up to `max` bytes that are available now; an empty array when none are. */
  read(max: number): Uint8Array;
  /** Writes `data`; answers the number of bytes taken. */
  write(data: Uint8Array): number;
  /** Bytes available for reading now. */
  avail(): number;
  /** Whether nothing is available and nothing more will ever come (the input ended). */
  eof(): boolean;
  size(): TerminalSize;
  /** Signalled when bytes become available for reading, and when the input ends. */
  readAvailSigh(handler: SignalContextCapability): void;
  /** Signalled when the size changed. */
  sizeChangedSigh(handler: SignalContextCapability): void;
  /** Signalled once the terminal is connected (at once if it already is). */
  connectedSigh(handler: SignalContextCapability): void;
}

export const Terminal = defineInterface<Terminal>('Terminal', [
  'read', 'write', 'avail', 'eof', 'size', 'readAvailSigh', 'sizeChangedSigh', 'connectedSigh',
]);

export const TERMINAL_SESSION_RAM = 8 * 1024;
export const TERMINAL_SESSION_CAPS = 2;
