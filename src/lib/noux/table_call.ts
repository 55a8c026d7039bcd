/*
 * Calls from the runtime into a program's function table: the invoke
 * wrappers of setjmp's lowering and signal handlers.
 *
 * C programs call functions through pointers of another type (bash
 * does, everywhere); a native machine does not mind, WebAssembly traps.
 * `nido cc --fpcast-emu` runs binaryen's fpcast-emu pass, which puts in
 * the table, for every function, a thunk that takes FPCAST_PARAMS 64-bit
 * integers and answers one, and marks the program with the custom
 * section FPCAST_SECTION. A call from here must then speak the thunk's
 * language: integers widened, floats as their bits, missing arguments
 * zero (fpcast-emu's conversions, both ways).
 */

import { WebAssemblyApi, type WasmModule } from '../libc/webassembly.js';

/** The custom section that marks a program built with fpcast-emu; its one byte is FPCAST_PARAMS. */
export const FPCAST_SECTION = 'nido.fpcast';
/** The parameters of every thunk (binaryen's max-func-params; its default). */
export const FPCAST_PARAMS = 16;

type TableFunction = (...args: unknown[]) => unknown;

/**
 * Calls `target` with `args` as a function of `signature` (emscripten's
 * letters: the result, then the parameters; v none, i i32, j i64, f f32,
 * d f64) and answers its result as that signature's.
 */
export type TableCall = (target: TableFunction, signature: string, args: readonly unknown[]) => unknown;

/** A call into the table of a program built without fpcast-emu. */
export const directCall: TableCall = (target, _signature, args) => target(...args);

const bits = new DataView(new ArrayBuffer(8));

function toThunk(kind: string, value: unknown): bigint {
  switch (kind) {
    case 'j': return BigInt.asUintN(64, value as bigint);
    case 'f': bits.setFloat32(0, Number(value)); return BigInt(bits.getUint32(0));
    case 'd': bits.setFloat64(0, Number(value)); return bits.getBigUint64(0);
    default: return BigInt(Number(value) >>> 0);
  }
}

function fromThunk(kind: string, value: bigint): unknown {
  switch (kind) {
    case 'v': return undefined;
    case 'j': return BigInt.asIntN(64, value);
    case 'f': bits.setUint32(0, Number(BigInt.asUintN(32, value))); return bits.getFloat32(0);
    case 'd': bits.setBigUint64(0, BigInt.asUintN(64, value)); return bits.getFloat64(0);
    default: return Number(BigInt.asIntN(32, value));
  }
}

/** How the runtime calls into the table of `module`. */
export function tableCall(module: WasmModule): TableCall {
  const [section] = WebAssemblyApi.Module.customSections(module, FPCAST_SECTION);
  if (section === undefined) return directCall;
  const params = new Uint8Array(section)[0] ?? FPCAST_PARAMS;
  return (target, signature, args) => {
    const widened = new Array<bigint>(params).fill(0n);
    for (let i = 0; i < args.length && i < params; i++) widened[i] = toThunk(signature.charAt(i + 1), args[i]);
    return fromThunk(signature.charAt(0), target(...widened) as bigint);
  };
}
