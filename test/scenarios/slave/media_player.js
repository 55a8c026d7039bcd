// The talk's media player: it runs its decoder as its own child (a slave),
// pays for it, permits it only ROM, LOG, PD and CPU, uses the service the
// slave announces, and gets every byte back when it kills the slave.
import { Slave, defineInterface } from 'nido';

const Decoder = defineInterface('Decoder', ['decode', 'tryTimer']);

export async function construct(env) {
  const before = await env.pd.quota();
  const slave = await Slave.start(env, {
    name: 'decoder',
    ram: 3 * 1024 * 1024,
    caps: 100,
    config: '<config codec="vorbis"/>',
    permittedServices: ['ROM', 'LOG', 'PD', 'CPU'],
    announced: (service) => env.log(`slave announced ${service}`),
    exited: (info) => env.log(`slave exited: ${info.message}`),
  });
  const during = await env.pd.quota();
  env.log(`paid for the slave: ${before.ram.avail - during.ram.avail > 2 * 1024 * 1024}`);
  const decoder = await slave.connect(Decoder, { label: 'track 1', ram: 64 * 1024 });
  env.log(`decoded: ${await decoder.client.decode('ogg frames')}`);
  env.log(`slave asks for a timer: ${await decoder.client.tryTimer()}`);
  await decoder.close();
  await slave.kill();
  const after = await env.pd.quota();
  env.log(`quota back: ${after.ram.avail === before.ram.avail && after.caps.avail === before.caps.avail}`);
  env.log('media player done');
}
