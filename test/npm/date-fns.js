import { addMonths, differenceInCalendarDays, eachDayOfInterval, format, formatISO, isValid, isWeekend, parse, parseISO } from 'date-fns';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`date-fns ${what}: got ${g}, want ${w}`);
}

/* Local-time dates at noon, formatted in local time: the same in every time zone. */
export function construct(env) {
  expect('addMonths', format(addMonths(parseISO('2024-01-31T12:00:00'), 1), 'yyyy-MM-dd'), '2024-02-29');
  expect('difference', differenceInCalendarDays(parseISO('2024-12-25T12:00'), parseISO('2024-01-01T12:00')), 359);
  expect('format', format(parseISO('2024-07-04T09:05:00'), 'EEEE, MMMM do yyyy HH:mm'), 'Thursday, July 4th 2024 09:05');
  const feb = eachDayOfInterval({ start: parseISO('2024-02-01T12:00'), end: parseISO('2024-02-29T12:00') });
  expect('interval', [feb.length, feb.filter(isWeekend).length], [29, 8]);
  const parsed = parse('03/15/2023 14:30', 'MM/dd/yyyy HH:mm', new Date(2000, 0, 1, 12));
  expect('parse', formatISO(parsed, { representation: 'date' }) + ' ' + format(parsed, 'HH:mm'), '2023-03-15 14:30');
  expect('invalid', [isValid(parseISO('2024-13-45')), isValid(parse('31/02/2024', 'dd/MM/yyyy', new Date(2000, 0, 1)))], [false, false]);
  env.log('ok date-fns');
  env.exit(0);
}
