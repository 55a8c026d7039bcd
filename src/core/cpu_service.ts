/*
 * Core's CPU service. A protection domain's single thread is its worker,
 * created by the PD session; the CPU session only names it, so that
 * environment sessions look as they do in Genode.
 */

import { required } from './session_costs.js';
import type { Ipc } from '../base/ipc.js';
import { RootComponent } from '../base/root_component.js';
import { Cpu, CPU_SESSION_CAPS, CPU_SESSION_RAM } from '../session/cpu/interface.js';

export function cpuService(ipc: Ipc): RootComponent<Cpu> {
  return new RootComponent(ipc, Cpu, (args) => ({ label: () => args.label }), { ram: required(CPU_SESSION_RAM), caps: CPU_SESSION_CAPS });
}
