/*
 * CPU session: the thread of a protection domain. In Nido a protection
 * domain has exactly one thread (its worker), so the session is the
 * accounting and naming anchor Genode's env expects; it has no calls yet.
 */

import { defineInterface } from '../../base/interface.js';

export interface Cpu {
  /** The session's label (useful in diagnostics). */
  label(): string;
}

export const Cpu = defineInterface<Cpu>('CPU', ['label']);

export const CPU_SESSION_RAM = 32 * 1024;
export const CPU_SESSION_CAPS = 8;
