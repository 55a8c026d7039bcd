/*
 * Ipc: the capability space and the entrypoint of one protection domain.
 *
 * A capability is a message port whose other end is bound to an RPC object
 * at its server. Ports cannot be forged or guessed, and closing the server's
 * end revokes the capability. Delegating a capability (passing it in an RPC
 * argument or result) asks its server for a fresh port to the same object,
 * so that sender and receiver each hold their own copy, as in Genode.
 *
 * Every delegated capability carries its object's badge and the id of its
 * home protection domain. When a capability comes back to its home (a
 * client passes a session capability back to its server), the receiver
 * recognises the badge and uses its own object directly. Badges are
 * trustworthy because only Ipc code, never component code, writes messages.
 */

import type { Capability, SignalContextCapability } from './capability.js';
import {
  CapabilityRevoked, InvalidMethod, UnmarshallableValue, fromWireError, toWireError, type WireError,
} from './errors.js';
import type { Client, Implementation, Interface, SyncClient } from './interface.js';
import type { ChannelFactory, Defer, Port } from './port.js';
import { SyncClientChannel, SyncServerChannel } from './sync_channel.js';

export interface IpcOptions {
  /** Id of this protection domain, unique within the system; core is 0. */
  readonly pd: number;
  readonly channel: ChannelFactory;
  readonly defer: Defer;
  /** Shared table in which slot `pd % length` holds `pd` while that protection domain lives. */
  readonly liveness?: Int32Array;
  /** Called when an RPC object or signal context is created (may throw OutOfCaps) or destroyed. */
  readonly capAccount?: { allocate(): void; free(): void };
  /**
   * Takes the message waiting on `port` without the event loop (worker_threads'
   * receiveMessageOnPort): how shared memory in a synchronous reply reaches
   * a client that blocks. Without it, such a reply is an error.
   */
  readonly receive?: (port: Port) => unknown;
}

/* A capability as it travels in a message. */
interface CapDescriptor {
  readonly port: Port;
  readonly badge: number;
  readonly home: number;
}

type Message =
  | { k: 'c'; s: number; m: string; a: unknown[]; caps?: CapDescriptor[] }
  | { k: 'd'; s: number }
  | { k: 'g' }
  | { k: 'y'; sab: SharedArrayBuffer; fetch: boolean; attach?: Port }
  | { k: 'r'; s: number; v?: unknown; caps?: CapDescriptor[] }
  | { k: 'e'; s: number; e: WireError };

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  raw: boolean;
}

/*
 * Rejects a call with its server's error, made in a promise reaction that
 * settles the caller's promise: V8 then gives the error the frames of the
 * async functions awaiting the call (`at async construct (client.ts:6:3)`),
 * so an uncaught RPC error says where the call was made. A reply that is
 * no error costs nothing of this. The order matters: the caller's promise
 * takes up `failing` (a job) before `start` runs the reaction that throws.
 */
function rejectAtCallers(pending: Pending, wire: WireError): void {
  let start: () => void = () => undefined;
  const started = new Promise<void>((resolve) => { start = resolve; });
  const failing = started.then(() => { throw fromWireError(wire); });
  pending.resolve(failing);
  queueMicrotask(start);
}

/* A capability whose object lives in another protection domain. */
class Remote {
  revoked = false;
  seq = 0;
  readonly pending = new Map<number, Pending>();
  sync: SyncClientChannel | undefined;
  /* Where the server puts the shared memory and capabilities of its synchronous replies (see shareOut). */
  attach: Port | undefined;
  /* Keeps the capability object reachable while calls are in flight, so the finalizer cannot cut them off. */
  inflight: Capability | undefined;
  constructor(readonly port: Port, readonly badge: number, readonly home: number) {}
}

interface SignalState {
  readonly handler: (count: number) => void;
  count: number;
  scheduled: boolean;
}

/* An object served by this protection domain's entrypoint. */
class Served {
  dissolved = false;
  readonly bindings = new Map<Port, SyncServerChannel | undefined>();
  /* Per binding: the port on which synchronous replies' shared memory goes to the client. */
  readonly attachPorts = new Map<Port, Port>();
  constructor(
    readonly badge: number,
    readonly cap: Capability,
    readonly impl: Record<string, unknown>,
    readonly methods: ReadonlySet<string>,
    readonly signal: SignalState | undefined,
  ) {}
}

/*
 * How many invocations from a synchronous slot are running now (their
 * callers block): an interposer forwards such a call on the synchronous
 * path too, as a Genode entrypoint forwarding an RPC would
 * (src/base/interposer.ts). Only the synchronous part of a method sees it.
 */
let synchronousInvocations = 0;

/** Whether the method running now was called through a synchronous slot. */
export function servingSynchronousCall(): boolean {
  return synchronousInvocations > 0;
}

function newCapability(): Capability {
  return Object.freeze(Object.create(null) as Capability);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/*
 * Shared memory (SharedArrayBuffer: a dataspace's) and capabilities
 * (message ports) cannot travel in a synchronous reply's bytes: the server
 * replaces each by a marker ({$sab: i}, {$cap: i}) and posts them in one
 * message on the binding's attach port before the reply is visible; the
 * client takes it from the port (IpcOptions.receive). So a client that
 * must block can also open a session (connectSync).
 */
interface SyncAttachment {
  readonly shared: SharedArrayBuffer[];
  readonly caps: CapDescriptor[];
}

function shareOut(attach: Port | undefined, value: unknown, caps: CapDescriptor[] | undefined): unknown {
  const shared: SharedArrayBuffer[] = [];
  const out = mapShared(value, (buffer) => ({ $sab: shared.push(buffer) - 1 }));
  if (shared.length === 0 && caps === undefined) return value;
  if (attach === undefined) throw new UnmarshallableValue('shared memory or a capability in a synchronous reply, but the client gave no port for it');
  const attachment: SyncAttachment = { shared, caps: caps ?? [] };
  attach.postMessage(attachment, attachment.caps.map((cap) => cap.port));
  return out;
}

function shareIn(value: unknown, receive: () => unknown, method: string): { value: unknown; caps: readonly CapDescriptor[] | undefined } {
  if (!hasMarker(value)) return { value, caps: undefined };
  const attachment = (receive() as { message?: SyncAttachment } | undefined)?.message;
  if (attachment === undefined || !Array.isArray(attachment.shared)) {
    throw new UnmarshallableValue(`the synchronous reply of "${method}" names shared memory or capabilities that did not arrive`);
  }
  return { value: mapMarkers(value, attachment.shared), caps: attachment.caps };
}

/* `value` with every SharedArrayBuffer in its plain objects and arrays replaced by `replace`'s answer (the same value if none). */
function mapShared(value: unknown, replace: (buffer: SharedArrayBuffer) => unknown): unknown {
  if (value instanceof SharedArrayBuffer) return replace(value);
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item) => {
      const mapped = mapShared(item, replace);
      changed ||= mapped !== item;
      return mapped;
    });
    return changed ? out : value;
  }
  let out: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const mapped = mapShared(item, replace);
    if (mapped !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = mapped;
  }
  return out ?? value;
}

function sharedMarker(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const index = (value as Record<string, unknown>)['$sab'];
  return typeof index === 'number' && Object.keys(value).length === 1 ? index : undefined;
}

/* Whether a synchronous reply names shared memory or capabilities. */
function hasMarker(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return false;
  if (sharedMarker(value) !== undefined || isMarker(value as Record<string, unknown>) !== undefined) return true;
  return Object.values(value).some(hasMarker);
}

function mapMarkers(value: unknown, shared: readonly unknown[]): unknown {
  const index = sharedMarker(value);
  if (index !== undefined) {
    const buffer = shared[index];
    if (!(buffer instanceof SharedArrayBuffer)) throw new UnmarshallableValue(`shared memory ${index} of a synchronous reply is missing`);
    return buffer;
  }
  if (typeof value !== 'object' || value === null || ArrayBuffer.isView(value)) return value;
  if (Array.isArray(value)) return value.map((item) => mapMarkers(item, shared));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapMarkers(item, shared)]));
}

function isMarker(value: Record<string, unknown>): number | undefined {
  const index = value['$cap'];
  return typeof index === 'number' && Object.keys(value).length === 1 ? index : undefined;
}

export class Ipc {
  readonly pd: number;
  readonly #options: IpcOptions;
  readonly #records = new WeakMap<Capability, Remote | Served>();
  readonly #objects = new Map<number, Served>();
  #badges = 0;
  /* Closes the port of a remote capability that component code dropped without releasing it. */
  readonly #finalizer = new FinalizationRegistry<Remote>((remote) => this.#revoke(remote, true));

  constructor(options: IpcOptions) {
    this.pd = options.pd;
    this.#options = options;
  }

  /* ---------------------------------------------------------------- server side */

  /** Makes `impl` invocable through the returned capability, restricted to `iface`'s methods. */
  manage<T>(iface: Interface<T>, impl: Implementation<T>): Capability<T> {
    return this.#manage(impl as unknown as Record<string, unknown>, new Set(iface.methods), undefined) as Capability<T>;
  }

  /** Creates a signal context whose submissions call `handler` with the number of coalesced signals. */
  signalContext(handler: (count: number) => void): SignalContextCapability {
    return this.#manage({}, new Set(), { handler, count: 0, scheduled: false }) as SignalContextCapability;
  }

  #manage(impl: Record<string, unknown>, methods: ReadonlySet<string>, signal: SignalState | undefined): Capability {
    this.#options.capAccount?.allocate();
    const cap = newCapability();
    const served = new Served(++this.#badges, cap, impl, methods, signal);
    this.#records.set(cap, served);
    this.#objects.set(served.badge, served);
    return cap;
  }

  /** Revokes every copy of a capability served here; further calls fail with CapabilityRevoked. */
  dissolve(cap: Capability): void {
    const served = this.#records.get(cap);
    if (!(served instanceof Served) || served.dissolved) return;
    served.dissolved = true;
    this.#objects.delete(served.badge);
    for (const [port, sync] of served.bindings) {
      sync?.revoke();
      port.close();
    }
    served.bindings.clear();
    this.#options.capAccount?.free();
  }

  #bind(served: Served, port: Port): void {
    served.bindings.set(port, undefined);
    port.on('message', (message) => this.#serve(served, port, message as Message));
    port.on('close', () => {
      served.bindings.get(port)?.revoke();
      served.bindings.delete(port);
    });
  }

  #mint(served: Served): CapDescriptor {
    const { port1, port2 } = this.#options.channel();
    this.#bind(served, port1);
    return { port: port2, badge: served.badge, home: this.pd };
  }

  #invoke(served: Served, method: string, args: unknown[]): unknown {
    if (served.dissolved) throw new CapabilityRevoked('capability revoked');
    const fn = served.methods.has(method) ? served.impl[method] : undefined;
    if (typeof fn !== 'function') throw new InvalidMethod(`method "${method}" is not part of the interface`);
    return (fn as (...a: unknown[]) => unknown).apply(served.impl, args);
  }

  #serve(served: Served, port: Port, message: Message): void {
    switch (message.k) {
      case 'c': {
        const { s } = message;
        let result: unknown;
        try {
          const args = message.caps ? (this.#decode(message.a, message.caps) as unknown[]) : message.a;
          result = this.#invoke(served, message.m, args);
        } catch (error) {
          this.#replyError(port, s, error);
          return;
        }
        if (isThenable(result)) {
          result.then((value) => this.#reply(port, s, value), (error: unknown) => this.#replyError(port, s, error));
        } else {
          this.#reply(port, s, result);
        }
        return;
      }
      case 'd': {
        if (served.dissolved) return this.#replyError(port, message.s, new CapabilityRevoked('capability revoked'));
        const descriptor = this.#mint(served);
        port.postMessage({ k: 'r', s: message.s, v: { $cap: 0 }, caps: [descriptor] }, [descriptor.port]);
        return;
      }
      case 'g':
        if (served.signal !== undefined && !served.dissolved) this.#signal(served.signal);
        return;
      case 'y': {
        const previous = served.bindings.get(port);
        previous?.revoke();
        const channel = new SyncServerChannel(message.sab);
        if (message.fetch) channel.adoptOverflow(previous);
        served.bindings.set(port, channel);
        if (message.attach !== undefined) served.attachPorts.set(port, message.attach);
        const attach = served.attachPorts.get(port);
        void channel.serve((method, args) => {
          let value: unknown;
          synchronousInvocations++;
          try {
            value = this.#invoke(served, method, args);
          } finally {
            synchronousInvocations--;
          }
          return isThenable(value) ? Promise.resolve(value).then((v) => this.#syncReply(attach, v)) : this.#syncReply(attach, value);
        });
        return;
      }
      default:
        return;
    }
  }

  #reply(port: Port, s: number, value: unknown): void {
    const encoded = this.#encodeLocal(value);
    if (encoded === undefined) {
      this.#encode(value).then(
        ({ value: v, caps }) => this.#post(port, { k: 'r', s, v, caps }, caps),
        (error: unknown) => this.#replyError(port, s, error));
      return;
    }
    this.#post(port, value === undefined ? { k: 'r', s } : { k: 'r', s, v: encoded.value, caps: encoded.caps }, encoded.caps);
  }

  /* A synchronous reply's value; a capability a reply carries is duplicated at its server first, if it lives elsewhere. */
  #syncReply(attach: Port | undefined, value: unknown): unknown {
    const encoded = this.#encodeLocal(value);
    if (encoded === undefined) return this.#encode(value).then((remote) => shareOut(attach, remote.value, remote.caps));
    return shareOut(attach, encoded.value, encoded.caps);
  }

  #replyError(port: Port, s: number, error: unknown): void {
    try {
      port.postMessage({ k: 'e', s, e: toWireError(error) });
    } catch {
      /* the client is gone */
    }
  }

  #post(port: Port, message: Message, caps: CapDescriptor[] | undefined): void {
    try {
      if (caps === undefined) port.postMessage(message);
      else port.postMessage(message, caps.map((c) => c.port));
    } catch (error) {
      if ('s' in message) this.#replyError(port, message.s, new UnmarshallableValue(String((error as Error).message)));
    }
  }

  #signal(state: SignalState): void {
    state.count++;
    if (state.scheduled) return;
    state.scheduled = true;
    this.#options.defer(() => {
      state.scheduled = false;
      const count = state.count;
      state.count = 0;
      state.handler(count);
    });
  }

  /* ---------------------------------------------------------------- client side */

  /** Invokes `method` on the object behind `cap`. */
  call(cap: Capability, method: string, args: unknown[]): Promise<unknown> {
    const record = this.#records.get(cap);
    if (record === undefined) return Promise.reject(new CapabilityRevoked('invalid capability'));
    if (record instanceof Served) {
      try {
        return Promise.resolve(this.#invoke(record, method, args));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return this.#request(cap, record, method, args);
  }

  #request(cap: Capability, remote: Remote, method: string, args: unknown[]): Promise<unknown> {
    if (remote.revoked) return Promise.reject(new CapabilityRevoked(`capability revoked (calling "${method}")`));
    return new Promise((resolve, reject) => {
      const s = ++remote.seq;
      remote.inflight = cap;
      remote.pending.set(s, { resolve, reject, raw: false });
      const encoded = this.#encodeLocal(args);
      const send = (value: unknown, caps: CapDescriptor[] | undefined): void => {
        if (remote.revoked) return;
        try {
          if (caps === undefined) remote.port.postMessage({ k: 'c', s, m: method, a: value });
          else remote.port.postMessage({ k: 'c', s, m: method, a: value, caps }, caps.map((c) => c.port));
        } catch (error) {
          remote.pending.delete(s);
          reject(new UnmarshallableValue(`argument of "${method}" cannot be sent: ${(error as Error).message}`));
        }
      };
      if (encoded !== undefined) send(encoded.value, encoded.caps);
      else this.#encode(args).then(({ value, caps }) => send(value, caps), (error: unknown) => {
        remote.pending.delete(s);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
    });
  }

  /** Invokes `method` and blocks until it returns (workers only; data arguments, capabilities in results). */
  callSync(cap: Capability, method: string, args: unknown[]): unknown {
    const record = this.#records.get(cap);
    if (record === undefined) throw new CapabilityRevoked('invalid capability');
    if (record instanceof Served) {
      const value = this.#invoke(record, method, args);
      if (isThenable(value)) throw new UnmarshallableValue(`synchronous call of local "${method}" answered asynchronously`);
      return value;
    }
    if (record.revoked) throw new CapabilityRevoked(`capability revoked (calling "${method}")`);
    if (record.sync === undefined) {
      const { port1, port2 } = this.#options.channel();
      record.attach = port1;
      let attach: Port | undefined = port2;
      record.sync = new SyncClientChannel((sab, fetch) => {
        /* The first announcement carries the port for shared memory; later ones (a larger slot) keep it. */
        if (attach === undefined) return void record.port.postMessage({ k: 'y', sab, fetch });
        record.port.postMessage({ k: 'y', sab, fetch, attach }, [attach]);
        attach = undefined;
      }, () => this.alive(record.home));
    }
    const reply = shareIn(record.sync.call(method, args), () => (record.attach === undefined ? undefined : this.#options.receive?.(record.attach)), method);
    return reply.caps === undefined ? reply.value : this.#decode(reply.value, reply.caps);
  }

  /** Submits a signal to the context behind `cap` (fire and forget, coalescing). */
  submit(cap: SignalContextCapability): void {
    const record = this.#records.get(cap);
    if (record instanceof Served) {
      if (record.signal !== undefined && !record.dissolved) this.#signal(record.signal);
    } else if (record !== undefined && !record.revoked) {
      record.port.postMessage({ k: 'g' });
    }
  }

  /** Drops this protection domain's copy of a capability (dissolves it if it is served here). */
  release(cap: Capability): void {
    const record = this.#records.get(cap);
    if (record instanceof Served) this.dissolve(cap);
    else if (record !== undefined) this.#revoke(record, true);
  }

  /** Whether `cap` still refers to a living object. */
  valid(cap: Capability): boolean {
    const record = this.#records.get(cap);
    if (record === undefined) return false;
    return record instanceof Served ? !record.dissolved : !record.revoked;
  }

  /** Whether `cap` is served by this protection domain. */
  local(cap: Capability): boolean {
    return this.#records.get(cap) instanceof Served;
  }

  /** The implementation behind a capability served here, or undefined. */
  implementation(cap: Capability): unknown {
    const record = this.#records.get(cap);
    return record instanceof Served && !record.dissolved ? record.impl : undefined;
  }

  /** Whether protection domain `pd` exists (as far as the shared liveness table tells). */
  alive(pd: number): boolean {
    const table = this.#options.liveness;
    if (table === undefined || table.length === 0) return true;
    return Atomics.load(table, pd % table.length) === pd;
  }

  /** A typed client for the object behind `cap`. */
  client<T>(iface: Interface<T>, cap: Capability<T>): Client<T> {
    const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    for (const method of iface.methods) client[method] = (...args) => this.call(cap, method, args);
    return Object.freeze(client) as unknown as Client<T>;
  }

  /** A blocking client for the object behind `cap`. */
  syncClient<T>(iface: Interface<T>, cap: Capability<T>): SyncClient<T> {
    const client: Record<string, (...args: unknown[]) => unknown> = {};
    for (const method of iface.methods) client[method] = (...args) => this.callSync(cap, method, args);
    return Object.freeze(client) as unknown as SyncClient<T>;
  }

  /* ---------------------------------------------------------------- transfer */

  /** Wraps a port received outside any RPC (the initial parent capability) as a capability. */
  adopt(port: Port, badge: number, home: number): Capability {
    return this.#decodeCap({ port, badge, home });
  }

  /** Detaches a capability's port for hand-over outside RPC (core giving a new PD its parent). */
  async export(cap: Capability): Promise<{ port: Port; badge: number; home: number }> {
    const { caps } = await this.#encode([cap]);
    const descriptor = caps?.[0];
    if (descriptor === undefined) throw new CapabilityRevoked('capability cannot be exported');
    return descriptor;
  }

  #revoke(remote: Remote, close: boolean): void {
    if (remote.revoked) return;
    remote.revoked = true;
    remote.sync?.close();
    for (const pending of remote.pending.values()) pending.reject(new CapabilityRevoked('capability revoked'));
    remote.pending.clear();
    if (close) remote.port.close();
  }

  #decodeCap(descriptor: CapDescriptor): Capability {
    if (descriptor.home === this.pd) {
      const served = this.#objects.get(descriptor.badge);
      if (served !== undefined) {
        descriptor.port.close();
        return served.cap;
      }
    }
    const remote = new Remote(descriptor.port, descriptor.badge, descriptor.home);
    const cap = newCapability();
    this.#records.set(cap, remote);
    this.#finalizer.register(cap, remote, remote);
    descriptor.port.on('message', (message) => this.#settle(remote, message as Message));
    descriptor.port.on('close', () => this.#revoke(remote, false));
    return cap;
  }

  #settle(remote: Remote, message: Message): void {
    if (message.k !== 'r' && message.k !== 'e') return;
    const pending = remote.pending.get(message.s);
    if (pending === undefined) return;
    remote.pending.delete(message.s);
    if (remote.pending.size === 0) remote.inflight = undefined;
    if (message.k === 'e') rejectAtCallers(pending, message.e);
    else if (pending.raw) pending.resolve(message.caps?.[0]);
    else pending.resolve(message.caps ? this.#decode(message.v, message.caps) : message.v);
  }

  /* Collects the capabilities inside a value (plain objects and arrays only). */
  #scan(value: unknown, found: Capability[]): void {
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return;
    if (this.#records.has(value as Capability)) {
      found.push(value as Capability);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) this.#scan(item, found);
      return;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return;
    for (const item of Object.values(value)) this.#scan(item, found);
  }

  /* Replaces capabilities by markers; `descriptors` line up with `caps`. */
  #replace(value: unknown, caps: Capability[]): unknown {
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
    const index = caps.indexOf(value as Capability);
    if (index >= 0) return { $cap: index };
    if (Array.isArray(value)) return value.map((item) => this.#replace(item, caps));
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    if (isMarker(value as Record<string, unknown>) !== undefined) {
      throw new UnmarshallableValue('an object with the single key "$cap" cannot be sent');
    }
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = this.#replace(item, caps);
    return out;
  }

  /*
   * Encodes without waiting when possible: values without capabilities, or
   * with capabilities served here. Returns undefined when a remote
   * capability must first be duplicated at its server.
   */
  #encodeLocal(value: unknown): { value: unknown; caps: CapDescriptor[] | undefined } | undefined {
    const found: Capability[] = [];
    this.#scan(value, found);
    if (found.length === 0) return { value, caps: undefined };
    const caps: CapDescriptor[] = [];
    for (const cap of found) {
      const record = this.#records.get(cap);
      if (!(record instanceof Served)) return undefined;
      if (record.dissolved) throw new CapabilityRevoked('cannot delegate a dissolved capability');
      caps.push(this.#mint(record));
    }
    return { value: this.#replace(value, found), caps };
  }

  async #encode(value: unknown): Promise<{ value: unknown; caps: CapDescriptor[] | undefined }> {
    const found: Capability[] = [];
    this.#scan(value, found);
    if (found.length === 0) return { value, caps: undefined };
    const caps = await Promise.all(found.map((cap) => this.#duplicate(cap)));
    return { value: this.#replace(value, found), caps };
  }

  #duplicate(cap: Capability): Promise<CapDescriptor> {
    const record = this.#records.get(cap);
    if (record instanceof Served) {
      if (record.dissolved) return Promise.reject(new CapabilityRevoked('cannot delegate a dissolved capability'));
      return Promise.resolve(this.#mint(record));
    }
    if (record === undefined || record.revoked) return Promise.reject(new CapabilityRevoked('cannot delegate a revoked capability'));
    return new Promise((resolve, reject) => {
      const s = ++record.seq;
      record.pending.set(s, { resolve: resolve as (value: unknown) => void, reject, raw: true });
      record.port.postMessage({ k: 'd', s });
    });
  }

  #decode(value: unknown, caps: readonly CapDescriptor[]): unknown {
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.#decode(value[i], caps);
      return value;
    }
    const record = value as Record<string, unknown>;
    const index = isMarker(record);
    if (index !== undefined) {
      const descriptor = caps[index];
      if (descriptor === undefined) throw new UnmarshallableValue(`capability ${index} missing in message`);
      return this.#decodeCap(descriptor);
    }
    for (const key of Object.keys(record)) record[key] = this.#decode(record[key], caps);
    return record;
  }
}
