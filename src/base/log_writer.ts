/*
 * LogWriter: the component side of its LOG session.
 *
 * Writes are queued and sent with a bounded number in flight, so a
 * component that floods its log pays with its own heap and cannot make the
 * LOG server (core's main thread) buffer without bound.
 */

import type { Client } from './interface.js';
import type { Log } from '../session/log/interface.js';

const IN_FLIGHT = 8;

export class LogWriter {
  readonly #log: Client<Log>;
  readonly #queue: string[] = [];
  #inFlight = 0;
  #drained: (() => void)[] = [];

  constructor(log: Client<Log>) {
    this.#log = log;
  }

  write(text: string): void {
    this.#queue.push(text);
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < IN_FLIGHT && this.#queue.length > 0) {
      const text = this.#queue.shift() as string;
      this.#inFlight++;
      this.#log.write(text).then(() => this.#done(), () => this.#done());
    }
  }

  #done(): void {
    this.#inFlight--;
    this.#pump();
    if (this.#inFlight === 0 && this.#queue.length === 0) {
      const waiting = this.#drained;
      this.#drained = [];
      for (const resolve of waiting) resolve();
    }
  }

  /** Resolves when every queued line has been written. */
  flush(): Promise<void> {
    if (this.#inFlight === 0 && this.#queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.#drained.push(resolve));
  }
}

/** Formats log arguments like console.log does for the common cases. */
export function formatLogArguments(parts: readonly unknown[]): string {
  return parts.map((part) => {
    if (typeof part === 'string') return part;
    if (part instanceof Error) return part.stack ?? `${part.name}: ${part.message}`;
    if (typeof part === 'object' && part !== null) {
      try {
        return JSON.stringify(part);
      } catch {
        return String(part);
      }
    }
    return String(part);
  }).join(' ');
}
