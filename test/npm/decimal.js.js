import Decimal from 'decimal.js';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`decimal.js ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
  expect('0.1 + 0.2', new D('0.1').plus('0.2').toString(), '0.3');
  expect('sqrt(2)', D.sqrt(2).toString(), '1.4142135623730950488016887242096980785696718753769');
  expect('1/3', new D(1).div(3).toSignificantDigits(10).toString(), '0.3333333333');
  expect('pow', new D(2).pow(100).toFixed(), '1267650600228229401496703205376');
  expect('rounding', [new D('2.345').toFixed(2), new D('-2.345').toDecimalPlaces(2, Decimal.ROUND_DOWN).toString()], ['2.35', '-2.34']);
  expect('compare', [new D('1e-30').gt(0), new D('123.4500').equals('123.45'), D.max('1.1', '1.01', '1.001').toString()], [true, true, '1.1']);
  expect('exp/ln', D.exp(1).toSignificantDigits(20).toString(), '2.7182818284590452354');
  let error = null;
  try { new D('12abc'); } catch (e) { error = e.message; }
  expect('invalid', error, '[DecimalError] Invalid argument: 12abc');
  env.log('ok decimal.js');
  env.exit(0);
}
