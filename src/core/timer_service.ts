/*
 * Core's Timer service: elapsed time since boot and timeouts delivered as
 * signals, on the host's clock. Closing a session cancels its timeouts.
 */

import { required } from './session_costs.js';
import type { Ipc } from '../base/ipc.js';
import { RootComponent } from '../base/root_component.js';
import type { SignalContextCapability } from '../base/capability.js';
import { Timer, TIMER_SESSION_CAPS, TIMER_SESSION_RAM } from '../session/timer/interface.js';

export function timerService(ipc: Ipc, boot: number): RootComponent<Timer> {
  return new RootComponent(ipc, Timer, () => {
    let handler: SignalContextCapability | undefined;
    let once: NodeJS.Timeout | undefined;
    let periodic: NodeJS.Timeout | undefined;
    const sleeps = new Set<NodeJS.Timeout>();
    const fire = () => {
      if (handler !== undefined) ipc.submit(handler);
    };
    return {
      triggerOnce(us: number) {
        clearTimeout(once);
        once = setTimeout(fire, Math.max(0, us / 1000));
      },
      triggerPeriodic(us: number) {
        clearInterval(periodic);
        periodic = us > 0 ? setInterval(fire, Math.max(1, us / 1000)) : undefined;
      },
      sigh(cap: SignalContextCapability) {
        handler = cap;
      },
      elapsedMs: () => Math.floor(performance.now() - boot),
      elapsedUs: () => Math.floor((performance.now() - boot) * 1000),
      wallClockUs: () => Math.floor((performance.timeOrigin + performance.now()) * 1000),
      msleep: (ms: number) => new Promise<void>((resolve) => {
        const timeout = setTimeout(() => {
          sleeps.delete(timeout);
          resolve();
        }, Math.max(0, ms));
        sleeps.add(timeout);
      }),
      close() {
        clearTimeout(once);
        clearInterval(periodic);
        for (const timeout of sleeps) clearTimeout(timeout);
        if (handler !== undefined) ipc.release(handler);
      },
    };
  }, { ram: required(TIMER_SESSION_RAM), caps: TIMER_SESSION_CAPS });
}
