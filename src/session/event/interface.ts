/*
 * Event session: input into the GUI server, as Genode's Event::Session.
 * A driver (or an event filter) submits batches of events; nitpicker
 * takes them as the user's input and hands each to the client the focus
 * and hover rules name.
 */

import { defineInterface } from '../../base/interface.js';
import type { InputEvent } from '../input/event.js';

export interface Event {
  /** Submits events in order; a malformed event is an error, and the batch is not taken. */
  submitBatch(events: readonly InputEvent[]): void;
}

export const Event = defineInterface<Event>('Event', ['submitBatch']);

export const EVENT_SESSION_RAM = 16 * 1024;
export const EVENT_SESSION_CAPS = 2;
/** Events in one batch at most. */
export const MAX_EVENT_BATCH = 256;
