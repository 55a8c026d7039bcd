/*
 * The component tree: every protection domain under its parent (by label:
 * "init -> noux -> 2" is under "init -> noux"), with its state, RAM and
 * caps as bars and a sparkline of the RAM it used.
 */

import { useMemo } from 'preact/hooks';
import { useVisibleRows } from './visible_rows.js';
import type { ComponentInfo, Quota } from '../protocol.js';
import { quotaText } from '../../app/launchpad/quota_text.js';

export type Component = ComponentInfo & { history: [number, number][] };

export interface TreeNode {
  readonly component: Component;
  readonly name: string;
  readonly children: TreeNode[];
}

/** The components as a forest: each under the nearest component whose label is a prefix of its own. */
export function buildTree(components: Iterable<Component>): TreeNode[] {
  const sorted = [...components].sort((a, b) => a.times.requested - b.times.requested || a.id - b.id);
  /* The newest component of each label is the one others hang under. */
  const byLabel = new Map<string, TreeNode>();
  const roots: TreeNode[] = [];
  const nodes = sorted.map((component) => {
    const elements = component.label.split(' -> ');
    const node: TreeNode = { component, name: elements.at(-1) ?? component.label, children: [] };
    return { node, elements };
  });
  for (const { node } of nodes) byLabel.set(node.component.label, node);
  for (const { node, elements } of nodes) {
    let parent: TreeNode | undefined;
    for (let n = elements.length - 1; n > 0 && parent === undefined; n--) parent = byLabel.get(elements.slice(0, n).join(' -> '));
    (parent?.children ?? roots).push(node);
  }
  return roots;
}

function stateText(component: Component): string {
  switch (component.state) {
    case 'exited': return `exited with ${component.exit?.code ?? 0}`;
    case 'crashed': return 'crashed';
    case 'closed': return 'closed';
    default: return component.state;
  }
}

export function Bar(props: { quota: Quota; assigned: number | undefined; unit: 'bytes' | 'caps' }) {
  const { quota, used, avail } = props.quota;
  const scale = Math.max(quota, props.assigned ?? 0, 1);
  const text = props.unit === 'bytes' ? `${quotaText(avail)} / ${quotaText(quota)}` : `${avail} / ${quota} caps`;
  const title = props.unit === 'bytes'
    ? `assigned ${props.assigned ?? '?'} B, quota ${quota} B, used ${used} B, avail ${avail} B`
    : `assigned ${props.assigned ?? '?'}, quota ${quota}, used ${used}, avail ${avail}`;
  return (
    <span class={`bar ${props.unit}`} title={title}>
      <span class="bar-used" style={{ width: `${(100 * used) / scale}%` }} />
      {props.assigned !== undefined && <span class="bar-assigned" style={{ left: `${Math.min(100, (100 * props.assigned) / scale)}%` }} />}
      <span class="bar-text">{text}</span>
    </span>
  );
}

export function Sparkline(props: { history: readonly [number, number][]; quota: number }) {
  const points = props.history;
  if (points.length < 2) return <svg class="sparkline" />;
  const first = (points[0] as [number, number])[0];
  const span = Math.max(1, (points.at(-1) as [number, number])[0] - first);
  const top = Math.max(1, props.quota, ...points.map(([, used]) => used));
  const path = points.map(([time, used], i) => `${i === 0 ? 'M' : 'L'}${((100 * (time - first)) / span).toFixed(1)},${(20 - (20 * used) / top).toFixed(1)}`).join(' ');
  return (
    <svg class="sparkline" viewBox="0 0 100 20" preserveAspectRatio="none">
      <path d={path} />
    </svg>
  );
}

/* Height of a row (style.css's .tree .row): rows are placed by it. */
export const TREE_ROW_HEIGHT = 22;

/** The tree in display order, each node with its depth. */
function flatten(roots: readonly TreeNode[]): { node: TreeNode; depth: number }[] {
  const rows: { node: TreeNode; depth: number }[] = [];
  const visit = (node: TreeNode, depth: number) => {
    rows.push({ node, depth });
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return rows;
}

function Row(props: { node: TreeNode; depth: number; top: number; selected: boolean; select: (id: number) => void }) {
  const { component } = props.node;
  return (
    <div
      class={`row state-${component.state}${props.selected ? ' selected' : ''}`}
      style={{ top: `${props.top}px` }}
      data-label={component.label}
      onClick={() => props.select(component.id)}
    >
      <span class="name" style={{ paddingLeft: `${props.depth * 14}px` }} title={component.label}>{props.node.name}</span>
      <span class="state">{stateText(component)}</span>
      <Bar quota={component.ram} assigned={component.assigned?.ram} unit="bytes" />
      <Bar quota={component.caps} assigned={component.assigned?.caps} unit="caps" />
      <Sparkline history={component.history} quota={component.ram.quota} />
    </div>
  );
}

/**
 * The tree: only the rows in sight are in the DOM (a box of
 * TREE_ROW_HEIGHT per component), so that a thousand components render
 * and update as fast as ten.
 */
export function Tree(props: { roots: TreeNode[]; selected: number | undefined; select: (id: number) => void }) {
  const rows = useMemo(() => flatten(props.roots), [props.roots]);
  const { box, onScroll, first, last } = useVisibleRows(TREE_ROW_HEIGHT, rows.length);
  const shown = [];
  for (let i = first; i < last; i++) {
    const { node, depth } = rows[i] as { node: TreeNode; depth: number };
    shown.push(<Row key={node.component.id} node={node} depth={depth} top={i * TREE_ROW_HEIGHT}
      selected={props.selected === node.component.id} select={props.select} />);
  }
  return (
    <div class="tree">
      <div class="row head">
        <span class="name">component</span><span class="state">state</span>
        <span class="bar-head">RAM avail / quota</span><span class="bar-head">caps avail / quota</span><span class="spark-head">RAM used</span>
      </div>
      <div class="tree-box" ref={box} onScroll={onScroll}>
        <div class="tree-space" style={{ height: `${rows.length * TREE_ROW_HEIGHT}px` }}>{shown}</div>
      </div>
    </div>
  );
}
