/*
 * trace: strace for sessions. Interposes each configured service between
 * its clients and the server its own route leads to, and logs every call
 * of the sessions a policy selects: the session's label, the method, a
 * short summary of the arguments, the result or error, and how long the
 * server took (docs/interposition.md).
 *
 *   <config>
 *     <service name="LOG"/>
 *     <service name="Hello" methods="add,greet,fail"/>
 *     <policy label_prefix="client" methods="write,add"/>
 *     <policy label_prefix="quiet" log="no"/>
 *   </config>
 *
 * A session no policy selects is forwarded without being logged; the
 * config is read anew for each new session. Durations come from trace's
 * own clock, so it needs a Timer route.
 */

import { interpose, selectPolicy, type CallOutcome, type Env, type InterposedCall } from 'nido';
import { policyMethods, serviceInterface } from '../../lib/interpose/service_interface.js';
import { argumentSummary, summary } from '../../lib/interpose/summary.js';

function outcomeText(outcome: CallOutcome): string {
  if (outcome.ok) return outcome.result === undefined ? '' : ` = ${summary(outcome.result)}`;
  const error = outcome.error;
  return error instanceof Error ? ` threw ${error.name}: ${error.message}` : ` threw ${summary(error)}`;
}

/** The log line of one call. */
export function callLine(call: InterposedCall, outcome: CallOutcome, durationMs: number | undefined): string {
  const timing = [call.synchronous ? 'sync' : '', durationMs === undefined ? '' : `${durationMs.toFixed(3)} ms`].filter((part) => part !== '').join(', ');
  return `${call.session.label} ${call.session.service}.${call.method}(${argumentSummary(call.args)})${outcomeText(outcome)}${timing === '' ? '' : ` (${timing})`}`;
}

export async function construct(env: Env): Promise<void> {
  const config = await env.config();
  const services = config.xml.children('service');
  if (services.length === 0) env.warning('trace: no <service> in config: nothing to interpose');
  for (const node of services) {
    const iface = serviceInterface(node);
    interpose(env, iface, {
      service: node.stringAttribute('name', ''),
      now: () => performance.now(),
      session: async (session) => {
        await config.update();
        const policy = selectPolicy(config.xml, session.label);
        if (policy === undefined || !policy.boolAttribute('log', true)) return undefined;
        const methods = policyMethods(policy);
        if (policy.boolAttribute('sessions', true)) env.log(`${session.label} ${session.service} session opened (${session.args.toString()})`);
        return {
          after: (call, outcome, durationMs) => {
            if (methods === undefined || methods.has(call.method)) env.log(callLine(call, outcome, durationMs));
          },
        };
      },
      closed: (session) => {
        const policy = selectPolicy(config.xml, session.label);
        if (policy !== undefined && policy.boolAttribute('log', true) && policy.boolAttribute('sessions', true)) {
          env.log(`${session.label} ${session.service} session closed`);
        }
      },
    });
  }
}
