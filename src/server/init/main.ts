/*
 * init: Genode's policy-free composition engine. It reads its "config"
 * ROM, runs the children the config describes, routes their sessions, and
 * applies every new version of the config as a difference.
 */

import { XmlParseError, type Env } from 'nido';
import { Sandbox } from '../../lib/sandbox/sandbox.js';

export async function construct(env: Env): Promise<void> {
  const sandbox = new Sandbox(env, {
    log: (text) => env.log(text),
    warning: (text) => env.warning(text),
    error: (text) => env.error(text),
  }, (code) => env.exit(code));
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
    void sandbox.apply(xml);
  };
  config.onChange(() => {
    void config.update().then(apply);
  });
  apply();
}
