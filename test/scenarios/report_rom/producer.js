// Publishes the report "status" with its config's version, again on every
// new config; on start it also tries the Report sessions report_rom refuses.
import { Report } from 'nido';

const REPORT = { ram: 8192, args: { buffer_size: 4096 } };

async function attempt(env, what, options) {
  try {
    await env.connect(Report, options);
    env.log(`${what}: accepted`);
  } catch (error) {
    env.log(`${what}: ${error.name}`);
  }
}

export async function construct(env) {
  const config = await env.config();
  const report = await env.connect(Report, { label: 'status', ...REPORT });
  await attempt(env, 'second writer', { label: 'status', ...REPORT });
  await attempt(env, 'zero-length', { label: 'empty', ram: 8192, args: { buffer_size: 0 } });
  /* A buffer larger than the donation: the client runtime raises its offer until it is accepted. */
  await attempt(env, 'big', { label: 'big', ram: 8192, args: { buffer_size: 16384 } });
  const submit = async () => {
    const version = config.xml.stringAttribute('version', '');
    await report.client.submit(`<status value="${version}">\n\t<detail/>\n</status>\n`);
    env.log(`submitted ${version}`);
  };
  config.onChange(async () => {
    await config.update();
    await submit();
  });
  await submit();
}
