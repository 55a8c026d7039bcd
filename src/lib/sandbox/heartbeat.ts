/*
 * Heartbeat monitoring (spec/init.md §4.8): every rate_ms, each child
 * with `<heartbeat>` in its start node gets a heartbeat signal; its
 * runtime answers while its entrypoint is responsive. Unanswered beats
 * count as skipped; past `restart_after_skipped` the child is restarted.
 */

import { Timer, type Connection, type Env } from 'nido';
import type { InitChild } from './init_child.js';

export interface HeartbeatEvents {
  /** A child's skipped count changed (the state report shows it). */
  changed(): void;
  /** A child skipped too many beats. */
  restart(child: InitChild): void;
}

export class HeartbeatMonitor {
  readonly #env: Env;
  readonly #source: { readonly children: readonly InitChild[] };
  readonly #events: HeartbeatEvents;
  #timer: Promise<Connection<Timer>> | undefined;
  #rateMs: number | undefined;

  constructor(env: Env, source: { readonly children: readonly InitChild[] }, events: HeartbeatEvents) {
    this.#env = env;
    this.#source = source;
    this.#events = events;
  }

  /** Starts, changes or (with undefined) stops monitoring. */
  configure(rateMs: number | undefined): void {
    if (rateMs === this.#rateMs) return;
    this.#rateMs = rateMs;
    if (rateMs === undefined && this.#timer === undefined) return;
    this.#timer ??= this.#env.connect(Timer, { label: 'heartbeat' }).then(async (timer) => {
      await timer.client.sigh(this.#env.ep.signalHandler(() => this.#beat()));
      return timer;
    });
    void this.#timer.then((timer) => timer.client.triggerPeriodic((this.#rateMs ?? 0) * 1000));
  }

  #beat(): void {
    if (this.#rateMs === undefined) return;
    for (const child of this.#source.children) {
      const node = child.startNode.child('heartbeat');
      if (node === undefined || child.state !== 'alive' || child.exited !== undefined || child.restartScheduled) continue;
      if (!child.child.heartbeat()) continue;
      const skipped = child.skippedHeartbeats;
      child.outstandingHeartbeats++;
      if (child.skippedHeartbeats !== skipped) this.#events.changed();
      const limit = node.naturalAttribute('restart_after_skipped', 0);
      if (limit > 0 && child.skippedHeartbeats > limit) this.#events.restart(child);
    }
  }

  /** The child's runtime answered. */
  responded(child: InitChild): void {
    const skipped = child.skippedHeartbeats;
    child.outstandingHeartbeats = 0;
    if (skipped !== 0) this.#events.changed();
  }
}
