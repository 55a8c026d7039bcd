import CryptoJS from 'crypto-js';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`crypto-js ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  /* FIPS 180 / RFC 1321 / RFC 4231 test vectors. */
  expect('SHA256', CryptoJS.SHA256('abc').toString(), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  expect('MD5', CryptoJS.MD5('abc').toString(), '900150983cd24fb0d6963f7d28e17f72');
  expect('SHA1', CryptoJS.SHA1('abc').toString(), 'a9993e364706816aba3e25717850c26c9cd0d89d');
  expect('HMAC', CryptoJS.HmacSHA256('what do ya want for nothing?', 'Jefe').toString(), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  const key = CryptoJS.enc.Hex.parse('000102030405060708090a0b0c0d0e0f');
  const iv = CryptoJS.enc.Hex.parse('00000000000000000000000000000000');
  const fixed = CryptoJS.AES.encrypt('hello nido', key, { iv });
  expect('AES-CBC known', fixed.ciphertext.toString(CryptoJS.enc.Base64), 'QX4Oe3HTty0tjoUsXgQLlg==');
  /* Passphrase mode draws a random salt (crypto.getRandomValues). */
  const sealed = CryptoJS.AES.encrypt('secret message', 'pass phrase').toString();
  expect('AES passphrase', [sealed.startsWith('U2FsdGVkX1'), CryptoJS.AES.decrypt(sealed, 'pass phrase').toString(CryptoJS.enc.Utf8)], [true, 'secret message']);
  expect('PBKDF2', CryptoJS.PBKDF2('password', 'salt', { keySize: 8, iterations: 1000, hasher: CryptoJS.algo.SHA256 }).toString(), '632c2812e46d4604102ba7618e9d6d7d2f8128f6266b4a03264d2a0460b7dcb3');
  expect('Base64', CryptoJS.enc.Base64.stringify(CryptoJS.enc.Utf8.parse('nido ✓')), 'bmlkbyDinJM=');
  env.log('ok crypto-js');
  env.exit(0);
}
