/*
 * The names of a component's globals, in one place for the runtime, which
 * makes them (component_globals.ts), and core, which looks for them in a
 * component's bundle (bundle.ts: the names a bundle uses become
 * parameters of its module function, see worker_main.ts).
 */

/*
 * The web platform's classes and functions and the ECMAScript intrinsics
 * SES keeps out of new compartments (NaN bits of the float arrays, garbage
 * collection through WeakRef), which Nido does not mind: the worker's own,
 * handed over hardened.
 *
 * EAGER: already loaded in every worker, small, and reaching no object of
 * the others. LAZY: loaded by Node
 * on first use (streams, compression, web crypto), one group because they reach each other through results and
 * getters (`blob.stream()` is a ReadableStream, `atob` throws a
 * DOMException, `crypto.subtle` is a getter), so all are hardened at once.
 */
export const EAGER = ['TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'queueMicrotask'] as const;
export const LAZY = [
  'AbortController', 'AbortSignal', 'Blob', 'File', 'DOMException', 'Event', 'EventTarget',
  'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream',
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
  'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'ByteLengthQueuingStrategy',
  'CountQueuingStrategy', 'atob', 'btoa', 'structuredClone', 'crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto',
  'Intl', 'WebAssembly',
] as const;
/* Ours and the engine's, made together on the first use of any (EAGER and LAZY are groups of their own). */
export const TIME_AND_MATH = [
  'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'Date', 'Math', 'performance', 'navigator',
  'Float32Array', 'Float64Array', 'WeakRef', 'FinalizationRegistry',
] as const;

/* What SES gives every compartment (its universal and shared globals), and what the runtime adds at start. */
const COMPARTMENT_OWN = [
  'Infinity', 'NaN', 'undefined', 'isFinite', 'isNaN', 'parseFloat', 'parseInt', 'decodeURI', 'decodeURIComponent',
  'encodeURI', 'encodeURIComponent', 'escape', 'unescape', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array',
  'Boolean', 'DataView', 'Error', 'EvalError', 'Int8Array', 'Int16Array', 'Int32Array', 'Map', 'Number', 'Object', 'Promise',
  'Proxy', 'RangeError', 'ReferenceError', 'Reflect', 'RegExp', 'Set', 'String', 'Symbol', 'SyntaxError', 'TypeError',
  'Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'URIError', 'WeakMap', 'WeakSet', 'AggregateError', 'JSON',
  'Function', 'Compartment', 'harden', 'globalThis', 'self', 'console',
] as const;

/**
 * The globals a module's function gets as parameters where its code names
 * them (worker_main.ts): all but LAZY's, which stay looked up where used,
 * so that naming one (nanoid names `crypto`) does not make them all at a
 * component's start.
 */
export const PARAMETER_GLOBALS: ReadonlySet<string> = new Set<string>([...COMPARTMENT_OWN, ...TIME_AND_MATH, ...EAGER]);
