import { decodeJwt, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`jose ${what}: got ${g}, want ${w}`);
}

export async function construct(env) {
  /* HS256 is deterministic: the token was computed independently with Node's crypto. */
  const secret = new TextEncoder().encode('a-string-secret-at-least-256-bits-long');
  const token = await new SignJWT({ sub: 'ann', admin: true }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(1700000000).setExpirationTime(4102444800).sign(secret);
  expect('sign HS256', token, 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbm4iLCJhZG1pbiI6dHJ1ZSwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjQxMDI0NDQ4MDB9.71TV4xFDn7oXz0ucZ4DUYejkh1zFCW_3xubh4kBMbDA');
  const { payload } = await jwtVerify(token, secret);
  expect('verify', payload, { sub: 'ann', admin: true, iat: 1700000000, exp: 4102444800 });
  const tampered = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
  expect('tampered', await jwtVerify(tampered, secret).then(() => 'accepted', (e) => e.code), 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED');
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const signed = await new SignJWT({ n: 1 }).setProtectedHeader({ alg: 'ES256' }).setAudience('nido').sign(privateKey);
  expect('ES256', [(await jwtVerify(signed, publicKey, { audience: 'nido' })).payload.n, decodeJwt(signed).aud, (await exportJWK(publicKey)).crv], [1, 'nido', 'P-256']);
  expect('wrong audience', await jwtVerify(signed, publicKey, { audience: 'other' }).then(() => 'accepted', (e) => e.code), 'ERR_JWT_CLAIM_VALIDATION_FAILED');
  env.log('ok jose');
  env.exit(0);
}
