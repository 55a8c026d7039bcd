/*
 * The ways a noux process's program leaves the WebAssembly stack other
 * than by returning: each is thrown by an import (or, for fork, the stack
 * is unwound by asyncify) and caught by the process's run loop or by the
 * `invoke_*` wrapper that setjmp's lowering calls through.
 */

import type { WasmModule } from '../libc/webassembly.js';

/** longjmp: caught by the nearest invoke_* wrapper, which tells the lowered code where to land. */
export class LongjmpUnwind {
  readonly name = 'LongjmpUnwind';
}

/** exec succeeded: the run loop starts the new program in this protection domain. */
export class ExecReplace {
  readonly name = 'ExecReplace';
  constructor(readonly module: WasmModule, readonly program: string, readonly argv: readonly string[], readonly env: readonly string[]) {}
}

/** The program ended: _exit, or a signal whose default action ends it (noux was told already). */
export class ProcessExit {
  readonly name = 'ProcessExit';
  constructor(readonly code: number, readonly signal: number) {}
}
