/*
 * The server side of an Input session: one client's events, queued until
 * it flushes them, and its signal when events arrive in an empty queue
 * (Genode's Input::Session_component with its event queue). Bounded: a
 * client that never flushes loses its oldest events, not the server's
 * memory. nitpicker, wm and core's screen serve their Input sessions so.
 *
 *   const queue = new InputQueue({ submit: env.ep.submit, release: env.release });
 *   const cap = env.ep.manage(Input, queue);
 *   queue.submit({ type: 'press', key: 'KEY_A' });
 */

import type { Implementation } from '../../base/interface.js';
import type { SignalContextCapability } from '../../base/capability.js';
import { SignalSlot, type SignalSender } from '../../base/signal_slot.js';
import type { InputEvent } from './event.js';
import { INPUT_QUEUE_LIMIT, type Input } from './interface.js';

export class InputQueue implements Implementation<Input> {
  readonly #signal: SignalSlot;
  #events: InputEvent[] = [];

  constructor(sender: SignalSender) {
    this.#signal = new SignalSlot(sender);
  }

  /** Queues `event`; the client is signalled if the queue was empty. */
  submit(event: InputEvent): void {
    this.#events.push(event);
    if (this.#events.length > INPUT_QUEUE_LIMIT) this.#events.shift();
    if (this.#events.length === 1) this.#signal.submit();
  }

  pending(): boolean {
    return this.#events.length > 0;
  }

  flush(): InputEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  sigh(handler: SignalContextCapability): void {
    this.#signal.set(handler);
    /* Events that came before the handler must not go unnoticed. */
    if (this.#events.length > 0) this.#signal.submit();
  }

  /** The session closes: the events go, and the handler is released. */
  close(): void {
    this.#events = [];
    this.#signal.set(undefined);
  }
}
