import BigNumber from 'bignumber.js';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`bignumber.js ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const B = BigNumber.clone({ DECIMAL_PLACES: 30, FORMAT: { decimalSeparator: '.', groupSeparator: ',', groupSize: 3 } });
  expect('0.1 + 0.2', new B(0.1).plus(0.2).toString(), '0.3');
  expect('exact product', new B('123456789012345678901234567890').times('987654321').toFixed(), '121932631124828532112482853211126352690');
  expect('division', new B(1).div(7).toString(), '0.142857142857142857142857142857');
  expect('format', new B('1234567.891').toFormat(2), '1,234,567.89');
  expect('bases', [new B('ff', 16).toString(10), new B(255).toString(2)], ['255', '11111111']);
  expect('compare', [new B('1e+21').isGreaterThan('999999999999999999999'), new B(-0).isZero(), new B(NaN).isNaN()], [true, true, true]);
  let error = null;
  try { new B('12abc'); } catch (e) { error = e.message; }
  expect('invalid', error, '[BigNumber Error] Not a number: 12abc');
  expect('sqrt', new B(2).sqrt().toString(), '1.41421356237309504880168872421');
  env.log('ok bignumber.js');
  env.exit(0);
}
