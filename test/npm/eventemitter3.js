import EventEmitter from 'eventemitter3';

function expect(what, got, want) {
  const g = JSON.stringify(got), w = JSON.stringify(want);
  if (g !== w) throw new Error(`eventemitter3 ${what}: got ${g}, want ${w}`);
}

export function construct(env) {
  const bus = new EventEmitter();
  const seen = [];
  const ctx = { tag: 'ctx' };
  function onData(x, y) { seen.push(`${this.tag}:${x + y}`); }
  bus.on('data', onData, ctx);
  bus.once('data', (x) => seen.push(`once:${x}`));
  bus.on(Symbol.for('sym'), () => seen.push('symbol'));
  expect('emit', [bus.emit('data', 1, 2), bus.emit('data', 3, 4), bus.emit(Symbol.for('sym')), bus.emit('none')], [true, true, true, false]);
  expect('order', seen, ['ctx:3', 'once:1', 'ctx:7', 'symbol']);
  expect('listenerCount', [bus.listenerCount('data'), bus.eventNames().length], [1, 2]);
  bus.off('data', onData, ctx);
  expect('off', [bus.emit('data', 0, 0), bus.listenerCount('data')], [false, 0]);
  class Clock extends EventEmitter { tick() { this.emit('tick', 1); } }
  const clock = new Clock();
  let ticks = 0;
  clock.on('tick', (n) => { ticks += n; }).on('tick', (n) => { ticks += 10 * n; });
  clock.tick();
  expect('subclass', ticks, 11);
  env.log('ok eventemitter3');
  env.exit(0);
}
