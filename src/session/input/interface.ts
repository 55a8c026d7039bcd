/*
 * Input session: the events of one client, as Genode's Input::Session.
 * The server queues events and signals the client (`sigh`); the client
 * takes them with `flush`. A Gui session hands one out (`Gui.input()`);
 * core serves one on the screen of `nido run --ui` (the dashboard page's
 * keyboard and pointer) for a screen driver (fb_drv).
 */

import type { SignalContextCapability } from '../../base/capability.js';
import { defineInterface } from '../../base/interface.js';
import type { InputEvent } from './event.js';

export interface Input {
  /** Whether events are queued. */
  pending(): boolean;
  /** The queued events, oldest first; the queue is empty afterwards. */
  flush(): InputEvent[];
  /** Signalled when events arrive in an empty queue. */
  sigh(handler: SignalContextCapability): void;
}

export const Input = defineInterface<Input>('Input', ['pending', 'flush', 'sigh']);

export const INPUT_SESSION_RAM = 16 * 1024;
export const INPUT_SESSION_CAPS = 2;

/** Events a server queues for one client at most; older ones are dropped first (a client that never flushes). */
export const INPUT_QUEUE_LIMIT = 1024;
