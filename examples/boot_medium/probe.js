// Looks for the marker file on every candidate medium and publishes the
// config of the `system` init, which starts the app from that medium.
import { FileSystemConnection, Report, ServiceDenied } from 'nido';

const CANDIDATES = ['medium_a', 'medium_b', 'medium_c'];

async function holdsMarker(env, medium) {
  const fs = await FileSystemConnection.open(env, { label: medium, writeable: false });
  try {
    const root = await fs.client.dir('/', false);
    const entries = await fs.client.readdir(root);
    await fs.client.close(root);
    return entries.some((entry) => entry.name === 'nido.boot');
  } finally {
    await fs.close();
  }
}

function systemConfig(medium) {
  return `<config>
  <parent-provides> <service name="ROM"/> <service name="PD"/> <service name="CPU"/> <service name="LOG"/> <service name="File_system"/> </parent-provides>
  <default-route> <any-service> <parent/> </any-service> </default-route>
  <default caps="100" ram="2M"/>
  <start name="app">
    <route>
      <service name="File_system"> <parent label="${medium}"/> </service>
      <any-service> <parent/> </any-service>
    </route>
  </start>
</config>`;
}

export async function construct(env) {
  const found = [];
  for (const medium of CANDIDATES) {
    const hit = await holdsMarker(env, medium);
    env.log(`${medium}: ${hit ? 'marker found' : 'no marker'}`);
    if (hit) found.push(medium);
  }
  if (found.length === 0) throw new ServiceDenied('no boot medium holds nido.boot');
  const config = systemConfig(found[0]);
  const report = await env.connect(Report, { label: 'system.config', ram: 8192 + 4096, args: { buffer_size: 8192 } });
  await report.client.submit(config);
  env.log(`booting from ${found[0]}`);
}
