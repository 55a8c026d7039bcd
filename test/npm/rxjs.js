import { BehaviorSubject, combineLatest, firstValueFrom, from, interval, lastValueFrom, Subject } from 'rxjs';
import { bufferCount, distinctUntilChanged, filter, map, scan, take, toArray } from 'rxjs/operators';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`rxjs ${what}: got ${g}, want ${w}`);
}

export async function construct(env) {
  const sums = await lastValueFrom(from([1, 2, 3, 4, 5, 6]).pipe(filter((n) => n % 2 === 0), map((n) => n * 10), scan((a, b) => a + b, 0), toArray()));
  expect('pipe', sums, [20, 60, 120]);
  const subject = new Subject();
  const state = new BehaviorSubject('a');
  const seen = [];
  const sub = combineLatest([subject, state.pipe(distinctUntilChanged())]).subscribe(([n, s]) => seen.push(`${n}${s}`));
  subject.next(1); state.next('a'); state.next('b'); subject.next(2);
  sub.unsubscribe();
  subject.next(3);
  expect('subjects', seen, ['1a', '1b', '2b']);
  expect('timer', await firstValueFrom(interval(1).pipe(take(5), bufferCount(5))), [0, 1, 2, 3, 4]);
  let error = null;
  await lastValueFrom(from([1]).pipe(map(() => { throw new Error('boom'); }))).catch((e) => { error = e.message; });
  expect('error', error, 'boom');
  env.log('ok rxjs');
  env.exit(0);
}
