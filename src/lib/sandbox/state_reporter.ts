/*
 * The state report of init (spec/init.md §5): a `<state>` document on a
 * Report session labelled "state", produced after a rate-limiting delay,
 * immediately for some events, and periodically while child quotas are
 * reported (children use memory without telling init).
 */

import { Report, Timer, XmlGenerator, formatNumBytes, type Connection, type Env, type XmlNode, type PdQuota, type ProvidedSession } from 'nido';
import type { InitChild } from './init_child.js';

export interface ReportOptions {
  readonly ids: boolean;
  readonly requested: boolean;
  readonly provided: boolean;
  readonly sessionArgs: boolean;
  readonly childRam: boolean;
  readonly childCaps: boolean;
  readonly initRam: boolean;
  readonly initCaps: boolean;
  readonly delayMs: number;
  readonly buffer: number;
}

export function reportOptions(node: XmlNode): ReportOptions {
  return {
    ids: node.boolAttribute('ids', false),
    requested: node.boolAttribute('requested', false),
    provided: node.boolAttribute('provided', false),
    sessionArgs: node.boolAttribute('session_args', false),
    childRam: node.boolAttribute('child_ram', false),
    childCaps: node.boolAttribute('child_caps', false),
    initRam: node.boolAttribute('init_ram', false),
    initCaps: node.boolAttribute('init_caps', false),
    delayMs: node.naturalAttribute('delay_ms', 100),
    buffer: node.numBytesAttribute('buffer', 4096),
  };
}

/** What the reporter reads of the sandbox when it generates a report. */
export interface ReportSource {
  readonly version: string;
  /** Live children, in creation order. */
  readonly children: readonly InitChild[];
  readonly aliases: ReadonlyMap<string, string>;
}

function sessionNode(g: XmlGenerator, session: ProvidedSession, args: boolean): void {
  g.node('session', (s) => {
    s.attribute('service', session.service);
    s.attribute('label', session.label);
    s.attribute('state', session.state);
    s.attribute('ram', formatNumBytes(session.ram));
    s.attribute('caps', session.caps);
    if (args) s.node('args', (a) => a.appendText(session.args.toString()));
  });
}

export class StateReporter {
  readonly #env: Env;
  readonly #source: ReportSource;
  #options: ReportOptions | undefined;
  #report: Connection<Report> | undefined;
  #reportBuffer = 0;
  #timer: Promise<Connection<Timer>> | undefined;
  #armed = false;
  #armedDelay = 0;
  #generating: Promise<void> = Promise.resolve();
  #last = '';
  #sampling = false;

  constructor(env: Env, source: ReportSource) {
    this.#env = env;
    this.#source = source;
  }

  /** Applies the config's `<report>` node (or its absence). */
  async configure(node: XmlNode | undefined): Promise<void> {
    const options = node === undefined ? undefined : reportOptions(node);
    this.#options = options;
    if (options === undefined || options.delayMs === 0) return;
    if (this.#report === undefined || this.#reportBuffer !== options.buffer) {
      await this.#report?.close();
      this.#report = await this.#env.connect(Report, {
        label: 'state', ram: options.buffer + 4096, caps: 2, args: { buffer_size: options.buffer },
      });
      this.#reportBuffer = options.buffer;
    }
    if ((options.childRam || options.childCaps) && !this.#sampling) {
      this.#sampling = true;
      void this.#sample();
    }
  }

  #timerConnection(): Promise<Connection<Timer>> {
    this.#timer ??= this.#env.connect(Timer, { label: 'state reporter' }).then(async (timer) => {
      await timer.client.sigh(this.#env.ep.signalHandler(() => {
        if (!this.#armed) return;
        this.#armed = false;
        void this.#produce(false);
      }));
      return timer;
    });
    return this.#timer;
  }

  /**
   * Produces a report after the configured delay; triggers while armed are
   * merged. A new delay re-arms the one-shot timeout (a pending 2 s delay
   * does not hold back the reports of a config that asks for 100 ms).
   */
  trigger(): void {
    const options = this.#options;
    if (options === undefined || options.delayMs === 0) return;
    if (this.#armed && this.#armedDelay === options.delayMs) return;
    this.#armed = true;
    this.#armedDelay = options.delayMs;
    void this.#timerConnection().then((timer) => timer.client.triggerOnce(options.delayMs * 1000));
  }

  /** Produces a report now. */
  immediate(): Promise<void> {
    const options = this.#options;
    if (options === undefined || options.delayMs === 0) return Promise.resolve();
    return this.#produce(false);
  }

  async #sample(): Promise<void> {
    const timer = await this.#timerConnection();
    for (;;) {
      const options = this.#options;
      if (options === undefined || !(options.childRam || options.childCaps)) {
        this.#sampling = false;
        return;
      }
      await timer.client.msleep(Math.max(1000, options.delayMs));
      await this.#produce(true);
    }
  }

  #produce(onlyIfChanged: boolean): Promise<void> {
    this.#generating = this.#generating.then(async () => {
      const options = this.#options;
      const report = this.#report;
      if (options === undefined || report === undefined) return;
      let text = await this.generate(options);
      if (onlyIfChanged && text === this.#last) return;
      this.#last = text;
      if (new TextEncoder().encode(text).length > options.buffer) {
        this.#env.error('state report exceeds maximum size');
        text = '<state error="report buffer exceeded"/>';
      }
      await report.client.submit(text);
    }).catch((error: unknown) => this.#env.error(`state report failed: ${(error as Error).message}`));
    return this.#generating;
  }

  /** The report as it would be submitted now. */
  async generate(options: ReportOptions): Promise<string> {
    const own = options.initRam || options.initCaps ? await this.#env.pd.quota() : undefined;
    const children = [...this.#source.children].reverse();
    const quotas = new Map<InitChild, PdQuota | undefined>();
    if (options.childRam || options.childCaps) {
      await Promise.all(children.map(async (child) => {
        const pd = child.exited === undefined ? child.child.pd : undefined;
        quotas.set(child, pd === undefined ? undefined : await pd.quota().catch(() => undefined));
      }));
    }
    return XmlGenerator.generate('state', (g) => {
      if (this.#source.version !== '') g.attribute('version', this.#source.version);
      if (own !== undefined && options.initRam) {
        g.node('ram', (n) => {
          n.attribute('quota', formatNumBytes(own.ram.quota));
          n.attribute('used', formatNumBytes(own.ram.used));
          n.attribute('avail', formatNumBytes(own.ram.avail));
        });
      }
      if (own !== undefined && options.initCaps) {
        g.node('caps', (n) => {
          n.attribute('quota', own.caps.quota);
          n.attribute('used', own.caps.used);
          n.attribute('avail', own.caps.avail);
        });
      }
      for (const child of children) {
        g.node('child', (c) => {
          c.attribute('name', child.name);
          c.attribute('binary', child.binary);
          if (child.version !== '') c.attribute('version', child.version);
          if (options.ids) c.attribute('id', child.id);
          if (child.incomplete) c.attribute('state', 'incomplete');
          if (child.exited !== undefined) c.attribute('exited', child.exited);
          if (child.startNode.hasChild('heartbeat') && child.skippedHeartbeats > 0) c.attribute('skipped_heartbeats', child.skippedHeartbeats);
          const quota = quotas.get(child);
          /* Quota nodes exist while the child has its PD session (§5.1). */
          const hasPd = child.exited === undefined && child.child.pd !== undefined;
          if (options.childRam && hasPd) {
            c.node('ram', (n) => {
              n.attribute('assigned', formatNumBytes(child.assignedRam));
              if (quota !== undefined) {
                n.attribute('quota', formatNumBytes(quota.ram.quota));
                n.attribute('used', formatNumBytes(quota.ram.used));
                n.attribute('avail', formatNumBytes(quota.ram.avail));
              }
              if (child.requestedRam > 0) n.attribute('requested', formatNumBytes(child.requestedRam));
            });
          }
          if (options.childCaps && hasPd) {
            c.node('caps', (n) => {
              n.attribute('assigned', child.assignedCaps);
              if (quota !== undefined) {
                n.attribute('quota', quota.caps.quota);
                n.attribute('used', quota.caps.used);
                n.attribute('avail', quota.caps.avail);
              }
              if (child.requestedCaps > 0) n.attribute('requested', child.requestedCaps);
            });
          }
          if (options.requested) {
            c.node('requested', (r) => {
              for (const session of child.child.sessions()) sessionNode(r, session, options.sessionArgs);
            });
          }
          if (options.provided) {
            c.node('provided', (p) => {
              for (const session of [...child.child.provided].sort((a, b) => a.id - b.id)) sessionNode(p, session, options.sessionArgs);
            });
          }
        });
      }
      for (const [name, target] of [...this.#source.aliases].reverse()) {
        g.node('alias', (a) => {
          a.attribute('name', name);
          a.attribute('child', target);
        });
      }
    });
  }
}
