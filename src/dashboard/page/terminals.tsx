/*
 * Every Terminal session core serves, as an xterm.js terminal: what the
 * client wrote (escape sequences and all), keys typed here go to that
 * session, and the terminal's size (fitted to its box) becomes the
 * session's size, which its client hears as a size change. Several at
 * once, side by side; the host's console keeps working beside them.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import type { Store, TerminalInfo } from './store.js';

function XTerm(props: { store: Store; terminal: TerminalInfo }) {
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<string>('');
  const { store, terminal } = props;
  useEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    const xterm = new Terminal({ convertEol: false, fontSize: 13, scrollback: 5000, theme: { background: '#101418' } });
    const fit = new FitAddon();
    xterm.loadAddon(fit);
    xterm.open(element);
    store.sink(terminal.id, (bytes) => xterm.write(bytes));
    const input = xterm.onData((data) => store.send({ t: 'terminal-input', id: terminal.id, data }));
    const resized = xterm.onResize(({ cols, rows }) => {
      setSize(`${cols}x${rows}`);
      store.send({ t: 'terminal-resize', id: terminal.id, columns: cols, rows });
    });
    const observer = new ResizeObserver(() => {
      if (element.clientWidth > 0) fit.fit();
    });
    observer.observe(element);
    /* A hidden terminal has no size to give the session: it gives one once it is shown (the observer). */
    if (element.clientWidth > 0) {
      fit.fit();
      setSize(`${xterm.cols}x${xterm.rows}`);
      store.send({ t: 'terminal-resize', id: terminal.id, columns: xterm.cols, rows: xterm.rows });
    }
    return () => {
      observer.disconnect();
      input.dispose();
      resized.dispose();
      store.sink(terminal.id, undefined);
      xterm.dispose();
    };
  }, [terminal.id]);
  return (
    <div class={`terminal${terminal.closed ? ' closed' : ''}`} data-terminal={terminal.label} data-size={size}>
      <div class="terminal-title">{terminal.label}{terminal.closed ? ' (closed)' : ''}<span class="terminal-size">{size.replace('x', ' × ')}</span></div>
      <div class="terminal-box" ref={box} />
    </div>
  );
}

export function Terminals(props: { store: Store; version: number }) {
  const terminals = [...props.store.terminals.values()];
  if (terminals.length === 0) return <div class="empty">No Terminal session is open at core (route a component's Terminal to the parent).</div>;
  return <div class="terminals">{terminals.map((terminal) => <XTerm key={terminal.id} store={props.store} terminal={terminal} />)}</div>;
}
