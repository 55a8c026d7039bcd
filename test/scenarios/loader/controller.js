// A loader client: it starts three subsystems in turn, each paid for by
// its own Loader session, watches them end, ends them by closing the
// session, and checks that every byte and cap comes back.
import { Loader } from 'nido';

const encoder = new TextEncoder();

const hello = `export function construct(env) { env.log('hello from a loaded subsystem'); env.exit(0); }`;
const sleeper = `export function construct(env) { env.log('sleeper runs until its session closes'); }`;
const intruder = `import { Timer } from 'nido';
export async function construct(env) {
  try { await env.connect(Timer); env.log('timer granted'); }
  catch (error) { env.log('timer denied: ' + error.name); }
  env.exit(3);
}`;
const initConfig = `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="1M"/>
  <start name="greeter"> <binary name="hello"/> <exit propagate="yes"/> </start>
</config>`;

async function run(env, label, modules, binary, ram) {
  const session = await env.connect(Loader, { label, ram: ram + 512 * 1024, caps: 400 });
  for (const [name, text] of Object.entries(modules)) await session.client.romModule(name, encoder.encode(text));
  await session.client.ramQuota(ram);
  await session.client.capQuota(300);
  let signalled = () => {};
  const ended = new Promise((resolve) => { signalled = resolve; });
  const handler = env.ep.signalHandler(() => signalled());
  await session.client.faultSigh(handler);
  await session.client.start(binary, label);
  /* Closing ends the subsystem; the signal handler is ours to dissolve. */
  const close = async () => {
    await session.close();
    env.ep.dissolve(handler);
  };
  return { session, ended, close };
}

export async function construct(env) {
  const before = await env.pd.quota();
  const same = async () => {
    const now = await env.pd.quota();
    return now.ram.avail === before.ram.avail && now.caps.avail === before.caps.avail;
  };

  const first = await run(env, 'first', { hello }, 'hello', 2 * 1024 * 1024);
  await first.ended;
  env.log(`first ended: ${JSON.stringify((await first.session.client.state()).exit)}`);
  await first.close();
  env.log(`quota back after first: ${await same()}`);

  const second = await run(env, 'second', { hello, config: initConfig }, 'init', 6 * 1024 * 1024);
  await second.ended;
  env.log(`second ended: ${JSON.stringify((await second.session.client.state()).exit)}`);
  await second.close();
  env.log(`quota back after second: ${await same()}`);

  const third = await run(env, 'third', { intruder }, 'intruder', 2 * 1024 * 1024);
  await third.ended;
  env.log(`third ended: ${JSON.stringify((await third.session.client.state()).exit)}`);
  await third.close();
  env.log(`quota back after third: ${await same()}`);

  const fourth = await run(env, 'fourth', { sleeper }, 'sleeper', 2 * 1024 * 1024);
  env.log(`fourth running: ${JSON.stringify(await fourth.session.client.state())}`);
  await fourth.close();
  env.log(`quota back after fourth: ${await same()}`);
  env.log('controller done');
}
