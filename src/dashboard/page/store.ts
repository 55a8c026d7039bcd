/*
 * The page's picture of the system, kept from what the live channel
 * pushes, and the page's requests to core. Views read it and re-render
 * (at most once per animation frame) when it changes; terminal output goes
 * straight to the terminal's sink, and the screen's binary frames straight
 * to its canvas, not through a render.
 */

import type { ComponentInfo, ConfigError, LogLine, PageMessage, RouteLines, ServerMessage, SessionEdge } from '../protocol.js';
import { ScreenCanvas } from './screen_canvas.js';

/* Lines the page keeps; older ones go. */
export const MAX_LOG_LINES = 200_000;
const HISTORY_POINTS = 240;

export interface Result {
  readonly ok: boolean;
  readonly message: string;
  readonly errors?: readonly ConfigError[];
}

export interface TerminalInfo {
  readonly id: number;
  readonly label: string;
  closed: boolean;
}

type Sink = (bytes: Uint8Array) => void;

function decode(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

export class Store {
  name = '';
  /** Wall-clock ms of the boot (for the timeline's axis). */
  bootedAt = 0;
  config = '';
  ended: number | undefined;
  connection: 'connecting' | 'open' | 'closed' = 'connecting';
  /** Newest component time seen (ms since boot). */
  time = 0;
  readonly components = new Map<number, ComponentInfo & { history: [number, number][] }>();
  sessions: readonly SessionEdge[] = [];
  routes: readonly RouteLines[] = [];
  readonly log: LogLine[] = [];
  /** Lines dropped from the front of `log` so far (the log view keeps its place by it). */
  logDropped = 0;
  readonly terminals = new Map<number, TerminalInfo>();
  /** Core's screen (its size comes at connect, its pixels after). */
  screen: ScreenCanvas | undefined;
  /** Changes on every update: views compare it to know. */
  version = 0;
  /** Change only with the components, and with the sessions: the tree and the graph re-render by them, not at every log line. */
  componentsVersion = 0;
  sessionsVersion = 0;

  readonly #listeners = new Set<() => void>();
  readonly #sinks = new Map<number, Sink>();
  readonly #pendingOutput = new Map<number, Uint8Array[]>();
  readonly #results = new Map<number, (result: Result) => void>();
  #requests = 0;
  #socket: WebSocket | undefined;
  #frame = 0;

  connect(url: string): void {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    this.#socket = socket;
    socket.onopen = () => {
      this.connection = 'open';
      this.#changed();
    };
    socket.onclose = () => {
      this.connection = 'closed';
      for (const resolve of this.#results.values()) resolve({ ok: false, message: 'the dashboard is gone' });
      this.#results.clear();
      this.#changed();
    };
    socket.onmessage = (event) => {
      if (event.data instanceof ArrayBuffer) this.#screenFrame(event.data);
      else this.#receive(JSON.parse(String(event.data)) as ServerMessage);
    };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Where terminal `id`'s output goes; output that came before is written at once. */
  sink(id: number, sink: Sink | undefined): void {
    if (sink === undefined) {
      this.#sinks.delete(id);
      return;
    }
    this.#sinks.set(id, sink);
    for (const bytes of this.#pendingOutput.get(id) ?? []) sink(bytes);
    this.#pendingOutput.delete(id);
  }

  send(message: PageMessage): void {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  /** A request with an answer (apply, kill, restart). */
  request(make: (request: number) => PageMessage): Promise<Result> {
    const request = ++this.#requests;
    return new Promise((resolve) => {
      this.#results.set(request, resolve);
      this.send(make(request));
    });
  }

  /* Drawn at once, and acknowledged: core sends more when the page keeps up. */
  #screenFrame(data: ArrayBuffer): void {
    const seq = this.screen?.draw(data);
    if (seq !== undefined) this.send({ t: 'screen-ack', seq });
  }

  #receive(message: ServerMessage): void {
    switch (message.t) {
      case 'hello':
        this.name = message.name;
        this.bootedAt = message.bootedAt;
        this.config = message.config;
        this.ended = message.ended;
        this.components.clear();
        this.log.length = 0;
        this.componentsVersion++;
        break;
      case 'components':
        this.time = Math.max(this.time, message.time);
        for (const id of message.removed) this.components.delete(id);
        for (const info of message.changed) {
          const known = this.components.get(info.id);
          const history = known?.history ?? [];
          for (const point of info.history ?? []) {
            if (history.at(-1)?.[0] !== point[0]) history.push([point[0], point[1]]);
          }
          if (history.length > HISTORY_POINTS) history.splice(0, history.length - HISTORY_POINTS);
          this.components.set(info.id, { ...info, history });
        }
        this.componentsVersion++;
        break;
      case 'sessions':
        this.sessions = message.sessions;
        this.routes = message.routes;
        this.sessionsVersion++;
        break;
      case 'log':
        for (const line of message.lines) this.log.push(line);
        if (this.log.length > MAX_LOG_LINES) {
          const drop = this.log.length - MAX_LOG_LINES;
          this.log.splice(0, drop);
          this.logDropped += drop;
        }
        break;
      case 'terminal-open':
        this.terminals.set(message.id, { id: message.id, label: message.label, closed: false });
        break;
      case 'terminal-output': {
        const bytes = decode(message.data);
        const sink = this.#sinks.get(message.id);
        if (sink !== undefined) sink(bytes);
        else this.#pendingOutput.set(message.id, [...(this.#pendingOutput.get(message.id) ?? []), bytes]);
        return;
      }
      case 'terminal-closed': {
        const terminal = this.terminals.get(message.id);
        if (terminal !== undefined) terminal.closed = true;
        break;
      }
      case 'config':
        this.config = message.config;
        break;
      case 'result':
        this.#results.get(message.request)?.({ ok: message.ok, message: message.message, errors: message.errors });
        this.#results.delete(message.request);
        return;
      case 'ended':
        this.ended = message.code;
        break;
      case 'screen':
        if (this.screen?.width !== message.width || this.screen.height !== message.height) {
          this.screen = new ScreenCanvas(message.width, message.height, (events) => this.send({ t: 'screen-input', events }));
        }
        break;
    }
    this.#changed();
  }

  #changed(): void {
    this.version++;
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      for (const listener of this.#listeners) listener();
    });
  }
}
