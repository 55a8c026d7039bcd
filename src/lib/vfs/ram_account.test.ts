import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Errno } from './interface.js';
import { LimitedRamAccount, MeteredRamAccount } from './ram_account.js';
import { errnoOf } from './test_services.js';

test('a metered account only counts: the PD\'s RAM meter pays and refuses', () => {
  const ram = new MeteredRamAccount();
  ram.charge(100 * 1024 * 1024);
  assert.equal(ram.used, 100 * 1024 * 1024);
  ram.release(60 * 1024 * 1024);
  ram.release(60 * 1024 * 1024);
  assert.equal(ram.used, 0);
});

test('a limited account counts bytes against its limit', () => {
  const ram = new LimitedRamAccount(100);
  ram.charge(60);
  assert.equal(errnoOf(() => ram.charge(41)), Errno.NOSPC);
  ram.release(60);
  assert.equal(ram.used, 0);
});
