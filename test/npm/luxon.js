import { DateTime, Duration, Interval } from 'luxon';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`luxon ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  /* Across the 2024 US spring-forward: a calendar day later is 23 hours later. */
  const before = DateTime.fromISO('2024-03-09T12:00:00', { zone: 'America/New_York' });
  const after = before.plus({ days: 1 });
  expect('plus/zone', after.toISO(), '2024-03-10T12:00:00.000-04:00');
  expect('diff', after.diff(before, 'hours').hours, 23);
  expect('toUTC', after.toUTC().toISO(), '2024-03-10T16:00:00.000Z');
  expect('setZone', DateTime.fromISO('2024-06-01T00:00:00Z', { zone: 'utc' }).setZone('Asia/Tokyo').toFormat('yyyy-MM-dd HH:mm ZZ'), '2024-06-01 09:00 +09:00');
  expect('duration', Duration.fromObject({ hours: 90 }).shiftTo('days', 'hours').toObject(), { days: 3, hours: 18 });
  const i = Interval.fromDateTimes(DateTime.fromISO('2024-01-01', { zone: 'utc' }), DateTime.fromISO('2024-03-01', { zone: 'utc' }));
  expect('interval', [i.length('days'), i.contains(DateTime.fromISO('2024-02-29T23:00', { zone: 'utc' }))], [60, true]);
  expect('invalid', DateTime.fromISO('2024-02-30').isValid, false);
  env.log('ok luxon');
  env.exit(0);
}
