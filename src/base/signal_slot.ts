/*
 * A server's place for one signal handler of a client, as Genode's
 * sessions keep a Signal_context_capability that each `sigh` call
 * replaces. The server releases its copy of the handler it no longer
 * keeps: a client calling `sigh` again and again costs the server
 * nothing, and a closed session holds no handler.
 *
 *   const changed = new SignalSlot({ submit: env.ep.submit, release: env.release });
 *   changed.set(handler);   // the session's sigh
 *   changed.submit();       // something changed
 *   changed.set(undefined); // the session closes
 */

import type { Capability, SignalContextCapability } from './capability.js';

/** What a slot needs of its protection domain: submit a signal, drop a capability. */
export interface SignalSender {
  submit(cap: SignalContextCapability): void;
  release(cap: Capability): void;
}

export class SignalSlot {
  readonly #sender: SignalSender;
  #handler: SignalContextCapability | undefined;

  constructor(sender: SignalSender) {
    this.#sender = sender;
  }

  get handler(): SignalContextCapability | undefined {
    return this.#handler;
  }

  /** Keeps `handler` (none: undefined), releasing the one kept before. */
  set(handler: SignalContextCapability | undefined): void {
    const previous = this.#handler;
    this.#handler = handler;
    if (previous !== undefined && previous !== handler) this.#sender.release(previous);
  }

  /** Signals the handler, if there is one. */
  submit(): void {
    if (this.#handler !== undefined) this.#sender.submit(this.#handler);
  }
}
