import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import customParseFormat from 'dayjs/plugin/customParseFormat';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`dayjs ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  dayjs.extend(utc);
  dayjs.extend(customParseFormat);
  const d = dayjs.utc('2024-01-31T12:00:00Z');
  expect('add', d.add(1, 'month').format('YYYY-MM-DD'), '2024-02-29');
  expect('diff', dayjs.utc('2024-03-01').diff(dayjs.utc('2024-02-01'), 'day'), 29);
  expect('startOf', d.startOf('month').toISOString(), '2024-01-01T00:00:00.000Z');
  expect('format', dayjs.utc('2024-07-04T09:05:00Z').format('dddd, MMMM D YYYY HH:mm'), 'Thursday, July 4 2024 09:05');
  expect('compare', [d.isBefore(d.add(1, 'ms')), d.isSame(dayjs.utc('2024-01-31T12:00:00.000Z'))], [true, true]);
  expect('customParse', dayjs.utc('15/03/2023 14:30', 'DD/MM/YYYY HH:mm', true).toISOString(), '2023-03-15T14:30:00.000Z');
  expect('invalid', dayjs('31/02/2023', 'DD/MM/YYYY', true).isValid(), false);
  env.log('ok dayjs');
  env.exit(0);
}
