/*
 * limiter: caps a client's calls on any session. Interposes each
 * configured service and, per session, counts its calls and the bytes
 * they move (arguments and results); a call beyond its policy's limits is
 * refused before it reaches the server, the client gets LimitExceeded
 * (docs/interposition.md).
 *
 *   <config>
 *     <service name="LOG"/>
 *     <policy label_prefix="chatty" calls_per_second="20" bytes_per_second="4K"/>
 *     <policy label_prefix="once" calls="3" bytes="1M"/>
 *   </config>
 *
 * `calls` and `bytes` limit a session's whole life, `calls_per_second`
 * and `bytes_per_second` its rate (a burst of one second's worth). A
 * result's bytes count after the call, against the next ones. A session
 * no policy selects is forwarded without limits.
 */

import { LimitExceeded, interpose, parseNumBytes, selectPolicy, type CallHooks, type Env, type InterposedSession, type XmlNode } from 'nido';
import { RateLimit } from '../../lib/interpose/rate.js';
import { serviceInterface } from '../../lib/interpose/service_interface.js';
import { transferBytes } from '../../lib/interpose/summary.js';

function limit(policy: XmlNode, name: string, bytes: boolean): number | undefined {
  const text = policy.attribute(name);
  if (text === undefined) return undefined;
  const value = bytes ? parseNumBytes(text) : Number(text);
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function where(policy: XmlNode): string {
  return `policy at config:${policy.line}:${policy.column}`;
}

/** The hooks that hold one session to its policy. */
export function limits(env: Env, session: InterposedSession, policy: XmlNode, now: () => number): CallHooks {
  const calls = limit(policy, 'calls', false);
  const bytes = limit(policy, 'bytes', true);
  const callsPerSecond = limit(policy, 'calls_per_second', false);
  const bytesPerSecond = limit(policy, 'bytes_per_second', true);
  const callRate = callsPerSecond === undefined ? undefined : new RateLimit(callsPerSecond, now);
  const byteRate = bytesPerSecond === undefined ? undefined : new RateLimit(bytesPerSecond, now);
  let callCount = 0;
  let byteCount = 0;
  const refuse = (method: string, what: string): never => {
    const text = `${session.label}: ${session.service}.${method} refused: ${what} (${where(policy)})`;
    env.warning(text);
    throw new LimitExceeded(text);
  };
  return {
    before: (call) => {
      const size = transferBytes(call.args);
      if (calls !== undefined && callCount >= calls) refuse(call.method, `limit of ${calls} calls reached`);
      if (bytes !== undefined && byteCount + size > bytes) refuse(call.method, `limit of ${bytes} bytes reached (${byteCount} moved, this call ${size})`);
      if (callRate !== undefined && !callRate.take(1)) refuse(call.method, `rate of ${callsPerSecond} calls per second exceeded`);
      if (byteRate !== undefined && !byteRate.take(size)) refuse(call.method, `rate of ${bytesPerSecond} bytes per second exceeded`);
      callCount++;
      byteCount += size;
    },
    after: (_call, outcome) => {
      if (!outcome.ok) return;
      const size = transferBytes(outcome.result);
      byteCount += size;
      byteRate?.charge(size);
    },
  };
}

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  /* The rates' clock: opened on first use, so a config without rates needs no Timer route. */
  const now = () => performance.now();
  for (const node of config.xml.children('service')) {
    interpose(env, serviceInterface(node), {
      service: node.stringAttribute('name', ''),
      session: async (session) => {
        await config.update();
        const policy = selectPolicy(config.xml, session.label);
        return policy === undefined ? undefined : limits(env, session, policy, now);
      },
    });
  }
}
