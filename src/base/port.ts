/*
 * The transport underneath capabilities: a message port as Node's
 * worker_threads provides it, described structurally so that base/ stays
 * free of node:* imports (core injects the real MessageChannel).
 */

export interface Port {
  postMessage(message: unknown, transfer?: readonly unknown[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): void;
  ref(): void;
  unref(): void;
}

export interface Channel {
  readonly port1: Port;
  readonly port2: Port;
}

/** Creates a new pair of linked ports (`new MessageChannel()` in Node). */
export type ChannelFactory = () => Channel;

/** Runs `work` soon, on the event loop, after the current task (`setImmediate`). */
export type Defer = (work: () => void) => void;
