/*
 * Every protection domain the dashboard has seen, by core's PD number,
 * with its quota as last sampled, its RAM use over time and when it was
 * asked for, started, first logged and ended. A component that ended stays
 * (shown as exited or crashed) until one with its label is asked for again
 * or MAX_ENDED newer ones ended.
 */

import type { PdSession } from '../core/pd/pd_service.js';
import type { ComponentInfo, Quota } from './protocol.js';
import type { ChildReport } from './session_map.js';

const MAX_ENDED = 500;
const HISTORY_POINTS = 240;

interface Entry {
  readonly id: number;
  readonly label: string;
  pd: PdSession | undefined;
  state: ComponentInfo['state'];
  exit: ComponentInfo['exit'];
  ram: Quota;
  caps: Quota;
  assigned: ComponentInfo['assigned'];
  readonly times: { requested: number; started?: number; firstLog?: number; ended?: number };
  readonly history: [number, number][];
  /** Changed since the last update was taken. */
  dirty: boolean;
}

const NONE: Quota = { quota: 0, used: 0, avail: 0 };

export class ComponentRegistry {
  readonly #entries = new Map<number, Entry>();
  /** The live (or last) entry of each label. */
  readonly #byLabel = new Map<string, Entry>();
  readonly #ended: number[] = [];
  readonly #removed: number[] = [];
  readonly #now: () => number;

  /** `now`: ms since the system booted. */
  constructor(now: () => number) {
    this.#now = now;
  }

  /** Core told of a change of `pd` (created, started, ended, closed). */
  pdChanged(pd: PdSession): void {
    let entry = this.#entries.get(pd.pd);
    if (entry === undefined) {
      const previous = this.#byLabel.get(pd.label);
      if (previous !== undefined && previous.pd === undefined) this.#remove(previous.id);
      entry = {
        id: pd.pd, label: pd.label, pd, state: pd.state, exit: undefined, ram: NONE, caps: NONE, assigned: previous?.assigned,
        times: { requested: this.#now() }, history: [], dirty: true,
      };
      this.#entries.set(pd.pd, entry);
      this.#byLabel.set(pd.label, entry);
    }
    const state = pd.state;
    if (state === 'alive' && entry.times.started === undefined) entry.times.started = this.#now();
    if (pd.exit !== undefined && pd.exit.reason !== 'killed' && entry.exit === undefined) {
      entry.exit = { code: pd.exit.code, message: pd.exit.message };
      entry.times.ended = this.#now();
    }
    if (state === 'closed') {
      /* Closed after it ended: it stays shown as it ended. */
      entry.state = entry.exit === undefined ? 'closed' : entry.state;
      entry.times.ended ??= this.#now();
      entry.pd = undefined;
      entry.ram = { quota: entry.ram.quota, used: 0, avail: 0 };
      this.#ended.push(entry.id);
      while (this.#ended.length > MAX_ENDED) this.#remove(this.#ended.shift() as number);
    } else if (entry.exit === undefined || pd.exit !== undefined) {
      /* (An exit its init reported stands until the PD is closed.) */
      entry.state = state;
    }
    entry.dirty = true;
  }

  /** A LOG line of `label`: the first one is the component's "first logged". */
  logged(label: string): void {
    const entry = this.#byLabel.get(label);
    if (entry === undefined || entry.times.firstLog !== undefined) return;
    entry.times.firstLog = this.#now();
    entry.dirty = true;
  }

  /**
   * What its init's state report says of the component: what it was
   * assigned and, once it exited, its exit value (core only sees its PD
   * closed by init).
   */
  reportedBy(label: string, report: ChildReport): void {
    const entry = this.#byLabel.get(label);
    if (entry === undefined) return;
    const { assigned, exited } = report;
    if (assigned !== undefined && (entry.assigned?.ram !== assigned.ram || entry.assigned?.caps !== assigned.caps)) {
      entry.assigned = assigned;
      entry.dirty = true;
    }
    if (exited !== undefined && entry.exit === undefined) {
      entry.exit = { code: exited, message: `exit(${exited})` };
      entry.state = 'exited';
      entry.times.ended ??= this.#now();
      entry.dirty = true;
    }
  }

  /** Reads the accounts of the live PDs; whatever changed is dirty. */
  sample(): void {
    const now = this.#now();
    for (const entry of this.#entries.values()) {
      if (entry.pd === undefined) continue;
      /* Read in place: at 1,000 components and ten samples a second, objects made only for what changed. */
      const { account } = entry.pd;
      if (account.ramQuota === entry.ram.quota && account.ramAvail === entry.ram.avail && account.capQuota === entry.caps.quota
        && account.capUsed === entry.caps.used) continue;
      const { ram, caps } = account.quota();
      if (ram.used !== entry.ram.used) {
        entry.history.push([now, ram.used]);
        if (entry.history.length > HISTORY_POINTS) entry.history.shift();
      }
      entry.ram = ram;
      entry.caps = caps;
      entry.dirty = true;
    }
  }

  /** Every component, with its history (what a page that connects gets first). */
  snapshot(): ComponentInfo[] {
    return [...this.#entries.values()].map((entry) => this.#info(entry, entry.history));
  }

  /** What changed since the last call: changed components (each with its newest history point) and removed ones. */
  takeChanges(): { changed: ComponentInfo[]; removed: number[] } {
    const changed: ComponentInfo[] = [];
    for (const entry of this.#entries.values()) {
      if (!entry.dirty) continue;
      entry.dirty = false;
      changed.push(this.#info(entry, entry.history.slice(-1)));
    }
    return { changed, removed: this.#removed.splice(0) };
  }

  /** The labels of the live components, for telling a session's client by its label. */
  liveLabels(): Set<string> {
    const labels = new Set<string>();
    for (const entry of this.#entries.values()) if (entry.pd !== undefined) labels.add(entry.label);
    return labels;
  }

  /** The live PD with core's number `id`. */
  live(id: number): PdSession | undefined {
    return this.#entries.get(id)?.pd;
  }

  #remove(id: number): void {
    const entry = this.#entries.get(id);
    if (entry === undefined) return;
    this.#entries.delete(id);
    if (this.#byLabel.get(entry.label) === entry) this.#byLabel.delete(entry.label);
    this.#removed.push(id);
  }

  #info(entry: Entry, history: readonly [number, number][]): ComponentInfo {
    return {
      id: entry.id, label: entry.label, state: entry.state, exit: entry.exit, ram: entry.ram, caps: entry.caps,
      assigned: entry.assigned, times: { ...entry.times }, history: history.map(([t, used]) => [t, used] as const),
    };
  }
}
