/*
 * Core's dashboard (docs/dashboard.md): what core knows about the running
 * system, pushed to the pages that watch it, and the controls a page has.
 *
 * Core tells it of PDs and sessions and reports as they change (it is
 * core's CoreObserver), `nido run` hands it every LOG line and the Terminal
 * service lets it tap the console's sessions, the screen its damaged
 * rectangles (each page gets them through its own ScreenStream, the
 * page's keyboard and pointer go back to core's Input service). While a page is connected
 * it samples the accounts every TICK_MS and sends what changed; log lines
 * quotas and sessions go out at that tick, components born or ended
 * within SOON_MS, terminal output at once.
 */

import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { WebSocket } from 'ws';
import type { Core, CoreObserver } from '../core/core.js';
import type { PdSession } from '../core/pd/pd_service.js';
import type { TerminalTap, TerminalView } from '../core/terminal_service.js';
import { labelElements } from '../util/label.js';
import { checkConfig, parseConfig, restartedConfig, routeLines, writeConfig } from './config_file.js';
import { ComponentRegistry } from './component_registry.js';
import { LogHistory } from './log_history.js';
import type { PageMessage, RouteLines, ServerMessage } from './protocol.js';
import { ScreenStream } from './screen_stream.js';
import { inputEvent, type InputEvent } from '../session/input/event.js';
import { MAX_EVENT_BATCH } from '../session/event/interface.js';
import { DashboardServer } from './server.js';
import { SessionMap } from './session_map.js';

const TICK_MS = 100;
const SOON_MS = 10;
/* Terminal output kept per session for a page that opens later (a shell's prompt, vim's screen). */
const TERMINAL_HISTORY = 256 * 1024;

interface TerminalEntry {
  readonly view: TerminalView;
  history: Buffer[];
  bytes: number;
}

export class Dashboard implements CoreObserver {
  readonly #bootDir: string;
  readonly #bootedAt = performance.now();
  readonly #registry = new ComponentRegistry(() => this.#now());
  readonly #sessions = new SessionMap();
  readonly #log = new LogHistory(() => this.#now());
  readonly #terminals = new Map<number, TerminalEntry>();
  readonly #pages = new Set<WebSocket>();
  readonly #screens = new Map<WebSocket, ScreenStream>();
  readonly #server: DashboardServer;
  #core: Core | undefined;
  #untap: (() => void) | undefined;
  #untapScreen: (() => void) | undefined;
  #sessionsDirty = true;
  #sessionsSent = '';
  #tick: NodeJS.Timeout | undefined;
  #flushSoon: NodeJS.Timeout | undefined;
  #ended: number | undefined;

  constructor(options: { readonly bootDir: string; readonly port: number }) {
    this.#bootDir = options.bootDir;
    this.#server = new DashboardServer({ port: options.port, connected: (socket) => void this.#connected(socket) });
  }

  /** Starts serving; resolves with the page's address (token included). */
  listen(): Promise<string> {
    return this.#server.listen();
  }

  /** The core it watches (made with this dashboard as its observer). */
  attach(core: Core): void {
    this.#core = core;
    this.#untap = core.terminals.tap(this.#terminalTap());
    this.#untapScreen = core.screen.tap({
      damaged: (rect) => { for (const stream of this.#screens.values()) stream.damaged(rect); },
    });
  }

  async close(): Promise<void> {
    clearInterval(this.#tick);
    clearTimeout(this.#flushSoon);
    this.#untap?.();
    this.#untapScreen?.();
    for (const stream of this.#screens.values()) stream.close();
    await this.#server.close();
  }

  /* ---------------------------------------------------------- what core says */

  pdChanged(pd: PdSession): void {
    this.#registry.pdChanged(pd);
    this.#sessionsDirty = true;
    this.#soon();
  }

  servicesChanged(): void {
    this.#sessionsDirty = true;
  }

  reported(label: string, content: string): void {
    const children = this.#sessions.reported(label, content);
    if (children === undefined) return;
    for (const [child, report] of children) this.#registry.reportedBy(child, report);
    this.#sessionsDirty = true;
  }

  /** A line `nido run` printed: "[label] text", or core's own. */
  line(text: string): void {
    const line = this.#log.add(text);
    if (line.label !== '') this.#registry.logged(line.label);
  }

  /** The system ended (init exited, or the run was interrupted) with `code`. */
  ended(code: number): void {
    this.#ended = code;
    this.#flush();
    this.#broadcast({ t: 'ended', code });
  }

  /* ---------------------------------------------------------- the pages */

  #now(): number {
    return Math.round((performance.now() - this.#bootedAt) * 10) / 10;
  }

  async #connected(socket: WebSocket): Promise<void> {
    this.#pages.add(socket);
    socket.on('close', () => {
      this.#pages.delete(socket);
      this.#screens.get(socket)?.close();
      this.#screens.delete(socket);
      if (this.#pages.size === 0) {
        clearInterval(this.#tick);
        this.#tick = undefined;
      }
    });
    socket.on('message', (data, binary) => {
      if (binary) return;
      let message: PageMessage;
      try {
        message = JSON.parse(String(data)) as PageMessage;
      } catch {
        return;
      }
      /* A request that fails (the boot directory not writable, say) is answered so, and the system goes on. */
      this.#handle(socket, message).catch((error: unknown) => {
        const request = (message as { request?: unknown }).request;
        if (typeof request === 'number') this.#send(socket, { t: 'result', request, ok: false, message: `failed: ${(error as Error).message}` });
      });
    });
    const config = await this.#readConfig();
    this.#registry.sample();
    this.#send(socket, { t: 'hello', name: basename(this.#bootDir), bootedAt: Date.now() - this.#now(), config, ended: this.#ended });
    this.#send(socket, { t: 'components', changed: this.#registry.snapshot(), removed: [], time: this.#now() });
    this.#send(socket, this.#sessionsMessage(config));
    for (const lines of this.#log.chunks()) this.#send(socket, { t: 'log', lines });
    for (const { view, history } of this.#terminals.values()) {
      this.#send(socket, { t: 'terminal-open', id: view.id, label: view.label });
      if (history.length > 0) this.#send(socket, { t: 'terminal-output', id: view.id, data: Buffer.concat(history).toString('base64') });
    }
    const screen = this.#core?.screen;
    if (screen !== undefined && socket.readyState === socket.OPEN) {
      const { width, height } = screen.mode;
      this.#send(socket, { t: 'screen', width, height });
      const stream = new ScreenStream(socket, screen);
      this.#screens.set(socket, stream);
      stream.damaged({ x: 0, y: 0, width, height });
    }
    this.#tick ??= setInterval(() => this.#flush(), TICK_MS);
  }

  /*
   * A component born, started or ended goes out within SOON_MS (the events
   * of one moment, a boot's, coalesce), not at the next tick, so that it
   * is on the page well within 100 ms; the sessions, costlier to gather,
   * follow at the tick.
   */
  #soon(): void {
    if (this.#pages.size === 0 || this.#flushSoon !== undefined) return;
    this.#flushSoon = setTimeout(() => {
      this.#flushSoon = undefined;
      const { changed, removed } = this.#registry.takeChanges();
      if (changed.length > 0 || removed.length > 0) this.#broadcast({ t: 'components', changed, removed, time: this.#now() });
    }, SOON_MS);
  }

  /** Sends what changed since the last tick to every page. */
  #flush(): void {
    if (this.#pages.size === 0) return;
    this.#registry.sample();
    const { changed, removed } = this.#registry.takeChanges();
    if (changed.length > 0 || removed.length > 0) this.#broadcast({ t: 'components', changed, removed, time: this.#now() });
    const lines = this.#log.takeNew();
    if (lines.length > 0) this.#broadcast({ t: 'log', lines });
    if (this.#sessionsDirty) {
      this.#sessionsDirty = false;
      void this.#readConfig().then((config) => {
        /* A report that changed nothing of them (it comes every delay_ms) sends nothing. */
        const text = JSON.stringify(this.#sessionsMessage(config));
        if (text === this.#sessionsSent) return;
        this.#sessionsSent = text;
        this.#broadcastText(text);
      });
    }
  }

  #sessionsMessage(config: string): ServerMessage {
    const core = new Map<string, { label: string; ram: number; caps: number }[]>();
    for (const [name, root] of this.#core?.services ?? []) core.set(name, root.sessions());
    const sessions = this.#sessions.edges(core, this.#registry.liveLabels());
    const routes: RouteLines[] = [];
    const root = parseConfig(config);
    for (const [child, requested] of this.#sessions.requested('init')) {
      for (const lines of routeLines(root, child, requested)) routes.push({ ...lines, component: `init -> ${child}` });
    }
    return { t: 'sessions', sessions, routes };
  }

  async #readConfig(): Promise<string> {
    return readFile(join(this.#bootDir, 'config'), 'utf8').catch(() => '');
  }

  async #handle(socket: WebSocket, message: PageMessage): Promise<void> {
    switch (message.t) {
      case 'terminal-input':
        this.#terminals.get(message.id)?.view.input(Buffer.from(String(message.data), 'utf8'));
        return;
      case 'screen-ack':
        this.#screens.get(socket)?.acked(message.seq);
        return;
      case 'screen-input': {
        const events = screenEvents(message.events);
        if (events.length > 0) this.#core?.screen.input(events);
        return;
      }
      case 'terminal-resize': {
        const { columns, rows } = message;
        if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1 || columns > 1000 || rows > 1000) return;
        this.#terminals.get(message.id)?.view.resize({ columns, rows });
        return;
      }
      case 'apply-config': {
        const config = String(message.config);
        const errors = checkConfig(config);
        if (errors.length > 0) {
          this.#send(socket, { t: 'result', request: message.request, ok: false, message: 'not applied: the config has errors', errors });
          return;
        }
        await writeConfig(this.#bootDir, config);
        this.#send(socket, { t: 'result', request: message.request, ok: true, message: 'applied' });
        this.#broadcast({ t: 'config', config });
        this.#sessionsDirty = true;
        return;
      }
      case 'kill': {
        const pd = this.#registry.live(message.component);
        if (pd === undefined || pd.state !== 'alive') {
          this.#send(socket, { t: 'result', request: message.request, ok: false, message: 'no such running component' });
          return;
        }
        pd.terminate('killed from the dashboard');
        this.#send(socket, { t: 'result', request: message.request, ok: true, message: `killed ${pd.label}` });
        return;
      }
      case 'restart': {
        const elements = labelElements(String(message.label));
        const config = await this.#readConfig();
        const restarted = elements.length === 2 && elements[0] === 'init'
          ? restartedConfig(config, elements[1] as string)
          : { error: 'only children of the top init restart from here (by the version attribute of their <start> node)' };
        if (typeof restarted !== 'string') {
          this.#send(socket, { t: 'result', request: message.request, ok: false, message: restarted.error });
          return;
        }
        await writeConfig(this.#bootDir, restarted);
        this.#send(socket, { t: 'result', request: message.request, ok: true, message: `restarting ${message.label}` });
        this.#broadcast({ t: 'config', config: restarted });
        return;
      }
      default:
        return;
    }
  }

  #send(socket: WebSocket, message: ServerMessage): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  #broadcast(message: ServerMessage): void {
    if (this.#pages.size > 0) this.#broadcastText(JSON.stringify(message));
  }

  #broadcastText(text: string): void {
    for (const socket of this.#pages) if (socket.readyState === socket.OPEN) socket.send(text);
  }

  #terminalTap(): TerminalTap {
    return {
      opened: (view) => {
        this.#terminals.set(view.id, { view, history: [], bytes: 0 });
        this.#broadcast({ t: 'terminal-open', id: view.id, label: view.label });
      },
      output: (view, bytes) => {
        const entry = this.#terminals.get(view.id);
        if (entry === undefined) return;
        const copy = Buffer.from(bytes);
        entry.history.push(copy);
        entry.bytes += copy.length;
        while (entry.bytes > TERMINAL_HISTORY && entry.history.length > 1) entry.bytes -= (entry.history.shift() as Buffer).length;
        this.#broadcast({ t: 'terminal-output', id: view.id, data: copy.toString('base64') });
      },
      closed: (view) => {
        this.#terminals.delete(view.id);
        this.#broadcast({ t: 'terminal-closed', id: view.id });
      },
    };
  }
}

/* The page's events as core's Input service takes them: well-formed ones only, a batch at most. */
function screenEvents(value: unknown): InputEvent[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, MAX_EVENT_BATCH).map(inputEvent).filter((event): event is InputEvent => event !== undefined);
}
