/*
 * Account: the RAM and capability quota of one protection domain, kept by
 * core. Quota moves only by transfer: from an account to the accounts whose
 * reference account it is, and back (spec/init.md §3.1). Closing an account
 * hands everything it still holds to its reference account, so nothing is
 * ever lost when a subtree goes away.
 */

import { OutOfCaps, OutOfRam, NidoError } from '../base/errors.js';
import type { PdQuota } from '../session/pd/interface.js';

export class InvalidTransfer extends NidoError {}

export class Account {
  ramQuota = 0;
  ramUsed = 0;
  capQuota = 0;
  capUsed = 0;
  closed = false;
  ref: Account | undefined;

  constructor(readonly label: string) {}

  get ramAvail(): number {
    return this.ramQuota - this.ramUsed;
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
    if (bytes > this.ramAvail) {
      throw new OutOfRam(`${this.label}: RAM quota exceeded (need ${bytes}, avail ${this.ramAvail} of ${this.ramQuota})`);
    }
    this.ramUsed += bytes;
  }

  releaseRam(bytes: number): void {
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new InvalidTransfer(`${this.label}: invalid RAM release ${bytes}`);
    this.ramUsed = Math.max(0, this.ramUsed - bytes);
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
    if (ram > this.ramAvail) throw new OutOfRam(`${this.label}: cannot transfer ${ram} bytes (avail ${this.ramAvail})`);
    if (caps > this.capAvail) throw new OutOfCaps(`${this.label}: cannot transfer ${caps} caps (avail ${this.capAvail})`);
    this.ramQuota -= ram;
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
      heir.ramQuota += this.ramQuota;
      heir.capQuota += this.capQuota;
    }
    this.ramQuota = this.ramUsed = this.capQuota = this.capUsed = 0;
  }
}
