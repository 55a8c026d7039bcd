/*
 * Who is client of whom. Core knows the sessions of its own services
 * (their labels name the client); the sessions between children are
 * known to their init, which tells them in its state report when its
 * config asks for `<report provided="yes"/>` (with `requested` and the
 * child quotas). The dashboard reads each init's latest report as core's
 * Report service receives it: nothing in a component changes for it.
 */

import { labelElements } from '../util/label.js';
import { parseNumBytes } from '../util/num_bytes.js';
import { parseXml, type XmlNode } from '../util/xml.js';
import type { ComponentInfo, SessionEdge } from './protocol.js';

/** What an init's state report says of one child. */
export interface ChildReport {
  readonly assigned: ComponentInfo['assigned'];
  readonly exited: number | undefined;
}

/** One init's report: the label prefix of its children and its <state> node. */
interface InitState {
  readonly prefix: string;
  readonly state: XmlNode;
}

/** The client among `live` labels that a session label names: its longest prefix of whole elements. */
export function clientOf(label: string, live: ReadonlySet<string>): string | undefined {
  const elements = labelElements(label);
  for (let n = elements.length; n > 0; n--) {
    const candidate = elements.slice(0, n).join(' -> ');
    if (live.has(candidate)) return candidate;
  }
  return undefined;
}

export class SessionMap {
  readonly #inits = new Map<string, InitState>();

  /**
   * A report arrived at core: if it is an init's state report
   * ("PREFIX -> state", root <state>), it is that init's view from now on.
   * Returns, by label, what the report says of each child for the
   * component registry: what it was assigned, and its exit value if it
   * exited (core sees only its PD closed).
   */
  reported(label: string, content: string): Map<string, ChildReport> | undefined {
    const elements = labelElements(label);
    if (elements.at(-1) !== 'state' || elements.length < 2) return undefined;
    let state: XmlNode;
    try {
      state = parseXml(content, { source: label });
    } catch {
      return undefined;
    }
    if (state.type !== 'state') return undefined;
    const prefix = elements.slice(0, -1).join(' -> ');
    this.#inits.set(prefix, { prefix, state });
    const children = new Map<string, ChildReport>();
    for (const child of state.children('child')) {
      const ram = child.child('ram')?.attribute('assigned');
      const caps = child.child('caps')?.attribute('assigned');
      const exited = child.attribute('exited');
      children.set(`${prefix} -> ${child.stringAttribute('name', '')}`, {
        assigned: ram === undefined && caps === undefined ? undefined : {
          ram: ram === undefined ? undefined : parseNumBytes(ram),
          caps: caps === undefined ? undefined : Number(caps),
        },
        exited: exited === undefined || !/^-?\d+$/.test(exited) ? undefined : Number(exited),
      });
    }
    return children;
  }

  /**
   * Every session known: those of core's services (`core`: service name →
   * open sessions) and those the inits' reports list as provided by a child.
   */
  edges(core: ReadonlyMap<string, readonly { label: string; ram: number; caps: number }[]>, live: ReadonlySet<string>): SessionEdge[] {
    const edges: SessionEdge[] = [];
    for (const [service, sessions] of core) {
      for (const session of sessions) {
        const client = clientOf(session.label, live);
        if (client === undefined) continue;
        edges.push({ service, label: session.label, client, server: 'core', ram: session.ram, caps: session.caps });
      }
    }
    for (const { prefix, state } of this.#inits.values()) {
      for (const child of state.children('child')) {
        const server = `${prefix} -> ${child.stringAttribute('name', '')}`;
        for (const session of child.child('provided')?.children('session') ?? []) {
          const label = session.stringAttribute('label', '');
          const first = labelElements(label)[0] ?? '';
          edges.push({
            service: session.stringAttribute('service', ''), label, client: `${prefix} -> ${first}`, server,
            ram: parseNumBytes(session.stringAttribute('ram', '0')) ?? 0, caps: Number(session.stringAttribute('caps', '0')) || 0,
            state: session.attribute('state'),
          });
        }
      }
    }
    return edges;
  }

  /** The services each child of the top init asked for, with their labels (for the config lines that routed them). */
  requested(prefix: string): Map<string, { service: string; label: string }[]> {
    const byChild = new Map<string, { service: string; label: string }[]>();
    const state = this.#inits.get(prefix)?.state;
    for (const child of state?.children('child') ?? []) {
      const name = child.stringAttribute('name', '');
      const sessions = (child.child('requested')?.children('session') ?? [])
        .map((session) => ({ service: session.stringAttribute('service', ''), label: session.stringAttribute('label', '') }));
      byChild.set(name, sessions);
    }
    return byChild;
  }
}
