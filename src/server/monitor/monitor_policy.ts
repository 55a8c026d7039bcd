/*
 * The monitor's `<monitor>` node (Genode's syntax): whether the monitor
 * lets a debugger reach its inferiors at all, and per inferior, by label,
 * whether it waits for the debugger before it starts (`wait`, default
 * "no") and whether a debugger that attaches stops it (`stop`, default
 * "yes"). Genode's `wx` and `max_response` concern its GDB stub and are
 * accepted without effect.
 *
 *   <monitor> <policy label="first-test-log" wait="yes" stop="no"/> </monitor>
 */

import { selectPolicy, type MonitorPolicy, type XmlNode } from 'nido';

export class MonitorPolicies {
  #node: XmlNode | undefined;

  /** Takes the `<monitor>` node of a new config (undefined: none, so no debugger reaches an inferior). */
  configure(node: XmlNode | undefined): void {
    this.#node = node;
  }

  /** Whether the config has a `<monitor>` node. */
  get enabled(): boolean {
    return this.#node !== undefined;
  }

  /** The policy of the inferior labelled `label`: its `<policy>`, else Genode's defaults. */
  of(label: string): MonitorPolicy {
    const node = this.#node === undefined ? undefined : selectPolicy(this.#node, label);
    return {
      wait: node?.boolAttribute('wait', false) ?? false,
      stop: node?.boolAttribute('stop', true) ?? true,
    };
  }
}
