/*
 * fb_drv's input path: the events of core's Input session (the page's
 * keyboard and pointer) go to nitpicker's Event session as they come, in
 * batches of at most MAX_EVENT_BATCH, in order.
 */

import { MAX_EVENT_BATCH, receiveInput, type Client, type Env, type Event, type Input } from 'nido';

export async function forwardInput(env: Env, input: Client<Input>, event: Client<Event>): Promise<void> {
  await receiveInput(env.ep, input, async (events) => {
    for (let at = 0; at < events.length; at += MAX_EVENT_BATCH) await event.submitBatch(events.slice(at, at + MAX_EVENT_BATCH));
  }, (error) => env.error(`fb_drv: input not passed on: ${(error as Error).message}`));
}
