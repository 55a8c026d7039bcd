import semver from 'semver';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`semver ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  expect('satisfies', [semver.satisfies('1.2.3', '^1.0.0'), semver.satisfies('2.0.0', '^1.0.0'), semver.satisfies('1.5.0', '>=1.2 <1.6 || 3.x')], [true, false, true]);
  expect('inc', [semver.inc('1.2.3', 'minor'), semver.inc('1.2.3', 'prerelease', 'beta'), semver.inc('2.0.0-rc.1', 'patch')], ['1.3.0', '1.2.4-beta.0', '2.0.0']);
  expect('sort', semver.sort(['1.10.0', '1.2.0', '1.2.0-alpha.1', '0.9.9', '1.2.0-alpha.10']), ['0.9.9', '1.2.0-alpha.1', '1.2.0-alpha.10', '1.2.0', '1.10.0']);
  expect('maxSatisfying', semver.maxSatisfying(['1.2.3', '1.4.0', '2.0.0', '1.4.1-beta'], '~1.4.0'), '1.4.0');
  expect('valid/coerce', [semver.valid('1.2'), semver.valid('v1.2.3'), semver.coerce('release v2').version], [null, '1.2.3', '2.0.0']);
  expect('diff', [semver.diff('1.2.3', '1.3.0'), semver.gt('1.0.0', '1.0.0-rc.9')], ['minor', true]);
  expect('range', new semver.Range('^0.2.3').range, '>=0.2.3 <0.3.0-0');
  env.log('ok semver');
  env.exit(0);
}
