/*
 * Typed errors of the component API.
 *
 * Every failure a caller can handle has its own class, named after Genode's
 * exception (Service_denied → ServiceDenied). Errors cross RPC boundaries by
 * name: the receiving side re-creates an instance of the same class, so
 * `instanceof` works across protection domains.
 */

/** Base class of all errors defined by Nido. */
export class NidoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The parent (or a server) refused a session request. */
export class ServiceDenied extends NidoError {}

/** The parent found no route for a session request (a ServiceDenied the parent decided alone). */
export class RouteMissing extends ServiceDenied {}

/** The session quota donated with a request does not cover the server's costs. */
export class InsufficientRamQuota extends NidoError {}

/** The capability quota donated with a request does not cover the server's costs. */
export class InsufficientCapQuota extends NidoError {}

/** The component's own RAM account cannot pay for what it asked for. */
export class OutOfRam extends NidoError {}

/** The component's own capability account cannot pay for what it asked for. */
export class OutOfCaps extends NidoError {}

/** The capability no longer refers to a living object (its server dissolved it or died). */
export class CapabilityRevoked extends NidoError {}

/** The invoked method is not part of the object's interface. */
export class InvalidMethod extends NidoError {}

/** A value that cannot cross a protection-domain boundary was passed to or returned from an RPC. */
export class UnmarshallableValue extends NidoError {}

/** A ROM module does not exist. */
export class RomModuleMissing extends NidoError {}

/** A server-side error of a class the caller does not know; `remoteName` keeps its name. */
export class RemoteError extends NidoError {
  readonly remoteName: string;
  constructor(remoteName: string, message: string) {
    super(message);
    this.remoteName = remoteName;
  }
}

type ErrorClass = new (message: string) => Error;

const knownErrors = new Map<string, ErrorClass>([
  ['ServiceDenied', ServiceDenied],
  ['RouteMissing', RouteMissing],
  ['InsufficientRamQuota', InsufficientRamQuota],
  ['InsufficientCapQuota', InsufficientCapQuota],
  ['OutOfRam', OutOfRam],
  ['OutOfCaps', OutOfCaps],
  ['CapabilityRevoked', CapabilityRevoked],
  ['InvalidMethod', InvalidMethod],
  ['UnmarshallableValue', UnmarshallableValue],
  ['RomModuleMissing', RomModuleMissing],
  ['TypeError', TypeError],
  ['RangeError', RangeError],
  ['Error', Error],
]);

/** An error as it travels in an RPC reply. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

/**
 * Makes the classes of `errors` known to this protection domain, so that
 * errors of these classes arriving in RPC replies are re-created with their
 * class. Session interfaces register their own error classes this way.
 */
export function registerErrors(...errors: ErrorClass[]): void {
  for (const error of errors) knownErrors.set(error.name, error);
}

/** Converts a thrown value into its wire form. */
export function toWireError(error: unknown): WireError {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const name = error instanceof RemoteError ? error.remoteName : error.name;
    return typeof code === 'string' ? { name, message: error.message, code } : { name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}

/** Re-creates an error from its wire form. */
export function fromWireError(wire: WireError): Error {
  const known = knownErrors.get(wire.name);
  const error = known ? new known(wire.message) : new RemoteError(wire.name, wire.message);
  if (wire.code !== undefined) Object.defineProperty(error, 'code', { value: wire.code, enumerable: true });
  return error;
}
