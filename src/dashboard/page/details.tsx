/*
 * The selected component: its quotas in full, the sessions it is client
 * and server of (with the quota donated on each), the lines of init's
 * config that routed its sessions, and the controls (kill, restart).
 */

import { useState } from 'preact/hooks';
import type { RouteLines, SessionEdge } from '../protocol.js';
import type { Store } from './store.js';
import { Bar, Sparkline, type Component } from './tree.js';

function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

function SessionTable(props: { title: string; sessions: readonly SessionEdge[]; other: 'client' | 'server' }) {
  if (props.sessions.length === 0) return null;
  return (
    <div class="sessions">
      <h3>{props.title}</h3>
      <table>
        <thead><tr><th>service</th><th>label</th><th>{props.other}</th><th>ram</th><th>caps</th></tr></thead>
        <tbody>
          {props.sessions.map((session) => (
            <tr key={`${session.service} ${session.label} ${session[props.other]}`} class="session">
              <td>{session.service}</td><td>{session.label}</td><td>{session[props.other]}</td>
              <td>{bytes(session.ram)}</td><td>{session.caps}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The routes grouped by the rule that decided them: each rule once, with every service it routed. */
function byRule(routes: readonly RouteLines[]): { first: number; last: number; services: string[] }[] {
  const rules = new Map<number, { first: number; last: number; services: string[] }>();
  for (const route of routes) {
    const rule = rules.get(route.first) ?? { first: route.first, last: route.last, services: [] };
    if (!rule.services.includes(route.service)) rule.services.push(route.service);
    rules.set(route.first, rule);
  }
  return [...rules.values()].sort((a, b) => a.first - b.first);
}

export function Details(props: { store: Store; component: Component; routes: readonly RouteLines[] }) {
  const { store, component } = props;
  const [result, setResult] = useState<string>('');
  const asClient = store.sessions.filter((session) => session.client === component.label);
  const asServer = store.sessions.filter((session) => session.server === component.label);
  const lines = store.config.split('\n');
  const topChild = component.label.startsWith('init -> ') && component.label.split(' -> ').length === 2;
  const act = async (make: (request: number) => Parameters<Store['send']>[0]) => {
    setResult('…');
    const answer = await store.request(make);
    setResult(answer.message);
  };
  return (
    <div class="details">
      <h2>{component.label}</h2>
      <div class="facts">
        <span>state: <b class={`state-${component.state}`}>{component.state}</b></span>
        {component.exit !== undefined && <span>exit: {component.exit.code} ({component.exit.message})</span>}
        <span>PD {component.id}</span>
      </div>
      <div class="quota-line">RAM <Bar quota={component.ram} assigned={component.assigned?.ram} unit="bytes" />
        <span class="figures">assigned {component.assigned?.ram === undefined ? '–' : bytes(component.assigned.ram)} · quota {bytes(component.ram.quota)} · used {bytes(component.ram.used)} · avail {bytes(component.ram.avail)}</span></div>
      <div class="quota-line">caps <Bar quota={component.caps} assigned={component.assigned?.caps} unit="caps" />
        <span class="figures">assigned {component.assigned?.caps ?? '–'} · quota {component.caps.quota} · used {component.caps.used} · avail {component.caps.avail}</span></div>
      <div class="quota-line">RAM used <Sparkline history={component.history} quota={component.ram.quota} /></div>
      <div class="controls">
        <button type="button" class="kill" disabled={component.state !== 'alive'}
          onClick={() => void act((request) => ({ t: 'kill', request, component: component.id }))}>Kill</button>
        <button type="button" class="restart" disabled={!topChild}
          title="init restarts a child whose <start> node's version changed"
          onClick={() => void act((request) => ({ t: 'restart', request, label: component.label }))}>Restart</button>
        <span class="result">{result}</span>
      </div>
      <SessionTable title="client of" sessions={asClient} other="server" />
      <SessionTable title="server of" sessions={asServer} other="client" />
      {props.routes.length > 0 && (
        <div class="route-lines">
          <h3>routed by init's config</h3>
          {byRule(props.routes).map((rule) => (
            <div key={rule.first} class="route">
              <span class="where">{rule.services.join(', ')}: {rule.first === rule.last ? `line ${rule.first}` : `lines ${rule.first}–${rule.last}`}</span>
              <pre>{lines.slice(rule.first - 1, rule.last).join('\n')}</pre>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
