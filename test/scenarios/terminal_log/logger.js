// Logs what terminal_log must print: plain lines, several lines in one
// write, an empty line, a warning in colour, a bare colour reset, and
// lines on two more LOG sessions, one of them relabelled by its route.
import { Log } from 'nido';

export async function construct(env) {
  env.log('Hello log');
  env.log('two\nlines');
  env.log('');
  env.warning('careful');
  env.log('grüße ✓');
  /* The other sessions' lines come after the ones logged so far. */
  await env.flushLog();
  const second = await env.connect(Log, { label: 'second' });
  await second.client.write('from the second session\n');
  const renamed = await env.connect(Log, { label: 'renamed' });
  await renamed.client.write('relabelled by the route');
  /* Genode's log console sends a colour reset as a write of its own: it goes out bare. */
  env.log('\x1b[0m\n');
  env.log('bye');
  await env.flushLog();
}
