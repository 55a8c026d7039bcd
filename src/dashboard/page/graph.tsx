/*
 * Sessions as a graph: components are boxes, an arrow goes from a client
 * to its server with the services and the quota donated on that edge.
 * Laid out by dagre (layered, clients above their servers), which is what
 * the session graph is: mostly a DAG from the clients down to core. The
 * selected component's edges are highlighted. Beyond WHOLE_GRAPH live
 * components only the selected one's neighbourhood is drawn.
 */

import { useMemo } from 'preact/hooks';
import dagre from '@dagrejs/dagre';
import type { SessionEdge } from '../protocol.js';
import type { Component } from './tree.js';

const NODE_HEIGHT = 26;
/* Up to this many live components the whole graph is drawn. */
const WHOLE_GRAPH = 150;
const CHAR_WIDTH = 7;

interface Edge {
  readonly client: string;
  readonly server: string;
  readonly services: string[];
  ram: number;
  caps: number;
}

const LABEL_CHAR_WIDTH = 6;

function edgeText(edge: Edge): string {
  return `${edge.services.join(', ')} · ${kib(edge.ram)} · ${edge.caps} caps`;
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)}M` : `${Math.round(bytes / 1024)}K`;
}

export function Graph(props: { components: readonly Component[]; sessions: readonly SessionEdge[]; selected: string | undefined; select: (label: string) => void }) {
  const layout = useMemo(() => {
    let live = props.components.filter((component) => component.state === 'alive' || component.state === 'starting');
    /* A graph of hundreds of boxes is read by nobody and laid out slowly: then only the selected one's neighbourhood. */
    const whole = live.length <= WHOLE_GRAPH;
    if (!whole) {
      const near = new Set<string>();
      for (const session of props.sessions) {
        if (session.client === props.selected) near.add(session.server);
        if (session.server === props.selected) near.add(session.client);
      }
      live = live.filter((component) => component.label === props.selected || near.has(component.label));
    }
    const edges = new Map<string, Edge>();
    for (const session of props.sessions) {
      const key = `${session.client}\n${session.server}`;
      const edge = edges.get(key) ?? { client: session.client, server: session.server, services: [], ram: 0, caps: 0 };
      if (!edge.services.includes(session.service)) edge.services.push(session.service);
      edge.ram += session.ram;
      edge.caps += session.caps;
      edges.set(key, edge);
    }
    const graph = new dagre.graphlib.Graph();
    graph.setGraph({ rankdir: 'TB', nodesep: 18, edgesep: 12, ranksep: 40, marginx: 10, marginy: 10 });
    graph.setDefaultEdgeLabel(() => ({}));
    const names = new Set([...(whole || live.length > 0 ? ['core'] : []), ...live.map((component) => component.label)]);
    for (const name of names) graph.setNode(name, { label: name, width: Math.max(60, name.length * CHAR_WIDTH + 16), height: NODE_HEIGHT });
    /* Labels take part in the layout, so that none covers another or a box. */
    for (const edge of edges.values()) {
      if (!names.has(edge.client) || !names.has(edge.server) || edge.client === edge.server) continue;
      graph.setEdge(edge.client, edge.server, { width: edgeText(edge).length * LABEL_CHAR_WIDTH, height: 14, labelpos: 'c' });
    }
    dagre.layout(graph);
    return { graph, whole, edges: [...edges.values()].filter((edge) => graph.hasEdge(edge.client, edge.server)) };
  }, [props.components, props.sessions, props.components.length > WHOLE_GRAPH ? props.selected : undefined]);

  const { graph, edges, whole } = layout;
  const size = graph.graph();
  return (
    <div class="graph">
      {!whole && (
        <div class="graph-note">
          {props.components.length} components: the graph shows the selected component, its clients and its servers
          {props.selected === undefined ? ' (select one in the tree)' : ''}.
        </div>
      )}
      <svg width={Math.max(0, size.width ?? 0)} height={Math.max(0, size.height ?? 0)}>
        <defs>
          <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" />
          </marker>
        </defs>
        {edges.map((edge) => {
          const laid: { points: { x: number; y: number }[]; x: number; y: number } = graph.edge(edge.client, edge.server);
          const d = laid.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
          const lit = props.selected === edge.client || props.selected === edge.server;
          return (
            <g key={`${edge.client} ${edge.server}`} class={`edge${lit ? ' lit' : ''}`}>
              <path d={d} marker-end="url(#arrow)" />
              <text x={laid.x} y={laid.y + 4} text-anchor="middle">{edgeText(edge)}</text>
            </g>
          );
        })}
        {graph.nodes().map((name) => {
          const node = graph.node(name);
          return (
            <g key={name} class={`node${props.selected === name ? ' selected' : ''}`} onClick={() => props.select(name)}
              transform={`translate(${node.x - node.width / 2},${node.y - node.height / 2})`}>
              <rect width={node.width} height={node.height} rx="4" />
              <text x="8" y="17">{name}</text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
