/*
 * The boot as a waterfall: per component, when it was asked for (its PD
 * created), when its program started and when it first logged, on one
 * time axis from the boot; a bar ends where the component did.
 */

import type { Component } from './tree.js';

export function Timeline(props: { components: readonly Component[]; now: number }) {
  const sorted = [...props.components].sort((a, b) => a.times.requested - b.times.requested || a.id - b.id);
  const end = Math.max(1, props.now, ...sorted.map((c) => c.times.ended ?? c.times.firstLog ?? c.times.started ?? c.times.requested));
  const x = (ms: number) => `${((100 * ms) / end).toFixed(3)}%`;
  return (
    <div class="timeline">
      <div class="timeline-head"><span class="name">component</span><span class="axis">0 ms … {Math.round(end)} ms</span></div>
      {sorted.map((component) => {
        const { requested, started, firstLog, ended } = component.times;
        return (
          <div key={component.id} class="timeline-row" data-label={component.label}
            title={`asked for ${requested} ms, started ${started ?? '–'} ms, first logged ${firstLog ?? '–'} ms${ended === undefined ? '' : `, ended ${ended} ms`}`}>
            <span class="name">{component.label}</span>
            <span class="lane">
              <span class="span-starting" style={{ left: x(requested), width: x((started ?? ended ?? props.now) - requested) }} />
              {started !== undefined && <span class="span-alive" style={{ left: x(started), width: x((ended ?? props.now) - started) }} />}
              {firstLog !== undefined && <span class="mark-log" style={{ left: x(firstLog) }} />}
            </span>
          </div>
        );
      })}
    </div>
  );
}
