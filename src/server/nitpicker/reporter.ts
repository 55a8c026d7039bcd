/*
 * nitpicker's reports (`<report focus="yes" hover="yes" pointer="yes"
 * keystate="yes" clicked="yes" displays="yes"/>`), each a Report session
 * of that name opened when first needed, submitted when its content
 * changed (Genode's nitpicker README, "Status reporting").
 */

import { Report, XmlGenerator, type Connection, type Env, type XmlNode } from 'nido';

export const REPORTS = ['focus', 'hover', 'pointer', 'keystate', 'clicked', 'displays'] as const;
export type ReportName = (typeof REPORTS)[number];

export class Reporter {
  readonly #env: Env;
  readonly #sessions = new Map<ReportName, Promise<Connection<Report> | undefined>>();
  readonly #last = new Map<ReportName, string>();
  #enabled = new Set<ReportName>();

  constructor(env: Env) {
    this.#env = env;
  }

  /*
   * Opens the session of each report the config enables and closes those
   * it no longer does, as Genode's Reporter does when enabled: nitpicker
   * pays for them from the start, not when a first change comes.
   */
  async configure(config: XmlNode): Promise<void> {
    const node = config.child('report');
    this.#enabled = new Set(REPORTS.filter((name) => node?.boolAttribute(name, false) === true));
    const closing = [...this.#sessions].filter(([name]) => !this.#enabled.has(name));
    for (const [name, session] of closing) {
      this.#sessions.delete(name);
      this.#last.delete(name);
      void session.then((connection) => connection?.close()).catch(() => undefined);
    }
    await Promise.all([...this.#enabled].map((name) => this.#session(name)));
  }

  #session(name: ReportName): Promise<Connection<Report> | undefined> {
    let session = this.#sessions.get(name);
    if (session === undefined) {
      session = this.#env.connect(Report, { label: name, ram: 8 * 1024, args: { buffer_size: 4096 } }).catch((error: unknown) => {
        this.#env.warning(`nitpicker: cannot report "${name}": ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
      this.#sessions.set(name, session);
    }
    return session;
  }

  enabled(name: ReportName): boolean {
    return this.#enabled.has(name);
  }

  /** Submits the report `name` with root node `name` filled by `fill`, unless disabled or unchanged. */
  report(name: ReportName, fill: (g: XmlGenerator) => void): void {
    if (!this.#enabled.has(name)) return;
    const content = XmlGenerator.generate(name, fill);
    if (this.#last.get(name) === content) return;
    this.#last.set(name, content);
    void this.#session(name).then((connection) => connection?.client.submit(content)).catch(() => undefined);
  }
}
