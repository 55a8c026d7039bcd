/*
 * fb_drv's input path: the events of core's Input session (the page's
 * keyboard and pointer) go to nitpicker's Event session as they come, in
 * batches of at most MAX_EVENT_BATCH, in order.
 */

import { MAX_EVENT_BATCH, type Client, type Env, type Event, type Input } from 'nido';

export async function forwardInput(env: Env, input: Client<Input>, event: Client<Event>): Promise<void> {
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
        for (let events = await input.flush(); events.length > 0; events = await input.flush()) {
          for (let at = 0; at < events.length; at += MAX_EVENT_BATCH) await event.submitBatch(events.slice(at, at + MAX_EVENT_BATCH));
        }
      } while (again);
    } finally {
      flushing = false;
    }
  };
  await input.sigh(env.ep.signalHandler(() => {
    void flush().catch((error: unknown) => env.error(`fb_drv: input not passed on: ${(error as Error).message}`));
  }));
}
