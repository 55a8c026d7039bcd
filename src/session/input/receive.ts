/*
 * Taking an Input session's events as they come, for a client: on the
 * session's signal, flush until the queue is empty, as Genode's clients do
 * in their input handler. A server signals only when events arrive in an
 * empty queue, so a signal that comes while the client is still flushing
 * must not be passed over: the flush that answered "empty" may have been
 * on its way back, and nothing would signal again.
 */

import type { SignalContextCapability } from '../../base/capability.js';
import type { Entrypoint } from '../../base/env.js';
import type { Client } from '../../base/interface.js';
import type { InputEvent } from './event.js';
import type { Input } from './interface.js';

/**
 * Calls `handler` with each batch of events of `input`, in order, one
 * batch at a time (a handler's promise is awaited before the next flush).
 * Takes what is queued already before it resolves; `failed` hears of a
 * flush or handler that failed after that. Answers the signal handler,
 * for the owner to dissolve.
 *
 *   await receiveInput(env.ep, input, (events) => events.forEach(log), (error) => env.error(error));
 */
export async function receiveInput(
  ep: Entrypoint,
  input: Client<Input>,
  handler: (events: InputEvent[]) => void | Promise<void>,
  failed: (error: unknown) => void,
): Promise<SignalContextCapability> {
  let flushing = false;
  let again = false;
  const flush = async (): Promise<void> => {
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    try {
      do {
        again = false;
        for (let events = await input.flush(); events.length > 0; events = await input.flush()) await handler(events);
      } while (again);
    } finally {
      flushing = false;
    }
  };
  const signal = ep.signalHandler(() => void flush().catch(failed));
  await input.sigh(signal);
  await flush();
  return signal;
}
