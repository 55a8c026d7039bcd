/*
 * Capabilities as component code sees them: opaque, frozen tokens.
 *
 * A capability carries no data a holder could read or forge; the protection
 * domain's Ipc keeps the channel behind it. It can be passed in RPC
 * arguments and results (the receiver gets its own copy) and turned into a
 * client with `env.client(Interface, cap)`.
 */

declare const capabilityBrand: unique symbol;

export interface Capability<T = unknown> {
  readonly [capabilityBrand]?: T;
}

/** The capability of a signal context; submitting it wakes the context's handler. */
export interface SignalContextCapability extends Capability<'signal'> {}
