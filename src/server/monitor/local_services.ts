/*
 * The monitor's local PD and CPU services: what `<service name="PD">
 * <local/> </service>` (and CPU) reaches in the monitor's config. A child
 * whose PD and CPU sessions come here is an inferior.
 *
 * Each session is opened at the monitor's parent under the label the
 * child's route gives it, paid by the monitor as for any environment
 * session, and handed to the child as it is: the monitor does not stand
 * in the calls (V8's inspector, not the PD's calls, is how a debugger
 * reaches a program, so an inferior runs as fast as any component). What
 * makes it an inferior is the monitor's own PD asking core, once the
 * child has both sessions from here, to let a debugger reach it
 * (Pd.monitor): core accepts that only from the PD that pays for the
 * child's, which the child's parent is (docs/debugging.md).
 */

import { Pd, SessionArgs, type Capability, type Env, type Implementation, type Root } from 'nido';
import type { MonitorPolicies } from './monitor_policy.js';

export interface MonitorOutput {
  log(text: string): void;
  error(text: string): void;
}

interface PdGrant {
  readonly id: number;
  readonly label: string;
  readonly cap: Capability<Pd>;
}

export class LocalServices {
  readonly #env: Env;
  readonly #policies: MonitorPolicies;
  readonly #out: MonitorOutput;
  /* The PD sessions served, by their id at the parent. */
  readonly #pds = new Map<number, PdGrant>();

  constructor(env: Env, policies: MonitorPolicies, out: MonitorOutput) {
    this.#env = env;
    this.#policies = policies;
    this.#out = out;
  }

  /** The roots `<local/>` reaches, by service name (the sandbox's local services). */
  get roots(): ReadonlyMap<string, Implementation<Root>> {
    return new Map([['PD', this.#pdRoot()], ['CPU', this.#cpuRoot()]]);
  }

  #pdRoot(): Implementation<Root> {
    const { parent } = this.#env;
    return {
      session: async (args) => {
        const grant = await parent.session('PD', args);
        this.#pds.set(grant.id, { id: grant.id, label: SessionArgs.parse(args).label, cap: grant.cap as Capability<Pd> });
        return grant;
      },
      upgrade: (id, args) => parent.upgrade(id, args),
      close: async (id) => {
        this.#pds.delete(id);
        await parent.close(id);
      },
    };
  }

  #cpuRoot(): Implementation<Root> {
    const { parent } = this.#env;
    return {
      session: async (args) => {
        const grant = await parent.session('CPU', args);
        await this.#inferior(SessionArgs.parse(args).label);
        return grant;
      },
      upgrade: (id, args) => parent.upgrade(id, args),
      close: (id) => parent.close(id),
    };
  }

  /* A child with its CPU session here and its PD session from here, too, is an inferior (Genode's monitor). */
  async #inferior(label: string): Promise<void> {
    const pd = [...this.#pds.values()].reverse().find((grant) => grant.label === label);
    if (pd === undefined || !this.#policies.enabled) return;
    const policy = this.#policies.of(label);
    try {
      const served = await this.#env.pd.monitor(pd.cap, policy);
      if (served) this.#out.log(`monitoring "${label}" (wait="${policy.wait ? 'yes' : 'no'}" stop="${policy.stop ? 'yes' : 'no'}")`);
    } catch (error) {
      this.#out.error(`cannot monitor "${label}": ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
