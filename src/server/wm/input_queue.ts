/*
 * The Input session wm gives each client (Genode's Input::Session_component
 * in wm): the events nitpicker gave the client's session there, with
 * pointer positions in the client's coordinates, and what wm adds (keys
 * given to the window wm focused, focus changes). Bounded: a client that
 * never flushes loses its oldest events, not wm's memory.
 */

import { INPUT_QUEUE_LIMIT, type Env, type Implementation, type Input, type InputEvent, type SignalContextCapability } from 'nido';

export class InputQueue implements Implementation<Input> {
  readonly #env: Env;
  #events: InputEvent[] = [];
  #sigh: SignalContextCapability | undefined;

  constructor(env: Env) {
    this.#env = env;
  }

  submit(event: InputEvent): void {
    const wasEmpty = this.#events.length === 0;
    this.#events.push(event);
    if (this.#events.length > INPUT_QUEUE_LIMIT) this.#events.splice(0, this.#events.length - INPUT_QUEUE_LIMIT);
    if (wasEmpty && this.#sigh !== undefined) this.#env.ep.submit(this.#sigh);
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
    this.#sigh = handler;
    if (this.#events.length > 0) this.#env.ep.submit(handler);
  }
}
