/*
 * monitor: Genode's monitor, a drop-in replacement for init (the same
 * config, init's engine) in which a child is an inferior when its PD and
 * CPU sessions are routed to the monitor's own services (`<local/>`).
 * With a `<monitor>` node in its config, `nido run --inspect` offers each
 * inferior to a Chrome DevTools Protocol debugger (docs/debugging.md).
 */

import { XmlParseError, type Env } from 'nido';
import { Sandbox } from '../../lib/sandbox/sandbox.js';
import { LocalServices } from './local_services.js';
import { MonitorPolicies } from './monitor_policy.js';

export async function construct(env: Env): Promise<void> {
  const out = {
    log: (text: string) => env.log(text),
    warning: (text: string) => env.warning(text),
    error: (text: string) => env.error(text),
  };
  const policies = new MonitorPolicies();
  const local = new LocalServices(env, policies, out);
  const sandbox = new Sandbox(env, out, (code) => env.exit(code), local.roots);
  const config = await env.config();
  const apply = () => {
    let xml;
    try {
      xml = config.xml;
    } catch (error) {
      /* A broken config leaves the running system as it is. */
      env.error(error instanceof XmlParseError ? `malformed config: ${error.message}` : String(error));
      return;
    }
    policies.configure(xml.child('monitor'));
    void sandbox.apply(xml);
  };
  config.onChange(() => {
    void config.update().then(apply);
  });
  apply();
}
