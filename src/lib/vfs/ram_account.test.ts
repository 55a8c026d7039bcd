import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutOfRam, type DataspaceHandle, type Pd, type SyncClient } from 'nido';
import { Errno } from './interface.js';
import { LimitedRamAccount, PdRamAccount } from './ram_account.js';
import { errnoOf } from './test_services.js';

/* A PD account of `quota` bytes, as core keeps it. */
function pd(quota: number): { client: SyncClient<Pd>; used: () => number; allocations: number[] } {
  const dataspaces = new Map<number, number>();
  const allocations: number[] = [];
  let used = 0;
  let ids = 0;
  const unused = (): never => {
    throw new Error('not used by the RAM account');
  };
  const client: SyncClient<Pd> = {
    alloc(size: number): DataspaceHandle {
      if (used + size > quota) throw new OutOfRam(`${size} bytes do not fit`);
      used += size;
      dataspaces.set(++ids, size);
      allocations.push(size);
      return { id: ids, buffer: new SharedArrayBuffer(1), size };
    },
    free(id: number): void {
      used -= dataspaces.get(id) ?? 0;
      dataspaces.delete(id);
    },
    quota: () => ({ ram: { quota, used, avail: quota - used }, caps: { quota: 0, used: 0, avail: 0 } }),
    refAccount: unused, transferQuota: unused, start: unused, exited: unused, heap: unused,
  };
  return { client, used: () => used, allocations };
}

test('the PD account is charged in steps of at least 64 KiB and gets every byte back', () => {
  const account = pd(10 * 1024 * 1024);
  const ram = new PdRamAccount(account.client);
  ram.charge(100);
  assert.deepEqual(account.allocations, [64 * 1024]);
  ram.charge(64 * 1024);
  assert.deepEqual(account.allocations, [64 * 1024, 64 * 1024]);
  ram.charge(1024 * 1024);
  assert.equal(account.allocations.at(-1), 987_136, 'the 983,140 bytes missing, page-rounded');
  assert.ok(ram.charged >= ram.used);
  assert.equal(account.used(), ram.charged);
  ram.release(1024 * 1024);
  assert.ok(ram.charged < 1024 * 1024, 'unused charges are freed');
  ram.release(64 * 1024 + 100);
  assert.equal(ram.used, 0);
  assert.equal(account.used(), 0);
});

test('growth is a quarter of what is charged once that is more than 64 KiB', () => {
  const account = pd(100 * 1024 * 1024);
  const ram = new PdRamAccount(account.client);
  ram.charge(4 * 1024 * 1024);
  ram.charge(1);
  assert.equal(account.allocations.at(-1), 1024 * 1024);
  ram.close();
  assert.equal(account.used(), 0);
});

test('an account that cannot pay is ENOSPC; a smaller step is tried first', () => {
  const account = pd(100 * 1024);
  const ram = new PdRamAccount(account.client);
  ram.charge(64 * 1024);
  ram.charge(30 * 1024);
  assert.deepEqual(account.allocations, [64 * 1024, 32 * 1024], 'the 64 KiB step did not fit, the page-rounded need did');
  assert.equal(errnoOf(() => ram.charge(8 * 1024)), Errno.NOSPC);
  assert.equal(ram.used, 94 * 1024, 'a failed charge takes nothing');
});

test('a limited account counts bytes against its limit', () => {
  const ram = new LimitedRamAccount(100);
  ram.charge(60);
  assert.equal(errnoOf(() => ram.charge(41)), Errno.NOSPC);
  ram.release(60);
  assert.equal(ram.used, 0);
});
