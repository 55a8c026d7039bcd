/*
 * timer: the Timer service as Genode's timer driver offers it, so that
 * Genode's configs and run scripts, which start a `timer` component and
 * route Timer to it, run unchanged. Nido's core keeps the time; each
 * client session here is a session at core's Timer (labelled with the
 * client's label) whose calls it passes on, signals included.
 *
 *   <start name="timer"> <provides> <service name="Timer"/> </provides> </start>
 */

import { Timer, type Env, type Implementation, type SessionHooks } from 'nido';

export async function construct(env: Env): Promise<void> {
  env.announce(Timer, async (args): Promise<Implementation<Timer> & SessionHooks> => {
    const upstream = await env.connect(Timer, { label: args.label });
    const timer = upstream.client;
    return {
      triggerOnce: (us) => timer.triggerOnce(us),
      triggerPeriodic: (us) => timer.triggerPeriodic(us),
      sigh: (handler) => timer.sigh(handler),
      elapsedMs: () => timer.elapsedMs(),
      elapsedUs: () => timer.elapsedUs(),
      wallClockUs: () => timer.wallClockUs(),
      msleep: (ms) => timer.msleep(ms),
      close: () => upstream.close(),
    };
  });
}
