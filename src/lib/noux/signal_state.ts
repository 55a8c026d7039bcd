/*
 * A noux process's signals as its runtime keeps them: the disposition of
 * each signal, the blocked mask and the pending set. noux sets pending
 * bits in shared cells and reads the dispositions and mask from them, so
 * that it can end a busy process whose signal's default action ends it
 * without asking; the runtime delivers caught signals at the boundary of
 * every system call by calling the handler through the program's
 * function table (docs/noux.md, "Signals").
 */

import { SignalCell, signalBit, type SignalAction } from '../../session/noux/interface.js';

export const SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGKILL = 9, SIGPIPE = 13, SIGALRM = 14, SIGCHLD = 17;
export const SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGWINCH = 28;

export const SA_SIGINFO = 4;
export const SA_RESTART = 0x10000000;
export const SA_NODEFER = 0x40000000;
export const SA_RESETHAND = 0x80000000;

/** Signals whose default action is to do nothing. */
export const DEFAULT_IGNORED = new Set([SIGCHLD, SIGURG, SIGWINCH, SIGCONT]);
/** Signals whose default action stops the process. */
export const DEFAULT_STOPS = new Set([SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU]);

/** Kinds of disposition (the C layer's struct noux_action uses the same numbers). */
export const Disposition = { DEFAULT: 0, IGNORE: 1, CATCH: 2 } as const;

export interface Action {
  kind: number;
  handler: number;
  flags: number;
  maskLo: number;
  maskHi: number;
}

const bit = signalBit;

/** What delivering the pending signals did. */
export interface Delivery {
  /** A handler ran. */
  readonly handled: boolean;
  /** Every handler that ran asked for interrupted calls to restart (SA_RESTART). */
  readonly restart: boolean;
  /** A signal's default action ends the process: this signal. */
  readonly fatal: number;
  /** A signal's default action stops the process. */
  readonly stop: number;
}

export class SignalState {
  readonly cells: Int32Array;
  readonly #actions = new Map<number, Action>();
  #blockedLo = 0;
  #blockedHi = 0;

  constructor(cells: SharedArrayBuffer) {
    this.cells = new Int32Array(cells);
  }

  action(sig: number): Action {
    return this.#actions.get(sig) ?? { kind: Disposition.DEFAULT, handler: 0, flags: 0, maskLo: 0, maskHi: 0 };
  }

  setAction(sig: number, action: Action): void {
    if (action.kind === Disposition.DEFAULT) this.#actions.delete(sig);
    else this.#actions.set(sig, action);
    const [lo, hi] = bit(sig);
    this.#mark(SignalCell.CAUGHT_LO, lo, hi, action.kind === Disposition.CATCH);
    this.#mark(SignalCell.IGNORED_LO, lo, hi, action.kind === Disposition.IGNORE);
  }

  #mark(cell: number, lo: number, hi: number, on: boolean): void {
    if (on) {
      Atomics.or(this.cells, cell, lo | 0);
      Atomics.or(this.cells, cell + 1, hi | 0);
    } else {
      Atomics.and(this.cells, cell, ~lo);
      Atomics.and(this.cells, cell + 1, ~hi);
    }
  }

  get blocked(): [number, number] {
    return [this.#blockedLo, this.#blockedHi];
  }

  /** Sets the blocked mask; SIGKILL and SIGSTOP cannot be blocked. */
  setBlocked(lo: number, hi: number): void {
    const [killLo] = bit(SIGKILL);
    const [stopLo] = bit(SIGSTOP);
    this.#blockedLo = (lo & ~killLo & ~stopLo) >>> 0;
    this.#blockedHi = hi >>> 0;
    Atomics.store(this.cells, SignalCell.BLOCKED_LO, this.#blockedLo | 0);
    Atomics.store(this.cells, SignalCell.BLOCKED_HI, this.#blockedHi | 0);
    /* A signal that was held by the old mask may be deliverable now. */
    Atomics.store(this.cells, SignalCell.ANY_PENDING, 1);
  }

  /** The pending signals as a mask. */
  pending(): [number, number] {
    let lo = 0;
    let hi = 0;
    for (let sig = 1; sig <= 64; sig++) {
      if (Atomics.load(this.cells, SignalCell.PENDING + sig - 1) === 0) continue;
      const [l, h] = bit(sig);
      lo |= l;
      hi |= h;
    }
    return [lo >>> 0, hi >>> 0];
  }

  #isBlocked(sig: number): boolean {
    const [lo, hi] = bit(sig);
    return (this.#blockedLo & lo) !== 0 || (this.#blockedHi & hi) !== 0;
  }

  /** Whether a signal is pending that is not blocked (one load while nothing was sent). */
  deliverable(): boolean {
    if (Atomics.load(this.cells, SignalCell.ANY_PENDING) === 0) return false;
    Atomics.store(this.cells, SignalCell.ANY_PENDING, 0);
    for (let sig = 1; sig <= 64; sig++) {
      if (Atomics.load(this.cells, SignalCell.PENDING + sig - 1) !== 0 && !this.#isBlocked(sig)) {
        /* Looked at again by the delivery that follows. */
        Atomics.store(this.cells, SignalCell.ANY_PENDING, 1);
        return true;
      }
    }
    return false;
  }

  /** Takes the lowest pending signal that is not blocked: its number (0 if none) and its sender's pid (0: noux). */
  #take(): { sig: number; sender: number } {
    for (let sig = 1; sig <= 64; sig++) {
      if (this.#isBlocked(sig)) continue;
      const sender = Atomics.exchange(this.cells, SignalCell.PENDING + sig - 1, 0);
      if (sender !== 0) return { sig, sender: Math.max(0, sender) };
    }
    return { sig: 0, sender: 0 };
  }

  /**
   * Delivers what is pending and not blocked: caught signals by calling
   * `call(handler, sig, siginfo)`, in signal order. Stops at a signal
   * whose default action ends or stops the process and answers it; the
   * caller tells noux.
   */
  deliver(call: (handler: number, sig: number, siginfo: boolean, sender: number) => void): Delivery {
    Atomics.store(this.cells, SignalCell.ANY_PENDING, 0);
    let handled = false;
    let restart = true;
    for (let taken = this.#take(); taken.sig !== 0; taken = this.#take()) {
      const { sig, sender } = taken;
      const action = this.action(sig);
      if (action.kind === Disposition.IGNORE) continue;
      if (action.kind === Disposition.DEFAULT) {
        if (DEFAULT_IGNORED.has(sig)) continue;
        if (DEFAULT_STOPS.has(sig)) return { handled, restart, fatal: 0, stop: sig };
        return { handled, restart, fatal: sig, stop: 0 };
      }
      const [savedLo, savedHi] = this.blocked;
      const [sigLo, sigHi] = (action.flags & SA_NODEFER) !== 0 ? [0, 0] : bit(sig);
      this.setBlocked(savedLo | action.maskLo | sigLo, savedHi | action.maskHi | sigHi);
      if ((action.flags & SA_RESETHAND) !== 0) this.setAction(sig, { kind: Disposition.DEFAULT, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
      handled = true;
      if ((action.flags & SA_RESTART) === 0) restart = false;
      try {
        call(action.handler, sig, (action.flags & SA_SIGINFO) !== 0, sender);
      } finally {
        /* A handler that longjmps out leaves the mask as it was inside (as Linux); siglongjmp restores its own. */
        this.setBlocked(savedLo, savedHi);
      }
    }
    return { handled, restart, fatal: 0, stop: 0 };
  }

  /** The dispositions to pass on to a forked child. */
  actions(): SignalAction[] {
    return [...this.#actions.entries()].map(([sig, action]) => ({
      sig, handler: action.kind === Disposition.IGNORE ? -1 : action.handler, flags: action.flags, maskLo: action.maskLo, maskHi: action.maskHi,
    }));
  }

  /** Takes over a forked parent's dispositions. */
  adopt(actions: readonly SignalAction[]): void {
    for (const action of actions) {
      this.setAction(action.sig, {
        kind: action.handler === -1 ? Disposition.IGNORE : action.handler === 0 ? Disposition.DEFAULT : Disposition.CATCH,
        handler: Math.max(0, action.handler), flags: action.flags, maskLo: action.maskLo, maskHi: action.maskHi,
      });
    }
  }

  /** After exec: caught signals return to their default, ignored ones stay ignored (POSIX). */
  resetForExec(): void {
    for (const [sig, action] of [...this.#actions.entries()]) {
      if (action.kind === Disposition.CATCH) this.setAction(sig, { kind: Disposition.DEFAULT, handler: 0, flags: 0, maskLo: 0, maskHi: 0 });
    }
  }
}
