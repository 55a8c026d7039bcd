/*
 * Account: the RAM and capability quota of one protection domain, kept by
 * core. Quota moves only by transfer: from an account to the accounts whose
 * reference account it is, and back (spec/init.md §3.1). Closing an account
 * hands everything it still holds to its reference account, so nothing is
 * ever lost when a subtree goes away.
 *
 * The RAM that is not yet used lives in shared memory (ram_cells.ts): the
 * runtime of the account's protection domain charges what its component
 * allocates there directly, and `used` is whatever the quota no longer
 * has available, dataspaces and the component's own memory alike.
 */

import { OutOfCaps, OutOfRam, NidoError } from '../base/errors.js';
import type { PdQuota } from '../session/pd/interface.js';
import { createRamCells, giveRam, RamCell, ramAvail, takeRam, type RamCells } from './ram_cells.js';

export class InvalidTransfer extends NidoError {}

export class Account {
  /** RAM not yet used, shared with the PD's runtime. */
  readonly cells: RamCells = createRamCells();
  #ramQuota = 0;
  capQuota = 0;
  capUsed = 0;
  closed = false;
  ref: Account | undefined;

  constructor(readonly label: string) {}

  get ramQuota(): number {
    return this.#ramQuota;
  }

  /** Sets the quota; what it gains or loses is available or no longer. */
  set ramQuota(bytes: number) {
    giveRam(this.cells, bytes - this.#ramQuota);
    this.#ramQuota = bytes;
    Atomics.store(this.cells, RamCell.quota, BigInt(bytes));
  }

  /** What the account cannot pay any more. A component over its quota (about to be ended) shows no avail. */
  get ramAvail(): number {
    return Math.max(0, ramAvail(this.cells));
  }

  get ramUsed(): number {
    return this.#ramQuota - ramAvail(this.cells);
  }

  get capAvail(): number {
    return this.capQuota - this.capUsed;
  }

  quota(): PdQuota {
    return {
      ram: { quota: this.ramQuota, used: this.ramUsed, avail: this.ramAvail },
      caps: { quota: this.capQuota, used: this.capUsed, avail: this.capAvail },
    };
  }

  /** Charges an allocation; throws OutOfRam when the account cannot pay. */
  chargeRam(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new InvalidTransfer(`${this.label}: invalid RAM charge ${bytes}`);
    if (!takeRam(this.cells, bytes)) {
      throw new OutOfRam(`${this.label}: RAM quota exceeded (need ${bytes}, avail ${this.ramAvail} of ${this.ramQuota})`);
    }
  }

  /** Gives back `bytes` that chargeRam took. */
  releaseRam(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new InvalidTransfer(`${this.label}: invalid RAM release ${bytes}`);
    if (!this.closed) giveRam(this.cells, Math.min(bytes, this.ramUsed));
  }

  /** Moves quota from this account to `to`; both must be alive and one the other's reference. */
  transfer(to: Account, ram: number, caps: number): void {
    if (!Number.isSafeInteger(ram) || !Number.isSafeInteger(caps) || ram < 0 || caps < 0) {
      throw new InvalidTransfer(`invalid quota transfer (ram=${ram}, caps=${caps})`);
    }
    if (this.closed || to.closed) throw new InvalidTransfer(`quota transfer between ${this.label} and ${to.label}: account closed`);
    if (to.ref !== this && this.ref !== to && to !== this) {
      throw new InvalidTransfer(`quota transfer from ${this.label} to ${to.label}: accounts are not related`);
    }
    const outOfRam = () => new OutOfRam(`${this.label}: cannot transfer ${ram} bytes (avail ${this.ramAvail})`);
    if (ram > this.ramAvail) throw outOfRam();
    if (caps > this.capAvail) throw new OutOfCaps(`${this.label}: cannot transfer ${caps} caps (avail ${this.capAvail})`);
    /* The runtime may have taken some since the check above. */
    if (!takeRam(this.cells, ram)) throw outOfRam();
    this.#ramQuota -= ram;
    Atomics.store(this.cells, RamCell.quota, BigInt(this.#ramQuota));
    to.ramQuota += ram;
    this.capQuota -= caps;
    to.capQuota += caps;
  }

  /** The nearest open account up the reference chain. */
  #heir(): Account | undefined {
    let heir = this.ref;
    const seen = new Set<Account>([this]);
    while (heir !== undefined && heir.closed && !seen.has(heir)) {
      seen.add(heir);
      heir = heir.ref;
    }
    return heir?.closed === false ? heir : undefined;
  }

  /** Closes the account: all of its quota (used or not) goes to the nearest open reference account. */
  close(): void {
    if (this.closed) return;
    const heir = this.#heir();
    this.closed = true;
    if (heir !== undefined) {
      heir.ramQuota += this.#ramQuota;
      heir.capQuota += this.capQuota;
    }
    /* A runtime still running until its worker ends can take nothing any more. */
    Atomics.store(this.cells, RamCell.avail, 0n);
    Atomics.store(this.cells, RamCell.quota, 0n);
    this.#ramQuota = this.capQuota = this.capUsed = 0;
  }
}
