/*
 * The LOG stream: every line the system logged, filterable by label prefix
 * and by text, in Genode's colours. Only the rows in sight are in the DOM
 * (the list is a tall box of ROW_HEIGHT per line), so 100,000 lines scroll
 * as smoothly as 100; while scrolled to the end it follows new lines.
 */

import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useVisibleRows } from './visible_rows.js';
import type { LogLine } from '../protocol.js';

export const ROW_HEIGHT = 18;

/* Genode's log colours: the SGR codes its components write (error red, warning blue, ...). */
const SGR_CLASS: Readonly<Record<string, string>> = { 31: 'red', 32: 'green', 33: 'yellow', 34: 'blue', 35: 'magenta', 36: 'cyan' };

// eslint-disable-next-line no-control-regex
const SGR = /\x1b\[([0-9;]*)m/g;

/** A line's text as spans of one colour each. */
function coloured(text: string) {
  const spans: { text: string; colour: string | undefined }[] = [];
  let colour: string | undefined;
  let at = 0;
  for (const match of text.matchAll(SGR)) {
    if (match.index > at) spans.push({ text: text.slice(at, match.index), colour });
    const codes = (match[1] ?? '').split(';');
    for (const code of codes) colour = code === '' || code === '0' || code === '39' ? undefined : SGR_CLASS[code] ?? colour;
    at = match.index + match[0].length;
  }
  if (at < text.length) spans.push({ text: text.slice(at), colour });
  return spans.map((span, i) => <span key={i} class={span.colour}>{span.text}</span>);
}

function plain(text: string): string {
  return text.replace(SGR, '');
}

export function Logs(props: { lines: readonly LogLine[]; version: number }) {
  const [prefix, setPrefix] = useState('');
  const [search, setSearch] = useState('');
  const following = useRef(true);

  const shown = useMemo(() => {
    if (prefix === '' && search === '') return props.lines;
    const needle = search.toLowerCase();
    return props.lines.filter((line) => line.label.startsWith(prefix) && (needle === '' || plain(line.text).toLowerCase().includes(needle)
      || line.label.toLowerCase().includes(needle)));
  }, [props.lines, props.version, prefix, search]);

  const { box, onScroll, scrolled, first, last } = useVisibleRows(ROW_HEIGHT, shown.length);
  useLayoutEffect(() => {
    const element = box.current;
    if (element === null) return;
    if (following.current) element.scrollTop = element.scrollHeight;
    scrolled(element.scrollTop);
  }, [shown.length, props.version]);

  const rows = [];
  for (let i = first; i < last; i++) {
    const line = shown[i] as LogLine;
    rows.push(
      <div key={line.seq} class="log-line" style={{ top: `${i * ROW_HEIGHT}px` }}>
        <span class="time">{(line.time / 1000).toFixed(3)}</span>
        {line.label !== '' && <span class="label">[{line.label}]</span>}
        <span class="text">{coloured(line.text)}</span>
      </div>,
    );
  }
  return (
    <div class="logs">
      <div class="filters">
        <input class="label-filter" placeholder="label prefix, e.g. init -> noux" value={prefix}
          onInput={(event) => setPrefix((event.target as HTMLInputElement).value)} />
        <input class="text-filter" placeholder="text" value={search}
          onInput={(event) => setSearch((event.target as HTMLInputElement).value)} />
        <span class="count">{shown.length} of {props.lines.length} lines</span>
      </div>
      <div class="log-box" ref={box} onScroll={(event) => {
        const element = event.currentTarget;
        following.current = element.scrollTop + element.clientHeight >= element.scrollHeight - ROW_HEIGHT;
        onScroll(event);
      }}>
        <div class="log-space" style={{ height: `${shown.length * ROW_HEIGHT}px` }}>{rows}</div>
      </div>
    </div>
  );
}
