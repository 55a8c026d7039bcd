import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Account, InvalidTransfer } from './account.js';
import { NidoError, OutOfCaps, OutOfRam } from '../base/errors.js';

/* An account with `ram` and `caps`, referring to `ref`. */
function account(label: string, ram: number, caps: number, ref?: Account): Account {
  const result = new Account(label);
  result.ramQuota = ram;
  result.capQuota = caps;
  result.ref = ref;
  return result;
}

/* Quota held by all of `accounts` together: transfers and closes must keep it. */
function total(accounts: Account[]): { ram: number; caps: number } {
  return {
    ram: accounts.reduce((sum, a) => sum + a.ramQuota, 0),
    caps: accounts.reduce((sum, a) => sum + a.capQuota, 0),
  };
}

test('a new account is empty and open', () => {
  const a = new Account('init');
  assert.equal(a.label, 'init');
  assert.deepEqual(a.quota(), { ram: { quota: 0, used: 0, avail: 0 }, caps: { quota: 0, used: 0, avail: 0 } });
  assert.equal(a.closed, false);
  assert.equal(a.ref, undefined);
});

test('quota() reports quota, used and avail', () => {
  const a = account('init', 8192, 10);
  a.chargeRam(1000);
  a.capUsed = 4;
  assert.equal(a.ramAvail, 7192);
  assert.equal(a.capAvail, 6);
  assert.deepEqual(a.quota(), { ram: { quota: 8192, used: 1000, avail: 7192 }, caps: { quota: 10, used: 4, avail: 6 } });
});

test('chargeRam pays from avail and throws OutOfRam beyond it, leaving the account unchanged', () => {
  const a = account('child', 4096, 0);
  a.chargeRam(4000);
  a.chargeRam(96);
  assert.equal(a.ramAvail, 0);
  a.chargeRam(0);
  assert.throws(() => a.chargeRam(1), OutOfRam);
  assert.throws(() => a.chargeRam(1), /child: RAM quota exceeded/);
  assert.equal(a.ramUsed, 4096);
  const error = (() => {
    try {
      a.chargeRam(10);
    } catch (caught) {
      return caught;
    }
    return undefined;
  })();
  assert.ok(error instanceof NidoError && error.name === 'OutOfRam');
});

test('releaseRam gives back what was charged, never below zero', () => {
  const a = account('child', 4096, 0);
  a.chargeRam(3000);
  a.releaseRam(1000);
  assert.equal(a.ramUsed, 2000);
  assert.equal(a.ramAvail, 2096);
  a.releaseRam(5000);
  assert.equal(a.ramUsed, 0);
  assert.equal(a.ramAvail, 4096);
});

test('transfer moves RAM and caps from a reference account to its child and back', () => {
  const parent = account('init', 10000, 100);
  const child = account('init -> a', 0, 0, parent);
  parent.transfer(child, 4000, 30);
  assert.deepEqual([parent.ramQuota, parent.capQuota, child.ramQuota, child.capQuota], [6000, 70, 4000, 30]);
  child.transfer(parent, 1000, 10);
  assert.deepEqual([parent.ramQuota, parent.capQuota, child.ramQuota, child.capQuota], [7000, 80, 3000, 20]);
  parent.transfer(child, 0, 0);
  assert.deepEqual(total([parent, child]), { ram: 10000, caps: 100 });
});

test('transfer is refused between accounts that are not reference and child', () => {
  const root = account('core', 10000, 100);
  const init = account('init', 5000, 50, root);
  const a = account('init -> a', 1000, 10, init);
  const b = account('init -> b', 1000, 10, init);
  assert.throws(() => a.transfer(b, 1, 0), InvalidTransfer, 'siblings');
  assert.throws(() => a.transfer(b, 1, 0), /not related/);
  assert.throws(() => root.transfer(a, 1, 0), InvalidTransfer, 'grandparent');
  assert.throws(() => a.transfer(root, 1, 0), InvalidTransfer, 'grandchild');
  assert.throws(() => a.transfer(new Account('stranger'), 0, 0), InvalidTransfer);
  assert.deepEqual(total([root, init, a, b]), { ram: 17000, caps: 170 });
  assert.equal(a.ramQuota, 1000);
});

test('transfer beyond avail throws OutOfRam or OutOfCaps and moves nothing', () => {
  const parent = account('init', 4096, 10);
  const child = account('init -> a', 0, 0, parent);
  parent.chargeRam(1000);
  assert.throws(() => parent.transfer(child, 3097, 0), OutOfRam, 'used RAM cannot be transferred');
  assert.throws(() => parent.transfer(child, 0, 11), OutOfCaps);
  assert.throws(() => parent.transfer(child, 5000, 11), OutOfRam, 'RAM is checked first');
  parent.capUsed = 5;
  assert.throws(() => parent.transfer(child, 100, 6), OutOfCaps);
  assert.deepEqual([parent.ramQuota, parent.capQuota, child.ramQuota, child.capQuota], [4096, 10, 0, 0]);
  parent.transfer(child, 3096, 5);
  assert.deepEqual([parent.ramAvail, parent.capAvail, child.ramQuota, child.capQuota], [0, 0, 3096, 5]);
});

test('invalid amounts are rejected', () => {
  const parent = account('init', 4096, 10);
  const child = account('init -> a', 1000, 5, parent);
  for (const [ram, caps] of [[-1, 0], [0, -1], [1.5, 0], [0, 0.5], [Number.NaN, 0], [0, Number.NaN], [Infinity, 0], [2 ** 53, 0]] as const) {
    assert.throws(() => parent.transfer(child, ram, caps), InvalidTransfer, `ram=${ram} caps=${caps}`);
    assert.throws(() => child.transfer(parent, ram, caps), InvalidTransfer, `back: ram=${ram} caps=${caps}`);
  }
  assert.deepEqual([parent.ramQuota, parent.capQuota, child.ramQuota, child.capQuota], [4096, 10, 1000, 5]);
});

test('closed accounts take part in no transfer', () => {
  const parent = account('init', 4096, 10);
  const child = account('init -> a', 1000, 5, parent);
  const other = account('init -> b', 1000, 5, parent);
  other.close();
  assert.throws(() => parent.transfer(other, 1, 0), InvalidTransfer);
  assert.throws(() => other.transfer(parent, 0, 0), /closed/);
  parent.close();
  assert.throws(() => child.transfer(parent, 1, 0), InvalidTransfer);
});

test('close hands all quota, used or not, to the reference account', () => {
  const parent = account('init', 10000, 100);
  const child = account('init -> a', 0, 0, parent);
  parent.transfer(child, 4000, 30);
  child.chargeRam(3000);
  child.capUsed = 7;
  child.close();
  assert.equal(child.closed, true);
  assert.deepEqual(child.quota(), { ram: { quota: 0, used: 0, avail: 0 }, caps: { quota: 0, used: 0, avail: 0 } });
  assert.deepEqual([parent.ramQuota, parent.capQuota], [10000, 100]);
  assert.equal(parent.ramAvail, 10000);
});

test('close skips closed reference accounts: the nearest open one inherits, nothing is lost', () => {
  const core = account('core', 1000, 10);
  const init = account('init', 0, 0, core);
  const sub = account('init -> sub', 0, 0, init);
  const leaf = account('init -> sub -> leaf', 0, 0, sub);
  core.transfer(init, 800, 8);
  init.transfer(sub, 600, 6);
  sub.transfer(leaf, 400, 4);
  const all = [core, init, sub, leaf];
  assert.deepEqual(total(all), { ram: 1000, caps: 10 });
  sub.close();
  assert.deepEqual([init.ramQuota, init.capQuota], [400, 4]);
  init.close();
  assert.deepEqual([core.ramQuota, core.capQuota], [600, 6]);
  leaf.close();
  assert.deepEqual([core.ramQuota, core.capQuota], [1000, 10], 'the leaf skips two closed accounts');
  assert.deepEqual(total(all), { ram: 1000, caps: 10 });
});

test('close is idempotent', () => {
  const parent = account('init', 100, 1);
  const child = account('init -> a', 50, 1, parent);
  child.close();
  child.close();
  assert.deepEqual([parent.ramQuota, parent.capQuota], [150, 2]);
});

test('chargeRam rejects invalid amounts', () => {
  const a = account('child', 4096, 0);
  assert.throws(() => a.chargeRam(-1000));
  assert.throws(() => a.chargeRam(Number.NaN));
  assert.throws(() => a.releaseRam(-1000));
  assert.equal(a.ramUsed, 0);
});
