import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 } from '@noble/hashes/pbkdf2.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`@noble/hashes ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  /* FIPS 180 / FIPS 202 / RFC 4231 test vectors. */
  const abc = utf8ToBytes('abc');
  expect('sha256', bytesToHex(sha256(abc)), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect('sha512', bytesToHex(sha512(abc)).slice(0, 32), 'ddaf35a193617abacc417349ae204131');
  expect('sha3-256', bytesToHex(sha3_256(abc)), '3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
  expect('hmac', bytesToHex(hmac(sha256, utf8ToBytes('Jefe'), utf8ToBytes('what do ya want for nothing?'))), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  const h = sha256.create();
  h.update(utf8ToBytes('a')).update(utf8ToBytes('bc'));
  expect('incremental', bytesToHex(h.digest()), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect('pbkdf2', bytesToHex(pbkdf2(sha256, utf8ToBytes('password'), utf8ToBytes('salt'), { c: 1000, dkLen: 32 })), '632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3');
  env.log('ok @noble/hashes');
  env.exit(0);
}
