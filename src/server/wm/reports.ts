/*
 * wm's reports, in Genode's formats: `window_list` (the windows of the
 * wm's clients, as Genode's wm reports them to the layouter), `focus` (the
 * focused window, as Genode's layouter reports it to the wm) and
 * `window_layout` (where each window lies, front first, as the layouter
 * reports it to the decorator). Each is a Report session labelled with
 * the report's name, opened when the config's `<report>` asks for it:
 *
 *   <report window_list="yes" focus="yes" window_layout="yes"/>
 *
 * A report is submitted only when its content changed.
 */

import { Report, XmlGenerator, type Connection, type Env, type XmlNode } from 'nido';
import type { Window } from './window.js';

export type ReportName = 'window_list' | 'focus' | 'window_layout';
const REPORT_NAMES: readonly ReportName[] = ['window_list', 'focus', 'window_layout'];

/* A report of a few hundred windows fits. */
const REPORT_BUFFER = 64 * 1024;

/** Genode's window_list: every window with a size, in the order of their ids. */
export function windowListReport(windows: readonly Window[]): string {
  return XmlGenerator.generate('window_list', (g) => {
    for (const window of [...windows].sort((a, b) => a.id - b.id)) {
      g.node('window', (w) => {
        w.attribute('id', window.id);
        w.attribute('label', window.label);
        w.attribute('title', window.title);
        w.attribute('width', window.content.width);
        w.attribute('height', window.content.height);
        if (window.resizeable) w.attribute('resizeable', 'yes');
      });
    }
  });
}

/** Genode's layouter's focus report (with the window's label besides its id). */
export function focusReport(focused: Window | undefined): string {
  return XmlGenerator.generate('focus', (g) => {
    if (focused === undefined) return;
    g.node('window', (w) => {
      w.attribute('id', focused.id);
      w.attribute('label', focused.label);
    });
  });
}

/** Genode's window_layout: the windows on the screen, front first, with their content's place. */
export function windowLayoutReport(frontFirst: readonly Window[], focused: Window | undefined): string {
  return XmlGenerator.generate('window_layout', (g) => {
    for (const window of frontFirst) {
      g.node('window', (w) => {
        w.attribute('id', window.id);
        w.attribute('title', window.displayedTitle);
        w.attribute('xpos', window.content.x);
        w.attribute('ypos', window.content.y);
        w.attribute('width', window.content.width);
        w.attribute('height', window.content.height);
        if (window === focused) w.attribute('focused', 'yes');
        if (window.resizeable) w.attribute('resizeable', 'yes');
        w.attribute('closer', 'yes');
      });
    }
  });
}

export class Reporters {
  readonly #env: Env;
  readonly #connections = new Map<ReportName, Promise<Connection<Report> | undefined>>();
  readonly #last = new Map<ReportName, string>();
  #enabled = new Set<ReportName>();

  constructor(env: Env) {
    this.#env = env;
  }

  /** Applies the config's `<report>` node (absent: no reports). */
  configure(node: XmlNode | undefined): void {
    this.#enabled = new Set(REPORT_NAMES.filter((name) => node?.boolAttribute(name, false) === true));
    for (const [name, connection] of this.#connections) {
      if (this.#enabled.has(name)) continue;
      this.#connections.delete(name);
      this.#last.delete(name);
      void connection.then((c) => c?.close());
    }
  }

  /** Submits `content` as report `name` if it is enabled and changed. */
  submit(name: ReportName, content: string): void {
    if (!this.#enabled.has(name) || this.#last.get(name) === content) return;
    this.#last.set(name, content);
    let connection = this.#connections.get(name);
    if (connection === undefined) {
      connection = this.#env.connect(Report, {
        label: name, ram: REPORT_BUFFER + 4096, caps: 2, args: { buffer_size: REPORT_BUFFER },
      }).catch((error: unknown) => {
        this.#env.warning(`wm: no "${name}" report: ${String(error)}`);
        return undefined;
      });
      this.#connections.set(name, connection);
    }
    void connection.then((c) => c?.client.submit(content)).catch((error: unknown) => {
      this.#env.warning(`wm: "${name}" report not submitted: ${String(error)}`);
    });
  }
}
