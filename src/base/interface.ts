/*
 * RPC interfaces, declared once.
 *
 * An interface is a name and the list of its methods. From it follow the
 * typed client (every method returns a promise), the synchronous client
 * (every method blocks) and the server dispatch (only declared methods can
 * be invoked).
 *
 *   interface Hello { add(a: number, b: number): number }
 *   const Hello = defineInterface<Hello>('Hello', ['add']);
 */

// Interface methods take and return plain data and capabilities.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Method = (...args: never[]) => unknown;

export type Methods<T> = { [K in keyof T]: T[K] extends Method ? T[K] : never };

export interface Interface<T> {
  readonly name: string;
  readonly methods: readonly (keyof T & string)[];
  /** Phantom field that carries T for type inference; never set. */
  readonly __type?: T;
}

/** Declares an RPC interface. */
export function defineInterface<T extends Methods<T>>(name: string, methods: readonly (keyof T & string)[]): Interface<T> {
  return Object.freeze({ name, methods: Object.freeze([...methods]) });
}

/** The client side of an interface: every method is asynchronous. */
export type Client<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/** The blocking client side of an interface, for callers that must not return to their event loop. */
export type SyncClient<T> = {
  readonly [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Awaited<R> : never;
};

/** What a server implements for an interface: methods may answer directly or with a promise. */
export type Implementation<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => R | Promise<Awaited<R>> : never;
};
