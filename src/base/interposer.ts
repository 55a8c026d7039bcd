/*
 * Interposer: a component that serves service S to its clients while being
 * a client of S itself, one upstream session per client session, and
 * forwards every call of S's interface (defineInterface) with hooks before
 * and after each call: to watch the requests (trace), to refuse some
 * (limiter), to change what a server does without touching it
 * (docs/interposition.md).
 *
 *   interpose(env, Log, {
 *     session: (session) => ({
 *       after: (call, outcome) => env.log(`${session.label} ${call.method} ${outcome.ok ? 'ok' : 'failed'}`),
 *     }),
 *   });
 *
 * The client pays all the way: the upstream session is opened with the
 * client's donation as the interposer received it, less what the
 * interposer keeps for its bookkeeping (INTERPOSER_SESSION_RAM), and the
 * same session arguments (the label as received, every other argument).
 * A server asking for more (InsufficientRamQuota) reaches the client,
 * whose connect offers more; upgrades are passed on; closing the client's
 * session closes the upstream one first, so that the interposer holds the
 * whole donation again when its parent takes it back.
 *
 * Capabilities, signal contexts and dataspaces in arguments and results
 * pass through as they are (delegation copies them). So does a capability
 * to a sub-session a method returns (Gui's framebuffer()): the client
 * talks to that object directly, and the interposer sees only the calls
 * of the top-level session, unless a hook wraps such a result itself.
 *
 * A client that blocks (env.syncClient) is served on the synchronous path
 * like any other; the interposer forwards its call upstream asynchronously
 * and answers the slot when the server answered, serving others meanwhile.
 * With `syncForwarding: 'blocking'` it calls upstream blocking instead, as
 * a Genode entrypoint forwarding an RPC does: its thread waits for the
 * server and serves nobody else, so a server whose answer waits for
 * another client of the same interposer would deadlock. On two cores the
 * blocking way was no faster (bench/interpose.ts).
 */

import type { Env } from './env.js';
import { InsufficientRamQuota, NidoError, registerErrors } from './errors.js';
import type { Client, Implementation, Interface, SyncClient } from './interface.js';
import { servingSynchronousCall } from './ipc.js';
import type { Capability } from './capability.js';
import type { SessionHooks } from './root_component.js';
import { SessionArgs } from '../util/session_args.js';

/** RAM an interposer keeps of each session's donation for its own bookkeeping (the session object, its hooks' state). */
export const INTERPOSER_SESSION_RAM = 512;

/** A call an interposer refused because a limit of its policy was reached (the limiter's error). */
export class LimitExceeded extends NidoError {}
registerErrors(LimitExceeded);

/** A client's session at an interposer. */
export interface InterposedSession {
  /** The session's id at the interposer's root. */
  readonly id: number;
  /** The service as announced. */
  readonly service: string;
  /** The label as the interposer received it (its parent prefixed the client's name). */
  readonly label: string;
  /** The session arguments as the interposer received them. */
  readonly args: SessionArgs;
}

/** One call through an interposer, as its hooks see it. */
export interface InterposedCall {
  readonly session: InterposedSession;
  readonly method: string;
  readonly args: readonly unknown[];
  /** The client blocks (env.syncClient). */
  readonly synchronous: boolean;
}

export type CallOutcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly error: unknown };

/** What an interposer does around each call of a session. Both run on the interposer's thread, synchronously. */
export interface CallHooks {
  /** Before the call goes upstream; an error it throws is the client's answer, and nothing goes upstream. */
  before?(call: InterposedCall): void;
  /** After the upstream answered; `durationMs` is measured with InterposeOptions.now, undefined without it. */
  after?(call: InterposedCall, outcome: CallOutcome, durationMs: number | undefined): void;
}

export interface ForwarderOptions<T> {
  /** The blocking client of the same upstream object, for calls whose client blocks; without it they are forwarded asynchronously. */
  readonly upstreamSync?: SyncClient<T>;
  readonly hooks?: CallHooks;
  /** The session the calls belong to, for the hooks. */
  readonly session?: InterposedSession;
  /** A clock in milliseconds for the hooks' durations (the component's `performance.now`: a clock is authority, the library has none). */
  readonly now?: () => number;
}

const NO_SESSION: InterposedSession = Object.freeze({ id: 0, service: '', label: '', args: SessionArgs.from({}) });

/**
 * An implementation of `iface` whose every method calls the same method of
 * `upstream` with the same arguments and answers with its result or error,
 * running the hooks around it. A call that came through a synchronous slot
 * goes to `upstreamSync`, blocking, when given.
 *
 *   env.ep.manage(Hello, forwarder(Hello, env.client(Hello, cap), { hooks }))
 */
export function forwarder<T>(iface: Interface<T>, upstream: Client<T>, options: ForwarderOptions<T> = {}): Implementation<T> {
  const impl: Record<string, (...args: unknown[]) => unknown> = {};
  const asyncUpstream = upstream as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  const syncUpstream = options.upstreamSync as unknown as Record<string, (...args: unknown[]) => unknown> | undefined;
  const { hooks, now } = options;
  const session = options.session ?? NO_SESSION;
  for (const method of iface.methods) {
    const forward = asyncUpstream[method];
    const forwardSync = syncUpstream?.[method];
    if (forward === undefined) continue;
    if (hooks === undefined) {
      /* Nothing to run around the call: the plain forward, the cheapest path. */
      impl[method] = forwardSync === undefined
        ? forward
        : (...args) => (servingSynchronousCall() ? forwardSync(...args) : forward(...args));
      continue;
    }
    const { before, after } = hooks;
    impl[method] = (...args) => {
      const synchronous = servingSynchronousCall();
      const call: InterposedCall = { session, method, args, synchronous };
      before?.(call);
      const blocking = synchronous && forwardSync !== undefined;
      if (after === undefined) return blocking ? (forwardSync as (...a: unknown[]) => unknown)(...args) : forward(...args);
      const start = now?.();
      const took = () => (start === undefined || now === undefined ? undefined : now() - start);
      if (blocking) {
        let result: unknown;
        try {
          result = (forwardSync as (...a: unknown[]) => unknown)(...args);
        } catch (error) {
          after(call, { ok: false, error }, took());
          throw error;
        }
        after(call, { ok: true, result }, took());
        return result;
      }
      return forward(...args).then(
        (result) => { after(call, { ok: true, result }, took()); return result; },
        (error: unknown) => { after(call, { ok: false, error }, took()); throw error; });
    };
  }
  return impl as unknown as Implementation<T>;
}

export interface InterposeOptions {
  /** The service announced; default the interface's name. */
  readonly service?: string;
  /** The service asked for upstream; default `service`. */
  readonly upstreamService?: string;
  /** RAM kept of each donation (default INTERPOSER_SESSION_RAM); the rest goes upstream. */
  readonly keepRam?: number;
  /** How a call whose client blocks goes upstream: 'async' (default: the interposer serves others meanwhile) or 'blocking' (see the header). */
  readonly syncForwarding?: 'blocking' | 'async';
  /** The clock of the hooks' durations, in ms (pass `() => performance.now()`; it opens the component's Timer session). */
  readonly now?: () => number;
  /**
   * Called for each new session before it is opened upstream: its hooks,
   * or undefined to forward its calls without any. Throwing refuses the
   * session (ServiceDenied, say).
   */
  readonly session?: (session: InterposedSession) => CallHooks | undefined | Promise<CallHooks | undefined>;
  /** Called when a session closed (upstream too). */
  readonly closed?: (session: InterposedSession) => void;
}

/**
 * Announces `options.service` (default `iface.name`) and serves each
 * session by forwarding to a session of the same service at the
 * component's parent, opened for it and paid from its client's donation.
 */
export function interpose<T>(env: Env, iface: Interface<T>, options: InterposeOptions = {}): void {
  const service = options.service ?? iface.name;
  const upstreamService = options.upstreamService ?? service;
  const keepRam = options.keepRam ?? INTERPOSER_SESSION_RAM;
  const blocking = options.syncForwarding === 'blocking';
  env.announce(iface, async (args, id): Promise<Implementation<T> & SessionHooks> => {
    if (args.ramQuota < keepRam) {
      throw new InsufficientRamQuota(`${service} session "${args.label}" via interposer needs ram_quota of at least ${keepRam}, got ${args.ramQuota}`);
    }
    const session: InterposedSession = Object.freeze({ id, service, label: args.label, args });
    const hooks = await options.session?.(session);
    const upstreamArgs = args.set('ram_quota', args.ramQuota - keepRam).set('cap_quota', args.capQuota);
    /* One attempt: a server's InsufficientRamQuota goes to the client, whose donation must grow, not ours. */
    const grant = await env.parent.session(upstreamService, upstreamArgs.toString());
    const cap = grant.cap as Capability<T>;
    const forwarding = forwarder(iface, env.client(iface, cap), {
      ...(blocking ? { upstreamSync: env.syncClient(iface, cap) } : {}),
      ...(hooks === undefined ? {} : { hooks }),
      ...(options.now === undefined ? {} : { now: options.now }),
      session,
    });
    let closed = false;
    const hookMethods: SessionHooks = {
      upgrade: (ram, caps) => env.parent.upgrade(grant.id, SessionArgs.from({ ram_quota: ram, cap_quota: caps }).toString()),
      close: async () => {
        if (closed) return;
        closed = true;
        env.release(cap);
        await env.parent.close(grant.id);
        options.closed?.(session);
      },
    };
    return Object.assign(forwarding, hookMethods);
  }, { ram: keepRam });
}
