import moment from 'moment';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`moment ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  expect('add', moment.utc('2024-01-31').add(1, 'month').format('YYYY-MM-DD'), '2024-02-29');
  expect('diff', moment.utc('2024-03-01').diff(moment.utc('2024-02-01'), 'days'), 29);
  expect('format', moment.utc('2024-07-04T09:05:00Z').format('dddd, MMMM Do YYYY, HH:mm'), 'Thursday, July 4th 2024, 09:05');
  expect('strict parse', moment.utc('15/03/2023 14:30', 'DD/MM/YYYY HH:mm', true).toISOString(), '2023-03-15T14:30:00.000Z');
  expect('invalid', moment.utc('2024-13-45', 'YYYY-MM-DD', true).isValid(), false);
  expect('duration', [moment.duration(90, 'minutes').asHours(), moment.duration('P1DT2H').asHours()], [1.5, 26]);
  expect('startOf/endOf', moment.utc('2024-02-10T08:00Z').endOf('month').toISOString(), '2024-02-29T23:59:59.999Z');
  expect('utcOffset', moment.utc('2024-01-01T00:00Z').utcOffset('+05:30').format('YYYY-MM-DD HH:mm Z'), '2024-01-01 05:30 +05:30');
  env.log('ok moment');
  env.exit(0);
}
